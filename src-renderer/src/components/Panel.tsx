/** A dashboard panel: a title, and exactly one of loading, error, empty or its content. */
import { useCallback, useState, type ReactNode } from 'react'
import { useReportMode } from '../api/source'
import type { Loaded } from '../api/useApi'
import { ChartDownloads, type ChartDownload, type RegisterChart } from './chartDownloads'

/** The charts drawn in a panel, and the register function its charts find in the context. */
function useChartDownloads(): [ChartDownload[], RegisterChart] {
  const [charts, setCharts] = useState<ChartDownload[]>([])
  const register = useCallback<RegisterChart>((entry) => {
    setCharts((list) => [...list.filter((other) => other.name !== entry.name), entry])
    return () => setCharts((list) => list.filter((other) => other !== entry))
  }, [])
  return [charts, register]
}

/** A small "PNG" button per chart of the panel. */
function PngButtons({ charts }: { charts: readonly ChartDownload[] }) {
  return charts.map((chart) => (
    <button
      key={chart.name}
      type="button"
      className="chart-png"
      data-png={chart.name}
      title="Download this chart as a PNG image"
      aria-label={`Download ${chart.label} as PNG`}
      onClick={() => chart.download()}
    >
      PNG
    </button>
  ))
}

export function Panel<T>(props: {
  title: string
  id?: string
  state: Loaded<T>
  isEmpty?: (data: T) => boolean
  empty?: string
  actions?: ReactNode
  wide?: boolean
  children: (data: T) => ReactNode
}) {
  const { state } = props
  const [charts, register] = useChartDownloads()
  // A report shows what was captured: no pickers, downloads or retries.
  const report = useReportMode() !== null
  let body: ReactNode
  if (state.error !== undefined) {
    body = (
      <div className="panel-state error" role="alert">
        <p>{state.error.message}</p>
        {!report && (
          <button type="button" onClick={state.reload}>
            Try again
          </button>
        )}
      </div>
    )
  } else if (state.data === undefined && !state.loading) {
    // Nothing was asked (the inputs are not usable yet): say so rather than "Loading…".
    body = <div className="panel-state empty">{props.empty ?? 'Nothing to show.'}</div>
  } else if (state.data === undefined) {
    body = (
      <div className="panel-state loading" aria-busy="true">
        Loading…
      </div>
    )
  } else if (props.isEmpty?.(state.data as T) === true) {
    body = <div className="panel-state empty">{props.empty ?? 'No data in this period.'}</div>
  } else {
    body = props.children(state.data as T)
  }
  return (
    <section
      className={`panel${props.wide === true ? ' wide' : ''}${state.loading ? ' is-loading' : ''}`}
      data-panel={props.id ?? props.title}
      aria-busy={state.loading}
    >
      <header>
        <h2>{props.title}</h2>
        {report ? null : charts.length === 0 ? (
          props.actions
        ) : (
          <div className="panel-actions">
            {props.actions}
            <PngButtons charts={charts} />
          </div>
        )}
      </header>
      <ChartDownloads.Provider value={register}>{body}</ChartDownloads.Provider>
    </section>
  )
}

/** A plain box for things that are not loaded data. */
export function Card(props: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={`panel${props.wide === true ? ' wide' : ''}`} data-panel={props.title}>
      <header>
        <h2>{props.title}</h2>
      </header>
      {props.children}
    </section>
  )
}

/** A page's only panel when the database holds nothing for it yet. */
export function EmptyData(props: { message: string }) {
  return (
    <div className="grid">
      <Card title="No data yet" wide>
        <p className="panel-state empty">
          {props.message} <a href="#/data">Go to the Data page</a>
        </p>
      </Card>
    </div>
  )
}
