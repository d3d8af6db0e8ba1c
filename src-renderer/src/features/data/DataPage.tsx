/**
 * Data: records per entity, importing files (picker or drag and drop, an entity picked for each
 * file whose name does not say it, progress while it runs, the importer's issues listed when it
 * fails, nothing changed then), the demo dataset on an
 * empty database, the sync sources (SourcesPanel.tsx) and the remote figures of the product
 * snapshot sources (RemoteFigures.tsx).
 */
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react'
import { ENTITY_NAMES } from '../../../../src-shared/domain/entities'
import { formatNumber } from '../../../../src-shared/format'
import { ApiError, failureMessage } from '../../api/client'
import { api, type ImportJob } from '../../api/endpoints'
import { uploadFiles } from '../../api/imports'
import { forgetAnswers, useApi } from '../../api/useApi'
import { Card, Panel } from '../../components/Panel'
import { ACCEPT, needsEntity } from './importFiles'
import { RemoteFiguresPanel } from './RemoteFigures'
import { SourcesPanel } from './SourcesPanel'

export function DataPage() {
  const counts = useApi((signal) => api.counts({ signal }), [])
  const total =
    counts.data === undefined ? 0 : Object.values(counts.data.counts).reduce((a, b) => a + b, 0)
  const sources = useApi((signal) => api.sources({ signal }), [])
  const { reload: reloadCounts } = counts
  const { reload: reloadSources } = sources
  const onSynced = useCallback(() => {
    reloadCounts()
    reloadSources()
  }, [reloadCounts, reloadSources])
  return (
    <div className="grid">
      <Panel title="Records" id="data.counts" state={counts}>
        {(data) => (
          <table className="data" data-testid="counts">
            <thead>
              <tr>
                <th>Entity</th>
                <th className="num">Records</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(data.counts).map(([entity, count]) => (
                <tr key={entity} data-entity={entity}>
                  <td>{entity}</td>
                  <td className="num">{formatNumber(count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Importer onImported={counts.reload} />
      {counts.data !== undefined && total === 0 && <Demo onDone={counts.reload} />}
      <SourcesPanel sources={sources} onSynced={onSynced} />
      {(sources.data?.sources ?? [])
        .filter((source) => source.kind === 'snapshot')
        .map((source) => (
          <RemoteFiguresPanel key={source.id} source={source} />
        ))}
    </div>
  )
}

function Importer({ onImported }: { onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const [job, setJob] = useState<ImportJob | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Files waiting for the entity of each one whose name does not say it.
  const [pending, setPending] = useState<{
    files: File[]
    entities: Record<string, string>
  } | null>(null)

  const upload = useCallback(async (files: File[], entities: Record<string, string>) => {
    setError(null)
    setPending(null)
    try {
      setJob(await uploadFiles(files, entities))
    } catch (failure) {
      setJob(null)
      setError(failure instanceof ApiError ? failure.message : String(failure))
    }
  }, [])

  const start = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return
      if (files.some((file) => needsEntity(file.name))) {
        setError(null)
        setPending({ files, entities: {} })
        return
      }
      await upload(files, {})
    },
    [upload],
  )
  const unnamed = pending?.files.filter((file) => needsEntity(file.name)) ?? []
  const picked =
    pending !== null && unnamed.every((file) => pending.entities[file.name] !== undefined)

  useEffect(() => {
    if (job === null || job.state !== 'running') return
    const timer = window.setTimeout(() => {
      api.importJob(job.id).then(
        (next) => {
          setJob(next)
          if (next.state === 'done') {
            forgetAnswers()
            onImported()
          }
        },
        (failure: unknown) => setError(String(failure)),
      )
    }, 250)
    return () => window.clearTimeout(timer)
  }, [job, onImported])

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault()
    setDragging(false)
    void start([...event.dataTransfer.files])
  }
  const progress = job?.progress
  return (
    <Card title="Import">
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(event) => {
          event.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>
          Drop files here: one file per entity named after it (<code>bookings.csv</code>,{' '}
          <code>contact_events.ndjson</code>, <code>calls.tsv</code>…) or a <code>.zip</code> of
          them; for a file named otherwise you pick its entity. All or nothing: a file with a
          problem changes nothing.
        </p>
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          data-testid="file-input"
          onChange={(event) => {
            void start([...(event.target.files ?? [])])
            event.target.value = ''
          }}
        />
      </div>
      {pending !== null && (
        <form
          className="import-status entity-picker"
          data-testid="entity-picker"
          onSubmit={(event) => {
            event.preventDefault()
            if (picked) void upload(pending.files, pending.entities)
          }}
        >
          <p>
            {unnamed.length === 1
              ? 'This file’s name does not say which records it holds:'
              : 'These files’ names do not say which records they hold:'}
          </p>
          <div className="row">
            {unnamed.map((file) => (
              <label key={file.name}>
                <span>
                  Entity of <code>{file.name}</code>
                </span>
                <select
                  value={pending.entities[file.name] ?? ''}
                  data-testid="import-entity"
                  data-file={file.name}
                  onChange={(event) =>
                    setPending({
                      ...pending,
                      entities: { ...pending.entities, [file.name]: event.target.value },
                    })
                  }
                >
                  <option value="" disabled>
                    Choose…
                  </option>
                  {ENTITY_NAMES.map((entity) => (
                    <option key={entity} value={entity}>
                      {entity}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button type="submit" className="primary" disabled={!picked} data-testid="import-start">
              Import {pending.files.length === 1 ? 'the file' : `${pending.files.length} files`}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {job !== null && job.state === 'running' && (
        <div className="import-status" role="status">
          Importing {job.files.join(', ')}…
          {progress !== null && progress !== undefined && progress.total > 0 && (
            <>
              <progress value={progress.done} max={progress.total} /> {formatNumber(progress.done)}{' '}
              / {formatNumber(progress.total)} ({progress.entity})
            </>
          )}
        </div>
      )}
      {job !== null && job.state === 'done' && job.result !== null && (
        <div className="import-status ok" role="status" data-testid="import-done">
          Imported {formatNumber(job.result.records)}{' '}
          {job.result.records === 1 ? 'record' : 'records'}:{' '}
          {job.result.entities
            .map(
              (entity) =>
                `${entity.entity} ${formatNumber(entity.added)} added, ${formatNumber(entity.updated)} updated`,
            )
            .join('; ')}
          .
        </div>
      )}
      {job !== null && job.state === 'failed' && job.error !== null && (
        <div className="import-status error" role="alert" data-testid="import-error">
          <p>
            Nothing was imported:{' '}
            {job.error.issues.length === 0 ? job.error.message : 'the files have problems.'}
          </p>
          {job.error.issues.length > 0 && (
            <ul className="issues">
              {job.error.issues.map((issue, index) => (
                <li key={index}>
                  <code>
                    {issue.file}
                    {issue.line > 0 ? `:${issue.line}:${issue.column}` : ''}
                  </code>{' '}
                  {issue.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error !== null && (
        <div className="import-status error" role="alert" data-testid="import-error">
          {error}
        </div>
      )}
    </Card>
  )
}

function Demo({ onDone }: { onDone: () => void }) {
  const [state, setState] = useState<'idle' | 'running' | 'failed'>('idle')
  const [message, setMessage] = useState('')
  return (
    <Card title="Demo data">
      <p>The database is empty. Load the demo dataset to explore the dashboards.</p>
      <button
        type="button"
        className="primary"
        disabled={state === 'running'}
        onClick={() => {
          setState('running')
          api.demo('medium').then(
            () => {
              forgetAnswers()
              setState('idle')
              onDone()
            },
            (error: unknown) => {
              setState('failed')
              setMessage(failureMessage(error))
            },
          )
        }}
      >
        {state === 'running' ? 'Loading the demo…' : 'Load the demo dataset'}
      </button>
      {state === 'failed' && <p role="alert">{message}</p>}
    </Card>
  )
}
