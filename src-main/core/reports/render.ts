/**
 * PDF and PNG of a snapshot: its single-file HTML (html.ts) printed or photographed by a
 * browser engine. The desktop app passes its own renderer (Electron's printToPDF and
 * capturePage in a hidden window, electron/report-renderer.ts); elsewhere a Chromium found on
 * this machine is driven with playwright-core (no browser download); with neither, a clear
 * message says what to install.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SextantError } from '../errors'

export type Paper = 'A4' | 'Letter'

/** Turns a report's HTML into a PDF or a PNG. */
export interface ReportRenderer {
  /** What renders, for messages (e.g. `Chromium /usr/bin/chromium`). */
  readonly name: string
  pdf(html: string, options: { paper: Paper }): Promise<Buffer>
  /** The whole page at `scale` device pixels per CSS pixel (2 = retina). */
  png(html: string, options: { width: number; scale: number }): Promise<Buffer>
}

export class RendererMissing extends SextantError {
  constructor() {
    super(
      'renderer_missing',
      'PDF and PNG need a Chromium-based browser and none was found: install Chromium (Debian/Ubuntu: apt-get install -y chromium; macOS: brew install --cask chromium) or Google Chrome, or set SEXTANT_CHROMIUM to its path; JSON, CSV and HTML exports need nothing',
      501,
    )
  }
}

/** A Chromium or Chrome executable on this machine: `SEXTANT_CHROMIUM`, then the usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.SEXTANT_CHROMIUM
  if (named !== undefined && named !== '') return existsSync(named) ? named : null
  const candidates =
    process.platform === 'darwin'
      ? [
          '/Applications/Chromium.app/Contents/MacOS/Chromium',
          '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        ]
      : process.platform === 'win32'
        ? [
            join(
              env.PROGRAMFILES ?? 'C:\\Program Files',
              'Google\\Chrome\\Application\\chrome.exe',
            ),
            join(
              env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
              'Google\\Chrome\\Application\\chrome.exe',
            ),
            join(env.LOCALAPPDATA ?? '', 'Chromium\\Application\\chrome.exe'),
          ]
        : [
            '/usr/bin/chromium',
            '/usr/bin/chromium-browser',
            '/usr/bin/google-chrome',
            '/usr/bin/google-chrome-stable',
            '/snap/bin/chromium',
          ]
  return candidates.find((path) => existsSync(path)) ?? null
}

/** The PDF's margins, the same as the viewer's `@page` rule (the footer sits in the bottom one). */
export const PDF_MARGINS = { top: '12mm', right: '10mm', bottom: '14mm', left: '10mm' }

/**
 * Every page's footer: the report (the document's title, which Chromium fills in) and
 * "Page n of N". Chromium draws it outside the page's own styles, so it styles itself.
 */
export const PDF_FOOTER =
  '<div style="font-family: system-ui, sans-serif; font-size: 8px; color: #52606d; width: 100%; padding: 0 10mm; display: flex; justify-content: space-between;">' +
  '<span class="title"></span>' +
  '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'

const MM = 96 / 25.4
const PAPER_WIDTH_MM: Record<Paper, number> = { A4: 210, Letter: 215.9 }

/**
 * The page printed at `scale`, laid out on screen at the width its paper gives it
 * (paper width less the margins, over the scale): the charts are drawn at the size they print,
 * and a page break never lands inside one because each panel keeps `break-inside: avoid`.
 */
export function pdfLayout(paper: Paper): { viewportWidth: number; scale: number } {
  const scale = 0.75
  const printable = (PAPER_WIDTH_MM[paper] - 20) * MM
  return { viewportWidth: Math.floor(printable / scale), scale }
}

/** A renderer driving a local Chromium, one browser per call (exports are rare). */
export function chromiumRenderer(executable: string): ReportRenderer {
  const withPage = async <T>(
    width: number,
    scale: number,
    html: string,
    work: (page: Page) => Promise<T>,
  ): Promise<T> => {
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox'] })
    try {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        deviceScaleFactor: scale,
        offline: true,
      })
      // The file is self-contained; anything it might still ask for is refused.
      await context.route('**/*', (route) => route.abort())
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: 'load' })
      // Runs in the page (this tsconfig has no DOM lib): the viewer says when it has drawn. A
      // function, not a string: the report's CSP forbids eval, which a string predicate needs.
      await page.waitForFunction(
        () => (globalThis as { sextantReport?: { ready?: boolean } }).sextantReport?.ready === true,
        undefined,
        { timeout: 30_000 },
      )
      return await work(page)
    } finally {
      await browser.close()
    }
  }
  return {
    name: `Chromium ${executable}`,
    pdf: (html, options) => {
      const layout = pdfLayout(options.paper)
      return withPage(layout.viewportWidth, 1, html, async (page) => {
        await page.emulateMedia({ media: 'print' })
        // The print rules may move a box a little: let the charts follow before printing.
        await page.evaluate(
          'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))',
        )
        return page.pdf({
          format: options.paper,
          printBackground: true,
          preferCSSPageSize: true,
          scale: layout.scale,
          margin: PDF_MARGINS,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: PDF_FOOTER,
        })
      })
    },
    png: (html, options) =>
      withPage(options.width, options.scale, html, (page) =>
        page.screenshot({ fullPage: true, type: 'png' }),
      ),
  }
}

/** The renderer of this machine (the desktop app's when given), or null. */
export function localRenderer(env: NodeJS.ProcessEnv = process.env): ReportRenderer | null {
  const executable = findChromium(env)
  return executable === null ? null : chromiumRenderer(executable)
}
