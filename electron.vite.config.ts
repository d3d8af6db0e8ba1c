// electron-vite builds the three parts of the desktop app: the main process
// (hosting the same core as `sextant serve`, with the database worker as a
// second entry and the SQL migrations copied beside it), the preload bridge
// (CommonJS, as sandboxed preloads must be) and the React renderer.
import { cpSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src-main/index.ts'),
          'db-worker': resolve('src-main/core/db/worker.ts'),
        },
      },
    },
    plugins: [
      {
        name: 'sextant-migrations',
        closeBundle() {
          cpSync('src-main/core/db/migrations', 'out/main/migrations', { recursive: true })
        },
      },
    ],
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      // The same build is served to browsers by `sextant serve`: ship it minified.
      minify: true,
      // One chunk of ~880 KB (280 KB gzipped, which bench:ui tracks against its 600 KB target).
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [react()],
  },
})
