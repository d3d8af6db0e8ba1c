/**
 * Overview: one screen of KPIs across all the data for the chosen period, each with its change
 * against the period before and a small daily trend.
 */
import { useMemo } from 'react'
import type { Overview } from '../../../../src-shared/api/overview'
import { formatDuration, formatNumber, formatRate } from '../../../../src-shared/format'
import { api } from '../../api/endpoints'
import { useApi } from '../../api/useApi'
import { sparkline, type ChartTheme } from '../../charts/options'
import { Chart } from '../../components/Chart'
import { Kpi } from '../../components/Kpi'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { useChartTheme } from '../../theme'

/** What each KPI is called and whether a rise is good news. */
export const KPI_LABELS: Record<string, { label: string; upIsGood?: boolean; group: string }> = {
  rooms: { label: 'Rooms created', group: 'Video rooms' },
  recordings: { label: 'Recordings', group: 'Video rooms' },
  recordingDuration: { label: 'Recorded time', group: 'Video rooms' },
  contacts: { label: 'New contacts', group: 'Contacts' },
  bookings: { label: 'Booking events', group: 'Contacts' },
  messagesSent: { label: 'Messages sent', group: 'Campaigns' },
  openRate: { label: 'Open rate', group: 'Campaigns' },
  clickRate: { label: 'Click rate', group: 'Campaigns' },
  calls: { label: 'Calls', group: 'Calls' },
  callSuccessRate: { label: 'Call success rate', group: 'Calls' },
  bookingTotal: { label: 'Bookings made', group: 'Bookings' },
  bookingsCompleted: { label: 'Bookings completed', group: 'Bookings' },
  bookingsCancelled: { label: 'Bookings cancelled', upIsGood: false, group: 'Bookings' },
}

export function formatKpi(unit: Overview['kpis'][number]['unit'], value: number): string {
  if (unit === 'rate') return formatRate(value)
  if (unit === 'seconds') return formatDuration(value)
  return formatNumber(value)
}

export function OverviewPage() {
  const days = useStore((state) => state.days)
  const overview = useApi((signal) => api.overview(days, { signal }), [days], 'overview')
  const theme = useChartTheme()
  return (
    <div className="grid">
      <Panel
        title={`The last ${days} days against the ${days} before`}
        id="overview"
        state={overview}
        wide
      >
        {(data) => <KpiGroups data={data} theme={theme} />}
      </Panel>
    </div>
  )
}

function KpiGroups({ data, theme }: { data: Overview; theme: ChartTheme }) {
  const groups = useMemo(() => {
    const byGroup = new Map<string, Overview['kpis']>()
    for (const kpi of data.kpis) {
      const group = KPI_LABELS[kpi.key]?.group ?? 'Other'
      byGroup.set(group, [...(byGroup.get(group) ?? []), kpi])
    }
    return [...byGroup]
  }, [data])
  return (
    <div className="kpi-groups">
      {groups.map(([group, kpis]) => (
        <div key={group} className="kpi-group">
          <h3>{group}</h3>
          <div className="kpis">
            {kpis.map((kpi) => (
              <Kpi
                key={kpi.key}
                label={KPI_LABELS[kpi.key]?.label ?? kpi.key}
                value={formatKpi(kpi.unit, kpi.value)}
                change={kpi.value === 0 && kpi.previous === 0 ? 0 : kpi.change}
                upIsGood={KPI_LABELS[kpi.key]?.upIsGood}
                hint={`previous ${data.days} days: ${formatKpi(kpi.unit, kpi.previous)}`}
                trend={
                  <Chart
                    name={`overview.${kpi.key}`}
                    label={`${KPI_LABELS[kpi.key]?.label ?? kpi.key} per day`}
                    height={40}
                    png={false}
                    option={sparkline({
                      dates: data.dates,
                      data: kpi.trend,
                      theme,
                      name: KPI_LABELS[kpi.key]?.label ?? kpi.key,
                      format: (value) => formatKpi(kpi.unit, value),
                    })}
                  />
                }
              />
            ))}
          </div>
        </div>
      ))}
    </div>
  )
}
