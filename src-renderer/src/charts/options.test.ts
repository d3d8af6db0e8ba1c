// Rule: the option builders put the data in the series unchanged, in order, label axes with
// readable formats, add a legend only for several series, and take every color from the theme.
import { describe, expect, it } from 'vitest'
import {
  DARK,
  LIGHT,
  barChart,
  dateLabels,
  funnelChart,
  heatmapChart,
  lineChart,
  pieChart,
  sparkline,
} from './options'

// ECharts options are loosely typed nested objects; the tests read them freely.
type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('chart options', () => {
  it('line: one series per input, the categories as given, a legend for two or more', () => {
    const option = lineChart({
      categories: ['Mar 1', 'Mar 2', 'Mar 3'],
      series: [
        { name: 'Bookings', data: [1, 0, 4] },
        { name: 'Joins', data: [2, 2, 0] },
      ],
      theme: LIGHT,
    }) as Loose
    expect(option.series.map((s: Loose) => [s.name, s.type, s.data])).toEqual([
      ['Bookings', 'line', [1, 0, 4]],
      ['Joins', 'line', [2, 2, 0]],
    ])
    expect(option.xAxis.data).toEqual(['Mar 1', 'Mar 2', 'Mar 3'])
    expect(option.legend.show).toBe(true)
    expect(option.tooltip.trigger).toBe('axis')
    expect(option.xAxis.axisLabel.hideOverlap).toBe(true)
    expect(option.yAxis.axisLabel.formatter(12_500)).toBe('12.5k')
    const single = lineChart({
      categories: ['a'],
      series: [{ name: 'x', data: [1] }],
      theme: LIGHT,
    }) as Loose
    expect(single.legend.show).toBe(false)
  })

  it('percent axes and tooltips read as percentages', () => {
    const option = lineChart({
      categories: ['a'],
      series: [{ name: 'rate', data: [0.25] }],
      theme: LIGHT,
      percent: true,
    }) as Loose
    expect(option.yAxis.axisLabel.formatter(0.25)).toBe('25%')
    expect(option.tooltip.valueFormatter(0.1234)).toBe('12.34%')
  })

  it('bar: horizontal swaps the axes and lists categories top-down', () => {
    const option = barChart({
      categories: ['Intro', 'Demo'],
      series: [{ name: 'Bookings', data: [9, 3] }],
      theme: DARK,
      horizontal: true,
    }) as Loose
    expect(option.yAxis.type).toBe('category')
    expect(option.yAxis.data).toEqual(['Intro', 'Demo'])
    expect(option.yAxis.inverse).toBe(true)
    expect(option.xAxis.type).toBe('value')
    expect(option.series[0].data).toEqual([9, 3])
    expect(option.color).toEqual(DARK.palette)
    expect(option.xAxis.axisLabel.color).toBe(DARK.muted)
  })

  it('pie and funnel keep names and values; the funnel keeps the step order', () => {
    const pie = pieChart({
      items: [
        { name: 'a', value: 2 },
        { name: 'b', value: 1 },
      ],
      theme: LIGHT,
    }) as Loose
    expect(pie.series[0].data).toEqual([
      { name: 'a', value: 2 },
      { name: 'b', value: 1 },
    ])
    const funnel = funnelChart({
      steps: [
        { name: 'page_view', value: 100 },
        { name: 'signup', value: 20 },
      ],
      theme: LIGHT,
    }) as Loose
    expect(funnel.series[0].sort).toBe('none')
    expect(funnel.series[0].data.map((d: Loose) => d.value)).toEqual([100, 20])
    expect(funnel.tooltip.formatter({ name: 'signup', value: 20 })).toBe(
      'signup: 20 (20% of step 1)',
    )
  })

  it('heatmap: cells as given, rows labelled as dates, a 0-100% scale', () => {
    const option = heatmapChart({
      rows: ['2026-03-05', '2026-03-06'],
      columns: ['week_0', 'week_1'],
      cells: [
        [0, 0, 1, 4],
        [1, 0, 0.5, 2],
        [0, 1, 1, 3],
      ],
      theme: LIGHT,
    }) as Loose
    expect(option.series[0].data).toEqual([
      [0, 0, 1, 4],
      [1, 0, 0.5, 2],
      [0, 1, 1, 3],
    ])
    expect(option.yAxis.data).toEqual(['Mar 5', 'Mar 6'])
    expect([option.visualMap.min, option.visualMap.max]).toEqual([0, 1])
    expect(option.tooltip.formatter({ data: [1, 0, 0.5, 2] })).toBe(
      '2026-03-05 · week_1: 50% (2 active)',
    )
  })

  it('sparkline: no axes shown, the trend as given', () => {
    const option = sparkline({
      dates: ['2026-03-01', '2026-03-02'],
      data: [3, 5],
      theme: LIGHT,
    }) as Loose
    expect(option.xAxis.show).toBe(false)
    expect(option.yAxis.show).toBe(false)
    expect(option.series[0].data).toEqual([3, 5])
    expect(option.xAxis.data).toEqual(['Mar 1', 'Mar 2'])
  })

  it('date labels shorten ISO dates and keep other labels', () => {
    expect(dateLabels(['2026-11-23', 'Nov 2026'])).toEqual(['Nov 23', 'Nov 2026'])
  })

  it('both themes keep text readable on their background', () => {
    const luminance = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const contrast = (a: string, b: string): number => {
      const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (high! + 0.05) / (low! + 0.05)
    }
    for (const theme of [LIGHT, DARK]) {
      expect(contrast(theme.text, theme.background)).toBeGreaterThanOrEqual(7)
      expect(contrast(theme.muted, theme.background)).toBeGreaterThanOrEqual(4.5)
    }
  })
})
