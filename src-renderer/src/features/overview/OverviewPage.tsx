/**
 * Overview: one screen of KPIs across all the data for the chosen period, each with its change
 * against the period before and a small daily trend. Labels and info popovers come from the KPI
 * definitions (src-shared/domain/kpi-definitions); an empty database shows "no data" and the way
 * to the Data page, as the other dashboards do, instead of a wall of zeros.
 */
import { useMemo } from 'react'
import type { Overview } from '../../../../src-shared/api/overview'
import {
  KPI_DEFINITIONS,
  OVERVIEW_TILES,
  undefinedKpi,
  type ChosenDays,
  type KpiDefinition,
} from '../../../../src-shared/domain/kpi-definitions'
import {
  formatDuration,
  formatNumber,
  formatRate,
  periodChange,
} from '../../../../src-shared/format'
import { api } from '../../api/endpoints'
import { useApi } from '../../api/useApi'
import { sparkline, type ChartTheme } from '../../charts/options'
import { Chart } from '../../components/Chart'
import { Kpi } from '../../components/Kpi'
import { EmptyData, Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { useChartTheme } from '../../theme'

export function formatKpi(unit: Overview['kpis'][number]['unit'], value: number): string {
  if (unit === 'rate') return formatRate(value)
  if (unit === 'seconds') return formatDuration(value)
  return formatNumber(value)
}

export function OverviewPage() {
  const days = useStore((state) => state.days)
  const timeZone = useStore((state) => state.timezone)
  const overview = useApi((signal) => api.overview(days, { signal }), [days], 'overview')
  const counts = useApi((signal) => api.counts({ signal }), [], 'counts')
  const theme = useChartTheme()
  if (counts.data !== undefined && Object.values(counts.data.counts).every((n) => n === 0))
    return <EmptyData message="No data yet: import data on the Data page." />
  return (
    <div className="grid">
      <Panel
        title={`The last ${days} days against the ${days} before`}
        id="overview"
        state={overview}
        wide
        isEmpty={(data) => data.kpis.every((kpi) => kpi.value === 0 && kpi.previous === 0)}
        empty={`Nothing was recorded in the last ${days} days or the ${days} before: choose a longer period, or import data on the Data page.`}
      >
        {(data) => <KpiGroups data={data} theme={theme} timeZone={timeZone} />}
      </Panel>
    </div>
  )
}

function definitionOf(key: string): KpiDefinition {
  const tile = OVERVIEW_TILES[key]
  return tile === undefined
    ? undefinedKpi(key, `GET /api/v1/overview · ${key}`)
    : KPI_DEFINITIONS[tile.kpi]
}

function KpiGroups({
  data,
  theme,
  timeZone,
}: {
  data: Overview
  theme: ChartTheme
  timeZone: string
}) {
  const groups = useMemo(() => {
    const byGroup = new Map<string, Overview['kpis']>()
    for (const kpi of data.kpis) {
      const group = OVERVIEW_TILES[kpi.key]?.group ?? 'Other'
      byGroup.set(group, [...(byGroup.get(group) ?? []), kpi])
    }
    return [...byGroup]
  }, [data])
  const chosen: ChosenDays = {
    from: data.dates[0] ?? '',
    to: data.dates.at(-1) ?? '',
    days: data.days,
    timeZone,
    upToNow: true,
    name: `the last ${data.days} days`,
  }
  return (
    <div className="kpi-groups">
      {groups.map(([group, kpis]) => (
        <div key={group} className="kpi-group">
          <h3>{group}</h3>
          <div className="kpis">
            {kpis.map((kpi) => {
              const definition = definitionOf(kpi.key)
              return (
                <Kpi
                  key={kpi.key}
                  definition={definition}
                  chosen={chosen}
                  value={formatKpi(kpi.unit, kpi.value)}
                  change={periodChange(kpi.value, kpi.previous)}
                  hint={`previous ${data.days} days: ${formatKpi(kpi.unit, kpi.previous)}`}
                  trend={
                    <Chart
                      name={`overview.${kpi.key}`}
                      label={`${definition.label} per day`}
                      height={40}
                      png={false}
                      option={sparkline({
                        dates: data.dates,
                        data: kpi.trend,
                        theme,
                        name: definition.label,
                        format: (value) => formatKpi(kpi.unit, value),
                      })}
                    />
                  }
                />
              )
            })}
          </div>
        </div>
      ))}
    </div>
  )
}
