/**
 * Pure ECharts option builders: data and a theme in, an option object out. Every chart gets a
 * tooltip, a legend when it has more than one series, axis labels that thin themselves out
 * instead of overlapping, and the theme's colors (readable on light and dark backgrounds).
 * Tooltips are described as data (a `valueFormatter`, or a formatter returning
 * `TooltipContent`); `useECharts` renders them as CSP-safe DOM (see tooltip.ts).
 */
import type { EChartsCoreOption } from 'echarts/core'
import { formatCompact, formatNumber, formatRate } from '../../../src-shared/format'
import { formatDay } from '../../../src-shared/format-dates'
import { uiLocale } from '../locale'
import { markerColor, type TooltipContent } from './tooltip'

export interface ChartTheme {
  readonly text: string
  readonly muted: string
  readonly grid: string
  readonly background: string
  readonly palette: readonly string[]
}

/*
 * Twelve colours per theme: more than any breakdown of the demo has slices (10 event types), each
 * at least 3:1 against the theme's background (WCAG's floor for graphics) and every pair at
 * least 25 apart in CIELAB (Delta E 1976), so no two slices of one donut share a colour.
 */
export const LIGHT: ChartTheme = {
  text: '#1f2933',
  muted: '#52606d',
  grid: '#e4e7eb',
  background: '#ffffff',
  palette: [
    '#2563eb',
    '#16a34a',
    '#dc2626',
    '#d97706',
    '#7c3aed',
    '#0891b2',
    '#db2777',
    '#65a30d',
    '#92400e',
    '#475569',
    '#0f766e',
    '#a21caf',
  ],
}

export const DARK: ChartTheme = {
  text: '#e5e7eb',
  muted: '#9aa5b1',
  grid: '#334155',
  background: '#111827',
  palette: [
    '#60a5fa',
    '#4ade80',
    '#f87171',
    '#fbbf24',
    '#a78bfa',
    '#22d3ee',
    '#f472b6',
    '#a3e635',
    '#fdba74',
    '#cbd5e1',
    '#2dd4bf',
    '#e879f9',
  ],
}

export interface Series {
  readonly name: string
  readonly data: readonly number[]
}

const base = (theme: ChartTheme, legend: boolean): EChartsCoreOption => ({
  color: [...theme.palette],
  backgroundColor: 'transparent',
  textStyle: { color: theme.text, fontFamily: 'inherit' },
  animation: false,
  legend: legend
    ? { show: true, top: 0, textStyle: { color: theme.text }, type: 'scroll' }
    : { show: false },
})

const categoryAxis = (theme: ChartTheme, labels: readonly string[]): EChartsCoreOption => ({
  type: 'category',
  data: [...labels],
  axisLine: { lineStyle: { color: theme.grid } },
  axisTick: { show: false },
  axisLabel: { color: theme.muted, hideOverlap: true },
})

const valueAxis = (theme: ChartTheme, percent = false): EChartsCoreOption => ({
  type: 'value',
  minInterval: percent ? undefined : 1,
  splitLine: { lineStyle: { color: theme.grid } },
  axisLabel: {
    color: theme.muted,
    formatter: (value: number) => (percent ? formatRate(value, 0) : formatCompact(value)),
  },
})

/** Dates on a category axis read "Mar 5" (the shared day format, in the browser's locale). */
export function dateLabels(dates: readonly string[], locale = uiLocale()): string[] {
  return dates.map((date) =>
    /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDay(date, { locale }) : date,
  )
}

export function lineChart(options: {
  categories: readonly string[]
  series: readonly Series[]
  theme: ChartTheme
  area?: boolean
  percent?: boolean
}): EChartsCoreOption {
  const { theme } = options
  const legend = options.series.length > 1
  return {
    ...base(theme, legend),
    grid: { left: 8, right: 16, top: legend ? 36 : 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: tooltipValue(options.percent) },
    xAxis: categoryAxis(theme, options.categories),
    yAxis: valueAxis(theme, options.percent),
    series: options.series.map((series) => ({
      name: series.name,
      type: 'line',
      data: [...series.data],
      smooth: false,
      showSymbol: options.categories.length <= 31,
      symbolSize: 5,
      areaStyle: options.area === true ? { opacity: 0.12 } : undefined,
    })),
  }
}

export function barChart(options: {
  categories: readonly string[]
  series: readonly Series[]
  theme: ChartTheme
  horizontal?: boolean
  stack?: boolean
  percent?: boolean
}): EChartsCoreOption {
  const { theme } = options
  const legend = options.series.length > 1
  const categories = categoryAxis(theme, options.categories)
  const values = valueAxis(theme, options.percent)
  return {
    ...base(theme, legend),
    grid: { left: 8, right: 16, top: legend ? 36 : 12, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: tooltipValue(options.percent),
    },
    xAxis: options.horizontal === true ? values : categories,
    yAxis: options.horizontal === true ? { ...categories, inverse: true } : values,
    series: options.series.map((series) => ({
      name: series.name,
      type: 'bar',
      data: [...series.data],
      stack: options.stack === true ? 'total' : undefined,
      barMaxWidth: 36,
    })),
  }
}

/**
 * The slices a donut draws: the items as given while the palette has a colour for each; past
 * that, the largest (palette length - 1) in their order and one "Other (N)" slice for the rest,
 * so no two slices ever share a colour.
 */
export function pieSlices(
  items: readonly { name: string; value: number }[],
  colours: number,
): { name: string; value: number }[] {
  if (items.length <= colours) return items.map((item) => ({ ...item }))
  const kept = new Set(
    items
      .map((item, index) => ({ value: item.value, index }))
      .sort((a, b) => b.value - a.value || a.index - b.index)
      .slice(0, colours - 1)
      .map((entry) => entry.index),
  )
  const rest = items.filter((_, index) => !kept.has(index))
  return [
    ...items.filter((_, index) => kept.has(index)).map((item) => ({ ...item })),
    {
      name: `Other (${rest.length})`,
      value: rest.reduce((sum, item) => sum + item.value, 0),
    },
  ]
}

export function pieChart(options: {
  items: readonly { name: string; value: number }[]
  theme: ChartTheme
}): EChartsCoreOption {
  const { theme } = options
  const slices = pieSlices(options.items, theme.palette.length)
  return {
    ...base(theme, false),
    tooltip: {
      trigger: 'item',
      formatter: (params: {
        name: string
        value: number
        percent: number
        color?: unknown
      }): TooltipContent => ({
        rows: [
          {
            name: params.name,
            value: `${formatCompact(params.value)} (${params.percent}%)`,
            color: markerColor(params.color),
          },
        ],
      }),
    },
    legend: {
      show: true,
      type: 'scroll',
      orient: 'vertical',
      right: 0,
      top: 'middle',
      textStyle: { color: theme.text },
    },
    series: [
      {
        type: 'pie',
        radius: ['45%', '75%'],
        center: ['35%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: theme.background, borderWidth: 2 },
        data: slices.map((slice, index) => ({
          name: slice.name,
          value: slice.value,
          itemStyle: { color: theme.palette[index] },
        })),
      },
    ],
  }
}

export function funnelChart(options: {
  steps: readonly { name: string; value: number }[]
  theme: ChartTheme
}): EChartsCoreOption {
  const { theme } = options
  const first = options.steps[0]?.value ?? 0
  return {
    ...base(theme, false),
    tooltip: {
      trigger: 'item',
      formatter: (params: { name: string; value: number; color?: unknown }): TooltipContent => ({
        rows: [
          {
            name: params.name,
            value: `${formatCompact(params.value)}${first > 0 ? ` (${formatRate(params.value / first)} of step 1)` : ''}`,
            color: markerColor(params.color),
          },
        ],
      }),
    },
    series: [
      {
        type: 'funnel',
        left: '4%',
        width: '62%',
        top: 8,
        bottom: 8,
        sort: 'none',
        minSize: '8%',
        gap: 2,
        // Beside the shapes, in the theme's text colour: a label inside a narrow last step
        // overflowed onto the background, white on white in the light theme.
        label: {
          show: true,
          position: 'right',
          color: theme.text,
          formatter: (params: { name: string; value: number }) =>
            `${params.name}  ${formatCompact(params.value)}`,
        },
        labelLine: { show: true, lineStyle: { color: theme.muted } },
        itemStyle: { borderColor: theme.background, borderWidth: 1 },
        data: options.steps.map((step) => ({ name: step.name, value: step.value })),
      },
    ],
  }
}

/** `#rrggbb` as [r, g, b]. */
function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number]
}

/**
 * The color a continuous visualMap gives `ratio` (0..1) between two `#rrggbb` colors: each
 * channel interpolated linearly and rounded, as ECharts does.
 */
export function mixColor(from: string, to: string, ratio: number): string {
  const t = Math.min(1, Math.max(0, ratio))
  const [a, b] = [rgb(from), rgb(to)]
  const channels = a.map((channel, index) => Math.round(channel + (b[index]! - channel) * t))
  return `rgb(${channels.join(', ')})`
}

/** WCAG relative luminance of [r, g, b] in 0..255. */
function luminance([r, g, b]: readonly number[]): number {
  const linear = (channel: number): number => {
    const c = channel / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!)
}

/** Cell label colors: the one of the two with the higher contrast on each cell. */
const LABEL_DARK = '#111827'
const LABEL_LIGHT = '#ffffff'

/** The label color readable on a cell of `background` (`rgb(r, g, b)`). */
export function labelColorOn(background: string): string {
  const channels = (background.match(/\d+/g) ?? []).map(Number)
  const shade = luminance(channels)
  // contrast with white (1.05 / (L + 0.05)) against contrast with the dark text
  const onLight = 1.05 / (shade + 0.05)
  const onDark = (shade + 0.05) / (luminance(rgb(LABEL_DARK)) + 0.05)
  return onLight >= onDark ? LABEL_LIGHT : LABEL_DARK
}

/** "week_3" -> "week 3"; other column keys unchanged. */
const weekLabel = (column: string): string => column.replace(/^week_(\d+)$/, 'week $1')

/**
 * Cohort retention: rows = cohorts, columns = weeks, cell = share of the cohort active. The
 * visualMap colors a cell by its share (dimension 2, 0..100%), never by its count; each cell's
 * label picks dark or white text for the color it gets.
 */
export function heatmapChart(options: {
  rows: readonly string[]
  columns: readonly string[]
  /** [column, row, ratio 0..1, active count] */
  cells: readonly (readonly [number, number, number, number])[]
  theme: ChartTheme
}): EChartsCoreOption {
  const { theme } = options
  const [low, high] = [theme.grid, theme.palette[0]!]
  return {
    ...base(theme, false),
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (params: {
        data: [number, number, number, number]
        color?: unknown
      }): TooltipContent => {
        const [column, row, ratio, active] = params.data
        return {
          title: `Joined ${formatDay(options.rows[row] ?? '', { locale: uiLocale() })}, ${weekLabel(options.columns[column] ?? '')}`,
          rows: [
            { name: 'Active', value: formatRate(ratio), color: markerColor(params.color) },
            { name: 'Active contacts', value: formatNumber(active) },
          ],
        }
      },
    },
    xAxis: { ...categoryAxis(theme, options.columns), splitArea: { show: false } },
    yAxis: { ...categoryAxis(theme, dateLabels(options.rows)), inverse: true },
    visualMap: {
      // the ratio; without it ECharts maps the last dimension, the count
      dimension: 2,
      min: 0,
      max: 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      text: ['100%', '0%'],
      textStyle: { color: theme.muted },
      inRange: { color: [low, high] },
    },
    series: [
      {
        type: 'heatmap',
        data: options.cells.map((cell) => [...cell]),
        label: {
          show: options.columns.length <= 12 && options.rows.length <= 31,
          fontSize: 10,
          formatter: (params: { data: [number, number, number, number] }) => {
            const color = labelColorOn(mixColor(low, high, params.data[2]))
            return `{${color === LABEL_LIGHT ? 'light' : 'dark'}|${formatRate(params.data[2], 0)}}`
          },
          rich: { light: { color: LABEL_LIGHT }, dark: { color: LABEL_DARK } },
        },
        itemStyle: { borderColor: theme.background, borderWidth: 1 },
      },
    ],
  }
}

/** A KPI tile's trend: no axes, no legend, a tooltip per point (the figure's name and value). */
export function sparkline(options: {
  dates: readonly string[]
  data: readonly number[]
  theme: ChartTheme
  /** The figure's name, for the tooltip. */
  name?: string
  color?: string
  percent?: boolean
  /** How the tile writes a value (default: compact, or a rate when `percent`). */
  format?: (value: number) => string
}): EChartsCoreOption {
  const color = options.color ?? options.theme.palette[0]!
  return {
    backgroundColor: 'transparent',
    animation: false,
    grid: { left: 0, right: 0, top: 2, bottom: 2 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter:
        options.format === undefined
          ? tooltipValue(options.percent)
          : (value: unknown) => options.format!(Number(value)),
    },
    xAxis: { type: 'category', show: false, data: dateLabels(options.dates) },
    yAxis: { type: 'value', show: false, min: 0 },
    series: [
      {
        name: options.name,
        type: 'line',
        data: [...options.data],
        showSymbol: false,
        lineStyle: { width: 1.5, color },
        areaStyle: { color, opacity: 0.15 },
      },
    ],
  }
}

function tooltipValue(percent?: boolean): (value: unknown) => string {
  return (value) => {
    const number = typeof value === 'number' ? value : Number(value)
    return percent === true ? formatRate(number) : formatCompact(number)
  }
}

/**
 * One figure over time (remote figures): fractional values keep their decimals on the axis, the
 * axis fits the values rather than starting at 0 (a small move stays visible; no area fill, which
 * would suggest a 0 baseline), and missing points leave a gap.
 */
export function trendChart(options: {
  labels: readonly string[]
  name: string
  data: readonly (number | null)[]
  theme: ChartTheme
}): EChartsCoreOption {
  const { theme } = options
  return {
    ...base(theme, false),
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) =>
        value === null || value === undefined || value === '-' ? '–' : formatNumber(Number(value)),
    },
    xAxis: categoryAxis(theme, options.labels),
    yAxis: {
      type: 'value',
      scale: true,
      splitLine: { lineStyle: { color: theme.grid } },
      axisLabel: { color: theme.muted, formatter: (value: number) => formatCompact(value) },
    },
    series: [
      {
        name: options.name,
        type: 'line',
        data: options.data.map((value) => (value === null ? '-' : value)),
        showSymbol: true,
        symbolSize: 6,
        connectNulls: false,
        lineStyle: { color: theme.palette[0] },
        itemStyle: { color: theme.palette[0] },
      },
    ],
  }
}
