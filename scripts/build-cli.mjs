// Bundles the CLI and the database worker with esbuild into out/cli/, and
// copies the SQL migrations beside them. Runs on `npm install` (prepare), so
// `npx sextant` works in a fresh clone with no build step by hand.
import { build } from 'esbuild'
import { cpSync, mkdirSync, rmSync } from 'node:fs'

const outdir = new URL('../out/cli/', import.meta.url).pathname
rmSync(outdir, { recursive: true, force: true })
mkdirSync(outdir, { recursive: true })
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Runtime dependencies stay in node_modules (sql.js finds its .wasm there).
  packages: 'external',
  logLevel: 'warning',
}
await build({
  ...common,
  entryPoints: { sextant: 'src-main/cli/index.ts', 'db-worker': 'src-main/core/db/worker.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
})
cpSync('src-main/core/db/migrations', `${outdir}/migrations`, { recursive: true })
// The standalone report viewer that HTML, PDF and PNG exports inline (issue #7).
await import('./build-report-viewer.mjs')
