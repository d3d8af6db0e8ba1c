// Rule (issue #7): a capture schedule ("weekly Mon 09:00") runs at that wall time in the
// console's timezone (UTC, the timezone setting, or SEXTANT_TZ): its nextRunAt is the next such
// instant after it was created or last ran (worked out by hand below, DST included). When the
// library checks at or after that instant it captures the report once, as trigger `schedule`,
// and not again until the following week. A schedule the parser does not know is refused
// (400); a deleted one never runs again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SnapshotSchedule, SnapshotSummary, Snapshot } from '../../src-shared/api/snapshots'
import { DbClient } from '../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import { TimeZoneSetting } from '../../src-main/core/settings'
import { createToken } from '../../src-main/core/tokens/tokens'
import { HOST, movableClock, type Answer, type MovableClock } from './helpers'

// Monday 2026-11-23, noon UTC (13:00 in Berlin, CET = UTC+1).
const MONDAY_NOON = Date.parse('2026-11-23T12:00:00Z')

interface Setup {
  db: DbClient
  server: SextantServer
  clock: MovableClock
  setting: TimeZoneSetting
  request(method: string, url: string, body?: unknown): Promise<Answer>
}

async function setup(env: Record<string, string> = {}): Promise<Setup> {
  const db = await DbClient.open(null)
  const clock = movableClock(MONDAY_NOON)
  await db.demo({ size: 'small', seed: 1, now: MONDAY_NOON })
  const token = (await createToken(db, clock, { name: 'schedules' })).token
  const setting = await TimeZoneSetting.load(db, env)
  const server = createServer({
    db,
    clock,
    version: 'test',
    port: () => 4477,
    settings: setting,
    timezone: () => setting.current,
    logger: false,
  })
  const request = (method: string, url: string, body?: unknown) =>
    server.inject({
      method: method as 'GET',
      url,
      headers: {
        host: HOST,
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    })
  return { db, server, clock, setting, request }
}

async function addSchedule(s: Setup, body: unknown): Promise<SnapshotSchedule> {
  const answer = await s.request('POST', '/api/v1/snapshot-schedules', body)
  expect(answer.statusCode, answer.body).toBe(201)
  return answer.json<SnapshotSchedule>()
}

async function schedules(s: Setup): Promise<SnapshotSchedule[]> {
  return (await s.request('GET', '/api/v1/snapshot-schedules')).json<{
    schedules: SnapshotSchedule[]
  }>().schedules
}

async function snapshots(s: Setup): Promise<SnapshotSummary[]> {
  return (await s.request('GET', '/api/v1/snapshots')).json<{ snapshots: SnapshotSummary[] }>()
    .snapshots
}

describe('capture schedules in UTC', () => {
  let s: Setup
  beforeAll(async () => {
    s = await setup()
  })
  // Each test starts without schedules, whatever the one before left.
  afterEach(async () => {
    for (const schedule of await s.server.snapshots.schedules())
      await s.server.snapshots.removeSchedule(schedule.id)
  })
  afterAll(async () => {
    await s.server.close()
    await s.db.close()
  })

  it('next runs on the next Monday 09:00 after its creation', async () => {
    s.clock.set(MONDAY_NOON)
    const schedule = await addSchedule(s, { report: 'overview', schedule: 'weekly Mon 09:00' })
    // Monday 09:00 today has passed at noon: a week later.
    expect(schedule).toEqual({
      id: schedule.id,
      report: 'overview',
      params: {},
      schedule: 'weekly Mon 09:00',
      name: 'Overview',
      nextRunAt: '2026-11-30T09:00:00.000Z',
      lastRunAt: null,
    })
    // Created on Sunday evening: the next morning.
    s.clock.set(Date.parse('2026-11-22T20:00:00Z'))
    const sunday = await addSchedule(s, { report: 'overview', schedule: 'weekly Monday 09:00' })
    expect(sunday.nextRunAt).toBe('2026-11-23T09:00:00.000Z')
    // Created at 09:00 sharp on a Monday: the following one.
    s.clock.set(Date.parse('2026-11-23T09:00:00Z'))
    const sharp = await addSchedule(s, { report: 'overview', schedule: 'weekly Mon 09:00' })
    expect(sharp.nextRunAt).toBe('2026-11-30T09:00:00.000Z')
    // Wednesday 18:30 from a Monday.
    s.clock.set(MONDAY_NOON)
    const wednesday = await addSchedule(s, { report: 'overview', schedule: 'weekly Wed 18:30' })
    expect(wednesday.nextRunAt).toBe('2026-11-25T18:30:00.000Z')
    for (const id of [schedule.id, sunday.id, sharp.id, wednesday.id])
      expect((await s.request('DELETE', `/api/v1/snapshot-schedules/${id}`)).statusCode).toBe(204)
    expect(await schedules(s)).toEqual([])
  })

  it('captures once when due, as trigger "schedule", then not until the next week', async () => {
    s.clock.set(MONDAY_NOON)
    const schedule = await addSchedule(s, {
      report: 'workspace',
      params: { workspace: 'globex' },
      schedule: 'weekly Mon 09:00',
      name: 'Globex weekly',
    })
    expect(schedule.nextRunAt).toBe('2026-11-30T09:00:00.000Z')
    const before = (await snapshots(s)).length

    // A minute early: nothing.
    s.clock.set(Date.parse('2026-11-30T08:59:00Z'))
    expect(await s.server.snapshots.runDue()).toBe(0)
    expect(await snapshots(s)).toHaveLength(before)

    // At 09:00: one capture.
    s.clock.set(Date.parse('2026-11-30T09:00:00Z'))
    expect(await s.server.snapshots.runDue()).toBe(1)
    const after = await snapshots(s)
    expect(after).toHaveLength(before + 1)
    const captured = after[0]!
    expect(captured).toMatchObject({
      report: 'workspace',
      params: { days: 30, workspace: 'globex' },
      trigger: 'schedule',
      capturedAt: '2026-11-30T09:00:00.000Z',
      timezone: 'UTC',
      name: 'Globex weekly 2026-11-30 09:00',
    })
    // What the dashboard answered at that moment.
    const full = (await s.request('GET', `/api/v1/snapshots/${captured.id}`)).json<Snapshot>()
    expect(full.responses[0]!.body).toEqual(
      (await s.request('GET', '/api/v1/workspaces/globex/analytics?days=30')).json(),
    )
    expect(await schedules(s)).toEqual([
      {
        ...schedule,
        lastRunAt: '2026-11-30T09:00:00.000Z',
        nextRunAt: '2026-12-07T09:00:00.000Z',
      },
    ])

    // Not again the same minute, nor later that week.
    expect(await s.server.snapshots.runDue()).toBe(0)
    for (const at of ['2026-11-30T09:30:00Z', '2026-12-03T12:00:00Z', '2026-12-07T08:59:59Z']) {
      s.clock.set(Date.parse(at))
      expect(await s.server.snapshots.runDue(), at).toBe(0)
    }
    expect(await snapshots(s)).toHaveLength(before + 1)

    // The next Monday, checked a little late: once, and the one after is a week on.
    s.clock.set(Date.parse('2026-12-07T09:05:00Z'))
    expect(await s.server.snapshots.runDue()).toBe(1)
    expect(await s.server.snapshots.runDue()).toBe(0)
    expect((await schedules(s))[0]).toMatchObject({
      lastRunAt: '2026-12-07T09:05:00.000Z',
      nextRunAt: '2026-12-14T09:00:00.000Z',
    })
    expect((await snapshots(s)).filter((snapshot) => snapshot.trigger === 'schedule')).toHaveLength(
      2,
    )
    expect(
      (await s.request('DELETE', `/api/v1/snapshot-schedules/${schedule.id}`)).statusCode,
    ).toBe(204)
  })

  it('answers each of several simultaneous new schedules with its own', async () => {
    s.clock.set(MONDAY_NOON)
    const asked = ['weekly Mon 09:00', 'daily 06:00', 'weekly Fri 17:00'].map(
      (schedule, index) => ({
        report: 'overview',
        schedule,
        name: `Schedule ${index}`,
      }),
    )
    const answers = await Promise.all(
      asked.map((body) => s.request('POST', '/api/v1/snapshot-schedules', body)),
    )
    const created = answers.map((answer) => answer.json<SnapshotSchedule>())
    expect(created.map((schedule) => [schedule.name, schedule.schedule])).toEqual(
      asked.map((body) => [body.name, body.schedule]),
    )
  })

  it('refuses schedules it cannot read with 400', async () => {
    const bad = [
      'weekly Funday 09:00',
      'weekly Mon 9:00',
      'weekly Mon 24:00',
      'weekly Mon 09:60',
      'weekly 09:00',
      'weekly Mon',
      'monthly 1 09:00',
      'every 0m',
      'manual',
      '',
    ]
    for (const schedule of bad) {
      const answer = await s.request('POST', '/api/v1/snapshot-schedules', {
        report: 'overview',
        schedule,
      })
      expect(answer.statusCode, schedule).toBe(400)
      expect(answer.json<{ error: { message: string } }>().error.message).toMatch(/schedule/)
    }
    for (const body of [
      { report: 'dashboard', schedule: 'weekly Mon 09:00' },
      { report: 'overview' },
      { report: 'overview', schedule: 'hourly', params: { days: -1 } },
    ])
      expect(
        (await s.request('POST', '/api/v1/snapshot-schedules', body)).statusCode,
        JSON.stringify(body),
      ).toBe(400)
    expect(await schedules(s)).toEqual([])
  })

  it('a deleted schedule never runs; deleting it again is 404', async () => {
    s.clock.set(MONDAY_NOON)
    const schedule = await addSchedule(s, { report: 'overview', schedule: 'weekly Tue 09:00' })
    expect(schedule.nextRunAt).toBe('2026-11-24T09:00:00.000Z')
    const removed = await s.request('DELETE', `/api/v1/snapshot-schedules/${schedule.id}`)
    expect(removed.statusCode).toBe(204)
    expect(await schedules(s)).toEqual([])
    const before = (await snapshots(s)).length
    s.clock.set(Date.parse('2026-11-24T10:00:00Z'))
    expect(await s.server.snapshots.runDue()).toBe(0)
    expect(await snapshots(s)).toHaveLength(before)
    const again = await s.request('DELETE', `/api/v1/snapshot-schedules/${schedule.id}`)
    expect(again.statusCode).toBe(404)
    expect((await s.request('DELETE', '/api/v1/snapshot-schedules/9999')).statusCode).toBe(404)
  })

  it('answers how many it captured: a schedule that cannot capture is not counted', async () => {
    // A schedule whose workspace no longer exists (written as the library stores it).
    s.clock.set(MONDAY_NOON)
    await s.db.write(
      [
        {
          sql: `INSERT INTO snapshot_schedules (report, params, schedule, name, created_at)
                VALUES ('workspace', '{"workspace":"gone"}', 'weekly Mon 09:00', 'Gone', :now)`,
          params: { now: MONDAY_NOON },
        },
      ],
      { records: false },
    )
    const [gone] = await schedules(s)
    expect(gone!.nextRunAt).toBe('2026-11-30T09:00:00.000Z')
    const before = (await snapshots(s)).length
    s.clock.set(Date.parse('2026-11-30T09:00:00Z'))
    const captured = await s.server.snapshots.runDue()
    // It moves on (no retry every minute) ...
    expect((await schedules(s))[0]!.nextRunAt).toBe('2026-12-07T09:00:00.000Z')
    expect(await snapshots(s)).toHaveLength(before)
    // ... but nothing was captured.
    expect(captured).toBe(0)
  })
})

describe('capture schedules in the console timezone', () => {
  it('SEXTANT_TZ=Europe/Berlin: Monday 09:00 is 08:00 UTC in winter, 07:00 in summer', async () => {
    const s = await setup({ SEXTANT_TZ: 'Europe/Berlin' })
    try {
      expect(s.setting.current).toBe('Europe/Berlin')
      // Monday 13:00 in Berlin: next Monday 09:00 CET.
      s.clock.set(MONDAY_NOON)
      const winter = await addSchedule(s, { report: 'overview', schedule: 'weekly Mon 09:00' })
      expect(winter.nextRunAt).toBe('2026-11-30T08:00:00.000Z')
      // Monday 07:30 UTC is 08:30 in Berlin: 09:00 the same morning (08:00 UTC), where UTC
      // would say 09:00 UTC.
      s.clock.set(Date.parse('2026-11-23T07:30:00Z'))
      const sameDay = await addSchedule(s, { report: 'overview', schedule: 'weekly Mon 09:00' })
      expect(sameDay.nextRunAt).toBe('2026-11-23T08:00:00.000Z')
      // Sunday 23:30 UTC is already Monday 00:30 in Berlin.
      s.clock.set(Date.parse('2026-11-22T23:30:00Z'))
      const lateSunday = await addSchedule(s, { report: 'overview', schedule: 'weekly Sun 23:00' })
      expect(lateSunday.nextRunAt).toBe('2026-11-29T22:00:00.000Z')
      // Created on Friday 2026-10-23 (CEST, UTC+2); clocks go back on Sunday 25 October:
      // Monday 26 October 09:00 is CET, 08:00 UTC.
      s.clock.set(Date.parse('2026-10-23T10:00:00Z'))
      const acrossDst = await addSchedule(s, { report: 'overview', schedule: 'weekly Mon 09:00' })
      expect(acrossDst.nextRunAt).toBe('2026-10-26T08:00:00.000Z')
      // Created on Friday 2026-03-27 (CET); clocks go forward on Sunday 29 March: Monday 30
      // March 09:00 is CEST, 07:00 UTC.
      s.clock.set(Date.parse('2026-03-27T10:00:00Z'))
      const summer = await addSchedule(s, { report: 'overview', schedule: 'weekly Mon 09:00' })
      expect(summer.nextRunAt).toBe('2026-03-30T07:00:00.000Z')

      // It runs at 08:00 UTC, named after the Berlin wall time.
      s.clock.set(Date.parse('2026-11-30T08:00:00Z'))
      // All five are due: winter now; sameDay (2026-11-23 08:00Z), lateSunday (2026-11-29
      // 22:00Z), acrossDst (2026-10-26 08:00Z) and summer missed theirs and run once now.
      expect(await s.server.snapshots.runDue()).toBe(5)
      expect(await s.server.snapshots.runDue()).toBe(0)
      const captured = (await snapshots(s)).filter((snapshot) => snapshot.trigger === 'schedule')
      expect(captured).toHaveLength(5)
      for (const snapshot of captured)
        expect(snapshot).toMatchObject({
          timezone: 'Europe/Berlin',
          capturedAt: '2026-11-30T08:00:00.000Z',
          name: 'Overview 2026-11-30 09:00',
        })
      const after = await schedules(s)
      expect(after.find((schedule) => schedule.id === winter.id)!.nextRunAt).toBe(
        '2026-12-07T08:00:00.000Z',
      )
      expect(after.find((schedule) => schedule.id === lateSunday.id)!.nextRunAt).toBe(
        '2026-12-06T22:00:00.000Z',
      )
      for (const id of [sameDay.id, acrossDst.id, summer.id])
        expect(after.find((schedule) => schedule.id === id)!.nextRunAt).toBe(
          '2026-12-07T08:00:00.000Z',
        )
    } finally {
      await s.server.close()
      await s.db.close()
    }
  })

  it('the timezone setting moves the next run', async () => {
    const s = await setup()
    try {
      s.clock.set(MONDAY_NOON)
      const schedule = await addSchedule(s, { report: 'overview', schedule: 'weekly Mon 09:00' })
      expect(schedule.nextRunAt).toBe('2026-11-30T09:00:00.000Z')
      const changed = await s.request('PUT', '/api/v1/settings', { timezone: 'Asia/Tokyo' })
      expect(changed.statusCode, changed.body).toBe(200)
      // Created Monday 21:00 in Tokyo (UTC+9, no DST): next Monday 09:00 JST = 00:00 UTC.
      expect((await schedules(s))[0]!.nextRunAt).toBe('2026-11-30T00:00:00.000Z')
      const berlin = await s.request('PUT', '/api/v1/settings', { timezone: 'Europe/Berlin' })
      expect(berlin.statusCode).toBe(200)
      expect((await schedules(s))[0]!.nextRunAt).toBe('2026-11-30T08:00:00.000Z')
    } finally {
      await s.server.close()
      await s.db.close()
    }
  })
})
