// Rule: the remote figure trend puts the values in one line series in snapshot order (a gap
// where a snapshot lacks the figure), fits its axis to the values (no forced 0, decimals kept)
// and takes its colors from the theme.
import { describe, expect, it } from 'vitest'
import { DARK, LIGHT, trendChart } from './options'

// ECharts options are loosely typed nested objects; the tests read them freely.
type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('trend chart', () => {
  it('one line of the values over the labels', () => {
    const option = trendChart({
      labels: ['Nov 21 08:00', 'Nov 22 08:00', 'Nov 23 08:30'],
      name: 'kpis.contacts',
      data: [100, null, 90.5],
      theme: LIGHT,
    }) as Loose
    expect(option.xAxis.data).toEqual(['Nov 21 08:00', 'Nov 22 08:00', 'Nov 23 08:30'])
    expect(option.series).toHaveLength(1)
    expect(option.series[0]).toMatchObject({ name: 'kpis.contacts', type: 'line' })
    expect(option.series[0].data).toEqual([100, '-', 90.5])
    expect(option.legend.show).toBe(false)
    expect(option.yAxis.scale).toBe(true)
    expect(option.yAxis.minInterval).toBeUndefined()
    expect(option.yAxis.axisLabel.formatter(0.25)).toBe('0.25')
    expect(option.yAxis.axisLabel.formatter(12_500)).toBe('12.5k')
    expect(option.tooltip.valueFormatter(1234.5)).toBe('1,234.5')
    expect(option.tooltip.valueFormatter('-')).toBe('–')
  })

  it('takes the theme’s colors', () => {
    const dark = trendChart({ labels: ['a'], name: 'x', data: [1], theme: DARK }) as Loose
    expect(dark.series[0].lineStyle.color).toBe(DARK.palette[0])
    expect(dark.xAxis.axisLabel.color).toBe(DARK.muted)
    expect(dark.yAxis.axisLabel.color).toBe(DARK.muted)
    expect(dark.textStyle.color).toBe(DARK.text)
  })
})
