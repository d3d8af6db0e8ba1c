/**
 * Chart tooltips that the console's Content-Security-Policy lets through. ECharts writes its own
 * tooltip as HTML with `style="..."` attributes, and `style-src 'self'` (no 'unsafe-inline')
 * blocks every one of them: markers vanish, "Bookings" and "20" run together, and the box keeps
 * ECharts' white default in the dark theme. So every chart's tooltip is built here instead, once,
 * by `withDomTooltip` (applied by `useECharts` to each option it draws): a formatter returns DOM
 * nodes made with `createElement`, styled by classes in styles.css (`.chart-tooltip…`), and
 * the one per-item style, a marker's color, is set through CSSOM (`element.style`), which CSP
 * does not govern. Text goes in as text (`textContent`), never parsed as markup.
 *
 * Option builders describe a tooltip as data (`TooltipContent`, unit-tested without a DOM); a
 * formatter may also return a plain string, shown as text lines.
 */
import type { EChartsCoreOption } from 'echarts/core'

/** One line of a tooltip: a series (or item) name and its formatted figure. */
export interface TooltipRow {
  /** The series or item name, shown apart from its value. */
  readonly name: string
  /** The figure as the page prints it ("1,234", "36.22%"). */
  readonly value: string
  /** The series' color for its marker; no marker without one. */
  readonly color?: string
}

/** What a tooltip says: an optional heading (the category, a date) and one row per figure. */
export interface TooltipContent {
  readonly title?: string
  readonly rows: readonly TooltipRow[]
}

/** The part of ECharts' formatter parameters the tooltips read. */
export interface TooltipParam {
  readonly seriesName?: string
  readonly name?: string
  readonly value?: unknown
  readonly color?: unknown
  readonly dataIndex?: number
  readonly axisValueLabel?: string
}

type ValueFormatter = (value: unknown, dataIndex?: number) => string

/** A marker color ECharts hands over: a CSS color string; gradients and patterns get none. */
export function markerColor(color: unknown): string | undefined {
  return typeof color === 'string' && color !== '' ? color : undefined
}

/**
 * The default content: for an axis tooltip the category as the heading and a row per series; for
 * an item tooltip one row, the item's name (or its series') and value.
 */
export function defaultContent(
  params: TooltipParam | readonly TooltipParam[],
  format: ValueFormatter = (value) => String(value),
): TooltipContent {
  if (Array.isArray(params)) {
    const list = params as readonly TooltipParam[]
    return {
      title: list[0]?.axisValueLabel ?? list[0]?.name,
      rows: list.map((param) => ({
        name: param.seriesName ?? '',
        value: format(param.value, param.dataIndex),
        color: markerColor(param.color),
      })),
    }
  }
  const param = params as TooltipParam
  return {
    rows: [
      {
        name: param.name || param.seriesName || '',
        value: format(param.value, param.dataIndex),
        color: markerColor(param.color),
      },
    ],
  }
}

/** A formatter's result as content: strings become one row-less line each (no markup parsed). */
function asContent(result: unknown, params: unknown): TooltipContent {
  if (typeof result === 'string') {
    const [title, ...rest] = result.split('\n')
    return { title, rows: rest.map((line) => ({ name: line, value: '' })) }
  }
  if (typeof result === 'object' && result !== null && 'rows' in result)
    return result as TooltipContent
  return defaultContent(params as TooltipParam)
}

/**
 * The tooltip as DOM: a box with the heading, then a table (name cell with its marker, value
 * cell), so names and values stay apart in columns however many series there are.
 */
export function tooltipElement(content: TooltipContent, document: Document): HTMLElement {
  const box = document.createElement('div')
  box.className = 'chart-tooltip'
  if (content.title !== undefined && content.title !== '') {
    const title = document.createElement('div')
    title.className = 'chart-tooltip-title'
    title.textContent = content.title
    box.append(title)
  }
  if (content.rows.length > 0) {
    const table = document.createElement('table')
    const body = document.createElement('tbody')
    for (const row of content.rows) {
      const line = document.createElement('tr')
      const name = document.createElement('th')
      name.scope = 'row'
      if (row.color !== undefined) {
        const marker = document.createElement('span')
        marker.className = 'chart-tooltip-marker'
        // CSSOM, not a style attribute: allowed under style-src 'self'
        marker.style.backgroundColor = row.color
        name.append(marker)
      }
      const label = document.createElement('span')
      label.className = 'chart-tooltip-name'
      label.textContent = row.name
      name.append(label)
      line.append(name)
      if (row.value !== '') {
        const value = document.createElement('td')
        value.className = 'chart-tooltip-value'
        value.textContent = row.value
        line.append(value)
      }
      body.append(line)
    }
    table.append(body)
    box.append(table)
  }
  return box
}

type Loose = Record<string, unknown>

/**
 * The option with its tooltip rendered by `tooltipElement`: the builder's formatter (or the
 * default content with its `valueFormatter`) feeds the DOM; ECharts' own box is made transparent
 * and unpadded so the stylesheet's `.chart-tooltip` paints it in the theme. A string `position`
 * is dropped: for item tooltips ECharts then adds an arrow as HTML with inline styles.
 */
export function withDomTooltip(option: EChartsCoreOption): EChartsCoreOption {
  const tooltip = option.tooltip as Loose | undefined
  if (tooltip === undefined || Array.isArray(tooltip)) return option
  const formatter = tooltip.formatter as ((params: unknown) => unknown) | undefined
  const valueFormatter = tooltip.valueFormatter as ValueFormatter | undefined
  const { position, ...rest } = tooltip
  return {
    ...option,
    tooltip: {
      ...rest,
      ...(position === undefined || typeof position === 'string' ? {} : { position }),
      renderMode: 'html',
      className: 'chart-tooltip-frame',
      backgroundColor: 'transparent',
      borderWidth: 0,
      padding: 0,
      textStyle: { fontFamily: 'inherit', fontSize: 12 },
      extraCssText: 'box-shadow: none;',
      formatter: (params: unknown) =>
        tooltipElement(
          formatter === undefined
            ? defaultContent(params as TooltipParam, valueFormatter)
            : asContent(formatter(params), params),
          globalThis.document,
        ),
    },
  }
}
