// Accessibility of every page, as axe-core (Deque's rule engine, a devDependency) judges it in
// Chromium: on the small demo dataset, every page of the console in the light and the dark
// theme has no violation of impact "serious" or "critical" (colour contrast, names of controls,
// scrollable regions a keyboard can reach, a way to skip the navigation, ...). A failure lists
// each violation with its rule id, impact, the element's selector, the page and the theme.
//
// axe's source is evaluated in the page through the DevTools protocol (page.evaluate), which the
// console's Content-Security-Policy (`script-src 'self'`) does not govern; an injected <script>
// element would be blocked by it, and the CSP stays on for this test like for every other one.
import type { Browser, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, describe, expect, it } from 'vitest'
import {
  PAGES,
  launchBrowser,
  openPage,
  openRoute,
  screenshot,
  setUpOrFail,
  settle,
  signIn,
  startConsole,
  type Console,
  type InPage,
} from './harness'

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** What the test keeps of one axe violation: one line per element it names. */
interface Finding {
  readonly id: string
  readonly impact: string
  readonly target: string
  readonly summary: string
}

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

/** Runs axe on the document as it is now; answers the serious and critical findings. */
async function seriousFindings(): Promise<Finding[]> {
  const loaded = await page.evaluate(
    () => typeof (globalThis as unknown as { axe?: unknown }).axe === 'object',
  )
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    interface AxeNode {
      target: unknown[]
      failureSummary?: string
    }
    interface AxeViolation {
      id: string
      impact: string | null
      nodes: AxeNode[]
    }
    const { axe, document } = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> }
      document: unknown
    }
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) =>
        violation.nodes.map((node) => ({
          id: violation.id,
          impact: violation.impact ?? '',
          target: node.target.map(String).join(' '),
          summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200),
        })),
      )
  })
}

const theme = (): Promise<string | undefined> =>
  page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.dataset.theme)

/** The widths the console is judged at: a laptop, and a narrow window where panels scroll. */
const WIDTHS = [1440, 900] as const

describe('accessibility (axe-core)', () => {
  it('no serious or critical violation on any page, in light and dark, wide and narrow', async () => {
    const problems: string[] = []
    for (const [chosen, width] of [
      ['light', WIDTHS[0]],
      ['dark', WIDTHS[0]],
      ['light', WIDTHS[1]],
      ['dark', WIDTHS[1]],
    ] as const) {
      await page.setViewportSize({ width, height: 900 })
      for (const name of [...PAGES, 'snapshots'] as const) {
        if (name === 'snapshots') await openRoute(page, sextant, name)
        else await openPage(page, sextant, name)
        await page.selectOption('[data-testid=theme]', chosen)
        await expect.poll(theme).toBe(chosen)
        await settle(page)
        // charts animate in; axe reads colours as painted
        await page.waitForTimeout(300)
        for (const finding of await seriousFindings())
          problems.push(
            `${finding.id} (${finding.impact}) at ${finding.target} on ${name}, ${chosen}, ${width}px: ${finding.summary}`,
          )
        await screenshot(page, `a11y-${name}-${chosen}-${width}`)
      }
    }
    expect(problems).toEqual([])
  }, 300_000)

  it("no serious or critical violation with the Data page's entity picker open", async () => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await openPage(page, sextant, 'data')
    await page.getByTestId('file-input').setInputFiles({
      name: 'export.tsv',
      mimeType: 'text/tab-separated-values',
      buffer: Buffer.from('id\tname\n'),
    })
    await page.getByTestId('entity-picker').waitFor()
    const problems: string[] = []
    for (const chosen of ['light', 'dark'] as const) {
      await page.selectOption('[data-testid=theme]', chosen)
      await expect.poll(theme).toBe(chosen)
      for (const finding of await seriousFindings())
        problems.push(`${finding.id} (${finding.impact}) at ${finding.target}, ${chosen}`)
    }
    expect(problems).toEqual([])
  })

  it('the first Tab shows a skip link that moves focus to the content', async () => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await openPage(page, sextant, 'bookings')
    await page.keyboard.press('Tab')
    const focused = page.locator(':focus')
    expect(await focused.textContent()).toBe('Skip to content')
    // shown while focused (it sits above the top edge otherwise)
    const box = await focused.boundingBox()
    expect(box !== null && box.y >= 0).toBe(true)
    await page.keyboard.press('Enter')
    expect(
      await page.evaluate(() => {
        const { document } = globalThis as unknown as InPage
        return document.activeElement?.getAttribute('id') ?? null
      }),
    ).toBe('content')
    // still on the same page: the link did not change the hash route
    expect(new URL(page.url()).hash).toBe('#/bookings')
    await page.keyboard.press('Tab')
    // the next stop is inside the content, not back in the navigation
    expect(
      await page.evaluate(() => {
        const { document } = globalThis as unknown as InPage & {
          document: { activeElement: { closest(selector: string): unknown } | null }
        }
        return document.activeElement?.closest('main.content') !== null
      }),
    ).toBe(true)
  })
})
