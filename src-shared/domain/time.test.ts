// Rule (DATA.md "Timestamps"): ISO 8601 with Z or an offset, "YYYY-MM-DD HH:mm:ss" (UTC) or a
// plain date (midnight UTC) are accepted and stored in UTC; anything else is refused.
import { describe, expect, it } from 'vitest'
import { parseTimestamp } from './time'

describe('parseTimestamp', () => {
  it('reads the forms DATA.md names, in UTC', () => {
    expect(parseTimestamp('2026-03-25T10:00:00Z')).toBe(Date.UTC(2026, 2, 25, 10, 0, 0))
    expect(parseTimestamp('2026-03-25T12:00:00+02:00')).toBe(Date.UTC(2026, 2, 25, 10, 0, 0))
    expect(parseTimestamp('2026-03-25T05:30:00-04:30')).toBe(Date.UTC(2026, 2, 25, 10, 0, 0))
    expect(parseTimestamp('2026-03-25 10:00:00')).toBe(Date.UTC(2026, 2, 25, 10, 0, 0))
    expect(parseTimestamp('2026-03-25')).toBe(Date.UTC(2026, 2, 25))
    expect(parseTimestamp('2026-03-25T10:00Z')).toBe(Date.UTC(2026, 2, 25, 10, 0))
    expect(parseTimestamp('2026-03-25T10:00:00.5Z')).toBe(Date.UTC(2026, 2, 25, 10, 0, 0, 500))
    expect(parseTimestamp('2026-03-25T10:00:00.123456Z')).toBe(Date.UTC(2026, 2, 25, 10, 0, 0, 123))
    expect(parseTimestamp('2026-03-25T10:00:00+0200')).toBe(Date.UTC(2026, 2, 25, 8, 0, 0))
  })

  it('knows leap years and month lengths', () => {
    expect(parseTimestamp('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
    expect(parseTimestamp('2026-02-29')).toBeNull()
    expect(parseTimestamp('2026-04-31')).toBeNull()
    expect(parseTimestamp('2000-02-29')).toBe(Date.UTC(2000, 1, 29))
    expect(parseTimestamp('1900-02-29')).toBeNull()
  })

  it('refuses everything else', () => {
    for (const text of [
      '',
      'yesterday',
      '25/03/2026',
      '2026-3-25',
      '2026-13-01',
      '2026-03-25T24:00:00Z',
      '2026-03-25T10:60:00Z',
      '2026-03-25T10:00:00+25:00',
      '2026-03-25T10:00:00 Z',
      '1774432800000',
    ]) {
      expect(parseTimestamp(text), text).toBeNull()
    }
  })
})

describe('parseTimestamp fast path', () => {
  it('agrees with Date.parse on canonical UTC timestamps across years and months', () => {
    for (let step = 0; step < 5000; step++) {
      const epoch = Date.UTC(1970, 0, 1) + step * 7_919_993_537
      const iso = new Date(epoch).toISOString()
      expect(parseTimestamp(iso), iso).toBe(epoch)
      expect(parseTimestamp(iso.replace(/\.\d{3}Z$/, 'Z')), iso).toBe(epoch - (epoch % 1000))
    }
  })

  it('still refuses impossible dates in the canonical shape', () => {
    expect(parseTimestamp('2026-02-29T10:00:00Z')).toBeNull()
    expect(parseTimestamp('2026-02-28T24:00:00Z')).toBeNull()
    expect(parseTimestamp('2026-0a-28T10:00:00Z')).toBeNull()
    expect(parseTimestamp('2026-02-28T10:00:00.1aZ')).toBeNull()
  })
})
