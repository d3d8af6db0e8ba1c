/**
 * The standalone report viewer: the script inlined into a snapshot's HTML export. On load it
 * reads the snapshot and the options from the page's JSON script elements and draws the report
 * into `<main id="report">`: a header (report, name, filters, capture time), then per captured
 * response its blocks as KPI cards, ECharts charts (SVG, so print and PDF stay vector) with
 * their data in a table, and plain tables, each with a CSV download. No React, no network.
 *
 * When done it sets `window.sextantReport = { ready, charts }` so a test or the PDF renderer
 * knows the page is drawn and that every chart holds data.
 */
import { BarChart, LineChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components'
import { init, use, type ECharts } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { CapturedResponse, Snapshot } from '../../src-shared/api/snapshots'
import { formatNumber } from '../../src-shared/format'
import { cellKind, responseBlocks, type Block, type Cell } from '../../src-shared/reports/blocks'
import {
  REPORT_TITLES,
  blockCsv,
  blockHeading,
  describeParams,
  formatCapturedAt,
  formatChangePercent,
  formatFigure,
  humanizeKey,
} from '../../src-shared/reports/present'
import type { FigureKind } from '../../src-shared/reports/units'
import { DARK, LIGHT, type ChartTheme } from '../src/charts/options'
import {
  CHART_FONT,
  chartModel,
  chartOption,
  gridTop,
  type ChartModel,
  type Measure,
} from './charts'

use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  SVGRenderer,
])

export interface ViewerOptions {
  readonly theme: 'light' | 'dark'
  readonly paper: 'A4' | 'Letter'
}

export interface ReportState {
  ready: boolean
  charts: { id: string; series: number; points: number }[]
  /** Why the report could not be drawn. */
  error?: string
}

declare global {
  interface Window {
    sextantReport?: ReportState
  }
}

// The DOM -----------------------------------------------------------------------------------

type Child = Node | string | null | undefined | false

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) element.setAttribute(name, value)
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) element.append(child)
  return element
}

function readJson(id: string): unknown {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`the page has no #${id} data`)
  return JSON.parse(element.textContent ?? '') as unknown
}

function readOptions(): ViewerOptions {
  const element = document.getElementById('sextant-options')
  const value = element === null ? {} : (JSON.parse(element.textContent ?? '{}') as unknown)
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  return {
    theme: record.theme === 'dark' ? 'dark' : 'light',
    paper: record.paper === 'Letter' ? 'Letter' : 'A4',
  }
}

function readSnapshot(): Snapshot {
  const value = readJson('sextant-snapshot')
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { responses?: unknown }).responses)
  )
    throw new Error('the snapshot data is not a snapshot (no responses)')
  return value as Snapshot
}

/** A file-name-safe slug: "Weekly overview" -> "weekly-overview". */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'block'
  )
}

// The header --------------------------------------------------------------------------------

const TRIGGERS: Record<string, string> = {
  manual: 'captured by hand',
  schedule: 'scheduled capture',
  api: 'captured through the API',
  cli: 'captured from the command line',
}

function header(snapshot: Snapshot): HTMLElement {
  const title = REPORT_TITLES[snapshot.report] ?? humanizeKey(String(snapshot.report))
  const filters = describeParams(snapshot.report, snapshot.params ?? {})
  const trigger = TRIGGERS[snapshot.trigger] ?? snapshot.trigger
  return h(
    'header',
    { class: 'report-header' },
    h('div', { class: 'brand' }, 'Sextant'),
    h('h1', {}, title),
    h('p', { class: 'snapshot-name' }, snapshot.name),
    filters.length === 0
      ? null
      : h(
          'ul',
          { class: 'filters', 'aria-label': 'Filters' },
          ...filters.map((filter) =>
            h(
              'li',
              { 'data-filter': filter.label },
              h('span', { class: 'filter-label' }, `${filter.label}:`),
              ' ',
              h('span', { class: 'filter-value' }, filter.value),
            ),
          ),
        ),
    h(
      'p',
      { class: 'captured' },
      `Captured ${formatCapturedAt(snapshot.capturedAt, snapshot.timezone)} (${snapshot.timezone})`,
      trigger === '' ? null : h('span', { class: 'trigger' }, ` · ${trigger}`),
    ),
  )
}

// Blocks ------------------------------------------------------------------------------------

/** Figures whose rise is bad news: their change is coloured the other way round. */
const DOWN_IS_GOOD = /cancel|fail|bounce|dropoff|unsubscri|not_?connected|not_?interested/i

function kpiCards(block: Block): HTMLElement {
  return h(
    'div',
    { class: 'kpis' },
    ...block.rows.map((row, index) => {
      const figure = String(row[0] ?? '')
      const value = typeof row[1] === 'number' ? row[1] : null
      const previous = typeof row[2] === 'number' ? row[2] : null
      const change = typeof row[3] === 'number' ? row[3] : null
      // The kind of the value, and of the previous value (the same figure a window earlier).
      const kind = cellKind(block, index, 1)
      const shown = value === null ? '–' : formatFigure(kind, value)
      let changeLine: HTMLElement | null = null
      if (change !== null) {
        const better = DOWN_IS_GOOD.test(figure) ? change < 0 : change > 0
        const tone = Math.abs(change) < 0.0005 ? 'flat' : better ? 'good' : 'bad'
        const arrow = tone === 'flat' ? '■' : change > 0 ? '▲' : '▼'
        changeLine = h(
          'div',
          { class: `kpi-change ${tone}` },
          h('span', { class: 'kpi-arrow', 'aria-hidden': 'true' }, arrow),
          ' ',
          h('span', { 'data-change': String(change) }, formatChangePercent(change)),
          previous === null
            ? null
            : h('span', { class: 'kpi-previous' }, ` vs ${formatFigure(kind, previous)}`),
        )
      } else if (previous !== null) {
        changeLine = h(
          'div',
          { class: 'kpi-change flat' },
          previous === 0 && value !== null && value !== 0 ? 'new ' : '',
          h('span', { class: 'kpi-previous' }, `vs ${formatFigure(kind, previous)}`),
        )
      }
      return h(
        'div',
        { class: 'kpi', 'data-kpi': figure },
        h('div', { class: 'kpi-label' }, humanizeKey(figure)),
        h(
          'div',
          {
            class: 'kpi-value',
            'data-value': value === null ? '' : String(value),
            title:
              value === null || shown === formatNumber(value) ? undefined : formatNumber(value),
          },
          shown,
        ),
        changeLine,
      )
    }),
  )
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})([ T])(\S+)$/

/**
 * A cell's content: numbers by their kind (ids as they are, counts grouped, rates as
 * percentages), and dates kept whole: a date-time may break between its date and its time,
 * never inside either ("2026-11-" / "23").
 */
function cellContent(kind: FigureKind | null, cell: Cell | undefined): Child[] {
  if (cell === null || cell === undefined) return ['–']
  if (typeof cell === 'number') return [formatFigure(kind, cell)]
  if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return [h('span', { class: 'nowrap' }, cell)]
  const dateTime = DATE_TIME.exec(cell)
  if (dateTime !== null)
    return [
      h('span', { class: 'nowrap' }, dateTime[1]!),
      dateTime[2]!,
      h('wbr'),
      h('span', { class: 'nowrap' }, dateTime[3]!),
    ]
  return [cell]
}

function dataTable(block: Block): HTMLElement {
  const numeric = block.columns.map((_, index) =>
    block.rows.some((row) => typeof row[index] === 'number'),
  )
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      // Many columns: a smaller print size keeps them on the page.
      { class: block.columns.length > 10 ? 'data wide' : 'data' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...block.columns.map((column, index) =>
            h(
              'th',
              { scope: 'col', class: numeric[index] ? 'num' : undefined, title: column },
              humanizeKey(column),
            ),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...block.rows.map((row, rowIndex) =>
          h(
            'tr',
            {},
            ...block.columns.map((_, index) =>
              h(
                'td',
                { class: numeric[index] ? 'num' : undefined },
                ...cellContent(cellKind(block, rowIndex, index), row[index]),
              ),
            ),
          ),
        ),
      ),
    ),
  )
}

function csvLink(block: Block, snapshot: Snapshot): HTMLAnchorElement {
  const blob = new Blob([blockCsv(block, { bom: true })], { type: 'text/csv;charset=utf-8' })
  return h(
    'a',
    {
      class: 'csv-button',
      role: 'button',
      href: URL.createObjectURL(blob),
      download: `${slug(snapshot.name)}-${slug(block.id)}.csv`,
      'aria-label': `Download ${block.title} as CSV`,
    },
    'CSV',
  )
}

interface PendingChart {
  readonly id: string
  readonly container: HTMLElement
  readonly model: ChartModel
}

function blockElement(
  block: Block,
  section: string,
  snapshot: Snapshot,
  charts: PendingChart[],
): HTMLElement {
  const heading = blockHeading(block, section)
  const head = h('div', { class: 'block-head' }, h('h3', {}, heading), csvLink(block, snapshot))
  let body: HTMLElement[]
  if (block.kind === 'kpis') body = [kpiCards(block)]
  else if (block.kind === 'line' || block.kind === 'bar') {
    const model = chartModel(block)
    const container = h('div', {
      class: 'chart',
      'data-chart': block.id,
      style: `height:${model.height}px`,
      role: 'img',
      'aria-label': `${heading}: ${block.kind} chart of ${model.series
        .map((series) => series.name)
        .join(', ')}`,
    })
    charts.push({ id: block.id, container, model })
    body = [
      container,
      h('details', { class: 'chart-data' }, h('summary', {}, 'Data'), dataTable(block)),
    ]
  } else body = [dataTable(block)]
  return h('article', { class: `block block-${block.kind}`, 'data-block': block.id }, head, ...body)
}

function requestLine(response: CapturedResponse): string {
  return `GET ${response.request}`
}

function responseSection(
  response: CapturedResponse,
  snapshot: Snapshot,
  charts: PendingChart[],
): HTMLElement {
  const section = h(
    'section',
    { class: 'response', 'data-response': response.key },
    h('h2', {}, response.title),
    h('p', { class: 'request' }, h('code', {}, requestLine(response))),
  )
  if (response.status >= 400) {
    const body = response.body as { message?: unknown; error?: unknown } | null
    const message =
      body !== null && typeof body === 'object'
        ? String(body.message ?? body.error ?? '')
        : String(body ?? '')
    section.append(
      h('p', { class: 'notice error' }, `HTTP ${response.status}${message ? `: ${message}` : ''}`),
    )
    return section
  }
  const blocks = responseBlocks(response)
  if (blocks.length === 0) section.append(h('p', { class: 'notice' }, 'Nothing to show.'))
  for (const block of blocks) section.append(blockElement(block, response.title, snapshot, charts))
  return section
}

// Charts ------------------------------------------------------------------------------------

/**
 * The SVG scales to its box when the page is narrower than the chart was drawn for (a print
 * engine that does not announce print media): print CSS sets width 100%, height auto.
 */
function fitViewBox(chart: ECharts, container: HTMLElement): void {
  const svg = container.querySelector('svg')
  if (svg === null) return
  svg.setAttribute('viewBox', `0 0 ${chart.getWidth()} ${chart.getHeight()}`)
  svg.setAttribute('preserveAspectRatio', 'xMidYMin meet')
}

/** Measures labels as ECharts does: on a canvas, in the charts' font. */
function canvasMeasure(): Measure | undefined {
  const context = document.createElement('canvas').getContext('2d')
  if (context === null) return undefined
  context.font = `12px ${CHART_FONT}`
  return (text) => context.measureText(text).width
}

interface DrawnChart {
  readonly chart: ECharts
  readonly pending: PendingChart
}

function drawCharts(pending: readonly PendingChart[], theme: ChartTheme): DrawnChart[] {
  const measure = canvasMeasure()
  return pending.map((item) => {
    const { container, model } = item
    const chart = init(container, undefined, { renderer: 'svg', height: model.height })
    chart.setOption(chartOption(model, theme, container.clientWidth, measure))
    fitViewBox(chart, container)
    return { chart, pending: item }
  })
}

/**
 * Redraws every chart at its box's width now, synchronously: a print engine lays the page out
 * once after `beforeprint` / the print media change, without an animation frame in between.
 */
function redraw(charts: readonly DrawnChart[]): void {
  const measure = canvasMeasure()
  for (const { chart, pending } of charts) {
    const width = pending.container.clientWidth
    if (width === 0) continue
    chart.resize({ width, height: pending.model.height })
    chart.setOption({ grid: { top: gridTop(pending.model, width, measure) } })
    chart.getZr().flush()
    fitViewBox(chart, pending.container)
  }
}

function followLayout(charts: readonly DrawnChart[]): void {
  let frame = 0
  window.addEventListener('resize', () => {
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => redraw(charts))
  })
  // Printing: every chart's data table shows, and charts are redrawn to the page's width.
  const opened = new Set<HTMLDetailsElement>()
  const printing = (on: boolean): void => {
    for (const details of document.querySelectorAll<HTMLDetailsElement>('details')) {
      if (on && !details.open) {
        details.open = true
        opened.add(details)
      } else if (!on && opened.has(details)) details.open = false
    }
    if (!on) opened.clear()
    redraw(charts)
  }
  window.matchMedia('print').addEventListener('change', (event) => printing(event.matches))
  window.addEventListener('beforeprint', () => printing(true))
  window.addEventListener('afterprint', () => printing(false))
}

// The page ----------------------------------------------------------------------------------

function applyOptions(options: ViewerOptions): void {
  const root = document.documentElement
  root.dataset.theme = options.theme
  root.style.colorScheme = options.theme
  const page = document.createElement('style')
  page.id = 'sextant-page'
  page.textContent = `@page { size: ${options.paper}; margin: 14mm; }`
  document.head.append(page)
}

function render(): void {
  const state: ReportState = { ready: false, charts: [] }
  window.sextantReport = state
  const main =
    document.getElementById('report') ?? document.body.appendChild(h('main', { id: 'report' }))
  try {
    const options = readOptions()
    applyOptions(options)
    const snapshot = readSnapshot()
    const pending: PendingChart[] = []
    const sections = snapshot.responses.map((response) =>
      responseSection(response, snapshot, pending),
    )
    main.replaceChildren(
      header(snapshot),
      ...(sections.length > 0
        ? sections
        : [h('p', { class: 'notice' }, 'This snapshot is empty.')]),
      h(
        'footer',
        { class: 'report-footer' },
        `Sextant report snapshot #${snapshot.id} · ${snapshot.responses.length} captured ${
          snapshot.responses.length === 1 ? 'response' : 'responses'
        }`,
      ),
    )
    followLayout(drawCharts(pending, options.theme === 'dark' ? DARK : LIGHT))
    state.charts = pending.map(({ id, model }) => ({
      id,
      series: model.series.length,
      points: model.points,
    }))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    state.error = message
    main.replaceChildren(
      h('p', { class: 'notice error' }, `This report cannot be shown: ${message}`),
    )
    console.error(error)
  }
  state.ready = true
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render)
else render()
