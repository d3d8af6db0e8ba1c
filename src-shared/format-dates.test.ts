// Rule: every date the UI writes comes from these two formatters; a day is written as it is
// (no timezone), an instant is read in the console's timezone (daylight-saving days included),
// and both follow the locale. Expected values are worked out by hand from the zones' offsets.
import { describe, expect, it } from 'vitest'
import { formatDay, formatInstant, instantOf } from './format-dates'

describe('formatDay', () => {
  it('writes a calendar day, with its year when asked, in the locale', () => {
    expect(formatDay('2026-03-05')).toBe('Mar 5')
    expect(formatDay('2026-11-23', { year: true })).toBe('Nov 23, 2026')
    // the date part of a longer text; a month key is not a day and stays as it is
    expect(formatDay('2026-12-31T23:59:59Z')).toBe('Dec 31')
    expect(formatDay('Nov 2026')).toBe('Nov 2026')
    expect(formatDay('2026-03-05', { locale: 'de-DE' })).toBe('5. März')
    expect(formatDay('2026-03-05', { locale: 'en-GB', year: true })).toBe('5 Mar 2026')
  })
})

describe('formatInstant', () => {
  // 2026-11-23 12:00:00 UTC
  const noon = Date.UTC(2026, 10, 23, 12, 0, 0)

  it('reads the instant in the timezone', () => {
    expect(formatInstant(noon, 'UTC')).toBe('Nov 23, 2026, 12:00')
    // New York is UTC-5 in November (EST): 07:00
    expect(formatInstant(noon, 'America/New_York')).toBe('Nov 23, 2026, 07:00')
    // Tokyo is UTC+9: 21:00
    expect(formatInstant(noon, 'Asia/Tokyo')).toBe('Nov 23, 2026, 21:00')
    // 23:30 UTC is 00:30 the next day in Berlin (UTC+1 in November)
    expect(formatInstant(Date.UTC(2026, 10, 23, 23, 30), 'Europe/Berlin')).toBe(
      'Nov 24, 2026, 00:30',
    )
  })

  it('follows daylight saving: New York springs from 01:59 EST to 03:00 EDT on 2026-03-08', () => {
    // 06:59 UTC = 01:59 at -5; 07:00 UTC = 03:00 at -4
    expect(formatInstant(Date.UTC(2026, 2, 8, 6, 59), 'America/New_York')).toBe(
      'Mar 8, 2026, 01:59',
    )
    expect(formatInstant(Date.UTC(2026, 2, 8, 7, 0), 'America/New_York')).toBe('Mar 8, 2026, 03:00')
  })

  it('reads ISO text, and text without an offset as UTC (the booking API writes it so)', () => {
    // Kolkata is UTC+5:30: 10:00 UTC is 15:30
    expect(formatInstant('2026-11-23 10:00:00', 'Asia/Kolkata')).toBe('Nov 23, 2026, 15:30')
    expect(formatInstant('2026-11-23T10:00:00+02:00', 'UTC')).toBe('Nov 23, 2026, 08:00')
    expect(formatInstant('2026-11-23T10:00:00.000Z', 'UTC')).toBe('Nov 23, 2026, 10:00')
    expect(instantOf('2026-11-23 10:00:00')).toBe(Date.UTC(2026, 10, 23, 10))
    expect(instantOf('2026-11-23')).toBe(Date.UTC(2026, 10, 23))
  })

  it('midnight is 00:00 (a 24-hour clock), seconds and the year on request', () => {
    expect(formatInstant(Date.UTC(2026, 0, 2, 0, 5), 'UTC')).toBe('Jan 2, 2026, 00:05')
    expect(formatInstant(Date.UTC(2026, 10, 23, 14, 5, 9), 'UTC', { year: false })).toBe(
      'Nov 23, 14:05',
    )
    expect(
      formatInstant(Date.UTC(2026, 10, 23, 14, 5, 9), 'UTC', { year: false, seconds: true }),
    ).toBe('Nov 23, 14:05:09')
  })

  it('follows the locale', () => {
    expect(formatInstant(noon, 'Europe/Berlin', { locale: 'de-DE' })).toBe('23. Nov. 2026, 13:00')
    expect(formatInstant(noon, 'UTC', { locale: 'en-GB' })).toBe('23 Nov 2026, 12:00')
  })

  it('unreadable input: text comes back as it is, a non-finite number as "–"', () => {
    expect(formatInstant('soon', 'UTC')).toBe('soon')
    expect(formatInstant(Number.NaN, 'UTC')).toBe('–')
    // an unknown zone (a hand-edited setting) still gives a date, in UTC
    expect(formatInstant(noon, 'Mars/Olympus')).toBe('Nov 23, 2026, 12:00')
  })
})
