// Three pages as an analyst uses them (issue #14 item 6), against a real `sextant serve` on the
// small demo dataset:
// - Settings has one theme control (the header's, on every page) and shows the API routes folded
//   by family, so the page stays short; a family opens to its routes, which are all the
//   OpenAPI document's.
// - Data imports a file whose name does not say its entity (`export.tsv`, tab-separated) once
//   its entity is picked, and offers .tsv files in its file picker; an entity-named file still
//   imports at once, without the picker.
// - Calls has the period selector and a daily chart of calls by outcome (stacked) whose days and
//   numbers are the console route's for that period, following a change of period.
import type { Browser, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import {
  chartCategories,
  chartOption,
  dayLabel,
  launchBrowser,
  openPage,
  settle,
  screenshot,
  setUpOrFail,
  signIn,
  startConsole,
  type Console,
  type InPage,
} from './harness'

let sextant: Console
let browser: Browser
let page: Page

setUpOrFail(async () => {
  browser = await launchBrowser()
  sextant = await startConsole('small')
  page = (await signIn(browser, sextant)).page
})

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
})

const theme = (): Promise<string | undefined> =>
  page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.dataset.theme)

describe('settings', () => {
  it('one theme control: the header select, which still switches the theme', async () => {
    await openPage(page, sextant, 'settings')
    // no second control inside the page (the Appearance card's radio buttons are gone)
    expect(await page.locator('main.content input[type=radio][name=theme]').count()).toBe(0)
    expect(await page.locator('main.content [data-panel="Appearance"]').count()).toBe(0)
    expect(await page.locator('[data-testid=theme]').count()).toBe(1)
    await page.selectOption('[data-testid=theme]', 'dark')
    await expect.poll(theme).toBe('dark')
    await page.selectOption('[data-testid=theme]', 'light')
    await expect.poll(theme).toBe('light')
  })

  it('the API routes fold by family: short when closed, every route when opened', async () => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await openPage(page, sextant, 'settings')
    const document = await sextant.api<{ paths: Record<string, Record<string, unknown>> }>(
      '/api/openapi.json',
    )
    const expected = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    const panel = page.locator('[data-panel="settings.routes"]')
    const families = panel.locator('details.route-family')
    expect(await families.count()).toBeGreaterThan(1)
    // closed by default: no row is shown, and the panel is a few lines tall
    expect(await panel.locator('details[open]').count()).toBe(0)
    expect(await panel.locator('tbody tr:visible').count()).toBe(0)
    const closed = (await panel.boundingBox())!.height
    expect(closed).toBeLessThan(450)
    await screenshot(page, 'settings-routes-closed')
    // every family opened: each route of the document once
    for (let index = 0; index < (await families.count()); index++)
      await families.nth(index).locator('summary').click()
    const rows = await panel
      .locator('tbody tr')
      .evaluateAll((elements) =>
        (elements as unknown as InPageElementRow[]).map(
          (row) =>
            `${row.querySelectorAll('td')[0]!.textContent} ${row.querySelectorAll('td')[1]!.textContent}`,
        ),
      )
    expect(rows.sort()).toEqual(expected)
    // each summary counts its own rows
    for (let index = 0; index < (await families.count()); index++) {
      const family = families.nth(index)
      const count = await family.locator('tbody tr').count()
      expect(await family.locator('summary').textContent()).toContain(
        count === 1 ? '1 route' : `${count} routes`,
      )
    }
  })
})

describe('data: importing a file whose name does not say its entity', () => {
  const counts = async (): Promise<Record<string, number>> =>
    (await sextant.api<{ counts: Record<string, number> }>('/api/v1/counts')).counts

  it('asks for the entity, then imports the tab-separated file', async () => {
    await openPage(page, sextant, 'data')
    const input = page.getByTestId('file-input')
    expect((await input.getAttribute('accept'))!.split(',')).toContain('.tsv')
    const { workspaces } = await sextant.api<{ workspaces: { id: string }[] }>('/api/v1/workspaces')
    const workspace = workspaces[0]!.id
    const before = await counts()
    const tsv = [
      'id\tworkspace_id\temail\tfirst_name\tlast_name\tcreated_at',
      `e2e-tsv-1\t${workspace}\tada@example.com\tAda\tLovelace\t2026-11-20T10:00:00Z`,
      `e2e-tsv-2\t${workspace}\t\tGrace\tHopper\t2026-11-21`,
    ].join('\n')
    await input.setInputFiles({
      name: 'export.tsv',
      mimeType: 'text/tab-separated-values',
      buffer: Buffer.from(`${tsv}\n`),
    })
    const picker = page.getByTestId('entity-picker')
    await picker.waitFor()
    // nothing is sent until the entity is picked
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true)
    expect(await counts()).toEqual(before)
    const select = picker.locator('select[data-file="export.tsv"]')
    expect(await select.locator('option:not([disabled])').allTextContents()).toContain('contacts')
    await screenshot(page, 'data-entity-picker')
    await select.selectOption('contacts')
    await page.getByTestId('import-start').click()
    const done = page.getByTestId('import-done')
    await done.waitFor()
    expect(await done.textContent()).toContain('Imported 2 records: contacts 2 added, 0 updated')
    expect(await picker.count()).toBe(0)
    expect(await counts()).toEqual({ ...before, contacts: before.contacts! + 2 })
  })

  it('an entity-named file imports at once, with no picker', async () => {
    await openPage(page, sextant, 'data')
    const { workspaces } = await sextant.api<{ workspaces: { id: string }[] }>('/api/v1/workspaces')
    const before = await counts()
    await page.getByTestId('file-input').setInputFiles({
      name: 'contacts.tsv',
      mimeType: 'text/tab-separated-values',
      buffer: Buffer.from(
        'id\tworkspace_id\temail\tfirst_name\tlast_name\tcreated_at\n' +
          `e2e-tsv-3\t${workspaces[0]!.id}\t\tAlan\tTuring\t2026-11-22\n`,
      ),
    })
    // the previous import's line stays until this one ends: wait for this one's
    await expect
      .poll(() => page.getByTestId('import-done').textContent())
      .toContain('Imported 1 record: contacts 1 added')
    expect(await page.getByTestId('entity-picker').count()).toBe(0)
    expect(await counts()).toEqual({ ...before, contacts: before.contacts! + 1 })
  })
})

describe('calls: the time dimension', () => {
  interface Daily {
    dates: string[]
    outcomes: Record<string, number[]>
    total: number[]
  }
  /** The chart's series, by name, as the page holds them. */
  const series = async (): Promise<Record<string, number[]>> => {
    const option = await chartOption(page, 'calls.daily')
    expect(option, 'the calls.daily chart').not.toBeNull()
    return Object.fromEntries(
      (option!.series ?? []).map((item) => [item.name ?? '', (item.data ?? []) as number[]]),
    )
  }
  const NAMES: Record<string, string> = {
    interested: 'Interested',
    call_back: 'Call back',
    send_details: 'Send details',
    not_interested: 'Not interested',
    not_connected: 'Not connected',
    failed: 'Failed',
    other: 'Other or none',
  }

  it('a period selector and calls per day by outcome, as the route counts them', async () => {
    await openPage(page, sextant, 'calls')
    const handle = await page.locator('[data-testid=organisation]').inputValue()
    for (const days of ['30', '7'] as const) {
      await page.selectOption('[data-testid=period]', days)
      await settle(page)
      const expected = await sextant.api<Daily>(`/api/v1/calls/daily?org=${handle}&days=${days}`)
      expect(expected.dates).toHaveLength(Number(days))
      expect(await page.locator('[data-panel="calls.daily"] h2').textContent()).toBe(
        `Calls per day by outcome, last ${days} days`,
      )
      await expect
        .poll(() => chartCategories(page, 'calls.daily'))
        .toEqual(expected.dates.map(dayLabel))
      expect(await series()).toEqual(
        Object.fromEntries(
          Object.entries(expected.outcomes).map(([key, counts]) => [NAMES[key], counts]),
        ),
      )
      // the series add up to the route's total per day, and the demo has calls in the window
      expect(expected.total.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
      const option = await chartOption(page, 'calls.daily')
      expect(option!.series!.every((item) => (item as { stack?: string }).stack === 'total')).toBe(
        true,
      )
    }
    for (const theme of ['light', 'dark'] as const) {
      await page.selectOption('[data-testid=theme]', theme)
      await settle(page)
      await screenshot(page, `calls-daily-${theme}`)
    }
    await page.selectOption('[data-testid=theme]', 'light')
    await page.selectOption('[data-testid=period]', '30')
  })
})

interface InPageElementRow {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>
}
