/**
 * The workspace timelines list only the days that had something; charts need every day of the
 * window, so the missing ones are filled with empty rows.
 */
import { addDays } from '../../../../src-shared/domain/time'

/** The `days` local dates ending `today`, ascending. */
export function lastDates(today: string, days: number): string[] {
  return Array.from({ length: days }, (_, index) => addDays(today, index - (days - 1)))
}

/** One entry per date: the row of that date, or undefined. */
export function fillDates<T extends { date: string }>(
  rows: readonly T[],
  dates: readonly string[],
): (T | undefined)[] {
  const byDate = new Map(rows.map((row) => [row.date, row]))
  return dates.map((date) => byDate.get(date))
}
