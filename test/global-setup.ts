// Builds the CLI bundle once before the tests, so tests that run `bin/sextant.mjs` as a user
// would never run a stale build.
import { execFileSync } from 'node:child_process'

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
}
