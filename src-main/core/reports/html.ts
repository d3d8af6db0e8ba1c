/**
 * A snapshot as ONE self-contained HTML file: the standalone report viewer (built by
 * `scripts/build-report-viewer.mjs` into `out/report-viewer/`) inlined with the snapshot and its
 * options as JSON data. A strict Content-Security-Policy lets it run its own inline script and
 * styles only: it loads nothing from elsewhere and sends nothing anywhere, so it opens the same
 * from a mail attachment, a file share or a headless browser making the PDF.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Snapshot } from '../../../src-shared/api/snapshots'
import { REPORT_TITLES } from '../../../src-shared/reports/present'
import { SextantError } from '../errors'

export interface ReportViewer {
  readonly js: string
  readonly css: string
}

export interface HtmlOptions {
  readonly theme: 'light' | 'dark'
  readonly paper: 'A4' | 'Letter'
}

export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:"

/**
 * Where the built viewer may be: beside the CLI bundle (`out/cli/` or `out/main/`, both next to
 * `out/report-viewer/`) or from the sources (`src-main/core/reports/`, run with tsx or vitest).
 */
export const VIEWER_FOLDERS: readonly string[] = [
  // Beside the CLI bundle (out/cli/) or the desktop app's main bundle (out/main/).
  '../report-viewer/',
  // From a shared chunk of the desktop app's main bundle (out/main/chunks/).
  '../../report-viewer/',
  // From the sources (src-main/core/reports/).
  '../../../out/report-viewer/',
].map((relative) => fileURLToPath(new URL(relative, import.meta.url)))

/** The built viewer's script and stylesheet; `viewer_missing` when it was not built. */
export function findViewer(folders: readonly string[] = VIEWER_FOLDERS): ReportViewer {
  for (const folder of folders) {
    const js = join(folder, 'viewer.js')
    const css = join(folder, 'viewer.css')
    if (existsSync(js) && existsSync(css))
      return { js: readFileSync(js, 'utf8'), css: readFileSync(css, 'utf8') }
  }
  throw new SextantError('viewer_missing', 'the report viewer is not built: run npm run build:cli')
}

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * JSON inside `<script type="application/json">`: every `<` as `\u003c` (still the same JSON),
 * so no `</script>` or `<!--` in the data can end or confuse the element; U+2028/2029 too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Inline code that cannot close its element early (`</script`, `</style`, `<!--`). */
function inlineCode(code: string, element: 'script' | 'style'): string {
  const closing = new RegExp(`</(${element})`, 'gi')
  return code.replace(closing, '<\\/$1').replace(/<!--/g, '<\\!--')
}

/** The snapshot as one self-contained HTML page, shown by the inlined viewer. */
export function snapshotHtml(
  snapshot: Snapshot,
  options: HtmlOptions,
  viewer: ReportViewer = findViewer(),
): string {
  const title = `${REPORT_TITLES[snapshot.report] ?? snapshot.report} — ${snapshot.name}`
  const theme = options.theme === 'dark' ? 'dark' : 'light'
  const paper = options.paper === 'Letter' ? 'Letter' : 'A4'
  return [
    '<!doctype html>',
    `<html lang="en" data-theme="${theme}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="color-scheme" content="${theme}">`,
    '<meta name="generator" content="Sextant">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${inlineCode(viewer.css, 'style')}</style>`,
    '</head>',
    '<body>',
    '<main id="report"><noscript>This report needs JavaScript to draw its charts.</noscript></main>',
    `<script type="application/json" id="sextant-snapshot">${scriptJson(snapshot)}</script>`,
    `<script type="application/json" id="sextant-options">${scriptJson({ theme, paper })}</script>`,
    `<script>${inlineCode(viewer.js, 'script')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}
