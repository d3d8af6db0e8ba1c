/** One typed function per route the UI reads: the documented endpoints and the console's own. */
import type { Activities, GraphReports, Reports } from '../../../src-shared/api/bookings'
import type { CallAnalyticsData } from '../../../src-shared/api/calls'
import type { Campaigns, Organisations, Workspaces } from '../../../src-shared/api/console'
import type { Overview } from '../../../src-shared/api/overview'
import type {
  Report,
  ReportParams,
  Snapshot,
  SnapshotComparison,
  SnapshotSchedule,
  SnapshotSummary,
  Snapshots,
} from '../../../src-shared/api/snapshots'
import type {
  ConnectionTest,
  RemoteFigures,
  Source,
  SourceInput,
  SourcePatch,
  Sources,
  SyncRun,
  SyncRuns,
} from '../../../src-shared/api/sync'
import type {
  Attribution,
  CampaignAnalytics,
  Cohorts,
  Funnel,
  Timeseries,
  WorkspaceAnalytics,
} from '../../../src-shared/api/workspaces'
import { request } from './client'
import { forgetSession, storeSession } from './session'

/** What a sign-in answers (core/http/session.ts). */
export interface SignedIn {
  session: string
  idleTimeoutSeconds: number
  expiresAt: string
}

type Signal = { signal?: AbortSignal }

export interface TokenInfo {
  name: string
  workspaces: string[]
  organisations: string[]
  fullAccess: boolean
  createdAt: string
  lastUsedAt: string | null
}

export interface ImportJob {
  id: string
  state: 'running' | 'done' | 'failed'
  files: string[]
  progress: { entity: string; done: number; total: number } | null
  result: {
    entities: { entity: string; records: number; added: number; updated: number }[]
    records: number
  } | null
  error: {
    message: string
    issues: { file: string; line: number; column: number; reason: string }[]
  } | null
}

export interface Settings {
  timezone: string
  timezoneSource: 'environment' | 'setting'
  port: number
  preferredPort: number
  version: string
  now: string
  today: string
  /** The CORS allow-list: stored (`setting`) or given to `serve --allow-origin` for this run. */
  allowedOrigins: { origin: string; source: 'setting' | 'command line' }[]
}

const ws = (id: string): string => `/api/workspaces/${encodeURIComponent(id)}/analytics`
const source = (id: number): string => `/api/v1/sources/${id}`
/** A snapshot's route; its `/view` is framed with a ticket, its `/export` fetched as a file. */
export const snapshotPath = (id: number): string => `/api/v1/snapshots/${id}`

export const api = {
  /** Whether the secret this tab holds (sent as the header) is a live session. */
  session: () => request<{ signedIn: boolean }>('/api/v1/session'),
  /** Exchanges a one-time code; this tab keeps the session secret (session.ts). */
  signIn: async (code: string): Promise<SignedIn> => {
    const signedIn = await request<SignedIn>('/api/v1/session', {
      method: 'POST',
      body: { code },
    })
    storeSession(signedIn.session)
    return signedIn
  },
  signOut: async () => {
    await request<void>('/api/v1/session', { method: 'DELETE' })
    forgetSession()
  },

  workspaces: (o: Signal = {}) => request<Workspaces>('/api/v1/workspaces', o),
  organisations: (o: Signal = {}) => request<Organisations>('/api/v1/organisations', o),
  campaigns: (workspace: string, o: Signal = {}) =>
    request<Campaigns>(`/api/v1/workspaces/${encodeURIComponent(workspace)}/campaigns`, o),
  eventTypes: (workspace: string, o: Signal = {}) =>
    request<{ eventTypes: { type: string; count: number }[] }>(
      `/api/v1/workspaces/${encodeURIComponent(workspace)}/event-types`,
      o,
    ),
  counts: (o: Signal = {}) => request<{ counts: Record<string, number> }>('/api/v1/counts', o),
  overview: (days: number, o: Signal = {}) =>
    request<Overview>('/api/v1/overview', { ...o, query: { days } }),

  /** Both products' figures of the workspace and the window: the console's own route. */
  workspaceAnalytics: (workspace: string, days: number, o: Signal = {}) =>
    request<WorkspaceAnalytics>(`/api/v1/workspaces/${encodeURIComponent(workspace)}/analytics`, {
      ...o,
      query: { days },
    }),
  campaign: (workspace: string, campaign: string, days: number, o: Signal = {}) =>
    request<CampaignAnalytics>(`${ws(workspace)}/campaigns/${encodeURIComponent(campaign)}`, {
      ...o,
      query: { days },
    }),
  timeseries: (workspace: string, days: number, o: Signal = {}) =>
    request<Timeseries>(`${ws(workspace)}/timeseries`, { ...o, query: { days } }),
  attribution: (workspace: string, days: number, conversion: string, o: Signal = {}) =>
    request<Attribution>(`${ws(workspace)}/attribution`, {
      ...o,
      query: { days, conversion },
    }),
  funnel: (workspace: string, days: number, steps: readonly string[], o: Signal = {}) =>
    request<Funnel>(`${ws(workspace)}/funnel`, { ...o, query: { days, steps: steps.join(',') } }),
  cohorts: (workspace: string, days: number, metric: string, o: Signal = {}) =>
    request<Cohorts>(`${ws(workspace)}/cohorts`, { ...o, query: { days, metric } }),

  calls: (handle: string, spaceToken: string | undefined, o: Signal = {}) =>
    request<{ status_code: number; message: string; data: CallAnalyticsData }>(
      '/api/v2/platform/organisation/analytics/',
      { ...o, headers: { 'Org-Handle': handle }, query: { space_token: spaceToken } },
    ),

  /** The overview widgets for [from 00:00:00, to 23:59:59] against the same length before. */
  reports: (from: string, to: string, o: Signal = {}) =>
    request<Reports>('/reports', {
      ...o,
      query: { startTime: `${from} 00:00:00`, endTime: `${to} 23:59:59` },
    }),
  /** The overview widgets between two instants (ISO 8601), as the plugin takes them. */
  reportsBetween: (startTime: string, endTime: string, o: Signal = {}) =>
    request<Reports>('/reports', { ...o, query: { startTime, endTime } }),
  graphReports: (from: string, to: string, o: Signal = {}) =>
    request<GraphReports>('/reports/graph-reports', { ...o, query: { date_range: [from, to] } }),
  activities: (o: Signal = {}) => request<Activities>('/reports/activities', o),

  tokens: (o: Signal = {}) => request<{ tokens: TokenInfo[] }>('/api/v1/tokens', o),
  createToken: (body: { name?: string; workspaces?: string[]; organisations?: string[] }) =>
    request<{ token: string; info: TokenInfo }>('/api/v1/tokens', { method: 'POST', body }),
  revokeToken: (name: string) =>
    request<void>(`/api/v1/tokens/${encodeURIComponent(name)}`, { method: 'DELETE' }),
  settings: (o: Signal = {}) => request<Settings>('/api/v1/settings', o),
  setTimezone: (timezone: string) =>
    request<Settings>('/api/v1/settings', { method: 'PUT', body: { timezone } }),
  setPort: (port: number) =>
    request<Settings>('/api/v1/settings', { method: 'PUT', body: { port } }),
  setAllowedOrigins: (allowedOrigins: string[]) =>
    request<Settings>('/api/v1/settings', { method: 'PUT', body: { allowedOrigins } }),
  openApi: (o: Signal = {}) =>
    request<{
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>
    }>('/api/openapi.json', o),
  upload: (files: readonly File[]) => {
    const form = new FormData()
    for (const file of files) form.append('files', file, file.name)
    return request<ImportJob>('/api/v1/imports', { method: 'POST', body: form })
  },
  importJob: (id: string) => request<ImportJob>(`/api/v1/imports/${encodeURIComponent(id)}`),
  demo: (size: 'small' | 'medium') =>
    request<unknown>('/api/v1/demo', { method: 'POST', body: { size } }),

  sources: (o: Signal = {}) => request<Sources>('/api/v1/sources', o),
  createSource: (body: SourceInput) => request<Source>('/api/v1/sources', { method: 'POST', body }),
  updateSource: (id: number, body: SourcePatch) =>
    request<Source>(source(id), { method: 'PATCH', body }),
  deleteSource: (id: number) => request<void>(source(id), { method: 'DELETE' }),
  testSource: (id: number) => request<ConnectionTest>(`${source(id)}/test`, { method: 'POST' }),
  /** Starts a run: answers at once (202) with the run, `running`. */
  runSource: (id: number) => request<SyncRun>(`${source(id)}/runs`, { method: 'POST' }),
  sourceRuns: (id: number, limit: number, o: Signal = {}) =>
    request<SyncRuns>(`${source(id)}/runs`, { ...o, query: { limit } }),
  sourceFigures: (id: number, o: Signal = {}) => request<RemoteFigures>(`${source(id)}/figures`, o),

  snapshots: (o: Signal = {}) => request<Snapshots>('/api/v1/snapshots', o),
  snapshot: (id: number, o: Signal = {}) => request<Snapshot>(snapshotPath(id), o),
  captureSnapshot: (body: { report: Report; name?: string; params?: ReportParams }) =>
    request<SnapshotSummary>('/api/v1/snapshots', { method: 'POST', body }),
  renameSnapshot: (id: number, name: string) =>
    request<SnapshotSummary>(snapshotPath(id), { method: 'PATCH', body: { name } }),
  deleteSnapshot: (id: number) => request<void>(snapshotPath(id), { method: 'DELETE' }),
  compareSnapshots: (a: number, b: number, o: Signal = {}) =>
    request<SnapshotComparison>('/api/v1/snapshots/compare', { ...o, query: { a, b } }),
  snapshotSchedules: (o: Signal = {}) =>
    request<{ schedules: SnapshotSchedule[] }>('/api/v1/snapshot-schedules', o),
  addSnapshotSchedule: (body: {
    report: Report
    params?: ReportParams
    schedule: string
    name?: string
  }) => request<SnapshotSchedule>('/api/v1/snapshot-schedules', { method: 'POST', body }),
  deleteSnapshotSchedule: (id: number) =>
    request<void>(`/api/v1/snapshot-schedules/${id}`, { method: 'DELETE' }),
}
