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

/** `2026-03-25T10:00:00.000Z` for epoch milliseconds. */
export function toIsoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000
