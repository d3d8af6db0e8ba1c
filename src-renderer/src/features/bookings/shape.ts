/** Booking graph data as chart series, and the bucket the API uses for a range's length. */
import type { GraphReports } from '../../../../src-shared/api/bookings'

/** API.md section 4: up to 62 days by day, 63-92 by 7-day steps, longer by month. */
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

/** The same days with `from` <= `to`. */
export function orderedRange(range: { from: string; to: string }): { from: string; to: string } {
  return range.from <= range.to ? range : { from: range.to, to: range.from }
}
