// Rule: a snapshot's HTML export is one self-contained file: the viewer and its styles inline,
// a CSP that allows nothing from elsewhere, the data as JSON that no `</script>` in it can break
// out of, and no external URL to load; a missing viewer build is a clear error.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../src-shared/api/snapshots'
import { SextantError } from '../errors'
import { REPORT_CSP, escapeHtml, findViewer, scriptJson, snapshotHtml } from './html'

const VIEWER = { js: 'window.viewerRan = true', css: 'body { color: red }' }

const snapshot = (overrides: Partial<Snapshot> = {}): Snapshot => ({
  id: 7,
  name: 'Weekly overview',
  report: 'overview',
  params: { days: 30 },
  timezone: 'Europe/Paris',
  capturedAt: '2026-11-23T12:00:00.000Z',
  trigger: 'manual',
  responses: [
    {
      key: 'overview',
      title: 'Overview',
      request: '/api/v1/overview?days=30',
      status: 200,
      body: { kpis: [{ key: 'bookings', value: 44, previous: 40, change: 0.1 }] },
    },
  ],
  ...overrides,
})

/** The JSON held by `<script type="application/json" id="…">`. */
function dataOf(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html)
  if (match === null) throw new Error(`no #${id} in the page`)
  return JSON.parse(match[1]!)
}

describe('snapshot HTML', () => {
  it('is one page with the viewer, its styles and the data inline', () => {
    const html = snapshotHtml(snapshot(), { theme: 'dark', paper: 'Letter' }, VIEWER)
    expect(html.startsWith('<!doctype html>\n')).toBe(true)
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`)
    expect(REPORT_CSP).toBe(
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:",
    )
    expect(html).toContain('<title>Overview — Weekly overview</title>')
    expect(html).toContain('<html lang="en" data-theme="dark">')
    expect(html).toContain('<style>body { color: red }</style>')
    expect(html).toContain('<script>window.viewerRan = true</script>')
    expect(html).toContain('<main id="report">')
    expect(dataOf(html, 'sextant-snapshot')).toEqual(snapshot())
    expect(dataOf(html, 'sextant-options')).toEqual({ theme: 'dark', paper: 'Letter' })
    // Data before the script that reads it.
    expect(html.indexOf('id="sextant-snapshot"')).toBeLessThan(html.indexOf('<script>window'))
  })

  it('titles every report', () => {
    const titles = {
      overview: 'Overview',
      workspace: 'Workspace activity',
      bookings: 'Bookings',
      campaigns: 'Campaigns',
      calls: 'Calls',
    } as const
    for (const [report, title] of Object.entries(titles)) {
      const html = snapshotHtml(
        snapshot({ report: report as Snapshot['report'], name: 'Q4' }),
        { theme: 'light', paper: 'A4' },
        VIEWER,
      )
      expect(html).toContain(`<title>${title} — Q4</title>`)
    }
  })

  it('keeps hostile text in its place', () => {
    const hostile = '</script><script>alert(1)</script><!-- & "quotes" \u2028'
    const html = snapshotHtml(
      snapshot({
        name: hostile,
        responses: [
          {
            key: 'x',
            title: '</script>',
            request: '/x',
            status: 200,
            body: { note: '</SCRIPT><img src=x onerror=alert(1)>' },
          },
        ],
      }),
      { theme: 'light', paper: 'A4' },
      VIEWER,
    )
    // Exactly the three script elements of the page, the data ones unbroken.
    expect(html.match(/<script/gi)).toHaveLength(3)
    expect(html.match(/<\/script>/gi)).toHaveLength(3)
    expect(html).toContain(
      '<title>Overview — &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;quotes&quot; \u2028</title>',
    )
    const data = dataOf(html, 'sextant-snapshot') as Snapshot
    expect(data.name).toBe(hostile)
    expect(data.responses[0]!.body).toEqual({ note: '</SCRIPT><img src=x onerror=alert(1)>' })
  })

  it('cannot be closed early by the inlined code', () => {
    const html = snapshotHtml(
      snapshot(),
      { theme: 'light', paper: 'A4' },
      { js: 'var a = "</script><b>"; var b = "<!--"', css: 'a::after { content: "</style>" }' },
    )
    expect(html).toContain('<script>var a = "<\\/script><b>"; var b = "<\\!--"</script>')
    expect(html).toContain('<style>a::after { content: "<\\/style>" }</style>')
  })

  it('falls back to light and A4 on unknown options', () => {
    const html = snapshotHtml(
      snapshot(),
      { theme: 'sepia' as 'light', paper: 'A3' as 'A4' },
      VIEWER,
    )
    expect(dataOf(html, 'sextant-options')).toEqual({ theme: 'light', paper: 'A4' })
  })

  it('points at nothing outside the file', () => {
    const html = snapshotHtml(snapshot(), { theme: 'light', paper: 'A4' }, VIEWER)
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][\w+.-]*:)?\/\//i)
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i)
  })

  it('escapes for HTML and for script data', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    )
    expect(scriptJson({ a: '</script>' })).toBe('{"a":"\\u003c/script>"}')
    expect(JSON.parse(scriptJson({ a: '</script>\u2028' }))).toEqual({ a: '</script>\u2028' })
  })
})

describe('finding the viewer', () => {
  const folders: string[] = []
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  })
  const folder = (): string => {
    const made = mkdtempSync(join(tmpdir(), 'sextant-viewer-'))
    folders.push(made)
    return made
  }

  it('reads the first folder that holds both files', () => {
    const empty = folder()
    const half = folder()
    writeFileSync(join(half, 'viewer.js'), 'half')
    const built = folder()
    mkdirSync(built, { recursive: true })
    writeFileSync(join(built, 'viewer.js'), 'js!')
    writeFileSync(join(built, 'viewer.css'), 'css!')
    expect(findViewer([empty, half, built])).toEqual({ js: 'js!', css: 'css!' })
  })

  it('says how to build it when it is missing', () => {
    let error: unknown
    try {
      findViewer([folder()])
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SextantError)
    expect(error).toMatchObject({
      code: 'viewer_missing',
      message: 'the report viewer is not built: run npm run build:cli',
    })
  })
})
