import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Worker threads and child processes: keep files in separate forks.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
