import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'test/**/*.test.ts'],
    // The real desktop app needs the Electron runtime: `npm run test:desktop`.
    exclude: ['test/desktop-app/**', '**/node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    // The JSON report feeds the plain 'N passed, N failed' line .ci/run prints.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // Worker threads and child processes: keep files in separate forks.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
