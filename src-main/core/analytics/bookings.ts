/**
 * The booking reports of API.md section 4 (booking-reports.txt): overview widgets with their
 * comparison, latest bookings, next meetings, graph buckets and the activity feed.
 */
import type {
  Activities,
  Booking,
  GraphReports,
  NextMeeting,
  Reports,
} from '../../../src-shared/api/bookings'
import {
  addDays,
  daysBetween,
  fromLocal,
  isoWithOffset,
  localDateTime,
} from '../../../src-shared/domain/time'
import { countByDay, lastDays, round, type AnalyticsContext } from './context'

/** A period [start, end] (inclusive, epoch ms). */
export interface Period {
  readonly start: number
  readonly end: number
}

const ICONS = {
  all: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><rect x="3" y="4" width="18" height="18" rx="2"/><path d="M16 2v4M8 2v4M3 10h18"/></svg>',
  completed:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m9 12 2 2 4-4"/></svg>',
  cancelled:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m15 9-6 6M9 9l6 6"/></svg>',
  guests:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="9" cy="7" r="4"/><path d="M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2M16 3.13a4 4 0 0 1 0 7.75M21 21v-2a4 4 0 0 0-3-3.85"/></svg>',
}

/** API.md: (period − comparison) / comparison × 100, 100 when only the comparison is 0. */
export function changeStat(current: number, previous: number): number {
  if (previous === 0) return current === 0 ? 0 : 100
  return round(((current - previous) / previous) * 100, 2)
}

function content(stat: number): string {
  return stat > 0
    ? 'More than last month'
    : stat < 0
      ? 'Less than last month'
      : 'Same as last month'
}

interface Counts {
  all: number
  completed: number
  cancelled: number
  guests: number
}

async function countIn(context: AnalyticsContext, period: Period | null): Promise<Counts> {
  const params: Record<string, number> =
    period === null ? {} : { start: period.start, end: period.end }
  const inPeriod = (column: string): string =>
    period === null ? '1' : `${column} BETWEEN :start AND :end`
  const row = await context.db.get<Record<keyof Counts, number>>(
    `SELECT
       (SELECT count(*) FROM bookings WHERE ${inPeriod('created_at')}) AS "all",
       (SELECT count(*) FROM bookings WHERE status = 'completed' AND ${inPeriod('end_time')}) AS completed,
       (SELECT count(*) FROM bookings WHERE status = 'cancelled' AND ${inPeriod('end_time')}) AS cancelled,
       (SELECT count(DISTINCT lower(email)) FROM bookings WHERE email IS NOT NULL AND ${inPeriod('created_at')}) AS guests`,
    params,
  )
  return {
    all: Number(row?.all ?? 0),
    completed: Number(row?.completed ?? 0),
    cancelled: Number(row?.cancelled ?? 0),
    guests: Number(row?.guests ?? 0),
  }
}

interface BookingRow {
  id: number
  event_id: number | null
  host_id: number | null
  group_id: string | null
  status: string
  first_name: string | null
  last_name: string | null
  email: string | null
  start_time: number
  end_time: number
  created_at: number
}

function present(row: BookingRow, timeZone: string): Booking {
  return {
    id: row.id,
    event_id: row.event_id,
    host_id: row.host_id,
    group_id: row.group_id,
    status: row.status,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    start_time: localDateTime(row.start_time, timeZone),
    end_time: localDateTime(row.end_time, timeZone),
    created_at: localDateTime(row.created_at, timeZone),
  }
}

/**
 * GET /reports. With a period, `number` counts in it and `stat` compares it with the same
 * length right before; without, `number` is all-time and `stat` compares the last 30 days with
 * the 30 days before them.
 */
export async function reports(context: AnalyticsContext, period: Period | null): Promise<Reports> {
  const { timeZone } = context
  let current: Period
  let comparison: Period
  if (period !== null) {
    const length = period.end - period.start
    current = period
    comparison = { start: period.start - length, end: period.start - 1 }
  } else {
    const window = lastDays(context, 30)
    current = { start: window.start, end: window.end }
    const before = lastDays({ ...context, now: window.start - 1 }, 30)
    comparison = { start: before.start, end: window.start - 1 }
  }
  const [allTime, now, before, latest, upcoming] = await Promise.all([
    period === null ? countIn(context, null) : undefined,
    countIn(context, current),
    countIn(context, comparison),
    context.db.query<BookingRow>(
      `SELECT * FROM bookings WHERE status IN ('pending', 'scheduled', 'completed')
       ORDER BY created_at DESC, id DESC LIMIT 5`,
    ),
    context.db.query<
      BookingRow & { event_title: string | null; host_name: string | null; booked: number | null }
    >(
      `SELECT b.*, e.title AS event_title, h.name AS host_name,
              CASE WHEN b.group_id IS NULL THEN NULL ELSE
                (SELECT count(*) FROM bookings g WHERE g.group_id = b.group_id AND g.status IN ('scheduled', 'completed'))
              END AS booked
       FROM bookings b
       LEFT JOIN calendar_events e ON e.id = b.event_id
       LEFT JOIN hosts h ON h.id = e.host_id
       WHERE b.status = 'scheduled' AND b.start_time > :now
       ORDER BY b.start_time ASC, b.id ASC`,
      { now: context.now },
    ),
  ])
  const numbers = allTime ?? now
  const widget = (title: string, key: keyof Counts, periodKey?: string) => {
    const stat = changeStat(now[key], before[key])
    return {
      title,
      ...(periodKey === undefined ? {} : { period: periodKey }),
      number: numbers[key],
      content: content(stat),
      icon: ICONS[key],
      stat,
    }
  }
  const seenGroups = new Set<string>()
  const nextMeetings: NextMeeting[] = []
  for (const row of upcoming) {
    if (nextMeetings.length === 5) break
    if (row.group_id !== null) {
      if (seenGroups.has(row.group_id)) continue
      seenGroups.add(row.group_id)
    }
    const guest = [row.first_name, row.last_name]
      .filter((part) => part !== null && part !== '')
      .join(' ')
    const eventGone = row.event_title === null
    nextMeetings.push({
      ...present(row, timeZone),
      title: `${eventGone ? 'Unknown event' : row.event_title} with ${guest}`.trim(),
      author: { name: eventGone ? 'unknown' : (row.host_name ?? 'unknown') },
      slot: eventGone ? {} : { id: row.event_id!, title: row.event_title! },
      ...(row.group_id === null ? {} : { booked_count: Number(row.booked ?? 0) }),
    })
  }
  return {
    overview: [
      widget('Total Bookings', 'all', 'all'),
      widget('Completed Bookings', 'completed', 'completed'),
      widget('Cancelled Bookings', 'cancelled', 'cancelled'),
      widget('Total Guests', 'guests'),
    ],
    latest_books: latest.map((row) => present(row, timeZone)),
    next_meetings: nextMeetings,
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The bucket key of each date of the range, by the range's length (API.md section 4). */
export function bucketKeys(
  first: string,
  last: string,
): { keys: string[]; keyOf: (date: string) => string } {
  const length = daysBetween(first, last) + 1
  if (length <= 62) {
    return {
      keys: Array.from({ length }, (_, index) => addDays(first, index)),
      keyOf: (date) => date,
    }
  }
  if (length <= 92) {
    const keys = Array.from({ length: Math.ceil(length / 7) }, (_, index) =>
      addDays(first, index * 7),
    )
    return { keys, keyOf: (date) => addDays(first, Math.floor(daysBetween(first, date) / 7) * 7) }
  }
  const month = (date: string): string =>
    `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`
  // Months counted as numbers: comparing date strings breaks past year 9999 ('10000-01' < '9999-12').
  const index = (date: string): number =>
    Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1
  const keys: string[] = []
  for (let at = index(first); at <= index(last); at++) {
    keys.push(`${MONTHS[at % 12]} ${String(Math.floor(at / 12)).padStart(4, '0')}`)
  }
  return { keys, keyOf: month }
}

/** GET /reports/graph-reports over local days [first, last], both included. */
export async function graphReports(
  context: AnalyticsContext,
  first: string,
  last: string,
): Promise<GraphReports> {
  const start = fromLocal(first, context.timeZone)
  const end = fromLocal(addDays(last, 1), context.timeZone) - 1
  const perDay = await countByDay(
    context,
    (slot) => `SELECT ${slot('created_at')} AS slot, status, count(*) AS n FROM bookings
     WHERE created_at BETWEEN :start AND :end GROUP BY slot, status`,
    { start, end },
    (row) => String(row.status),
  )
  const { keys, keyOf } = bucketKeys(first, last)
  const stats = (): Record<string, number> => Object.fromEntries(keys.map((key) => [key, 0]))
  const result = { booked_stats: stats(), completed_stats: stats(), cancelled_stats: stats() }
  for (const [date, byStatus] of perDay) {
    const key = keyOf(date)
    if (!(key in result.booked_stats)) continue
    for (const [status, n] of byStatus) {
      result.booked_stats[key]! += n
      if (status === 'completed') result.completed_stats[key]! += n
      if (status === 'cancelled') result.cancelled_stats[key]! += n
    }
  }
  return result
}

/** GET /reports/activities: the 100 latest, by created_at then id, descending. */
export async function activities(context: AnalyticsContext): Promise<Activities> {
  const rows = await context.db.query<{
    id: number
    booking_id: number | null
    parent_id: number | null
    created_by: number | null
    status: string
    type: string
    title: string
    description: string | null
    created_at: number
    updated_at: number
  }>(
    `SELECT id, booking_id, parent_id, created_by, status, type, title, description, created_at,
            updated_at
     FROM booking_activities ORDER BY created_at DESC, id DESC LIMIT 100`,
  )
  return {
    activities: rows.map((row) => ({
      ...row,
      created_at: isoWithOffset(row.created_at, context.timeZone),
      updated_at: isoWithOffset(row.updated_at, context.timeZone),
    })),
  }
}
