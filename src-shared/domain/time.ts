/**
 * Timestamps as DATA.md accepts them, parsed without a date library because
 * the importer runs this a million times per import: ISO 8601 with `Z` or an
 * offset, `YYYY-MM-DD HH:mm:ss` (UTC), or a plain `YYYY-MM-DD` (midnight UTC).
 * A timestamp without an offset is UTC, with `T` or a space.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const ZERO = 48

function digits(text: string, at: number, count: number): number {
  let value = 0
  for (let index = at; index < at + count; index++) {
    const digit = text.charCodeAt(index) - ZERO
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/**
 * The common exact form `YYYY-MM-DDTHH:mm:ss[.sss]Z` without a regex or a
 * Date object (the importer's hot path); null sends the text to the full parser.
 */
function parseCanonical(text: string): number | null {
  const length = text.length
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90 /* Z */) return null
  if (
    text[4] !== '-' ||
    text[7] !== '-' ||
    text[10] !== 'T' ||
    text[13] !== ':' ||
    text[16] !== ':'
  )
    return null
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  const second = digits(text, 17, 2)
  let millis = 0
  if (length === 24) {
    if (text[19] !== '.') return null
    millis = digits(text, 20, 3)
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return null
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) return null
  const monthLength = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!
  if (day > monthLength) return null
  return Date.UTC(year, month - 1, day, hour, minute, second, millis)
}

/** Epoch milliseconds of a DATA.md timestamp, or null when it is not one. */
export function parseTimestamp(text: string): number | null {
  const fast = parseCanonical(text)
  if (fast !== null) return fast
  const match = TIMESTAMP.exec(text)
  if (match === null) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1) return null
  const monthLength = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!
  if (day > monthLength) return null
  const hour = match[4] === undefined ? 0 : Number(match[4])
  const minute = match[5] === undefined ? 0 : Number(match[5])
  const second = match[6] === undefined ? 0 : Number(match[6])
  if (hour > 23 || minute > 59 || second > 59) return null
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'))
  let offsetMinutes = 0
  const zone = match[8]
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offsetHours = Number(digits.slice(0, 2))
    const offsetMins = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
    if (offsetHours > 23 || offsetMins > 59) return null
    offsetMinutes = sign * (offsetHours * 60 + offsetMins)
  }
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millis)
  return date.getTime() - offsetMinutes * 60_000
}

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000

/*
 * Local calendar days in an IANA timezone. DATA.md counts days in the `timezone` setting, so
 * windows and buckets are computed from local dates. Intl does the zone arithmetic; UTC takes
 * a fast path.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** True for a timezone name this runtime knows (`UTC`, `Europe/Berlin`, ...). */
export function isTimeZone(name: string): boolean {
  try {
    formatterOf(name)
    return true
  } catch {
    return false
  }
}

interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function wallTime(epochMs: number, timeZone: string): WallTime {
  if (timeZone === 'UTC') {
    const date = new Date(epochMs)
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    }
  }
  const parts: Record<string, number> = {}
  for (const part of formatterOf(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  }
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0
  const wall = wallTime(epochMs, timeZone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000)
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** `YYYY-MM-DD`: the local date of an instant. */
export function localDate(epochMs: number, timeZone: string): string {
  const wall = wallTime(epochMs, timeZone)
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`
}

/** `YYYY-MM-DD HH:mm:ss`: the local date and time of an instant. */
export function localDateTime(epochMs: number, timeZone: string): string {
  const wall = wallTime(epochMs, timeZone)
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`
}

/** ISO 8601 with the zone's offset: `2026-03-25T10:30:00+01:00`. */
export function isoWithOffset(epochMs: number, timeZone: string): string {
  const offset = offsetMinutes(epochMs, timeZone)
  const sign = offset < 0 ? '-' : '+'
  const magnitude = Math.abs(offset)
  return `${localDateTime(epochMs, timeZone).replace(' ', 'T')}${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`
}

/** The instant a local wall time (`YYYY-MM-DD` + h:m:s) happens in the zone. */
export function fromLocal(
  date: string,
  timeZone: string,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  if (timeZone === 'UTC') return wall
  // Two rounds settle the offset around DST changes.
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000
  instant = wall - offsetMinutes(instant, timeZone) * 60_000
  return instant
}

/** The instant a local day starts. */
export function startOfLocalDay(date: string, timeZone: string): number {
  return fromLocal(date, timeZone)
}

/** A calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/** The `days` dates ending with `last` (included), ascending: "the last N days" as dates. */
export function lastDates(last: string, days: number): string[] {
  return Array.from({ length: days }, (_, index) => addDays(last, index - (days - 1)))
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** A real calendar date `YYYY-MM-DD`, or null. */
export function parseDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  return parseTimestamp(text) === null ? null : text
}
