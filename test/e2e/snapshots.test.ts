// Report snapshots (issue #7) as a browser user meets them, on a console of its own (this file
// imports data): the dashboards' "Capture snapshot" button sends each page's filters; the
// Snapshots page lists a capture and opens it in a frame drawn by the standalone viewer; after
// an import the old snapshot still shows the old figure and Compare shows the change; rename,
// exports, delete; capture schedules; a live chart's PNG; the desktop menu's capture command;
// and screenshots of the page in light and dark. Expected values come from the API bodies.
import { writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { Overview } from '../../src-shared/api/overview'
import { KPI_DEFINITIONS, OVERVIEW_TILES } from '../../src-shared/domain/kpi-definitions'
import type {
  Snapshot,
  SnapshotSchedule,
  SnapshotSummary,
  Snapshots,
} from '../../src-shared/api/snapshots'
import { defaultCampaign, firstOrganisation, firstWorkspace } from './expected'
import {
  NOW,
  SCREENSHOTS,
  TODAY,
  addDays,
  change,
  collectConsoleErrors,
  consoleDb,
  contrast,
  dayLabel,
  launchBrowser,
  luminance,
  number,
  openPage,
  openRoute,
  runCli,
  screenshot,
  setUpOrFail,
  settle,
  signIn,
  startConsole,
  type Console,
  type InPage,
} from './harness'

let sextant: Console
let browser: Browser
let context: BrowserContext

setUpOrFail(async () => {
  browser = await launchBrowser()
  sextant = await startConsole('small')
  context = (await signIn(browser, sextant)).context
})

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
})

/** What the standalone viewer sets in the frame (src-renderer/report/viewer.ts). */
interface ReportState {
  ready: boolean
  charts: { id: string; series: number; points: number }[]
  error?: string
}

/** A new tab of the signed-in browser, its console errors collected. */
async function tab(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage()
  return { page, errors: collectConsoleErrors(page) }
}

/** Presses the top bar's "Capture snapshot" and answers the snapshot the notice links to. */
async function captureWithButton(page: Page): Promise<SnapshotSummary> {
  const notice = page.locator('[data-testid=capture-notice][data-snapshot]')
  const shown = async (): Promise<string | null> =>
    (await notice.count()) === 0 ? null : notice.getAttribute('data-snapshot')
  const before = await shown()
  await page.getByRole('button', { name: 'Capture snapshot' }).click()
  await expect.poll(async () => (await shown()) ?? before).not.toBe(before)
  const id = Number(await shown())
  const { snapshots } = await sextant.api<Snapshots>('/api/v1/snapshots')
  const summary = snapshots.find((snapshot) => snapshot.id === id)
  expect(summary, `snapshot ${id} in the library`).toBeDefined()
  return summary!
}

/** The frame of the open snapshot, once its viewer is drawn; fails with /view's message. */
async function openedFrame(page: Page): Promise<{ frame: Frame; report: ReportState }> {
  const element = page.locator('[data-testid=snapshot-frame]')
  await element.waitFor()
  const failure = page.locator('[data-testid=frame-error]')
  let report: ReportState | undefined
  let frame: Frame | null = null
  await expect
    .poll(
      async () => {
        if ((await failure.count()) > 0) return 'failed'
        frame = await (await element.elementHandle())!.contentFrame()
        report = await frame
          ?.evaluate(() => (globalThis as { sextantReport?: ReportState }).sextantReport)
          .catch(() => undefined)
        return report?.ready === true ? 'ready' : 'waiting'
      },
      { timeout: 15_000 },
    )
    .not.toBe('waiting')
  if ((await failure.count()) > 0) {
    const message = (await failure.textContent()) ?? ''
    throw new Error(
      /viewer/i.test(message)
        ? `GET /view: the report viewer bundle is not built yet (npm run build:cli runs scripts/build-report-viewer.mjs): ${message}`
        : `the snapshot frame failed: ${message}`,
    )
  }
  return { frame: frame!, report: report! }
}

/**
 * The figure the frame's tile of an Overview KPI shows: the snapshot draws the Overview page
 * itself (issue #14 item 7), its tiles under the KPI definitions' labels.
 */
async function frameKpi(frame: Frame, key: string): Promise<string | null> {
  const label = KPI_DEFINITIONS[OVERVIEW_TILES[key]!.kpi].label
  return frame.locator(`.kpi[data-kpi="${label}"] .kpi-value`).first().textContent()
}

function overviewOf(snapshot: Snapshot): Overview {
  const response = snapshot.responses.find((entry) => entry.key === 'overview')
  expect(response, 'the overview response').toBeDefined()
  return response!.body as Overview
}

const kpiValue = (overview: Overview, key: string): number =>
  overview.kpis.find((kpi) => kpi.key === key)!.value

/** The library row of a snapshot. */
const row = (page: Page, id: number) =>
  page.locator(`[data-testid=snapshot-library] tr[data-snapshot="${id}"]`)

/** Ids of snapshots of this file, shared by the tests that follow one another. */
const captured: { first?: SnapshotSummary; second?: SnapshotSummary; spare?: SnapshotSummary } = {}

describe('capturing a dashboard', () => {
  it('the Overview button captures it; the library lists it; it opens drawn from its data', async () => {
    const { page, errors } = await tab()
    await openPage(page, sextant, 'overview')
    await page.selectOption('[data-testid=period]', '30')
    await settle(page)
    const summary = await captureWithButton(page)
    captured.first = summary
    expect(summary.report).toBe('overview')
    expect(summary.params).toEqual({ days: 30 })
    expect(summary.trigger).toBe('manual')
    const notice = page.locator('[data-testid=capture-notice]')
    expect(await notice.textContent()).toContain(summary.name)
    expect(await notice.textContent()).toContain('Period: Last 30 days')

    await page.getByRole('link', { name: 'Open in Snapshots' }).click()
    await page.locator('main.content[data-page="snapshots"]').waitFor()
    expect(new URL(page.url()).hash).toBe(`#/snapshots/${summary.id}`)
    await row(page, summary.id).waitFor()
    expect(await row(page, summary.id).getByTestId('snapshot-name').textContent()).toBe(
      summary.name,
    )
    const cells = await row(page, summary.id).locator('td').allTextContents()
    expect(cells[1]).toBe('Overview')
    expect(cells[2]).toBe('Period: Last 30 days')
    expect(cells[3]).toBe('Nov 23, 2026, 12:00') // NOW in the console's timezone (UTC)
    expect(cells[4]).toBe('By hand')

    // the view above the library: name, filters, capture time, and the frame
    const view = page.locator('[data-panel="snapshots.view"]')
    expect(await view.locator('h2').first().textContent()).toBe(summary.name)
    expect(await view.getByTestId('snapshot-filters').textContent()).toBe('Period: Last 30 days')
    const { frame, report } = await openedFrame(page)
    expect(report.error).toBeUndefined()
    expect(report.charts.length).toBeGreaterThan(0)
    for (const chart of report.charts)
      expect(chart.points, `${chart.id} has points`).toBeGreaterThan(0)
    const body = await sextant.api<Snapshot>(`/api/v1/snapshots/${summary.id}`)
    expect(await frameKpi(frame, 'contacts')).toBe(number(kpiValue(overviewOf(body), 'contacts')))
    // the frame is as tall as its page: no scrolling inside it
    const heights = await page.evaluate(() => {
      const iframe = (
        globalThis as unknown as {
          document: {
            querySelector(s: string): {
              getBoundingClientRect(): { height: number }
              contentDocument: { documentElement: { scrollHeight: number } }
            }
          }
        }
      ).document.querySelector('[data-testid=snapshot-frame]')
      return [
        iframe.getBoundingClientRect().height,
        iframe.contentDocument.documentElement.scrollHeight,
      ]
    })
    expect(heights[0]).toBeGreaterThan(1000)
    expect(Math.abs(heights[0]! - heights[1]!)).toBeLessThanOrEqual(4)
    await settle(page)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('every dashboard sends the filters it shows', async () => {
    const { page, errors } = await tab()
    const workspace = await firstWorkspace(sextant)
    await openPage(page, sextant, 'workspace')
    await page.selectOption('[data-testid=period]', '90')
    await settle(page)
    expect((await captureWithButton(page)).params).toEqual({ days: 90, workspace })

    await openPage(page, sextant, 'bookings')
    await page.fill('[data-testid=booking-from]', addDays(TODAY, -13))
    await settle(page)
    const bookings = await captureWithButton(page)
    expect(bookings.report).toBe('bookings')
    expect(bookings.params).toMatchObject({ from: addDays(TODAY, -13), to: TODAY })

    await openPage(page, sextant, 'calls')
    const calls = await captureWithButton(page)
    // The Calls page's daily chart follows the period chosen above (issue #14 item 6).
    expect(calls.params).toEqual({ days: 90, organisation: await firstOrganisation(sextant) })

    // Campaigns: also the picked campaign, conversion, cohort metric and funnel steps
    await openPage(page, sextant, 'campaigns')
    const types = (
      await sextant.api<{ eventTypes: { type: string }[] }>(
        `/api/v1/workspaces/${workspace}/event-types`,
      )
    ).eventTypes.map((entry) => entry.type)
    const conversion = types.find((type) => type !== 'purchase')!
    const metric = types.at(-1)!
    await page.selectOption('[data-testid=conversion]', conversion)
    await page.selectOption('[data-testid=cohort-metric]', metric)
    await settle(page)
    const steps = (
      await page.locator('[data-testid=funnel-steps] li > span').allTextContents()
    ).map((text) => text.trim())
    expect(steps.length).toBeGreaterThanOrEqual(2)
    const campaigns = await captureWithButton(page)
    expect(campaigns.params).toEqual({
      days: 90,
      workspace,
      campaign: await defaultCampaign(sextant, workspace),
      conversion,
      metric,
      steps,
    })
    // no capture button where there is no report
    await openPage(page, sextant, 'data')
    expect(await page.getByRole('button', { name: 'Capture snapshot' }).count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('File > Capture Snapshot (the desktop command) captures the page on screen', async () => {
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)
    // the desktop preload's bridge, as far as the UI uses it (already signed in by cookie)
    await page.addInitScript(() => {
      const listeners: ((command: unknown) => void)[] = []
      const window = globalThis as unknown as Record<string, unknown>
      window.sextant = {
        desktop: true,
        signInCode: () => Promise.reject(new Error('no desktop here')),
        onCommand(listener: (command: unknown) => void) {
          listeners.push(listener)
          return () => listeners.splice(listeners.indexOf(listener), 1)
        },
        themeChanged: () => undefined,
      }
      window.sendCommand = (command: unknown) => listeners.forEach((listener) => listener(command))
    })
    await openPage(page, sextant, 'calls')
    const before = (await sextant.api<Snapshots>('/api/v1/snapshots')).snapshots.length
    await page.evaluate(() =>
      (globalThis as unknown as { sendCommand(command: unknown): void }).sendCommand({
        type: 'capture-snapshot',
      }),
    )
    await page.locator('[data-testid=capture-notice][data-snapshot]').waitFor()
    const { snapshots } = await sextant.api<Snapshots>('/api/v1/snapshots')
    expect(snapshots.length).toBe(before + 1)
    expect(snapshots[0]!.report).toBe('calls')
    captured.spare = snapshots[0]!
    // View > Snapshots
    await page.evaluate(() =>
      (globalThis as unknown as { sendCommand(command: unknown): void }).sendCommand({
        type: 'navigate',
        page: 'snapshots',
      }),
    )
    await page.locator('main.content[data-page="snapshots"]').waitFor()
    // on a page that is no dashboard, the command says what to do instead
    await page.evaluate(() =>
      (globalThis as unknown as { sendCommand(command: unknown): void }).sendCommand({
        type: 'capture-snapshot',
      }),
    )
    await expect
      .poll(() => page.locator('.capture-notice.error').textContent())
      .toContain('Only a dashboard can be captured')
    expect((await sextant.api<Snapshots>('/api/v1/snapshots')).snapshots.length).toBe(before + 1)
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('after the data changed', () => {
  it('the old snapshot keeps its figure and Compare shows the change', async () => {
    const { page, errors } = await tab()
    const first = captured.first!
    const before = await sextant.api<Snapshot>(`/api/v1/snapshots/${first.id}`)
    const workspace = await firstWorkspace(sextant)
    // three new contacts in the last 30 days, imported through the running console
    const file = join(sextant.dir, 'contacts.csv')
    writeFileSync(
      file,
      [
        'id,workspace_id,email,first_name,last_name,created_at',
        ...[1, 2, 3].map(
          (n) =>
            `snap-contact-${n},${workspace},snap${n}@example.com,Snap,Shot ${n},${addDays(TODAY, -n)}T10:00:00Z`,
        ),
        '',
      ].join('\n'),
    )
    runCli(['--db', consoleDb(sextant), 'import', file])

    await openPage(page, sextant, 'overview')
    await page.selectOption('[data-testid=period]', '30')
    await settle(page)
    const second = await captureWithButton(page)
    captured.second = second
    const after = await sextant.api<Snapshot>(`/api/v1/snapshots/${second.id}`)
    const a = kpiValue(overviewOf(before), 'contacts')
    const b = kpiValue(overviewOf(after), 'contacts')
    expect(b).toBe(a + 3)
    // the old snapshot is as it was captured
    const again = await sextant.api<Snapshot>(`/api/v1/snapshots/${first.id}`)
    expect(kpiValue(overviewOf(again), 'contacts')).toBe(a)

    await openRoute(page, sextant, `snapshots/${first.id}`)
    const old = await openedFrame(page)
    expect(await frameKpi(old.frame, 'contacts')).toBe(number(a))
    await page
      .getByRole('button', { name: `Open ${second.name}` })
      .first()
      .click()
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/snapshots/${second.id}`)
    await expect
      .poll(
        async () => (await page.locator('[data-testid=snapshot-frame]').getAttribute('src')) ?? '',
      )
      .toContain(`/snapshots/${second.id}/view`)
    const fresh = await openedFrame(page)
    expect(await frameKpi(fresh.frame, 'contacts')).toBe(number(b))

    // Compare: A = before, B = after
    await page.selectOption('[data-testid=compare-a]', String(first.id))
    await page.selectOption('[data-testid=compare-b]', String(second.id))
    await settle(page)
    const figure = page.locator('[data-testid=compare-table] tr[data-figure="contacts"]')
    await figure.waitFor()
    expect(await figure.getAttribute('data-section')).toMatch(/KPIs/)
    const text = async (cell: string) =>
      ((await figure.locator(`[data-cell=${cell}]`).textContent()) ?? '').replace(/^[▲▼]\s*/, '')
    expect(await text('a')).toBe(number(a))
    expect(await text('b')).toBe(number(b))
    expect(await text('delta')).toBe(`+${number(b - a)}`)
    expect(await text('change')).toBe(change((b - a) / a))
    expect(await figure.getAttribute('class')).toContain('up good')
    // "Only changes" hides the figures equal in both (rooms: nothing changed there)
    const unchanged = page.locator(
      '[data-testid=compare-table] tr[data-figure="bookingsCancelled"]',
    )
    expect(kpiValue(overviewOf(before), 'bookingsCancelled')).toBe(
      kpiValue(overviewOf(after), 'bookingsCancelled'),
    )
    expect(await page.getByTestId('only-changes').isChecked()).toBe(true)
    expect(await unchanged.count()).toBe(0)
    await page.getByTestId('only-changes').uncheck()
    await unchanged.waitFor()
    expect(await unchanged.locator('[data-cell=change]').textContent()).toBe(change(0))
    await page.getByTestId('only-changes').check()
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})

describe('managing snapshots', () => {
  it('renames, exports CSV (and CSV for Excel), and deletes', async () => {
    const { page, errors } = await tab()
    const first = captured.first!
    await openRoute(page, sextant, 'snapshots')
    const line = row(page, first.id)
    await line.getByTestId('rename-snapshot').click()
    await line.getByTestId('rename-input').fill('Before the import')
    await line.getByTestId('rename-input').press('Enter')
    await expect
      .poll(() => line.getByTestId('snapshot-name').textContent())
      .toBe('Before the import')
    expect((await sextant.api<Snapshot>(`/api/v1/snapshots/${first.id}`)).name).toBe(
      'Before the import',
    )
    // Escape leaves the name as it was
    await line.getByTestId('rename-snapshot').click()
    await line.getByTestId('rename-input').fill('Not this')
    await line.getByTestId('rename-input').press('Escape')
    expect(await line.getByTestId('snapshot-name').textContent()).toBe('Before the import')

    const download = async (format: string) => {
      await line.getByTestId('export-format').selectOption(format)
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        line.getByTestId('export-snapshot').click(),
      ])
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) }
    }
    const csv = await download('csv')
    expect(csv.name).toMatch(/\.csv$/)
    expect(csv.bytes.toString('utf8').startsWith('block,title,row,column,value')).toBe(true)
    const excel = await download('csv-excel')
    expect(excel.bytes.toString('utf8').startsWith('\uFEFFblock,title,row,column,value')).toBe(true)
    const json = JSON.parse((await download('json')).bytes.toString('utf8')) as Snapshot
    expect(json.name).toBe('Before the import')
    // PDF: a file when the console has a renderer, else its message in the row
    await line.getByTestId('export-format').selectOption('pdf-a4')
    const outcome = await Promise.race([
      page.waitForEvent('download', { timeout: 45_000 }).then(async (file) => ({
        pdf: (await readFile((await file.path())!)).subarray(0, 5).toString('latin1'),
      })),
      line
        .locator('.row-error')
        .waitFor({ timeout: 45_000 })
        .then(async () => ({ message: (await line.locator('.row-error').textContent()) ?? '' })),
      line
        .getByTestId('export-snapshot')
        .click()
        .then(() => new Promise<never>(() => {})),
    ])
    if ('pdf' in outcome) expect(outcome.pdf).toBe('%PDF-')
    else expect(outcome.message).toMatch(/render|browser|chromium/i)

    // delete: asked first; Cancel (or Escape) keeps it, Delete removes it
    const spare = captured.spare!
    const doomed = row(page, spare.id)
    await doomed.getByTestId('delete-snapshot').click()
    await doomed.getByRole('button', { name: 'Cancel' }).click()
    expect(await doomed.count()).toBe(1)
    await doomed.getByTestId('delete-snapshot').click()
    await page.keyboard.press('Escape')
    expect(await doomed.getByTestId('confirm-delete').count()).toBe(0)
    await doomed.getByTestId('delete-snapshot').click()
    await doomed.getByTestId('confirm-delete').click()
    await expect.poll(() => doomed.count()).toBe(0)
    const { snapshots } = await sextant.api<Snapshots>('/api/v1/snapshots')
    expect(snapshots.map((snapshot) => snapshot.id)).not.toContain(spare.id)
    expect(snapshots.map((snapshot) => snapshot.id)).toContain(first.id)
    await expect(sextant.api(`/api/v1/snapshots/${spare.id}`)).rejects.toThrow(/404/)
    expect(errors).toEqual([])
    await page.close()
  }, 90_000)

  it('adds a weekly schedule, shows its next run, and deletes it', async () => {
    const { page, errors } = await tab()
    // the schedule captures with the dashboard's filters: the last 30 days
    await openPage(page, sextant, 'overview')
    await page.selectOption('[data-testid=period]', '30')
    await openRoute(page, sextant, 'snapshots')
    const form = page.getByRole('form', { name: 'Add a capture schedule' })
    await form.getByTestId('schedule-report').selectOption('overview')
    await form.getByTestId('schedule-frequency').selectOption('weekly')
    await form.getByTestId('schedule-day').selectOption('Mon')
    await form.getByTestId('schedule-time').fill('09:00')
    await form.getByTestId('schedule-name').fill('Monday overview')
    await form.getByTestId('add-schedule').click()
    const line = page.locator('[data-testid=schedules] tr', { hasText: 'Monday overview' })
    await line.waitFor()
    // the next Monday 09:00 (UTC) strictly after NOW, counted here day by day
    let next = Date.parse(NOW)
    for (;;) {
      next += 60_000
      const date = new Date(next)
      if (date.getUTCDay() === 1 && date.getUTCHours() === 9 && date.getUTCMinutes() === 0) break
    }
    const nextDate = new Date(next).toISOString().slice(0, 10)
    const { schedules } = await sextant.api<{ schedules: SnapshotSchedule[] }>(
      '/api/v1/snapshot-schedules',
    )
    const stored = schedules.find((schedule) => schedule.name === 'Monday overview')!
    expect(stored).toMatchObject({ report: 'overview', schedule: 'weekly Mon 09:00' })
    expect(stored.params).toEqual({ days: 30 })
    expect(stored.nextRunAt).toBe(new Date(next).toISOString())
    const cells = await line.locator('td').allTextContents()
    expect(cells[2]).toBe('Every Monday at 09:00')
    expect(await line.locator('[data-cell=next-run]').textContent()).toBe(
      `${dayLabel(nextDate)}, ${nextDate.slice(0, 4)}, 09:00`,
    )
    expect(await line.locator('[data-cell=last-run]').textContent()).toBe('Not yet')
    await line.getByRole('button', { name: /^Delete the schedule Monday overview/ }).click()
    await expect.poll(() => line.count()).toBe(0)
    expect(
      (await sextant.api<{ schedules: SnapshotSchedule[] }>('/api/v1/snapshot-schedules'))
        .schedules,
    ).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('a live chart as a PNG', () => {
  it('downloads the chart at twice its size, named after it', async () => {
    const { page, errors } = await tab()
    await openPage(page, sextant, 'calls')
    const panel = page.locator('[data-panel="calls.outcomes"]')
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: /^Download .* as PNG$/ }).click(),
    ])
    expect(file.suggestedFilename()).toBe('sextant-calls-outcomes.png')
    const bytes = await readFile((await file.path())!)
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
    const box = (await panel.locator('[data-chart="calls.outcomes"]').boundingBox())!
    // IHDR: width and height at bytes 16 and 20
    expect(Math.abs(bytes.readUInt32BE(16) - box.width * 2)).toBeLessThanOrEqual(2)
    expect(Math.abs(bytes.readUInt32BE(20) - box.height * 2)).toBeLessThanOrEqual(2)
    // the KPI tiles' trends offer none
    await openPage(page, sextant, 'overview')
    expect(await page.locator('button.chart-png').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('the Snapshots page in light and dark', () => {
  it('reads well in both themes (screenshots of the library, a snapshot, a comparison)', async () => {
    const { page, errors } = await tab()
    const first = captured.first!
    const second = captured.second!
    for (const theme of ['light', 'dark'] as const) {
      // the capture notice on a dashboard
      await openPage(page, sextant, 'overview')
      await page.selectOption('[data-testid=theme]', theme)
      await captureWithButton(page)
      await page.screenshot({ path: join(SCREENSHOTS, `snapshots-capture-${theme}.png`) })

      await openRoute(page, sextant, 'snapshots')
      await settle(page)
      await screenshot(page, `snapshots-library-${theme}`)

      await page
        .getByRole('button', { name: `Open ${first.name}` })
        .first()
        .click()
      const { frame } = await openedFrame(page)
      expect(
        await frame.evaluate(
          () => (globalThis as unknown as InPage).document.documentElement.dataset.theme,
        ),
      ).toBe(theme)
      const colors = await frame.evaluate(() => {
        const window = globalThis as unknown as InPage
        const style = window.getComputedStyle(window.document.body)
        return { background: style.backgroundColor, text: style.color }
      })
      if (theme === 'dark') expect(luminance(colors.background)).toBeLessThan(0.05)
      else expect(luminance(colors.background)).toBeGreaterThan(0.8)
      expect(contrast(colors.text, colors.background)).toBeGreaterThan(7)
      await settle(page)
      await screenshot(page, `snapshots-open-${theme}`)

      await page.getByTestId('close-snapshot').click()
      await page.selectOption('[data-testid=compare-a]', String(first.id))
      await page.selectOption('[data-testid=compare-b]', String(second.id))
      await page.getByTestId('only-changes').check()
      await page.getByTestId('compare-section').selectOption('')
      await settle(page)
      await page.locator('[data-testid=compare-table]').waitFor()
      const compare = page.locator('[data-panel="snapshots.compare"]')
      await compare.scrollIntoViewIfNeeded()
      await compare.screenshot({ path: join(SCREENSHOTS, `snapshots-compare-${theme}.png`) })
      // the changes' colours stay readable on the panel
      const color = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((element) => {
            const window = globalThis as unknown as InPage
            return window.getComputedStyle(element as never).color
          })
      const panel = await compare.evaluate(
        (element) =>
          (globalThis as unknown as InPage).getComputedStyle(element as never).backgroundColor,
      )
      const good = await color('[data-testid=compare-table] tr.good td.change')
      expect(contrast(good, panel), `good ${good} on ${panel}`).toBeGreaterThanOrEqual(4.5)
      await page.getByTestId('only-changes').uncheck()
      const flat = await color('[data-testid=compare-table] tr.flat td.change')
      expect(contrast(flat, panel), `flat ${flat} on ${panel}`).toBeGreaterThanOrEqual(4.5)
    }
    await page.selectOption('[data-testid=theme]', 'light')

    // a narrow window scrolls the library inside its panel, not the page
    await page.setViewportSize({ width: 900, height: 800 })
    await openRoute(page, sextant, `snapshots/${first.id}`)
    await openedFrame(page)
    const widths = await page.evaluate(() => {
      const browser = globalThis as unknown as {
        innerWidth: number
        document: { documentElement: { scrollWidth: number } }
      }
      return [browser.document.documentElement.scrollWidth, browser.innerWidth]
    })
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!)
    await screenshot(page, 'snapshots-narrow-light')
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
