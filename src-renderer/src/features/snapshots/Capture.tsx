/**
 * Capturing the dashboard on screen as a snapshot: the top bar's "Capture snapshot" button (and
 * the desktop menu's File > Capture Snapshot) posts the page's report with the filters it shows,
 * then a notice under the top bar confirms it, links to it in the Snapshots page and offers to
 * name it.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Report, SnapshotSummary } from '../../../../src-shared/api/snapshots'
import { api } from '../../api/endpoints'
import { failureMessage } from '../../api/client'
import { useStore, type Store } from '../../stores/store'
import { useRename } from './useRename'
import { REPORT_TITLES, captureParams, filtersText, reportOfPage, type Filters } from './params'

export type CaptureState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly report: Report }
  | { readonly kind: 'done'; readonly snapshot: SnapshotSummary }
  | { readonly kind: 'error'; readonly message: string }

export interface Capture {
  readonly state: CaptureState
  /** Captures the page's report (a notice says so when the page is no dashboard). */
  capture(): Promise<void>
  /** The snapshot got a new name (from the notice). */
  renamed(snapshot: SnapshotSummary): void
  dismiss(): void
}

export function filtersOf(state: Store): Filters {
  return {
    days: state.days,
    workspaceId: state.workspaceId,
    organisationHandle: state.organisationHandle,
    spaceToken: state.spaceToken,
    bookingRange: state.bookingRange,
    today: state.today,
    campaignChoices: state.campaignChoices,
  }
}

export function useCapture(page: string): Capture {
  const [state, setState] = useState<CaptureState>({ kind: 'idle' })
  // the notice belongs to the page it was made on
  useEffect(() => setState({ kind: 'idle' }), [page])
  const busy = useRef(false)
  const capture = useCallback(async (): Promise<void> => {
    const report = reportOfPage(page)
    if (report === null) {
      setState({
        kind: 'error',
        message:
          'Only a dashboard can be captured: open Overview, Workspace activity, Bookings, Campaigns or Calls first.',
      })
      return
    }
    if (busy.current) return
    busy.current = true
    setState({ kind: 'busy', report })
    try {
      const params = captureParams(report, filtersOf(useStore.getState()))
      const snapshot = await api.captureSnapshot({ report, params })
      setState({ kind: 'done', snapshot })
    } catch (error) {
      setState({
        kind: 'error',
        message: `The snapshot was not captured: ${failureMessage(error)}`,
      })
    } finally {
      busy.current = false
    }
  }, [page])
  const renamed = useCallback(
    (snapshot: SnapshotSummary) => setState({ kind: 'done', snapshot }),
    [],
  )
  const dismiss = useCallback(() => setState({ kind: 'idle' }), [])
  return { state, capture, renamed, dismiss }
}

/** The top bar's button. */
export function CaptureButton({ capture, report }: { capture: Capture; report: Report }) {
  const busy = capture.state.kind === 'busy'
  return (
    <button
      type="button"
      className="capture-button"
      data-testid="capture-snapshot"
      onClick={() => void capture.capture()}
      disabled={busy}
      title={`Keep the ${REPORT_TITLES[report]} as it shows now, with its filters, in Snapshots`}
    >
      {busy ? 'Capturing…' : 'Capture snapshot'}
    </button>
  )
}

/** The confirmation (or the error) under the top bar; a live region, so it is announced. */
export function CaptureNotice({ capture }: { capture: Capture }) {
  const { state } = capture
  return (
    <div className="capture-notice-area" role="status" aria-live="polite">
      {state.kind === 'done' && <Captured capture={capture} snapshot={state.snapshot} />}
      {state.kind === 'error' && (
        <div className="capture-notice error" data-testid="capture-notice">
          <span>{state.message}</span>
          <button type="button" className="link-button" onClick={capture.dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  )
}

function Captured({ capture, snapshot }: { capture: Capture; snapshot: SnapshotSummary }) {
  const rename = useRename(snapshot, capture.renamed)
  return (
    <div className="capture-notice" data-testid="capture-notice" data-snapshot={snapshot.id}>
      {rename.editing ? (
        <form className="capture-name" onSubmit={(event) => void rename.save(event)}>
          <label className="inline">
            Name
            <input
              ref={rename.input}
              value={rename.name}
              maxLength={120}
              onChange={(event) => rename.setName(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && rename.stop()}
              data-testid="capture-name"
            />
          </label>
          <button type="submit" className="primary" disabled={rename.saving}>
            Save
          </button>
          <button type="button" onClick={rename.stop}>
            Cancel
          </button>
          {rename.error !== null && <span className="error-text">{rename.error}</span>}
        </form>
      ) : (
        <>
          <span className="capture-text">
            <span aria-hidden="true" className="capture-tick">
              ✓
            </span>{' '}
            Captured <strong>{snapshot.name}</strong>{' '}
            <span className="muted">({filtersText(snapshot.report, snapshot.params)})</span>
          </span>
          <a href={`#/snapshots/${snapshot.id}`} data-testid="open-in-snapshots">
            Open in Snapshots
          </a>
          <button ref={rename.trigger} type="button" className="link-button" onClick={rename.start}>
            Rename
          </button>
          <button
            type="button"
            className="link-button"
            aria-label="Dismiss the notice"
            onClick={capture.dismiss}
          >
            Dismiss
          </button>
        </>
      )}
    </div>
  )
}
