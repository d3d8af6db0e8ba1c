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
 * windows and buckets are computed from local dates, all from one definition:
 * - a wall time (a date and h:m:s) names the first instant whose wall-clock reading is at or
 *   after it: a time inside a spring-forward gap names the change itself (America/Santiago
 *   2026-09-06 00:30 is 01:00 -03), a time of a repeated hour its first occurrence;
 * - so a local day starts at the first instant whose local date is that day or later (Santiago's
 *   2026-09-06 at 01:00 -03, 04:00Z; Havana's 2026-11-01 at the first of its two midnights; a
 *   day a zone skipped, Pacific/Apia's 2011-12-30, starts where the next one does and is empty);
 * - an instant counts in the day whose [start, next day's start) holds it, which is the date on
 *   the wall clock except during the rare fall-backs that run the date backwards (Canadian zones'
 *   00:01 changes until 2010: the repeated 23:01-23:59 belongs to the day that had begun).
 * Intl does the zone arithmetic; UTC takes a fast path.
 */

const HOUR_MS = 3_600_000

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

/** Epoch ms of a calendar reading taken as UTC; years below 100 stay themselves. */
function utcOf(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, 0)
  return date.getTime()
}

/** en-US with h23: `MM/DD/YYYY, HH:mm:ss`; `format` is ~4x faster than `formatToParts`. */
const EN_US = /^(\d{2})\/(\d{2})\/(\d+),? (\d{2}):(\d{2}):(\d{2})$/

/**
 * The zone's wall-clock reading at an instant, as the epoch ms of the same reading in UTC (whole
 * seconds: Intl reads no milliseconds).
 */
function wallMs(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return Math.floor(epochMs / 1000) * 1000
  const formatter = formatterOf(timeZone)
  const match = EN_US.exec(formatter.format(epochMs))
  if (match !== null) {
    const [month, day, year, hour, minute, second] = match.slice(1).map(Number) as number[]
    return utcOf(year!, month!, day!, hour! % 24, minute!, second!)
  }
  const parts: Record<string, number> = {}
  for (const part of formatter.formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return utcOf(
    parts.year!,
    parts.month!,
    parts.day!,
    parts.hour! % 24,
    parts.minute!,
    parts.second!,
  )
}

/** Milliseconds the zone is ahead of UTC at that instant (whole seconds). */
function offsetMs(epochMs: number, timeZone: string): number {
  return wallMs(epochMs, timeZone) - Math.floor(epochMs / 1000) * 1000
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  return Math.round(offsetMs(epochMs, timeZone) / 60_000)
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** `YYYY-MM-DD HH:mm:ss` of a reading in UTC ms. */
function readingText(wall: number): string {
  const date = new Date(wall)
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
}

/** The date of a day number (days since 1970-01-01). */
export function dayNumberDate(day: number): string {
  return readingText(day * DAY_MS).slice(0, 10)
}

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` date. */
export function dateDayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return Math.round(utcOf(year, month, day) / DAY_MS)
}

/**
 * The first instant whose wall-clock reading is at or after `wall` (a reading as UTC ms).
 * The answer is `wall - offset` for an offset the zone really shows at that instant: each
 * candidate is checked, not trusted (settling the offset in rounds without the check lands an
 * hour off when a change lies between the guess and the answer). Zones change offset at most
 * once within two days, so the offsets a day either side are the only ones near the answer; when
 * they agree and check out, that is it.
 */
function firstAtOrAfter(wall: number, timeZone: string): number {
  const before = offsetMs(wall - DAY_MS, timeZone)
  const after = offsetMs(wall + DAY_MS, timeZone)
  if (before === after && offsetMs(wall - before, timeZone) === before) return wall - before
  return nearChange(wall, timeZone, wall - Math.max(before, after) - HOUR_MS)
}

/**
 * `firstAtOrAfter` near a change of offset, from `from` (where the readings are still earlier
 * than `wall`), an hour at a time (no zone changes offset twice within an hour): in the first
 * hour holding an instant that reads exactly `wall` with the offset at either end of the hour,
 * that instant; else in the first hour whose end reads past `wall` (it fell in a gap), the change
 * itself, found by bisection to the millisecond.
 */
function nearChange(wall: number, timeZone: string, from: number): number {
  let low = from
  let lowOffset = offsetMs(low, timeZone)
  for (;;) {
    const high = low + HOUR_MS
    const highOffset = offsetMs(high, timeZone)
    let best = Infinity
    for (const offset of lowOffset === highOffset ? [lowOffset] : [lowOffset, highOffset]) {
      const instant = wall - offset
      if (instant > low && instant <= high && offsetMs(instant, timeZone) === offset)
        best = Math.min(best, instant)
    }
    if (best !== Infinity) return best
    if (high + highOffset >= wall) {
      let before = low
      let after = high
      while (after - before > 1) {
        const middle = Math.floor((before + after) / 2)
        if (wallMs(middle, timeZone) < wall) before = middle
        else after = middle
      }
      return after
    }
    low = high
    lowOffset = highOffset
  }
}

/** The instant a local wall time (`YYYY-MM-DD` + h:m:s) names: the first reading at or after it. */
export function fromLocal(
  date: string,
  timeZone: string,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const wall = utcOf(year, month, day, hour, minute, second)
  return timeZone === 'UTC' ? wall : firstAtOrAfter(wall, timeZone)
}

/** The instant a local day starts: the first instant whose local date is that day or later. */
export function startOfLocalDay(date: string, timeZone: string): number {
  return fromLocal(date, timeZone)
}

/**
 * The day number an instant counts in: the wall-clock date, moved to the day whose
 * [start, next start) holds the instant where the two differ (see above). `start` gives a day
 * number's first instant.
 */
function dayHolding(epochMs: number, timeZone: string, start: (day: number) => number): number {
  let day = Math.floor(wallMs(epochMs, timeZone) / DAY_MS)
  while (epochMs < start(day)) day--
  while (epochMs >= start(day + 1)) day++
  return day
}

/** `YYYY-MM-DD`: the local date an instant counts in ("today" is the one holding now). */
export function localDate(epochMs: number, timeZone: string): string {
  if (timeZone === 'UTC') return dayNumberDate(Math.floor(epochMs / DAY_MS))
  const offset = offsetMs(epochMs, timeZone)
  // No change within a day either side: the wall-clock date is the day.
  if (
    offsetMs(epochMs - DAY_MS, timeZone) === offset &&
    offsetMs(epochMs + DAY_MS, timeZone) === offset
  )
    return dayNumberDate(Math.floor((Math.floor(epochMs / 1000) * 1000 + offset) / DAY_MS))
  return dayNumberDate(
    dayHolding(epochMs, timeZone, (day) => startOfLocalDay(dayNumberDate(day), timeZone)),
  )
}

const QUARTER_HOUR_MS = 900_000

/**
 * The local days of many instants (the analytics' per-event loops), by the definition above,
 * with each day's start computed once and the day of each 15-minute slot that lies wholly inside
 * one day remembered, so a loop costs at most one timezone lookup per slot. `dayOf` is bound and
 * may be passed around as a function.
 */
export class LocalDays {
  private readonly starts = new Map<number, number>()
  private readonly slots = new Map<number, number>()
  /** The last answer's day and its [low, high) range: streams come in time order. */
  private low = Infinity
  private high = -Infinity
  private last = 0

  constructor(readonly timeZone: string) {}

  /** The first instant of day number `day`. */
  start(day: number): number {
    let start = this.starts.get(day)
    if (start === undefined) {
      start =
        this.timeZone === 'UTC' ? day * DAY_MS : startOfLocalDay(dayNumberDate(day), this.timeZone)
      this.starts.set(day, start)
    }
    return start
  }

  /** The day number (days since 1970-01-01 of the local date) an instant counts in. */
  readonly dayOf = (epochMs: number): number => {
    if (epochMs >= this.low && epochMs < this.high) return this.last
    let day: number
    if (this.timeZone === 'UTC') day = Math.floor(epochMs / DAY_MS)
    else {
      const slot = Math.floor(epochMs / QUARTER_HOUR_MS)
      const known = this.slots.get(slot)
      if (known !== undefined) day = known
      else {
        day = dayHolding(epochMs, this.timeZone, (d) => this.start(d))
        const slotStart = slot * QUARTER_HOUR_MS
        if (this.start(day) <= slotStart && slotStart + QUARTER_HOUR_MS <= this.start(day + 1))
          this.slots.set(slot, day)
      }
    }
    this.low = this.start(day)
    this.high = this.start(day + 1)
    this.last = day
    return day
  }

  /** `YYYY-MM-DD` of the day an instant counts in. */
  dateOf(epochMs: number): string {
    return dayNumberDate(this.dayOf(epochMs))
  }
}

/** `YYYY-MM-DD HH:mm:ss`: the local date and time of an instant, as the wall clock reads it. */
export function localDateTime(epochMs: number, timeZone: string): string {
  return readingText(wallMs(epochMs, timeZone))
}

/** ISO 8601 with the zone's offset: `2026-03-25T10:30:00+01:00`. */
export function isoWithOffset(epochMs: number, timeZone: string): string {
  const offset = offsetMinutes(epochMs, timeZone)
  const sign = offset < 0 ? '-' : '+'
  const magnitude = Math.abs(offset)
  return `${localDateTime(epochMs, timeZone).replace(' ', 'T')}${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`
}

/** A calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return dayNumberDate(dateDayNumber(date) + days)
}

/** The `days` dates ending with `last` (included), ascending: "the last N days" as dates. */
export function lastDates(last: string, days: number): string[] {
  return Array.from({ length: days }, (_, index) => addDays(last, index - (days - 1)))
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return dateDayNumber(to) - dateDayNumber(from)
}

/** A real calendar date `YYYY-MM-DD`, or null. */
export function parseDate(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null
  return parseTimestamp(text) === null ? null : text
}
