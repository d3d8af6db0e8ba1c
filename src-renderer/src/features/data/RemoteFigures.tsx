/**
 * Remote figures of a product snapshot source: per endpoint, the figures worth a look (latest,
 * previous and change) and a chosen figure's trend over the snapshots' fetch times. Clicking a
 * figure (or its button, from the keyboard) charts it.
 */
import { useMemo, useState } from 'react'
import type { RemoteFigures, Source } from '../../../../src-shared/api/sync'
import { formatChange, formatNumber } from '../../../../src-shared/format'
import { api } from '../../api/endpoints'
import { useApi } from '../../api/useApi'
import { trendChart } from '../../charts/options'
import { Chart } from '../../components/Chart'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { useChartTheme } from '../../theme'
import { figureSeries, formatDifference, pickFigures, snapshotLabels } from './figures'
import { when } from './runs'

type Endpoint = RemoteFigures['endpoints'][number]

export function RemoteFiguresPanel({ source }: { source: Source }) {
  const last = source.lastRun
  const figures = useApi(
    (signal) => api.sourceFigures(source.id, { signal }),
    // fetched again when the source's last run changes (a run ended)
    [source.id, last?.id, last?.state],
  )
  const product = typeof source.config.product === 'string' ? source.config.product : ''
  return (
    <Panel
      title={`Remote figures · ${source.name}`}
      id={`data.figures.${source.name}`}
      state={figures}
      wide
      isEmpty={(data) => data.endpoints.length === 0}
      empty="No snapshots yet: run the source to fetch its figures."
      actions={<span className="muted">{product} API</span>}
    >
      {(data) => (
        <div className="endpoints">
          {data.endpoints.map((endpoint, index) => (
            <EndpointFigures
              key={endpoint.endpoint}
              chart={`data.figures.${source.name}.${index}`}
              endpoint={endpoint}
            />
          ))}
        </div>
      )}
    </Panel>
  )
}

function EndpointFigures(props: { chart: string; endpoint: Endpoint }) {
  const { endpoint } = props
  const timezone = useStore((state) => state.timezone)
  const theme = useChartTheme()
  const rows = useMemo(() => pickFigures(endpoint.snapshots), [endpoint.snapshots])
  const [chosen, setChosen] = useState<string | null>(null)
  const selected =
    chosen !== null && rows.some((row) => row.path === chosen) ? chosen : (rows[0]?.path ?? null)
  const option = useMemo(
    () =>
      trendChart({
        labels: snapshotLabels(endpoint.snapshots, timezone),
        name: selected ?? '',
        data: selected === null ? [] : figureSeries(endpoint.snapshots, selected),
        theme,
      }),
    [endpoint.snapshots, selected, timezone, theme],
  )
  const latest = endpoint.snapshots.at(-1)
  const count = endpoint.snapshots.length
  return (
    <section className="endpoint" data-endpoint={endpoint.endpoint}>
      <div className="endpoint-title">
        <code>{endpoint.endpoint}</code>
        <span className="muted">
          {formatNumber(count)} snapshot{count === 1 ? '' : 's'}
          {latest !== undefined &&
            ` · last ${when(latest.fetchedAt, timezone)} (HTTP ${latest.status})`}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="panel-state empty">This answer holds no numbers.</p>
      ) : (
        <div className="figures-layout">
          <table className="data figures" data-testid="figures">
            <thead>
              <tr>
                <th>Figure</th>
                <th className="num">Latest</th>
                <th className="num">Previous</th>
                <th className="num">Change</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.path}
                  data-figure={row.path}
                  className={row.path === selected ? 'selected' : undefined}
                  onClick={() => setChosen(row.path)}
                >
                  <td>
                    <button
                      type="button"
                      className="figure-pick"
                      aria-pressed={row.path === selected}
                      onClick={(event) => {
                        event.stopPropagation()
                        setChosen(row.path)
                      }}
                    >
                      {row.path}
                    </button>
                  </td>
                  <td className="num">{formatNumber(row.latest)}</td>
                  <td className="num">
                    {row.previous === null ? '–' : formatNumber(row.previous)}
                  </td>
                  <td className="num">
                    {formatDifference(row.change, formatNumber)}
                    {row.ratio !== null && row.change !== 0 && (
                      <span className="muted"> ({formatChange(row.ratio)})</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <figure className="trend">
            <figcaption>
              <code>{selected}</code> over {formatNumber(count)} snapshot{count === 1 ? '' : 's'}
            </figcaption>
            <Chart
              name={props.chart}
              option={option}
              height={240}
              label={`${selected ?? ''} at each snapshot of ${endpoint.endpoint}`}
            />
          </figure>
        </div>
      )}
    </section>
  )
}
