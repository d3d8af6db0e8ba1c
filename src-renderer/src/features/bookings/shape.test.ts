// Rule: the chart shows every bucket the API gave, in its order, with the three series aligned;
// the booking reports answer UTC (as FluentBooking, issue #13 item 6) and the page shows the
// console's timezone, converting as the plugin's client does (`dayjs(x).utc().local()`).
import { describe, expect, it } from 'vitest'
import {
  bucketName,
  comparisonPeriod,
  graphSeries,
  maxDate,
  minDate,
  orderedRange,
  utcToLocal,
} from './shape'

describe('booking graph', () => {
  it('names the bucket the API uses at the 62/63 and 92/93 day edges', () => {
    expect(bucketName(62)).toBe('day')
    expect(bucketName(63)).toBe('week')
    expect(bucketName(92)).toBe('week')
    expect(bucketName(93)).toBe('month')
  })
  it('aligns the three series on the booked buckets', () => {
    const shaped = graphSeries({
      booked_stats: { 'Jan 2026': 3, 'Feb 2026': 5 },
      completed_stats: { 'Feb 2026': 2, 'Jan 2026': 1 },
      cancelled_stats: { 'Jan 2026': 0, 'Feb 2026': 1 },
    })
    expect(shaped.buckets).toEqual(['Jan 2026', 'Feb 2026'])
    expect(shaped.series.map((series) => series.data)).toEqual([
      [3, 5],
      [1, 2],
      [0, 1],
    ])
  })
  it('keeps ranges ordered', () => {
    expect(orderedRange({ from: '2026-11-30', to: '2026-11-23' })).toEqual({
      from: '2026-11-23',
      to: '2026-11-30',
    })
    expect(orderedRange({ from: '2026-01-01', to: '2026-01-02' })).toEqual({
      from: '2026-01-01',
      to: '2026-01-02',
    })
    expect(maxDate('2026-11-30', '2026-11-23')).toBe('2026-11-30')
    expect(minDate('2026-11-30', '2026-11-23')).toBe('2026-11-23')
  })
  it('reads UTC booking times in the console timezone, shifted once', () => {
    // 2026-03-25 12:00 UTC is 08:00 in New York (EDT, -4) and 13:00 in Berlin (CET, +1)
    expect(utcToLocal('2026-03-25 12:00:00', 'America/New_York')).toBe('2026-03-25 08:00:00')
    expect(utcToLocal('2026-03-25 12:00:00', 'Europe/Berlin')).toBe('2026-03-25 13:00:00')
    expect(utcToLocal('2026-03-25 02:00:00', 'America/New_York')).toBe('2026-03-24 22:00:00')
    expect(utcToLocal('2026-03-25T10:00:00+00:00', 'Europe/Berlin')).toBe('2026-03-25 11:00:00')
    expect(utcToLocal('2026-03-25 12:00:00', 'UTC')).toBe('2026-03-25 12:00:00')
    expect(utcToLocal('not a time', 'UTC')).toBe('not a time')
  })
})

describe('the widgets comparison period', () => {
  // Rule: /reports compares [from 00:00:00, to 23:59:59] with the same length right before,
  // ending at the range's first instant (both ends shared, as the plugin's whereBetween).
  it('is the same length right before, in UTC', () => {
    // 2026-11-21 00:00:00 .. 2026-11-23 23:59:59: 3 days less 1 s; before it from
    // 2026-11-18 00:00:01 to 2026-11-21 00:00:00.
    expect(comparisonPeriod({ from: '2026-11-21', to: '2026-11-23' }, 'UTC')).toEqual({
      startTime: '2026-11-18T00:00:01.000Z',
      endTime: '2026-11-21T00:00:00.000Z',
    })
  })
  it('cuts the range on the console clock of its timezone', () => {
    // Berlin in November is UTC+1: 2026-11-23 00:00 local = 2026-11-22T23:00Z; one day less 1 s
    // before it starts at 2026-11-21T23:00:01Z.
    // a year half typed (0002) would ask for year -2023: none
    expect(comparisonPeriod({ from: '0002-11-30', to: '2026-11-23' }, 'UTC')).toBeNull()
    expect(comparisonPeriod({ from: '1970-01-01', to: '1970-01-01' }, 'UTC')).toBeNull()
    expect(comparisonPeriod({ from: '2026-11-23', to: '2026-11-23' }, 'Europe/Berlin')).toEqual({
      startTime: '2026-11-21T23:00:01.000Z',
      endTime: '2026-11-22T23:00:00.000Z',
    })
  })
})
