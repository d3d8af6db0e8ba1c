// Rule: figures read the same everywhere (UI, exports): grouping, rounding, signs and units.
import { describe, expect, it } from 'vitest'
import {
  formatChange,
  periodChange,
  formatCompact,
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRate,
} from './format'

describe('format', () => {
  it('numbers', () => {
    expect(formatNumber(1234567)).toBe('1,234,567')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(12.345)).toBe('12.35')
    expect(formatNumber(Number.NaN)).toBe('–')
  })
  it('compact numbers', () => {
    expect(formatCompact(9999)).toBe('9,999')
    expect(formatCompact(12_345)).toBe('12.3k')
    expect(formatCompact(1_234_567)).toBe('1.23M')
    expect(formatCompact(250_000)).toBe('250k')
    expect(formatCompact(-12_000)).toBe('-12k')
  })
  it('rates, percentages and changes', () => {
    expect(formatRate(0.1234)).toBe('12.34%')
    expect(formatRate(0.5)).toBe('50%')
    expect(formatRate(0)).toBe('0%')
    expect(formatRate(1, 0)).toBe('100%')
    expect(formatPercent(66.67)).toBe('66.67%')
    expect(formatChange(0.125)).toBe('+12.5%')
    expect(formatChange(-0.5)).toBe('−50%')
    expect(formatChange(0)).toBe('0%')
    expect(formatChange(null)).toBe('new')
  })
  it('one change rule: against 0 a change is "new", or "–" when both are 0', () => {
    // 12 against 8: +4 / 8 = 0.5; 6 against 8: -2 / 8 = -0.25; 2 against 3: -1/3 = -0.3333.
    expect(periodChange(12, 8)).toBe(0.5)
    expect(periodChange(6, 8)).toBe(-0.25)
    expect(periodChange(2, 3)).toBe(-0.3333)
    expect(periodChange(8, 8)).toBe(0)
    // Rates as the Overview reports them: 0.6667 against 0.5 = 0.1667 / 0.5 = 0.3334.
    expect(periodChange(0.6667, 0.5)).toBe(0.3334)
    expect(periodChange(5, 0)).toBe('new')
    expect(periodChange(0, 0)).toBe('none')
    expect(periodChange(0, 4)).toBe(-1)
    expect(formatChange(periodChange(5, 0))).toBe('new')
    expect(formatChange(periodChange(0, 0))).toBe('–')
    expect(formatChange(periodChange(0, 4))).toBe('−100%')
    // A genuine doubling still reads +100%; only a zero previous period reads "new".
    expect(formatChange(periodChange(2, 1))).toBe('+100%')
    expect(formatChange(periodChange(87, 80))).toBe('+8.8%')
  })
  it('durations', () => {
    expect(formatDuration(45)).toBe('45s')
    expect(formatDuration(725)).toBe('12m 05s')
    expect(formatDuration(3 * 3600 + 4 * 60)).toBe('3h 04m')
    expect(formatDuration(51 * 3600)).toBe('2d 3h')
    expect(formatDuration(-1)).toBe('–')
  })
  it('dates', () => {
    expect(formatDate('2026-03-05')).toBe('Mar 5')
    expect(formatDate('2026-12-31', true)).toBe('Dec 31, 2026')
    expect(formatDateTime(Date.parse('2026-03-05T23:30:00Z'), 'UTC')).toBe('2026-03-05 23:30')
    expect(formatDateTime(Date.parse('2026-03-05T23:30:00Z'), 'Asia/Tokyo')).toBe(
      '2026-03-06 08:30',
    )
  })
})
