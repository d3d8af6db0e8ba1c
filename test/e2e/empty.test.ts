// Rule (issue #4): on an empty database the dashboards say there is nothing yet instead of
// failing, and the Data page offers the demo dataset, which then fills every dashboard.
import type { Browser, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import {
  collectConsoleErrors,
  launchBrowser,
  openPage,
  screenshot,
  setUpOrFail,
  signIn,
  startConsole,
  type Console,
} from './harness'

let sextant: Console
let browser: Browser
let page: Page
let errors: string[]

setUpOrFail(async () => {
  browser = await launchBrowser()
  sextant = await startConsole('empty')
  page = (await signIn(browser, sextant)).page
  errors = collectConsoleErrors(page)
})

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
})

describe('an empty database', () => {
  it('shows empty states, then loads the demo from the Data page', async () => {
    const before = (await sextant.api<{ counts: Record<string, number> }>('/api/v1/counts')).counts
    expect(Object.values(before).every((count) => count === 0)).toBe(true)

    await openPage(page, sextant, 'workspace')
    await page.getByText('No workspace yet: import data on the Data page.').waitFor()
    await page.getByRole('link', { name: 'Go to the Data page' }).waitFor()
    await openPage(page, sextant, 'calls')
    await page.getByText('No organisation yet: import data on the Data page.').waitFor()
    await openPage(page, sextant, 'overview')
    // No wall of zeros (issue #14 item 6): the Overview says so, as the other pages do.
    await page.getByText('No data yet: import data on the Data page.').waitFor()
    expect(await page.locator('main.content .kpi').count()).toBe(0)
    expect(await page.locator('.panel-state.error').count()).toBe(0)

    await openPage(page, sextant, 'data')
    await screenshot(page, 'data-empty')
    const load = page.getByRole('button', { name: 'Load the demo dataset' })
    await load.click()
    // The demo card goes once the database holds records (its button reads "Loading the demo…"
    // meanwhile).
    await page
      .locator('section.panel[data-panel="Demo data"]')
      .waitFor({ state: 'detached', timeout: 60_000 })
    const after = (await sextant.api<{ counts: Record<string, number> }>('/api/v1/counts')).counts
    expect(after.contact_events).toBeGreaterThan(0)
    expect(after.workspaces).toBeGreaterThan(0)
    await expect
      .poll(() =>
        page.locator('[data-testid=counts] tr[data-entity="workspaces"] td.num').textContent(),
      )
      .toBe(String(after.workspaces))

    await openPage(page, sextant, 'workspace')
    await page.locator('[data-testid=workspace] option').first().waitFor({ state: 'attached' })
    await page.locator('.kpi[data-kpi="Contacts (all time)"] [data-value]').waitFor()
    expect(errors.filter((error) => !/status of 404/.test(error))).toEqual([])
  }, 90_000)
})
