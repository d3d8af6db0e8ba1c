// Rule (issue #6, sources.ts, secrets.ts, schedule.ts): source secrets are sealed with a key
// kept beside the database (`sextant-secret.key`, mode 0600), never stored in plain text and
// never answered (the API names which are set); a PATCH removes a secret given as "" and keeps
// the ones it does not name. A bad config is refused naming the field. Schedules (`every <N>m`,
// hourly, daily, `daily HH:MM` in the console's timezone, DST included) decide when a source is
// due, and `runDue` starts those and only those. Snapshot sources call each product's documented
// endpoints with its auth (Bearer, Org-Handle, Basic user:token), store one snapshot per endpoint,
// and `/api/v1/sources/:id/figures` answers their numbers.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RemoteFigures, Source, SyncRun } from '../../src-shared/api/sync'
import { nextRunAt, parseSchedule } from '../../src-shared/domain/schedule'
import { fixedClock, type Clock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createSyncService } from '../../src-main/core/host'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import { productRequests, type SyncService } from '../../src-main/core/sync/runner'
import { KEY_FILE, SecretBox } from '../../src-main/core/sync/secrets'
import { createToken } from '../../src-main/core/tokens/tokens'
import { json, startFaultServer, type FaultServer } from './fault-server'
import { listeningConsole, NOW, rowsOf, syncService, tempFolder } from './helpers'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const SECRET = 'sxt_do-not-store-me-in-plain-text-0123456789'

describe('secrets on disk', () => {
  const folder = tempFolder()
  afterAll(() => folder.remove())

  it('the database file never holds a secret in plain text; the key file is 0600', async () => {
    const file = join(folder.path, 'console.db')
    const db = await DbClient.open(file)
    const sync = createSyncService({
      db,
      clock: fixedClock(NOW),
      timeZone: () => 'UTC',
      databaseFile: file,
    })
    await sync.store.create({
      name: 'other',
      kind: 'sextant',
      config: { url: 'http://127.0.0.1:4478' },
      secrets: { token: SECRET },
    })
    await sync.store.create({
      name: 'api',
      kind: 'http',
      config: { url: 'https://api.example.com/contacts', entity: 'contacts' },
      secrets: { 'x-api-key': `${SECRET}-header` },
    })
    const stored = await db.query<{ secrets: string }>('SELECT secrets FROM sync_sources')
    for (const row of stored) expect(row.secrets).toMatch(/^v1:/)
    await sync.close()
    await db.close()

    const bytes = readFileSync(file)
    expect(bytes.length).toBeGreaterThan(0)
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false)
    expect(bytes.includes(Buffer.from(SECRET, 'utf16le'))).toBe(false)
    expect(bytes.includes(Buffer.from('do-not-store-me'))).toBe(false)
    // But the source itself is there (the file is the one written).
    expect(bytes.includes(Buffer.from('api.example.com/contacts'))).toBe(true)

    const keyFile = join(folder.path, KEY_FILE)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(readFileSync(keyFile).includes(Buffer.from(SECRET))).toBe(false)

    // Reopened, the same key opens the secrets again.
    const again = await DbClient.open(file)
    const reopened = createSyncService({
      db: again,
      clock: fixedClock(NOW),
      timeZone: () => 'UTC',
      databaseFile: file,
    })
    const source = await reopened.store.find('other')
    expect(reopened.store.secretsOf(source)).toEqual({ token: SECRET })
    await reopened.close()
    await again.close()
  })
})

describe('the sources API', () => {
  let db: DbClient
  let sync: SyncService
  let server: SextantServer
  let token: string
  const auth = (): Record<string, string> => ({ host: HOST, authorization: `Bearer ${token}` })

  beforeEach(async () => {
    db = await DbClient.open(null)
    const clock = fixedClock(NOW)
    token = (await createToken(db, clock, { name: 'admin' })).token
    sync = syncService(db, { clock })
    server = createServer({ db, clock, version: 'test', port: () => PORT, sync, logger: false })
  })
  afterEach(async () => {
    await server.close()
    await sync.close()
    await db.close()
  })

  const post = (payload: unknown) =>
    server.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: auth(),
      payload: payload as object,
    })
  const patch = (name: string, payload: unknown) =>
    server.inject({
      method: 'PATCH',
      url: `/api/v1/sources/${name}`,
      headers: auth(),
      payload: payload as object,
    })

  it('answers the names of the secrets that are set, never their values', async () => {
    const created = await post({
      name: 'other',
      kind: 'sextant',
      config: { url: 'http://127.0.0.1:4478', pageSize: 100 },
      secrets: { token: SECRET },
    })
    expect(created.statusCode, created.body).toBe(201)
    expect((created.json() as Source).secrets).toEqual(['token'])
    expect(created.body).not.toContain('do-not-store-me')

    const listed = await server.inject({ url: '/api/v1/sources', headers: auth() })
    expect(listed.statusCode).toBe(200)
    expect(listed.body).not.toContain('do-not-store-me')
    const sources = (listed.json() as { sources: Source[] }).sources
    expect(sources.map((s) => [s.name, s.kind, s.secrets, s.schedule, s.nextRunAt])).toEqual([
      ['other', 'sextant', ['token'], 'manual', null],
    ])
    expect(sources[0]!.config).toEqual({ url: 'http://127.0.0.1:4478', pageSize: 100 })
  })

  it('PATCH: a secret given as "" is removed, secrets not named are kept', async () => {
    const created = await post({
      name: 'api',
      kind: 'http',
      config: { url: 'https://api.example.com/contacts', entity: 'contacts' },
      secrets: { authorization: 'Bearer abc', 'x-api-key': 'k-123' },
    })
    expect(created.statusCode, created.body).toBe(201)
    expect((created.json() as Source).secrets).toEqual(['authorization', 'x-api-key'])

    const removed = await patch('api', { secrets: { 'x-api-key': '' } })
    expect(removed.statusCode, removed.body).toBe(200)
    expect((removed.json() as Source).secrets).toEqual(['authorization'])

    const rescheduled = await patch('api', { schedule: 'hourly' })
    expect(rescheduled.statusCode, rescheduled.body).toBe(200)
    expect((rescheduled.json() as Source).secrets).toEqual(['authorization'])
    expect((rescheduled.json() as Source).schedule).toBe('hourly')
    expect(sync.store.secretsOf(await sync.store.find('api'))).toEqual({
      authorization: 'Bearer abc',
    })

    const added = await patch('api', { secrets: { 'x-other': 'o' } })
    expect((added.json() as Source).secrets).toEqual(['authorization', 'x-other'])

    await post({
      name: 'other',
      kind: 'sextant',
      config: { url: 'http://127.0.0.1:4478' },
      secrets: { token: SECRET },
    })
    const cleared = await patch('other', { secrets: { token: '' } })
    expect(cleared.statusCode, cleared.body).toBe(200)
    expect((cleared.json() as Source).secrets).toEqual([])
    expect(sync.store.secretsOf(await sync.store.find('other'))).toEqual({})
  })

  it('a database whose secrets were sealed with another key: the secrets can be entered again', async () => {
    await post({
      name: 'other',
      kind: 'sextant',
      config: { url: 'http://127.0.0.1:4478' },
      secrets: { token: SECRET },
    })
    // The same database under another machine's key (a copied file, a lost key file).
    const elsewhere = syncService(db, {
      clock: fixedClock(NOW),
      box: new SecretBox(Buffer.alloc(32, 7)),
    })
    const moved = createServer({
      db,
      clock: fixedClock(NOW),
      version: 'test',
      port: () => PORT,
      sync: elsewhere,
      logger: false,
    })
    try {
      const run = await elsewhere.run('other', 'manual')
      expect(run.state).toBe('failed')
      expect(run.error).toMatch(/enter the secrets again/)
      // Entering them again, as the message says:
      const entered = await moved.inject({
        method: 'PATCH',
        url: '/api/v1/sources/other',
        headers: auth(),
        payload: { secrets: { token: 'sxt_the-new-token' } },
      })
      expect(entered.statusCode, entered.body).toBe(200)
      expect((entered.json() as Source).secrets).toEqual(['token'])
      expect(elsewhere.store.secretsOf(await elsewhere.store.find('other'))).toEqual({
        token: 'sxt_the-new-token',
      })
    } finally {
      await moved.close()
      await elsewhere.close()
    }
  })

  it('a source whose secrets do not open can still be rescheduled', async () => {
    await post({
      name: 'other',
      kind: 'sextant',
      config: { url: 'http://127.0.0.1:4478' },
      secrets: { token: SECRET },
    })
    const elsewhere = syncService(db, {
      clock: fixedClock(NOW),
      box: new SecretBox(Buffer.alloc(32, 7)),
    })
    try {
      const changed = await elsewhere.store.update('other', { schedule: 'hourly' })
      expect(changed.schedule).toBe('hourly')
    } finally {
      await elsewhere.close()
    }
  })

  it('the secrets of an http source are sent as headers', async () => {
    const remote = await startFaultServer(json([]))
    try {
      await sync.store.create({
        name: 'api',
        kind: 'http',
        config: {
          url: `${remote.url}/workspaces`,
          entity: 'workspaces',
          headers: { accept: 'application/json' },
        },
        secrets: { 'x-api-key': 'k-123' },
      })
      const run = await sync.run('api', 'manual')
      expect(run.state).toBe('ok')
      expect(remote.requests[0]!.headers['x-api-key']).toBe('k-123')
      expect(remote.requests[0]!.headers.accept).toBe('application/json')
    } finally {
      await remote.close()
    }
  })

  it.each([
    [
      'a URL that is not http(s)',
      { kind: 'http', config: { url: 'ftp://files.example.com/x', entity: 'contacts' } },
      /config\.url: must be an http:\/\/ or https:\/\/ URL/,
    ],
    [
      'an unknown entity',
      { kind: 'http', config: { url: 'https://a.example.com', entity: 'planets' } },
      /config\.entity: "planets" is not an entity/,
    ],
    [
      'a mapping to a column the entity lacks',
      {
        kind: 'http',
        config: { url: 'https://a.example.com', entity: 'contacts', mapping: { colour: 'c' } },
      },
      /mapping: "colour" is not a column of contacts/,
    ],
    [
      'an unknown entity of a sextant source',
      { kind: 'sextant', config: { url: 'https://a.example.com', entities: ['planets'] } },
      /config\.entities: "planets" is not an entity/,
    ],
    [
      'a calls snapshot without its Org-Handle',
      { kind: 'snapshot', config: { product: 'calls', url: 'https://a.example.com' } },
      /config\.orgHandle/,
    ],
    [
      'a bad schedule',
      {
        kind: 'http',
        config: { url: 'https://a.example.com', entity: 'contacts' },
        schedule: 'weekly',
      },
      /schedule/,
    ],
  ])('refuses %s, naming the field', async (_what, input, message) => {
    const response = await post({ name: 'bad', ...input })
    expect(response.statusCode).toBe(400)
    expect((response.json() as { error: { message: string } }).error.message).toMatch(message)
    expect((await sync.store.list()).length).toBe(0)
  })

  it('the store names the schedule it refuses', async () => {
    await expect(
      sync.store.create({
        name: 'bad',
        kind: 'http',
        config: { url: 'https://a.example.com', entity: 'contacts' },
        schedule: 'every 0m',
      }),
    ).rejects.toThrow(/^schedule: "every 0m" is not manual, every <N>m, hourly or daily/)
  })
})

describe('schedules', () => {
  const MINUTE = 60_000

  it('parses the four forms and refuses others', () => {
    expect(parseSchedule('manual')).toEqual({ kind: 'manual' })
    expect(parseSchedule('every 15m')).toEqual({ kind: 'every', minutes: 15 })
    expect(parseSchedule('hourly')).toEqual({ kind: 'every', minutes: 60 })
    expect(parseSchedule('daily')).toEqual({ kind: 'every', minutes: 1440 })
    expect(parseSchedule('daily 09:00')).toEqual({ kind: 'daily', hour: 9, minute: 0 })
    expect(parseSchedule('daily 23:59')).toEqual({ kind: 'daily', hour: 23, minute: 59 })
    for (const bad of ['weekly', 'every 0m', 'every 15', 'daily 24:00', 'daily 9:00', 'every m'])
      expect(parseSchedule(bad), bad).toBeNull()
  })

  it('every N minutes counts from the last start; never run is due at creation', () => {
    const every = parseSchedule('every 15m')!
    const created = Date.UTC(2026, 2, 1, 10, 0)
    expect(nextRunAt(every, null, created, 'UTC')).toBe(created)
    const last = Date.UTC(2026, 2, 1, 10, 7)
    expect(nextRunAt(every, last, created, 'UTC')).toBe(Date.UTC(2026, 2, 1, 10, 22))
    expect(nextRunAt(parseSchedule('hourly')!, last, created, 'UTC')).toBe(last + 60 * MINUTE)
    expect(nextRunAt(parseSchedule('daily')!, last, created, 'UTC')).toBe(last + 1440 * MINUTE)
    expect(nextRunAt(parseSchedule('manual')!, last, created, 'UTC')).toBeNull()
  })

  it('daily 09:00 in Europe/Berlin keeps 09:00 wall time across both DST changes', () => {
    const daily = parseSchedule('daily 09:00')!
    const berlin = 'Europe/Berlin'
    // Spring 2026: clocks go from 02:00 CET to 03:00 CEST on Sunday 29 March.
    const sat = Date.UTC(2026, 2, 28, 8, 0) // 09:00 CET (+01:00)
    const sun = Date.UTC(2026, 2, 29, 7, 0) // 09:00 CEST (+02:00)
    expect(nextRunAt(daily, sat, 0, berlin)).toBe(sun)
    expect(sun - sat).toBe(23 * 60 * MINUTE)
    expect(nextRunAt(daily, sun, 0, berlin)).toBe(Date.UTC(2026, 2, 30, 7, 0))
    // Autumn 2026: back from 03:00 CEST to 02:00 CET on Sunday 25 October.
    const octSat = Date.UTC(2026, 9, 24, 7, 0) // 09:00 CEST
    expect(nextRunAt(daily, octSat, 0, berlin)).toBe(Date.UTC(2026, 9, 25, 8, 0)) // 09:00 CET
    // Never run: the first 09:00 after creation (created Saturday 11:00 CET).
    expect(nextRunAt(daily, null, Date.UTC(2026, 2, 28, 10, 0), berlin)).toBe(sun)
    // Created before 09:00: the same day.
    expect(nextRunAt(daily, null, Date.UTC(2026, 2, 28, 7, 59), berlin)).toBe(sat)
    // A run that started exactly at 09:00 is not due again until the next day.
    expect(nextRunAt(daily, sat, 0, berlin)).not.toBe(sat)
  })

  describe('runDue', () => {
    let db: DbClient
    let sync: SyncService
    let remote: FaultServer
    let now = NOW
    const clock: Clock = { now: () => now }

    beforeAll(async () => {
      remote = await startFaultServer(json([]))
      db = await DbClient.open(null)
      sync = syncService(db, { clock })
      const add = (name: string, schedule: string) =>
        sync.store.create({
          name,
          kind: 'http',
          config: { url: `${remote.url}/${name}`, entity: 'workspaces' },
          schedule,
        })
      await add('a-every15', 'every 15m')
      await add('b-manual', 'manual')
      await add('c-every15', 'every 15m')
      await add('d-daily', 'daily 09:00')
      await add('e-hourly', 'hourly')
    })
    afterAll(async () => {
      await sync.close()
      await db.close()
      await remote.close()
    })

    async function settle(): Promise<void> {
      for (let tries = 0; tries < 200; tries++) {
        const running = (await sync.store.list()).some((s) => sync.current(s.id) !== undefined)
        if (!running) return
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      throw new Error('runs did not end')
    }

    async function lastRuns(): Promise<Record<string, [string, string] | null>> {
      const result: Record<string, [string, string] | null> = {}
      for (const source of await sync.store.list()) {
        const last = await sync.store.lastRun(source.id)
        result[source.name] =
          last === undefined ? null : [last.trigger, new Date(last.started_at).toISOString()]
      }
      return result
    }

    it('starts the due sources only', async () => {
      // At creation (12:00Z): c and e run by hand.
      for (const name of ['c-every15', 'e-hourly'])
        expect((await sync.run(name, 'manual')).state).toBe('ok')

      // 12:10: only a (never run) is due; c is due at 12:15, e at 13:00, d at 09:00 tomorrow.
      now = NOW + 10 * 60_000
      expect(await sync.runDue()).toBe(1)
      await settle()
      expect(await lastRuns()).toEqual({
        'a-every15': ['schedule', '2026-03-25T12:10:00.000Z'],
        'b-manual': null,
        'c-every15': ['manual', '2026-03-25T12:00:00.000Z'],
        'd-daily': null,
        'e-hourly': ['manual', '2026-03-25T12:00:00.000Z'],
      })
      expect(await sync.runDue()).toBe(0)

      // 13:01: a (12:25), c (12:15) and e (13:00) are due.
      now = NOW + 61 * 60_000
      expect(await sync.runDue()).toBe(3)
      await settle()
      const at = '2026-03-25T13:01:00.000Z'
      expect(await lastRuns()).toEqual({
        'a-every15': ['schedule', at],
        'b-manual': null,
        'c-every15': ['schedule', at],
        'd-daily': null,
        'e-hourly': ['schedule', at],
      })

      // The next day at 09:00 UTC d runs, with a and c; e ran at 13:01, so it is due too.
      now = Date.UTC(2026, 2, 26, 9, 0)
      expect(await sync.runDue()).toBe(4)
      await settle()
      expect((await lastRuns())['b-manual']).toBeNull()
      expect((await lastRuns())['d-daily']).toEqual(['schedule', '2026-03-26T09:00:00.000Z'])
    })
  })
})

describe('productRequests', () => {
  const secrets = { token: 'T0K' }

  it('workspaces: one analytics request per workspace, Bearer', () => {
    expect(
      productRequests(
        { product: 'workspaces', url: 'https://w.example.com', workspaces: ['w1', 'w 2'] },
        secrets,
        NOW,
        'UTC',
      ),
    ).toEqual([
      {
        endpoint: '/api/workspaces/w1/analytics?period=30d',
        headers: { authorization: 'Bearer T0K' },
      },
      {
        endpoint: '/api/workspaces/w%202/analytics?period=30d',
        headers: { authorization: 'Bearer T0K' },
      },
    ])
  })

  it('campaigns: timeseries, attribution and cohorts per workspace, then each campaign', () => {
    const bearer = { authorization: 'Bearer T0K' }
    expect(
      productRequests(
        {
          product: 'campaigns',
          url: 'https://w.example.com',
          workspaces: ['w1'],
          campaigns: ['w1/c9'],
          days: 7,
        },
        secrets,
        NOW,
        'UTC',
      ),
    ).toEqual([
      { endpoint: '/api/workspaces/w1/analytics/timeseries?period=7d', headers: bearer },
      { endpoint: '/api/workspaces/w1/analytics/attribution?period=7d', headers: bearer },
      { endpoint: '/api/workspaces/w1/analytics/cohorts?period=7d', headers: bearer },
      { endpoint: '/api/workspaces/w1/analytics/campaigns/c9?period=7d', headers: bearer },
    ])
  })

  it('calls: the organisation, then each space, with Org-Handle', () => {
    const headers = { authorization: 'Bearer T0K', 'org-handle': 'acme-org' }
    expect(
      productRequests(
        { product: 'calls', url: 'https://c.example.com', orgHandle: 'acme-org', spaces: ['sp 1'] },
        secrets,
        NOW,
        'UTC',
      ),
    ).toEqual([
      { endpoint: '/api/v2/platform/organisation/analytics', headers },
      { endpoint: '/api/v2/platform/organisation/analytics?space_token=sp%201', headers },
    ])
  })

  it('bookings: reports, graph over the last N days in the timezone, activities; Basic user:token', () => {
    const basic = { authorization: 'Basic YWRtaW46YXBwIHBhc3M=' } // base64("admin:app pass")
    const prefix = '/wp-json/fluent-booking/v2/reports'
    expect(
      productRequests(
        { product: 'bookings', url: 'https://b.example.com', username: 'admin' },
        { token: 'app pass' },
        NOW,
        'UTC',
      ),
    ).toEqual([
      { endpoint: prefix, headers: basic },
      {
        endpoint: `${prefix}/graph-reports?date_range[0]=2026-02-24&date_range[1]=2026-03-25`,
        headers: basic,
      },
      { endpoint: `${prefix}/activities`, headers: basic },
    ])
    // 23:30 UTC on 25 March is already 26 March in Tokyo.
    const tokyo = productRequests(
      { product: 'bookings', url: 'https://b.example.com', username: 'admin', days: 1 },
      { token: 'app pass' },
      Date.UTC(2026, 2, 25, 23, 30),
      'Asia/Tokyo',
    )
    expect(tokyo[1]!.endpoint).toBe(
      `${prefix}/graph-reports?date_range[0]=2026-03-26&date_range[1]=2026-03-26`,
    )
  })

  it('no token: no Authorization header', () => {
    expect(
      productRequests(
        { product: 'workspaces', url: 'https://w.example.com', workspaces: ['w1'] },
        {},
        NOW,
        'UTC',
      )[0]!.headers,
    ).toEqual({})
  })
})

describe('snapshot sources against a console', () => {
  let remote: DbClient
  let remoteServer: SextantServer
  let url: string
  let remoteToken: string
  let db: DbClient
  let sync: SyncService
  let server: SextantServer
  let localToken: string

  beforeAll(async () => {
    const clock = fixedClock(NOW)
    remote = await DbClient.open(null)
    await remote.demo({ size: 'small', seed: 3, now: NOW })
    remoteToken = (await createToken(remote, clock, { name: 'snap' })).token
    ;({ server: remoteServer, url } = await listeningConsole(remote, clock))
    db = await DbClient.open(null)
    localToken = (await createToken(db, clock, { name: 'local' })).token
    sync = syncService(db, { clock })
    server = createServer({ db, clock, version: 'test', port: () => PORT, sync, logger: false })
  })
  afterAll(async () => {
    await server.close()
    await sync.close()
    await db.close()
    await remoteServer.close()
    await remote.close()
  })

  /** Every number of a JSON value by dot path (array items by index). */
  function leaves(
    value: unknown,
    path = '',
    into: Record<string, number> = {},
  ): Record<string, number> {
    if (typeof value === 'number') into[path] = value
    else if (Array.isArray(value))
      value.forEach((item, index) =>
        leaves(item, path === '' ? `${index}` : `${path}.${index}`, into),
      )
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value))
        leaves(item, path === '' ? key : `${path}.${key}`, into)
    return into
  }

  async function direct(endpoint: string, headers: Record<string, string>): Promise<unknown> {
    const response = await fetch(`${url}${endpoint}`, { headers })
    expect(response.status, endpoint).toBe(200)
    return response.json()
  }

  it('stores one snapshot per endpoint; figures are the numbers of the API answers', async () => {
    const workspaces = (await rowsOf(remote, 'workspaces')).slice(0, 2).map((w) => String(w.id))
    await sync.store.create({
      name: 'ws-snap',
      kind: 'snapshot',
      config: { product: 'workspaces', url, workspaces },
      secrets: { token: remoteToken },
    })
    const run: SyncRun = await sync.run('ws-snap', 'manual')
    expect(run.error).toBeNull()
    expect(run.state).toBe('ok')
    expect(run.snapshots).toBe(2)
    // This source's snapshots only: the other tests of this block share the database.
    const rows = await db.query<{ endpoint: string; status: number }>(
      'SELECT endpoint, status FROM remote_snapshots WHERE source_id = :id ORDER BY endpoint',
      { id: run.sourceId },
    )
    expect(rows).toEqual(
      workspaces
        .map((w) => ({ endpoint: `/api/workspaces/${w}/analytics?period=30d`, status: 200 }))
        .sort((a, b) => (a.endpoint < b.endpoint ? -1 : 1)),
    )

    const source = await sync.store.find('ws-snap')
    const response = await server.inject({
      url: `/api/v1/sources/${source.id}/figures`,
      headers: { host: HOST, authorization: `Bearer ${localToken}` },
    })
    expect(response.statusCode, response.body).toBe(200)
    const figures = response.json() as RemoteFigures
    expect(figures.product).toBe('workspaces')
    expect(figures.endpoints).toHaveLength(2)
    for (const entry of figures.endpoints) {
      const answer = await direct(entry.endpoint, { authorization: `Bearer ${remoteToken}` })
      expect(entry.latest).toEqual(answer)
      expect(entry.snapshots).toHaveLength(1)
      expect(entry.snapshots[0]!.fetchedAt).toBe(new Date(NOW).toISOString())
      expect(entry.snapshots[0]!.figures).toEqual(leaves(answer))
      expect(Object.keys(entry.snapshots[0]!.figures).length).toBeGreaterThan(0)
    }

    // A second run adds a second snapshot per endpoint: the trend.
    expect((await sync.run('ws-snap', 'manual')).snapshots).toBe(2)
    const again = (
      await server.inject({
        url: `/api/v1/sources/ws-snap/figures`,
        headers: { host: HOST, authorization: `Bearer ${localToken}` },
      })
    ).json() as RemoteFigures
    for (const entry of again.endpoints) expect(entry.snapshots).toHaveLength(2)
  })

  it.each([
    ['campaigns', (ws: string[]) => ({ workspaces: ws.slice(0, 1) }), 3],
    ['bookings', () => ({ username: 'admin' }), 3],
  ] as const)(
    'a %s snapshot source calls each endpoint of the console',
    async (product, extra, count) => {
      const workspaces = (await rowsOf(remote, 'workspaces')).map((w) => String(w.id))
      await sync.store.create({
        name: `${product}-snap`,
        kind: 'snapshot',
        config: { product, url, ...extra(workspaces) },
        secrets: { token: remoteToken },
      })
      const run = await sync.run(`${product}-snap`, 'manual')
      expect(run.error).toBeNull()
      expect(run.state).toBe('ok')
      expect(run.snapshots).toBe(count)
    },
  )

  it('a calls snapshot source sends the Org-Handle the console reads', async () => {
    const organisation = (await rowsOf(remote, 'organisations'))[0]!
    const spaces = await remote.query<{ token: string }>(
      'SELECT token FROM spaces WHERE organisation_id = :id ORDER BY id LIMIT 2',
      { id: organisation.id as string },
    )
    await sync.store.create({
      name: 'calls-snap',
      kind: 'snapshot',
      config: {
        product: 'calls',
        url,
        orgHandle: String(organisation.domain_handle),
        spaces: spaces.map((space) => space.token),
      },
      secrets: { token: remoteToken },
    })
    const run = await sync.run('calls-snap', 'manual')
    expect(run.error).toBeNull()
    expect(run.state).toBe('ok')
    expect(run.snapshots).toBe(1 + spaces.length)
    const latest = (
      (
        await server.inject({
          url: '/api/v1/sources/calls-snap/figures',
          headers: { host: HOST, authorization: `Bearer ${localToken}` },
        })
      ).json() as RemoteFigures
    ).endpoints.find((entry) => entry.endpoint === '/api/v2/platform/organisation/analytics')!
    expect(latest.latest).toEqual(
      await direct('/api/v2/platform/organisation/analytics', {
        authorization: `Bearer ${remoteToken}`,
        'org-handle': String(organisation.domain_handle),
      }),
    )
  })
})
