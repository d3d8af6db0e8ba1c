// Rule (issue #12, item 4; README "Syncing from remote sources", "Faults"): an answer that is
// not the format the source reads (a login page or captive portal where the records should be,
// CSV for a JSON source, JSON for a CSV one) fails the run with one line naming the URL, the
// status and the content type, e.g. `page 1: GET http://…/contacts?page=1&per_page=50
// answered 200 with text/html, expected CSV`. It is never read as "0 records": nothing of
// that answer is written and the checkpoint stays where it was. Another Sextant and product
// snapshot sources expect JSON the same way; a snapshot run that meets one stores no snapshot.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { HttpConfig } from '../../src-shared/api/sync'
import { type DbClient } from '../../src-main/core/db/client'
import type { SyncService } from '../../src-main/core/sync/runner'
import {
  json,
  paginatedDataset,
  redirect,
  routes,
  startFaultServer,
  wrongFormat,
  type FaultHandler,
  type FaultServer,
} from './fault-server'
import {
  countOf,
  clearSyncState,
  databaseWithAcme,
  syncService,
  tempFolder,
  TestFetcher,
} from './helpers'

const PORTAL =
  '<!doctype html>\n<html><head><title>Wi-Fi sign-in</title></head><body>Accept the terms</body></html>\n'
const CSV = 'id,workspace_id,email,created_at\nc1,acme,a@example.com,2026-01-01\n'

const folder = tempFolder('sextant-format-')
process.on('exit', () => folder.remove())
let db: DbClient
let sync: SyncService
let server: FaultServer | undefined

// One database for the file; each test starts with one workspace and no source or contact.
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

async function serve(handler: FaultHandler): Promise<FaultServer> {
  server = await startFaultServer(handler)
  return server
}

async function httpSource(config: Partial<HttpConfig> & { url: string }): Promise<void> {
  await sync.store.create({
    name: 'api',
    kind: 'http',
    config: { entity: 'contacts', pagination: { type: 'page', size: 50 }, ...config },
  })
}

async function checkpoints(): Promise<{ key: string; state: string }[]> {
  return db.query('SELECT key, state FROM sync_checkpoints ORDER BY key')
}

describe('an HTTP records source', () => {
  it.each([
    ['csv', 'text/html; charset=utf-8', PORTAL, 'text/html', 'CSV'],
    ['json', 'text/html', PORTAL, 'text/html', 'JSON'],
    ['ndjson', 'text/html', PORTAL, 'text/html', 'NDJSON'],
    ['auto', 'application/xhtml+xml', PORTAL, 'application/xhtml+xml', 'JSON, NDJSON or CSV'],
    ['json', 'text/csv', CSV, 'text/csv', 'JSON'],
    ['csv', 'application/json', '[{"id":"c1"}]', 'application/json', 'CSV'],
    // Declared CSV (or nothing), but the body is a page.
    ['csv', 'text/csv', PORTAL, 'text/csv but an HTML page', 'CSV'],
    ['csv', null, `  \n${PORTAL}`, 'no Content-Type but an HTML page', 'CSV'],
    [
      'auto',
      'text/plain',
      '<HTML><body>Sign in</body></HTML>',
      'text/plain but an HTML page',
      'JSON, NDJSON or CSV',
    ],
  ] as const)(
    'format %s answered with %s fails the run naming URL, status and type',
    async (format, contentType, body, named, expected) => {
      const remote = await serve(wrongFormat(body, contentType))
      await httpSource({ url: `${remote.url}/contacts`, format })
      const run = await sync.run('api', 'manual')
      expect(run.state).toBe('failed')
      expect(run.error).toBe(
        `page 1: GET ${remote.url}/contacts?page=1&per_page=50 answered 200 with ${named}, expected ${expected}`,
      )
      expect([run.pages, run.added]).toEqual([0, 0])
      expect(await countOf(db, 'contacts')).toBe(0)
      expect(await checkpoints()).toEqual([])
    },
  )

  it('a one-line sign-in page, which CSV reads as a header and no rows, is not "ok, 0 added"', async () => {
    const remote = await serve(
      wrongFormat(
        '<html><head><title>Sign in</title></head><body>Sign in</body></html>',
        'text/html',
      ),
    )
    await httpSource({ url: `${remote.url}/contacts`, format: 'csv' })
    const run = await sync.run('api', 'manual')
    expect([run.state, run.added, run.pages]).toEqual(['failed', 0, 0])
    expect(run.error).toBe(
      `page 1: GET ${remote.url}/contacts?page=1&per_page=50 answered 200 with text/html, expected CSV`,
    )
  })

  it('a portal reached by a redirect names both URLs; a JSON source reads real JSON as before', async () => {
    const remote = await serve(
      routes({
        '/contacts': redirect('/portal/login'),
        '/portal/login': wrongFormat(),
        '/ok': json([{ id: 'c1', workspace_id: 'acme', created_at: '2026-01-01' }]),
      }),
    )
    await httpSource({ url: `${remote.url}/contacts`, format: 'json' })
    const run = await sync.run('api', 'manual')
    expect(run.error).toBe(
      `page 1: GET ${remote.url}/contacts?page=1&per_page=50 answered 200 (redirected to ${remote.url}/portal/login) with text/html, expected JSON`,
    )
    await sync.store.update('api', {
      config: { url: `${remote.url}/ok`, entity: 'contacts', format: 'json' },
    })
    const ok = await sync.run('api', 'manual')
    expect([ok.state, ok.added]).toEqual(['ok', 1])
  })

  it('a portal in the middle of an incremental run: the pages before stay, the checkpoint is theirs', async () => {
    const records = Array.from({ length: 6 }, (_, n) => ({
      id: `c${n}`,
      workspace_id: 'acme',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: `2026-02-01T00:0${n}:00Z`,
    }))
    const dataset = paginatedDataset(records, { style: 'page', defaultPageSize: 3 })
    let portal = false
    const remote = await serve((req, res, ctx) => (portal ? wrongFormat() : dataset)(req, res, ctx))
    await httpSource({
      url: `${remote.url}/contacts`,
      pagination: { type: 'page', size: 3 },
      incremental: { param: 'updated_since', field: 'updated_at', sorted: true },
    })
    const first = await sync.run('api', 'manual')
    expect([first.state, first.added]).toEqual(['ok', 6])
    const before = await checkpoints()
    expect(JSON.parse(before[0]!.state)).toMatchObject({
      since: '2026-02-01T00:05:00Z',
      position: null,
    })

    portal = true
    const failed = await sync.run('api', 'manual')
    expect(failed.state).toBe('failed')
    expect(failed.error).toBe(
      `page 1: GET ${remote.url}/contacts?updated_since=2026-02-01T00%3A05%3A00Z&page=1&per_page=3 answered 200 with text/html, expected JSON, NDJSON or CSV`,
    )
    expect(await checkpoints()).toEqual(before)
    expect(await countOf(db, 'contacts')).toBe(6)
  })

  it('the connection test names the same', async () => {
    const remote = await serve(wrongFormat())
    await httpSource({ url: `${remote.url}/contacts`, format: 'csv' })
    const tested = await sync.test('api')
    expect(tested).toEqual({
      ok: false,
      state: 'failed',
      message: `page 1: GET ${remote.url}/contacts?page=1&per_page=50 answered 200 with text/html, expected CSV`,
    })
  })
})

describe('another Sextant', () => {
  it('a portal instead of the record feed fails the run; nothing written, no checkpoint', async () => {
    const remote = await serve(wrongFormat())
    await sync.store.create({
      name: 'other',
      kind: 'sextant',
      config: { url: remote.url, entities: ['contacts'] },
      secrets: { token: 'sxt_test' },
    })
    const run = await sync.run('other', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toBe(
      `contacts page 1: GET ${remote.url}/api/v1/records/contacts?limit=5000 answered 200 with text/html, expected JSON`,
    )
    expect(await countOf(db, 'contacts')).toBe(0)
    expect(await checkpoints()).toEqual([])
  })
})

describe('product snapshots', () => {
  it('one endpoint answering a page fails the run, and no endpoint of it is stored', async () => {
    const remote = await serve(
      routes({
        '/api/workspaces/w1/analytics': json({ events: 5 }),
        '/api/workspaces/w2/analytics': wrongFormat(PORTAL, 'text/html'),
      }),
    )
    await sync.store.create({
      name: 'snap',
      kind: 'snapshot',
      config: { product: 'workspaces', url: remote.url, workspaces: ['w1', 'w2'] },
    })
    const run = await sync.run('snap', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toBe(
      `/api/workspaces/w2/analytics?period=30d: GET ${remote.url}/api/workspaces/w2/analytics?period=30d answered 200 with text/html, expected JSON`,
    )
    expect(run.snapshots).toBe(0)
    expect(await countOf(db, 'remote_snapshots')).toBe(0)
  })

  it('CSV where JSON should be is refused the same way', async () => {
    const remote = await serve(wrongFormat(CSV, 'text/csv'))
    await sync.store.create({
      name: 'snap',
      kind: 'snapshot',
      config: { product: 'workspaces', url: remote.url, workspaces: ['w1'] },
    })
    const run = await sync.run('snap', 'manual')
    expect(run.error).toBe(
      `/api/workspaces/w1/analytics?period=30d: GET ${remote.url}/api/workspaces/w1/analytics?period=30d answered 200 with text/csv, expected JSON`,
    )
    expect(await countOf(db, 'remote_snapshots')).toBe(0)
  })
})
