/**
 * How every panel writes a date: one formatter for calendar days and one for instants, both
 * built on Intl so they follow the locale, instants always read in the console's timezone.
 * Before, panels wrote "Nov 5", "2026-11-23 12:00", "Nov 23 14:05" and "Nov 23, 2026, 14:05".
 * Now a day is "Nov 5" (charts, whose period gives the year) or "Nov 5, 2026", and an instant is
 * "Nov 23, 2026, 14:05" (or "Nov 23, 14:05" on a chart axis), in en-US; other locales get
 * their own order and month names ("23. Nov. 2026, 14:05" in de-DE). The 24-hour clock is kept
 * everywhere, as the console's times always were.
 */

/** The locale when none is given: the one numbers are written in (format.ts). */
export const DEFAULT_LOCALE = 'en-US'

/** Options of both formatters. */
export interface DateFormatOptions {
  /** A BCP 47 tag ("en-US", "de-DE"); an unknown one falls back to DEFAULT_LOCALE. */
  readonly locale?: string
  /** Write the year (default: true for instants, false for days). */
  readonly year?: boolean
}

const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`
  let made = cache.get(key)
  if (made === undefined) {
    const make = (tag: string, zone: string): Intl.DateTimeFormat =>
      new Intl.DateTimeFormat(tag, { ...options, timeZone: zone })
    try {
      made = make(locale, timeZone)
    } catch {
      // an unknown locale or zone (a hand-edited setting): still a readable date
      try {
        made = make(locale, 'UTC')
      } catch {
        made = make(DEFAULT_LOCALE, 'UTC')
      }
    }
    cache.set(key, made)
  }
  return made
}

/**
 * A calendar day (`YYYY-MM-DD`, or the date part of a longer text) as "Nov 5", or "Nov 5, 2026"
 * with `year`. A day has no timezone: it is written as it is. Other text comes back unchanged
 * (a month key such as "Nov 2026").
 */
export function formatDay(date: string, options: DateFormatOptions = {}): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date)
  if (match === null) return date
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return formatter(options.locale ?? DEFAULT_LOCALE, 'UTC', {
    month: 'short',
    day: 'numeric',
    ...(options.year === true ? { year: 'numeric' } : {}),
  }).format(at)
}

/**
 * The epoch milliseconds of `at`: a number as it is; text as ISO 8601, where text without an
 * offset (FluentBooking's `YYYY-MM-DD HH:mm:ss`) is UTC. NaN when it cannot be read.
 */
export function instantOf(at: number | string): number {
  if (typeof at === 'number') return at
  const text = at.trim().replace(' ', 'T')
  const dated = /^\d{4}-\d{2}-\d{2}(T|$)/.test(text)
  if (!dated) return Number.NaN
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text) || !text.includes('T')
  return Date.parse(zoned ? text : `${text}Z`)
}

/**
 * An instant in `timeZone` as "Nov 23, 2026, 14:05" ("Nov 23, 14:05" without `year`, as chart
 * axes write it; with `seconds`, "14:05:09"). Text it cannot read comes back unchanged; a
 * number that is not finite reads "–".
 */
export function formatInstant(
  at: number | string,
  timeZone: string,
  options: DateFormatOptions & { readonly seconds?: boolean } = {},
): string {
  const time = instantOf(at)
  if (!Number.isFinite(time)) return typeof at === 'string' ? at : '–'
  return formatter(options.locale ?? DEFAULT_LOCALE, timeZone, {
    month: 'short',
    day: 'numeric',
    ...(options.year === false ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds === true ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(time)
}
