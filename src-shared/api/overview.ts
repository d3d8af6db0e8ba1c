/**
 * Contract of the console's Overview dashboard (`GET /api/v1/overview?days=N`): headline figures
 * across every workspace and organisation for the last N days, each beside the N days before
 * them and with one value per day of the window.
 */
import { Type, type Static } from 'typebox'
import { Change, DateString, Iso, KIND_KEYWORD, KindFrom } from './kinds'

/** `value`, `previous` and `trend` are of the kind their KPI's `unit` names. */
const ByUnit = KindFrom('unit', { count: 'count', rate: 'rate', seconds: 'duration' })
const Instants = Type.Object({
  /** The window's first instant. */
  from: Iso,
  /** The window's last instant, inclusive. */
  to: Iso,
})

export const OverviewKpi = Type.Object({
  /** Which figure; `kpis` lists them in this order. */
  key: Type.String({
    description:
      'rooms, recordings, recordingDuration, contacts, bookings, messagesSent, openRate, ' +
      'clickRate, calls, callSuccessRate, bookingTotal, bookingsCompleted, bookingsCancelled',
  }),
  /** How to read `value`: a count, a ratio rounded to 4 decimals, or a duration in seconds. */
  unit: Type.Union([Type.Literal('count'), Type.Literal('rate'), Type.Literal('seconds')]),
  /** Over the current window. */
  value: ByUnit,
  /** Over the previous window. */
  previous: ByUnit,
  /** (value - previous) / previous, rounded to 4 decimals; null when previous is 0. */
  change: Type.Union([Change, Type.Null()]),
  /** One value per entry of `dates`; for a rate, that day's ratio (0 when its denominator is 0). */
  trend: Type.Array(ByUnit),
})
export type OverviewKpi = Static<typeof OverviewKpi>

export const Overview = Type.Object({
  /** `<N>d`. */
  period: Type.String(),
  /** N. */
  days: Type.Integer({ minimum: 1, [KIND_KEYWORD]: 'count' }),
  /** The last N local days, today included, up to now. */
  current: Instants,
  /** The N local days just before `current`. */
  previous: Instants,
  /** The N local dates of `current`, ascending. */
  dates: Type.Array(DateString),
  kpis: Type.Array(OverviewKpi),
})
export type Overview = Static<typeof Overview>
