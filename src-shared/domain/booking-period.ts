/** The Bookings page's comparison period, shared by the page and the snapshot capture. */
import { fromLocal } from './time'

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
