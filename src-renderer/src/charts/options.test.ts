// Rule: the option builders put the data in the series unchanged, in order, label axes with
// readable formats, add a legend only for several series, and take every color from the theme;
// tooltips name each figure apart from its value; the cohort heatmap colors a cell by its rate.
import { HeatmapChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { describe, expect, it } from 'vitest'
import {
  DARK,
  LIGHT,
  barChart,
  dateLabels,
  funnelChart,
  heatmapChart,
  labelColorOn,
  lineChart,
  mixColor,
  pieChart,
  sparkline,
} from './options'

echarts.use([
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
])

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
      { name: 'a', value: 2, itemStyle: { color: '#2563eb' } },
      { name: 'b', value: 1, itemStyle: { color: '#16a34a' } },
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
    expect(funnel.tooltip.formatter({ name: 'signup', value: 20, color: '#16a34a' })).toEqual({
      rows: [{ name: 'signup', value: '20 (20% of step 1)', color: '#16a34a' }],
    })
    expect(
      pie.tooltip.formatter({ name: 'a', value: 2, percent: 66.67, color: '#2563eb' }),
    ).toEqual({ rows: [{ name: 'a', value: '2 (66.67%)', color: '#2563eb' }] })
  })

  it('donut: a colour of its own for each of up to 12 slices, in both themes', () => {
    for (const theme of [LIGHT, DARK]) {
      for (let count = 1; count <= 12; count++) {
        const items = Array.from({ length: count }, (_, index) => ({
          name: `type_${index}`,
          value: 100 - index,
        }))
        const data = (pieChart({ items, theme }) as Loose).series[0].data as Loose[]
        expect(data.map((slice) => slice.name)).toEqual(items.map((item) => item.name))
        const colours = data.map((slice) => slice.itemStyle.color as string)
        expect(new Set(colours).size, `${count} slices`).toBe(count)
      }
      // distinct to the eye, not only as strings; and visible on the chart's background
      const palette = theme.palette.slice(0, 12)
      for (const [index, colour] of palette.entries()) {
        expect(wcagContrast(colour, theme.background), colour).toBeGreaterThanOrEqual(3)
        for (const other of palette.slice(index + 1))
          expect(deltaE(colour, other), `${colour} vs ${other}`).toBeGreaterThanOrEqual(25)
      }
    }
  })

  it('donut: past the palette, the largest slices and one "Other" for the rest', () => {
    const values = [5, 40, 3, 30, 20, 18, 16, 14, 12, 10, 9, 8, 7, 6]
    const items = values.map((value, index) => ({ name: `t${index}`, value }))
    const data = (pieChart({ items, theme: LIGHT }) as Loose).series[0].data as Loose[]
    // 14 items, 12 colours: the 11 largest (every value >= 7) in their order, then the
    // three smallest, t0, t2 and t13 (5 + 3 + 6 = 14), as one Other slice
    expect(data.map((slice) => [slice.name, slice.value])).toEqual([
      ['t1', 40],
      ['t3', 30],
      ['t4', 20],
      ['t5', 18],
      ['t6', 16],
      ['t7', 14],
      ['t8', 12],
      ['t9', 10],
      ['t10', 9],
      ['t11', 8],
      ['t12', 7],
      ['Other (3)', 14],
    ])
    expect(new Set(data.map((slice) => slice.itemStyle.color)).size).toBe(12)
  })

  it("funnel: every step's label beside the shape, readable on the chart's background", () => {
    for (const theme of [LIGHT, DARK]) {
      const funnel = funnelChart({
        steps: [
          { name: 'page_view', value: 119 },
          { name: 'signup', value: 15 },
          { name: 'purchase', value: 0 },
        ],
        theme,
      }) as Loose
      const label = funnel.series[0].label as Loose
      // the last step is drawn at the minimum width: a label inside it spilled onto the page
      expect(label.position).toBe('right')
      expect(funnel.series[0].data.at(-1).label).toBeUndefined()
      expect(wcagContrast(label.color, theme.background)).toBeGreaterThanOrEqual(4.5)
      expect(label.formatter({ name: 'purchase', value: 0 })).toBe('purchase  0')
    }
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
    // the rate as a percentage and the count, each apart from its name
    expect(option.tooltip.formatter({ data: [1, 0, 0.5, 2], color: '#8aa9f0' })).toEqual({
      title: 'Joined Mar 5, week 1',
      rows: [
        { name: 'Active', value: '50%', color: '#8aa9f0' },
        { name: 'Active contacts', value: '2' },
      ],
    })
    // no string position: ECharts would add its arrow as markup with inline styles
    expect(option.tooltip.position).toBeUndefined()
  })

  describe('heatmap colors', () => {
    // Two cohorts of 25 and 50 contacts: everyone active in week 0 (100%), 1 and 2 in week 1 (4%).
    const cells: [number, number, number, number][] = [
      [0, 0, 1, 25],
      [1, 0, 0.04, 1],
      [0, 1, 1, 50],
      [1, 1, 0.04, 2],
    ]
    const rows = ['2026-03-01', '2026-03-08']
    const columns = ['week_0', 'week_1']

    /** The fill ECharts gives each cell, drawn for real (server-side, SVG renderer). */
    const fills = (theme: typeof LIGHT): string[] => {
      const chart = echarts.init(null, undefined, {
        renderer: 'svg',
        ssr: true,
        width: 400,
        height: 300,
      })
      chart.setOption(heatmapChart({ rows, columns, cells, theme }))
      const data = (chart as unknown as Loose).getModel().getSeriesByIndex(0).getData()
      const result = cells.map((_, index) => String(data.getItemVisual(index, 'style').fill))
      chart.dispose()
      return result
    }

    it('maps the rate (dimension 2) on 0..1, not the count', () => {
      const option = heatmapChart({ rows, columns, cells, theme: LIGHT }) as Loose
      expect(option.visualMap).toMatchObject({ dimension: 2, min: 0, max: 1 })
      expect(option.series[0].data[1]).toEqual([1, 0, 0.04, 1])
    })

    it('gives a 4% cell and a 100% cell different colors, whatever their counts', () => {
      // light: #e4e7eb (0%) .. #2563eb (100%); 4% = 228-7.64, 231-5.28, 235 -> (220, 226, 235)
      expect(fills(LIGHT)).toEqual([
        'rgba(37,99,235,1)',
        'rgba(220,226,235,1)',
        'rgba(37,99,235,1)',
        'rgba(220,226,235,1)',
      ])
      // dark: #334155 (0%) .. #60a5fa (100%); 4% = 51+1.8, 65+4, 85+6.6 -> (53, 69, 92)
      expect(fills(DARK)).toEqual([
        'rgba(96,165,250,1)',
        'rgba(53,69,92,1)',
        'rgba(96,165,250,1)',
        'rgba(53,69,92,1)',
      ])
      expect(mixColor(LIGHT.grid, LIGHT.palette[0]!, 0.04)).toBe('rgb(220, 226, 235)')
    })

    it('labels each cell with its rate in a color readable on it', () => {
      const option = heatmapChart({ rows, columns, cells, theme: LIGHT }) as Loose
      const label = option.series[0].label
      expect(label.formatter({ data: [0, 0, 1, 25] })).toBe('{light|100%}')
      expect(label.formatter({ data: [1, 0, 0.04, 1] })).toBe('{dark|4%}')
      expect(label.rich).toEqual({ light: { color: '#ffffff' }, dark: { color: '#111827' } })
      // white on #2563eb is 5.17:1, #111827 on it 3.4:1; on #dce2eb the dark text wins
      expect(labelColorOn('rgb(37, 99, 235)')).toBe('#ffffff')
      expect(labelColorOn('rgb(220, 226, 235)')).toBe('#111827')
      const dark = heatmapChart({ rows, columns, cells, theme: DARK }) as Loose
      // #60a5fa is light: dark text; #35455c is dark: white text
      expect(dark.series[0].label.formatter({ data: [0, 0, 1, 25] })).toBe('{dark|100%}')
      expect(dark.series[0].label.formatter({ data: [1, 0, 0.04, 1] })).toBe('{light|4%}')
    })
  })

  it('sparkline: no axes shown, the trend as given, named and formatted as its tile', () => {
    const option = sparkline({
      dates: ['2026-03-01', '2026-03-02'],
      data: [3, 5],
      theme: LIGHT,
      name: 'Recorded time',
      format: (value) => `${value}s`,
    }) as Loose
    expect(option.series[0].name).toBe('Recorded time')
    expect(option.tooltip.valueFormatter(45)).toBe('45s')
    expect(option.xAxis.show).toBe(false)
    expect(option.yAxis.show).toBe(false)
    expect(option.series[0].data).toEqual([3, 5])
    expect(option.xAxis.data).toEqual(['Mar 1', 'Mar 2'])
  })

  it('date labels shorten ISO dates and keep other labels', () => {
    expect(dateLabels(['2026-11-23', 'Nov 2026'])).toEqual(['Nov 23', 'Nov 2026'])
    // the shared day format, in the locale given (the browser's in the UI)
    expect(dateLabels(['2026-03-05'], 'de-DE')).toEqual(['5. März'])
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

/** `#rrggbb` channels linearised (sRGB). */
function linear(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function wcagContrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = linear(hex)
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [high, low] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number]
  return (high + 0.05) / (low + 0.05)
}

/** CIE76 colour difference of two `#rrggbb` colours (D65 white). */
function deltaE(a: string, b: string): number {
  const lab = (hex: string): [number, number, number] => {
    const [r, g, bl] = linear(hex)
    const x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * bl
    const z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883
    const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116)
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
  }
  const [p, q] = [lab(a), lab(b)]
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])
}
