// Rule (issue #12, item 3; README "Syncing from remote sources", "Incremental runs"): records
// that change while a run walks the remote's pages never leave a permanent gap. For every
// pagination kind (page, offset, cursor, link, none), incremental on and off, sorted by change
// time or not, the remote changes its records right after the run's k-th page (an already-sent
// record gets a new updated_at, a not-yet-sent one changes, a record is inserted with an older
// updated_at than the records still to come, a record is deleted); after that run and one
// more with no further changes the local table holds exactly the remote's final records (sets
// written out by hand below), and the second run ends in a bounded number of pages. Records
// are served in change-time order when `sorted` is set and in id order otherwise, as a remote
// that does not sort by change time would (a changed record keeps its place there).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { HttpConfig } from '../../src-shared/api/sync'
import { type DbClient } from '../../src-main/core/db/client'
import type { SyncService } from '../../src-main/core/sync/runner'
import {
  paginatedDataset,
  startFaultServer,
  type DatasetRecord,
  type FaultServer,
  type PaginationStyle,
  type RecordChange,
} from './fault-server'
import { clearSyncState, databaseWithAcme, syncService, tempFolder, TestFetcher } from './helpers'

interface Contact extends DatasetRecord {
  id: string
  workspace: string
  email: string
  created_at: string
  updated_at: string
}

type Kind = PaginationStyle | 'none'
const KINDS: readonly Kind[] = ['page', 'offset', 'cursor', 'link', 'none']

/** 2026-02-01 at hh:mm:ss UTC: every change time of these tests. */
const at = (time: string): string => `2026-02-01T${time}Z`

function contact(n: number, time = at(`00:${String(n).padStart(2, '0')}:00`)): Contact {
  const id = `c${String(n).padStart(2, '0')}`
  return {
    id,
    workspace: 'acme',
    email: `${id}@old.example`,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: time,
  }
}

const MAPPING: HttpConfig['mapping'] = {
  workspace_id: 'workspace',
  first_name: { const: null },
  last_name: { const: null },
}

function pagination(kind: Kind, size: number): NonNullable<HttpConfig['pagination']> {
  switch (kind) {
    case 'page':
      return { type: 'page', size }
    case 'offset':
      return { type: 'offset', size }
    case 'cursor':
      return { type: 'cursor', cursorPath: 'meta.next_cursor' }
    case 'link':
      return { type: 'link' }
    case 'none':
      return { type: 'none' }
  }
}

/** The four changes of item 3; `inserted` is the new record's change time. */
function fourChanges(inserted: string): RecordChange<Contact>[] {
  return [
    // c02 was sent on page 1: a new change time puts it last (in change-time order).
    { kind: 'update', id: 'c02', fields: { email: 'c02@new.example', updated_at: at('01:01:00') } },
    // c10 has not been sent yet.
    { kind: 'update', id: 'c10', fields: { email: 'c10@new.example', updated_at: at('01:02:00') } },
    // Older than the records still to come (when there are any), not than those sent; by id
    // it sorts among the sent ones (after c03).
    {
      kind: 'insert',
      record: { ...contact(3, at(inserted)), id: 'c03x', email: 'c03x@new.example' },
    },
    // Not sent yet (it never arrives), unless the run has sent every record already.
    { kind: 'delete', id: 'c11' },
  ]
}

interface Scenario {
  readonly name: string
  readonly size: number
  readonly records: () => Contact[]
  /** The order the remote serves in: by change time when the source says sorted (null). */
  readonly order?: 'updated' | 'id'
  /** The changes, right after the k-th page (k = 1 for `none`, whose only page is the run). */
  readonly afterPage: (kind: Kind) => number | 'last'
  readonly changes: (kind: Kind) => RecordChange<Contact>[]
  /** The local rows after the second run, [id, email], by id: written out by hand. */
  readonly expected: (kind: Kind) => [string, string][]
}

const old = (n: number): [string, string] => {
  const id = `c${String(n).padStart(2, '0')}`
  return [id, `${id}@old.example`]
}
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'four changes after page 2',
    size: 4,
    records: () => range(1, 12).map((n) => contact(n)),
    afterPage: (kind) => (kind === 'none' ? 1 : 2),
    // `none` has sent every record with its one page.
    changes: (kind) => fourChanges(kind === 'none' ? '00:12:30' : '00:08:30'),
    expected: (kind) => [
      old(1),
      ['c02', 'c02@new.example'],
      old(3),
      ['c03x', 'c03x@new.example'],
      ...range(4, 9).map(old),
      ['c10', 'c10@new.example'],
      ...(kind === 'none' ? [old(11)] : []),
      old(12),
    ],
  },
  {
    // The remote changes once the run has been answered its last record: the next run must
    // still get every change (the checkpoint did not pass them).
    name: "four changes after the run's last page",
    size: 4,
    records: () => range(1, 12).map((n) => contact(n)),
    afterPage: () => 'last',
    changes: () => fourChanges('00:12:30'),
    expected: () => [
      old(1),
      ['c02', 'c02@new.example'],
      old(3),
      ['c03x', 'c03x@new.example'],
      ...range(4, 9).map(old),
      ['c10', 'c10@new.example'],
      old(11),
      old(12),
    ],
  },
  {
    // The run of issue #12: a remote sorted by updated_at (whatever the source says) changes
    // five records already sent; with page or offset pagination the five after page 2 shifted
    // out of the run, and the checkpoint passed them.
    name: 'five already-sent records change after page 2 (issue #12)',
    size: 10,
    order: 'updated',
    records: () => range(1, 40).map((n) => contact(n)),
    afterPage: (kind) => (kind === 'none' ? 1 : 2),
    changes: () =>
      [3, 6, 9, 12, 15].map((n, i) => ({
        kind: 'update' as const,
        id: `c${String(n).padStart(2, '0')}`,
        fields: {
          email: `c${String(n).padStart(2, '0')}@new.example`,
          updated_at: at(`01:0${i + 1}:00`),
        },
      })),
    expected: () =>
      range(1, 40).map((n) =>
        [3, 6, 9, 12, 15].includes(n)
          ? [`c${String(n).padStart(2, '0')}`, `c${String(n).padStart(2, '0')}@new.example`]
          : old(n),
      ),
  },
  {
    // Sync adds and updates; it never deletes, so c02 stays here. Its going shifts every later
    // record back one place on a page-numbered remote.
    name: 'an already-sent record is deleted after page 2',
    size: 4,
    records: () => range(1, 12).map((n) => contact(n)),
    afterPage: (kind) => (kind === 'none' ? 1 : 2),
    changes: () => [{ kind: 'delete', id: 'c02' }],
    expected: () => range(1, 12).map(old),
  },
]

const folder = tempFolder('sextant-mutating-')
process.on('exit', () => folder.remove())
let db: DbClient
let sync: SyncService
let server: FaultServer | undefined

// One in-memory database for the file (a worker per test would cost more than the tests);
// every test starts from the same state: one workspace, no contacts, no source.
beforeAll(async () => {
  db = await databaseWithAcme(folder.path)
})

afterAll(() => db.close())

beforeEach(async () => {
  await clearSyncState(db)
  sync = syncService(db, { fetcher: new TestFetcher() })
})

afterEach(async () => {
  await sync.close()
  await server?.close()
  server = undefined
})

async function local(): Promise<[string, string][]> {
  const rows = await db.query<{ id: string; email: string }>(
    'SELECT id, email FROM contacts ORDER BY id',
  )
  return rows.map((row) => [row.id, row.email])
}

describe.each(SCENARIOS)('$name', (scenario) => {
  describe.each(KINDS)('pagination %s', (kind) => {
    it.each([
      { incremental: true, sorted: true },
      { incremental: true, sorted: false },
      { incremental: false, sorted: true },
      { incremental: false, sorted: false },
    ])(
      'incremental $incremental, sorted $sorted: after one more run, exactly the remote',
      async ({ incremental, sorted }) => {
        const records = scenario.records()
        server = await startFaultServer(
          paginatedDataset(records, {
            style: kind,
            order: scenario.order ?? (sorted ? 'updated' : 'id'),
            defaultPageSize: scenario.size,
            changes: { afterPage: scenario.afterPage(kind), apply: scenario.changes(kind) },
          }),
        )
        await sync.store.create({
          name: 'api',
          kind: 'http',
          config: {
            url: `${server.url}/contacts`,
            entity: 'contacts',
            mapping: MAPPING,
            pagination: pagination(kind, scenario.size),
            ...(incremental
              ? { incremental: { param: 'updated_since', field: 'updated_at', sorted } }
              : {}),
          },
        })
        const first = await sync.run('api', 'manual')
        expect([first.state, first.error]).toEqual(['ok', null])
        // Sorted by change time, a paginated incremental run reads past changes made behind
        // it: the run alone already holds the remote's final records.
        if (incremental && sorted && kind !== 'none' && scenario.afterPage(kind) !== 'last')
          expect(await local()).toEqual(scenario.expected(kind))
        const second = await sync.run('api', 'manual')
        expect([second.state, second.error]).toEqual(['ok', null])
        expect(await local()).toEqual(scenario.expected(kind))
        // No loop: a quiet remote is read in at most two passes over its pages, plus the
        // two requests that end a pass.
        const count = scenario.expected(kind).length
        expect(second.pages).toBeLessThanOrEqual(2 * Math.ceil(count / scenario.size) + 2)
      },
    )
  })
})
