/**
 * The desktop app's PDF and PNG of a report (issue #7): the snapshot's self-contained HTML in a
 * hidden, sandboxed window of its own in-memory session that may load nothing but that one
 * file, then `printToPDF` (paper size, backgrounds, the page's own @page rules) or
 * `capturePage` of the whole page at twice the CSS pixels (retina-sharp).
 */
import { BrowserWindow, session } from 'electron'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PDF_FOOTER, pdfLayout, type ReportRenderer } from '../core/reports/render'

async function withReportWindow<T>(
  html: string,
  width: number,
  work: (window: BrowserWindow) => Promise<T>,
): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-report-'))
  const file = join(folder, 'report.html')
  writeFileSync(file, html, { mode: 0o600 })
  const allowed = pathToFileURL(file).toString()
  const partition = `sextant-report-${Date.now()}-${Math.random().toString(36).slice(2)}`
  const reportSession = session.fromPartition(partition)
  // The file is self-contained: every other request is refused.
  reportSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: details.url !== allowed }),
  )
  const window = new BrowserWindow({
    show: false,
    width,
    height: 900,
    webPreferences: {
      session: reportSession,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      javascript: true,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  try {
    await window.loadURL(allowed)
    for (let waited = 0; waited < 30_000; waited += 100) {
      const ready = (await window.webContents.executeJavaScript(
        'Boolean(window.sextantReport && window.sextantReport.ready)',
      )) as boolean
      if (ready) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return await work(window)
  } finally {
    window.destroy()
    rmSync(folder, { recursive: true, force: true })
  }
}

export const electronReportRenderer: ReportRenderer = {
  name: 'the desktop app',
  // The same layout, footer and page numbers as the Chromium renderer (render.ts).
  pdf: (html, options) =>
    withReportWindow(html, pdfLayout(options.paper).viewportWidth, (window) =>
      window.webContents.printToPDF({
        pageSize: options.paper,
        printBackground: true,
        preferCSSPageSize: true,
        scale: pdfLayout(options.paper).scale,
        margins: {
          top: 12 / 25.4,
          bottom: 14 / 25.4,
          left: 10 / 25.4,
          right: 10 / 25.4,
        },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: PDF_FOOTER,
      }),
    ),
  png: (html, options) =>
    withReportWindow(html, options.width, async (window) => {
      const height = (await window.webContents.executeJavaScript(
        'Math.ceil(document.documentElement.scrollHeight)',
      )) as number
      window.webContents.enableDeviceEmulation({
        screenPosition: 'desktop',
        screenSize: { width: options.width, height },
        viewPosition: { x: 0, y: 0 },
        viewSize: { width: options.width, height },
        deviceScaleFactor: options.scale,
        scale: 1,
      })
      window.setContentSize(options.width, height)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const image = await window.webContents.capturePage()
      return image.toPNG()
    }),
}
