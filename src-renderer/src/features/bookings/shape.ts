/**
 * Booking graph data as chart series, the bucket the API uses for a range's length, and the
 * console-timezone reading of the UTC times the booking reports answer with (as FluentBooking).
 */
import type { GraphReports } from '../../../../src-shared/api/bookings'
import { fromLocal, localDateTime } from '../../../../src-shared/domain/time'

/**
 * The plugin's getFrequency counts the days between date_range's ends, the end day excluded:
 * the page's `days` (both ends shown) are exactly that. Up to 62 by day, 63-92 by week.
 */
export function bucketName(days: number): 'day' | 'week' | 'month' {
  return days <= 62 ? 'day' : days <= 92 ? 'week' : 'month'
}

export function graphSeries(graph: GraphReports): {
  buckets: string[]
  series: { name: string; data: number[] }[]
} {
  const buckets = Object.keys(graph.booked_stats)
  const values = (stats: Record<string, number>): number[] =>
    buckets.map((bucket) => stats[bucket] ?? 0)
  return {
    buckets,
    series: [
      { name: 'Booked', data: values(graph.booked_stats) },
      { name: 'Completed', data: values(graph.completed_stats) },
      { name: 'Cancelled', data: values(graph.cancelled_stats) },
    ],
  }
}

export const minDate = (a: string, b: string): string => (a <= b ? a : b)
export const maxDate = (a: string, b: string): string => (a >= b ? a : b)

/**
 * The comparison period `GET /reports` counts a range's widgets against: for [from 00:00:00,
 * to 23:59:59] on the console's clock, the same length right before, ending at the range's first
 * instant (core/analytics/bookings.ts `reports`), as ISO 8601 instants to ask for its numbers;
 * null when it would start before 1970 (a half-typed year).
 */
export function comparisonPeriod(
  range: { from: string; to: string },
  timeZone: string,
): { startTime: string; endTime: string } | null {
  const start = fromLocal(range.from, timeZone)
  const end = fromLocal(range.to, timeZone, 23, 59, 59)
  // Before 1970 nothing was booked, and the API reads no year below 1000: no comparison.
  if (!Number.isFinite(start) || !Number.isFinite(end) || start - (end - start) < 0) return null
  return {
    startTime: new Date(start - (end - start)).toISOString(),
    endTime: new Date(start).toISOString(),
  }
}

/** The same days with `from` <= `to`. */
export function orderedRange(range: { from: string; to: string }): { from: string; to: string } {
  return range.from <= range.to ? range : { from: range.to, to: range.from }
}

/**
 * A booking time as the console's clock reads it: the API answers UTC `YYYY-MM-DD HH:mm:ss` or
 * ISO 8601 with an offset (activities), as FluentBooking does; the plugin's own client converts
 * with `dayjs(x).utc().local()`, and so does this page, to `YYYY-MM-DD HH:mm:ss` in `timeZone`.
 * Text it cannot read is shown as it came.
 */
export function utcToLocal(text: string, timeZone: string): string {
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text.replace(' ', 'T')}Z`
  const at = Date.parse(iso)
  return Number.isNaN(at) ? text : localDateTime(at, timeZone)
}
