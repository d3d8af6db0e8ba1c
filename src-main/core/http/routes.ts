/**
 * Every route of the server, in one list, so a reader sees the whole API in one file. Each
 * route validates its input with a schema (the same schemas feed /api/openapi.json), checks
 * the caller's scope, and calls one analytics or core function.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static, type TSchema } from 'typebox'
import { Activities, GraphReports, Reports } from '../../../src-shared/api/bookings'
import { CallAnalyticsResponse } from '../../../src-shared/api/calls'
import {
  AttributionAnswer,
  CampaignAnalytics,
  CampaignOsOverview,
  Cohorts,
  Funnel,
  Timeseries,
  WorkspaceAnalytics,
  WorkspaceRoomsAnalytics,
} from '../../../src-shared/api/workspaces'
import {
  Campaigns,
  Counts,
  CreatedToken,
  EventTypes,
  Hosts,
  ImportResult,
  Organisations,
  Tokens,
  Workspaces,
} from '../../../src-shared/api/console'
import { ENTITY_NAMES } from '../../../src-shared/domain/entities'
import { addDays, fromLocal, localDate, parseDate } from '../../../src-shared/domain/time'
import { activities, graphReports, reports, type Period } from '../analytics/bookings'
import { callAnalytics, findContactSpace, findOrganisation } from '../analytics/calls'
import { callsDaily } from '../analytics/calls-daily'
import { CallsDaily } from '../../../src-shared/api/calls-daily'
import {
  attribution,
  campaignAnalytics,
  cohorts,
  findCampaign,
  funnel,
  timeseries,
} from '../analytics/campaigns'
import type { AnalyticsContext } from '../analytics/context'
import { EventStreams } from '../analytics/event-stream'
import {
  campaignOsOverview,
  workspaceAnalytics,
  workspaceExists,
  workspaceRooms,
} from '../analytics/workspace'
import { overview } from '../analytics/overview'
import { Overview } from '../../../src-shared/api/overview'
import { BadRequest, Conflict, Forbidden, NotFound, SextantError, Unauthorized } from '../errors'
import { MAX_FILE_BYTES } from '../importer/archive'
import { ImportJobs, receiveUpload } from '../importer/jobs'
import { SyncService } from '../sync/runner'
import { SecretsUnavailable } from '../sync/secrets'
import { SourceStore } from '../sync/sources'
import { registerSyncRoutes } from './sync-routes'
import { registerSnapshotRoutes } from './snapshot-routes'
import { localRenderer } from '../reports/render'
import { createToken, listTokens, revokeToken } from '../tokens/tokens'
import { DEFAULT_PORT, readPortSetting, writePortSetting } from '../settings'
import { asksWithKey } from './auth'
import { CAMPAIGNOS_PREFIX, authMessage, errorBody } from './families'
import { restRouteOf } from './rest-route'
import { normaliseOrigin, type AllowedOrigins } from '../allowed-origins'
import type { SextantServer, ServerDeps } from './server'
import { SESSION_HEADER, loginUrl, type Sessions } from './session'
import fastifyStatic from '@fastify/static'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/** The web UI's Content-Security-Policy: nothing but this console's own origin. */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const MAX_DAYS = 3650

const WindowQuery = {
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_DAYS,
      description: 'window in days (wins over period)',
    }),
  ),
  period: Type.Optional(Type.String({ pattern: '^[0-9]+d$', description: '<N>d, e.g. 30d' })),
}

/** `days` wins; else `period`; else 30. */
function windowDays(query: { days?: number; period?: string }): number {
  if (query.days !== undefined) return query.days
  if (query.period !== undefined) {
    const days = Number(query.period.slice(0, -1))
    if (days < 1 || days > MAX_DAYS)
      throw new BadRequest(`period: must be <N>d with N from 1 to ${MAX_DAYS}`)
    return days
  }
  return 30
}

const WorkspaceParams = Type.Object({ workspaceId: Type.String() })

const errorResponses = (body: TSchema): Record<number, TSchema> => ({
  400: body,
  401: body,
  403: body,
  404: body,
})
const WorkspaceError = Type.Object({ error: Type.String() })
// The original's renderer: {message, status_code} from 401 up, {status_code, message, data: {}}
// below (families.ts). The serialiser writes keys in schema order, so each has its own.
const OrganisationError = Type.Object({ message: Type.String(), status_code: Type.Integer() })
const OrganisationBadRequest = Type.Object({
  status_code: Type.Integer(),
  message: Type.String(),
  data: Type.Object({}, { additionalProperties: false }),
})
const WordPressError = Type.Object({
  code: Type.String(),
  message: Type.String(),
  data: Type.Object({ status: Type.Integer() }),
})
const ConsoleError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    issues: Type.Optional(
      Type.Array(
        Type.Object({
          file: Type.String(),
          line: Type.Integer(),
          column: Type.Integer(),
          reason: Type.String(),
        }),
      ),
    ),
  }),
})
const consoleResponses = (ok: TSchema, status = 200): Record<number, TSchema> => ({
  [status]: ok,
  ...errorResponses(ConsoleError),
})

function canSee(
  request: FastifyRequest,
  kind: 'workspaces' | 'organisations',
  id: string,
): boolean {
  const caller = request.caller
  if (caller === undefined) return false
  if (caller.kind !== 'token' || caller.token.fullAccess) return true
  return caller.token[kind].includes(id)
}

function isFullAccess(request: FastifyRequest): boolean {
  const caller = request.caller
  return caller !== undefined && (caller.kind !== 'token' || caller.token.fullAccess)
}

/** Console routes that manage the console need the control secret or a full-access token. */
function requireFullAccess(request: FastifyRequest): void {
  if (!isFullAccess(request)) throw new Forbidden('this route needs a full-access token')
}

/** Response headers the forwarded answer does not copy: the outer reply sets its own. */
const HOP_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'date',
  'keep-alive',
])

/** A date, a wall-clock or ISO 8601 time: date, hour, minute, second, zone (Z or an offset). */
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * The plugin reads its parameters with PHP truthiness (`if ($startTime && $endTime)`,
 * `$from ?: '-6 days'`): an empty value, or "0", is as good as absent.
 */
function given(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined
  const text = value.trim()
  return text === '' || text === '0' ? undefined : text
}

export function registerRoutes(
  server: SextantServer,
  deps: ServerDeps & { sessions: Sessions; allowedOrigins: AllowedOrigins },
): void {
  const { db, clock } = deps
  const streams = deps.streams ?? new EventStreams(db)
  const context = (): AnalyticsContext => ({
    db,
    now: clock.now(),
    timeZone: deps.timezone?.() ?? 'UTC',
    streams,
  })

  /**
   * Runs before the query is validated (preValidation), so the order of checks is the one
   * docs/api.md gives: scope, the workspace, the campaign, then the parameters.
   */
  async function checkWorkspace(request: FastifyRequest): Promise<void> {
    const params = request.params as { workspaceId: string; campaignId?: string }
    if (!canSee(request, 'workspaces', params.workspaceId)) throw new Forbidden('Forbidden')
    if (!(await workspaceExists(context(), params.workspaceId))) {
      throw new NotFound('Workspace not found')
    }
    if (params.campaignId !== undefined) {
      request.campaign = await findCampaign(context(), params.workspaceId, params.campaignId)
      if (request.campaign === undefined) throw new NotFound('Campaign not found')
    }
  }

  server.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['console'],
        summary: 'Liveness of the console and its database; needs no token',
        description:
          'Answers 503 while the database worker is being restarted after it died or stopped answering, or once it could not be brought back.',
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }),
          503: Type.Object({
            status: Type.Union([Type.Literal('restarting'), Type.Literal('failed')]),
            version: Type.String(),
            reason: Type.String(),
          }),
        },
      },
    },
    async (_request, reply) => {
      const health = db.health
      if (health.state === 'ok') return { status: 'ok' as const, version: deps.version }
      return reply
        .code(503)
        .send({ status: health.state, version: deps.version, reason: health.reason })
    },
  )

  // The web UI: index.html with a strict CSP at `/`, its hashed files under /assets/. Pages
  // and assets hold no data, so they need no credentials; the data routes do.
  const uiRoot = deps.uiRoot
  const uiIndex = uiRoot === undefined ? undefined : join(uiRoot, 'index.html')
  if (uiRoot !== undefined && existsSync(join(uiRoot, 'assets'))) {
    void server.register(fastifyStatic, {
      root: join(uiRoot, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      setHeaders: (response) => response.setHeader('X-Content-Type-Options', 'nosniff'),
    })
  }
  server.get('/', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    // WordPress's plain permalinks: `/?rest_route=/fluent-booking/v2/reports&...` (section 4).
    if (restRouteOf(request.url) !== undefined) return forwardRestRoute(request, reply)
    reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', UI_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-cache')
    if (uiIndex !== undefined && existsSync(uiIndex)) return reply.send(readFileSync(uiIndex))
    return reply.send(
      '<!doctype html><meta charset="utf-8"><title>Sextant</title><h1>Sextant is running</h1>' +
        '<p>The loopback API answers here (<code>GET /health</code>). The web UI is not built: ' +
        'run <code>npm run build</code>.</p>',
    )
  })

  // The UI's sign-in (README "Signing in and the threat model"): a one-time login code for a
  // session secret the page keeps per origin and sends in the X-Sextant-Session header.
  const sessions = deps.sessions
  const presentedSession = (request: FastifyRequest): string | undefined => {
    const value = request.headers[SESSION_HEADER]
    return typeof value === 'string' ? value : undefined
  }
  server.post(
    '/api/v1/session',
    {
      config: { public: true },
      schema: {
        tags: ['console'],
        summary: 'Exchange a one-time login code for a UI session secret (X-Sextant-Session)',
        security: [],
        body: Type.Object({ code: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: consoleResponses(
          Type.Object({
            session: Type.String(),
            idleTimeoutSeconds: Type.Integer(),
            expiresAt: Type.String(),
          }),
        ),
      },
    },
    async (request, reply) => {
      const signedIn = sessions.exchange(request.body.code)
      if (signedIn === null)
        throw new Unauthorized(
          'this sign-in link was already used, has expired or is not from this console; open a new one with `sextant serve --open` (or `sextant`)',
        )
      // The secret is for this page alone: no cache keeps the answer.
      return reply.header('Cache-Control', 'no-store').send(signedIn)
    },
  )
  server.get(
    '/api/v1/session',
    {
      config: { public: true },
      schema: {
        tags: ['console'],
        summary: 'Whether the X-Sextant-Session header names a live UI session',
        security: [],
        response: consoleResponses(Type.Object({ signedIn: Type.Boolean() })),
      },
    },
    async (request) => ({ signedIn: sessions.isSession(presentedSession(request)) }),
  )
  server.delete(
    '/api/v1/session',
    {
      config: { public: true },
      schema: {
        tags: ['console'],
        summary: 'End the UI session the X-Sextant-Session header names',
        security: [],
        response: consoleResponses(Type.Null(), 204),
      },
    },
    async (request, reply) => {
      sessions.end(presentedSession(request))
      return reply.code(204).send()
    },
  )
  server.post(
    '/api/v1/session/tickets',
    {
      schema: {
        tags: ['console'],
        summary:
          'A single-use ticket (60 s) for one GET of a page the UI frames (/api/v1/snapshots/:id/view); UI session only',
        body: Type.Object(
          { path: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: consoleResponses(Type.Object({ ticket: Type.String() }), 201),
      },
    },
    async (request, reply) => {
      if (request.caller?.kind !== 'session')
        throw new Forbidden('only the UI session may ask for tickets')
      const ticket = sessions.createTicket(presentedSession(request), request.body.path)
      if (ticket === null)
        throw new BadRequest(`path: a ticket opens only a snapshot view, not ${request.body.path}`)
      return reply.code(201).header('Cache-Control', 'no-store').send({ ticket })
    },
  )
  server.post(
    '/api/v1/session/links',
    {
      schema: {
        tags: ['console'],
        summary: 'A new one-time sign-in link for the UI (CLI control secret only)',
        response: consoleResponses(Type.Object({ url: Type.String() }), 201),
      },
    },
    async (request, reply) => {
      if (request.caller?.kind !== 'control')
        throw new Forbidden('only the console itself may make sign-in links')
      return reply.code(201).send({ url: loginUrl(deps.port(), sessions.createLoginCode()) })
    },
  )

  server.get(
    '/api/openapi.json',
    { schema: { tags: ['console'], summary: 'This OpenAPI 3.1 document' } },
    async () => server.swagger(),
  )

  // 1. Workspace analytics ---------------------------------------------------------------
  // Two products document GET /api/workspaces/:id/analytics (issue #13 item 8; docs/api.md,
  // "The workspace family: two products on one path"). Asked in the workspace product's style
  // (no `key`) it answers that product's six keys; with CampaignOS's `?key=`, CampaignOS's four.
  // Under the CampaignOS prefix (a CampaignOS client's base URL `.../campaignos`) it is always
  // CampaignOS's. The console's own combined body: GET /api/v1/workspaces/:id/analytics.
  // Section 2's routes are served at both prefixes, the same routes.

  /** CampaignOS's API key; read before any route runs (auth.ts), listed here for the document. */
  const KeyQuery = {
    key: Type.Optional(
      Type.String({
        description:
          "CampaignOS's API key, read like an Authorization token (the header wins when both are sent); selects CampaignOS's overview on /api/workspaces/:id/analytics",
      }),
    ),
  }

  for (const prefix of ['', CAMPAIGNOS_PREFIX]) {
    const base = `${prefix}/api/workspaces/:workspaceId/analytics`
    const campaignOsOnly = prefix === CAMPAIGNOS_PREFIX
    const tags = campaignOsOnly ? ['workspaces', 'campaignos'] : ['workspaces']
    const at = campaignOsOnly ? ' (CampaignOS prefix)' : ''

    server.get(
      base,
      {
        preValidation: checkWorkspace,
        schema: {
          tags,
          summary: campaignOsOnly
            ? "CampaignOS's overview of the last N days: contacts, campaigns, messages, events"
            : "Workspace dashboard (workspace-analytics.txt's six keys); with ?key=, CampaignOS's overview (its four)",
          params: WorkspaceParams,
          querystring: Type.Object({ ...WindowQuery, ...KeyQuery }),
          response: {
            200: campaignOsOnly
              ? CampaignOsOverview
              : Type.Union([WorkspaceRoomsAnalytics, CampaignOsOverview]),
            ...errorResponses(WorkspaceError),
          },
        },
      },
      async (request) => {
        const { workspaceId } = request.params
        const days = windowDays(request.query)
        return campaignOsOnly || asksWithKey(request.url)
          ? campaignOsOverview(context(), workspaceId, days)
          : workspaceRooms(context(), workspaceId, days)
      },
    )

    // 2. Campaign analytics --------------------------------------------------------------

    server.get(
      `${base}/campaigns/:campaignId`,
      {
        preValidation: checkWorkspace,
        schema: {
          tags,
          summary: `One campaign: enrollments, message funnel, breakdowns, A/B tests${at}`,
          params: Type.Object({ workspaceId: Type.String(), campaignId: Type.String() }),
          querystring: Type.Object({ ...WindowQuery, ...KeyQuery }),
          response: { 200: CampaignAnalytics, ...errorResponses(WorkspaceError) },
        },
      },
      async (request) => campaignAnalytics(context(), request.campaign!, windowDays(request.query)),
    )

    server.get(
      `${base}/timeseries`,
      {
        preValidation: checkWorkspace,
        schema: {
          tags,
          summary: `Every day of the window: events, new contacts, messages, opens, clicks${at}`,
          params: WorkspaceParams,
          querystring: Type.Object({ ...WindowQuery, ...KeyQuery }),
          response: { 200: Timeseries, ...errorResponses(WorkspaceError) },
        },
      },
      async (request) =>
        timeseries(context(), request.params.workspaceId, windowDays(request.query)),
    )

    server.get(
      `${base}/attribution`,
      {
        preValidation: checkWorkspace,
        schema: {
          tags,
          summary: `UTM sources with unique visitors, events and last-touch conversions${at}`,
          params: WorkspaceParams,
          querystring: Type.Object({
            ...WindowQuery,
            ...KeyQuery,
            conversion: Type.Optional(
              Type.String({
                minLength: 1,
                description:
                  'conversion event type (default purchase); when given, each source carries its conversions',
              }),
            ),
          }),
          response: { 200: AttributionAnswer, ...errorResponses(WorkspaceError) },
        },
      },
      async (request) =>
        attribution(
          context(),
          request.params.workspaceId,
          windowDays(request.query),
          request.query.conversion ?? 'purchase',
          request.query.conversion !== undefined,
        ),
    )

    server.get(
      `${base}/funnel`,
      {
        preValidation: checkWorkspace,
        schema: {
          tags,
          summary: `Ordered funnel over 2 to 10 event types${at}`,
          params: WorkspaceParams,
          querystring: Type.Object({
            ...WindowQuery,
            ...KeyQuery,
            steps: Type.String({ description: 'comma-separated event types, 2 to 10' }),
          }),
          response: { 200: Funnel, ...errorResponses(WorkspaceError) },
        },
      },
      async (request) => {
        const { workspaceId } = request.params
        const days = windowDays(request.query)
        const steps = request.query.steps.split(',').map((step) => step.trim())
        if (steps.some((step) => step === '')) throw new BadRequest('steps: an empty step')
        if (steps.length < 2 || steps.length > 10)
          throw new BadRequest('steps: give 2 to 10 comma-separated event types')
        return funnel(context(), workspaceId, days, steps)
      },
    )

    server.get(
      `${base}/cohorts`,
      {
        preValidation: checkWorkspace,
        schema: {
          tags,
          summary: `Weekly retention of the contacts created on each day of the window${at}`,
          params: WorkspaceParams,
          querystring: Type.Object({
            ...WindowQuery,
            ...KeyQuery,
            metric: Type.Optional(
              Type.String({ minLength: 1, description: '"events" or an event type' }),
            ),
          }),
          response: { 200: Cohorts, ...errorResponses(WorkspaceError) },
        },
      },
      async (request) =>
        cohorts(
          context(),
          request.params.workspaceId,
          windowDays(request.query),
          request.query.metric ?? 'events',
        ),
    )
  }

  // 3. Organisation call analytics ---------------------------------------------------------

  server.get(
    '/api/v2/platform/organisation/analytics',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Call outcomes and task status of the contact spaces (v1 and v2 fields)',
        headers: Type.Object({
          'org-handle': Type.Optional(
            Type.String({ description: 'Org-Handle: the organisation domain handle' }),
          ),
          'product-id': Type.Optional(Type.String({ description: 'ignored' })),
        }),
        // Repeated, the last one counts (Django's QueryDict.get); empty means absent.
        querystring: Type.Object({
          space_token: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
        }),
        response: {
          200: CallAnalyticsResponse,
          ...errorResponses(OrganisationError),
          400: OrganisationBadRequest,
        },
      },
    },
    async (request) => {
      const handle = request.headers['org-handle']
      if (handle === undefined || handle.trim() === '')
        throw new BadRequest('Org-Handle header is required.')
      if (!canSee(request, 'organisations', handle))
        throw new Forbidden(authMessage('organisations', 403, true))
      const organisation = await findOrganisation(context(), handle)
      if (organisation === undefined) throw new NotFound('Organization not found.')
      const given = request.query.space_token
      const spaceToken = Array.isArray(given) ? given[given.length - 1] : given
      let spaceId: string | undefined
      // The original's `if space_token:`: an empty value is no value (org-wide).
      if (spaceToken !== undefined && spaceToken !== '') {
        const space = await findContactSpace(context(), organisation.id, spaceToken)
        if (space === undefined) throw new NotFound('Space not found.')
        spaceId = space.id
      }
      return {
        status_code: 200,
        message: 'Analytics fetched successfully',
        data: await callAnalytics(context(), organisation.id, spaceId),
      }
    },
  )

  // The original (DRF) answers another method with 405 after authentication; the route-level
  // hook runs after the token check and before any body is parsed.
  server.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/api/v2/platform/organisation/analytics',
    schema: { hide: true },
    onRequest: async (request, reply) => {
      reply.header('allow', 'GET, HEAD, OPTIONS')
      throw new SextantError('method_not_allowed', `Method "${request.method}" not allowed.`, 405)
    },
    handler: async () => undefined,
  })

  // 4. Booking reports, at /reports and at the WordPress prefix -----------------------------

  function requireReports(request: FastifyRequest): void {
    if (!isFullAccess(request)) throw new Forbidden(authMessage('reports', 403, true))
  }

  /**
   * An instant of startTime/endTime: `YYYY-MM-DD[ HH:mm[:ss]]` on the console's wall clock (the
   * seed doc's form), or ISO 8601 with `T`, fractions and an own `Z`/offset, which wins over the
   * timezone as it does in the plugin's `new \DateTime($value, $siteZone)`.
   */
  function bookingInstant(name: string, text: string, timeZone: string): number {
    const match = INSTANT.exec(text.trim())
    const invalid = (): BadRequest =>
      new BadRequest(`${name}: expected YYYY-MM-DD HH:mm:ss (or ISO 8601), got "${text}"`)
    if (match === null || parseDate(match[1]!) === null) throw invalid()
    const [hour, minute, second] = [match[2], match[3], match[4]].map((part) =>
      Number(part ?? 0),
    ) as [number, number, number]
    if (hour > 23 || minute > 59 || second > 59) throw invalid()
    const zone = match[5]
    if (zone === undefined) return fromLocal(match[1]!, timeZone, hour, minute, second)
    const [year, month, day] = match[1]!.split('-').map(Number) as [number, number, number]
    const utc = Date.UTC(year, month - 1, day, hour, minute, second)
    if (zone.toUpperCase() === 'Z') return utc
    const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
    const minutes = Number(offset[2]) * 60 + Number(offset[3])
    if (Number(offset[2]) > 23 || Number(offset[3]) > 59) throw invalid()
    return utc - (offset[1] === '-' ? -1 : 1) * minutes * 60_000
  }

  /**
   * graph-reports' days, as the plugin draws them (ReportingHelperTrait): `new \DateTime($from ?:
   * '-6 days')` to `new \DateTime($to ?: '+1 days')`, one key per day of the DatePeriod, which
   * excludes `$to`. A given day is its midnight; a default keeps the time of "now", so a start
   * alone keys up to tomorrow and an end alone starts six days ago. Returns the first and last
   * keyed day (graphReports takes both included), or null when the period is empty (reversed
   * or equal ends).
   */
  function graphDays(
    from: string | undefined,
    to: string | undefined,
    ctx: AnalyticsContext,
  ): { first: string; last: string } | null {
    // PHP's default timezone under WordPress is UTC, whatever the site's: "now" is a UTC day.
    const today = localDate(ctx.now, 'UTC')
    const first = from ?? addDays(today, -6)
    // A default end (now + 1 day, mid-day) keys its own day; a given end (a midnight) does not.
    const last = to === undefined ? addDays(today, from === undefined ? 0 : 1) : addDays(to, -1)
    return last < first ? null : { first, last }
  }

  /**
   * WordPress without pretty permalinks serves its REST API at `/?rest_route=<route>` and
   * `/index.php?rest_route=<route>`. Such a request is answered as `/wp-json<route>` with the
   * rest of its query string and the same headers: it passes the same checks (token, scope,
   * host) and gets the same answer. Only routes of the WordPress prefix are reached; a route
   * with anything but letters, digits, `-`, `_` and single slashes (no dots, so no `..`) is
   * not found.
   */
  async function forwardRestRoute(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const [route, rest] = restRouteOf(request.url)!
    if (!/^(?:\/[A-Za-z0-9_-]+)+\/?$/.test(route)) {
      return reply
        .code(404)
        .send(errorBody('reports', 404, `no route ${request.method} ${route.slice(0, 100)}`))
    }
    const headers = { ...request.headers }
    delete headers['content-length']
    const answer = await server.inject({
      method: 'GET',
      url: `/wp-json${route}${rest === '' ? '' : `?${rest}`}`,
      headers,
    })
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined || HOP_HEADERS.has(name)) continue
      reply.header(name, value)
    }
    return reply.code(answer.statusCode).send(answer.rawPayload)
  }
  server.get(
    '/index.php',
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      if (restRouteOf(request.url) !== undefined) return forwardRestRoute(request, reply)
      return reply.code(404).send(errorBody('open', 404, `no route ${request.method} /index.php`))
    },
  )

  for (const prefix of ['/reports', '/wp-json/fluent-booking/v2/reports']) {
    server.get(
      prefix,
      {
        schema: {
          tags: ['bookings'],
          summary: 'Overview widgets, latest bookings and next meetings',
          querystring: Type.Object({
            startTime: Type.Optional(
              Type.String({ description: 'YYYY-MM-DD HH:mm:ss, in the timezone' }),
            ),
            endTime: Type.Optional(
              Type.String({ description: 'YYYY-MM-DD HH:mm:ss, in the timezone' }),
            ),
          }),
          response: { 200: Reports, ...errorResponses(WordPressError) },
        },
      },
      async (request) => {
        requireReports(request)
        const ctx = context()
        const startTime = given(request.query.startTime)
        const endTime = given(request.query.endTime)
        let period: Period | null = null
        if (startTime !== undefined && endTime !== undefined) {
          // Reversed ends are no error in the plugin: its BETWEEN finds nothing, so zeros.
          period = {
            start: bookingInstant('startTime', startTime, ctx.timeZone),
            end: bookingInstant('endTime', endTime, ctx.timeZone),
          }
        } else {
          // One end alone is ignored, as in the plugin, but a malformed one is still an error.
          if (startTime !== undefined) bookingInstant('startTime', startTime, ctx.timeZone)
          if (endTime !== undefined) bookingInstant('endTime', endTime, ctx.timeZone)
        }
        return reports(ctx, period)
      },
    )

    server.get(
      `${prefix}/graph-reports`,
      {
        schema: {
          tags: ['bookings'],
          summary: 'Booked / completed / cancelled per day, 7-day step or month',
          querystring: Type.Object({
            'date_range[0]': Type.Optional(Type.String({ description: 'first day, YYYY-MM-DD' })),
            'date_range[1]': Type.Optional(Type.String({ description: 'last day, YYYY-MM-DD' })),
            'date_range[]': Type.Optional(
              Type.Array(Type.String(), { maxItems: 2, description: 'both days, in order' }),
            ),
            date_range: Type.Optional(
              Type.String({ description: 'empty: as absent (the admin client sends date_range=)' }),
            ),
          }),
          response: { 200: GraphReports, ...errorResponses(WordPressError) },
        },
      },
      async (request) => {
        requireReports(request)
        const ctx = context()
        const query = request.query
        if (given(query.date_range) !== undefined)
          throw new BadRequest(
            'date_range: give the two days as date_range[]=YYYY-MM-DD&date_range[]=YYYY-MM-DD',
          )
        // `list($startDate, $endDate) = $request->get('date_range') ?: ['', '']`: a missing or
        // empty side takes its default, whichever form carried the other.
        const sides = [query['date_range[0]'], query['date_range[1]']]
        const [from, to] = [0, 1].map((index) => {
          const day = given(query['date_range[]']?.[index] ?? sides[index])
          if (day === undefined) return undefined
          const date = parseDate(day)
          if (date === null)
            throw new BadRequest(`date_range[${index}]: expected a date YYYY-MM-DD, got "${day}"`)
          return date
        }) as [string | undefined, string | undefined]
        const days = graphDays(from, to, ctx)
        // An empty DatePeriod: the plugin's three empty arrays, as the maps the doc promises.
        if (days === null) return { booked_stats: {}, completed_stats: {}, cancelled_stats: {} }
        const { first, last } = days
        return graphReports(ctx, first, last)
      },
    )

    server.get(
      `${prefix}/activities`,
      {
        schema: {
          tags: ['bookings'],
          summary: 'The 100 latest booking activities',
          response: { 200: Activities, ...errorResponses(WordPressError) },
        },
      },
      async (request) => {
        requireReports(request)
        return activities(context())
      },
    )
  }

  // 5. The console's own routes ----------------------------------------------------------

  const console = { tags: ['console'] }

  server.get(
    '/api/v1/counts',
    { schema: { ...console, summary: 'Records per entity', response: consoleResponses(Counts) } },
    async (request) => {
      requireFullAccess(request)
      const counts: Record<string, number> = {}
      for (const entity of ENTITY_NAMES) {
        const row = await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${entity}`)
        counts[entity] = Number(row?.n ?? 0)
      }
      return { counts }
    },
  )

  server.get(
    '/api/v1/overview',
    {
      schema: {
        ...console,
        summary:
          'KPIs across all data for the last N days, each against the N days before, with daily trends',
        querystring: Type.Object({
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DAYS, default: 30 })),
        }),
        response: consoleResponses(Overview),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return overview(context(), request.query.days ?? 30)
    },
  )

  server.get(
    '/api/v1/workspaces',
    {
      schema: {
        ...console,
        summary: 'Workspaces this token may read',
        response: consoleResponses(Workspaces),
      },
    },
    async (request) => {
      const rows = await db.query<{ id: string; name: string; created_at: number }>(
        'SELECT id, name, created_at FROM workspaces ORDER BY name, id',
      )
      return {
        workspaces: rows
          .filter((row) => canSee(request, 'workspaces', row.id))
          .map((row) => ({
            id: row.id,
            name: row.name,
            created_at: new Date(row.created_at).toISOString(),
          })),
      }
    },
  )

  // Both products' bodies of /api/workspaces/:id/analytics in one, and the window: what the
  // Workspace page and the `workspace` report show (issue #13 item 8).
  server.get(
    '/api/v1/workspaces/:workspaceId/analytics',
    {
      // Scope, then the workspace, then the parameters, as in the workspaces family.
      preValidation: async (request) => {
        const { workspaceId } = request.params as { workspaceId: string }
        if (!canSee(request, 'workspaces', workspaceId))
          throw new Forbidden('this token may not read that workspace')
        if (!(await workspaceExists(context(), workspaceId)))
          throw new NotFound('workspace not found')
      },
      schema: {
        ...console,
        summary:
          "A workspace's room dashboard and CampaignOS overview of the last N days, in one body with its period",
        params: WorkspaceParams,
        querystring: Type.Object(WindowQuery),
        response: consoleResponses(WorkspaceAnalytics),
      },
    },
    async (request) =>
      workspaceAnalytics(context(), request.params.workspaceId, windowDays(request.query)),
  )

  server.get(
    '/api/v1/workspaces/:workspaceId/campaigns',
    {
      schema: {
        ...console,
        summary: 'Campaigns of a workspace',
        params: WorkspaceParams,
        response: consoleResponses(Campaigns),
      },
    },
    async (request) => {
      if (!canSee(request, 'workspaces', request.params.workspaceId))
        throw new Forbidden('this token may not read that workspace')
      const rows = await db.query<{ id: string; name: string; status: string; created_at: number }>(
        'SELECT id, name, status, created_at FROM campaigns WHERE workspace_id = :w ORDER BY created_at DESC, id',
        { w: request.params.workspaceId },
      )
      return {
        campaigns: rows.map((row) => ({
          ...row,
          created_at: new Date(row.created_at).toISOString(),
        })),
      }
    },
  )

  server.get(
    '/api/v1/workspaces/:workspaceId/event-types',
    {
      schema: {
        ...console,
        summary: 'Event types present in a workspace, most frequent first',
        params: WorkspaceParams,
        response: consoleResponses(EventTypes),
      },
    },
    async (request) => {
      if (!canSee(request, 'workspaces', request.params.workspaceId))
        throw new Forbidden('this token may not read that workspace')
      // The lifetime rollup every import keeps (migration 004): no scan of the events.
      const rows = await db.query<{ type: string; count: number }>(
        `SELECT event_type AS type, n AS count FROM event_type_totals WHERE workspace_id = :w
         ORDER BY count DESC, type`,
        { w: request.params.workspaceId },
      )
      return { eventTypes: rows }
    },
  )

  server.get(
    '/api/v1/organisations',
    {
      schema: {
        ...console,
        summary: 'Organisations with their spaces',
        response: consoleResponses(Organisations),
      },
    },
    async (request) => {
      const organisations = await db.query<{ id: string; name: string; domain_handle: string }>(
        'SELECT id, name, domain_handle FROM organisations ORDER BY name, id',
      )
      const spaces = await db.query<{
        id: string
        organisation_id: string
        name: string
        token: string
        content_type: string
      }>('SELECT id, organisation_id, name, token, content_type FROM spaces ORDER BY name, id')
      return {
        organisations: organisations
          .filter((row) => canSee(request, 'organisations', row.domain_handle))
          .map((row) => ({
            ...row,
            spaces: spaces
              .filter((space) => space.organisation_id === row.id)
              .map(({ organisation_id: _organisation, ...space }) => space),
          })),
      }
    },
  )

  server.get(
    '/api/v1/calls/daily',
    {
      schema: {
        ...console,
        summary:
          "An organisation's calls per day of the last N days, by outcome (its contact spaces, or the one `space` names)",
        querystring: Type.Object({
          org: Type.String({ minLength: 1, description: 'the organisation domain handle' }),
          space: Type.Optional(Type.String({ description: 'a contact space token' })),
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DAYS, default: 30 })),
        }),
        response: consoleResponses(CallsDaily),
      },
    },
    async (request) => {
      const { org, space } = request.query
      if (!canSee(request, 'organisations', org))
        throw new Forbidden('this token may not read that organisation')
      const organisation = await findOrganisation(context(), org)
      if (organisation === undefined) throw new NotFound('organisation not found')
      let spaceId: string | undefined
      if (space !== undefined && space !== '') {
        const found = await findContactSpace(context(), organisation.id, space)
        if (found === undefined) throw new NotFound('contact space not found')
        spaceId = found.id
      }
      return callsDaily(context(), organisation.id, request.query.days ?? 30, spaceId)
    },
  )

  server.get(
    '/api/v1/hosts',
    { schema: { ...console, summary: 'Booking hosts', response: consoleResponses(Hosts) } },
    async (request) => {
      requireFullAccess(request)
      return { hosts: await db.query('SELECT id, name, email FROM hosts ORDER BY name, id') }
    },
  )

  server.get(
    '/api/v1/tokens',
    {
      schema: {
        ...console,
        summary: 'API tokens (never their secrets)',
        response: consoleResponses(Tokens),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return { tokens: await listTokens(db) }
    },
  )

  server.post(
    '/api/v1/tokens',
    {
      schema: {
        ...console,
        summary: 'Create a token; the answer holds its only copy',
        response: consoleResponses(CreatedToken, 201),
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            workspaces: Type.Optional(Type.Array(Type.String())),
            organisations: Type.Optional(Type.Array(Type.String())),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const created = await createToken(db, clock, request.body)
      return reply.code(201).send(created)
    },
  )

  server.delete(
    '/api/v1/tokens/:name',
    {
      schema: {
        ...console,
        summary: 'Revoke a token',
        params: Type.Object({ name: Type.String() }),
        response: consoleResponses(Type.Null(), 204),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      await revokeToken(db, request.params.name)
      return reply.code(204).send()
    },
  )

  server.post(
    '/api/v1/import',
    {
      schema: {
        ...console,
        summary: 'Import dataset folders, .zip files or entity files by path on this machine',
        response: consoleResponses(ImportResult),
        body: Type.Object(
          {
            paths: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
            entity: Type.Optional(Type.String()),
            limits: Type.Optional(
              Type.Object(
                {
                  entries: Type.Optional(Type.Integer({ minimum: 1 })),
                  entryBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FILE_BYTES })),
                  totalBytes: Type.Optional(
                    Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
                  ),
                  ratio: Type.Optional(Type.Integer({ minimum: 1 })),
                },
                {
                  additionalProperties: false,
                  description:
                    'the .zip limits of `sextant import --zip-max-*` (README "Importing"); the defaults where absent',
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const { paths, entity, limits } = request.body
      return db.import(paths.map((path) => ({ path, entity, limits })))
    },
  )

  const ImportJobSchema = Type.Object({
    id: Type.String(),
    state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
    files: Type.Array(Type.String()),
    progress: Type.Union([
      Type.Object({ entity: Type.String(), done: Type.Integer(), total: Type.Integer() }),
      Type.Null(),
    ]),
    result: Type.Union([ImportResult, Type.Null()]),
    error: Type.Union([
      Type.Object({
        message: Type.String(),
        issues: Type.Array(
          Type.Object({
            file: Type.String(),
            line: Type.Integer(),
            column: Type.Integer(),
            reason: Type.String(),
          }),
        ),
      }),
      Type.Null(),
    ]),
  })
  const importJobs = new ImportJobs(db)

  server.post(
    '/api/v1/imports',
    {
      schema: {
        ...console,
        summary:
          'Upload files (multipart/form-data: entity files named <entity>.csv|.tsv|.json|.ndjson, or a .zip; an `entities` field, a JSON object of file name to entity, for files named otherwise) and import them in the background',
        consumes: ['multipart/form-data'],
        response: consoleResponses(ImportJobSchema, 202),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      if (!request.isMultipart())
        throw new BadRequest('body: send the files as multipart/form-data')
      const folder = importJobs.uploadFolder()
      try {
        // A malformed body is a 400 from receiveUpload; whatever ends the request, the folder goes.
        const files = await receiveUpload(request, folder)
        return reply.code(202).send(importJobs.start(folder, files))
      } catch (error) {
        rmSync(folder, { recursive: true, force: true })
        throw error
      }
    },
  )

  server.get(
    '/api/v1/imports/:id',
    {
      schema: {
        ...console,
        summary: 'Progress and outcome of an uploaded import',
        params: Type.Object({ id: Type.String() }),
        response: consoleResponses(ImportJobSchema),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const job = importJobs.get(request.params.id)
      if (job === undefined) throw new NotFound('no import job with that id')
      return job
    },
  )

  const SettingsSchema = Type.Object({
    timezone: Type.String({ description: 'IANA name days are counted in' }),
    timezoneSource: Type.Union([Type.Literal('environment'), Type.Literal('setting')]),
    port: Type.Integer(),
    version: Type.String(),
    preferredPort: Type.Integer({
      description: 'the port the desktop app asks for at its next start (the `port` setting)',
    }),
    now: Type.String({ description: "the console's now (SEXTANT_NOW when set), ISO UTC" }),
    today: Type.String({ description: 'the local date of now in the timezone' }),
    allowedOrigins: Type.Array(
      Type.Object({
        origin: Type.String(),
        source: Type.Union([Type.Literal('setting'), Type.Literal('command line')]),
      }),
      {
        description:
          'origins whose pages may read the documented endpoints (CORS); `command line` ones were given to `serve --allow-origin` for this run',
      },
    ),
  })
  const currentSettings = async (): Promise<Static<typeof SettingsSchema>> => {
    const timeZone = deps.timezone?.() ?? 'UTC'
    const now = clock.now()
    return {
      timezone: timeZone,
      timezoneSource: deps.settings?.source ?? 'setting',
      port: deps.port(),
      preferredPort: (await readPortSetting(db)) ?? DEFAULT_PORT,
      version: deps.version,
      now: new Date(now).toISOString(),
      today: localDate(now, timeZone),
      allowedOrigins: deps.allowedOrigins.list(),
    }
  }
  server.get(
    '/api/v1/settings',
    {
      schema: {
        ...console,
        summary: 'Console settings and the address local apps use',
        response: consoleResponses(SettingsSchema),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return currentSettings()
    },
  )
  server.put(
    '/api/v1/settings',
    {
      schema: {
        ...console,
        summary:
          "Change the timezone days are counted in, the desktop app's port, or the CORS allow-list",
        body: Type.Object(
          {
            timezone: Type.Optional(Type.String({ minLength: 1 })),
            port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
            allowedOrigins: Type.Optional(
              Type.Array(Type.String(), {
                maxItems: 50,
                description: 'the stored CORS allow-list, whole (scheme://host[:port] each)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: consoleResponses(SettingsSchema),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const { timezone, port, allowedOrigins } = request.body
      // Checked whole before anything is stored: a request that fails changes nothing.
      if (allowedOrigins !== undefined) {
        allowedOrigins.forEach(normaliseOrigin)
        if (!deps.allowedOrigins.editable)
          throw new Conflict('this console was started with a fixed origin list')
      }
      if (timezone !== undefined) {
        if (deps.settings === undefined)
          throw new Conflict('this console was started with a fixed timezone')
        await deps.settings.set(timezone)
      }
      if (port !== undefined) await writePortSetting(db, port)
      if (allowedOrigins !== undefined) await deps.allowedOrigins.replace(allowedOrigins)
      return currentSettings()
    },
  )

  server.post(
    '/api/v1/demo',
    {
      schema: {
        ...console,
        summary: 'Write the demo dataset, relative to now',
        response: consoleResponses(ImportResult),
        body: Type.Object(
          {
            size: Type.Optional(
              Type.Union([
                Type.Literal('small'),
                Type.Literal('medium'),
                Type.Literal('large'),
                // events, as demoEventCount takes them
                Type.Integer({ minimum: 100, maximum: 5_000_000 }),
              ]),
            ),
            seed: Type.Optional(Type.Integer()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return db.demo({
        size: request.body.size ?? 'medium',
        seed: request.body.seed ?? 1,
        now: clock.now(),
      })
    },
  )

  // Remote sync (sync-routes.ts). A host passes its SyncService (with the secret key's folder
  // and the scheduler); without one, sources work except for secrets.
  const sync =
    deps.sync ??
    new SyncService({
      db,
      clock,
      timeZone: () => deps.timezone?.() ?? 'UTC',
      store: new SourceStore(db, clock, () => {
        throw new SecretsUnavailable('this console has no folder for its secret key')
      }),
    })
  registerSyncRoutes(server, deps, sync, { consoleResponses, requireFullAccess })
  registerSnapshotRoutes(server, server.snapshots, deps.renderer ?? (() => localRenderer()), {
    consoleResponses,
    requireFullAccess,
  })
}
