/**
 * The sync sources of the Data page: one row per source with its schedule and last run, and per
 * row Run now (live progress while it runs), Test connection (the answer inline), Edit, Delete
 * and the run history. A running source's runs are polled every second; when the run ends the
 * sources, the record counts and every remembered dashboard answer are loaded again.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import type {
  ConnectionTest,
  Source,
  SourceKind,
  Sources,
  SyncRun,
} from '../../../../src-shared/api/sync'
import { ApiError, failureMessage } from '../../api/client'
import { api } from '../../api/endpoints'
import { forgetAnswers, type Loaded } from '../../api/useApi'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { newerRun, runCounts, runDuration, STATE_LABELS, when } from './runs'
import { describeSchedule } from './schedule'
import { SourceForm } from './SourceForm'

/** Runs listed in a source's history. */
const HISTORY = 20
const POLL_MS = 1000

const KIND_LABELS: Readonly<Record<SourceKind, string>> = {
  http: 'HTTP records',
  sextant: 'Another Sextant',
  snapshot: 'Product snapshots',
}

export function SourcesPanel(props: {
  sources: Loaded<Sources>
  /** After a run ended: the data changed. */
  onSynced: () => void
}) {
  const { sources, onSynced } = props
  const [editing, setEditing] = useState<Source | 'new' | null>(null)
  const timezone = useStore((state) => state.timezone)
  const add = (
    <button
      type="button"
      className="primary"
      onClick={() => setEditing('new')}
      data-testid="source-add"
    >
      Add source
    </button>
  )
  const some = (sources.data?.sources.length ?? 0) > 0
  return (
    <>
      <Panel
        title="Sources"
        id="data.sources"
        state={sources}
        wide
        actions={some ? add : undefined}
      >
        {(data) =>
          data.sources.length === 0 ? (
            // not `.panel-state.empty`: no sources is a starting point, not data missing
            <div className="sources-empty" data-testid="sources-empty">
              <p>No sources yet.</p>
              <p>
                Pull records from an HTTP endpoint or another Sextant console, or keep snapshots of
                a product’s analytics, by hand or on a schedule.
              </p>
              {add}
            </div>
          ) : (
            <table className="data sources" data-testid="sources">
              <thead>
                <tr>
                  <th>Source</th>
                  <th>Schedule</th>
                  <th>Last run</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              {data.sources.map((source) => (
                <SourceRows
                  key={source.id}
                  source={source}
                  timezone={timezone}
                  onEdit={() => setEditing(source)}
                  onChanged={sources.reload}
                  onSynced={onSynced}
                />
              ))}
            </table>
          )
        }
      </Panel>
      {editing !== null && (
        <SourceForm
          source={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            sources.reload()
          }}
        />
      )}
    </>
  )
}

function SourceRows(props: {
  source: Source
  timezone: string
  onEdit: () => void
  onChanged: () => void
  onSynced: () => void
}) {
  const { source, timezone, onSynced } = props
  const historyId = useId()
  /** The history as last polled or loaded (newest first); null until asked. */
  const [runs, setRuns] = useState<SyncRun[] | null>(null)
  const [watching, setWatching] = useState(false)
  const [starting, setStarting] = useState(false)
  const [test, setTest] = useState<ConnectionTest | 'testing' | null>(null)
  const [open, setOpen] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const stored = source.lastRun
  const last = newerRun(runs?.[0], stored)
  const running = last?.state === 'running'

  // A run started elsewhere (the schedule, the CLI, another window) is followed too.
  useEffect(() => {
    if (stored?.state === 'running') setWatching(true)
  }, [stored?.id, stored?.state])

  useEffect(() => {
    if (!watching) return
    let cancelled = false
    let timer = 0
    const poll = (): void => {
      api.sourceRuns(source.id, HISTORY).then(
        (answer) => {
          if (cancelled) return
          setRuns(answer.runs)
          if (answer.runs[0]?.state === 'running') {
            timer = window.setTimeout(poll, POLL_MS)
            return
          }
          setWatching(false)
          forgetAnswers()
          onSynced()
        },
        (failure: unknown) => {
          if (cancelled) return
          setError(failureMessage(failure))
          setWatching(false)
        },
      )
    }
    timer = window.setTimeout(poll, POLL_MS / 2)
    return () => {
      cancelled = true
      window.clearTimeout(timer)
    }
  }, [watching, source.id, onSynced])

  // The history, when shown: loaded when opened and again after each run the list reports.
  useEffect(() => {
    if (!open || watching) return
    const controller = new AbortController()
    api.sourceRuns(source.id, HISTORY, { signal: controller.signal }).then(
      (answer) => setRuns(answer.runs),
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failureMessage(failure))
      },
    )
    return () => controller.abort()
  }, [open, watching, source.id, stored?.id, stored?.state])

  const runNow = useCallback(() => {
    setStarting(true)
    setError(null)
    api
      .runSource(source.id)
      .then(
        (run) => {
          setRuns((previous) => [run, ...(previous ?? []).filter((item) => item.id !== run.id)])
          setWatching(true)
        },
        (failure: unknown) => {
          setError(failureMessage(failure))
          if (failure instanceof ApiError && failure.status === 409) setWatching(true)
        },
      )
      .finally(() => setStarting(false))
  }, [source.id])

  const testNow = (): void => {
    setTest('testing')
    api
      .testSource(source.id)
      .then(setTest, (failure: unknown) =>
        setTest({ ok: false, state: 'failed', message: failureMessage(failure) }),
      )
  }

  const remove = (): void => {
    const sure = window.confirm(
      `Delete the source "${source.name}"? Its run history and snapshots go; the records it brought stay.`,
    )
    if (!sure) return
    setError(null)
    api
      .deleteSource(source.id)
      .then(props.onChanged, (failure: unknown) => setError(failureMessage(failure)))
  }

  const url = typeof source.config.url === 'string' ? source.config.url : ''
  return (
    <tbody data-source={source.name}>
      <tr>
        <td>
          <strong>{source.name}</strong>
          <div className="muted">{KIND_LABELS[source.kind]}</div>
          {url !== '' && <code className="source-url">{url}</code>}
        </td>
        <td>
          <span data-testid="source-schedule-text">{describeSchedule(source.schedule)}</span>
          {source.nextRunAt !== null && (
            <div className="muted">next {when(source.nextRunAt, timezone)}</div>
          )}
        </td>
        <td data-testid="last-run" data-state={last?.state ?? 'never'}>
          {last === null ? (
            <span className="muted">Never run</span>
          ) : (
            <RunSummary run={last} kind={source.kind} timezone={timezone} />
          )}
        </td>
        <td className="source-actions">
          <div className="actions">
            <button
              type="button"
              onClick={runNow}
              disabled={running || starting}
              data-testid="source-run"
            >
              {running || starting ? (
                <>
                  <span className="spinner" aria-hidden="true" /> Running…
                </>
              ) : (
                'Run now'
              )}
            </button>
            <button
              type="button"
              onClick={testNow}
              disabled={test === 'testing'}
              data-testid="source-test"
            >
              {test === 'testing' ? 'Testing…' : 'Test connection'}
            </button>
            <button
              type="button"
              onClick={props.onEdit}
              disabled={running}
              data-testid="source-edit"
            >
              Edit
            </button>
            <button
              type="button"
              className="danger"
              onClick={remove}
              disabled={running}
              data-testid="source-delete"
            >
              Delete
            </button>
            <button
              type="button"
              aria-expanded={open}
              aria-controls={historyId}
              onClick={() => setOpen(!open)}
              data-testid="source-history-toggle"
            >
              {open ? '▾' : '▸'} History
            </button>
          </div>
          {test !== null && test !== 'testing' && (
            <p
              className={`test-result ${test.ok ? 'ok' : 'error'}`}
              role="status"
              data-testid="test-result"
              data-state={test.state}
            >
              {test.ok ? '✓ ' : '✗ '}
              {test.message}
            </p>
          )}
          {error !== null && (
            <p className="test-result error" role="alert">
              {error}
            </p>
          )}
        </td>
      </tr>
      {open && (
        <tr className="history-row" id={historyId}>
          <td colSpan={4}>
            <History runs={runs} kind={source.kind} timezone={timezone} />
          </td>
        </tr>
      )}
    </tbody>
  )
}

function StateBadge({ state }: { state: SyncRun['state'] }) {
  return (
    <span className={`badge ${state}`} data-state={state}>
      {state === 'running' && <span className="spinner" aria-hidden="true" />}
      {STATE_LABELS[state]}
    </span>
  )
}

function RunSummary(props: { run: SyncRun; kind: SourceKind; timezone: string }) {
  const { run } = props
  return (
    <div className="run-summary">
      <div>
        <StateBadge state={run.state} />{' '}
        <span className="muted">{when(run.startedAt, props.timezone)}</span>
      </div>
      {run.state === 'running' ? (
        <div className="progress" role="status" data-testid="run-progress">
          {run.progress ?? 'starting'} · {runCounts(run, props.kind)}
        </div>
      ) : (
        <div data-testid="run-counts">{runCounts(run, props.kind)}</div>
      )}
      {run.error !== null && <div className="run-error">{run.error}</div>}
    </div>
  )
}

function History(props: { runs: SyncRun[] | null; kind: SourceKind; timezone: string }) {
  if (props.runs === null)
    return (
      <p className="muted" aria-busy="true">
        Loading the history…
      </p>
    )
  if (props.runs.length === 0) return <p className="muted">No runs yet.</p>
  return (
    <table className="data history" data-testid="history">
      <caption className="visually-hidden">The last {HISTORY} runs, newest first</caption>
      <thead>
        <tr>
          <th>Started</th>
          <th>Ended</th>
          <th className="num">Duration</th>
          <th>Trigger</th>
          <th>State</th>
          <th>Counts</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr key={run.id} data-run={run.id} data-state={run.state}>
            <td>{when(run.startedAt, props.timezone)}</td>
            <td>{when(run.endedAt, props.timezone)}</td>
            <td className="num">{runDuration(run)}</td>
            <td>{run.trigger}</td>
            <td>
              <StateBadge state={run.state} />
            </td>
            <td data-testid="history-counts">
              {run.state === 'running' && run.progress !== undefined
                ? `${run.progress} · ${runCounts(run, props.kind)}`
                : runCounts(run, props.kind)}
            </td>
            <td className="run-error">{run.error ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
