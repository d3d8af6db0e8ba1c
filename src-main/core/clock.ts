/**
 * The one place that reads the time. `SEXTANT_NOW` (an ISO timestamp) fixes
 * "now" for the API, the UI, exports and demo data, so tests and reproducible
 * snapshots never depend on the real date.
 */
import { parseTimestamp } from '../../src-shared/domain/time'

/** A source of the current time, passed to whatever needs it. */
export interface Clock {
  /** Epoch milliseconds of "now". */
  now(): number
}

/** The clock the environment asks for: fixed by `SEXTANT_NOW`, else real time. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.SEXTANT_NOW
  if (fixed === undefined || fixed === '') return { now: () => Date.now() }
  const epoch = parseTimestamp(fixed)
  if (epoch === null) {
    throw new Error(`SEXTANT_NOW is not an ISO 8601 timestamp: ${JSON.stringify(fixed)}`)
  }
  return fixedClock(epoch)
}

/** A clock that always answers the same instant. */
export function fixedClock(epochMs: number): Clock {
  return { now: () => epochMs }
}
