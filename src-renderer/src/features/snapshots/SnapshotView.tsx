/**
 * An open snapshot: its name, report, filters and capture time, then the snapshot as its own
 * page (`/api/v1/snapshots/:id/view`, the standalone viewer with its own CSP) in a frame of the
 * theme shown, sized to the page it holds so the console's page scrolls, not the frame. The
 * frame's URL carries a single-use ticket, since a frame cannot send the session header.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { SnapshotSummary } from '../../../../src-shared/api/snapshots'
import { formatCapturedAt } from '../../../../src-shared/reports/present'
import { errorMessage, failureMessage, ticketUrl } from '../../api/client'
import type { Loaded } from '../../api/useApi'
import { Panel } from '../../components/Panel'
import { useStore } from '../../stores/store'
import { saveExport } from './download'
import { exportFileName, exportUrl, viewPath, type ViewTheme } from './exports'
import { REPORT_TITLES, TRIGGERS, filtersText } from './params'

const MIN_HEIGHT = 360

type FrameState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready' }
  /** `page`: the page came but the viewer did not draw it (the link may still help). */
  | { readonly kind: 'failed'; readonly message: string; readonly page: boolean }

/** The frame's height: its document's, measured once the viewer is drawn and when it changes. */
function useFrameHeight(frame: RefObject<HTMLIFrameElement | null>, src: string) {
  const [height, setHeight] = useState(900)
  const [state, setState] = useState<FrameState>({ kind: 'loading' })
  const cleanup = useRef<() => void>(() => {})
  useEffect(() => {
    setState({ kind: 'loading' })
    return () => cleanup.current()
  }, [src])
  const loaded = useCallback(() => {
    cleanup.current()
    const element = frame.current
    // `sextantReport` is what the viewer sets in its page (src-renderer/report/viewer.ts)
    const view = element?.contentWindow
    const document = element?.contentDocument
    if (view === null || view === undefined || document === null || document === undefined) {
      setState({ kind: 'failed', message: 'the frame could not be read', page: false })
      return
    }
    if (document.contentType !== 'text/html') {
      // the console answered an error (JSON) instead of the page
      const text = document.body?.textContent ?? ''
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
      setHeight(MIN_HEIGHT)
      setState({ kind: 'failed', message: errorMessage(0, body ?? text), page: false })
      return
    }
    const measure = (): void => {
      const content = Math.ceil(document.documentElement.getBoundingClientRect().height)
      setHeight(Math.max(MIN_HEIGHT, content))
    }
    let frameRequest = 0
    let tries = 0
    const waitForViewer = (): void => {
      const report = view.sextantReport
      if (report?.ready === true || tries++ > 300) {
        measure()
        setState(
          report?.ready === true && report.error === undefined
            ? { kind: 'ready' }
            : {
                kind: 'failed',
                message: report?.error ?? 'the viewer did not finish drawing',
                page: true,
              },
        )
        return
      }
      frameRequest = view.requestAnimationFrame(waitForViewer)
    }
    waitForViewer()
    // the frame's own observer: its document's size follows the frame's width and the
    // "Data" tables opened under the charts
    const Observer = (view as unknown as typeof globalThis).ResizeObserver
    const observer = new Observer(measure)
    observer.observe(document.documentElement)
    cleanup.current = () => {
      view.cancelAnimationFrame(frameRequest)
      observer.disconnect()
    }
  }, [frame])
  return { height, state, loaded }
}

export function SnapshotView(props: {
  id: number
  summary: Loaded<SnapshotSummary | null>
  theme: ViewTheme
  onClose: () => void
}) {
  const { id, summary, theme } = props
  const timezone = useStore((state) => state.timezone)
  const heading = useRef<HTMLDivElement>(null)
  const snapshot = summary.data
  // a newly opened snapshot is brought into view (the library may be long)
  useEffect(() => {
    if (snapshot !== undefined && snapshot !== null)
      heading.current?.scrollIntoView({ block: 'nearest' })
  }, [id, snapshot])
  const close = (
    <button type="button" onClick={props.onClose} data-testid="close-snapshot">
      Close
    </button>
  )
  return (
    <Panel
      title={snapshot === undefined || snapshot === null ? `Snapshot ${id}` : snapshot.name}
      id="snapshots.view"
      state={summary}
      isEmpty={(data) => data === null}
      empty={`There is no snapshot ${id} (it may have been deleted).`}
      actions={close}
      wide
    >
      {(data) =>
        data !== null && (
          <div ref={heading} className="snapshot-view" data-testid="snapshot-view">
            <dl className="snapshot-meta">
              <div>
                <dt>Report</dt>
                <dd>{REPORT_TITLES[data.report]}</dd>
              </div>
              <div>
                <dt>Filters</dt>
                <dd data-testid="snapshot-filters">{filtersText(data.report, data.params)}</dd>
              </div>
              <div>
                <dt>Captured</dt>
                <dd>
                  {formatCapturedAt(data.capturedAt, timezone)}{' '}
                  <span className="muted">
                    ({timezone}; {TRIGGERS[data.trigger]?.phrase ?? data.trigger})
                  </span>
                </dd>
              </div>
            </dl>
            <Frame key={`${id}-${theme}`} id={id} name={data.name} theme={theme} />
          </div>
        )
      }
    </Panel>
  )
}

/**
 * The view's URL with a fresh single-use ticket (a frame cannot send the session header), or
 * why none could be had. One ticket per mount: Frame is keyed by snapshot and theme.
 */
function useTicketedView(
  id: number,
  theme: ViewTheme,
): { url: string | null; error: string | null } {
  const [result, setResult] = useState<{ url: string | null; error: string | null }>({
    url: null,
    error: null,
  })
  useEffect(() => {
    let current = true
    ticketUrl(viewPath(id), { theme }).then(
      (url) => current && setResult({ url, error: null }),
      (failure: unknown) => current && setResult({ url: null, error: failureMessage(failure) }),
    )
    return () => {
      current = false
    }
  }, [id, theme])
  return result
}

function Frame(props: { id: number; name: string; theme: ViewTheme }) {
  const frame = useRef<HTMLIFrameElement>(null)
  const view = useTicketedView(props.id, props.theme)
  const { height, state, loaded } = useFrameHeight(frame, view.url ?? '')
  const [saving, setSaving] = useState<string | null>(null)
  const saveHtml = (): void => {
    setSaving(null)
    saveExport(exportUrl(props.id, 'html', props.theme), exportFileName(props.id, 'html')).catch(
      (failure: unknown) => setSaving(failureMessage(failure)),
    )
  }
  if (view.error !== null)
    return (
      <p className="error-text frame-state" role="alert" data-testid="frame-error">
        The snapshot could not be drawn here: {view.error}
      </p>
    )
  return (
    <>
      {state.kind === 'loading' && (
        <p className="muted frame-state" aria-busy="true">
          Drawing the snapshot…
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="error-text frame-state" role="alert" data-testid="frame-error">
          The snapshot could not be drawn here: {state.message}
          {state.page && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={saveHtml}>
                Download it as HTML
              </button>
              {saving !== null && <> ({saving})</>}
            </>
          )}
        </p>
      )}
      {view.url !== null && (
        <iframe
          ref={frame}
          className="snapshot-frame"
          title={`Snapshot: ${props.name}`}
          src={view.url}
          style={{ height }}
          hidden={state.kind === 'failed' && !state.page}
          onLoad={loaded}
          data-testid="snapshot-frame"
        />
      )}
    </>
  )
}
