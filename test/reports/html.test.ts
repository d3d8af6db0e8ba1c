// Rule: a snapshot's HTML export stands alone and draws the dashboard page it captured (issue #7,
// issue #14 item 7). Opened from disk in Debian's Chromium with the network cut off, it asks for
// nothing outside the file, logs no error, draws the page's own panels from the captured
// responses: its KPI tiles under the labels of the KPI definitions with the figures written as
// the page writes them, its charts as SVG with data, no control (no select, button or input), no
// developer line ("GET /api/..."); a cover line names the report, the snapshot, the filters by
// name and the capture time in its timezone; it reads well in light and dark (text contrast ≥
// 4.5:1) and prints to a PDF. The snapshots hold real responses of a demo console
// (`sextant serve`), fetched with the requests each report's capture makes.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
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
import { KPI_DEFINITIONS, type KpiId } from '../../src-shared/domain/kpi-definitions'
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
  for (const request of reportRequests(report, params, 'Europe/Paris')) {
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
  snapshots.set('calls', await capture('calls', { days: 30, organisation }, 'Calls this week'))
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

function body<T>(snapshot: Snapshot, key: string): T {
  const response = snapshot.responses.find((item) => item.key === key)
  if (response === undefined)
    throw new Error(`no ${key} response in the ${snapshot.report} snapshot`)
  return response.body as T
}

const label = (id: KpiId): string => KPI_DEFINITIONS[id].label

/**
 * Hand-picked tiles of each report: the KPI definition's label -> the figure the page writes
 * (counts grouped, rates as percentages with two decimals), from the captured response.
 */
function expectedTiles(report: Report): Record<string, string> {
  const snapshot = snapshots.get(report)!
  switch (report) {
    case 'overview': {
      const { kpis } = body<{ kpis: { key: string; value: number }[] }>(snapshot, 'overview')
      const value = (key: string): number => kpis.find((item) => item.key === key)!.value
      return {
        [label('overview.bookingEvents')]: number(value('bookings')),
        [label('overview.messagesSent')]: number(value('messagesSent')),
        [label('overview.calls')]: number(value('calls')),
        [label('overview.openRate')]: rate(value('openRate')),
      }
    }
    case 'workspace': {
      const { kpis } = body<{ kpis: Record<string, number> }>(snapshot, 'workspace')
      return {
        [label('workspace.rooms')]: number(kpis.rooms!),
        [label('workspace.recordings')]: number(kpis.recordings!),
        [label('workspace.bookingEvents')]: number(kpis.bookings!),
        [label('workspace.contacts')]: number(kpis.contacts!),
      }
    }
    case 'campaigns': {
      const { messages, enrollments } = body<{
        messages: Record<string, number>
        enrollments: Record<string, number>
      }>(snapshot, 'campaign')
      const { campaigns } = body<{ campaigns: unknown[] }>(snapshot, 'campaigns-list')
      return {
        [label('campaigns.count')]: number(campaigns.length),
        [label('campaign.enrollments')]: number(enrollments.total!),
        [label('campaign.messages')]: number(messages.total!),
        [label('campaign.openRate')]: rate(messages.openRate!),
        [label('campaign.clickRate')]: rate(messages.clickRate!),
      }
    }
    case 'calls': {
      const { data } = body<{ data: { call_analytics: Record<string, number> } }>(snapshot, 'calls')
      return { [label('calls.total')]: number(data.call_analytics.total_calls!) }
    }
    case 'bookings': {
      const { overview } = body<{ overview: { title: string; number: number }[] }>(
        snapshot,
        'reports',
      )
      const made = overview.find((widget) => widget.title === 'Total Bookings')
      return made === undefined ? {} : { [label('bookings.made')]: number(made.number) }
    }
  }
}

/** A chart of the page each report must draw (with data, on the demo). */
const CHARTS: Record<Report, readonly string[]> = {
  overview: ['overview.bookings', 'overview.messagesSent'],
  workspace: ['workspace.activity'],
  bookings: ['bookings.graph'],
  campaigns: ['campaigns.messages', 'campaigns.timeseries', 'campaigns.cohorts'],
  calls: ['calls.daily'],
}

/** The tiles of the page: label -> the figure shown. */
async function tilesOf(page: Page): Promise<Record<string, string>> {
  const pairs = await page
    .locator('.kpi')
    .evaluateAll((tiles) =>
      (tiles as unknown as InPageElement[]).map((tile) => [
        tile.querySelector('.kpi-label')?.textContent?.trim() ?? '',
        tile.querySelector('.kpi-value')?.textContent?.trim() ?? '',
      ]),
    )
  return Object.fromEntries(pairs)
}

describe.each(KINDS)('the %s report as HTML', (report) => {
  it.each(THEMES)('%s: offline, error-free, the page drawn from its data', async (theme) => {
    const { context, page, errors, blocked } = await open(report, theme)
    try {
      const snapshot = snapshots.get(report)!
      const state = await page.evaluate(() => (globalThis as unknown as InPage).sextantReport!)
      expect(state.error).toBeUndefined()
      const charts = state.charts.map((chart) => chart.id)
      for (const name of CHARTS[report]) expect(charts, name).toContain(name)
      for (const chart of state.charts) {
        expect(chart.series, chart.id).toBeGreaterThan(0)
        expect(chart.points, chart.id).toBeGreaterThan(0)
      }
      // Drawn as SVG (vector in print), one per chart box.
      const drawn = await page.evaluate(() => {
        const { document } = globalThis as unknown as InPage
        return {
          boxes: document.querySelectorAll('.chart[data-chart]').length,
          svgs: document.querySelectorAll('.chart svg').length,
          canvases: document.querySelectorAll('canvas').length,
          controls: document.querySelectorAll('select, button, input, textarea').length,
          text: document.querySelector('#report')?.textContent ?? '',
        }
      })
      expect(drawn.boxes).toBe(state.charts.length)
      expect(drawn.svgs).toBe(drawn.boxes)
      expect(drawn.canvases).toBe(0)
      // A report is read, not operated: no picker, download, retry or info button.
      expect(drawn.controls).toBe(0)
      // No developer line and no raw request.
      expect(drawn.text).not.toMatch(/GET \/|\/api\/v\d|\/reports\?/)

      // The cover line.
      await expect(page.locator('.report-cover h1').textContent()).resolves.toBe(
        `${TITLES[report]} · ${snapshot.name}`,
      )
      await expect(page.locator('.report-captured').textContent()).resolves.toBe(
        'Captured Nov 23, 2026, 13:00 (Europe/Paris)',
      )
      await expect(page.title()).resolves.toBe(`${TITLES[report]} — ${snapshot.name}`)

      // The figures, each under its KPI definition's label, as the page writes them.
      const tiles = await tilesOf(page)
      const expected = expectedTiles(report)
      if (report !== 'bookings') expect(Object.keys(expected).length).toBeGreaterThan(0)
      for (const [name, text] of Object.entries(expected)) expect(tiles[name], name).toBe(text)

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
          panel: style('section.panel')!,
          muted: style('.report-captured')!,
          kpi: style('.kpi'),
          kpiLabel: style('.kpi-label'),
          good: style('.kpi-change.good'),
          bad: style('.kpi-change.bad'),
          th: style('table.data th'),
          chartTexts: [...new Set(chartTexts)],
        }
      })
      expect(contrast(colors.body.color, colors.body.backgroundColor)).toBeGreaterThanOrEqual(4.5)
      expect(contrast(colors.muted.color, colors.body.backgroundColor)).toBeGreaterThanOrEqual(4.5)
      const surface = colors.panel.backgroundColor
      if (colors.kpi !== null) {
        for (const text of [colors.kpiLabel, colors.good, colors.bad])
          if (text !== null)
            expect(contrast(text.color, colors.kpi.backgroundColor)).toBeGreaterThanOrEqual(4.5)
      }
      if (colors.th !== null) expect(contrast(colors.th.color, surface)).toBeGreaterThanOrEqual(4.5)
      // The Overview's charts are its tiles' sparklines, drawn without text.
      if (report !== 'overview') expect(colors.chartTexts.length).toBeGreaterThan(0)

      await screenshot(page, `report-${report}-${theme}`)

      await expect(page.locator('style#sextant-page').textContent()).resolves.toBe(
        '@page { size: A4; margin: 12mm 10mm 14mm; }',
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
  it('shows a readable tooltip and follows the window width, on Letter paper', async () => {
    const { context, page, errors, blocked } = await open('workspace', 'dark', 'Letter')
    try {
      await expect(page.locator('style#sextant-page').textContent()).resolves.toBe(
        '@page { size: Letter; margin: 12mm 10mm 14mm; }',
      )
      const chart = page.locator('[data-chart="workspace.activity"]')
      const box = (await chart.boundingBox())!
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      const tooltip = chart.locator('.chart-tooltip')
      await tooltip.waitFor({ state: 'visible' })
      expect(await tooltip.textContent()).toMatch(/Bookings/)

      const width = (): Promise<number> =>
        page.evaluate(() => {
          const { document } = globalThis as unknown as InPage
          return Math.round(document.querySelector('.chart svg')!.getBoundingClientRect().width)
        })
      const wide = await width()
      await page.setViewportSize({ width: 700, height: 900 })
      await expect.poll(width).toBeLessThan(wide)
      await expect.poll(width).toBeLessThanOrEqual(700)
      expect(errors).toEqual([])
      expect(blocked).toEqual([])
    } finally {
      await context.close()
    }
  })
})
