// Rule (DATA.md "Time", docs/api.md "Time"): a local day starts at the first instant whose local
// date is that day, and a wall time names the first instant whose local reading is at or after
// it: a time in a spring-forward gap names the change itself, a time in a repeated hour its first
// occurrence. An instant counts in the day whose [start, next start) holds it. Checked against an
// independent brute force (every minute of the days around each change, read with Intl's
// Swedish format, which prints ISO-like `YYYY-MM-DD HH:mm:ss`) in zones whose clocks change at
// midnight, by 30 minutes, on the 45-minute offsets of Chatham, in the southern hemisphere, and
// on the day Samoa skipped, plus hand-checked facts read off Intl (Node 20, ICU 78, tz 2025c).
import { describe, expect, it } from 'vitest'
import { LocalDays, addDays, fromLocal, localDate, startOfLocalDay } from './time'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const swedish = new Map<string, Intl.DateTimeFormat>()

/** `YYYY-MM-DD HH:mm:ss` on the zone's wall clock at `instant`: the reference reading. */
function reading(instant: number, timeZone: string): string {
  let format = swedish.get(timeZone)
  if (format === undefined) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    swedish.set(timeZone, format)
  }
  return format.format(instant)
}

/**
 * Every minute from 15 h before `firstDate` (UTC midnight) to 15 h after the end of `lastDate`
 * read on the wall clock (every zone of these cases is within 15 h of UTC and changes on whole
 * minutes). Answers by search over these readings only, with no offset arithmetic.
 */
class BruteForce {
  private readonly from: number
  private readonly readings: string[] = []
  /** readings[0..i] at its largest: monotone, so "the first reading >= W" is a bisection. */
  private readonly highest: string[] = []

  constructor(
    readonly timeZone: string,
    firstDate: string,
    lastDate: string,
  ) {
    this.from = Date.parse(`${firstDate}T00:00:00Z`) - 15 * HOUR
    const to = Date.parse(`${lastDate}T00:00:00Z`) + DAY + 15 * HOUR
    let top = ''
    for (let instant = this.from; instant <= to; instant += MINUTE) {
      const text = reading(instant, timeZone)
      this.readings.push(text)
      if (text > top) top = text
      this.highest.push(top)
    }
  }

  /** The first minute whose reading is at or after `wall` (`YYYY-MM-DD HH:mm:ss`). */
  firstAtOrAfter(wall: string): number {
    let low = 0
    let high = this.highest.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.highest[middle]! < wall) low = middle + 1
      else high = middle
    }
    if (low === 0 || low === this.highest.length) throw new Error(`${wall}: outside the table`)
    return this.from + low * MINUTE
  }

  startOf(date: string): number {
    return this.firstAtOrAfter(`${date} 00:00:00`)
  }

  /**
   * The date whose [start, next start) holds the instant: a day has started once some reading
   * so far reached its midnight, so it is the date of the highest reading up to the instant.
   */
  dayOf(instant: number): string {
    const index = Math.floor((instant - this.from) / MINUTE)
    if (index < 1 || index >= this.highest.length) throw new Error(`${instant}: outside the table`)
    return this.highest[index]!.slice(0, 10)
  }
}

/** Zones and dates with a change of offset on or next to them. */
const CASES: readonly [zone: string, date: string, what: string][] = [
  ['America/Santiago', '2026-09-06', 'spring forward at midnight: 00:00 -> 01:00'],
  ['America/Santiago', '2026-04-04', 'fall back at 24:00 -> 23:00: 23:00-23:59 twice'],
  ['America/Havana', '2026-03-08', 'spring forward at midnight'],
  ['America/Havana', '2026-11-01', 'fall back 01:00 -> 00:00: midnight twice'],
  ['America/Asuncion', '2024-03-23', 'fall back at 24:00'],
  ['America/Asuncion', '2024-10-06', 'spring forward at midnight'],
  ['Asia/Tehran', '2022-03-22', 'spring forward at midnight (+03:30 -> +04:30)'],
  ['Asia/Tehran', '2022-09-21', 'fall back at 24:00'],
  ['Australia/Lord_Howe', '2026-10-04', '30-minute spring forward 02:00 -> 02:30'],
  ['Australia/Lord_Howe', '2026-04-05', '30-minute fall back 02:00 -> 01:30'],
  ['Pacific/Chatham', '2026-09-27', '+12:45 -> +13:45 at 02:45'],
  ['Pacific/Chatham', '2026-04-05', '+13:45 -> +12:45 at 03:45'],
  ['Europe/London', '2026-03-29', 'spring forward 01:00 -> 02:00'],
  ['Europe/London', '2026-10-25', 'fall back 02:00 -> 01:00'],
  ['America/New_York', '2026-03-08', 'spring forward 02:00 -> 03:00'],
  ['America/New_York', '2026-11-01', 'fall back 02:00 -> 01:00'],
  ['Australia/Sydney', '2026-10-04', 'southern spring forward 02:00 -> 03:00'],
  ['Australia/Sydney', '2026-04-05', 'southern fall back 03:00 -> 02:00'],
  ['Pacific/Apia', '2011-12-30', 'the skipped day: -10:00 -> +14:00'],
  ['Pacific/Kiritimati', '1994-12-31', 'the skipped day: -10:00 -> +14:00'],
  ['America/Moncton', '2006-10-29', 'fall back 00:01 -> 23:01: the wall date runs backwards'],
]

const pad = (value: number): string => String(value).padStart(2, '0')

describe('local days against a minute-by-minute brute force', () => {
  for (const [zone, date, what] of CASES) {
    it(`${zone} ${date} (${what})`, () => {
      const dates = [addDays(date, -1), date, addDays(date, 1)]
      const brute = new BruteForce(zone, dates[0]!, addDays(date, 2))
      for (const day of dates) {
        expect(startOfLocalDay(day, zone), `start of ${day}`).toBe(brute.startOf(day))
        for (let minutes = 0; minutes < 24 * 60; minutes += 10) {
          const [hour, minute] = [Math.floor(minutes / 60), minutes % 60]
          const wall = `${day} ${pad(hour)}:${pad(minute)}:00`
          expect(fromLocal(day, zone, hour, minute), wall).toBe(brute.firstAtOrAfter(wall))
        }
      }
      const from = brute.startOf(dates[0]!)
      const to = brute.startOf(addDays(dates[2]!, 1))
      const days = new LocalDays(zone)
      for (let instant = from; instant < to; instant += 10 * MINUTE) {
        const expected = brute.dayOf(instant)
        expect(localDate(instant, zone), new Date(instant).toISOString()).toBe(expected)
        expect(days.dateOf(instant), new Date(instant).toISOString()).toBe(expected)
      }
      // Each boundary to the millisecond, visited out of time order.
      const fresh = new LocalDays(zone)
      for (const day of [...dates, addDays(date, 2)].reverse()) {
        const start = brute.startOf(day)
        expect(localDate(start, zone), `${day} at its start`).toBe(brute.dayOf(start))
        expect(localDate(start - 1, zone), `${day} 1 ms before`).toBe(brute.dayOf(start - 1))
        expect(fresh.dateOf(start), `${day} at its start`).toBe(brute.dayOf(start))
        expect(fresh.dateOf(start - 1), `${day} 1 ms before`).toBe(brute.dayOf(start - 1))
      }
    })
  }
})

describe('local days: hand-checked facts', () => {
  it('America/Santiago 2026-09-06 starts at 01:00 -03 (04:00Z): 00:00 never happens', () => {
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe(Date.UTC(2026, 8, 6, 4))
    expect(startOfLocalDay('2026-09-05', 'America/Santiago')).toBe(Date.UTC(2026, 8, 5, 4))
    // 23:30 -04 on the evening before is still 2026-09-05 ...
    expect(localDate(Date.UTC(2026, 8, 6, 3, 30), 'America/Santiago')).toBe('2026-09-05')
    // ... and a wall time in the gap names the change.
    expect(fromLocal('2026-09-06', 'America/Santiago', 0, 30)).toBe(Date.UTC(2026, 8, 6, 4))
  })

  it('America/Santiago 2026-04-04 lasts 25 h; 2026-04-05 starts once, at 00:00 -04', () => {
    expect(startOfLocalDay('2026-04-05', 'America/Santiago')).toBe(Date.UTC(2026, 3, 5, 4))
    expect(
      startOfLocalDay('2026-04-05', 'America/Santiago') -
        startOfLocalDay('2026-04-04', 'America/Santiago'),
    ).toBe(25 * HOUR)
    // 23:30 happens at 02:30Z (-03) and again at 03:30Z (-04): the first one.
    expect(fromLocal('2026-04-04', 'America/Santiago', 23, 30)).toBe(Date.UTC(2026, 3, 5, 2, 30))
  })

  it('America/Havana: 2026-03-08 starts at 01:00 -04; 2026-11-01 at the first of two 00:00', () => {
    expect(startOfLocalDay('2026-03-08', 'America/Havana')).toBe(Date.UTC(2026, 2, 8, 5))
    expect(startOfLocalDay('2026-11-01', 'America/Havana')).toBe(Date.UTC(2026, 10, 1, 4))
    expect(localDate(Date.UTC(2026, 10, 1, 5, 30), 'America/Havana')).toBe('2026-11-01')
  })

  it('the southern hemisphere: Sydney 2026-10-04 starts at 00:00 +10, lasts 23 h', () => {
    expect(startOfLocalDay('2026-10-04', 'Australia/Sydney')).toBe(Date.UTC(2026, 9, 3, 14))
    expect(startOfLocalDay('2026-10-05', 'Australia/Sydney')).toBe(Date.UTC(2026, 9, 4, 13))
    expect(fromLocal('2026-10-04', 'Australia/Sydney', 2, 30)).toBe(Date.UTC(2026, 9, 3, 16))
    expect(fromLocal('2026-04-05', 'Australia/Sydney', 2, 30)).toBe(Date.UTC(2026, 3, 4, 15, 30))
  })

  it('gaps and repeats of 30 minutes (Lord Howe) and one hour (New York)', () => {
    expect(fromLocal('2026-10-04', 'Australia/Lord_Howe', 2, 10)).toBe(Date.UTC(2026, 9, 3, 15, 30))
    expect(fromLocal('2026-04-05', 'Australia/Lord_Howe', 1, 40)).toBe(Date.UTC(2026, 3, 4, 14, 40))
    expect(fromLocal('2026-03-08', 'America/New_York', 2, 30)).toBe(Date.UTC(2026, 2, 8, 7))
    expect(fromLocal('2026-11-01', 'America/New_York', 1, 30)).toBe(Date.UTC(2026, 10, 1, 5, 30))
  })

  it('Pacific/Apia skipped 2011-12-30: it starts where 2011-12-31 starts and holds nothing', () => {
    const start = Date.UTC(2011, 11, 30, 10)
    expect(startOfLocalDay('2011-12-30', 'Pacific/Apia')).toBe(start)
    expect(startOfLocalDay('2011-12-31', 'Pacific/Apia')).toBe(start)
    expect(localDate(start - 1, 'Pacific/Apia')).toBe('2011-12-29')
    expect(localDate(start, 'Pacific/Apia')).toBe('2011-12-31')
  })

  it('America/Moncton 2006-10-29: the repeated 23:01-23:59 belongs to the day that began', () => {
    // 00:00:59 ADT (03:00:59Z) is followed by 23:01 AST of 10-28 on the wall clock.
    expect(startOfLocalDay('2006-10-29', 'America/Moncton')).toBe(Date.UTC(2006, 9, 29, 3))
    expect(localDate(Date.UTC(2006, 9, 29, 3, 30), 'America/Moncton')).toBe('2006-10-29')
  })

  it('UTC and years before 1970 or below 100 keep their dates', () => {
    expect(startOfLocalDay('1969-12-31', 'UTC')).toBe(-DAY)
    expect(localDate(-1, 'UTC')).toBe('1969-12-31')
    expect(localDate(-1, 'Europe/London')).toBe('1970-01-01') // London was on +01:00 then
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01')
    expect(new LocalDays('Asia/Tokyo').dateOf(Date.UTC(1969, 11, 31, 15))).toBe('1970-01-01')
  })
})
