/**
 * Booking graph data as chart series, the bucket the API uses for a range's length, and the
 * console-timezone reading of the UTC times the booking reports answer with (as FluentBooking).
 */
import type { GraphReports } from '../../../../src-shared/api/bookings'
import { localDateTime } from '../../../../src-shared/domain/time'

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

// Shared with the snapshot capture, which asks for the same comparison the page asks for.
export { comparisonPeriod } from '../../../../src-shared/domain/booking-period'

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
