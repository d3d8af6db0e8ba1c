// Rule (issue #6): an `http` records source pulls one entity from a paginated remote endpoint,
// in any of the four pagination styles, through its field mapping, so that a run leaves exactly
// the remote's records (a record repeated across pages lands once and counts once). Incremental
// runs ask for `updated_since=<the greatest change time seen>` and bring only what changed.
// Faults: 5xx and 429 are retried (honouring Retry-After in seconds or as a date); a 404, a
// malformed page, a bad record or a redirect loop fail the run naming the page (and record),
// keeping the pages before it with their checkpoint so the next run resumes there; an
// unreachable host ends the run `offline`; a remote that stops sending times out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { HttpConfig } from '../../src-shared/api/sync'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import type { SyncService } from '../../src-main/core/sync/runner'
import {
  closedPort,
  paginatedDataset,
  redirectLoop,
  sequence,
  slowDrip,
  startFaultServer,
  status,
  truncatedJson,
  type DatasetOptions,
  type DatasetRecord,
  type FaultHandler,
  type FaultServer,
  type PaginationStyle,
} from './fault-server'
import { countOf, NOW, rowsOf, syncService, tempFolder, TestFetcher, writeDataset } from './helpers'

/** A contact as the remote API writes it. */
interface RemoteContact extends DatasetRecord {
  id: number
  uid: string
  workspace: string
  attributes: { mail: string }
  name: { first: string }
  /** Created, epoch seconds. */
  ts: number | string
  updated_at: string
}

const MAPPING: HttpConfig['mapping'] = {
  id: 'uid',
  workspace_id: 'workspace',
  email: 'attributes.mail',
  first_name: 'name.first',
  last_name: { const: null },
  created_at: { path: 'ts', timestamp: 'epoch-s' },
}

const CREATED = Date.UTC(2026, 0, 1) / 1000
const UPDATED = Date.UTC(2026, 1, 1)

function remoteContacts(count: number, from = 0): RemoteContact[] {
  return Array.from({ length: count }, (_, index) => {
    const n = from + index
    return {
      id: n,
      uid: `rc-${String(n).padStart(5, '0')}`,
      workspace: n % 3 === 0 ? 'beta' : 'acme',
      attributes: { mail: `user${n}@example.com` },
      name: { first: `First${n}` },
      ts: CREATED + n * 3600,
      updated_at: new Date(UPDATED + n * 60_000).toISOString(),
    }
  })
}

/** The rows the records must become, computed from the remote records alone. */
function expectedRows(records: readonly RemoteContact[]): Record<string, unknown>[] {
  return records
    .map((record) => ({
      id: record.uid,
      workspace_id: record.workspace,
      email: record.attributes.mail,
      first_name: record.name.first,
      last_name: null,
      created_at: Number(record.ts) * 1000,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

const PAGINATION: Record<PaginationStyle, NonNullable<HttpConfig['pagination']>> = {
  page: { type: 'page', size: 50 },
  offset: { type: 'offset', size: 50 },
  cursor: { type: 'cursor', cursorPath: 'meta.next_cursor' },
  link: { type: 'link' },
}

const folder = tempFolder()
let db: DbClient
let fetcher: TestFetcher
let sync: SyncService
let server: FaultServer | undefined

beforeEach(async () => {
  db = await DbClient.open(null)
  await db.import([
    {
      path: writeDataset(folder.path, 'workspaces', {
        'workspaces.csv': 'id,name,created_at\nacme,Acme,2026-01-01\nbeta,Beta,2026-01-01\n',
      }),
    },
  ])
  fetcher = new TestFetcher()
  sync = syncService(db, { fetcher, clock: fixedClock(NOW) })
})

afterEach(async () => {
  await sync.close()
  await db.close()
  await server?.close()
  server = undefined
})

process.on('exit', () => folder.remove())

async function serve(handler: FaultHandler): Promise<FaultServer> {
  server = await startFaultServer(handler)
  return server
}

async function addSource(
  config: Partial<HttpConfig> & { url: string },
  name = 'api',
): Promise<void> {
  await sync.store.create({
    name,
    kind: 'http',
    config: { entity: 'contacts', mapping: MAPPING, ...config },
  })
}

/** The query parameters of a recorded request. */
const query = (url: string): URLSearchParams => new URL(url, 'http://x').searchParams

function pageOf(ctxUrl: URL): number {
  return Number(ctxUrl.searchParams.get('page') ?? '1')
}

describe.each(['page', 'offset', 'cursor', 'link'] as const)('pagination style %s', (style) => {
  const options = (extra: DatasetOptions<RemoteContact> = {}): DatasetOptions<RemoteContact> => ({
    style,
    ...extra,
  })

  it('a full pull equals the remote dataset, through the mapping', async () => {
    const records = remoteContacts(230)
    const remote = await serve(paginatedDataset(records, options()))
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION[style] })
    const run = await sync.run('api', 'manual')
    expect(run.error).toBeNull()
    expect(run.state).toBe('ok')
    // Page and offset pagination end on an empty page (one request more than the data needs).
    const pages = style === 'page' || style === 'offset' ? 6 : 5
    expect([run.added, run.updated, run.pages]).toEqual([230, 0, pages])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
    expect(remote.requests).toHaveLength(pages)
  })

  it('a record repeated at the start of the next page lands once, counted once', async () => {
    const records = remoteContacts(230)
    const remote = await serve(paginatedDataset(records, options({ repeatLastRecord: true })))
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION[style] })
    const run = await sync.run('api', 'manual')
    expect(run.error).toBeNull()
    expect(run.state).toBe('ok')
    expect(run.added).toBe(230)
    expect(run.updated).toBe(0)
    expect(await countOf(db, 'contacts')).toBe(230)
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
  })

  it('records sharing one updated_at across a page boundary are all fetched', async () => {
    const records = remoteContacts(230)
    // Records 30..89 share one change time: pages 1 and 2 end inside the run of equal times.
    for (const record of records.slice(30, 90)) record.updated_at = '2026-02-01T12:00:00.000Z'
    const remote = await serve(paginatedDataset(records, options()))
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION[style] })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('ok')
    expect(run.added).toBe(230)
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
  })
})

describe('incremental runs', () => {
  it('sorted: every request is page 1 of "changed at or after" the last change time; the second run brings only the changes', async () => {
    const records = remoteContacts(230)
    const remote = await serve(paginatedDataset(records, { style: 'page' }))
    await addSource({
      url: `${remote.url}/contacts`,
      pagination: PAGINATION.page,
      incremental: { param: 'updated_since', field: 'updated_at', sorted: true },
    })
    const time = (n: number): string => new Date(UPDATED + n * 60_000).toISOString()
    const first = await sync.run('api', 'manual')
    expect(first.state).toBe('ok')
    expect(first.added).toBe(230)
    // Page 1 holds records 0..49; each later page 1 starts at the last time of the one before
    // (that record comes again), so 49 new records a page: 49, 98, 147, 196, then 196..229.
    // Page 1 from 229 holds that one record alone (no step past it): page 2 of it is empty.
    const asked = remote.requests.map((request) => {
      const params = query(request.url)
      return [params.get('updated_since'), params.get('page')]
    })
    expect(asked).toEqual([
      [null, '1'],
      [time(49), '1'],
      [time(98), '1'],
      [time(147), '1'],
      [time(196), '1'],
      [time(229), '1'],
      [time(229), '2'],
    ])

    // Three records change (later updated_at), two are new.
    const later = (minutes: number): string => time(229 + minutes)
    for (const [index, n] of [5, 120, 200].entries()) {
      records[n]!.attributes = { mail: `changed${n}@example.com` }
      records[n]!.updated_at = later(index + 1)
    }
    records.push(...remoteContacts(2, 230).map((r, i) => ({ ...r, updated_at: later(10 + i) })))

    const seen = remote.requests.length
    const second = await sync.run('api', 'manual')
    expect(second.error).toBeNull()
    expect(second.state).toBe('ok')
    const again = remote.requests.slice(seen).map((request) => {
      const params = query(request.url)
      return [params.get('updated_since'), params.get('page')]
    })
    expect(again).toEqual([
      [time(229), '1'],
      [later(11), '1'],
      [later(11), '2'],
    ])
    // The record at the checkpoint comes again (the parameter is inclusive) but changed nothing.
    expect([second.added, second.updated]).toEqual([2, 3])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))

    const third = await sync.run('api', 'manual')
    expect(query(remote.requests.at(-2)!.url).get('updated_since')).toBe(later(11))
    expect([third.added, third.updated]).toEqual([0, 0])
  })

  it('unsorted page pagination proves no change time: every run reads everything, without the parameter', async () => {
    const records = remoteContacts(60)
    const remote = await serve(paginatedDataset(records, { style: 'page' }))
    await addSource({
      url: `${remote.url}/contacts`,
      pagination: PAGINATION.page,
      incremental: { param: 'updated_since', field: 'updated_at' },
    })
    expect((await sync.run('api', 'manual')).added).toBe(60)
    records[3]!.attributes = { mail: 'changed3@example.com' }
    records[3]!.updated_at = new Date(UPDATED + 100 * 60_000).toISOString()
    const seen = remote.requests.length
    const second = await sync.run('api', 'manual')
    expect([second.state, second.added, second.updated, second.pages]).toEqual(['ok', 0, 1, 3])
    for (const request of remote.requests)
      expect(query(request.url).has('updated_since')).toBe(false)
    expect(remote.requests.slice(seen).map((request) => query(request.url).get('page'))).toEqual([
      '1',
      '2',
      '3',
    ])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
  })

  it('unsorted cursor pagination: the next run asks from the greatest change time of the first page', async () => {
    const records = remoteContacts(120)
    // Served by id; record 10 (page 1) changed, so it is the page's latest, at minute 500.
    records[10]!.updated_at = new Date(UPDATED + 500 * 60_000).toISOString()
    const remote = await serve(paginatedDataset(records, { style: 'cursor', order: 'id' }))
    await addSource({
      url: `${remote.url}/contacts`,
      pagination: PAGINATION.cursor,
      incremental: { param: 'updated_since', field: 'updated_at' },
    })
    const first = await sync.run('api', 'manual')
    expect([first.state, first.added, first.pages]).toEqual(['ok', 120, 3])
    const seen = remote.requests.length
    await sync.run('api', 'manual')
    expect(query(remote.requests[seen]!.url).get('updated_since')).toBe(
      new Date(UPDATED + 500 * 60_000).toISOString(),
    )
  })

  it('a sorted source whose answer is not in change order fails naming the page; nothing of it is written', async () => {
    const records = remoteContacts(10)
    const remote = await serve(paginatedDataset(records, { style: 'page', order: 'id' }))
    records[4]!.updated_at = new Date(UPDATED - 60_000).toISOString()
    await addSource({
      url: `${remote.url}/contacts`,
      pagination: PAGINATION.page,
      incremental: { param: 'updated_since', field: 'updated_at', sorted: true },
    })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toMatch(
      /^page 1 \(http:\/\/127\.0\.0\.1:\d+\/contacts\?page=1&per_page=50\): record 5 changed before record 4: the answer is not in change order, yet the source says sorted$/,
    )
    expect(await countOf(db, 'contacts')).toBe(0)
  })

  it('sorted, one change time shared by more records than a page holds: read page by page, the checkpoint held there', async () => {
    const records = remoteContacts(130)
    // Records 20..99 share one change time: page 1 from it brings no step past it.
    const shared = new Date(UPDATED + 20 * 60_000).toISOString()
    for (const record of records.slice(20, 100)) record.updated_at = shared
    const remote = await serve(paginatedDataset(records, { style: 'page' }))
    await addSource({
      url: `${remote.url}/contacts`,
      pagination: PAGINATION.page,
      incremental: { param: 'updated_since', field: 'updated_at', sorted: true },
    })
    const first = await sync.run('api', 'manual')
    expect([first.state, first.added]).toEqual(['ok', 130])
    const asked = remote.requests.map((request) => {
      const params = query(request.url)
      return [params.get('updated_since'), params.get('page')]
    })
    // 0..49 (last: shared); from shared: 20..69, 70..119, 120..129, then the empty page 4.
    expect(asked).toEqual([
      [null, '1'],
      [shared, '1'],
      [shared, '2'],
      [shared, '3'],
      [shared, '4'],
    ])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
    // The next run starts again where the checkpoint was held.
    const seen = remote.requests.length
    const second = await sync.run('api', 'manual')
    expect([second.state, second.added, second.updated]).toEqual(['ok', 0, 0])
    expect(query(remote.requests[seen]!.url).get('updated_since')).toBe(shared)
  })
})

describe('faults', () => {
  it('a remote that caps the page size below the one asked for still gives every record', async () => {
    const records = remoteContacts(230)
    const remote = await serve(paginatedDataset(records, { style: 'page', maxPageSize: 20 }))
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION.page })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('ok')
    // 12 pages of at most 20 (the last holds 10), then the empty page that ends the pull.
    expect([run.added, run.pages]).toEqual([230, 13])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
  })

  it('HTTP 500 twice, then OK: retried, the run succeeds', async () => {
    const records = remoteContacts(120)
    const remote = await serve(
      sequence(status(500), status(500), paginatedDataset(records, { style: 'page' })),
    )
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION.page })
    const run = await sync.run('api', 'manual')
    expect(run.error).toBeNull()
    expect(run.state).toBe('ok')
    expect(run.added).toBe(120)
    expect(fetcher.delays).toHaveLength(2)
    expect(remote.requests).toHaveLength(2 + 4)
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
  })

  it('429 with Retry-After in seconds waits that long', async () => {
    const records = remoteContacts(10)
    const remote = await serve(
      sequence(status(429, { retryAfter: 7 }), paginatedDataset(records, { style: 'page' })),
    )
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION.page })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('ok')
    expect(fetcher.delays).toEqual([7000])
    expect(await countOf(db, 'contacts')).toBe(10)
  })

  it('429 with Retry-After as an HTTP date waits until then', async () => {
    const records = remoteContacts(10)
    const remote = await serve(
      sequence(
        status(429, { retryAfter: new Date(NOW + 42_000) }),
        paginatedDataset(records, { style: 'page' }),
      ),
    )
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION.page })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('ok')
    expect(fetcher.delays).toEqual([42_000])
  })

  it('404 fails the run at once, without retrying', async () => {
    const remote = await serve(status(404))
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION.page })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toMatch(
      /^page 1 \(http:\/\/127\.0\.0\.1:\d+\/contacts\?page=1&per_page=50\): HTTP 404/,
    )
    expect(remote.requests).toHaveLength(1)
    expect(fetcher.delays).toEqual([])
  })

  it('a malformed page fails naming it; the pages before stay, and the next run resumes there', async () => {
    const records = remoteContacts(230)
    const dataset = paginatedDataset(records, { style: 'page' })
    let broken = true
    const remote = await serve((req, res, ctx) =>
      broken && pageOf(ctx.url) === 3
        ? truncatedJson({ data: records.slice(100, 150) })(req, res, ctx)
        : dataset(req, res, ctx),
    )
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION.page })
    const failed = await sync.run('api', 'manual')
    expect(failed.state).toBe('failed')
    expect(failed.error).toMatch(
      /^page 3 \(http:\/\/127\.0\.0\.1:\d+\/contacts\?page=3&per_page=50\): the body is not valid JSON/,
    )
    expect([failed.pages, failed.added]).toEqual([2, 100])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records.slice(0, 100)))

    broken = false
    const seen = remote.requests.length
    const resumed = await sync.run('api', 'manual')
    expect(resumed.error).toBeNull()
    expect(resumed.state).toBe('ok')
    const asked = remote.requests.slice(seen).map((request) => query(request.url).get('page'))
    expect(asked).toEqual(['3', '4', '5', '6'])
    expect([resumed.added, resumed.updated]).toEqual([130, 0])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records))
  })

  it('a bad record fails its page, naming page and record; nothing of that page is written', async () => {
    const records = remoteContacts(230)
    // Page 3 holds records 100..149 (sorted by updated_at); its 7th is record 106.
    records[106]!.ts = 'not-a-time'
    const remote = await serve(paginatedDataset(records, { style: 'page' }))
    await addSource({ url: `${remote.url}/contacts`, pagination: PAGINATION.page })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toMatch(
      /^page 3 \(http:\/\/127\.0\.0\.1:\d+\/contacts\?page=3&per_page=50\): rejected, nothing of it was written \(record 7: created_at: /,
    )
    expect(run.error).toContain('not-a-time')
    expect([run.pages, run.added]).toEqual([2, 100])
    expect(await rowsOf(db, 'contacts')).toEqual(expectedRows(records.slice(0, 100)))
  })

  it('a redirect loop fails the run naming the loop', async () => {
    const remote = await serve(redirectLoop('/a', '/b'))
    await addSource({ url: `${remote.url}/a`, pagination: { type: 'none' } })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toContain(
      `redirect loop: ${remote.url}/a -> ${remote.url}/b -> ${remote.url}/a`,
    )
    expect(remote.requests.map((request) => request.url)).toEqual(['/a', '/b'])
  })

  it('connection refused: the run ends offline, the data kept', async () => {
    const port = await closedPort()
    await addSource({ url: `http://127.0.0.1:${port}/contacts`, pagination: PAGINATION.page })
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('offline')
    expect(run.error).toMatch(/^offline: page 1 .*ECONNREFUSED.* after 5 attempts$/)
    expect(fetcher.delays).toHaveLength(4)
    expect(await countOf(db, 'workspaces')).toBe(2)
  })

  it('a remote that stops sending fails the run with a timeout', async () => {
    await sync.close()
    fetcher = new TestFetcher({ limits: { idleTimeoutMs: 150 }, retry: { attempts: 2 } })
    sync = syncService(db, { fetcher, clock: fixedClock(NOW) })
    const remote = await serve(slowDrip({ intervalMs: 2_000 }))
    await addSource({ url: `${remote.url}/contacts`, pagination: { type: 'none' } })
    // The message says the idle limit ended each attempt (the drip would take 2 min).
    const run = await sync.run('api', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toMatch(/no data from 127\.0\.0\.1:\d+ for 150 ms after 2 attempts$/)
    expect(remote.requests).toHaveLength(2)
  })
})
