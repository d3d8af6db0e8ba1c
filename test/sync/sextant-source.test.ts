// Rule (issue #6): a `sextant` source pulls every entity of another console through its record
// feed (`GET /api/v1/records/:entity`, full-access tokens only) so that, after a run, the local
// tables hold exactly the remote's rows. Later runs bring only what changed (counted as added or
// updated; a record that comes again unchanged is neither). A refused token fails the run and
// says why; an unreachable remote ends it `offline` with the local data kept; a run stopped
// midway resumes from its checkpoints in a new service, fetching less than a clean run. The feed
// itself pages through an entity exactly once in change order, with `Link: rel="next"`. Each test
// pulls into a database of its own, and a test that changes or stops a remote has its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENTITY_NAMES, findEntity } from '../../src-shared/domain/entities'
import type { RecordsPage } from '../../src-shared/api/sync'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import type { SextantServer } from '../../src-main/core/http/server'
import type { SyncService } from '../../src-main/core/sync/runner'
import { createToken } from '../../src-main/core/tokens/tokens'
import {
  countOf,
  listeningConsole,
  NOW,
  rowsOf,
  syncService,
  tempFolder,
  TestFetcher,
  writeDataset,
} from './helpers'

const clock = fixedClock(NOW)

let remote: DbClient
let server: SextantServer
let url: string
let fullToken: string
const folder = tempFolder()

/** The local databases and services opened by the tests, closed at the end. */
const opened: { db: DbClient; sync: SyncService }[] = []

async function local(fetcher = new TestFetcher()): Promise<{
  db: DbClient
  sync: SyncService
  fetcher: TestFetcher
}> {
  const db = await DbClient.open(null)
  const sync = syncService(db, { fetcher, clock })
  opened.push({ db, sync })
  return { db, sync, fetcher }
}

async function addSource(
  sync: SyncService,
  name: string,
  token: string,
  base = url,
): Promise<void> {
  await sync.store.create({
    name,
    kind: 'sextant',
    config: { url: base, pageSize: 500 },
    secrets: { token },
  })
}

/** A new local database holding a full pull of the shared remote (source "remote"). */
async function pulled(): Promise<{ db: DbClient; sync: SyncService }> {
  const made = await local()
  await addSource(made.sync, 'remote', fullToken)
  const run = await made.sync.run('remote', 'manual')
  expect([run.state, run.error]).toEqual(['ok', null])
  return made
}

/** A small remote console of its own (one workspace, five contacts), for a test to change. */
async function smallRemote(): Promise<{
  db: DbClient
  server: SextantServer
  url: string
  token: string
}> {
  const db = await DbClient.open(null)
  const contacts = [1, 2, 3, 4, 5].map(
    (n) => `s${n},acme,s${n}@example.com,First${n},,2026-03-0${n}T08:00:00Z`,
  )
  await db.import([
    {
      path: writeDataset(folder.path, `small-${opened.length}`, {
        'workspaces.csv': 'id,name,created_at\nacme,Acme,2026-01-01\n',
        'contacts.csv': `id,workspace_id,email,first_name,last_name,created_at\n${contacts.join('\n')}\n`,
      }),
    },
  ])
  const token = (await createToken(db, clock, { name: 'puller' })).token
  const listening = await listeningConsole(db, clock)
  smallRemotes.push({ db, server: listening.server })
  return { db, server: listening.server, url: listening.url, token }
}

/** The small remotes opened by the tests (their servers may be closed already). */
const smallRemotes: { db: DbClient; server: SextantServer }[] = []

async function totalRecords(db: DbClient): Promise<number> {
  let total = 0
  for (const entity of ENTITY_NAMES) total += await countOf(db, entity)
  return total
}

async function expectSameTables(db: DbClient, source: DbClient = remote): Promise<void> {
  for (const entity of ENTITY_NAMES)
    expect(await rowsOf(db, entity), entity).toEqual(await rowsOf(source, entity))
}

beforeAll(async () => {
  remote = await DbClient.open(null)
  await remote.demo({ size: 'small', seed: 7, now: NOW })
  fullToken = (await createToken(remote, clock, { name: 'puller' })).token
  ;({ server, url } = await listeningConsole(remote, clock))
})

afterAll(async () => {
  for (const { db, sync } of opened) {
    await sync.close()
    await db.close()
  }
  for (const small of smallRemotes) {
    await small.server.close()
    await small.db.close()
  }
  await server.close()
  await remote.close()
  folder.remove()
})

describe('a sextant source against another console', () => {
  it('a full pull makes every table equal to the remote', async () => {
    const { db, sync } = await local()
    await addSource(sync, 'remote', fullToken)
    const remoteTotal = await totalRecords(remote)
    expect(remoteTotal).toBeGreaterThan(5000)
    const run = await sync.run('remote', 'manual')
    expect(run.error).toBeNull()
    expect(run.state).toBe('ok')
    await expectSameTables(db)
    expect(run.added).toBe(remoteTotal)
    expect(run.updated).toBe(0)
    // Every entity ends with a page shorter than 500: at least one page each, more for the big.
    let expectedPages = 0
    for (const entity of ENTITY_NAMES)
      expectedPages += Math.floor((await countOf(remote, entity)) / 500) + 1
    expect(run.pages).toBe(expectedPages)
  })

  it('the lifetime rollups of the pulled events count every event once', async () => {
    const { db } = await pulled()
    // The dashboard's lifetime figures read these tables (migration 004): they must agree with
    // the events themselves, counted here straight from contact_events.
    const rollups = {
      event_type_totals: [
        'SELECT workspace_id, event_type, n FROM event_type_totals ORDER BY 1, 2',
        `SELECT workspace_id, event_type, count(*) AS n FROM contact_events
         GROUP BY workspace_id, event_type ORDER BY 1, 2`,
      ],
      booking_page_totals: [
        'SELECT workspace_id, booking_page_id, n FROM booking_page_totals ORDER BY 1, 2',
        `SELECT workspace_id, booking_page_id, count(*) AS n FROM contact_events
         WHERE event_type = 'booking' AND booking_page_id IS NOT NULL
         GROUP BY workspace_id, booking_page_id ORDER BY 1, 2`,
      ],
      room_join_totals: [
        'SELECT workspace_id, room_id, n FROM room_join_totals ORDER BY 1, 2',
        `SELECT workspace_id, room_id, count(*) AS n FROM contact_events
         WHERE event_type = 'room_join' AND room_id IS NOT NULL GROUP BY workspace_id, room_id
         ORDER BY 1, 2`,
      ],
    }
    for (const [table, [stored, counted]] of Object.entries(rollups)) {
      expect(await db.query(stored!), table).toEqual(await db.query(counted!))
      expect(await db.query(stored!), table).toEqual(await remote.query(stored!))
    }
  })

  it('a second run brings nothing', async () => {
    const { db, sync } = await pulled()
    const run = await sync.run('remote', 'manual')
    expect(run.state).toBe('ok')
    expect(run.added).toBe(0)
    expect(run.updated).toBe(0)
    // One (empty) page per entity.
    expect(run.pages).toBe(ENTITY_NAMES.length)
    await expectSameTables(db)
  })

  it('after the remote changes, the next run brings exactly the changes', async () => {
    const small = await smallRemote()
    const { db, sync } = await local()
    await addSource(sync, 'small', small.token, small.url)
    const first = await sync.run('small', 'manual')
    expect([first.state, first.added]).toEqual(['ok', 6])
    const contacts = await rowsOf(small.db, 'contacts')
    const columns = findEntity('contacts')!.columns.map((column) => column.name)
    const asRecord = (row: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(
        columns.map((name) => [
          name,
          name === 'created_at' ? new Date(row[name] as number).toISOString() : row[name],
        ]),
      )
    const changed = contacts.slice(0, 3).map((row) => ({
      ...asRecord(row),
      first_name: `Renamed ${String(row.id)}`,
    }))
    // Imported again as it is: it moves in the remote's change order but changes nothing.
    const same = asRecord(contacts[3]!)
    const workspace = String(contacts[0]!.workspace_id)
    const added = [1, 2].map((n) => ({
      id: `synced-new-${n}`,
      workspace_id: workspace,
      email: `new${n}@example.com`,
      first_name: 'New',
      last_name: null,
      created_at: '2026-03-20T08:00:00.000Z',
    }))
    const file = [...changed, same, ...added].map((record) => JSON.stringify(record)).join('\n')
    await small.db.import([
      { path: writeDataset(folder.path, 'change', { 'contacts.ndjson': `${file}\n` }) },
    ])
    expect(await countOf(small.db, 'contacts')).toBe(contacts.length + 2)

    const run = await sync.run('small', 'manual')
    expect(run.error).toBeNull()
    expect(run.state).toBe('ok')
    expect(run.added).toBe(2)
    expect(run.updated).toBe(3)
    await expectSameTables(db, small.db)
    const renamed = await db.get<{ first_name: string }>(
      'SELECT first_name FROM contacts WHERE id = :id',
      { id: contacts[0]!.id as string },
    )
    expect(renamed?.first_name).toBe(`Renamed ${String(contacts[0]!.id)}`)

    const again = await sync.run('small', 'manual')
    expect([again.added, again.updated]).toEqual([0, 0])
  })

  it('a token that is not full-access is refused: the run fails naming the 403', async () => {
    const workspace = (await rowsOf(remote, 'workspaces'))[0]!.id as string
    const scoped = (await createToken(remote, clock, { name: 'scoped', workspaces: [workspace] }))
      .token
    const { db, sync } = await local()
    await addSource(sync, 'scoped', scoped)
    const run = await sync.run('scoped', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toMatch(/HTTP 403/)
    expect(run.error).toMatch(/full-access/)
    expect(run.error).toMatch(/^workspaces page 1 /)
    expect([run.added, run.updated, run.pages]).toEqual([0, 0, 0])
    expect(await totalRecords(db)).toBe(0)
  })

  it('a wrong token fails with 401', async () => {
    const { sync } = await local()
    await addSource(sync, 'wrong', 'sxt_not-a-token-of-that-console')
    const run = await sync.run('wrong', 'manual')
    expect(run.state).toBe('failed')
    expect(run.error).toMatch(/HTTP 401/)
    expect(run.pages).toBe(0)
  })

  it('a run stopped midway resumes in a new service, fetching less than a clean run', async () => {
    // A clean pull of the remote as it is now, to know what a whole run fetches.
    const clean = await local()
    await addSource(clean.sync, 'remote', fullToken)
    const cleanRun = await clean.sync.run('remote', 'manual')
    expect(cleanRun.state).toBe('ok')
    const cleanCount = clean.fetcher.urls.length

    const first = await local()
    await addSource(first.sync, 'remote', fullToken)
    // Stopped when the 5th page of contact_events (5,000 records: 11 pages of 500) is asked for.
    let eventPages = 0
    first.fetcher.onFetch = (_count, fetched) => {
      if (fetched.includes('/api/v1/records/contact_events') && ++eventPages === 5)
        void first.sync.close()
    }
    const stopped = await first.sync.run('remote', 'manual')
    expect(stopped.state).toBe('interrupted')
    expect(stopped.error).toMatch(/resumes/)
    expect(stopped.pages).toBeGreaterThan(0)
    expect(stopped.pages).toBeLessThan(cleanRun.pages)
    const eventsKept = await countOf(first.db, 'contact_events')
    expect(eventsKept).toBeGreaterThanOrEqual(1500)
    expect(eventsKept % 500).toBe(0)
    const kept = await totalRecords(first.db)

    // A new service on the same database (as after a restart).
    const fetcher = new TestFetcher()
    const second = syncService(first.db, { fetcher, clock })
    opened.push({ db: first.db, sync: second })
    await second.recover()
    const resumed = await second.run('remote', 'manual')
    expect(resumed.error).toBeNull()
    expect(resumed.state).toBe('ok')
    expect(fetcher.urls.length).toBeLessThan(cleanCount)
    expect(fetcher.urls.length).toBe(cleanCount - eventsKept / 500)
    expect(resumed.pages).toBe(cleanRun.pages - eventsKept / 500)
    await expectSameTables(first.db)
    // Nothing counted twice: what the stopped run kept plus what the resumed one added is all.
    expect(stopped.added).toBe(kept)
    expect(resumed.added).toBe((await totalRecords(first.db)) - kept)
    expect(resumed.updated).toBe(0)
  })

  it('the remote stopped: the run ends offline and the local data stays', async () => {
    const small = await smallRemote()
    const { db, sync } = await local()
    await addSource(sync, 'small', small.token, small.url)
    expect((await sync.run('small', 'manual')).state).toBe('ok')
    const before = await totalRecords(db)
    expect(before).toBe(6)
    await small.server.close()
    const run = await sync.run('small', 'manual')
    expect(run.state).toBe('offline')
    expect(run.error).toMatch(/^offline: /)
    expect(run.error).toMatch(/ECONNREFUSED/)
    expect(await totalRecords(db)).toBe(before)
    await expectSameTables(db, small.db)
  })
})

describe('the record feed', () => {
  const get = async (
    path: string,
    token = fullToken,
  ): Promise<{ status: number; link: string | null; body: unknown }> => {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    return {
      status: response.status,
      link: response.headers.get('link'),
      body: await response.json(),
    }
  }

  it('pages through every contact exactly once, in change order, following Link', async () => {
    const expected = await remote.query<{ id: string }>(
      'SELECT id FROM contacts ORDER BY sync_seq, rowid',
    )
    const seen: string[] = []
    let path: string | null = '/api/v1/records/contacts?limit=2'
    let pages = 0
    while (path !== null) {
      const page = await get(path)
      expect(page.status).toBe(200)
      const body = page.body as RecordsPage
      expect(body.entity).toBe('contacts')
      expect(body.data.length).toBeLessThanOrEqual(2)
      seen.push(...body.data.map((record) => String(record.id)))
      pages++
      if (body.next === null) {
        expect(page.link).toBeNull()
        path = null
      } else {
        expect(body.data).toHaveLength(2)
        expect(body.next).toBe(body.cursor)
        const match = /^<([^>]+)>; rel="next"$/.exec(page.link ?? '')
        expect(match, page.link ?? 'no Link').not.toBeNull()
        path = match![1]!
        expect(path).toBe(`/api/v1/records/contacts?after=${encodeURIComponent(body.next)}&limit=2`)
      }
    }
    expect(seen).toEqual(expected.map((row) => row.id))
    expect(new Set(seen).size).toBe(seen.length)
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 2))
  })

  it('answers records in the canonical import format', async () => {
    const page = await get('/api/v1/records/workspaces?limit=1')
    const record = (page.body as RecordsPage).data[0]!
    expect(Object.keys(record)).toEqual(findEntity('workspaces')!.columns.map((c) => c.name))
    expect(record.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    const row = (await rowsOf(remote, 'workspaces')).find((w) => w.id === record.id)!
    expect(Date.parse(record.created_at as string)).toBe(row.created_at)
  })

  it('refuses a cursor it did not give out (400) and an unknown entity', async () => {
    const bad = await get('/api/v1/records/contacts?after=yesterday')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toMatch(/not a cursor/)
    const unknown = await get('/api/v1/records/planets')
    expect([400, 404]).toContain(unknown.status)
  })

  it('needs a full-access token', async () => {
    const workspace = (await rowsOf(remote, 'workspaces'))[1]!.id as string
    const scoped = (
      await createToken(remote, clock, { name: 'scoped-feed', workspaces: [workspace] })
    ).token
    expect((await get('/api/v1/records/contacts', scoped)).status).toBe(403)
    expect((await get('/api/v1/records/contacts', 'sxt_nope')).status).toBe(401)
  })
})

describe('a record written remotely during a run', () => {
  it('a contact pointing at a workspace written after the workspaces were pulled still lands', async () => {
    const other = await DbClient.open(null)
    await other.demo({ size: 'small', seed: 11, now: NOW })
    const token = (await createToken(other, clock, { name: 'late' })).token
    const console2 = await listeningConsole(other, clock)
    try {
      const mine = await local()
      await mine.sync.store.create({
        name: 'other',
        kind: 'sextant',
        config: { url: console2.url, pageSize: 500 },
        secrets: { token },
      })
      let written = false
      mine.fetcher.before = async (_count, fetched) => {
        // Once the workspaces are pulled and before the contacts are: a new workspace and a
        // contact in it are written remotely.
        if (written || !fetched.includes('/api/v1/records/contacts')) return
        written = true
        await other.import([
          {
            path: writeDataset(folder.path, 'late', {
              'workspaces.csv': 'id,name,created_at\nlate-ws,Late,2026-03-24T00:00:00Z\n',
              'contacts.csv':
                'id,workspace_id,email,first_name,last_name,created_at\nlate-c,late-ws,late@example.com,Late,,2026-03-24T01:00:00Z\n',
            }),
          },
        ])
      }
      const run = await mine.sync.run('other', 'manual')
      expect(written).toBe(true)
      expect(run.error).toBeNull()
      expect(run.state).toBe('ok')
      for (const entity of ENTITY_NAMES)
        expect(await rowsOf(mine.db, entity), entity).toEqual(await rowsOf(other, entity))
      expect(
        await mine.db.get('SELECT id, workspace_id FROM contacts WHERE id = :id', { id: 'late-c' }),
      ).toEqual({ id: 'late-c', workspace_id: 'late-ws' })
      expect(run.added).toBe(await totalRecords(other))
    } finally {
      await console2.server.close()
      await other.close()
    }
  })
})
