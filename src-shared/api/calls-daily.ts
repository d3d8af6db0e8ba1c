/**
 * Contract of the Calls page's daily chart (`GET /api/v1/calls/daily?org=HANDLE&days=N`, a
 * console route): an organisation's calls (its contact spaces, or the one `space` names) per
 * local day of the last N days, by outcome. The documented call analytics
 * (`/api/v2/platform/organisation/analytics`) stay lifetime totals, as the original answers.
 */
import { Type, type Static } from 'typebox'
import { Count, DateString, KIND_KEYWORD } from './kinds'

/** The outcomes the chart draws, in its order: DATA.md's six, then every other call. */
export const DAILY_OUTCOMES = [
  'interested',
  'call_back',
  'send_details',
  'not_interested',
  'not_connected',
  'failed',
  'other',
] as const
export type DailyOutcome = (typeof DAILY_OUTCOMES)[number]

const PerDay = Type.Array(Count)

export const CallsDaily = Type.Object({
  /** The window's length in days. */
  days: Type.Integer({ minimum: 1, [KIND_KEYWORD]: 'count' }),
  /** Every local date of the window (the console's timezone), ascending. */
  dates: Type.Array(DateString),
  /** Calls per day (by `created_at`), one series per outcome, each aligned with `dates`. */
  outcomes: Type.Object({
    interested: PerDay,
    call_back: PerDay,
    send_details: PerDay,
    not_interested: PerDay,
    not_connected: PerDay,
    failed: PerDay,
    /** Calls with no outcome, or one outside the six. */
    other: PerDay,
  }),
  /** All calls per day: the sum of the outcomes' series. */
  total: PerDay,
})
export type CallsDaily = Static<typeof CallsDaily>
