// Rule (issues #5, #7), on the real desktop app: the window shows the dashboards signed in
// through the preload's bridge; the page has no Node (`require`, `process`) and sees only the
// four members of `window.sextant`; navigation away from the console is refused; local apps find
// the API through the discovery file; PDF and PNG exports use the app's own engine; File >
// Capture Snapshot captures the page on screen; quitting saves and releases everything.
// Needs the Electron runtime: `node node_modules/electron/install.js` (downloads from GitHub) or
// SEXTANT_ELECTRON=/path/to/electron.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const NOW = '2026-11-23T12:00:00Z'
const BIN = new URL('../../bin/sextant.mjs', import.meta.url).pathname
const ROOT = new URL('../..', import.meta.url).pathname

function electronRuntime(): string {
  const fromEnv = process.env.SEXTANT_ELECTRON
  if (fromEnv !== undefined && existsSync(fromEnv)) return fromEnv
  try {
    const folder = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const binary = join(folder, 'dist', readFileSync(join(folder, 'path.txt'), 'utf8').trim())
    if (existsSync(binary)) return binary
  } catch {
    // fall through
  }
  throw new Error(
    'no Electron runtime: run `node node_modules/electron/install.js` (downloads it from GitHub) or set SEXTANT_ELECTRON',
  )
}

function sextant(db: string, args: string[]): string {
  const result = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SEXTANT_NOW: NOW },
  })
  if (result.status !== 0) throw new Error(`sextant ${args.join(' ')}: ${result.stderr}`)
  return result.stdout
}

describe('the desktop app', () => {
  let folder: string
  let db: string
  let app: ElectronApplication
  let page: Page

  beforeAll(async () => {
    const runtime = electronRuntime()
    folder = mkdtempSync(join(tmpdir(), 'sextant-desktop-'))
    db = join(folder, 'sextant.db')
    sextant(db, ['demo', '--size', 'small'])
    app = await electron.launch({
      executablePath: runtime,
      args: [ROOT],
      env: {
        ...process.env,
        SEXTANT_DB: db,
        SEXTANT_NOW: NOW,
        SEXTANT_PORT: '0',
        SEXTANT_USER_DATA: join(folder, 'user-data'),
      },
    })
    page = await app.firstWindow()
  })

  afterAll(async () => {
    await app?.close().catch(() => {})
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
  })

  it('shows the dashboards, signed in through the preload', async () => {
    await page.waitForSelector('main.content[data-page="overview"] .kpi [data-value]')
    expect(page.url()).not.toContain('login=')
    const title = await page.title()
    expect(title).toBe('Overview · Sextant')
  })

  it('gives the page no Node and only the bridge', async () => {
    const seen = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { sextant?: object }).sextant ?? {}).sort(),
    }))
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['desktop', 'onCommand', 'signInCode', 'themeChanged'],
    })
  })

  it('refuses to navigate the window away from the console', async () => {
    const before = new URL(page.url()).origin
    await page.evaluate(() => {
      ;(globalThis as unknown as { location: { href: string } }).location.href =
        'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(new URL(page.url()).origin).toBe(before)
  })

  it('writes the discovery file; local apps reach the API there', async () => {
    const file = join(folder, 'user-data', 'sextant.json')
    const discovery = JSON.parse(readFileSync(file, 'utf8')) as { port: number; url: string }
    expect(discovery.url).toBe(`http://127.0.0.1:${discovery.port}`)
    const health = await fetch(`${discovery.url}/health`)
    expect(health.status).toBe(200)
  })

  it('exports a snapshot as PDF and PNG with its own engine (printToPDF, capturePage)', async () => {
    // `sextant export` goes through the running app, whose renderer is its hidden window: no
    // Chromium on the machine is needed (issue #7).
    const out = join(folder, 'overview.pdf')
    sextant(db, ['export', 'overview', '--format', 'pdf', '--out', out])
    const pdf = readFileSync(out)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(10_000)
    const png = join(folder, 'overview.png')
    sextant(db, ['export', 'overview', '--format', 'png', '--width', '800', '--out', png])
    const image = readFileSync(png)
    expect(image.subarray(1, 4).toString('latin1')).toBe('PNG')
    // IHDR width: twice the CSS width asked for (retina).
    expect(image.readUInt32BE(16)).toBe(1600)
  })

  it('captures the dashboard on screen from File > Capture Snapshot', async () => {
    await app.evaluate(({ Menu }) => {
      const item = Menu.getApplicationMenu()
        ?.items.flatMap((menu) => menu.submenu?.items ?? [])
        .find((entry) => entry.label === 'Capture Snapshot')
      item?.click()
    })
    // The UI confirms the capture with a link to the library.
    await page.getByText('Open in Snapshots').waitFor({ timeout: 15_000 })
  })

  it('saves on quit: a write made through the running app is in the file afterwards', async () => {
    // The CLI hands writes to the running console (it holds the lock).
    sextant(db, ['token', 'create', '--name', 'made-while-running'])
    await app.close()
    expect(existsSync(`${db}.lock`)).toBe(false)
    expect(existsSync(join(folder, 'user-data', 'sextant.json'))).toBe(false)
    expect(sextant(db, ['token', 'list'])).toMatch(/^made-while-running\t/m)
  })
})
