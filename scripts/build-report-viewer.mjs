// Bundles the standalone report viewer (src-renderer/report/) with esbuild into
// out/report-viewer/: one minified IIFE (viewer.js, ECharts included) and its stylesheet
// (viewer.css). src-main/core/reports/html.ts inlines both into each exported HTML report.
// The files are built aside and renamed into place, so a console or a test reading them while
// this runs never sees a missing or half-written viewer.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const outdir = fileURLToPath(new URL('../out/report-viewer/', import.meta.url))
mkdirSync(outdir, { recursive: true })
const staging = mkdtempSync(join(outdir, '.build-'))
try {
  await build({
    absWorkingDir: root,
    // viewer.js and viewer.css (same base name, one output each).
    entryPoints: ['src-renderer/report/viewer.tsx', 'src-renderer/report/viewer.css'],
    outdir: staging,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    // The Chromium that renders PDFs and the browsers that open a report file.
    target: ['chrome110', 'firefox110', 'safari16'],
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    // The dashboard's own React page components (viewer.tsx).
    jsx: 'automatic',
  })
  for (const file of ['viewer.css', 'viewer.js'])
    renameSync(join(staging, file), join(outdir, file))
} finally {
  rmSync(staging, { recursive: true, force: true })
}
