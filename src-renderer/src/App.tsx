/**
 * The shell: sign-in, the navigation, the global switchers (workspace, organisation, period,
 * theme) and the page of the current hash route (#/overview, #/bookings, ...). Hash routes
 * keep every page at `/`, the only HTML the console serves.
 */
import { useEffect, useState, type ReactNode } from 'react'
import { SESSION_LOST } from './api/client'
import { api } from './api/endpoints'
import { forgetAnswers, useApi, type Loaded } from './api/useApi'
import type { Organisations, Workspaces } from '../../src-shared/api/console'
import type { DesktopBridge } from '../../src-shared/desktop'
import { desktopBridge } from './desktop'
import {
  answerHandoffs,
  askForHandoff,
  establishSession,
  sessionChannel,
  storedSession,
} from './api/session'
import { BookingsPage } from './features/bookings/BookingsPage'
import { CallsPage } from './features/calls/CallsPage'
import { CampaignsPage } from './features/campaigns/CampaignsPage'
import { DataPage } from './features/data/DataPage'
import { OverviewPage } from './features/overview/OverviewPage'
import { SettingsPage } from './features/settings/SettingsPage'
import { CaptureButton, CaptureNotice, useCapture } from './features/snapshots/Capture'
import { reportOfPage } from './features/snapshots/params'
import { SnapshotsPage } from './features/snapshots/SnapshotsPage'
import { WorkspacePage } from './features/workspace/WorkspacePage'
import { useStore, type Theme } from './stores/store'
import { useResolvedTheme } from './theme'

export const PAGES = [
  { path: 'overview', title: 'Overview' },
  { path: 'workspace', title: 'Workspace activity' },
  { path: 'bookings', title: 'Bookings' },
  { path: 'campaigns', title: 'Campaigns' },
  { path: 'calls', title: 'Calls' },
  { path: 'data', title: 'Data' },
  { path: 'settings', title: 'Settings' },
  { path: 'snapshots', title: 'Snapshots' },
] as const

export type PagePath = (typeof PAGES)[number]['path']

export const PERIODS = [7, 14, 30, 90, 180, 365] as const

function currentPage(): PagePath {
  const path = window.location.hash.replace(/^#\/?/, '').split(/[?/]/)[0]
  return PAGES.some((page) => page.path === path) ? (path as PagePath) : 'overview'
}

function usePage(): PagePath {
  const [page, setPage] = useState(currentPage)
  useEffect(() => {
    const listener = (): void => setPage(currentPage())
    window.addEventListener('hashchange', listener)
    return () => window.removeEventListener('hashchange', listener)
  }, [])
  return page
}

/**
 * Signs this tab in (session.ts `establishSession`: the `#login=<code>` of a sign-in link,
 * wiped from the address bar at once; the secret kept across a reload; the desktop preload's
 * code; another tab of this console), and answers other tabs that ask for the session.
 */
function useSession(): void {
  const setSession = useStore((state) => state.setSession)
  const setClock = useStore((state) => state.setClock)
  useEffect(() => {
    const channel = sessionChannel()
    const stopAnswering = channel === null ? () => {} : answerHandoffs(channel, storedSession)
    const match = /^#login=([\w-]+)$/.exec(window.location.hash)
    if (match !== null)
      window.history.replaceState(null, '', `${window.location.pathname}#/overview`)
    const desktop = desktopBridge()
    void (async () => {
      const signedIn = await establishSession({
        code: match === null ? null : match[1]!,
        signIn: api.signIn,
        isLive: async () => (await api.session()).signedIn,
        desktopCode: desktop === undefined ? undefined : () => desktop.signInCode(),
        handoff: () => (channel === null ? Promise.resolve(null) : askForHandoff(channel)),
      })
      if (!signedIn) {
        setSession('signed-out')
        return
      }
      try {
        const settings = await api.settings()
        setClock({ today: settings.today, timezone: settings.timezone })
      } catch {
        // the pages show their own errors
      }
      setSession('signed-in')
    })()
    return () => {
      stopAnswering()
      channel?.close()
    }
  }, [setSession, setClock])
}

/** The desktop app's way in: a one-time code from the preload, exchanged like a link's. */
async function signInThroughDesktop(desktop: DesktopBridge): Promise<void> {
  await api.signIn(await desktop.signInCode())
}

/** Reloads the page with no remembered answer (the data changed behind the UI's back). */
function reloadWithFreshData(): void {
  forgetAnswers()
  window.location.reload()
}

/**
 * The desktop menu's commands: go to a page, change the theme, reload after an import (File >
 * Capture Snapshot is the shell's: it knows the page on screen).
 */
function useDesktopCommands(): void {
  const setTheme = useStore((state) => state.setTheme)
  const theme = useStore((state) => state.theme)
  useEffect(() => {
    const desktop = desktopBridge()
    if (desktop === undefined) return
    return desktop.onCommand((command) => {
      if (command.type === 'navigate') window.location.hash = `#/${command.page}`
      else if (command.type === 'theme') setTheme(command.theme)
      else if (command.type === 'data-changed') reloadWithFreshData()
    })
  }, [setTheme])
  useEffect(() => desktopBridge()?.themeChanged(theme), [theme])
}

/** A data route said 401: sign in again (desktop) or show how to (browser). */
function useSessionLoss(): void {
  const setSession = useStore((state) => state.setSession)
  useEffect(() => {
    const lost = (): void => {
      const desktop = desktopBridge()
      if (desktop === undefined) {
        setSession('signed-out')
        return
      }
      signInThroughDesktop(desktop).then(reloadWithFreshData, () => setSession('signed-out'))
    }
    window.addEventListener(SESSION_LOST, lost)
    return () => window.removeEventListener(SESSION_LOST, lost)
  }, [setSession])
}

export function App() {
  useSession()
  useSessionLoss()
  useDesktopCommands()
  const session = useStore((state) => state.session)
  const theme = useResolvedTheme()
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  if (session === 'unknown') return <div className="splash">Loading…</div>
  if (session === 'signed-out') return <SignedOut />
  return <Shell />
}

function SignedOut() {
  return (
    <main className="signed-out">
      <h1>Sextant</h1>
      <p>This browser is not signed in to the console.</p>
      <p>
        Open the one-time link that <code>sextant serve</code> printed (it starts with{' '}
        <code>{window.location.origin}/#login=</code>), or run <code>sextant serve --open</code> to
        open a new one. Links work once. A session ends after 12 hours without use, 7 days after
        signing in, or when the console stops; another tab of this browser shares it while one is
        open.
      </p>
    </main>
  )
}

function Shell() {
  const page = usePage()
  // The switchers' lists, fetched once for the whole session, so no page waits for them.
  const lists: Lists = {
    workspaces: useApi((signal) => api.workspaces({ signal }), [], 'workspaces'),
    organisations: useApi((signal) => api.organisations({ signal }), [], 'organisations'),
  }
  const title = PAGES.find((entry) => entry.path === page)!.title
  useEffect(() => {
    document.title = `${title} · Sextant`
  }, [title])
  const capture = useCapture(page)
  const report = reportOfPage(page)
  // File > Capture Snapshot in the desktop app: the same as the button, for the page on screen
  const captureNow = capture.capture
  useEffect(() => {
    const desktop = desktopBridge()
    if (desktop === undefined) return
    return desktop.onCommand((command) => {
      if (command.type === 'capture-snapshot') void captureNow()
    })
  }, [captureNow])
  return (
    <div className="shell">
      <SkipLink />
      <nav className="sidebar" aria-label="Dashboards">
        <div className="brand">Sextant</div>
        <ul>
          {PAGES.map((entry) => (
            <li key={entry.path}>
              <a href={`#/${entry.path}`} aria-current={entry.path === page ? 'page' : undefined}>
                {entry.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main">
        <header className="topbar">
          <h1>{title}</h1>
          <div className="switchers">
            <Switchers page={page} lists={lists} />
            {report !== null && <CaptureButton capture={capture} report={report} />}
          </div>
        </header>
        <CaptureNotice capture={capture} />
        <main className="content" data-page={page} id="content" tabIndex={-1}>
          <PageBody page={page} />
        </main>
      </div>
    </div>
  )
}

/**
 * The first stop of the Tab key: past the navigation and the switchers to the page's content.
 * It moves focus itself, since following `#content` would change the hash route.
 */
function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#content"
      onClick={(event) => {
        event.preventDefault()
        document.getElementById('content')?.focus()
      }}
    >
      Skip to content
    </a>
  )
}

function PageBody({ page }: { page: PagePath }): ReactNode {
  switch (page) {
    case 'overview':
      return <OverviewPage />
    case 'workspace':
      return <WorkspacePage />
    case 'bookings':
      return <BookingsPage />
    case 'campaigns':
      return <CampaignsPage />
    case 'calls':
      return <CallsPage />
    case 'data':
      return <DataPage />
    case 'settings':
      return <SettingsPage />
    case 'snapshots':
      return <SnapshotsPage />
  }
}

/** The workspace / organisation switcher and the period, where the page uses them. */
interface Lists {
  readonly workspaces: Loaded<Workspaces>
  readonly organisations: Loaded<Organisations>
}

function Switchers({ page, lists }: { page: PagePath; lists: Lists }) {
  const days = useStore((state) => state.days)
  const setDays = useStore((state) => state.setDays)
  const theme = useStore((state) => state.theme)
  const setTheme = useStore((state) => state.setTheme)
  const usesWorkspace = page === 'workspace' || page === 'campaigns'
  const usesPeriod =
    page === 'overview' || page === 'campaigns' || page === 'workspace' || page === 'calls'
  return (
    <>
      {usesWorkspace && <WorkspaceSwitcher workspaces={lists.workspaces} />}
      {page === 'calls' && <OrganisationSwitcher organisations={lists.organisations} />}
      {usesPeriod && (
        <label>
          Period
          <select
            value={days}
            onChange={(event) => setDays(Number(event.target.value))}
            data-testid="period"
          >
            {PERIODS.map((value) => (
              <option key={value} value={value}>
                Last {value} days
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Theme
        <select
          value={theme}
          onChange={(event) => setTheme(event.target.value as Theme)}
          data-testid="theme"
        >
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </>
  )
}

function WorkspaceSwitcher({ workspaces }: { workspaces: Loaded<Workspaces> }) {
  const workspaceId = useStore((state) => state.workspaceId)
  const setWorkspace = useStore((state) => state.setWorkspace)
  const list = workspaces.data?.workspaces ?? []
  useEffect(() => {
    if (list.length > 0 && !list.some((entry) => entry.id === workspaceId))
      setWorkspace(list[0]!.id)
  }, [list, workspaceId, setWorkspace])
  return (
    <label>
      Workspace
      <select
        value={workspaceId ?? ''}
        onChange={(event) => setWorkspace(event.target.value)}
        data-testid="workspace"
        disabled={list.length === 0}
      >
        {list.length === 0 && <option value="">No workspaces</option>}
        {list.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.name}
          </option>
        ))}
      </select>
    </label>
  )
}

function OrganisationSwitcher({ organisations }: { organisations: Loaded<Organisations> }) {
  const handle = useStore((state) => state.organisationHandle)
  const spaceToken = useStore((state) => state.spaceToken)
  const setOrganisation = useStore((state) => state.setOrganisation)
  const setSpace = useStore((state) => state.setSpace)
  const list = organisations.data?.organisations ?? []
  useEffect(() => {
    if (list.length > 0 && !list.some((entry) => entry.domain_handle === handle))
      setOrganisation(list[0]!.domain_handle)
  }, [list, handle, setOrganisation])
  const spaces = (list.find((entry) => entry.domain_handle === handle)?.spaces ?? []).filter(
    (space) => space.content_type === 'contact',
  )
  return (
    <>
      <label>
        Organisation
        <select
          value={handle ?? ''}
          onChange={(event) => setOrganisation(event.target.value)}
          data-testid="organisation"
          disabled={list.length === 0}
        >
          {list.length === 0 && <option value="">No organisations</option>}
          {list.map((entry) => (
            <option key={entry.id} value={entry.domain_handle}>
              {entry.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Space
        <select
          value={spaceToken ?? ''}
          onChange={(event) => setSpace(event.target.value === '' ? null : event.target.value)}
          data-testid="space"
        >
          <option value="">All spaces</option>
          {spaces.map((space) => (
            <option key={space.id} value={space.token}>
              {space.name}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}
