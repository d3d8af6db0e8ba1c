/**
 * The response contract of each GET route a dashboard reads figures from (the product families
 * and the console's own analytics and lists), by the route's path as the server registers it
 * (`:name` for a path parameter). A captured response records the request it answered, so a
 * view of a snapshot looks the contract, and through it each figure's kind, up here. A test
 * checks every entry against the server's OpenAPI document, so this table and the routes' own
 * schemas cannot drift apart. The console's housekeeping routes (snapshots, sync, tokens) hold
 * no figures a report shows: they stay out, and so out of the standalone report viewer, which
 * bundles this table (and must name no URL: the sync contracts' descriptions do).
 */
import { Type, type TSchema } from 'typebox'
import { Activities, GraphReports, Reports } from './bookings'
import { CallAnalyticsResponse } from './calls'
import { CallsDaily } from './calls-daily'
import { Campaigns, Counts, EventTypes, Hosts, Organisations, Workspaces } from './console'
import { Overview } from './overview'
import {
  AttributionAnswer,
  CampaignAnalytics,
  CampaignOsOverview,
  Cohorts,
  Funnel,
  Timeseries,
  WorkspaceAnalytics,
  WorkspaceRoomsAnalytics,
} from './workspaces'

/** CampaignOS's base path prefix (a CampaignOS client's base URL ends in `/campaignos`). */
const CAMPAIGNOS = '/campaignos'
/** FluentBooking's REST prefix, besides the short `/reports`. */
const FLUENT_BOOKING = '/wp-json/fluent-booking/v2'

const campaignFamily = (prefix: string): Record<string, TSchema> => {
  const base = `${prefix}/api/workspaces/:workspaceId/analytics`
  return {
    // Without `key` the video-room product's six keys, with it CampaignOS's four.
    [base]:
      prefix === CAMPAIGNOS
        ? CampaignOsOverview
        : Type.Union([WorkspaceRoomsAnalytics, CampaignOsOverview]),
    [`${base}/campaigns/:campaignId`]: CampaignAnalytics,
    [`${base}/timeseries`]: Timeseries,
    [`${base}/attribution`]: AttributionAnswer,
    [`${base}/funnel`]: Funnel,
    [`${base}/cohorts`]: Cohorts,
  }
}

const bookingFamily = (prefix: string): Record<string, TSchema> => ({
  [`${prefix}/reports`]: Reports,
  [`${prefix}/reports/graph-reports`]: GraphReports,
  [`${prefix}/reports/activities`]: Activities,
})

/** Route path -> the contract of its 200 answer. */
export const RESPONSE_SCHEMAS: Readonly<Record<string, TSchema>> = {
  ...campaignFamily(''),
  ...campaignFamily(CAMPAIGNOS),
  '/api/v2/platform/organisation/analytics': CallAnalyticsResponse,
  ...bookingFamily(''),
  ...bookingFamily(FLUENT_BOOKING),
  '/api/v1/counts': Counts,
  '/api/v1/overview': Overview,
  '/api/v1/workspaces': Workspaces,
  '/api/v1/workspaces/:workspaceId/analytics': WorkspaceAnalytics,
  '/api/v1/workspaces/:workspaceId/campaigns': Campaigns,
  '/api/v1/workspaces/:workspaceId/event-types': EventTypes,
  '/api/v1/organisations': Organisations,
  '/api/v1/calls/daily': CallsDaily,
  '/api/v1/hosts': Hosts,
}

const segments = (path: string): string[] => path.split('/').filter((part) => part !== '')

/**
 * The route a request (path and query, as a snapshot records it) was answered by, or undefined.
 * No two routes of the table fit one path (a literal segment never meets a parameter).
 */
export function routeOf(request: string): string | undefined {
  const path = request.split(/[?#]/, 1)[0] ?? ''
  const parts = segments(path)
  return Object.keys(RESPONSE_SCHEMAS).find((route) => {
    const pattern = segments(route)
    return (
      pattern.length === parts.length &&
      pattern.every((part, index) => part.startsWith(':') || part === parts[index])
    )
  })
}

/** The contract of the answer to a request (path and query), or undefined for an unknown route. */
export function responseSchemaOf(request: string): TSchema | undefined {
  const route = routeOf(request)
  return route === undefined ? undefined : RESPONSE_SCHEMAS[route]
}
