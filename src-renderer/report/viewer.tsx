/**
 * The standalone report viewer: the script inlined into a snapshot's HTML export (and so into
 * its PDF and PNG, printed from that HTML). It draws the snapshot with the dashboard's own page
 * components (src-renderer/src/features/<page>), answering their requests from the captured
 * responses (src-renderer/src/api/source.ts) and telling them they are a report (no pickers,
 * downloads or info buttons; charts drawn at once as SVG, without animation). Above the page, a
 * cover line: the report, the snapshot's name, its filters by name, the period, and when it was
 * captured in which timezone. No network: everything it shows is in the page.
 *
 * When drawn it sets `window.sextantReport = { ready, charts }`, so a test or the PDF renderer
 * knows the page is complete and which charts hold how many points.
 */
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { Component, StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Report, Snapshot } from '../../src-shared/api/snapshots'
import { localDate } from '../../src-shared/domain/time'
import { reportCover } from '../../src-shared/reports/cover'
import { ReportMode, setDataSource, snapshotSource } from '../src/api/source'
import { BookingsPage } from '../src/features/bookings/BookingsPage'
import { CallsPage } from '../src/features/calls/CallsPage'
import { CampaignsPage } from '../src/features/campaigns/CampaignsPage'
import { OverviewPage } from '../src/features/overview/OverviewPage'
import { WorkspacePage } from '../src/features/workspace/WorkspacePage'
import { uiLocale } from '../src/locale'
import { useStore } from '../src/stores/store'

echarts.use([SVGRenderer])

export interface ViewerOptions {
  readonly theme: 'light' | 'dark'
  readonly paper: 'A4' | 'Letter'
}

export interface ReportState {
  ready: boolean
  charts: { id: string; series: number; points: number }[]
  /** Why the report could not be drawn. */
  error?: string
}

declare global {
  interface Window {
    sextantReport?: ReportState
  }
}

function readJson(id: string): unknown {
  const element = document.getElementById(id)
  if (element === null) throw new Error(`the page has no #${id} data`)
  return JSON.parse(element.textContent ?? '') as unknown
}

function readOptions(): ViewerOptions {
  const element = document.getElementById('sextant-options')
  const value = element === null ? {} : (JSON.parse(element.textContent ?? '{}') as unknown)
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  return {
    theme: record.theme === 'dark' ? 'dark' : 'light',
    paper: record.paper === 'Letter' ? 'Letter' : 'A4',
  }
}

function readSnapshot(): Snapshot {
  const value = readJson('sextant-snapshot')
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { responses?: unknown }).responses)
  )
    throw new Error('the snapshot data is not a snapshot (no responses)')
  return value as Snapshot
}

const PAGES: Record<Report, () => ReactNode> = {
  overview: () => <OverviewPage />,
  workspace: () => <WorkspacePage />,
  bookings: () => <BookingsPage />,
  campaigns: () => <CampaignsPage />,
  calls: () => <CallsPage />,
}

function Cover({ snapshot }: { snapshot: Snapshot }) {
  const cover = reportCover(snapshot, uiLocale())
  return (
    <header className="report-cover">
      <p className="report-brand">Sextant report</p>
      <h1>
        {cover.report} <span className="report-name">· {cover.name}</span>
      </h1>
      <ul className="report-filters" aria-label="Filters">
        {cover.filters.map((filter) => (
          <li key={filter.label} data-filter={filter.label}>
            <span className="filter-label">{filter.label}:</span> {filter.value}
          </li>
        ))}
      </ul>
      <p className="report-captured">{cover.captured}</p>
    </header>
  )
}

/**
 * A page that cannot draw its snapshot (a response of an older shape) says so under the cover
 * line, instead of leaving an empty document; the reason goes to `sextantReport.error`.
 */
class PageBoundary extends Component<
  { children: ReactNode; onError: (message: string) => void },
  { failed: string | null }
> {
  override state: { failed: string | null } = { failed: null }
  static getDerivedStateFromError(error: unknown): { failed: string } {
    return { failed: error instanceof Error ? error.message : String(error) }
  }
  override componentDidCatch(error: unknown): void {
    this.props.onError(error instanceof Error ? error.message : String(error))
  }
  override render(): ReactNode {
    if (this.state.failed === null) return this.props.children
    return (
      <p className="panel-state error" role="alert">
        This page cannot be drawn from this snapshot: {this.state.failed}
      </p>
    )
  }
}

/**
 * The store as the page was when the snapshot was taken: its filters, the capture's day and
 * timezone, the theme asked for. Nothing is written to this browser's storage: opening a
 * report never changes the live console's preferences.
 */
function seedStore(snapshot: Snapshot, options: ViewerOptions): void {
  const memory = new Map<string, string>()
  // Absent where the page may not use storage at all (a file opened in a locked-down browser).
  const persist = useStore.persist as typeof useStore.persist | undefined
  persist?.setOptions({
    storage: {
      getItem: () => null,
      setItem: (name, value) => void memory.set(name, JSON.stringify(value)),
      removeItem: (name) => void memory.delete(name),
    },
  })
  const { params } = snapshot
  useStore.setState({
    theme: options.theme,
    days: params.days ?? 30,
    workspaceId: params.workspace ?? null,
    organisationHandle: params.organisation ?? null,
    spaceToken: params.space ?? null,
    bookingRange:
      params.from !== undefined && params.to !== undefined
        ? { from: params.from, to: params.to }
        : null,
    session: 'signed-in',
    timezone: snapshot.timezone,
    today: localDate(Date.parse(snapshot.capturedAt), snapshot.timezone),
    campaignChoices: null,
  })
}

function applyOptions(options: ViewerOptions): void {
  const root = document.documentElement
  root.dataset.theme = options.theme
  root.style.colorScheme = options.theme
  const page = document.createElement('style')
  page.id = 'sextant-page'
  page.textContent = `@page { size: ${options.paper}; margin: 12mm 10mm 14mm; }`
  document.head.append(page)
}

function chartsDrawn(): ReportState['charts'] {
  const drawn = [...(window.sextantCharts ?? new Map<string, echarts.ECharts>())]
  return drawn.map(([id, chart]) => {
    const option = chart.getOption() as { series?: { data?: unknown[] }[] } | undefined
    const series = option?.series ?? []
    return {
      id,
      series: series.length,
      points: series.reduce((sum, one) => sum + (one.data?.length ?? 0), 0),
    }
  })
}

/**
 * Resolves once the page is drawn: rendered (its cover is in), no panel loading, every chart box
 * holding its series, and the same number of panels twice running (a panel that waits on
 * another's answer mounts a moment later).
 */
function whenDrawn(main: HTMLElement, timeout = 15_000): Promise<void> {
  const started = Date.now()
  let panels = -1
  return new Promise((resolve) => {
    const check = (): void => {
      const rendered = main.querySelector('.report-cover') !== null
      const loading = main.querySelector('[aria-busy="true"]') !== null
      const boxes = [...main.querySelectorAll<HTMLElement>('.chart[data-chart]')]
      const drawn = boxes.every((box) => {
        const chart = window.sextantCharts?.get(box.dataset.chart ?? '')
        const option = chart?.getOption() as { series?: unknown[] } | undefined
        return (option?.series?.length ?? 0) > 0 && box.querySelector('svg') !== null
      })
      const count = main.querySelectorAll('.panel').length
      const stable = count === panels
      panels = count
      if ((rendered && !loading && drawn && stable) || Date.now() - started > timeout) resolve()
      else setTimeout(check, 50)
    }
    setTimeout(check, 0)
  })
}

function render(): void {
  const state: ReportState = { ready: false, charts: [] }
  window.sextantReport = state
  const main =
    document.getElementById('report') ??
    document.body.appendChild(Object.assign(document.createElement('main'), { id: 'report' }))
  try {
    const options = readOptions()
    applyOptions(options)
    const snapshot = readSnapshot()
    const page = PAGES[snapshot.report]
    if (page === undefined) throw new Error(`no page draws a "${snapshot.report}" report`)
    setDataSource(snapshotSource(snapshot.responses))
    seedStore(snapshot, options)
    createRoot(main).render(
      <StrictMode>
        <ReportMode.Provider value={{ params: snapshot.params }}>
          <div className={`report report-${snapshot.report}`} data-report={snapshot.report}>
            <Cover snapshot={snapshot} />
            <PageBoundary onError={(message) => (state.error = message)}>{page()}</PageBoundary>
          </div>
        </ReportMode.Provider>
      </StrictMode>,
    )
    void whenDrawn(main)
      .then(() => {
        state.charts = chartsDrawn()
      })
      .catch((error: unknown) => {
        state.error = error instanceof Error ? error.message : String(error)
      })
      .finally(() => {
        state.ready = true
      })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    state.error = message
    const notice = document.createElement('p')
    notice.className = 'panel-state error'
    notice.textContent = `This report cannot be shown: ${message}`
    main.replaceChildren(notice)
    console.error(error)
    state.ready = true
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render)
else render()
