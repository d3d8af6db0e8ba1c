/**
 * Renders resources/icon.svg to resources/icon.png (1024 px, transparent corners) with Debian's
 * Chromium; electron-builder makes the .icns / .ico from the PNG. Run after editing the SVG:
 * `node --import tsx scripts/make-icon.ts`.
 */
import { readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const svg = readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8')
const browser = await chromium.launch({
  executablePath: process.env.SEXTANT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } })
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg}`)
  await page.locator('svg').screenshot({
    path: new URL('../resources/icon.png', import.meta.url).pathname,
    omitBackground: true,
  })
} finally {
  await browser.close()
}
