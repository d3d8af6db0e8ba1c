// Rule (API.md "Server": nothing crashes, nothing answers 500 for bad input; section 4
// graph-reports): any date_range of valid dates gets an answer (buckets, or a 400), promptly,
// up to the last representable day 9999-12-31. Each request runs in a child process so that one
// that never returns is killed instead of freezing the test run.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const PROBE = fileURLToPath(new URL('./graph-range-probe.ts', import.meta.url))
const LIMIT_MS = 15_000

function probe(url: string): Promise<{ status: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', PROBE, url],
      { timeout: LIMIT_MS, killSignal: 'SIGKILL' },
      (error, stdout) => {
        const match = /^(\d{3}) /.exec(stdout)
        resolve({
          status: match === null ? null : Number(match[1]),
          killed: error?.killed === true,
        })
      },
    )
  })
}

describe('graph-reports at the ends of the calendar', () => {
  for (const [first, last] of [
    ['9999-10-01', '9999-12-31'],
    ['9999-08-01', '9999-11-30'],
    ['9999-08-01', '9999-12-31'],
    ['0001-01-01', '0001-12-31'],
  ] as const) {
    it(
      `${first} .. ${last} answers within ${LIMIT_MS / 1000} s, not 500`,
      async () => {
        const result = await probe(
          `/reports/graph-reports?date_range[0]=${first}&date_range[1]=${last}`,
        )
        expect(result.killed, 'the request never returned').toBe(false)
        expect(result.status).not.toBeNull()
        expect(result.status).toBeLessThan(500)
      },
      LIMIT_MS + 10_000,
    )
  }
})
