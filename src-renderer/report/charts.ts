/**
 * A snapshot block as a chart: the series a `line` or `bar` block holds (its numeric columns
 * after the x axis or label column), then an ECharts option in the console's chart look (the
 * same LIGHT/DARK themes and palette). Each series is formatted by its kind, which the block
 * has from the response's contract (never from the column's name): rates and percents read as
 * percentages, on an axis of their own when they share a chart with counts; long or many bar
 * labels lay the bars out horizontally so no label overlaps another. Pure: no DOM.
 */
import type { EChartsCoreOption } from 'echarts/core'
import { formatCompact, formatDate, formatDuration, formatRate } from '../../src-shared/format'
import { columnKind, type Block, type Cell } from '../../src-shared/reports/blocks'
import { formatFigure, humanizeKey } from '../../src-shared/reports/present'
import type { FigureKind } from '../../src-shared/reports/units'
import type { ChartTheme } from '../src/charts/options'

export interface ChartSeries {
  /** The block's column. */
  readonly key: string
  /** The legend's and tooltip's name. */
  readonly name: string
  readonly data: readonly (number | null)[]
  /** What the values are, from the contract (null: not declared, shown as plain numbers). */
  readonly kind: FigureKind | null
  /** Shown as a percentage: a rate (0..1) or a percent (0..100). */
  readonly percent: boolean
  /** Seconds shown as "3h 04m". */
  readonly duration: boolean
}

export interface ChartModel {
  readonly kind: 'line' | 'bar'
  readonly categories: readonly string[]
  readonly series: readonly ChartSeries[]
  /** Non-null data points over all series. */
  readonly points: number
  readonly horizontal: boolean
  /** The chart's fixed height in CSS pixels. */
  readonly height: number
}

export const CHART_HEIGHT = 280
/** Tall bar charts stop short of a printed page (A4 and Letter hold about 950px). */
export const MAX_CHART_HEIGHT = 880
const BAR_ROW = 24
const LEGEND_ROW = 24
/** Bars lie down when there are more labels than this, or longer ones. */
const MAX_UPRIGHT_BARS = 6
const MAX_UPRIGHT_LABEL = 12

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The page's font stack, named (not `inherit`): ECharts measures labels on a canvas with this
 * family, and the SVG draws them with it, so legend items and labels are laid out at the width
 * they are drawn at (with `inherit` the measure falls back to another font and items overlap).
 */
export const CHART_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

const numberOrNull = (cell: Cell | undefined): number | null =>
  typeof cell === 'number' && Number.isFinite(cell) ? cell : null

/** The series and layout of a `line` or `bar` block. */
export function chartModel(block: Pick<Block, 'kind' | 'columns' | 'rows' | 'kinds'>): ChartModel {
  const kind = block.kind === 'bar' ? 'bar' : 'line'
  const categories = block.rows.map((row) =>
    row[0] === null || row[0] === undefined ? '(none)' : String(row[0]),
  )
  const series: ChartSeries[] = []
  block.columns.forEach((key, index) => {
    if (index === 0) return
    if (!block.rows.some((row) => numberOrNull(row[index]) !== null)) return
    const data = block.rows.map((row) => numberOrNull(row[index]))
    const kind = columnKind(block, index)
    series.push({
      key,
      name: humanizeKey(key),
      data,
      kind,
      percent: kind === 'rate' || kind === 'percent',
      duration: kind === 'duration',
    })
  })
  const points = series.reduce(
    (total, item) => total + item.data.filter((value) => value !== null).length,
    0,
  )
  const longest = Math.max(0, ...categories.map((label) => label.length))
  const horizontal =
    kind === 'bar' && (categories.length > MAX_UPRIGHT_BARS || longest > MAX_UPRIGHT_LABEL)
  const legend = series.length > 1 ? (series.length > 3 ? 2 : 1) * LEGEND_ROW + 6 : 0
  // A category's row grows with its bars: three series side by side need more than one.
  const row = Math.max(BAR_ROW, 10 + 8 * series.length)
  const height = horizontal
    ? Math.min(MAX_CHART_HEIGHT, Math.max(CHART_HEIGHT, categories.length * row + 48 + legend))
    : CHART_HEIGHT
  return { kind, categories, series, points, horizontal, height }
}

const valueText = (item: ChartSeries) => (value: unknown) => {
  if (value === null || value === undefined || value === '-' || value === '') return '–'
  return formatFigure(item.kind, typeof value === 'number' ? value : Number(value))
}

const DURATION_STEPS = [1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200]

/** A duration axis' tick interval in seconds: whole minutes, hours or days, about 5 ticks. */
export function durationInterval(max: number): number {
  const step = DURATION_STEPS.find((candidate) => max / candidate <= 6)
  if (step !== undefined) return step
  const days = Math.ceil(max / 86_400 / 6)
  return days * 86_400
}

/** More colors after the theme's eight, so a ninth series is not drawn like the first. */

/** A label's width in pixels at the charts' 12px font. */
export type Measure = (text: string) => number

/** Without a canvas to measure on: a generous average glyph width. */
const roughMeasure: Measure = (text) => text.length * 7.2

const LEGEND_ICON = 25 + 5
const LEGEND_GAP = 10

/**
 * How many rows a plain (wrapping) legend takes at a chart width. Every series stays listed,
 * on paper too, where a scrolling legend's hidden pages could not be turned.
 */
export function legendRows(
  names: readonly string[],
  width: number,
  measure: Measure = roughMeasure,
): number {
  const available = Math.max(120, width - 10)
  let rows = 1
  let line = 0
  for (const name of names) {
    const item = LEGEND_ICON + measure(name)
    if (line > 0 && line + LEGEND_GAP + item > available) {
      rows += 1
      line = item
    } else line += (line > 0 ? LEGEND_GAP : 0) + item
  }
  return rows
}

/** The plot's top edge: below the legend's rows (and a second axis' labels on top). */
export function gridTop(model: ChartModel, width: number, measure?: Measure): number {
  const legend =
    model.series.length > 1
      ? legendRows(
          model.series.map((item) => item.name),
          width,
          measure,
        ) * LEGEND_ROW
      : 0
  const percents = model.series.filter((item) => item.percent).length
  const dual = percents > 0 && percents < model.series.length
  return legend + (dual && model.horizontal ? 28 : 12)
}

/** The ECharts option of a chart model in a theme, for a chart `width` pixels wide. */
export function chartOption(
  model: ChartModel,
  theme: ChartTheme,
  width = 1000,
  measure?: Measure,
): EChartsCoreOption {
  const legend = model.series.length > 1
  const percents = model.series.filter((item) => item.percent).length
  // Counts and ratios do not share an axis: ratios get a second one when both are drawn.
  const dual = percents > 0 && percents < model.series.length
  const durations = model.series.every((item) => item.duration)
  const longest = Math.max(
    0,
    ...model.series.flatMap((item) => item.data.filter((value): value is number => value !== null)),
  )
  const longestRatio = Math.max(
    0,
    ...model.series
      .filter((item) => item.percent)
      .flatMap((item) => item.data.filter((value): value is number => value !== null)),
  )
  // The percentage axis reads fractions (rates) unless its series are percents already.
  const fractions = model.series.some((item) => item.kind === 'rate')
  const percentLabel = (value: number): string =>
    fractions ? formatRate(value, 0) : `${formatCompact(value)}%`
  const valueAxis = (percent: boolean, second: boolean): EChartsCoreOption => ({
    type: 'value',
    minInterval: percent ? undefined : 1,
    interval: durations && !percent ? durationInterval(longest) : undefined,
    position: second ? (model.horizontal ? 'top' : 'right') : undefined,
    // A second axis of ratios reads 0 to 100% (it draws no grid lines of its own).
    max: second && fractions && longestRatio <= 1 ? 1 : undefined,
    axisLine: { show: false },
    splitLine: { show: !second, lineStyle: { color: theme.grid } },
    axisLabel: {
      color: theme.muted,
      hideOverlap: true,
      formatter: (value: number) =>
        percent ? percentLabel(value) : durations ? formatDuration(value) : formatCompact(value),
    },
  })
  const values = dual
    ? [valueAxis(false, false), valueAxis(true, true)]
    : [valueAxis(percents > 0, false)]
  const categoryAxis: EChartsCoreOption = {
    type: 'category',
    data: [...model.categories],
    inverse: model.horizontal,
    axisLine: { lineStyle: { color: theme.grid } },
    axisTick: { show: false },
    axisLabel: {
      color: theme.muted,
      hideOverlap: true,
      ...(model.horizontal ? { width: 220, overflow: 'truncate' } : { interval: 'auto' }),
      formatter: (label: string) => (ISO_DATE.test(label) ? formatDate(label) : label),
    },
  }
  const axisIndex = (item: ChartSeries): number => (dual && item.percent ? 1 : 0)
  return {
    // The dashboards' palette: 12 distinct colours per theme (charts/options.ts).
    color: [...theme.palette],
    backgroundColor: 'transparent',
    textStyle: { color: theme.text, fontFamily: CHART_FONT },
    animation: false,
    legend: legend
      ? {
          show: true,
          type: 'plain',
          top: 0,
          left: 'center',
          itemGap: LEGEND_GAP,
          textStyle: { color: theme.text },
          inactiveColor: theme.grid,
        }
      : { show: false },
    grid: {
      left: 8,
      right: 16,
      top: gridTop(model, width, measure),
      bottom: 8,
      containLabel: true,
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      className: 'chart-tooltip',
      axisPointer: { type: model.kind === 'bar' ? 'shadow' : 'line' },
      backgroundColor: theme.background,
      borderColor: theme.grid,
      textStyle: { color: theme.text },
    },
    xAxis: model.horizontal ? values : categoryAxis,
    yAxis: model.horizontal ? categoryAxis : values,
    series: model.series.map((item) => ({
      name: item.name,
      type: model.kind,
      data: [...item.data],
      ...(model.horizontal ? { xAxisIndex: axisIndex(item) } : { yAxisIndex: axisIndex(item) }),
      tooltip: { valueFormatter: valueText(item) },
      ...(model.kind === 'line'
        ? {
            showSymbol: model.categories.length <= 31,
            // Filled: the default hollow symbol is filled white, a hole in a dark chart.
            symbol: 'circle',
            symbolSize: 5,
            connectNulls: false,
            lineStyle: { width: 2 },
          }
        : { barMaxWidth: 36 }),
    })),
  }
}
