// Rule (issue #14 items 4 and 6): one name, one quantity. Across the five dashboards on the demo
// data no KPI label appears twice with different figures; every tile explains itself in an info
// popover ("About <label>", opened with the keyboard, closed by Escape) that names the timestamp
// and the window; the pairs the issue found now carry different names, each equal to its own
// API's figure; a change against an empty previous period reads "new" (or "–" when both are
// empty) on the Bookings page as on the Overview; and an empty database's Overview says there is
// no data yet, with the way to the Data page, instead of a wall of "0%". Expected figures come
// from the API with the tests' token, and dates from the fixed clock.
import type { Browser, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { CallAnalyticsData } from '../../src-shared/api/calls'
import type { Reports } from '../../src-shared/api/bookings'
import type { Organisations } from '../../src-shared/api/console'
import type { Overview } from '../../src-shared/api/overview'
import {
  TODAY,
  addDays,
  change,
  contrast,
  launchBrowser,
  number,
  openPage,
  screenshot,
  setUpOrFail,
  settle,
  signIn,
  startConsole,
  type Console,
  type InPage,
  type InPageElement,
  type PageName,
} from './harness'

const DASHBOARDS: readonly PageName[] = ['overview', 'workspace', 'bookings', 'campaigns', 'calls']
const POLL = { timeout: 15_000, interval: 100 }

let sextant: Console
let empty: Console
let browser: Browser
let page: Page

setUpOrFail(async () => {
  browser = await launchBrowser()
  ;[sextant, empty] = await Promise.all([startConsole('small'), startConsole('empty')])
  page = (await signIn(browser, sextant)).page
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await Promise.all([sextant?.stop(), empty?.stop()])
})

interface Tile {
  label: string
  value: string
  button: string | null
}

/** Every KPI tile of the page: its label, its figure and its info button's accessible name. */
async function tiles(target: Page): Promise<Tile[]> {
  return target.locator('main.content .kpi[data-kpi]').evaluateAll((elements) =>
    (
      elements as unknown as (InPageElement & {
        querySelector(selector: string): InPageElement | null
      })[]
    ).map((element) => ({
      label: element.getAttribute('data-kpi') ?? '',
      value: (element.querySelector('[data-value]')?.textContent ?? '').trim(),
      button: element.querySelector('button.kpi-info-button')?.getAttribute('aria-label') ?? null,
    })),
  )
}

/** The tiles once every one shows a figure (panels that load later included). */
async function settledTiles(target: Page, name: PageName): Promise<Tile[]> {
  await openPage(target, sextant, name)
  let last: Tile[] = []
  await expect
    .poll(async () => {
      await settle(target)
      last = await tiles(target)
      return last.length > 0 && last.every((tile) => tile.value !== '')
    }, POLL)
    .toBe(true)
  return last
}

/** The `change` text of one tile, arrow left out. */
async function changeOf(target: Page, label: string): Promise<string> {
  const text = await target
    .locator(`main.content .kpi[data-kpi="${label}"] .kpi-change`)
    .textContent()
  return (text ?? '').replace(/^[▲▼■]/, '').trim()
}

/** The rule, written out again: against 0 "new", both 0 "–", else the signed ratio. */
function expectedChange(value: number, previous: number): string {
  if (previous === 0) return value === 0 ? '–' : 'new'
  return change(Math.round(((value - previous) / previous) * 10_000) / 10_000)
}

/** `/reports` for whole days [from, to] (UTC, the tests' timezone) and its comparison period. */
async function bookingWidgets(
  from: string,
  to: string,
): Promise<{ now: Reports['overview']; before: Reports['overview'] }> {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1
  // [from 00:00:00, to 23:59:59] is `days` days less a second; the comparison is as long and
  // ends at from 00:00:00: it starts at (from - days) 00:00:01.
  const now = await sextant.api<Reports>(
    `/reports?startTime=${from}%2000:00:00&endTime=${to}%2023:59:59`,
  )
  const before = await sextant.api<Reports>(
    `/reports?startTime=${addDays(from, -days)}%2000:00:01&endTime=${from}%2000:00:00`,
  )
  return { now: now.overview, before: before.overview }
}

describe('KPI names and definitions across the dashboards', () => {
  it('no label appears twice with different figures; every tile has its info button', async () => {
    const seen = new Map<string, { value: string; page: PageName }>()
    const clashes: string[] = []
    const missingInfo: string[] = []
    const labels: Record<string, string[]> = {}
    for (const name of DASHBOARDS) {
      const found = await settledTiles(page, name)
      labels[name] = found.map((tile) => tile.label)
      for (const tile of found) {
        if (tile.button !== `About ${tile.label}`)
          missingInfo.push(`${name}: "${tile.label}" has ${tile.button ?? 'no info button'}`)
        const other = seen.get(tile.label)
        if (other !== undefined && other.value !== tile.value)
          clashes.push(`"${tile.label}": ${other.value} on ${other.page}, ${tile.value} on ${name}`)
        seen.set(tile.label, { value: tile.value, page: name })
      }
    }
    expect(clashes).toEqual([])
    expect(missingInfo).toEqual([])
    // The pairs of the issue: each side under its own name.
    expect(labels.overview).toEqual(
      expect.arrayContaining([
        'Bookings made',
        'Bookings completed (by booking date)',
        'Bookings cancelled (by booking date)',
        'Call completion rate',
        'Open rate (of sent)',
        'Booking events',
      ]),
    )
    expect(labels.bookings).toEqual([
      'Bookings made',
      'Bookings completed (by meeting end)',
      'Bookings cancelled (by meeting end)',
      'Guests',
    ])
    expect(labels.calls).toContain('Task success rate (all time)')
    expect(labels.campaigns).toContain('Open rate (of delivered)')
    expect(labels.workspace).toContain('Booking events (all time)')
    // Under the period selector, every figure that ignores it says so.
    for (const name of ['workspace', 'campaigns'] as const)
      for (const label of labels[name]!)
        expect(label, label).not.toMatch(/^(Rooms|Recordings|Contacts|Booking events)$/)
  })

  it('each side of a pair is its own API figure; "Bookings made" is one figure on two pages', async () => {
    const overview = await sextant.api<Overview>('/api/v1/overview?days=30')
    const kpi = (key: string): number => overview.kpis.find((entry) => entry.key === key)!.value
    const from = addDays(TODAY, -29)
    const { now } = await bookingWidgets(from, TODAY)
    const widget = (title: string): number => now.find((entry) => entry.title === title)!.number

    await openPage(page, sextant, 'overview')
    const onOverview = Object.fromEntries(
      (await tiles(page)).map((tile) => [tile.label, tile.value]),
    )
    expect(onOverview['Bookings completed (by booking date)']).toBe(
      number(kpi('bookingsCompleted')),
    )
    expect(onOverview['Bookings made']).toBe(number(kpi('bookingTotal')))
    const onBookings = await settledTiles(page, 'bookings')
    expect(Object.fromEntries(onBookings.map((tile) => [tile.label, tile.value]))).toEqual({
      'Bookings made': number(widget('Total Bookings')),
      'Bookings completed (by meeting end)': number(widget('Completed Bookings')),
      'Bookings cancelled (by meeting end)': number(widget('Cancelled Bookings')),
      Guests: number(widget('Total Guests')),
    })
    // The same quantity by both APIs (created_at, the same 30 days).
    expect(widget('Total Bookings')).toBe(kpi('bookingTotal'))

    // The Overview's calls are the contact spaces' calls, as the Calls page's: over ten years
    // (every demo call), their count is the organisations' total_calls summed.
    const decade = await sextant.api<Overview>('/api/v1/overview?days=3650')
    const { organisations } = await sextant.api<Organisations>('/api/v1/organisations')
    let lifetimeCalls = 0
    for (const organisation of organisations) {
      const { data } = await sextant.api<{ data: CallAnalyticsData }>(
        '/api/v2/platform/organisation/analytics/',
        { 'Org-Handle': organisation.domain_handle },
      )
      lifetimeCalls += data.total_calls
    }
    expect(lifetimeCalls).toBeGreaterThan(0)
    expect(decade.kpis.find((entry) => entry.key === 'calls')!.value).toBe(lifetimeCalls)
  })

  it('opens one popover per page with the keyboard; it names the timestamp and the window; Escape closes it', async () => {
    const from = addDays(TODAY, -29)
    const last30 = `The last 30 days: ${from} to ${TODAY} up to now (calendar days in UTC)`
    const checks: Record<string, { label: string; texts: string[] }> = {
      overview: {
        label: 'Bookings completed (by booking date)',
        texts: ['bookings.created_at', `${last30}, against the 30 days before.`],
      },
      workspace: {
        label: 'Booking events (all time)',
        texts: ['none: every record counts', 'All time: every record, whatever days are chosen'],
      },
      bookings: {
        label: 'Bookings completed (by meeting end)',
        texts: [
          'bookings.end_time',
          `The 30 days chosen above: ${from} to ${TODAY} included (calendar days in UTC), against the 30 days before.`,
        ],
      },
      campaigns: {
        label: 'Open rate (of delivered)',
        texts: ['messages.created_at', 'divided by delivered messages', `${last30}.`],
      },
      calls: {
        label: 'Task success rate (all time)',
        texts: ['tasks, not calls', 'All time: every record'],
      },
    }
    for (const name of DASHBOARDS) {
      const { label, texts } = checks[name]!
      await settledTiles(page, name)
      const button = page.getByRole('button', { name: `About ${label}`, exact: true })
      await button.focus()
      await page.keyboard.press('Enter')
      await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true')
      const popover = page.locator(`[id="${await button.getAttribute('aria-controls')}"]`)
      await popover.waitFor()
      const text = (await popover.textContent()) ?? ''
      for (const expected of texts) expect(text, `${name}: ${label}`).toContain(expected)
      expect(text).toContain(label)
      await screenshot(page, `kpi-popover-${name}`)
      // Not cut off by the window.
      const box = (await popover.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width)

      await page.keyboard.press('Escape')
      await popover.waitFor({ state: 'detached' })
      expect(await button.getAttribute('aria-expanded')).toBe('false')
      // Focus is back on the button.
      expect(
        await page.evaluate(() =>
          (globalThis as unknown as InPage).document.activeElement?.getAttribute('aria-label'),
        ),
      ).toBe(`About ${label}`)
      // Space opens it too, and a click elsewhere closes it.
      await page.keyboard.press('Space')
      await popover.waitFor()
      await page.locator('main.content section.panel h2').last().click()
      await popover.waitFor({ state: 'detached' })
    }
  })

  it('a popover reads in the light and the dark theme (screenshots)', async () => {
    await settledTiles(page, 'overview')
    for (const theme of ['light', 'dark'] as const) {
      await page.selectOption('[data-testid=theme]', theme)
      await expect
        .poll(() =>
          page.evaluate(
            () => (globalThis as unknown as InPage).document.documentElement.dataset.theme,
          ),
        )
        .toBe(theme)
      const button = page.getByRole('button', { name: 'About Call completion rate', exact: true })
      await button.focus()
      await page.keyboard.press('Enter')
      const popover = page.locator('[data-kpi-popover="overview.callCompletionRate"]')
      await popover.waitFor()
      const colors = await popover.evaluate((element) => {
        const style = (globalThis as unknown as InPage).getComputedStyle(
          element as unknown as InPageElement,
        )
        return { background: style.backgroundColor, color: style.color }
      })
      expect(contrast(colors.background, colors.color)).toBeGreaterThanOrEqual(7)
      await popover.scrollIntoViewIfNeeded()
      await screenshot(page, `kpi-popover-${theme}`)
      await page.keyboard.press('Escape')
      await popover.waitFor({ state: 'detached' })
    }
    await page.selectOption('[data-testid=theme]', 'light')
  })

  it('at 900 px no popover leaves the window', async () => {
    await page.setViewportSize({ width: 900, height: 900 })
    try {
      const outside: string[] = []
      for (const name of ['overview', 'workspace', 'calls'] as const) {
        await settledTiles(page, name)
        const buttons = page.locator('main.content button.kpi-info-button')
        const count = await buttons.count()
        for (let index = 0; index < count; index++) {
          const button = buttons.nth(index)
          await button.focus()
          await page.keyboard.press('Enter')
          const popover = page.locator(`[id="${await button.getAttribute('aria-controls')}"]`)
          await popover.waitFor()
          const box = (await popover.boundingBox())!
          if (box.x < 0 || box.x + box.width > 900)
            outside.push(
              `${name}: ${await button.getAttribute('aria-label')} at ${box.x}+${box.width}`,
            )
          await page.keyboard.press('Escape')
          await popover.waitFor({ state: 'detached' })
        }
      }
      await settledTiles(page, 'workspace')
      await page.getByRole('button', { name: 'About Open rate in workspace (of sent)' }).click()
      await screenshot(page, 'kpi-popover-workspace-900')
      await page.keyboard.press('Escape')
      expect(outside).toEqual([])
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  it('a change against an empty previous period reads "new" on the Bookings page, as on the Overview', async () => {
    // The first day a booking was made: the day `made up to` turns positive, by bisection.
    const origin = addDays(TODAY, -1000)
    const madeUpTo = async (day: string): Promise<number> =>
      (
        await sextant.api<Reports>(
          `/reports?startTime=${origin}%2000:00:00&endTime=${day}%2023:59:59`,
        )
      ).overview.find((entry) => entry.title === 'Total Bookings')!.number
    expect(await madeUpTo(origin)).toBe(0)
    expect(await madeUpTo(TODAY)).toBeGreaterThan(0)
    let [none, some] = [origin, TODAY]
    while (addDays(none, 1) < some) {
      const days = (Date.parse(some) - Date.parse(none)) / 86_400_000
      const middle = addDays(none, Math.floor(days / 2))
      if ((await madeUpTo(middle)) > 0) some = middle
      else none = middle
    }
    const first = some
    const to = addDays(first, 6)
    const { now, before } = await bookingWidgets(first, to)
    const made = now.find((entry) => entry.title === 'Total Bookings')!
    // Nothing was booked in the week before the first booking: the plugin's stat says 100.
    expect(before.find((entry) => entry.title === 'Total Bookings')!.number).toBe(0)
    expect(made.number).toBeGreaterThan(0)
    expect(made.stat).toBe(100)

    await openPage(page, sextant, 'bookings')
    await page.fill('[data-testid=booking-from]', first)
    await page.fill('[data-testid=booking-to]', to)
    const labels = [
      'Bookings made',
      'Bookings completed (by meeting end)',
      'Bookings cancelled (by meeting end)',
      'Guests',
    ]
    const titles = ['Total Bookings', 'Completed Bookings', 'Cancelled Bookings', 'Total Guests']
    const expected = Object.fromEntries(
      labels.map((label, index) => {
        const title = titles[index]!
        return [
          label,
          expectedChange(
            now.find((entry) => entry.title === title)!.number,
            before.find((entry) => entry.title === title)!.number,
          ),
        ]
      }),
    )
    expect(expected['Bookings made']).toBe('new')
    await expect
      .poll(async () => {
        await settle(page)
        const shown: Record<string, string> = {}
        for (const label of labels) shown[label] = await changeOf(page, label)
        return shown
      }, POLL)
      .toEqual(expected)
    await page.locator('.chips button', { hasText: '30 days' }).click()
    await settle(page)
  })

  it('the empty Overview says there is no data yet and links to the Data page', async () => {
    const context = await signIn(browser, empty)
    try {
      await openPage(context.page, empty, 'overview')
      const content = context.page.locator('main.content')
      await content.getByText('No data yet: import data on the Data page.').waitFor()
      const link = content.getByRole('link', { name: 'Go to the Data page' })
      expect(await link.getAttribute('href')).toBe('#/data')
      expect(await content.locator('.kpi').count()).toBe(0)
      expect(await content.textContent()).not.toContain('0%')
      await screenshot(context.page, 'overview-empty')
      await link.click()
      await context.page.locator('main.content[data-page="data"]').waitFor()
    } finally {
      await context.context.close()
    }
  })
})
