// The web UI as a browser user sees it, against a real `sextant serve` on the small demo
// dataset: signing in with the one-time link, every page in the light and the dark theme (no
// console error or warning, every chart holding data, a screenshot each), the figures of each
// dashboard against the API's for the same parameters, and dark mode actually rendering dark.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import {
  expectAttribution,
  expectBookings,
  expectCalls,
  expectCampaign,
  expectCohorts,
  expectOverview,
  expectTimeseries,
  expectWorkspace,
  defaultCampaign,
  firstOrganisation,
  firstWorkspace,
  OVERVIEW_LABELS,
} from './expected'
import {
  PAGES,
  TODAY,
  addDays,
  chartNames,
  chartOption,
  chartValues,
  collectConsoleErrors,
  contrast,
  launchBrowser,
  luminance,
  newContext,
  openPage,
  setUpOrFail,
  screenshot,
  settle,
  sessionSecret,
  signIn,
  startConsole,
  type Console,
  type InPage,
  type PageName,
} from './harness'

/** The charts each page draws (window.sextantCharts names). */
const CHARTS: Record<PageName, string[]> = {
  overview: Object.keys(OVERVIEW_LABELS).map((key) => `overview.${key}`),
  workspace: [
    'workspace.activity',
    'workspace.types',
    'workspace.contacts',
    'workspace.pages',
    'workspace.rooms',
  ],
  bookings: ['bookings.graph'],
  campaigns: [
    'campaigns.messages',
    'campaigns.status',
    'campaigns.channels',
    'campaigns.ab',
    'campaigns.timeseries',
    'campaigns.attribution',
    'campaigns.funnel',
    'campaigns.cohorts',
  ],
  calls: ['calls.daily', 'calls.outcomes', 'calls.tasks'],
  data: [],
  settings: [],
}

let sextant: Console
let browser: Browser
let context: BrowserContext
/** The page that opened the sign-in link, and what it showed right after. */
let first: { page: Page; url: string }

setUpOrFail(async () => {
  browser = await launchBrowser()
  sextant = await startConsole('small')
  const signedIn = await signIn(browser, sextant)
  context = signedIn.context
  first = { page: signedIn.page, url: signedIn.page.url() }
})

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
})

const theme = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.dataset.theme)

const backgrounds = (page: Page) =>
  page.evaluate(() => {
    const window = globalThis as unknown as InPage
    const body = window.getComputedStyle(window.document.body)
    const panel = window.document.querySelector('main.content section.panel')
    return {
      body: body.backgroundColor,
      text: body.color,
      panel: panel === null ? null : window.getComputedStyle(panel).backgroundColor,
    }
  })

describe('signing in', () => {
  it('the printed link signs in once and leaves no code in the address bar', async () => {
    const { page } = first
    expect(first.url).not.toContain('login=')
    expect(new URL(first.url).hash).toBe('#/overview')
    expect(await page.locator('main.content[data-page="overview"]').count()).toBe(1)
    expect(await page.locator('main.signed-out').count()).toBe(0)
    // no cookie (every port of 127.0.0.1 would get it): the tab keeps a secret it sends as
    // the X-Sextant-Session header (test/e2e/session.test.ts holds the rest of that rule)
    expect(await context.cookies(sextant.base)).toEqual([])
    const secret = await sessionSecret(page)
    const session = (headers: Record<string, string>) =>
      context.request.get(`${sextant.base}/api/v1/session`, { headers })
    expect(await (await session({ 'x-sextant-session': secret })).json()).toEqual({
      signedIn: true,
    })
    expect(await (await session({})).json()).toEqual({ signedIn: false })

    // the session outlives a reload (the code is gone from the address, the secret stays)
    await page.reload()
    await page.locator('main.content[data-page="overview"]').waitFor()
    // and a second tab gets it from this one
    const again = await context.newPage()
    await again.goto(`${sextant.base}/#/overview`)
    await again.locator('main.content[data-page="overview"]').waitFor()
    expect(await again.locator('main.signed-out').count()).toBe(0)
    await again.close()

    // the same link in another browser profile: used up, so that one is signed out
    const other = await newContext(browser)
    try {
      const page2 = await other.newPage()
      await page2.goto(sextant.loginUrl)
      const signedOut = page2.locator('main.signed-out')
      await signedOut.waitFor()
      const text = (await signedOut.textContent()) ?? ''
      expect(text).toContain('This browser is not signed in to the console.')
      expect(text).toContain(`${sextant.base}/#login=`)
      expect(text).toContain('sextant serve --open')
      expect(await page2.locator('main.content').count()).toBe(0)
      expect(page2.url()).not.toContain('login=')
      expect(await (await other.request.get(`${sextant.base}/api/v1/session`)).json()).toEqual({
        signedIn: false,
      })
      const denied = await other.request.get(`${sextant.base}/api/v1/overview?days=30`)
      expect(denied.status()).toBe(401)
      await screenshot(page2, 'signed-out')
    } finally {
      await other.close()
    }
  })
})

describe('every page', () => {
  it('loads without console errors, draws data in every chart, in light and dark', async () => {
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)
    // The default window, 30 days: the demo data have a non-zero value in every series of it
    // (rooms too: they are opened all through the year; see the API check below).
    const overview = await sextant.api<{ kpis: { key: string; trend: number[] }[] }>(
      '/api/v1/overview?days=30',
    )
    expect(overview.kpis.filter((kpi) => kpi.trend.every((value) => value === 0))).toEqual([])
    await openPage(page, sextant, 'overview')
    expect(await page.inputValue('[data-testid=period]')).toBe('30')

    const problems: string[] = []
    for (const chosen of ['light', 'dark'] as const) {
      for (const name of PAGES) {
        await openPage(page, sextant, name)
        await page.selectOption('[data-testid=theme]', chosen)
        await expect.poll(() => theme(page)).toBe(chosen)
        await settle(page)
        expect(await page.locator('main.content .panel-state.error').allTextContents()).toEqual([])
        expect(
          await page.locator('main.content .panel-state.empty').allTextContents(),
          `${name}: no empty panel`,
        ).toEqual([])
        expect((await chartNames(page)).sort(), `${name}: its charts`).toEqual(
          [...CHARTS[name]].sort(),
        )
        for (const chart of CHARTS[name]) {
          await expect
            .poll(async () => (await chartValues(page, chart))?.flat().some((v) => v !== 0), {
              timeout: 5_000,
            })
            .toBe(true)
        }
        await screenshot(page, `${name}-${chosen}`)
        problems.push(...errors.map((error) => `${name} (${chosen}): ${error}`))
        errors.length = 0
      }
    }
    expect(problems).toEqual([])
    await page.close()
  }, 90_000)
})

describe('the figures equal the API for the same parameters', () => {
  it('overview, workspace, bookings, calls and campaigns for the last 30 days', async () => {
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)
    await openPage(page, sextant, 'overview')
    await page.selectOption('[data-testid=period]', '30')
    await expectOverview(page, sextant, 30)

    const workspace = await firstWorkspace(sextant)
    await openPage(page, sextant, 'workspace')
    await expectWorkspace(page, sextant, workspace, 30)

    await openPage(page, sextant, 'bookings')
    // no range chosen: the bookings page follows the period, today included
    await expectBookings(page, sextant, addDays(TODAY, -29), TODAY)

    await openPage(page, sextant, 'calls')
    await expectCalls(page, sextant, await firstOrganisation(sextant))

    await openPage(page, sextant, 'campaigns')
    await expectCampaign(page, sextant, workspace, await defaultCampaign(sextant, workspace), 30)
    await expectTimeseries(page, sextant, workspace, 30)
    // the documented defaults: conversions are purchases, retention counts any event
    await expectAttribution(page, sextant, workspace, 'purchase', 30)
    await expectCohorts(page, sextant, workspace, 'events', 30)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})

describe('dark mode', () => {
  it('renders dark backgrounds with light, readable text and chart text', async () => {
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)
    await openPage(page, sextant, 'workspace')
    await page.selectOption('[data-testid=theme]', 'light')
    await expect.poll(() => theme(page)).toBe('light')
    const light = await backgrounds(page)
    expect(luminance(light.body)).toBeGreaterThan(0.8)
    expect(luminance(light.text)).toBeLessThan(0.2)
    await expect
      .poll(async () => (await chartOption(page, 'workspace.activity'))?.textStyle?.color)
      .toSatisfy((color) => typeof color === 'string' && luminance(color) < 0.2)

    // switched live, without a reload: the page and the charts already drawn follow
    await page.selectOption('[data-testid=theme]', 'dark')
    await expect.poll(() => theme(page)).toBe('dark')
    const dark = await backgrounds(page)
    expect(luminance(dark.body), `body background ${dark.body}`).toBeLessThan(0.05)
    expect(luminance(dark.panel!), `panel background ${dark.panel}`).toBeLessThan(0.05)
    expect(contrast(dark.text, dark.panel!), 'body text on panels').toBeGreaterThanOrEqual(4.5)

    const chartText = async () => {
      const activity = await chartOption(page, 'workspace.activity')
      const types = await chartOption(page, 'workspace.types')
      return {
        text: activity?.textStyle?.color,
        legend: activity?.legend?.[0]?.textStyle?.color,
        xLabels: activity?.xAxis?.[0]?.axisLabel?.color,
        yLabels: activity?.yAxis?.[0]?.axisLabel?.color,
        pieLegend: types?.legend?.[0]?.textStyle?.color,
      }
    }
    await expect
      .poll(async () => {
        const colors = await chartText()
        return Object.values(colors).every(
          (color) => typeof color === 'string' && luminance(color) > 0.3,
        )
      })
      .toBe(true)
    const colors = await chartText()
    for (const [what, color] of Object.entries(colors)) {
      expect(luminance(color!), `${what} ${color} is light`).toBeGreaterThan(0.3)
      expect(contrast(color!, dark.panel!), `${what} ${color} on ${dark.panel}`).toBeGreaterThan(
        what === 'xLabels' || what === 'yLabels' ? 3 : 4.5,
      )
    }
    await screenshot(page, 'workspace-dark-live-switch')

    // "system" follows the operating system's preference
    await page.selectOption('[data-testid=theme]', 'system')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => theme(page)).toBe('dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => theme(page)).toBe('light')
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('a narrow window', () => {
  it('no page is wider than a 900 px window', async () => {
    const page = await context.newPage()
    await page.setViewportSize({ width: 900, height: 800 })
    for (const name of PAGES) {
      await openPage(page, sextant, name)
      const widths = await page.evaluate(() => {
        const browser = globalThis as unknown as {
          innerWidth: number
          document: { documentElement: { scrollWidth: number } }
        }
        return [browser.document.documentElement.scrollWidth, browser.innerWidth]
      })
      expect(widths[0], `${name} scrolls sideways`).toBeLessThanOrEqual(widths[1]!)
    }
    await page.close()
  })
})

describe('a lost session', () => {
  // Last in this file: it ends the session the other tests share.
  it('shows how to sign in again instead of an error in every panel', async () => {
    const page = await context.newPage()
    await openPage(page, sextant, 'overview')
    // The console forgets this browser (as after a restart of `sextant serve`).
    const secret = await sessionSecret(page)
    const ended = await context.request.delete(`${sextant.base}/api/v1/session`, {
      headers: { 'x-sextant-session': secret },
    })
    expect(ended.status()).toBe(204)
    await page.selectOption('[data-testid=period]', '7')
    await page.locator('main.signed-out').waitFor()
    expect(await page.locator('main.signed-out').textContent()).toContain('sextant serve --open')
    expect(await page.locator('.panel-state.error').count()).toBe(0)
    await page.close()
  })
})
