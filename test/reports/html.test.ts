// Rule: a snapshot's HTML export stands alone. Opened from disk in Debian's Chromium with the
// network cut off, it asks for nothing outside the file, logs no error, draws every chart the
// snapshot's blocks call for (as SVG, with data), shows the captured figures as the API gave
// them, downloads each block as safe CSV, reads well in light and dark (text contrast ≥ 4.5:1)
// and prints to a PDF. The snapshots hold real responses of a demo console (`sextant serve`),
// fetched with the requests each report's capture makes.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type {
  CapturedResponse,
  Report,
  ReportParams,
  Snapshot,
} from '../../src-shared/api/snapshots'
import { blocksOf } from '../../src-shared/reports/blocks'
import { blockCsv } from '../../src-shared/reports/present'
import { reportRequests } from '../../src-main/core/reports/capture'
import { snapshotHtml } from '../../src-main/core/reports/html'
import {
  NOW,
  ROOT,
  collectConsoleErrors,
  contrast,
  launchBrowser,
  number,
  rate,
  screenshot,
  setUpOrFail,
  startConsole,
  type Console,
} from '../e2e/harness'

const KINDS: readonly Report[] = ['overview', 'workspace', 'bookings', 'campaigns', 'calls']
const THEMES = ['light', 'dark'] as const
type Theme = (typeof THEMES)[number]

const TITLES: Record<Report, string> = {
  overview: 'Overview',
  workspace: 'Workspace activity',
  bookings: 'Bookings',
  campaigns: 'Campaigns',
  calls: 'Calls',
}

/** A name that would break out of its script element if it were not escaped. */
const HOSTILE_NAME = 'Weekly </script><script>window.pwned = 1</script> & <b>"review"</b>'

// What code run inside the page may use (the tests are compiled without the DOM lib).
interface InPageElement {
  readonly textContent: string | null
  getAttribute(name: string): string | null
  querySelector(selector: string): InPageElement | null
  querySelectorAll(selector: string): ArrayLike<InPageElement>
  getBoundingClientRect(): { width: number; height: number }
}
interface InPage {
  sextantReport?: {
    ready: boolean
    charts: { id: string; series: number; points: number }[]
    error?: string
  }
  pwned?: number
  document: {
    body: InPageElement
    querySelector(selector: string): InPageElement | null
    querySelectorAll(selector: string): ArrayLike<InPageElement>
  }
  getComputedStyle(element: InPageElement): { color: string; backgroundColor: string }
}

let sextant: Console | undefined
let browser: Browser | undefined
/** The HTML files and their PDFs, kept to look at (a git-ignored folder). */
const ARTIFACTS = join(ROOT, 'test-results/reports')
const snapshots = new Map<Report, Snapshot>()

async function capture(report: Report, params: ReportParams, name: string): Promise<Snapshot> {
  const responses: CapturedResponse[] = []
  for (const request of reportRequests(report, params)) {
    const body = await sextant!.api<unknown>(request.url, request.headers)
    responses.push({
      key: request.key,
      title: request.title,
      request: request.url,
      status: 200,
      body,
    })
  }
  return {
    id: KINDS.indexOf(report) + 1,
    name,
    report,
    params,
    timezone: 'Europe/Paris',
    capturedAt: NOW,
    trigger: 'manual',
    responses,
  }
}

setUpOrFail(async () => {
  // The viewer as the exports inline it (the global setup builds only the CLI).
  execFileSync(process.execPath, ['scripts/build-report-viewer.mjs'], { cwd: ROOT })
  mkdirSync(ARTIFACTS, { recursive: true })
  sextant = await startConsole('small')
  const { workspaces } = await sextant.api<{ workspaces: { id: string }[] }>('/api/v1/workspaces')
  const workspace = workspaces[0]!.id
  const { campaigns } = await sextant.api<{ campaigns: { id: string; status: string }[] }>(
    `/api/v1/workspaces/${workspace}/campaigns`,
  )
  const campaign = (campaigns.find((item) => item.status === 'ACTIVE') ?? campaigns[0]!).id
  const { organisations } = await sextant.api<{ organisations: { domain_handle: string }[] }>(
    '/api/v1/organisations',
  )
  const organisation = organisations[0]!.domain_handle
  snapshots.set('overview', await capture('overview', { days: 30 }, HOSTILE_NAME))
  snapshots.set('workspace', await capture('workspace', { days: 30, workspace }, 'Acme monthly'))
  snapshots.set(
    'bookings',
    await capture('bookings', { days: 30, from: '2026-10-25', to: '2026-11-23' }, 'November'),
  )
  snapshots.set(
    'campaigns',
    await capture(
      'campaigns',
      {
        days: 30,
        workspace,
        campaign,
        conversion: 'booking',
        metric: 'events',
        steps: ['page_view', 'signup', 'booking'],
      },
      'Campaign review',
    ),
  )
  snapshots.set('calls', await capture('calls', { organisation }, 'Calls this week'))
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
})

interface Opened {
  readonly context: BrowserContext
  readonly page: Page
  readonly errors: string[]
  readonly blocked: string[]
}

/** The snapshot's HTML from disk, offline: every request that is not the file is refused. */
async function open(report: Report, theme: Theme, paper: 'A4' | 'Letter' = 'A4'): Promise<Opened> {
  const snapshot = snapshots.get(report)!
  const file = join(ARTIFACTS, `report-${report}-${theme}${paper === 'A4' ? '' : `-${paper}`}.html`)
  const html = snapshotHtml(snapshot, { theme, paper })
  // Nothing in the file points elsewhere: no remote script, style, image or link.
  expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][\w+.-]*:)?\/\//i)
  expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i)
  expect(html).not.toMatch(/@import/i)
  writeFileSync(file, html)
  const context = await browser!.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
    acceptDownloads: true,
  })
  await context.setOffline(true)
  const blocked: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('file:')) return route.continue()
    blocked.push(url)
    return route.abort()
  })
  const page = await context.newPage()
  const errors = collectConsoleErrors(page)
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith('file:')) blocked.push(`failed: ${request.url()}`)
  })
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  await page.goto(pathToFileURL(file).href)
  await page.waitForFunction(() => (globalThis as unknown as InPage).sextantReport?.ready === true)
  return { context, page, errors, blocked }
}

/** The line and bar blocks the snapshot's responses hold, with their series' points. */
function expectedCharts(snapshot: Snapshot): { id: string; series: number; points: number }[] {
  return snapshot.responses
    .flatMap((response) => blocksOf(response.key, response.title, response.body))
    .filter((block) => block.kind === 'line' || block.kind === 'bar')
    .map((block) => {
      const series = block.columns
        .map((_, index) => index)
        .filter((index) => index > 0 && block.rows.some((row) => typeof row[index] === 'number'))
      const points = series.reduce(
        (total, index) => total + block.rows.filter((row) => typeof row[index] === 'number').length,
        0,
      )
      return { id: block.id, series: series.length, points }
    })
}

function body<T>(snapshot: Snapshot, key: string): T {
  const response = snapshot.responses.find((item) => item.key === key)
  if (response === undefined)
    throw new Error(`no ${key} response in the ${snapshot.report} snapshot`)
  return response.body as T
}

/** Hand-picked figures of each report: block id, figure -> the text the card must show. */
function expectedKpis(report: Report): { block: string; figure: string; text: string }[] {
  const snapshot = snapshots.get(report)!
  switch (report) {
    case 'overview': {
      const { kpis } = body<{ kpis: { key: string; value: number }[] }>(snapshot, 'overview')
      const value = (key: string): number => kpis.find((item) => item.key === key)!.value
      return [
        { block: 'overview:kpis', figure: 'bookings', text: number(value('bookings')) },
        { block: 'overview:kpis', figure: 'messagesSent', text: number(value('messagesSent')) },
        { block: 'overview:kpis', figure: 'calls', text: number(value('calls')) },
        { block: 'overview:kpis', figure: 'openRate', text: rate(value('openRate')) },
      ]
    }
    case 'workspace': {
      const { kpis, contacts } = body<{
        kpis: Record<string, number>
        contacts: Record<string, number>
      }>(snapshot, 'workspace')
      return [
        { block: 'workspace:kpis', figure: 'rooms', text: number(kpis.rooms!) },
        { block: 'workspace:kpis', figure: 'recordings', text: number(kpis.recordings!) },
        { block: 'workspace:kpis', figure: 'bookings', text: number(kpis.bookings!) },
        { block: 'workspace:contacts', figure: 'total', text: number(contacts.total!) },
      ]
    }
    case 'campaigns': {
      const { messages } = body<{ messages: Record<string, number> }>(snapshot, 'campaign')
      const funnel = body<{ overallConversion: number }>(snapshot, 'funnel')
      const attribution = body<{ totalAttributedEvents: number }>(snapshot, 'attribution')
      return [
        { block: 'campaign:messages', figure: 'total', text: number(messages.total!) },
        { block: 'campaign:messages', figure: 'opened', text: number(messages.opened!) },
        { block: 'campaign:messages', figure: 'openRate', text: rate(messages.openRate!) },
        { block: 'funnel:', figure: 'overallConversion', text: rate(funnel.overallConversion) },
        {
          block: 'attribution:',
          figure: 'totalAttributedEvents',
          text: number(attribution.totalAttributedEvents),
        },
      ]
    }
    case 'calls': {
      const { data } = body<{ data: { call_analytics: Record<string, number> } }>(snapshot, 'calls')
      const calls = data.call_analytics
      return [
        {
          block: 'calls:data.call_analytics',
          figure: 'total_calls',
          text: number(calls.total_calls!),
        },
        {
          block: 'calls:data.call_analytics',
          figure: 'interested',
          text: number(calls.interested!),
        },
        {
          block: 'calls:data.call_analytics',
          figure: 'avg_success_score',
          text: number(calls.avg_success_score!),
        },
      ]
    }
    case 'bookings':
      return []
  }
}

/** The text shown by a KPI card. */
async function kpiText(page: Page, block: string, figure: string): Promise<string | null> {
  const locator = page.locator(`[data-block="${block}"] .kpi[data-kpi="${figure}"] .kpi-value`)
  return (await locator.count()) === 1 ? (await locator.textContent())!.trim() : null
}

describe.each(KINDS)('the %s report as HTML', (report) => {
  it.each(THEMES)('%s: offline, error-free, every chart drawn with data', async (theme) => {
    const { context, page, errors, blocked } = await open(report, theme)
    try {
      const snapshot = snapshots.get(report)!
      const state = await page.evaluate(() => (globalThis as unknown as InPage).sextantReport!)
      expect(state.error).toBeUndefined()
      const expected = expectedCharts(snapshot)
      // Calls answers only figures (KPI cards); every other report has charts.
      if (report !== 'calls') expect(expected.length).toBeGreaterThan(0)
      expect(state.charts).toEqual(expected)
      for (const chart of state.charts) {
        expect(chart.series, chart.id).toBeGreaterThan(0)
        expect(chart.points, chart.id).toBeGreaterThan(0)
      }
      // Drawn as SVG (vector in print), each at its fixed height and the page's width.
      const drawn = await page.evaluate(() => {
        const { document } = globalThis as unknown as InPage
        return {
          svgs: document.querySelectorAll('.chart svg').length,
          canvases: document.querySelectorAll('canvas').length,
          sizes: Array.from(document.querySelectorAll('.chart')).map((element) => {
            const box = element.getBoundingClientRect()
            return [Math.round(box.width), Math.round(box.height)]
          }),
        }
      })
      expect(drawn.svgs).toBe(expected.length)
      expect(drawn.canvases).toBe(0)
      for (const [width, height] of drawn.sizes) {
        expect(width).toBeGreaterThan(900)
        expect(height).toBeGreaterThanOrEqual(280)
      }

      // The header.
      await expect(page.locator('.report-header h1').textContent()).resolves.toBe(TITLES[report])
      await expect(page.locator('.snapshot-name').textContent()).resolves.toBe(snapshot.name)
      await expect(page.locator('.captured').textContent()).resolves.toMatch(
        /^Captured Nov 23, 2026, 13:00 \(Europe\/Paris\)/,
      )
      await expect(page.title()).resolves.toBe(`${TITLES[report]} — ${snapshot.name}`)
      // One section per captured response, titled as captured.
      const sections = await page.locator('section.response > h2').allTextContents()
      expect(sections).toEqual(snapshot.responses.map((response) => response.title))

      // The figures as the API gave them.
      for (const { block, figure, text } of expectedKpis(report))
        expect(await kpiText(page, block, figure), `${block} ${figure}`).toBe(text)

      // Tables: a header row each, all rows shown.
      const tables = snapshot.responses
        .flatMap((response) => blocksOf(response.key, response.title, response.body))
        .filter((block) => block.kind === 'table')
      for (const table of tables) {
        const rows = page.locator(`[data-block="${table.id}"] table.data tbody tr`)
        await expect(rows.count()).resolves.toBe(table.rows.length)
        await expect(
          page.locator(`[data-block="${table.id}"] table.data thead th`).count(),
        ).resolves.toBe(table.columns.length)
      }

      // Readable: text colors against their backgrounds, in the page and in the charts.
      const colors = await page.evaluate(() => {
        const window = globalThis as unknown as InPage
        const { document } = window
        const style = (selector: string): { color: string; backgroundColor: string } | null => {
          const element = document.querySelector(selector)
          if (element === null) return null
          const computed = window.getComputedStyle(element)
          return { color: computed.color, backgroundColor: computed.backgroundColor }
        }
        const chartTexts = Array.from(document.querySelectorAll('.chart svg text'))
          .map((text) => text.getAttribute('fill'))
          .filter((fill): fill is string => fill !== null && fill !== 'none')
        return {
          body: style('body')!,
          section: style('section.response')!,
          muted: style('.captured')!,
          kpi: style('.kpi'),
          kpiLabel: style('.kpi-label'),
          good: style('.kpi-change.good'),
          bad: style('.kpi-change.bad'),
          th: style('table.data th'),
          csv: style('.csv-button')!,
          chartTexts: [...new Set(chartTexts)],
        }
      })
      expect(contrast(colors.body.color, colors.body.backgroundColor)).toBeGreaterThanOrEqual(4.5)
      expect(contrast(colors.muted.color, colors.body.backgroundColor)).toBeGreaterThanOrEqual(4.5)
      expect(contrast(colors.csv.color, colors.csv.backgroundColor)).toBeGreaterThanOrEqual(4.5)
      const surface = colors.section.backgroundColor
      if (colors.kpi !== null) {
        for (const text of [colors.kpiLabel, colors.good, colors.bad])
          if (text !== null)
            expect(contrast(text.color, colors.kpi.backgroundColor)).toBeGreaterThanOrEqual(4.5)
      }
      if (colors.th !== null) expect(contrast(colors.th.color, surface)).toBeGreaterThanOrEqual(4.5)
      if (expected.length > 0) expect(colors.chartTexts.length).toBeGreaterThan(0)
      for (const fill of colors.chartTexts)
        expect(contrast(fill, surface), `chart text ${fill} on ${surface}`).toBeGreaterThanOrEqual(
          4.5,
        )

      await screenshot(page, `report-${report}-${theme}`)

      await expect(page.locator('style#sextant-page').textContent()).resolves.toBe(
        '@page { size: A4; margin: 14mm; }',
      )
      // Prints to a PDF (the page's @page size; more PDF checks live with the exporter).
      const pdf = await page.pdf({ format: 'A4' })
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      expect(pdf.length).toBeGreaterThan(10_000)
      writeFileSync(join(ARTIFACTS, `report-${report}-${theme}.pdf`), pdf)

      expect(errors).toEqual([])
      expect(blocked).toEqual([])
      expect(await page.evaluate(() => (globalThis as unknown as InPage).pwned)).toBeUndefined()
    } finally {
      await context.close()
    }
  })
})

describe('interacting with a report', () => {
  it('shows tooltips, toggles series from the legend and downloads safe CSV', async () => {
    const { context, page, errors, blocked } = await open('overview', 'light')
    try {
      const chart = page.locator('[data-chart="overview:kpis.trend.count"]')
      const box = (await chart.boundingBox())!
      // A tooltip names the hovered date and the series' values.
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      const tooltip = chart.locator('.chart-tooltip')
      await tooltip.waitFor({ state: 'visible' })
      expect(await tooltip.textContent()).toMatch(/^2026-1[01]-\d\d.*Bookings/)

      // A legend click hides that series' line.
      const lines = (): Promise<number> =>
        chart.locator('svg path[fill="none"][stroke-width="2"]').count()
      const before = await lines()
      expect(before).toBe(9)
      await chart
        .locator('svg text', { hasText: /^Bookings$/ })
        .first()
        .click()
      await expect.poll(lines).toBe(before - 1)

      // The CSV download is the block as CSV, BOM and all.
      const snapshot = snapshots.get('overview')!
      const block = blocksOf('overview', 'Overview', snapshot.responses[0]!.body).find(
        (item) => item.id === 'overview:kpis',
      )!
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-block="overview:kpis"] .csv-button').click(),
      ])
      const path = await download.path()
      expect(readFileSync(path, 'utf8')).toBe(blockCsv(block, { bom: true }))
      expect(download.suggestedFilename()).toMatch(/^weekly-script-script-window-pwned.*\.csv$/)

      // A chart's data table opens under it.
      const details = page.locator('[data-block="overview:kpis.trend.count"] details')
      await details.locator('summary').click()
      await expect(details.locator('tbody tr').count()).resolves.toBe(30)

      expect(errors).toEqual([])
      expect(blocked).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('redraws charts to the window width, on Letter paper', async () => {
    const { context, page } = await open('workspace', 'dark', 'Letter')
    try {
      await expect(page.locator('style#sextant-page').textContent()).resolves.toBe(
        '@page { size: Letter; margin: 14mm; }',
      )
      const width = (): Promise<number> =>
        page.evaluate(() => {
          const { document } = globalThis as unknown as InPage
          return Math.round(document.querySelector('.chart svg')!.getBoundingClientRect().width)
        })
      const wide = await width()
      await page.setViewportSize({ width: 700, height: 900 })
      await expect.poll(width).toBeLessThan(wide)
      await expect.poll(width).toBeLessThanOrEqual(700)
    } finally {
      await context.close()
    }
  })
})
