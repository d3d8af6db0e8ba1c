// Chart tooltips under the console's Content-Security-Policy (`style-src 'self'`, no
// 'unsafe-inline'): for every chart of every page that has charts, in the light and the dark
// theme, a real mouse hover over a point that holds data shows a tooltip without a single CSP
// violation, in which each series name stands apart from its value (never "Bookings20"), on a
// background of the theme (dark in dark, light in light) with readable text. The cohort heatmap's
// tooltip gives the cell's rate as a percentage and its count, computed here from the cell.
import type { Browser, Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  SCREENSHOTS,
  chartNames,
  contrast,
  launchBrowser,
  luminance,
  number,
  openPage,
  rate,
  screenshot,
  setUpOrFail,
  settle,
  signIn,
  startConsole,
  type Console,
  type InPage,
  type PageName,
} from './harness'

/** The pages that draw charts (Data draws one only for synced remote figures; none in the demo). */
const CHART_PAGES: readonly PageName[] = ['overview', 'workspace', 'bookings', 'campaigns', 'calls']

let sextant: Console
let browser: Browser
let page: Page
/** Console messages about the Content-Security-Policy, as they happen (a live array). */
const messages: string[] = []

setUpOrFail(async () => {
  browser = await launchBrowser()
  sextant = await startConsole('small')
  const signedIn = await signIn(browser, sextant)
  page = signedIn.page
  // the document's own report of each blocked style (or script), on every load from now on
  await signedIn.context.addInitScript(() => {
    const window = globalThis as unknown as {
      sextantCsp?: string[]
      document: { addEventListener(type: string, listener: (event: never) => void): void }
    }
    window.sextantCsp = []
    window.document.addEventListener(
      'securitypolicyviolation',
      (event: { violatedDirective: string; sample: string }) =>
        window.sextantCsp!.push(`${event.violatedDirective}: ${event.sample}`),
    )
  })
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) messages.push(message.text())
  })
  // a new document, so the listener is there (the session survives in sessionStorage)
  await page.reload()
  await page.locator('main.content').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
})

/** The document's `securitypolicyviolation` events so far, else the console's CSP messages. */
const reported = async (): Promise<string[]> => {
  const events = await page.evaluate(
    () => (globalThis as unknown as { sextantCsp?: string[] }).sextantCsp,
  )
  if (events === undefined) throw new Error('the CSP listener is not installed')
  return events.length > 0 ? events : [...messages]
}

const clearReports = async (): Promise<void> => {
  messages.length = 0
  await page.evaluate(() => {
    const window = globalThis as unknown as { sextantCsp?: string[] }
    if (window.sextantCsp !== undefined) window.sextantCsp.length = 0
  })
}

/** Where to hover a chart so its tooltip shows a point with data, and what that point is. */
interface Target {
  /** Viewport coordinates. */
  readonly x: number
  readonly y: number
  /** The series names an axis tooltip lists, or the hovered item's name. */
  readonly names: string[]
  /** A heatmap cell: [column, row, rate, count]. */
  readonly cell?: number[]
}

/**
 * Finds a point with data: for an axis tooltip, the first category where a series is non-zero
 * (the pixel of half its value); for an item tooltip, the largest item's drawn shape (the middle
 * of a pie slice, else a pixel inside it by the shape's own hit test), or for the heatmap a cell
 * between 0% and 100%. Null when the chart holds no non-zero value.
 */
async function target(name: string): Promise<Target | null> {
  await page.locator(`[data-chart="${name}"]`).scrollIntoViewIfNeeded()
  await settle(page)
  return page.evaluate((chartName) => {
    type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    const window = globalThis as unknown as { sextantCharts?: Map<string, Loose> }
    const chart = window.sextantCharts?.get(chartName)
    if (chart === undefined) return null
    const option = chart.getOption() as Loose
    const box = chart.getDom().getBoundingClientRect() as { left: number; top: number }
    const valueOf = (point: unknown): number => {
      if (typeof point === 'number') return point
      if (Array.isArray(point)) return Number(point.length === 4 ? point[2] : point.at(-1))
      if (typeof point === 'object' && point !== null && 'value' in point)
        return valueOf((point as { value: unknown }).value)
      return Number(point)
    }
    const series = (option.series ?? []) as Loose[]
    if (option.tooltip?.[0]?.trigger === 'axis') {
      const horizontal = option.yAxis?.[0]?.type === 'category'
      for (let category = 0; category < (series[0]?.data?.length ?? 0); category++) {
        const index = series.findIndex((entry) => valueOf(entry.data?.[category]) > 0)
        if (index < 0) continue
        const value = valueOf(series[index]!.data[category]) / 2
        const [x, y] = chart.convertToPixel(
          { seriesIndex: index },
          horizontal ? [value, category] : [category, value],
        ) as [number, number]
        return {
          x: box.left + x,
          y: box.top + y,
          names: series.map((entry) => String(entry.name ?? '')),
        }
      }
      return null
    }
    const points = (series[0]?.data ?? []) as unknown[]
    let best = -1
    points.forEach((point, index) => {
      if (valueOf(point) > 0 && (best < 0 || valueOf(point) > valueOf(points[best]))) best = index
    })
    if (series[0]?.type === 'heatmap') {
      const partial = points.findIndex((point) => valueOf(point) > 0 && valueOf(point) < 1)
      if (partial >= 0) best = partial
    }
    if (best < 0) return null
    const shape = chart.getModel().getSeriesByIndex(0).getData().getItemGraphicEl(best) as Loose
    const point = points[best]
    const hovered = {
      names: Array.isArray(point) ? [] : [String((point as { name?: unknown }).name ?? '')],
      cell: Array.isArray(point) ? (point as number[]) : undefined,
    }
    if (shape.type === 'sector') {
      // a pie slice: halfway round it, halfway across the ring
      const { cx, cy, r0, r, startAngle, endAngle } = shape.shape as Record<string, number>
      const angle = (startAngle! + endAngle!) / 2
      const radius = (r0! + r!) / 2
      return {
        x: box.left + cx! + radius * Math.cos(angle),
        y: box.top + cy! + radius * Math.sin(angle),
        ...hovered,
      }
    }
    const rect = shape.getBoundingRect().clone()
    if (shape.transform) rect.applyTransform(shape.transform)
    for (let down = 1; down < 20; down++) {
      for (let across = 1; across < 20; across++) {
        const x = rect.x + (rect.width * across) / 20
        const y = rect.y + (rect.height * down) / 20
        if (shape.contain(x, y)) return { x: box.left + x, y: box.top + y, ...hovered }
      }
    }
    return null
  }, name)
}

/** The tooltip ECharts shows in the chart's box: its text, and the colors it is painted with. */
interface Shown {
  readonly visible: boolean
  readonly text: string
  /** The first non-transparent background from the tooltip's box inwards. */
  readonly background: string
  /** The color of the text of each series name the tooltip shows. */
  readonly nameColors: Record<string, string>
}

async function shownTooltip(name: string, names: readonly string[]): Promise<Shown | null> {
  return page.evaluate(
    ({ chartName, seriesNames }) => {
      interface Node {
        readonly children: ArrayLike<Node>
        readonly innerText: string
        readonly textContent: string | null
        querySelector(selector: string): Node | null
        getBoundingClientRect(): { width: number; height: number }
      }
      const window = globalThis as unknown as {
        document: { querySelector(selector: string): Node | null }
        getComputedStyle(node: Node): {
          display: string
          visibility: string
          opacity: string
          backgroundColor: string
          color: string
        }
      }
      const chart = window.document.querySelector(`[data-chart="${chartName}"]`)
      if (chart === null) return null
      // ECharts puts its tooltip beside the canvas's own box, inside the chart's element
      const tooltip = Array.from(chart.children).find(
        (child) => child.querySelector('canvas') === null,
      )
      if (tooltip === undefined) return null
      const style = window.getComputedStyle(tooltip)
      const size = tooltip.getBoundingClientRect()
      const visible =
        style.display !== 'none' &&
        style.visibility !== 'hidden' &&
        Number(style.opacity) > 0 &&
        size.width > 0 &&
        size.height > 0 &&
        tooltip.innerText.trim() !== ''
      const transparent = (color: string): boolean =>
        color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(color)
      // the first box that paints a background wide enough to hold the text (not a marker)
      let background = ''
      const queue: Node[] = [tooltip]
      while (queue.length > 0 && background === '') {
        const node = queue.shift()!
        const color = window.getComputedStyle(node).backgroundColor
        if (!transparent(color) && node.getBoundingClientRect().width >= size.width / 2)
          background = color
        queue.push(...Array.from(node.children))
      }
      const nameColors: Record<string, string> = {}
      const walk = (node: Node): void => {
        for (const child of Array.from(node.children)) {
          const own = (child.textContent ?? '').trim()
          if (seriesNames.includes(own) && child.children.length === 0)
            nameColors[own] = window.getComputedStyle(child).color
          walk(child)
        }
      }
      walk(tooltip)
      return { visible, text: tooltip.innerText, background, nameColors }
    },
    { chartName: name, seriesNames: [...names] },
  )
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A figure as the console prints it: 1,234 / 12.5k / 36.22% / 4m 33s / – */
const FIGURE = String.raw`(?:[−+-]?[\d.,]+(?:[kMB%]|[smhd]\b)?|–)`

/** `name` on a line of its own start, then a colon, a tab or a line break, then its figure. */
const separated = (name: string): RegExp =>
  new RegExp(`(^|\\n)\\s*${escape(name)}\\s*(:\\s*|\\t\\s*|\\n\\s*)${FIGURE}`)

/** `figure` alone after a colon, a tab or a line break (so "4%" does not match "14%"). */
const standsAlone = (figure: string): RegExp =>
  new RegExp(`(:|\\t|\\n)\\s*${escape(figure)}(\\s|$)`)

describe('chart tooltips', () => {
  it('show every series apart from its value, in the theme, with no CSP violation', async () => {
    await openPage(page, sextant, 'overview')
    // a year: every overview trend then has a day with data
    await page.selectOption('[data-testid=period]', '365')
    const problems: string[] = []
    let hovered = 0
    mkdirSync(SCREENSHOTS, { recursive: true })
    for (const theme of ['light', 'dark'] as const) {
      for (const name of CHART_PAGES) {
        // off every chart, so the new page's load is measured alone
        await page.mouse.move(1, 1)
        await clearReports()
        await openPage(page, sextant, name)
        await page.selectOption('[data-testid=theme]', theme)
        await expect
          .poll(() =>
            page.evaluate(
              () => (globalThis as unknown as InPage).document.documentElement.dataset.theme,
            ),
          )
          .toBe(theme)
        await settle(page)
        const onLoad = await reported()
        if (onLoad.length > 0)
          problems.push(`${name} (${theme}): ${onLoad.length} CSP violations before any hover`)
        let hoveredOnPage = 0
        for (const chart of await chartNames(page)) {
          const point = await target(chart)
          if (point === null) continue
          await clearReports()
          // leave the chart first, so every hover shows its tooltip anew
          await page.mouse.move(1, 1)
          await page.mouse.move(point.x, point.y)
          const where = `${chart} (${theme})`
          await expect
            .poll(async () => (await shownTooltip(chart, point.names))?.visible ?? false, {
              timeout: 3_000,
              message: `${where}: a tooltip shows`,
            })
            .toBe(true)
          const shown = (await shownTooltip(chart, point.names))!
          hoveredOnPage += 1
          const csp = await reported()
          if (csp.length > 0)
            problems.push(`${where}: ${csp.length} CSP violations on one hover, first ${csp[0]}`)
          for (const series of point.names) {
            if (series === '') problems.push(`${where}: a series without a name`)
            else if (!separated(series).test(shown.text))
              problems.push(`${where}: "${series}" not apart from its value in ${shown.text}`)
          }
          if (point.cell !== undefined) {
            const [, , ratio, count] = point.cell as [number, number, number, number]
            for (const figure of [rate(ratio), number(count)])
              if (!standsAlone(figure).test(shown.text))
                problems.push(`${where}: cell ${point.cell} lacks "${figure}" in ${shown.text}`)
          }
          if (shown.background === '') problems.push(`${where}: the tooltip has no background`)
          else {
            const light = luminance(shown.background)
            if (theme === 'dark' ? light > 0.05 : light < 0.8)
              problems.push(`${where}: background ${shown.background} in the ${theme} theme`)
            for (const [series, color] of Object.entries(shown.nameColors))
              if (contrast(color, shown.background) < 4.5)
                problems.push(`${where}: "${series}" ${color} on ${shown.background}`)
          }
          const box = await page.locator(`[data-chart="${chart}"]`).boundingBox()
          if (box !== null)
            await page.screenshot({
              path: join(SCREENSHOTS, `tooltip-${chart}-${theme}.png`),
              clip: {
                x: Math.max(0, box.x - 40),
                y: Math.max(0, box.y - 60),
                width: box.width + 80,
                height: box.height + 120,
              },
            })
        }
        if (hoveredOnPage === 0) problems.push(`${name} (${theme}): no chart with data to hover`)
        hovered += hoveredOnPage
        await screenshot(page, `tooltip-${name}-${theme}`)
      }
    }
    expect(problems).toEqual([])
    // the five pages' charts (at least twenty) in both themes
    expect(hovered).toBeGreaterThanOrEqual(2 * 20)
  }, 240_000)

  it('keeps the CSP strict: no unsafe-inline for styles or scripts', async () => {
    const response = await fetch(`${sextant.base}/`)
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("style-src 'self'")
    expect(policy).toContain("script-src 'self'")
    expect(policy).not.toMatch(/unsafe-inline|unsafe-hashes|unsafe-eval/)
  })
})
