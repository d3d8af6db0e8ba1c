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

type Item = Record<string, unknown>

const numbersIn = (values: readonly unknown[]): number =>
  values.filter((value) => typeof value === 'number').length

/**
 * A chart of a list in a response: `fields` are its series (those holding a number), the
 * points every number they hold. An empty list draws nothing.
 */
function listChart(
  id: string,
  items: readonly Item[],
  fields: readonly string[],
): { id: string; series: number; points: number }[] {
  if (items.length === 0) return []
  const series = fields.filter((field) => numbersIn(items.map((item) => item[field])) > 0)
  return [
    {
      id,
      series: series.length,
      points: numbersIn(items.flatMap((item) => fields.map((f) => item[f]))),
    },
  ]
}

/**
 * The charts each report draws, in page order, written out by hand from the API's shapes
 * (docs/api.md): ids and series named here, points counted in the raw responses.
 */
function expectedCharts(snapshot: Snapshot): { id: string; series: number; points: number }[] {
  const list = (key: string, field: string): Item[] =>
    body<Record<string, Item[]>>(snapshot, key)[field]!
  switch (snapshot.report) {
    case 'overview': {
      const { kpis } = body<{ kpis: { key: string; trend: unknown[] }[] }>(snapshot, 'overview')
      // One chart per unit of the KPI list: counts, seconds and rates.
      const trend = (unit: string, keys: readonly string[]) => {
        const trends = keys.map((key) => kpis.find((kpi) => kpi.key === key)!.trend)
        return {
          id: `overview:kpis.trend.${unit}`,
          series: trends.filter((values) => numbersIn(values) > 0).length,
          points: numbersIn(trends.flat()),
        }
      }
      return [
        trend('count', [
          'rooms',
          'recordings',
          'contacts',
          'bookings',
          'messagesSent',
          'calls',
          'bookingTotal',
          'bookingsCompleted',
          'bookingsCancelled',
        ]),
        trend('seconds', ['recordingDuration']),
        trend('rate', ['openRate', 'clickRate', 'callSuccessRate']),
      ]
    }
    case 'workspace':
      return [
        ...listChart('workspace:activityTimeline', list('workspace', 'activityTimeline'), [
          'bookings',
          'room_joins',
        ]),
        ...listChart('workspace:eventTypeBreakdown', list('workspace', 'eventTypeBreakdown'), [
          'count',
        ]),
        ...listChart('workspace:newContactsTimeline', list('workspace', 'newContactsTimeline'), [
          'count',
        ]),
      ]
    case 'bookings': {
      const graph = body<Record<string, Record<string, unknown>>>(snapshot, 'graph')
      const stats = ['booked_stats', 'completed_stats', 'cancelled_stats']
      return [
        ...listChart('reports:overview', list('reports', 'overview'), ['number', 'stat']),
        {
          id: 'graph:series',
          series: stats.length,
          points: numbersIn(stats.flatMap((name) => Object.values(graph[name]!))),
        },
      ]
    }
    case 'campaigns':
      return [
        ...listChart('campaign:statusBreakdown', list('campaign', 'statusBreakdown'), ['_count']),
        ...listChart('campaign:channelBreakdown', list('campaign', 'channelBreakdown'), ['_count']),
        ...listChart('timeseries:series', list('timeseries', 'series'), [
          'events',
          'contacts',
          'messages',
          'opens',
          'clicks',
        ]),
        ...listChart('attribution:sources', list('attribution', 'sources'), [
          'uniqueVisitors',
          'totalEvents',
          'conversions',
        ]),
        ...listChart('funnel:steps', list('funnel', 'steps'), [
          'count',
          'dropoff',
          'conversionFromPrevious',
        ]),
      ]
    case 'calls':
      return []
  }
}

/**
 * The tables each report shows, by hand: their columns (nested fields as `a.b`: a next
 * meeting's `author.name`, `slot.id`, `slot.title`) and the raw list whose items are the rows.
 */
function expectedTables(snapshot: Snapshot): { id: string; columns: string[]; items: Item[] }[] {
  const list = (key: string, field: string): Item[] =>
    body<Record<string, Item[]>>(snapshot, key)[field]!
  const booking = [
    'id',
    'event_id',
    'host_id',
    'group_id',
    'status',
    'first_name',
    'last_name',
    'email',
    // issue #13 item 5: every booking says whether it is a group booking, as the plugin's do
    'event_type',
    'start_time',
    'end_time',
    'created_at',
  ]
  const table = (id: string, items: Item[], columns: string[]) =>
    items.length === 0 ? [] : [{ id, columns, items }]
  switch (snapshot.report) {
    case 'overview':
    case 'calls':
      return []
    case 'workspace':
      return [
        ...table('workspace:topBookingPages', list('workspace', 'topBookingPages'), [
          'id',
          'title',
          'slug',
          'count',
        ]),
        ...table('workspace:topRooms', list('workspace', 'topRooms'), [
          'id',
          'name',
          'display_name',
          'count',
        ]),
      ]
    case 'bookings': {
      const meetings = list('reports', 'next_meetings')
      // Only group bookings carry booked_count (docs/api.md).
      const grouped = meetings.some((meeting) => 'booked_count' in meeting)
      return [
        ...table('reports:latest_books', list('reports', 'latest_books'), booking),
        ...table('reports:next_meetings', meetings, [
          ...booking,
          'title',
          'author.name',
          'slot.id',
          'slot.title',
          ...(grouped ? ['booked_count'] : []),
        ]),
        ...table('activities:activities', list('activities', 'activities'), [
          'id',
          'booking_id',
          'parent_id',
          'created_by',
          'status',
          'type',
          'title',
          'description',
          'created_at',
          'updated_at',
        ]),
      ]
    }
    case 'campaigns': {
      const weeks = Object.keys(
        (list('cohorts', 'cohorts')[0]?.retention ?? {}) as Record<string, number>,
      )
      return [
        ...table('campaign:abTests', list('campaign', 'abTests'), ['id', 'name']),
        ...table('cohorts:cohorts', list('cohorts', 'cohorts'), [
          'cohort',
          'size',
          'activeContacts',
          'retentionRate',
          ...weeks.map((week) => `retention.${week}`),
        ]),
      ]
    }
  }
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

      // Tables: exactly these, their columns by key (the header's title), all rows shown.
      const tables = expectedTables(snapshot)
      if (report !== 'overview' && report !== 'calls') expect(tables.length).toBeGreaterThan(0)
      const shownTables = await page
        .locator('article.block-table')
        .evaluateAll((blocks) =>
          (blocks as unknown as InPageElement[]).map((block) => block.getAttribute('data-block')),
        )
      expect(shownTables).toEqual(tables.map((table) => table.id))
      for (const table of tables) {
        const rows = page.locator(`[data-block="${table.id}"] table.data tbody tr`)
        await expect(rows.count()).resolves.toBe(table.items.length)
        const keys = await page
          .locator(`[data-block="${table.id}"] table.data thead th`)
          .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title')))
        expect(keys, table.id).toEqual(table.columns)
      }
      if (report === 'bookings') {
        // The nested fields' cells hold the raw values: each meeting's host and event title.
        const meetings = tables.find((table) => table.id === 'reports:next_meetings')!
        const column = (key: string): number => meetings.columns.indexOf(key)
        const cells = await page
          .locator('[data-block="reports:next_meetings"] table.data tbody tr')
          .evaluateAll((rows) =>
            (rows as unknown as InPageElement[]).map((row) =>
              Array.from(row.querySelectorAll('td'), (td) => td.textContent),
            ),
          )
        expect(cells.map((row) => row[column('author.name')])).toEqual(
          meetings.items.map((item) => (item.author as { name: string }).name),
        )
        expect(cells.map((row) => row[column('slot.title')])).toEqual(
          // A deleted event's `slot: {}` has no title: an empty cell shows a dash.
          meetings.items.map((item) => (item.slot as { title?: string }).title ?? '–'),
        )
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
      // Written from the raw KPI list: figure, value, previous, change (empty when null).
      const { kpis } = body<{
        kpis: { key: string; value: number; previous: number | null; change: number | null }[]
      }>(snapshots.get('overview')!, 'overview')
      const expectedCsv = [
        'figure,value,previous,change',
        ...kpis.map((kpi) => [kpi.key, kpi.value, kpi.previous ?? '', kpi.change ?? ''].join(',')),
      ]
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-block="overview:kpis"] .csv-button').click(),
      ])
      const path = await download.path()
      expect(readFileSync(path, 'utf8')).toBe(`\uFEFF${expectedCsv.join('\r\n')}\r\n`)
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
