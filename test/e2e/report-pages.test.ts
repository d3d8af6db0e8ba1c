// Rule (issue #14 items 7 and 8): a report looks like its dashboard and a manager can read its
// PDF. For one snapshot of each report on the demo data, every KPI tile the live page shows in
// Chromium (label and figure) is printed in the snapshot's PDF, the figure right after its label;
// the HTML export of a Campaigns snapshot holds the live Campaigns page's panel titles and KPI
// labels, and no control (no select, button or input) and no developer line ("GET /api"); the PDF
// opens on a cover line (the report, the workspace by name, the period, the capture time and
// timezone) and numbers every page ("Page i of N"); and no chart is cut across pages: every
// panel holding a chart keeps `break-inside: avoid` in print and fits on a printed page. The
// snapshots are captured with the dashboards' defaults, as the live pages start.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { Report, SnapshotSummary } from '../../src-shared/api/snapshots'
import { pdfLayout } from '../../src-main/core/reports/render'
import {
  kpiTiles,
  launchBrowser,
  openPage,
  screenshot,
  setUpOrFail,
  signIn,
  startConsole,
  type Console,
  type InPageElement,
} from './harness'

let sextant: Console
let browser: Browser
let page: Page
let folder: string

setUpOrFail(async () => {
  browser = await launchBrowser()
  sextant = await startConsole('small')
  page = (await signIn(browser, sextant)).page
  folder = mkdtempSync(join(tmpdir(), 'sextant-report-pages-'))
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

const SLOW = { timeout: 120_000 }
const REPORTS: readonly Report[] = ['overview', 'workspace', 'bookings', 'campaigns', 'calls']

function tool(name: string, args: string[]): string {
  const result = spawnSync(name, args, { encoding: 'utf8' })
  if (result.error !== undefined || result.status !== 0)
    throw new Error(
      `${name} failed (poppler-utils: apt-get install -y poppler-utils): ${result.error?.message ?? result.stderr}`,
    )
  return result.stdout
}

async function capture(report: Report): Promise<SnapshotSummary> {
  const answer = await fetch(`${sextant.base}/api/v1/snapshots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sextant.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ report }),
  })
  expect(answer.status, await answer.clone().text()).toBe(201)
  return (await answer.json()) as SnapshotSummary
}

async function exported(id: number, query: string): Promise<Buffer> {
  const answer = await fetch(`${sextant.base}/api/v1/snapshots/${id}/export?${query}`, {
    headers: { authorization: `Bearer ${sextant.token}` },
  })
  expect(answer.status).toBe(200)
  return Buffer.from(await answer.arrayBuffer())
}

/** The PDF's pages as text in paint order (a tile's label, then its figure), spaces collapsed. */
function pdfPages(pdf: Buffer, name: string): string[] {
  const file = join(folder, name)
  writeFileSync(file, pdf)
  const pages = Number(/^Pages:\s+(\d+)/m.exec(tool('pdfinfo', [file]))![1])
  return Array.from({ length: pages }, (_, index) =>
    tool('pdftotext', ['-raw', '-f', String(index + 1), '-l', String(index + 1), file, '-'])
      .replace(/\s+/g, ' ')
      .trim(),
  )
}

describe('the PDF of each report prints the live page’s figures', () => {
  it.each(REPORTS)('%s: every live tile, label then figure', SLOW, async (report) => {
    await openPage(page, sextant, report)
    const live = await kpiTiles(page)
    expect(Object.keys(live).length, 'tiles on the live page').toBeGreaterThan(0)
    const summary = await capture(report)
    const pages = pdfPages(await exported(summary.id, 'format=pdf'), `${report}.pdf`)
    const text = pages.join(' ')
    for (const [label, value] of Object.entries(live))
      expect(text, `${label} ${value}`).toContain(`${label} ${value}`)
    // Page numbers on every page, the cover line on the first.
    pages.forEach((content, index) =>
      expect(content).toContain(`Page ${index + 1} of ${pages.length}`),
    )
    expect(pages[0]).toContain('Captured Nov 23, 2026, 12:00 (UTC)')
    expect(text).not.toMatch(/GET \/|\/api\/v\d/)
  })
})

describe('a Campaigns snapshot', () => {
  it('is the live Campaigns page without its controls, in HTML and PDF', SLOW, async () => {
    await openPage(page, sextant, 'campaigns')
    const titles = (await page.locator('main.content section.panel > header h2').allTextContents())
      // The funnel's step picker is a control: the report shows the funnel, not the picker.
      .filter((title) => title !== 'Funnel steps')
    const labels = Object.keys(await kpiTiles(page))
    const { workspaces } = await sextant.api<{ workspaces: { id: string; name: string }[] }>(
      '/api/v1/workspaces',
    )
    const summary = await capture('campaigns')
    const workspace = workspaces.find((item) => item.id === summary.params.workspace)!

    const html = (await exported(summary.id, 'format=html')).toString('utf8')
    const file = join(folder, 'campaigns.html')
    writeFileSync(file, html)
    const report = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    try {
      await report.goto(`file://${file}`)
      await report.waitForFunction(
        () => (globalThis as { sextantReport?: { ready: boolean } }).sextantReport?.ready === true,
      )
      expect(await report.locator('#report section.panel > header h2').allTextContents()).toEqual(
        titles,
      )
      expect(Object.keys(await kpiTiles(report, '#report'))).toEqual(labels)
      expect(await report.locator('#report select, #report button, #report input').count()).toBe(0)
      expect(await report.locator('#report').textContent()).not.toMatch(/GET \/|\/api\//)
      const cover = (await report.locator('.report-cover').textContent()) ?? ''
      expect(cover).toContain(`Workspace: ${workspace.name}`)
      expect(cover).toContain('Period: Last 30 days (Oct 25 – Nov 23, 2026)')
      await screenshot(report, 'report-campaigns-html')

      // In print, at the width the PDF lays it out: every chart's panel stays whole.
      const layout = pdfLayout('A4')
      await report.setViewportSize({ width: layout.viewportWidth, height: 900 })
      await report.emulateMedia({ media: 'print' })
      const panels = await report
        .locator('#report section.panel:has(.chart)')
        .evaluateAll((elements) =>
          (elements as unknown as InPageElement[]).map((element) => ({
            avoid: (
              globalThis as unknown as {
                getComputedStyle(e: unknown): { breakInside: string }
              }
            ).getComputedStyle(element).breakInside,
            height: (
              element as unknown as { getBoundingClientRect(): { height: number } }
            ).getBoundingClientRect().height,
          })),
        )
      expect(panels.length).toBeGreaterThan(3)
      // A4 less the 12 mm and 14 mm margins, in CSS pixels at the print scale.
      const pageHeight = ((297 - 26) * 96) / 25.4 / layout.scale
      for (const panel of panels) {
        expect(panel.avoid).toBe('avoid')
        expect(panel.height).toBeLessThan(pageHeight)
      }
    } finally {
      await report.close()
    }

    // The PDF: the cover line opens it, the tiles print, every page is numbered.
    const pages = pdfPages(await exported(summary.id, 'format=pdf'), 'campaigns-cover.pdf')
    expect(pages[0]).toMatch(/^SEXTANT REPORT Campaigns · /)
    expect(pages[0]).toContain(`Workspace: ${workspace.name}`)
    expect(pages[0]).not.toContain(`Workspace: ${workspace.id}`)
    for (const title of titles) expect(pages.join(' ')).toContain(title)
  })
})
