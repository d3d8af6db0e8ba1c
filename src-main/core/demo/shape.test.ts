/**
 * The demo dataset must look like a real business on first view (issue #14 item 5): no spike at
 * the right edge, no all-zero figure in the default 30-day window, a weekly rhythm, a quiet
 * holiday week, a campaign launch that shows as a step, and an Overview whose figures move like
 * a business's from one month to the next. Everything here is counted with plain SQL over the
 * database the importer filled (never with the generator's own helpers), in UTC days, as the
 * console counts them when no timezone is set.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadMigrations } from '../db/load-migrations'
import { Sqlite } from '../db/sqlite'
import { runDemo } from './run-demo'

const DAY = 86_400_000
/** The e2e clock (late November) and the unit tests' (late March, three months after a holiday). */
const NOWS = ['2026-11-23T12:00:00Z', '2026-03-25T14:30:00Z'] as const

async function demoDatabase(size: 'small' | 'medium', now: number): Promise<Sqlite> {
  const sqlite = await Sqlite.open()
  sqlite.migrate(loadMigrations(new URL('../db/migrations/', import.meta.url)))
  runDemo(sqlite, { size, seed: 1, now })
  return sqlite
}

/** Rows of `table` with `column` in [from, to) (epoch ms), with an optional extra condition. */
function count(sqlite: Sqlite, table: string, from: number, to: number, where = '1'): number {
  const row = sqlite.get<{ n: number }>(
    `SELECT count(*) AS n FROM ${table} WHERE created_at >= :from AND created_at < :to AND (${where})`,
    { from, to },
  )
  return Number(row?.n ?? 0)
}

/** Rows per UTC day of `table` by `column`, keyed by the day's start (epoch ms). */
function perDay(sqlite: Sqlite, table: string, column = 'created_at'): Map<number, number> {
  const rows = sqlite.all<{ day: number; n: number }>(
    `SELECT (${column} / ${DAY}) * ${DAY} AS day, count(*) AS n FROM ${table} GROUP BY day`,
  )
  return new Map(rows.map((row) => [Number(row.day), Number(row.n)]))
}

function sumDays(days: Map<number, number>, from: number, to: number): number {
  let sum = 0
  for (let day = from; day < to; day += DAY) sum += days.get(day) ?? 0
  return sum
}

/** The Overview's figures for the window [from, to], recomputed with SQL from their definitions. */
function overviewFigures(sqlite: Sqlite, from: number, to: number): Record<string, number> {
  const one = (sql: string): number => {
    const row = sqlite.get<{ n: number | null }>(sql, { from, to })
    return Number(row?.n ?? 0)
  }
  const within = 'created_at BETWEEN :from AND :to'
  const sent = one(`SELECT count(sent_at) AS n FROM messages WHERE ${within}`)
  const calls = one(`SELECT count(*) AS n FROM calls WHERE ${within}`)
  return {
    rooms: one(`SELECT count(*) AS n FROM rooms WHERE ${within}`),
    recordings: one(`SELECT count(*) AS n FROM recordings WHERE ${within}`),
    recordingDuration: one(`SELECT sum(duration) AS n FROM recordings WHERE ${within}`),
    contacts: one(`SELECT count(*) AS n FROM contacts WHERE ${within}`),
    bookings: one(
      `SELECT count(*) AS n FROM contact_events WHERE event_type = 'booking' AND ${within}`,
    ),
    messagesSent: sent,
    openRate: one(`SELECT count(opened_at) AS n FROM messages WHERE ${within}`) / sent,
    clickRate: one(`SELECT count(clicked_at) AS n FROM messages WHERE ${within}`) / sent,
    calls,
    callSuccessRate:
      one(`SELECT count(*) AS n FROM calls WHERE status = 'completed' AND ${within}`) / calls,
    bookingTotal: one(`SELECT count(*) AS n FROM bookings WHERE ${within}`),
    bookingsCompleted: one(
      `SELECT count(*) AS n FROM bookings WHERE status = 'completed' AND ${within}`,
    ),
    bookingsCancelled: one(
      `SELECT count(*) AS n FROM bookings WHERE status = 'cancelled' AND ${within}`,
    ),
  }
}

/** The last Christmas Eve (00:00 UTC) at least a week before `todayStart`. */
function lastChristmasEve(todayStart: number): number {
  const year = new Date(todayStart).getUTCFullYear()
  const thisYear = Date.UTC(year, 11, 24)
  return thisYear + 7 * DAY <= todayStart ? thisYear : Date.UTC(year - 1, 11, 24)
}

describe.each(NOWS)('the medium demo at %s', (nowText) => {
  const now = Date.parse(nowText)
  const todayStart = Math.floor(now / DAY) * DAY
  let sqlite: Sqlite
  beforeAll(async () => {
    sqlite = await demoDatabase('medium', now)
  }, 120_000)

  it('creates bookings at the same pace in the last 3 days as in the 60 before', () => {
    const days = perDay(sqlite, 'bookings')
    const mean = sumDays(days, todayStart - 63 * DAY, todayStart - 3 * DAY) / 60
    expect(mean).toBeGreaterThan(1)
    for (let back = 1; back <= 3; back++) {
      const day = todayStart - back * DAY
      expect(days.get(day) ?? 0, `bookings created ${back} days ago`).toBeLessThanOrEqual(2 * mean)
    }
    // Today so far, at the same pace.
    const todaySoFar = (days.get(todayStart) ?? 0) / ((now - todayStart) / DAY)
    expect(todaySoFar).toBeLessThanOrEqual(2.5 * mean)
    // The upcoming calendar was booked over the past weeks, most of it more than 3 days ago.
    const upcoming = sqlite.all<{ created_at: number }>(
      'SELECT created_at FROM bookings WHERE start_time > :now',
      { now },
    )
    expect(upcoming.length).toBeGreaterThan(10)
    const bookedLately = upcoming.filter((row) => row.created_at >= todayStart - 3 * DAY).length
    expect(bookedLately / upcoming.length).toBeLessThan(0.5)
    const bookedLongAgo = upcoming.filter((row) => row.created_at < todayStart - 14 * DAY).length
    expect(bookedLongAgo).toBeGreaterThan(0)
  })

  it('covers a year, with weekdays busier than weekends', () => {
    const first = sqlite.get<{ t: number }>('SELECT min(created_at) AS t FROM contact_events')!.t
    expect(first).toBeLessThanOrEqual(todayStart - 360 * DAY)
    for (const table of ['contact_events', 'messages', 'calls', 'bookings']) {
      const days = perDay(sqlite, table)
      let weekday = 0
      let weekend = 0
      let weekdays = 0
      let weekends = 0
      for (let day = todayStart - 364 * DAY; day < todayStart; day += DAY) {
        const dow = new Date(day).getUTCDay()
        if (dow === 0 || dow === 6) {
          weekend += days.get(day) ?? 0
          weekends++
        } else {
          weekday += days.get(day) ?? 0
          weekdays++
        }
      }
      expect(weekend / weekends, table).toBeLessThan(0.7 * (weekday / weekdays))
      expect(weekend / weekends, table).toBeGreaterThan(0)
    }
  })

  it('grows over the year', () => {
    const days = perDay(sqlite, 'contact_events')
    // The same calendar span a year apart is not available, so compare the last 13 weeks with
    // the 13 weeks half a year earlier: growth must beat the seasonal swing.
    const recent = sumDays(days, todayStart - 91 * DAY, todayStart)
    const earlier = sumDays(days, todayStart - 364 * DAY, todayStart - 273 * DAY)
    expect(recent).toBeGreaterThan(1.1 * earlier)
  })

  it('has a quiet holiday week', () => {
    const days = perDay(sqlite, 'contact_events')
    const eve = lastChristmasEve(todayStart)
    const quiet = sumDays(days, eve, eve + 7 * DAY)
    // Four ordinary weeks around it: two before, two after the New Year.
    const around =
      (sumDays(days, eve - 21 * DAY, eve - 7 * DAY) +
        sumDays(days, eve + 14 * DAY, eve + 28 * DAY)) /
      4
    expect(quiet).toBeLessThan(0.6 * around)
    expect(quiet).toBeGreaterThan(0)
  })

  it('shows a campaign launch as a step in messages, enrollments and events', () => {
    // The launch: the day the named campaign sends its first message.
    const launch = sqlite.get<{ t: number | null }>(
      `SELECT min(m.created_at) AS t FROM messages m JOIN campaigns c ON c.id = m.campaign_id
       WHERE c.name = 'Product Launch'`,
    )!.t
    expect(launch).not.toBeNull()
    const launchDay = Math.floor(launch! / DAY) * DAY
    // Outside the Overview's two default windows, so they compare like with like.
    expect(launchDay).toBeLessThan(todayStart - 60 * DAY)
    expect(launchDay).toBeGreaterThan(todayStart - 300 * DAY)
    const step = (table: string, column: string, factor: number): void => {
      const days = perDay(sqlite, table, column)
      const before = sumDays(days, launchDay - 28 * DAY, launchDay)
      const after = sumDays(days, launchDay, launchDay + 28 * DAY)
      expect(after, `${table} 4 weeks after the launch`).toBeGreaterThan(factor * before)
      // A step, not a blip: still up two months on.
      const later = sumDays(days, launchDay + 28 * DAY, launchDay + 56 * DAY)
      expect(later, `${table} 4 to 8 weeks after the launch`).toBeGreaterThan(factor * before)
    }
    step('messages', 'created_at', 1.3)
    step('enrollments', 'enrolled_at', 1.3)
    step('contact_events', 'created_at', 1.08)
  })

  it('has bookings completed, cancelled and missed in realistic proportions', () => {
    const past = sqlite.all<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM bookings WHERE end_time <= :now GROUP BY status',
      { now },
    )
    const total = past.reduce((sum, row) => sum + row.n, 0)
    const share = (status: string): number =>
      (past.find((row) => row.status === status)?.n ?? 0) / total
    expect(share('completed')).toBeGreaterThan(0.6)
    expect(share('completed')).toBeLessThan(0.85)
    expect(share('cancelled')).toBeGreaterThan(0.05)
    expect(share('cancelled')).toBeLessThan(0.2)
    expect(share('no_show')).toBeGreaterThan(0.02)
    expect(share('no_show')).toBeLessThan(0.12)
  })

  it('makes calls in office hours, every weekday', () => {
    const hours = sqlite.all<{ hour: number; n: number }>(
      `SELECT (created_at % ${DAY}) / 3600000 AS hour, count(*) AS n FROM calls GROUP BY hour`,
    )
    const at = (hour: number): number => hours.find((row) => row.hour === hour)?.n ?? 0
    let office = 0
    for (let hour = 9; hour < 17; hour++) office += at(hour)
    const total = hours.reduce((sum, row) => sum + row.n, 0)
    expect(office / total).toBeGreaterThan(0.6)
    expect(at(3)).toBeLessThan(at(11) / 5)
    // Some calls on every weekday of the last four weeks.
    const days = perDay(sqlite, 'calls')
    for (let day = todayStart - 28 * DAY; day < todayStart; day += DAY) {
      const dow = new Date(day).getUTCDay()
      if (dow !== 0 && dow !== 6) expect(days.get(day) ?? 0).toBeGreaterThan(0)
    }
  })

  it('gives an Overview whose 30-day figures move like a business against the 30 before', () => {
    const currentStart = todayStart - 29 * DAY
    const current = overviewFigures(sqlite, currentStart, now)
    const previous = overviewFigures(sqlite, currentStart - 30 * DAY, currentStart - 1)
    const changes = Object.fromEntries(
      Object.keys(current).map((key) => [
        key,
        Math.round((1000 * (current[key]! - previous[key]!)) / previous[key]!) / 1000,
      ]),
    )
    for (const [key, change] of Object.entries(changes)) {
      expect(Math.abs(change), `${key}: ${JSON.stringify(changes)}`).toBeLessThanOrEqual(0.35)
    }
  })
})

describe.each(['small', 'medium'] as const)('the %s demo', (size) => {
  it.each(NOWS)(
    'has something in every default 30-day figure at %s',
    async (nowText) => {
      const now = Date.parse(nowText)
      const from = Math.floor(now / DAY) * DAY - 29 * DAY
      const sqlite = await demoDatabase(size, now)
      const to = now + 1
      for (const table of [
        'rooms',
        'recordings',
        'contacts',
        'contact_events',
        'messages',
        'enrollments',
        'calls',
        'tasks',
        'bookings',
        'booking_activities',
      ]) {
        const n =
          table === 'enrollments'
            ? Number(
                sqlite.get<{ n: number }>(
                  'SELECT count(*) AS n FROM enrollments WHERE enrolled_at >= :from AND enrolled_at < :to',
                  { from, to },
                )!.n,
              )
            : count(sqlite, table, from, to)
        expect(n, `${table} created in the last 30 days`).toBeGreaterThan(0)
      }
      // Every workspace has a room, a contact and a booking event in its default window.
      for (const workspace of ['acme', 'globex', 'initech']) {
        const where = `workspace_id = '${workspace}'`
        expect(count(sqlite, 'rooms', from, to, where), `${workspace} rooms`).toBeGreaterThan(0)
        expect(count(sqlite, 'contacts', from, to, where), `${workspace} contacts`).toBeGreaterThan(
          0,
        )
        expect(
          count(sqlite, 'contact_events', from, to, `${where} AND event_type = 'booking'`),
          `${workspace} booking events`,
        ).toBeGreaterThan(0)
      }
      // And every organisation's calls.
      const calls = sqlite.all<{ organisation_id: string }>(
        `SELECT DISTINCT s.organisation_id FROM calls c JOIN spaces s ON s.id = c.space_id
       WHERE c.created_at >= :from AND c.created_at < :to`,
        { from, to },
      )
      expect(calls.length).toBe(2)
    },
    60_000,
  )
})
