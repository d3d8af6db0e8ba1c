/** A dashboard panel: a title, and exactly one of loading, error, empty or its content. */
import type { ReactNode } from 'react'
import type { Loaded } from '../api/useApi'

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
  let body: ReactNode
  if (state.error !== undefined) {
    body = (
      <div className="panel-state error" role="alert">
        <p>{state.error.message}</p>
        <button type="button" onClick={state.reload}>
          Try again
        </button>
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
        {props.actions}
      </header>
      {body}
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
