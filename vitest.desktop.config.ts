// `npm run test:desktop`: the real desktop app driven by Playwright's Electron support. Needs
// the Electron runtime (downloaded from GitHub), so it is not part of `npm test`.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/desktop-app/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
