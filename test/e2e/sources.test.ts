// Sync sources in the UI (issue #6), between two real consoles: a remote one with the small demo
// and a local one that starts empty. On the local console's Data page the analyst adds a
// `sextant` source pointing at the remote with a token made there, tests the connection, runs
// it (the history says ok with as many records added as the remote holds, and the record counts
// follow), adds a product `snapshot` source, runs it twice and reads its remote figures and
// their trend chart, edits a schedule (the stored token stays, and the next run pulls nothing
// new), and deletes a source. Expected figures come from the remote's API, never from the UI.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { Source } from '../../src-shared/api/sync'
import {
  chartOption,
  chartValues,
  collectConsoleErrors,
  consoleDb,
  launchBrowser,
  luminance,
  number,
  openPage,
  runCli,
  SCREENSHOTS,
  screenshot,
  setUpOrFail,
  settle,
  signIn,
  startConsole,
  type Console,
  type InPage,
  type InPageElement,
} from './harness'

let browser: Browser
let remote: Console
let local: Console
let page: Page
let errors: string[]
/** A full-access token made on the remote console with the CLI while it runs. */
let pullToken: string

const RUN_TIMEOUT = 60_000

setUpOrFail(async () => {
  browser = await launchBrowser()
  remote = await startConsole('small')
  local = await startConsole('empty')
  const out = runCli(['--db', consoleDb(remote), 'token', 'create', '--name', 'pull'])
  pullToken = out.trim().split('\n').at(-1)!.trim()
  expect(pullToken.length).toBeGreaterThan(10)
  page = (await signIn(browser, local)).page
  errors = collectConsoleErrors(page)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await remote?.stop()
  await local?.stop()
})

/** GET on the remote with the token made for pulling. */
async function remoteGet<T>(path: string): Promise<T> {
  const response = await fetch(remote.base + path, {
    headers: { authorization: `Bearer ${pullToken}` },
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${text}`)
  return JSON.parse(text) as T
}

const row = (name: string) => page.locator(`tbody[data-source="${name}"]`)
const form = () => page.locator('[data-testid=source-form]')

const lastRunState = (name: string): Promise<string | null> =>
  row(name).locator('[data-testid=last-run]').getAttribute('data-state')

/** The history's rows (newest first): state and counts text. */
async function history(name: string): Promise<{ state: string; counts: string }[]> {
  const rows = row(name).locator('[data-testid=history] tbody tr')
  return rows.evaluateAll((elements) =>
    (elements as unknown as InPageRow[]).map((element) => ({
      state: element.getAttribute('data-state') ?? '',
      counts: (element.querySelector('[data-testid=history-counts]')?.textContent ?? '').trim(),
    })),
  )
}
/** A table row inside the page (the tests compile without the DOM lib). */
interface InPageRow extends InPageElement {
  querySelector(selector: string): InPageElement | null
}

/** Clicks Run now and waits until the source's newest run has ended (`runs` runs in all). */
async function runNow(name: string, runs: number): Promise<void> {
  await row(name).locator('[data-testid=source-run]').click()
  await expect
    .poll(
      async () => {
        const list = await history(name)
        return list.length >= runs && list[0]!.state !== 'running' ? list[0]!.state : 'waiting'
      },
      { timeout: RUN_TIMEOUT, interval: 250 },
    )
    .toBe('ok')
  await expect.poll(() => lastRunState(name), { timeout: RUN_TIMEOUT }).toBe('ok')
  expect(await row(name).locator('[data-testid=source-run]').isEnabled()).toBe(true)
}

/** A PNG of one element (a modal dialog: a full-page shot would misplace its backdrop). */
async function elementShot(locator: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await locator.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' })
}

async function setTheme(chosen: 'light' | 'dark'): Promise<void> {
  await page.selectOption('[data-testid=theme]', chosen)
  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.dataset.theme),
    )
    .toBe(chosen)
}

describe('sync sources on the Data page', () => {
  it('says there are no sources yet, with a button to add one', async () => {
    await openPage(page, local, 'data')
    const empty = page.locator('[data-testid=sources-empty]')
    await empty.waitFor()
    expect(await empty.textContent()).toContain('No sources yet')
    expect(await empty.getByRole('button', { name: 'Add source' }).count()).toBe(1)
  })

  it('adds a Sextant source (the server’s 400 shown in the form), tests and runs it', async () => {
    await page.locator('[data-testid=sources-empty] [data-testid=source-add]').click()
    await form().waitFor()
    await page.getByLabel('Name', { exact: true }).fill('remote-console')
    await page.getByLabel(/Another Sextant/).check()
    await page.locator('[data-testid=source-url]').fill('ftp://nowhere')
    await page.locator('[data-testid=source-token]').fill(pullToken)
    await page.locator('[data-testid=source-save]').click()
    const problem = page.locator('[data-testid=source-form-error]')
    await problem.waitFor()
    expect(await problem.textContent()).toContain('config.url: must be an http:// or https:// URL')
    // the browser logs that refused request; it was the point, so it is not an error here
    errors.length = 0

    await page.locator('[data-testid=source-url]').fill(remote.base)
    await page.locator('[data-testid=source-save]').click()
    await form().waitFor({ state: 'detached' })
    await row('remote-console').waitFor()
    await settle(page)
    // the token went to the server, and never comes back into the page
    expect(await page.content()).not.toContain(pullToken)
    const stored = await local.api<Source>('/api/v1/sources/remote-console')
    expect(stored).toMatchObject({
      kind: 'sextant',
      config: { url: remote.base },
      secrets: ['token'],
      schedule: 'manual',
    })
    expect(await lastRunState('remote-console')).toBe('never')

    // Test connection: the first page of the remote's feed, nothing stored
    await row('remote-console').locator('[data-testid=source-test]').click()
    const result = row('remote-console').locator('[data-testid=test-result]')
    await result.waitFor()
    expect(await result.getAttribute('data-state')).toBe('ok')
    expect(await result.textContent()).toContain('HTTP 200')
    expect(await result.getAttribute('class')).toContain('ok')

    // Run now: the history says ok, with every record of the remote added
    const counts = (await remoteGet<{ counts: Record<string, number> }>('/api/v1/counts')).counts
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0)
    expect(total).toBeGreaterThan(0)
    await row('remote-console').locator('[data-testid=source-history-toggle]').click()
    await runNow('remote-console', 1)
    const runs = await history('remote-console')
    expect(runs).toHaveLength(1)
    expect(runs[0]!.counts).toMatch(new RegExp(`^${number(total)} added, 0 updated, \\d+ pages?$`))
    expect(await row('remote-console').locator('[data-testid=run-counts]').textContent()).toContain(
      `${number(total)} added`,
    )

    // the record counts follow without a reload (the cached answers were forgotten)
    const shown = (): Promise<Record<string, string>> =>
      page
        .locator('[data-testid=counts] tr[data-entity]')
        .evaluateAll((rows) =>
          Object.fromEntries(
            (rows as unknown as InPageRow[]).map((element) => [
              element.getAttribute('data-entity'),
              (element.querySelector('td.num')?.textContent ?? '').trim(),
            ]),
          ),
        )
    await expect
      .poll(shown)
      .toEqual(
        Object.fromEntries(Object.entries(counts).map(([key, value]) => [key, number(value)])),
      )
  }, 120_000)

  it('adds a product snapshot source, runs it twice and charts its remote figures', async () => {
    const workspaces = await remoteGet<{ workspaces: { id: string }[] }>('/api/v1/workspaces')
    const workspace = workspaces.workspaces[0]!.id

    await page.locator('section[data-panel="data.sources"] [data-testid=source-add]').click()
    await form().waitFor()
    await page.getByLabel('Name', { exact: true }).fill('remote-figures')
    await page.getByLabel(/Product API snapshots/).check()
    await page.locator('[data-testid=source-product]').selectOption('workspaces')
    await page.locator('[data-testid=source-url]').fill(remote.base)
    await page.locator('[data-testid=source-token]').fill(pullToken)
    await page.locator('[data-testid=source-workspaces]').fill(workspace)
    await elementShot(form(), 'data-source-form')
    await page.locator('[data-testid=source-save]').click()
    await form().waitFor({ state: 'detached' })
    await row('remote-figures').waitFor()
    expect(await local.api<Source>('/api/v1/sources/remote-figures')).toMatchObject({
      kind: 'snapshot',
      config: { product: 'workspaces', url: remote.base, workspaces: [workspace] },
      secrets: ['token'],
    })

    await row('remote-figures').locator('[data-testid=source-history-toggle]').click()
    await runNow('remote-figures', 1)
    await runNow('remote-figures', 2)
    const runs = await history('remote-figures')
    expect(runs.map((run) => run.state)).toEqual(['ok', 'ok'])
    expect(runs.map((run) => run.counts)).toEqual(['1 snapshot', '1 snapshot'])

    // the figures panel: the endpoint fetched, its figures, and the trend of the chosen one
    const panel = page.locator('section[data-panel="data.figures.remote-figures"]')
    const endpoint = `/api/workspaces/${encodeURIComponent(workspace)}/analytics?period=30d`
    await panel.locator(`[data-endpoint="${endpoint}"]`).waitFor()
    await settle(page)
    expect(await panel.locator('[data-endpoint]').count()).toBe(1)
    const chart = 'data.figures.remote-figures.0'
    await expect.poll(async () => (await chartValues(page, chart))?.[0]?.length ?? 0).toBe(2)

    // the chart and the table agree with the remote's own answer for the same request
    const answer = await remoteGet<Record<string, unknown>>(endpoint)
    const at = (path: string): number =>
      path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], answer) as number
    const figureRows = panel.locator('[data-testid=figures] tbody tr')
    expect(await figureRows.count()).toBeGreaterThan(0)
    expect(await figureRows.count()).toBeLessThanOrEqual(12)
    const selected = (await panel.locator('tr.selected').getAttribute('data-figure'))!
    expect((await chartValues(page, chart))![0]).toEqual([at(selected), at(selected)])
    expect((await chartOption(page, chart))!.series![0]!.name).toBe(selected)

    // clicking another figure charts it
    const other = (await figureRows.nth(1).getAttribute('data-figure'))!
    await figureRows.nth(1).click()
    await expect.poll(async () => (await chartOption(page, chart))?.series?.[0]?.name).toBe(other)
    expect((await chartValues(page, chart))![0]).toEqual([at(other), at(other)])
    const latestCell = figureRows.nth(1).locator('td.num').first()
    expect(await latestCell.textContent()).toBe(number(at(other)))
  }, 120_000)

  it('edits a schedule: the token is kept and not shown, the sync resumes where it was', async () => {
    await setTheme('dark')
    await row('remote-console').locator('[data-testid=source-edit]').click()
    await form().waitFor()
    await elementShot(form(), 'data-source-edit-dark')
    await setTheme('light')
    const token = page.locator('[data-testid=source-token]')
    expect(await token.inputValue()).toBe('')
    expect(await token.getAttribute('type')).toBe('password')
    expect(await token.getAttribute('placeholder')).toBe('set — leave empty to keep')
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('remote-console')
    await page.locator('[data-testid=source-schedule]').selectOption('daily-at')
    await page.locator('[data-testid=source-schedule-time]').fill('06:30')
    await page.locator('[data-testid=source-save]').click()
    await form().waitFor({ state: 'detached' })
    await expect
      .poll(() => row('remote-console').locator('[data-testid=source-schedule-text]').textContent())
      .toBe('Daily at 06:30')
    const stored = await local.api<Source>('/api/v1/sources/remote-console')
    expect(stored.schedule).toBe('daily 06:30')
    expect(stored.secrets).toEqual(['token'])
    expect(stored.nextRunAt).not.toBeNull()
    expect(await row('remote-console').textContent()).toContain('next ')

    // same config, so the checkpoints stayed: nothing new to pull
    await runNow('remote-console', 2)
    expect((await history('remote-console'))[0]!.counts).toMatch(/^0 added, /)
  }, 120_000)

  it('a console that does not answer: progress while it retries, then offline', async () => {
    // a port nothing listens on: connections are refused at once, and retried with backoff
    const nowhere = 'http://127.0.0.1:9'
    await page.locator('section[data-panel="data.sources"] [data-testid=source-add]').click()
    await form().waitFor()
    await page.getByLabel('Name', { exact: true }).fill('nowhere')
    // the HTTP kind's fields: pagination, incremental, mapping, headers (secret by default)
    await page.getByLabel(/HTTP records/).check()
    await page.getByLabel('Pagination').selectOption('page')
    await page.getByRole('button', { name: 'Add header' }).click()
    const header = form().locator('.header-row').first()
    await header.getByLabel('Name', { exact: true }).fill('Authorization')
    await header.getByLabel('Value').fill('Bearer not-shown')
    expect(await header.getByLabel('Value').getAttribute('type')).toBe('password')
    await elementShot(form(), 'data-source-form-http')
    await page.getByLabel(/Another Sextant/).check()
    await page.locator('[data-testid=source-url]').fill(nowhere)
    await page.locator('[data-testid=source-save]').click()
    await form().waitFor({ state: 'detached' })
    await row('nowhere').waitFor()

    await row('nowhere').locator('[data-testid=source-test]').click()
    const result = row('nowhere').locator('[data-testid=test-result]')
    await result.waitFor({ timeout: 20_000 })
    expect(await result.getAttribute('data-state')).toBe('offline')
    expect(await result.getAttribute('class')).toContain('error')

    await row('nowhere').locator('[data-testid=source-run]').click()
    // running: the button is disabled and says so, the row shows what the run is doing
    await expect.poll(() => lastRunState('nowhere')).toBe('running')
    await screenshot(page, 'data-source-running')
    expect(await row('nowhere').locator('[data-testid=source-run]').isDisabled()).toBe(true)
    expect(await row('nowhere').locator('[data-testid=source-run]').textContent()).toContain(
      'Running',
    )
    expect(await row('nowhere').locator('[data-testid=run-progress]').count()).toBe(1)
    await expect
      .poll(() => lastRunState('nowhere'), { timeout: RUN_TIMEOUT, interval: 250 })
      .toBe('offline')
    const error = await row('nowhere').locator('.run-error').textContent()
    expect(error).toMatch(/^offline: /)
    expect(await row('nowhere').locator('[data-testid=source-run]').isEnabled()).toBe(true)
    // the browser logged nothing but the failed fetches the console made on its side
    expect(errors).toEqual([])
  }, 120_000)

  it('shows the sources and remote figures readably in light and dark', async () => {
    const chart = 'data.figures.remote-figures.0'
    for (const chosen of ['light', 'dark'] as const) {
      await setTheme(chosen)
      await settle(page)
      await expect.poll(async () => (await chartValues(page, chart))?.[0]?.length ?? 0).toBe(2)
      const option = (await chartOption(page, chart))!
      // chart text takes the theme's colors: dark text on light, light text on dark
      const text = option.textStyle!.color!
      expect(luminance(text) < 0.2).toBe(chosen === 'light')
      await screenshot(page, `data-sources-${chosen}`)
    }
    await setTheme('light')
  })

  it('deletes a source after asking', async () => {
    page.once('dialog', (dialog) => void dialog.dismiss())
    await row('remote-figures').locator('[data-testid=source-delete]').click()
    await settle(page)
    expect(await row('remote-figures').count()).toBe(1)

    page.once('dialog', (dialog) => void dialog.accept())
    await row('remote-figures').locator('[data-testid=source-delete]').click()
    await row('remote-figures').waitFor({ state: 'detached' })
    await page.locator('section[data-panel="data.figures.remote-figures"]').waitFor({
      state: 'detached',
    })
    const left = await local.api<{ sources: Source[] }>('/api/v1/sources')
    expect(left.sources.map((source) => source.name)).toEqual(['nowhere', 'remote-console'])
    expect(errors).toEqual([])
  })
})
