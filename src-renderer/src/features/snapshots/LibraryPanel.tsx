/**
 * The snapshot library: one row per snapshot, newest first, with its name (renamed in place),
 * report, filters, capture time (console timezone) and trigger, and Open, Export and Delete.
 */
import { useEffect, useRef, useState } from 'react'
import type { Snapshots, SnapshotSummary } from '../../../../src-shared/api/snapshots'
import { formatCapturedAt } from '../../../../src-shared/reports/present'
import { failureMessage } from '../../api/client'
import { api } from '../../api/endpoints'
import type { Loaded } from '../../api/useApi'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { saveExport } from './download'
import { useRename } from './useRename'
import {
  EXPORT_CHOICES,
  exportFileName,
  exportUrl,
  type ExportChoice,
  type ViewTheme,
} from './exports'
import { REPORT_TITLES, TRIGGERS, filtersText } from './params'

export function LibraryPanel(props: {
  library: Loaded<Snapshots>
  opened: number | null
  theme: ViewTheme
  onOpen: (id: number) => void
  onDeleted: (id: number) => void
}) {
  const timezone = useStore((state) => state.timezone)
  return (
    <Panel
      title="Library"
      id="snapshots.library"
      state={props.library}
      isEmpty={(data) => data.snapshots.length === 0}
      empty="No snapshots yet: open a dashboard and press “Capture snapshot” in the top bar, or add a schedule below."
      wide
    >
      {(data) => (
        <table className="data snapshots" data-testid="snapshot-library">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Report</th>
              <th scope="col">Filters</th>
              <th scope="col">Captured ({timezone})</th>
              <th scope="col">Trigger</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.snapshots.map((snapshot) => (
              <SnapshotRow
                key={snapshot.id}
                snapshot={snapshot}
                timezone={timezone}
                opened={snapshot.id === props.opened}
                theme={props.theme}
                onOpen={() => props.onOpen(snapshot.id)}
                onChanged={props.library.reload}
                onDeleted={() => props.onDeleted(snapshot.id)}
              />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  )
}

function SnapshotRow(props: {
  snapshot: SnapshotSummary
  timezone: string
  opened: boolean
  theme: ViewTheme
  onOpen: () => void
  onChanged: () => void
  onDeleted: () => void
}) {
  const { snapshot } = props
  const [error, setError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const cancelDelete = useRef<HTMLButtonElement>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (confirming) cancelDelete.current?.focus()
  }, [confirming])
  const remove = async (): Promise<void> => {
    setDeleting(true)
    try {
      await api.deleteSnapshot(snapshot.id)
      props.onDeleted()
    } catch (failure) {
      setError(failureMessage(failure))
      setDeleting(false)
      setConfirming(false)
    }
  }
  const stopConfirming = (): void => {
    setConfirming(false)
    requestAnimationFrame(() => deleteButton.current?.focus())
  }
  return (
    <tr data-snapshot={snapshot.id} className={props.opened ? 'opened' : undefined}>
      <td className="snapshot-name-cell">
        <NameCell snapshot={snapshot} onRenamed={props.onChanged} />
      </td>
      <td>{REPORT_TITLES[snapshot.report]}</td>
      <td className="filters-cell">{filtersText(snapshot.report, snapshot.params)}</td>
      <td className="nowrap" title={`${snapshot.capturedAt} (captured in ${snapshot.timezone})`}>
        {formatCapturedAt(snapshot.capturedAt, props.timezone)}
      </td>
      <td className="nowrap">{TRIGGERS[snapshot.trigger]?.label ?? snapshot.trigger}</td>
      <td className="actions-cell">
        {confirming ? (
          <div
            className="actions confirm"
            role="group"
            aria-label={`Delete ${snapshot.name}?`}
            onKeyDown={(event) => event.key === 'Escape' && stopConfirming()}
          >
            <span>Delete it?</span>
            <button
              type="button"
              className="danger"
              data-testid="confirm-delete"
              disabled={deleting}
              onClick={() => void remove()}
            >
              {deleting ? 'Deleting…' : 'Delete'}
            </button>
            <button ref={cancelDelete} type="button" onClick={stopConfirming}>
              Cancel
            </button>
          </div>
        ) : (
          <div className="actions">
            <button
              type="button"
              data-testid="open-snapshot"
              aria-pressed={props.opened}
              aria-label={`Open ${snapshot.name}`}
              onClick={props.onOpen}
            >
              Open
            </button>
            <ExportControl snapshot={snapshot} theme={props.theme} onError={setError} />
            <button
              ref={deleteButton}
              type="button"
              className="danger"
              data-testid="delete-snapshot"
              aria-label={`Delete ${snapshot.name}`}
              onClick={() => {
                setError(null)
                setConfirming(true)
              }}
            >
              Delete
            </button>
          </div>
        )}
        {error !== null && (
          <p className="row-error" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  )
}

function NameCell(props: { snapshot: SnapshotSummary; onRenamed: () => void }) {
  const { snapshot } = props
  const rename = useRename(snapshot, props.onRenamed)
  if (rename.editing)
    return (
      <form className="rename" onSubmit={(event) => void rename.save(event)}>
        <input
          ref={rename.input}
          value={rename.name}
          maxLength={120}
          aria-label="New name"
          data-testid="rename-input"
          onChange={(event) => rename.setName(event.target.value)}
          onKeyDown={(event) => event.key === 'Escape' && rename.stop()}
        />
        <button type="submit" className="primary" disabled={rename.saving}>
          Save
        </button>
        <button type="button" onClick={rename.stop}>
          Cancel
        </button>
        {rename.error !== null && (
          <span className="row-error" role="alert">
            {rename.error}
          </span>
        )}
      </form>
    )
  return (
    <div className="name-view">
      <span className="snapshot-name" data-testid="snapshot-name">
        {snapshot.name}
      </span>
      <button
        ref={rename.trigger}
        type="button"
        className="link-button"
        data-testid="rename-snapshot"
        aria-label={`Rename ${snapshot.name}`}
        onClick={rename.start}
      >
        Rename
      </button>
    </div>
  )
}

/**
 * A format and a button that downloads its export: fetched with the session header and saved
 * from a Blob, so a console without a renderer (PDF, PNG) shows its message instead of
 * downloading an error.
 */
function ExportControl(props: {
  snapshot: SnapshotSummary
  theme: ViewTheme
  onError: (message: string | null) => void
}) {
  const { snapshot, theme, onError } = props
  const [choice, setChoice] = useState<ExportChoice>('csv')
  const [preparing, setPreparing] = useState(false)
  const exported = async (): Promise<void> => {
    onError(null)
    if (preparing) return
    setPreparing(true)
    try {
      await saveExport(exportUrl(snapshot.id, choice, theme), exportFileName(snapshot.id, choice))
    } catch (failure) {
      onError(failureMessage(failure))
    } finally {
      setPreparing(false)
    }
  }
  return (
    <span className="export-control">
      <select
        value={choice}
        aria-label={`Export format of ${snapshot.name}`}
        data-testid="export-format"
        onChange={(event) => {
          onError(null)
          setChoice(event.target.value as ExportChoice)
        }}
      >
        {EXPORT_CHOICES.map((entry) => (
          <option key={entry.value} value={entry.value}>
            {entry.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        data-testid="export-snapshot"
        aria-busy={preparing}
        aria-label={`Export ${snapshot.name} as ${EXPORT_CHOICES.find((entry) => entry.value === choice)!.label}`}
        onClick={() => void exported()}
      >
        {preparing ? 'Preparing…' : 'Export'}
      </button>
    </span>
  )
}
