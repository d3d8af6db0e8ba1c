// electron-vite builds the three parts of the desktop app: the main process
// (hosting the same core as `sextant serve`), the preload bridge and the
// React renderer. The database worker is a second main-process entry.
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
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve('src-main/preload/index.ts') } } },
  },
  renderer: {
    root: 'src-renderer',
    build: { rollupOptions: { input: { index: resolve('src-renderer/index.html') } } },
    plugins: [react()],
  },
})
