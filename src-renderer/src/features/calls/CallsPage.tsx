/**
 * Calls (API.md section 3) for the chosen organisation, optionally one contact space:
 * outcomes, task status, success rate, average duration and success score (all time, as the
 * documented endpoint answers), and calls per day by outcome over the chosen period (the
 * console's /api/v1/calls/daily).
 */
import { DAILY_OUTCOMES, type DailyOutcome } from '../../../../src-shared/api/calls-daily'
import { KPI_DEFINITIONS } from '../../../../src-shared/domain/kpi-definitions'
import { formatDuration, formatNumber, formatPercent } from '../../../../src-shared/format'
import { callsDaily } from '../../api/calls'
import { api } from '../../api/endpoints'
import { useApi } from '../../api/useApi'
import { barChart, dateLabels, pieChart } from '../../charts/options'
import { Chart } from '../../components/Chart'
import { Kpi } from '../../components/Kpi'
import { EmptyData, Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { useChartTheme } from '../../theme'

const OUTCOMES = [
  ['interested', 'Interested'],
  ['call_back', 'Call back'],
  ['send_details', 'Send details'],
  ['not_interested', 'Not interested'],
  ['not_connected', 'Not connected'],
  ['failed', 'Failed'],
] as const

/** The daily chart's series names. */
const DAILY_LABELS: Readonly<Record<DailyOutcome, string>> = {
  ...Object.fromEntries(OUTCOMES),
  other: 'Other or none',
} as Record<DailyOutcome, string>

/**
 * The palette entry of each daily series, so colours say something: interested green, failed
 * red, not interested amber, the rest neutral hues (indexes into the theme's palette).
 */
const DAILY_COLOURS: Readonly<Record<DailyOutcome, number>> = {
  interested: 1,
  call_back: 0,
  send_details: 5,
  not_interested: 3,
  not_connected: 4,
  failed: 2,
  other: 9,
}

const TASKS = [
  ['completed', 'Completed'],
  ['in_progress', 'In progress'],
  ['pending', 'Pending'],
  ['failed', 'Failed'],
] as const

export function CallsPage() {
  const handle = useStore((state) => state.organisationHandle)
  const space = useStore((state) => state.spaceToken)
  const days = useStore((state) => state.days)
  const theme = useChartTheme()
  const calls = useApi(
    handle === null ? null : (signal) => api.calls(handle, space ?? undefined, { signal }),
    [handle, space],
    'calls',
  )
  const daily = useApi(
    handle === null ? null : (signal) => callsDaily(handle, space ?? undefined, days, { signal }),
    [handle, space, days],
    'calls-daily',
  )
  if (handle === null)
    return <EmptyData message="No organisation yet: import data on the Data page." />
  return (
    <div className="grid">
      <Panel title="Calls" id="calls.kpis" state={calls} wide>
        {({ data }) => {
          return (
            <div className="kpis">
              <Kpi
                definition={KPI_DEFINITIONS['calls.total']}
                value={formatNumber(data.total_calls)}
              />
              <Kpi
                definition={KPI_DEFINITIONS['calls.completed']}
                value={formatNumber(data.completed_calls)}
              />
              <Kpi
                definition={KPI_DEFINITIONS['calls.failed']}
                value={formatNumber(data.failed_calls)}
              />
              <Kpi
                definition={KPI_DEFINITIONS['calls.taskSuccessRate']}
                value={formatPercent(data.call_status.success_rate)}
              />
              <Kpi
                definition={KPI_DEFINITIONS['calls.averageDuration']}
                value={formatDuration(data.avg_duration_seconds)}
              />
              <Kpi
                definition={KPI_DEFINITIONS['calls.averageSuccessScore']}
                value={formatNumber(data.call_analytics.avg_success_score)}
              />
              <Kpi
                definition={KPI_DEFINITIONS['calls.tasks']}
                value={formatNumber(data.total_tasks)}
              />
            </div>
          )
        }}
      </Panel>
      <Panel
        title={`Calls per day by outcome, last ${days} days`}
        id="calls.daily"
        state={daily}
        wide
        isEmpty={(data) => data.total.every((count) => count === 0)}
        empty={`No calls in the last ${days} days.`}
      >
        {(data) => (
          <Chart
            name="calls.daily"
            label="Calls per day by outcome"
            option={barChart({
              categories: dateLabels(data.dates),
              series: DAILY_OUTCOMES.map((outcome) => ({
                name: DAILY_LABELS[outcome],
                data: data.outcomes[outcome],
              })),
              theme: {
                ...theme,
                palette: DAILY_OUTCOMES.map((outcome) => theme.palette[DAILY_COLOURS[outcome]]!),
              },
              stack: true,
            })}
          />
        )}
      </Panel>
      <Panel
        title="Outcomes"
        id="calls.outcomes"
        state={calls}
        isEmpty={({ data }) => data.total_calls === 0}
        empty="No calls."
      >
        {({ data }) => (
          <>
            <Chart
              name="calls.outcomes"
              label="Calls per outcome"
              option={barChart({
                categories: OUTCOMES.map(([, label]) => label),
                series: [
                  {
                    name: 'Calls',
                    data: OUTCOMES.map(([key]) => data.call_analytics[key]),
                  },
                ],
                theme,
                horizontal: true,
              })}
            />
            <p className="muted">
              {formatPercent(
                data.total_calls === 0
                  ? 0
                  : Math.round((data.call_analytics.interested / data.total_calls) * 10_000) / 100,
              )}{' '}
              of calls ended interested; calls with other outcomes count only in the total.
            </p>
          </>
        )}
      </Panel>
      <Panel
        title="Task status"
        id="calls.tasks"
        state={calls}
        isEmpty={({ data }) => data.total_tasks === 0}
        empty="No tasks."
      >
        {({ data }) => (
          <Chart
            name="calls.tasks"
            label="Tasks per status"
            option={pieChart({
              items: TASKS.map(([key, label]) => ({ name: label, value: data.call_status[key] })),
              theme,
            })}
          />
        )}
      </Panel>
    </div>
  )
}
