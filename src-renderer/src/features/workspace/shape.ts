/**
 * The workspace timelines list only the days that had something; charts need every day of the
 * window, so the missing ones are filled with empty rows.
 */
/** One entry per date: the row of that date, or undefined. */
export function fillDates<T extends { date: string }>(
  rows: readonly T[],
  dates: readonly string[],
): (T | undefined)[] {
  const byDate = new Map(rows.map((row) => [row.date, row]))
  return dates.map((date) => byDate.get(date))
}
