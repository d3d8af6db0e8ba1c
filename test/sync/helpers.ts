// Shared pieces of the remote-sync tests: a fetcher that never sleeps between attempts (and
// records what it was asked to wait), a SyncService on a database with an in-memory secret key,
// a console listening on real loopback, and the DATA.md rows of a table for comparisons.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findEntity } from '../../src-shared/domain/entities'
import { fixedClock, type Clock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import {
  HttpFetcher,
  type FetchedPage,
  type FetchLimits,
  type FetchRequest,
  type RetryInfo,
  type RetryPolicy,
} from '../../src-main/core/sync/http-client'
import { SyncService } from '../../src-main/core/sync/runner'
import { SecretBox } from '../../src-main/core/sync/secrets'
import { SourceStore } from '../../src-main/core/sync/sources'

/** 2026-03-25T12:00:00Z: the fixed "now" of these tests (whole seconds, for HTTP dates). */
export const NOW = Date.UTC(2026, 2, 25, 12, 0, 0)

/**
 * An HttpFetcher whose waits between attempts return at once (the delays asked for are kept in
 * `delays`), and which counts what it fetches. `onFetch` runs before each fetch.
 */
export class TestFetcher extends HttpFetcher {
  readonly delays: number[]
  readonly urls: string[] = []
  /** Runs before each fetch. */
  onFetch: ((count: number, url: string) => void) | undefined

  constructor(
    options: {
      limits?: Partial<FetchLimits>
      retry?: Partial<RetryPolicy>
      now?: () => number
    } = {},
  ) {
    const delays: number[] = []
    super({
      limits: options.limits,
      retry: options.retry,
      deps: {
        wait: async (ms, signal) => {
          delays.push(ms)
          if (signal?.aborted) throw signal.reason
        },
        random: () => 0.5,
        now: options.now ?? (() => NOW),
      },
    })
    this.delays = delays
  }

  /** Awaited before each fetch (after `onFetch`), e.g. to change the remote first. */
  before: ((count: number, url: string) => Promise<void>) | undefined

  override async fetch(
    request: FetchRequest,
    onRetry?: (info: RetryInfo) => void,
  ): Promise<FetchedPage> {
    this.urls.push(request.url)
    const count = this.urls.length
    this.onFetch?.(count, request.url)
    await this.before?.(count, request.url)
    return super.fetch(request, onRetry)
  }
}

/** This test process's secret key (as the key file beside a database would be). */
const KEY = randomBytes(32)

/** A SyncService on `db` whose secrets are sealed with this process's in-memory key. */
export function syncService(
  db: DbClient,
  options: {
    fetcher?: HttpFetcher
    clock?: Clock
    saveEveryMs?: number
    monotonic?: () => number
    box?: SecretBox
  } = {},
): SyncService {
  const clock = options.clock ?? fixedClock(NOW)
  const box = options.box ?? new SecretBox(KEY)
  return new SyncService({
    db,
    clock,
    store: new SourceStore(db, clock, () => box),
    timeZone: () => 'UTC',
    fetcher: options.fetcher ?? new TestFetcher(),
    ...(options.saveEveryMs === undefined ? {} : { saveEveryMs: options.saveEveryMs }),
    ...(options.monotonic === undefined ? {} : { monotonic: options.monotonic }),
  })
}

/** The DATA.md columns of every row of a table, ordered by id. */
export async function rowsOf(db: DbClient, entity: string): Promise<Record<string, unknown>[]> {
  const def = findEntity(entity)
  if (def === undefined) throw new Error(`no entity ${entity}`)
  const columns = def.columns.map((column) => column.name)
  return db.query<Record<string, unknown>>(
    `SELECT ${columns.join(', ')} FROM ${def.name} ORDER BY id`,
  )
}

export async function countOf(db: DbClient, entity: string): Promise<number> {
  const row = await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${entity}`)
  return row?.n ?? 0
}

/** A temporary folder, removed by the returned function. */
export function tempFolder(prefix = 'sextant-sync-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Writes a dataset folder (one file per entity) under `parent` and answers its path. */
export function writeDataset(parent: string, name: string, files: Record<string, string>): string {
  const folder = join(parent, name)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(join(folder, file), text)
  return folder
}

/** An in-memory database holding one workspace, `acme`: where the sync tests start. */
export async function databaseWithAcme(folder: string): Promise<DbClient> {
  const db = await DbClient.open(null)
  await db.import([
    {
      path: writeDataset(folder, 'workspaces', {
        'workspaces.csv': 'id,name,created_at\nacme,Acme,2026-01-01\n',
      }),
    },
  ])
  return db
}

/** Empties what a sync test writes (contacts, sources, runs, checkpoints, snapshots). */
export async function clearSyncState(db: DbClient): Promise<void> {
  await db.write(
    ['contacts', 'sync_checkpoints', 'remote_snapshots', 'sync_runs', 'sync_sources'].map(
      (table) => ({ sql: `DELETE FROM ${table}` }),
    ),
  )
}

/** A console server on 127.0.0.1, a free port; `port` is the one it got. */
export async function listeningConsole(
  db: DbClient,
  clock: Clock = fixedClock(NOW),
): Promise<{ server: SextantServer; port: number; url: string }> {
  let port = 0
  const server = createServer({ db, clock, version: 'test', port: () => port, logger: false })
  await server.listen({ host: '127.0.0.1', port: 0 })
  const address = server.server.address()
  if (address === null || typeof address !== 'object') throw new Error('not listening')
  port = address.port
  return { server, port, url: `http://127.0.0.1:${port}` }
}
