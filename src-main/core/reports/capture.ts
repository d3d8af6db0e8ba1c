/**
 * Capturing a report: the requests a dashboard makes for its filters, answered by the console's
 * own routes (in-process `inject`, so a capture is exactly what a client would have received),
 * and the defaults a dashboard would pick (the first workspace, the last 30 days, and on
 * Campaigns the dashboard's starting campaign, conversion event and funnel).
 */
import type { CapturedResponse, Report, ReportParams } from '../../../src-shared/api/snapshots'
import { addDays, localDate } from '../../../src-shared/domain/time'
import { comparisonPeriod } from '../../../src-shared/domain/booking-period'
import {
  defaultCampaignId,
  defaultConversion,
  defaultFunnelSteps,
} from '../../../src-shared/domain/campaign-defaults'
import type { DbClient } from '../db/client'
import { BadRequest } from '../errors'

/** One request behind a report. */
export interface ReportRequest {
  readonly key: string
  readonly title: string
  /** Path and query. */
  readonly url: string
  readonly headers?: Record<string, string>
}

const DEFAULT_DAYS = 30

/** The filters with the dashboard's defaults filled in; refuses what the report cannot show. */
export async function resolveParams(
  db: DbClient,
  report: Report,
  params: ReportParams,
  now: number,
  timeZone: string,
): Promise<ReportParams> {
  const resolved: ReportParams = { ...params }
  resolved.days ??= DEFAULT_DAYS
  if (report === 'workspace' || report === 'campaigns') {
    if (resolved.workspace === undefined) {
      const first = await db.get<{ id: string }>(
        'SELECT id FROM workspaces ORDER BY name, id LIMIT 1',
      )
      if (first === undefined) throw new BadRequest('workspace: there is no workspace to report on')
      resolved.workspace = first.id
    }
    const known = await db.get('SELECT 1 FROM workspaces WHERE id = :id', {
      id: resolved.workspace,
    })
    if (known === undefined)
      throw new BadRequest(`workspace: no workspace ${JSON.stringify(resolved.workspace)}`)
  }
  if (report === 'campaigns') {
    // The dashboard's own starting choices (src-shared/domain/campaign-defaults.ts), from the
    // lists it reads: campaigns newest first, event types most frequent first.
    const types = (
      await db.query<{ type: string }>(
        `SELECT event_type AS type FROM event_type_totals WHERE workspace_id = :w
         ORDER BY n DESC, event_type`,
        { w: resolved.workspace! },
      )
    ).map((row) => row.type)
    if (resolved.campaign === undefined) {
      const campaigns = await db.query<{ id: string; status: string }>(
        'SELECT id, status FROM campaigns WHERE workspace_id = :w ORDER BY created_at DESC, id',
        { w: resolved.workspace! },
      )
      const campaign = defaultCampaignId(campaigns)
      if (campaign !== null) resolved.campaign = campaign
    }
    if (resolved.conversion === undefined && types.length > 0)
      resolved.conversion = defaultConversion(types)
    if (resolved.steps === undefined) {
      const steps = defaultFunnelSteps(types)
      if (steps.length >= 2) resolved.steps = steps
    }
    resolved.metric ??= 'events'
  }
  if (report === 'calls' && resolved.organisation === undefined) {
    const first = await db.get<{ handle: string }>(
      'SELECT domain_handle AS handle FROM organisations ORDER BY name, id LIMIT 1',
    )
    if (first === undefined)
      throw new BadRequest('organisation: there is no organisation to report on')
    resolved.organisation = first.handle
  }
  if (report === 'bookings') {
    const today = localDate(now, timeZone)
    resolved.to ??= today
    resolved.from ??= addDays(resolved.to, -((resolved.days ?? DEFAULT_DAYS) - 1))
    if (resolved.from > resolved.to) throw new BadRequest('from: must not be after to')
  }
  return resolved
}

const encode = encodeURIComponent

/** The workspace list: the report names its workspace by name, as the top bar does. */
const WORKSPACES: ReportRequest = {
  key: 'workspaces',
  title: 'Workspaces',
  url: '/api/v1/workspaces',
}

/**
 * The requests a report's dashboard makes for (resolved) filters: the page's own requests,
 * spelled as its client spells them or equivalently (src-renderer/src/api/source.ts matches
 * them by path and decoded query), so the snapshot viewer draws the page from them.
 */
export function reportRequests(
  report: Report,
  params: ReportParams,
  timeZone = 'UTC',
): ReportRequest[] {
  const days = params.days ?? DEFAULT_DAYS
  switch (report) {
    case 'overview':
      return [{ key: 'overview', title: 'Overview', url: `/api/v1/overview?days=${days}` }]
    case 'workspace':
      return [
        {
          key: 'workspace',
          title: 'Workspace activity',
          // The Workspace page's request: both products' figures (issue #13 item 8).
          url: `/api/v1/workspaces/${encode(params.workspace!)}/analytics?days=${days}`,
        },
        WORKSPACES,
      ]
    case 'campaigns': {
      const base = `/api/workspaces/${encode(params.workspace!)}/analytics`
      const workspace = `/api/v1/workspaces/${encode(params.workspace!)}`
      const requests: ReportRequest[] = []
      if (params.campaign !== undefined)
        requests.push({
          key: 'campaign',
          title: 'Campaign',
          url: `${base}/campaigns/${encode(params.campaign)}?days=${days}`,
        })
      requests.push({
        key: 'timeseries',
        title: 'Activity over time',
        url: `${base}/timeseries?days=${days}`,
      })
      if (params.conversion !== undefined)
        requests.push({
          key: 'attribution',
          title: `Attribution (${params.conversion})`,
          url: `${base}/attribution?days=${days}&conversion=${encode(params.conversion)}`,
        })
      if (params.steps !== undefined && params.steps.length >= 2)
        requests.push({
          key: 'funnel',
          title: 'Funnel',
          url: `${base}/funnel?days=${days}&steps=${params.steps.map(encode).join(',')}`,
        })
      requests.push({
        key: 'cohorts',
        title: `Cohorts (${params.metric ?? 'events'})`,
        url: `${base}/cohorts?days=${days}&metric=${encode(params.metric ?? 'events')}`,
      })
      // The page's campaign list (its summary tiles), its event types (the lists its choices
      // come from) and the workspaces (the report names its workspace).
      requests.push(
        { key: 'campaigns-list', title: 'Campaigns', url: `${workspace}/campaigns` },
        { key: 'event-types', title: 'Event types', url: `${workspace}/event-types` },
        WORKSPACES,
      )
      return requests
    }
    case 'calls': {
      const space = params.space === undefined ? '' : `&space=${encode(params.space)}`
      return [
        {
          key: 'calls',
          title: params.space === undefined ? 'Organisation calls' : 'Contact space calls',
          url: `/api/v2/platform/organisation/analytics${params.space === undefined ? '' : `?space_token=${encode(params.space)}`}`,
          headers: { 'org-handle': params.organisation! },
        },
        {
          key: 'calls-daily',
          title: 'Calls per day',
          url: `/api/v1/calls/daily?org=${encode(params.organisation!)}${space}&days=${days}`,
        },
        { key: 'organisations', title: 'Organisations', url: '/api/v1/organisations' },
      ]
    }
    case 'bookings': {
      // The widgets' comparison period, which the page asks for to read each change.
      const before = comparisonPeriod({ from: params.from!, to: params.to! }, timeZone)
      return [
        {
          key: 'reports',
          title: 'Bookings overview',
          url: `/reports?startTime=${encode(`${params.from} 00:00:00`)}&endTime=${encode(`${params.to} 23:59:59`)}`,
        },
        ...(before === null
          ? []
          : [
              {
                key: 'reports-before',
                title: 'Bookings overview, the period before',
                url: `/reports?startTime=${encode(before.startTime)}&endTime=${encode(before.endTime)}`,
              },
            ]),
        {
          key: 'graph',
          title: 'Bookings over time',
          // The plugin's date_range leaves its end day out: the page asks for the day after `to`.
          url: `/reports/graph-reports?date_range[0]=${params.from}&date_range[1]=${addDays(params.to!, 1)}`,
        },
        { key: 'activities', title: 'Latest activities', url: '/reports/activities' },
      ]
    }
  }
}

/** Answers a request as a client would receive it (the host's in-process call). */
export type Answer = (request: ReportRequest) => Promise<{ status: number; body: unknown }>

/** The responses behind a report; a failed one fails the capture with its message. */
export async function captureResponses(
  requests: readonly ReportRequest[],
  answer: Answer,
): Promise<CapturedResponse[]> {
  const responses: CapturedResponse[] = []
  for (const request of requests) {
    const { status, body } = await answer(request)
    if (status >= 400) {
      const message = JSON.stringify(body)
      throw new BadRequest(
        `${request.title} (${request.url}) answered ${status}: ${message.slice(0, 300)}`,
      )
    }
    responses.push({ key: request.key, title: request.title, request: request.url, status, body })
  }
  return responses
}
