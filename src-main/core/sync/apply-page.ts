/**
 * The database worker's half of a sync: one fetched page becomes records and a new checkpoint in
 * ONE transaction, so the file on disk never holds records without the checkpoint that covers
 * them (nor the reverse). A run that dies resumes from the last committed page: no gap, and no
 * record applied twice. Records go through the importer's converters and ImportSession, so the
 * rules of DATA.md (types, enums, references, unique columns, upsert by id) are the importer's,
 * and a page with one bad record is rolled back whole.
 */
import type { SqlValue } from 'sql.js'
import type { Pagination } from '../../../src-shared/api/sync'
import { findEntity, type EntityName } from '../../../src-shared/domain/entities'
import type { Sqlite } from '../db/sqlite'
import { ImportFailed, SextantError } from '../errors'
import { ImportSession, IssueList, type SessionCache } from '../importer/session'
import { convertRecord, convertersOf } from '../importer/validate'
import {
  nextCheckpoint,
  sortedProblem,
  type HttpCheckpoint,
  type IncrementalMode,
} from './checkpoint'
import {
  MalformedPage,
  readPage,
  recordMapper,
  valueAt,
  type PageReader,
  type Position,
} from './page'

export type { HttpCheckpoint } from './checkpoint'

/** Where one entity of another Sextant stands: its record feed's cursor. */
export interface FeedCheckpoint {
  readonly after: string | null
}

export type Advance =
  | { readonly kind: 'feed' }
  | {
      readonly kind: 'http'
      readonly pagination: Pagination
      /** How the source reads and moves its checkpoint (checkpoint.ts). */
      readonly mode: IncrementalMode
      /** This page's position. */
      readonly position: Position
      /** The parameter this page was asked with. */
      readonly runSince: string | null
      readonly linkNext: string | null
      /** This page begins a pass: the run's first, or the first after it started over. */
      readonly restart: boolean
    }

export interface SyncPageArgs {
  readonly sourceId: number
  readonly runId: number
  /** How messages name this page, e.g. `contacts page 3 (http://...)`. */
  readonly label: string
  readonly entity: EntityName
  readonly body: Uint8Array
  readonly contentType: string | null
  readonly reader: PageReader
  readonly checkpointKey: string
  readonly advance: Advance
}

export interface SyncPageResult {
  readonly records: number
  /** New rows. */
  readonly added: number
  /** Existing rows whose content changed (a record that came again unchanged is neither). */
  readonly updated: number
  /** The checkpoint now stored. */
  readonly checkpoint: HttpCheckpoint | FeedCheckpoint
  /** The source (or this entity of it) has no more pages. */
  readonly done: boolean
  /** How long saving the file took, when this page was saved. */
  readonly savedMs?: number
}

/** At most this many bad records are named in a rejected page's message. */
const NAMED_ISSUES = 3

/** Where a source stands (`state` JSON), read by the runner before a page and here within it. */
export const CHECKPOINT_QUERY =
  'SELECT state FROM sync_checkpoints WHERE source_id = :source AND key = :key'

function readCheckpoint<T>(sqlite: Sqlite, sourceId: number, key: string): T | null {
  const row = sqlite.get<{ state: string }>(CHECKPOINT_QUERY, { source: sourceId, key })
  return row === undefined ? null : (JSON.parse(row.state) as T)
}

export function applySyncPage(
  sqlite: Sqlite,
  args: SyncPageArgs,
  cache?: SessionCache,
): SyncPageResult {
  const entity = findEntity(args.entity)
  if (entity === undefined)
    throw new SextantError('bad_source', `no entity named ${args.entity}`, 400)
  const page = readPage(args.label, args.body, args.contentType, args.reader)
  const map = recordMapper(entity, args.reader.mapping)
  const converters = convertersOf(entity)
  const typed: SqlValue[] = new Array(converters.length)
  const field = args.reader.incrementalField
  const stamps = field === undefined ? [] : page.records.map((record) => valueAt(record, field))
  if (args.advance.kind === 'http') {
    const problem = sortedProblem(args.advance.mode, stamps)
    if (problem !== null) throw new MalformedPage(args.label, problem)
  }
  return sqlite.transaction(() => {
    const issues = new IssueList(NAMED_ISSUES)
    const session = new ImportSession(sqlite, issues, page.records.length, undefined, cache)
    session.beginEntity(entity.name, page.records.length)
    page.records.forEach((record, index) => {
      if (issues.full) return
      const line = index + 1
      const mapped = map(record)
      if ('problem' in mapped) {
        issues.add({ file: args.label, line, column: 0, reason: mapped.problem })
        return
      }
      const ok = convertRecord(entity, converters, mapped.values, typed, (column, reason) =>
        issues.add({ file: args.label, line, column: column + 1, reason }),
      )
      if (!ok) return
      session.add(typed, args.label, line, (column) => column + 1)
    })
    session.endEntity()
    if (issues.issues.length > 0)
      throw rejected(args.label, issues.issues.length, new ImportFailed(issues.issues))
    const count = session.counts[0] ?? { added: 0, records: 0 }
    let checkpoint: HttpCheckpoint | FeedCheckpoint
    let done: boolean
    if (args.advance.kind === 'feed') {
      const cursor = valueAt(page.body, 'cursor')
      const next = valueAt(page.body, 'next')
      if (typeof cursor !== 'string')
        throw new SextantError('malformed_page', `${args.label}: the feed page has no cursor`, 502)
      checkpoint = { after: cursor }
      done = next === null || next === undefined
    } else {
      const before = readCheckpoint<HttpCheckpoint>(sqlite, args.sourceId, args.checkpointKey)
      ;({ checkpoint, done } = nextCheckpoint(before, {
        ...args.advance,
        count: page.records.length,
        body: page.body,
        stamps,
      }))
    }
    sqlite.run(
      `INSERT INTO sync_checkpoints (source_id, key, state) VALUES (:source, :key, :state)
       ON CONFLICT (source_id, key) DO UPDATE SET state = excluded.state`,
      { source: args.sourceId, key: args.checkpointKey, state: JSON.stringify(checkpoint) },
    )
    const updated = session.changed - count.added
    sqlite.run(
      `UPDATE sync_runs SET pages = pages + 1, added = added + :added, updated = updated + :updated
       WHERE id = :run`,
      { run: args.runId, added: count.added, updated },
    )
    return { records: page.records.length, added: count.added, updated, checkpoint, done }
  })
}

function rejected(label: string, count: number, failure: ImportFailed): SextantError {
  const named = failure.issues.map((issue) => `record ${issue.line}: ${issue.reason}`).join('; ')
  return new SextantError(
    'records_rejected',
    `${label}: rejected, nothing of it was written (${named}${count >= NAMED_ISSUES ? '; ...' : ''})`,
    422,
  )
}
