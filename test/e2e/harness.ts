// End-to-end harness: a real console (`sextant demo` + `sextant serve`, as a user runs them) on
// its own temporary database with a fixed clock, Debian's Chromium driven by playwright-core,
// and the helpers the tests read the UI with. The expected figures always come from the API
// (called here with a bearer token) or from plain arithmetic, never from the UI itself.
//
// The tests run under tsconfig.node.json (no DOM lib), so code that runs inside the page uses
// the small `InPage` view of the browser's globals below.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { beforeAll, beforeEach } from 'vitest'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BIN = join(ROOT, 'bin/sextant.mjs')
export const NOW = '2026-11-23T12:00:00Z'
/** The console's "today" for NOW (days are counted in UTC: no SEXTANT_TZ, no setting). */
export const TODAY = '2026-11-23'
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots')

export const PAGES = [
  'overview',
  'workspace',
  'bookings',
  'campaigns',
  'calls',
  'data',
  'settings',
] as const
export type PageName = (typeof PAGES)[number]

// The console -----------------------------------------------------------------------------

export interface Console {
  /** http://127.0.0.1:<port> */
  readonly base: string
  /** The one-time sign-in link `serve` printed. */
  readonly loginUrl: string
  /** A full-access API token made with `sextant token create`. */
  readonly token: string
  readonly dir: string
  /** GET (or another method) against the API with the bearer token; throws unless 2xx. */
  api<T>(path: string, headers?: Record<string, string>): Promise<T>
  /** The server's stderr so far (for failure messages). */
  stderr(): string
  stop(): Promise<void>
}

function env(): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env, SEXTANT_NOW: NOW }
  delete result.SEXTANT_DB
  delete result.SEXTANT_PORT
  delete result.SEXTANT_TZ
  return result
}

function run(args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: env(),
    encoding: 'utf8',
    timeout: 60_000,
  })
  if (result.status !== 0)
    throw new Error(`sextant ${args.join(' ')} failed (${result.status}): ${result.stderr}`)
  return result.stdout
}

/** Runs the CLI (`bin/sextant.mjs`) with the tests' environment; answers its stdout. */
export function runCli(args: string[]): string {
  return run(args)
}

/** The database file of a console started by `startConsole`. */
export function consoleDb(console: Console): string {
  return join(console.dir, 'e2e.db')
}

/** Loads the demo dataset into a fresh database, makes a token and starts `sextant serve`. */
/** A console on a fresh database: the demo dataset of `size`, or nothing at all ('empty'). */
export async function startConsole(
  size: 'small' | 'medium' | 'empty' = 'small',
  options: { serveArgs?: readonly string[] } = {},
): Promise<Console> {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-e2e-'))
  const db = join(dir, 'e2e.db')
  let child: ChildProcessWithoutNullStreams | undefined
  try {
    if (size !== 'empty') run(['--db', db, 'demo', '--size', size])
    const token = run(['--db', db, 'token', 'create', '--name', 'e2e']).trim().split('\n').at(-1)!
    child = spawn(
      process.execPath,
      [BIN, '--db', db, 'serve', '--port', '0', ...(options.serveArgs ?? [])],
      { env: env() },
    )
    const server = child
    let stdout = ''
    let stderr = ''
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const { base, loginUrl } = await new Promise<{ base: string; loginUrl: string }>(
      (resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`sextant serve did not start:\n${stdout}\n${stderr}`)),
          20_000,
        )
        server.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString()
          const listening = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)
          const link = /^sign in \(one-time link\): (http:\/\/\S+#login=[\w-]+)$/m.exec(stdout)
          if (listening !== null && link !== null) {
            clearTimeout(timer)
            resolve({ base: listening[1]!, loginUrl: link[1]! })
          }
        })
        server.on('exit', (code) => {
          clearTimeout(timer)
          reject(new Error(`sextant serve exited with ${code}:\n${stderr}`))
        })
      },
    )
    const api = async <T>(path: string, headers: Record<string, string> = {}): Promise<T> => {
      const response = await fetch(base + path, {
        headers: { authorization: `Bearer ${token}`, ...headers },
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${text}`)
      return JSON.parse(text) as T
    }
    return {
      base,
      loginUrl,
      token,
      dir,
      api,
      stderr: () => stderr,
      stop: async () => {
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
          server.kill('SIGTERM')
          const timer = setTimeout(() => server.kill('SIGKILL'), 10_000)
          await exited
          clearTimeout(timer)
        }
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    child?.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}

/**
 * `beforeAll`, except that a failing setup (no Chromium, a console that does not start) fails
 * every test of the file with its error, instead of leaving them reported as skipped.
 */
export function setUpOrFail(setup: () => Promise<void>, timeout = 60_000): void {
  let failure: unknown
  beforeAll(async () => {
    try {
      await setup()
    } catch (error) {
      failure = error
    }
  }, timeout)
  beforeEach(() => {
    if (failure !== undefined) throw failure
  })
}

// The browser -----------------------------------------------------------------------------

/** Debian's Chromium (never a Playwright download); a missing browser fails the suite. */
export async function launchBrowser(args: readonly string[] = []): Promise<Browser> {
  const executablePath = process.env.SEXTANT_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}: install Chromium: apt-get install -y chromium (or set SEXTANT_CHROMIUM)`,
    )
  }
  return chromium.launch({ executablePath, args: ['--no-sandbox', ...args] })
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    timezoneId: 'UTC',
    locale: 'en-US',
  })
}

/** Opens the sign-in link in a fresh context and waits for the signed-in shell. */
export async function signIn(
  browser: Browser,
  console: Console,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser)
  const page = await context.newPage()
  await page.goto(console.loginUrl)
  await page.locator('main.content').waitFor()
  return { context, page }
}

/**
 * The UI session's secret a signed-in tab holds (its origin's sessionStorage; the UI sends it
 * as the X-Sextant-Session header), or '' when it holds none.
 */
export function sessionSecret(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (
        globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
      ).sessionStorage.getItem('sextant.session') ?? '',
  )
}

/**
 * Console errors and warnings and uncaught page errors, appended as they happen (a live array:
 * `errors.length = 0` starts over).
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    const type = message.type()
    if (type === 'error' || type === 'warning') {
      const where = message.location()
      errors.push(`console.${type}: ${message.text()} (${where.url}:${where.lineNumber})`)
    }
  })
  page.on('pageerror', (error) => errors.push(`page error: ${error.stack ?? error.message}`))
  page.on('crash', () => errors.push('the page crashed'))
  return errors
}

/** A full-page PNG in test-results/screenshots/<name>.png (a git-ignored folder). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const path = join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}

// Reading the page ------------------------------------------------------------------------

/** What code run inside the page may use (the tests are compiled without the DOM lib). */
export interface InPageElement {
  getAttribute(name: string): string | null
  readonly textContent: string | null
}
export interface InPageChart {
  getOption(): ChartOption
}
export interface InPage {
  sextantCharts?: Map<string, InPageChart>
  document: {
    activeElement: (InPageElement & { blur(): void }) | null
    documentElement: InPageElement & { dataset: Record<string, string | undefined> }
    body: InPageElement
    querySelector(selector: string): InPageElement | null
    querySelectorAll(selector: string): ArrayLike<InPageElement>
  }
  getComputedStyle(element: InPageElement): {
    backgroundColor: string
    color: string
    outlineStyle: string
  }
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: string[], name: string, options: { type: string }) => unknown
  requestAnimationFrame(callback: () => void): number
}

export interface ChartSeries {
  type?: string
  name?: string
  data?: unknown[]
}
export interface ChartAxis {
  data?: unknown[]
  axisLabel?: { color?: string }
}
export interface ChartOption {
  series?: ChartSeries[]
  xAxis?: ChartAxis[]
  yAxis?: ChartAxis[]
  textStyle?: { color?: string }
  legend?: { show?: boolean; textStyle?: { color?: string } }[]
}

/** Navigates to a page by its hash route and waits until every panel has its answer. */
export async function openPage(page: Page, sextant: Console, name: PageName): Promise<void> {
  await page.goto(`${sextant.base}/#/${name}`)
  await page.locator(`main.content[data-page="${name}"]`).waitFor()
  await settle(page)
}

/**
 * Navigates to any hash route (`snapshots`, `snapshots/3`) and waits until its page (the route's
 * first segment) has every panel's answer.
 */
export async function openRoute(page: Page, sextant: Console, route: string): Promise<void> {
  await page.goto(`${sextant.base}/#/${route}`)
  await page.locator(`main.content[data-page="${route.split(/[/?]/)[0]}"]`).waitFor()
  await settle(page)
}

/**
 * Waits until nothing on the page is loading: no `[aria-busy=true]` (a panel refetching, or a
 * panel body still waiting), at least one panel shown, and two frames painted after that.
 */
export async function settle(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const { document } = globalThis as unknown as InPage
      return (
        document.querySelectorAll('main.content section.panel').length > 0 &&
        document.querySelectorAll('main.content [aria-busy="true"]').length === 0
      )
    },
    undefined,
    { timeout },
  )
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const window = globalThis as unknown as InPage
        window.requestAnimationFrame(() => window.requestAnimationFrame(() => resolve()))
      }),
  )
}

/** The names of the charts drawn in the page's content (their `data-chart`), in page order. */
export async function chartNames(page: Page): Promise<string[]> {
  return page
    .locator('main.content [data-chart]')
    .evaluateAll((elements) =>
      (elements as unknown as InPageElement[]).map((element) =>
        element.getAttribute('data-chart')!,
      ),
    )
}

/** The option the named chart holds now (from `window.sextantCharts`), or null. */
export async function chartOption(page: Page, name: string): Promise<ChartOption | null> {
  return page.evaluate((chart) => {
    const window = globalThis as unknown as InPage
    const instance = window.sextantCharts?.get(chart)
    if (instance === undefined) return null
    const option = instance.getOption()
    // only plain data crosses back (functions such as formatters are dropped)
    return JSON.parse(JSON.stringify(option)) as ChartOption
  }, name)
}

/** Each series' data as the chart holds it: `series.map(s => s.data)`. */
export async function chartData(page: Page, name: string): Promise<unknown[][] | null> {
  const option = await chartOption(page, name)
  return option === null ? null : (option.series ?? []).map((series) => series.data ?? [])
}

/** One series point as a number: plain numbers, `{value}` items, heatmap cells' ratio. */
export function pointValue(point: unknown, type?: string): number {
  if (typeof point === 'number') return point
  if (Array.isArray(point)) return Number(type === 'heatmap' ? point[2] : point.at(-1))
  if (typeof point === 'object' && point !== null && 'value' in point)
    return pointValue((point as { value: unknown }).value, type)
  return Number(point)
}

/** The numbers each series of the named chart holds (null when the chart is not there). */
export async function chartValues(page: Page, name: string): Promise<number[][] | null> {
  const option = await chartOption(page, name)
  if (option === null) return null
  return (option.series ?? []).map((series) =>
    (series.data ?? []).map((point) => pointValue(point, series.type)),
  )
}

/** `{name, value}` items of a pie or funnel chart's first series. */
export async function chartItems(
  page: Page,
  name: string,
): Promise<{ name: string; value: number }[] | null> {
  const option = await chartOption(page, name)
  if (option === null) return null
  return (option.series?.[0]?.data ?? []).map((item) => {
    const record = item as { name: string; value: unknown }
    return { name: record.name, value: pointValue(record.value) }
  })
}

/** The category labels of a chart (x axis, or y axis for horizontal bars). */
export async function chartCategories(page: Page, name: string): Promise<string[] | null> {
  const option = await chartOption(page, name)
  if (option === null) return null
  const axis = [option.xAxis?.[0], option.yAxis?.[0]].find(
    (candidate) => candidate?.data !== undefined && candidate.data.length > 0,
  )
  return (axis?.data ?? []).map((label) =>
    typeof label === 'object' && label !== null
      ? String((label as { value: unknown }).value)
      : String(label),
  )
}

/** Text of `part` in each KPI tile inside a selector (a panel): label -> text, in page order. */
async function kpiParts(page: Page, within: string, part: string): Promise<Record<string, string>> {
  const pairs = await page.locator(`${within} .kpi[data-kpi]`).evaluateAll(
    (elements, selector) =>
      (
        elements as unknown as (InPageElement & {
          querySelector(s: string): InPageElement | null
        })[]
      ).map((element) => [
        element.getAttribute('data-kpi') ?? '',
        (element.querySelector(selector)?.textContent ?? '').trim(),
      ]),
    part,
  )
  return Object.fromEntries(pairs)
}

/** The KPI tiles (label -> shown figure) inside a selector (a panel), in page order. */
export function kpiTiles(page: Page, within = 'main.content'): Promise<Record<string, string>> {
  return kpiParts(page, within, '[data-value]')
}

/** The change line under each KPI tile (label -> "+12.5%", "−3%", "new"), arrow left out. */
export async function kpiChanges(
  page: Page,
  within = 'main.content',
): Promise<Record<string, string>> {
  const changes = await kpiParts(page, within, '.kpi-change')
  return Object.fromEntries(
    Object.entries(changes).map(([label, text]) => [label, text.replace(/^[▲▼■]/, '').trim()]),
  )
}

// Colors ----------------------------------------------------------------------------------

/** `rgb(…)`, `rgba(…)`, `#rgb` or `#rrggbb` as [r, g, b] in 0..255. */
export function parseColor(color: string): [number, number, number] {
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(color)
  if (rgb !== null) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())
  if (hex !== null) {
    const digits =
      hex[1]!.length === 3
        ? hex[1]!
            .split('')
            .map((digit) => digit + digit)
            .join('')
        : hex[1]!
    return [0, 2, 4].map((at) => parseInt(digits.slice(at, at + 2), 16)) as [number, number, number]
  }
  throw new Error(`not a color: ${color}`)
}

/** WCAG relative luminance, 0 (black) .. 1 (white). */
export function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((channel) => {
    const c = channel / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two colors, 1 .. 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

// Expected figures, computed independently of the UI's code --------------------------------

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/** 1234 -> "1,234"; 5.16 -> "5.16". */
export const number = (value: number): string =>
  Number.isInteger(value) ? integer.format(value) : decimal.format(value)
/** A ratio as a percentage with at most 2 decimals: 0.3633 -> "36.33%", 0.5 -> "50%". */
export const rate = (ratio: number): string => `${Number((ratio * 100).toFixed(2))}%`
/** A value already in percent: 87.8 -> "87.8%". */
export const percent = (value: number): string => `${decimal.format(value)}%`
/** Seconds: "45s", "4m 33s", "10h 02m", "3d 4h". */
export function duration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds)
  const two = (value: number): string => String(value).padStart(2, '0')
  if (seconds < 60) return `${seconds}s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${two(seconds % 60)}s`
  const hours = Math.floor(seconds / 3600)
  if (hours < 48) return `${hours}h ${two(Math.floor((seconds % 3600) / 60))}m`
  return `${Math.floor(hours / 24)}d ${hours % 24}h`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2026-11-05" -> "Nov 5"; anything else (a month key "Nov 2026") unchanged. */
export function dayLabel(key: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key)
  return match === null ? key : `${MONTHS[Number(match[2]) - 1]} ${Number(match[3])}`
}

/** "2026-11-23" + n days (UTC calendar arithmetic). */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000
  return new Date(time).toISOString().slice(0, 10)
}

/** The N dates ending `today`, ascending. */
export function lastDates(days: number, today = TODAY): string[] {
  return Array.from({ length: days }, (_, index) => addDays(today, index - (days - 1)))
}

/**
 * The month keys of a graph report over [from, to], as the plugin steps them (issue #13 item 3):
 * from `from`, one PHP "+1 month" at a time from the step before (2025-10-31 -> 2025-12-01, as
 * JavaScript's Date overflows too), while the step is before the day after `to`; each key is its
 * step's month.
 */
export function monthKeys(from: string, to: string): string[] {
  const end = Date.parse(`${addDays(to, 1)}T00:00:00Z`)
  const keys: string[] = []
  for (let at = new Date(`${from}T00:00:00Z`); at.getTime() < end;) {
    const key = `${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`
    if (!keys.includes(key)) keys.push(key)
    at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()))
  }
  return keys
}

/** A change ratio with its sign and 1 decimal: 0.3898 -> "+39%", -0.0962 -> "−9.6%". */
export function change(ratio: number | null): string {
  if (ratio === null) return 'new'
  if (ratio === 0) return '0%'
  const text = `${Number((Math.abs(ratio) * 100).toFixed(1))}%`
  return ratio > 0 ? `+${text}` : `\u2212${text}`
}

/** "IN_APP" -> "In app". */
export const humanize = (code: string): string => {
  const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
