/**
 * Calls (API.md section 3) for the chosen organisation, optionally one contact space:
 * outcomes, task status, success rate, average duration and success score.
 */
import { KPI_DEFINITIONS } from '../../../../src-shared/domain/kpi-definitions'
import { formatDuration, formatNumber, formatPercent } from '../../../../src-shared/format'
import { api } from '../../api/endpoints'
import { useApi } from '../../api/useApi'
import { barChart, pieChart } from '../../charts/options'
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

const TASKS = [
  ['completed', 'Completed'],
  ['in_progress', 'In progress'],
  ['pending', 'Pending'],
  ['failed', 'Failed'],
] as const

export function CallsPage() {
  const handle = useStore((state) => state.organisationHandle)
  const space = useStore((state) => state.spaceToken)
  const theme = useChartTheme()
  const calls = useApi(
    handle === null ? null : (signal) => api.calls(handle, space ?? undefined, { signal }),
    [handle, space],
    'calls',
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
