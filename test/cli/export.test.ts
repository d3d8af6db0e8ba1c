// Rule (CLI.md, README "Report snapshots"): `sextant export` with no console running honours
// its rendering flags as the console's export route does: `--bom` starts the CSV with a UTF-8
// byte order mark (and only then), `--theme` picks the HTML's and PNG's theme (light by
// default), and `--width` sets the PNG's page width in CSS pixels, drawn at twice that many
// device pixels: the IHDR width is 2 x --width (1200 CSS pixels without it, exports.test.ts).
// The real command runs in a child process with SEXTANT_NOW fixed, on its own demo database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PNG_SIGNATURE, brightness, decodePng, requireChromium } from '../reports/helpers'
import { sextant } from './run'

const SLOW = { timeout: 120_000 }
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

let folder: string
let db: string

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'sextant-cli-export-'))
  db = join(folder, 'demo.db')
  const demo = sextant(['--db', db, 'demo', '--size', 'small'])
  expect(demo.code, demo.stderr).toBe(0)
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** Runs `sextant export` without a console and answers the file it wrote. */
function exported(name: string, args: string[]): Buffer {
  const out = join(folder, name)
  const ran = sextant(['--db', db, 'export', ...args, '--out', out])
  expect(ran.code, ran.stderr).toBe(0)
  // Written by the command itself, not sent to a console.
  expect(ran.stderr).not.toMatch(/running console/)
  expect(ran.stdout).toBe(`${out}\n`)
  return readFileSync(out)
}

/** The width in the PNG's IHDR chunk (the first chunk, right after the signature). */
function ihdrWidth(png: Buffer): number {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
  expect(png.toString('latin1', 12, 16)).toBe('IHDR')
  return png.readUInt32BE(16)
}

describe('sextant export with no console running', () => {
  it('--bom starts the CSV with a UTF-8 byte order mark; without it there is none', () => {
    const plain = exported('plain.csv', ['overview', '--format', 'csv'])
    const excel = exported('excel.csv', ['overview', '--format', 'csv', '--bom'])
    expect(plain.subarray(0, 3)).not.toEqual(BOM)
    expect(plain.toString('utf8').startsWith('block,title,row,column,value\r\n')).toBe(true)
    expect(excel.subarray(0, 3)).toEqual(BOM)
    // The same capture (same clock, same data) otherwise.
    expect(excel.subarray(3)).toEqual(plain)
  })

  it('--theme dark writes the HTML in the dark theme', () => {
    const dark = exported('dark.html', ['overview', '--format', 'html', '--theme', 'dark'])
    expect(dark.toString('utf8')).toContain('<html lang="en" data-theme="dark">')
  })

  it('--width sets the PNG width (twice it in pixels) and --theme its background', SLOW, () => {
    requireChromium()
    const dark = exported('dark.png', [
      'overview',
      '--format',
      'png',
      '--width',
      '640',
      '--theme',
      'dark',
    ])
    expect(ihdrWidth(dark)).toBe(1280)
    const light = exported('light.png', ['overview', '--format', 'png', '--width', '500'])
    expect(ihdrWidth(light)).toBe(1000)
    // The page's background in the top left corner: near black in dark, near white in light.
    const darkCorner = brightness(decodePng(dark), 4, 4)
    const lightCorner = brightness(decodePng(light), 4, 4)
    expect(darkCorner).toBeLessThan(80)
    expect(lightCorner).toBeGreaterThan(200)
  })
})
