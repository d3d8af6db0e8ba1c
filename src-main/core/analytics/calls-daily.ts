/**
 * GET /api/v1/calls/daily: an organisation's calls per local day of the last N days, by
 * outcome, for the Calls page's time dimension. Scoped as the documented call analytics are
 * (calls.ts): the organisation's contact spaces, or the one contact space given. A call counts
 * on the local day of its `created_at`, in the console's timezone, as every daily series does.
 */
import {
  DAILY_OUTCOMES,
  type CallsDaily,
  type DailyOutcome,
} from '../../../src-shared/api/calls-daily'
import { countByDay, datesOf, lastDays, type AnalyticsContext } from './context'

const NAMED: ReadonlySet<string> = new Set(DAILY_OUTCOMES.filter((outcome) => outcome !== 'other'))

export async function callsDaily(
  context: AnalyticsContext,
  organisationId: string,
  days: number,
  spaceId?: string,
): Promise<CallsDaily> {
  const window = lastDays(context, days)
  const scope =
    spaceId === undefined
      ? "space_id IN (SELECT id FROM spaces WHERE organisation_id = :o AND content_type = 'contact')"
      : 'space_id = :s'
  const byDay = await countByDay(
    context,
    (slot) =>
      `SELECT ${slot('created_at')} AS slot, outcome, count(*) AS n FROM calls
       WHERE ${scope} AND created_at BETWEEN :start AND :end
       GROUP BY slot, outcome`,
    {
      ...(spaceId === undefined ? { o: organisationId } : { s: spaceId }),
      start: window.start,
      end: window.end,
    },
    (row) => (typeof row.outcome === 'string' && NAMED.has(row.outcome) ? row.outcome : 'other'),
  )
  const dates = datesOf(window)
  const series = (outcome: DailyOutcome): number[] =>
    dates.map((date) => byDay.get(date)?.get(outcome) ?? 0)
  const outcomes = Object.fromEntries(
    DAILY_OUTCOMES.map((outcome) => [outcome, series(outcome)]),
  ) as CallsDaily['outcomes']
  return {
    days,
    dates,
    outcomes,
    total: dates.map((_, index) =>
      DAILY_OUTCOMES.reduce((sum, outcome) => sum + outcomes[outcome][index]!, 0),
    ),
  }
}
