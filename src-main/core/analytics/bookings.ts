/**
 * The booking reports of API.md section 4 (booking-reports.txt): overview widgets with their
 * comparison, latest bookings, next meetings, graph buckets and the activity feed. Where the seed
 * doc is silent the FluentBooking plugin's code decides (issue #13); docs/api.md, "Booking
 * reports", says per field which one did. The family answers in UTC, as the plugin does (its own
 * client converts with `dayjs(x).utc().local()`), whatever the console's display timezone.
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
  dateDayNumber,
  dayNumberDate,
  fromLocal,
  isoWithOffset,
  localDate,
  localDateTime,
} from '../../../src-shared/domain/time'
import { countByDay, round, type AnalyticsContext } from './context'

/** A period [start, end] (both included, epoch ms). */
export interface Period {
  readonly start: number
  readonly end: number
}

/** The plugin keeps and answers every time in UTC. */
const UTC = 'UTC'
const DAY_MS = 86_400_000

const ICONS = {
  all: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><rect x="3" y="4" width="18" height="18" rx="2"/><path d="M16 2v4M8 2v4M3 10h18"/></svg>',
  completed:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m9 12 2 2 4-4"/></svg>',
  cancelled:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="m15 9-6 6M9 9l6 6"/></svg>',
  guests:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2"><circle cx="9" cy="7" r="4"/><path d="M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2M16 3.13a4 4 0 0 1 0 7.75M21 21v-2a4 4 0 0 0-3-3.85"/></svg>',
}

/**
 * ReportController::getPercentage: the change in percent, 2 decimals; 100 whenever the
 * comparison is 0, even from 0 to 0 (`else if (!$lastMonthTotal) return 100`).
 */
export function changeStat(current: number, previous: number): number {
  if (previous <= 0) return 100
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

/**
 * The widget counts of a period, both ends included (whereBetween): bookings and guests by
 * created_at, completed and cancelled by end_time. Guests as the plugin's
 * `pluck('email')->unique()`: case kept, a missing (or empty) email one value of its own. All
 * time (`period` null) as `Booking::distinct()->count('email')` in MySQL: NULL left out, case
 * folded (WordPress tables use a case-insensitive collation).
 */
async function countIn(context: AnalyticsContext, period: Period | null): Promise<Counts> {
  const params: Record<string, number> =
    period === null ? {} : { start: period.start, end: period.end }
  const inPeriod = (column: string): string =>
    period === null ? '1' : `${column} BETWEEN :start AND :end`
  const guests =
    period === null
      ? `count(DISTINCT lower(email))`
      : `count(DISTINCT CASE WHEN email IS NULL THEN '' ELSE email END)`
  const row = await context.db.get<Record<keyof Counts, number>>(
    `SELECT
       (SELECT count(*) FROM bookings WHERE ${inPeriod('created_at')}) AS "all",
       (SELECT count(*) FROM bookings WHERE status = 'completed' AND ${inPeriod('end_time')}) AS completed,
       (SELECT count(*) FROM bookings WHERE status = 'cancelled' AND ${inPeriod('end_time')}) AS cancelled,
       (SELECT ${guests} FROM bookings WHERE ${inPeriod('created_at')}) AS guests`,
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

function present(row: BookingRow): Booking {
  return {
    id: row.id,
    event_id: row.event_id,
    host_id: row.host_id,
    group_id: row.group_id,
    status: row.status,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    // The data has no event type; a booking sharing a group is a guest of a group meeting,
    // which the plugin's dashboard recognises by `event_type` 'group'.
    event_type: row.group_id === null ? 'single' : 'group',
    start_time: localDateTime(row.start_time, UTC),
    end_time: localDateTime(row.end_time, UTC),
    created_at: localDateTime(row.created_at, UTC),
  }
}

/**
 * GET /reports. With a period, `number` counts in it and `stat` compares it with the same
 * length right before, sharing the boundary instant (the plugin's whereBetween on both); without,
 * `number` is all-time and `stat` compares the rolling 30 days up to now (`-30 days`, not
 * calendar days) with the 30 days before them.
 */
export async function reports(context: AnalyticsContext, period: Period | null): Promise<Reports> {
  const current: Period = period ?? { start: context.now - 30 * DAY_MS, end: context.now }
  const length = current.end - current.start
  const comparison: Period = { start: current.start - length, end: current.start }
  const [allTime, now, before, latest, upcoming] = await Promise.all([
    period === null ? countIn(context, null) : undefined,
    countIn(context, current),
    countIn(context, comparison),
    context.db.query<BookingRow>(
      `SELECT * FROM bookings WHERE status IN ('pending', 'scheduled', 'completed')
       ORDER BY created_at DESC, id DESC LIMIT 5`,
    ),
    // Booking::scopeUpcoming: end_time >= now, so a meeting under way is still listed;
    // ->orderBy('start_time', 'ASC') ... ->latest(): then the newest created first.
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
       WHERE b.status = 'scheduled' AND b.end_time >= :now
       ORDER BY b.start_time ASC, b.created_at DESC, b.id ASC`,
      { now: context.now },
    ),
  ])
  const numbers = allTime ?? now
  const widget = (title: string, key: keyof Counts, periodKey?: string) => {
    // Cancelled: the plugin compares the periods the wrong way round; the doc ("percentage
    // change compared to previous period") wins, so every widget is current against previous.
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
      ...present(row),
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
    latest_books: latest.map(present),
    next_meetings: nextMeetings,
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** PHP's date + P1M: the same day of the next month, overflowing into the one after. */
function nextMonth(day: number): number {
  const date = dayNumberDate(day)
  const year = Number(date.slice(0, date.length - 6))
  const month = Number(date.slice(-5, -3))
  const dayOfMonth = Number(date.slice(-2))
  const next = new Date(0)
  next.setUTCFullYear(year, month, dayOfMonth) // month is 0-based: `month` is the next one
  return Math.round(next.getTime() / DAY_MS)
}

function monthName(day: number): string {
  const date = dayNumberDate(day)
  return `${MONTHS[Number(date.slice(-5, -3)) - 1]} ${date.slice(0, date.length - 6)}`
}

/**
 * The buckets of the plugin's `new DatePeriod($from, $interval, $to)` over the days [first, last]
 * (`$to` = the day after `last`, which DatePeriod excludes): its points by `getFrequency`, which
 * counts the days between `$from` and `$to` (over 62 weekly, over 92 monthly), each bucket running
 * from its point to the next (the last one to `$to`). Keys as the plugin formats the points:
 * `Y-m-d`, or `M Y` when monthly (months stepped as PHP adds P1M: Oct 31 -> Dec 1). The
 * plugin's own weekly and monthly values (MySQL WEEK()/MONTH() groups keyed by an arbitrary row's
 * date) are not reproducible; these buckets hold the sums of their steps instead.
 */
export function bucketKeys(first: string, last: string): { keys: string[]; starts: number[] } {
  const from = dateDayNumber(first)
  const to = dateDayNumber(last) + 1
  if (!(from < to)) return { keys: [], starts: [] }
  const numDays = to - from
  const starts: number[] = []
  if (numDays > 92) {
    for (let day = from; day < to; day = nextMonth(day)) starts.push(day)
    return { keys: starts.map(monthName), starts }
  }
  const step = numDays > 62 ? 7 : 1
  for (let day = from; day < to; day += step) starts.push(day)
  return { keys: starts.map(dayNumberDate), starts }
}

/**
 * GET /reports/graph-reports over the UTC days [first, last], both included: the days of the
 * plugin's `date_range` [start, end), whose end day DatePeriod and `whereBetween` on dates leave
 * out (the route passes end - 1). Without days, the plugin's default (`-6 days` to `+1 days`):
 * the 7 UTC days ending today. Bookings by created_at in UTC days; `booked_stats` counts status
 * scheduled (`$fetchBookingsByStatus('scheduled')`), the others completed and cancelled. A last
 * day before the first gives empty objects, as the plugin's empty DatePeriod does.
 */
export async function graphReports(
  context: AnalyticsContext,
  first?: string,
  last?: string,
): Promise<GraphReports> {
  if (first === undefined || last === undefined) {
    last = localDate(context.now, UTC)
    first = addDays(last, -6)
  }
  const { keys, starts } = bucketKeys(first, last)
  const stats = (): Record<string, number> => Object.fromEntries(keys.map((key) => [key, 0]))
  const result = { booked_stats: stats(), completed_stats: stats(), cancelled_stats: stats() }
  if (keys.length === 0) return result
  const perDay = await countByDay(
    { ...context, timeZone: UTC },
    (slot) => `SELECT ${slot('created_at')} AS slot, status, count(*) AS n FROM bookings
     WHERE created_at >= :start AND created_at < :end
       AND status IN ('scheduled', 'completed', 'cancelled')
     GROUP BY slot, status`,
    { start: fromLocal(first, UTC), end: fromLocal(addDays(last, 1), UTC) },
    (row) => String(row.status),
  )
  const target: Record<string, Record<string, number>> = {
    scheduled: result.booked_stats,
    completed: result.completed_stats,
    cancelled: result.cancelled_stats,
  }
  for (const [date, byStatus] of perDay) {
    const day = dateDayNumber(date)
    // The last bucket starting at or before the day (the starts ascend).
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = Math.ceil((low + high) / 2)
      if (starts[middle]! <= day) low = middle
      else high = middle - 1
    }
    if (starts[low]! > day) continue
    const key = keys[low]!
    for (const [status, n] of byStatus) {
      const bucket = target[status]
      if (bucket !== undefined) bucket[key]! += n
    }
  }
  return result
}

/** GET /reports/activities: the 100 latest, by created_at then id, descending, stamped +00:00. */
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
      created_at: isoWithOffset(row.created_at, UTC),
      updated_at: isoWithOffset(row.updated_at, UTC),
    })),
  }
}
