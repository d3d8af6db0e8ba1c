/**
 * The HTTP server factory. It never listens itself: `sextant serve` and the Electron main
 * process call `listen` on 127.0.0.1, tests call `inject`. Everything it needs is passed in
 * (`createServer({ db, clock, ... })`).
 *
 * Every request passes the Host / Origin guard, then (on the API's paths) authentication; the
 * family of the path decides the shape of every error (families.ts).
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Clock } from '../clock'
import type { DbClient } from '../db/client'
import { ImportFailed, SextantError } from '../errors'
import { secretsEqual, verifyToken, type TokenInfo } from '../tokens/tokens'
import { loggerOptions, presentedCredential, type LoggerSetting } from './auth'
import { authMessage, errorBody, familyOf, sendFamilyError } from './families'
import cors from '@fastify/cors'
import { AllowedOrigins } from '../allowed-origins'
import { corsOptions, crossOriginPermitted } from './cors'
import { guardProblem, isOwnOrigin } from './guards'
import {
  BODY_LIMIT,
  MAX_PATH_SEGMENT,
  bodyErrorMessage,
  clientErrorResponse,
  frameworkErrorMessage,
} from './http-errors'
import { integerRulePlugin, withIntegerRule } from './integers'
import { registerRoutes } from './routes'
import { SESSION_HEADER, Sessions, TICKET_PARAMETER } from './session'
import multipart from '@fastify/multipart'
import type { TimeZoneSetting } from '../settings'
import type { EventStreams } from '../analytics/event-stream'
import type { SyncService } from '../sync/runner'
import { randomBytes } from 'node:crypto'
import { SnapshotLibrary } from '../reports/snapshots'
import type { ReportRenderer } from '../reports/render'

/** What the server needs from its host. */
export interface ServerDeps {
  readonly db: DbClient
  readonly clock: Clock
  readonly version: string
  /** The port the host listens on (for the Host / Origin checks). Read at each request. */
  readonly port: () => number
  /** The per-run secret of the lock file: full access for CLI commands on this machine. */
  readonly controlSecret?: string
  /** The IANA timezone days are counted in (the `timezone` setting, `SEXTANT_TZ`, else UTC). */
  readonly timezone?: () => string
  /**
   * The per-actor event streams (one per server when omitted); hosts call `keepWarm` on them so
   * dashboards never wait for the scan.
   */
  readonly streams?: EventStreams
  /** The timezone setting the UI may change (the `timezone` getter reads it). */
  readonly settings?: TimeZoneSetting
  /** The UI's one-time login codes and sessions (one per server when omitted). */
  readonly sessions?: Sessions
  /** The folder of the built web UI (index.html, assets/); without it `/` says how to build it. */
  readonly uiRoot?: string
  /**
   * Renders PDF and PNG exports (the desktop app's hidden window; elsewhere a local Chromium,
   * see reports/render.ts); null when there is none.
   */
  readonly renderer?: () => ReportRenderer | null
  /** Runs the sync sources (a host builds it with the secret key's folder; see core/host.ts). */
  readonly sync?: SyncService
  /**
   * The origins whose pages may read the documented endpoints across origins (CORS); none when
   * omitted.
   */
  readonly allowedOrigins?: AllowedOrigins
  /**
   * Logging: off (the default, and in tests), on to standard output, or into a stream (tests
   * that read the log). Credentials in URLs are redacted either way (auth.ts).
   */
  readonly logger?: LoggerSetting
}

/** Who is calling. */
export type Caller =
  | { readonly kind: 'control' }
  /** The console's own UI, signed in with a login link (full access). */
  | { readonly kind: 'session' }
  | { readonly kind: 'token'; readonly token: TokenInfo }

declare module 'fastify' {
  interface FastifyInstance {
    /** The report snapshot library (captures answer through this server's own routes). */
    snapshots: SnapshotLibrary
  }
  interface FastifyRequest {
    caller?: Caller
    /** The campaign a campaign route named, found while its scope was checked. */
    campaign?: { id: string; name: string; status: string }
  }
}

export type SextantServer = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

const TOKEN_PARAMETERS = new Set(['token', 'access_token', 'api_key', 'apikey'])

/** `/a/b?x=1` -> ['/a/b', 'x=1']. */
function splitUrl(url: string): [string, string] {
  const query = url.indexOf('?')
  return query === -1 ? [url, ''] : [url.slice(0, query), url.slice(query + 1)]
}

/** True when the query string carries a credential, however its name is spelled or encoded. */
function tokenInQuery(url: string): boolean {
  const query = url.indexOf('?')
  if (query === -1) return false
  for (const name of new URLSearchParams(url.slice(query + 1)).keys()) {
    if (TOKEN_PARAMETERS.has(name.trim().toLowerCase())) return true
  }
  return false
}

/** `querystring/days must be <= 3650` -> `days: must be <= 3650`. */
function validationMessage(
  error: Error & {
    validation?: { instancePath?: string; params?: Record<string, unknown>; message?: string }[]
    validationContext?: string
  },
): string {
  const first = error.validation?.[0]
  if (first === undefined) return error.message
  const fromPath = (first.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.')
  const missing = first.params?.missingProperty
  const name =
    fromPath || (typeof missing === 'string' ? missing : (error.validationContext ?? 'request'))
  return `${decodeURIComponent(name.replace(/~1/g, '/').replace(/~0/g, '~'))}: ${first.message ?? 'is invalid'}`
}

export function createServer(deps: ServerDeps): SextantServer {
  const server = Fastify({
    logger: loggerOptions(deps.logger),
    // Bodies of the console's own routes are small; imports pass paths.
    bodyLimit: BODY_LIMIT,
    // Refuse unknown fields with a 400 instead of silently dropping them, where a schema says
    // `additionalProperties: false` (the console's JSON bodies). No query string says so: the
    // originals' clients add their own parameters (FluentBooking's `query_timestamp`), and an
    // unknown query parameter is ignored on every route (docs/api.md). Whole numbers are
    // checked before Ajv's coercion, which takes `0x10` as 16 and lets `Infinity` through
    // (integers.ts).
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array' },
      plugins: [integerRulePlugin],
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_SEGMENT },
    // A path Fastify cannot route (bad percent-encoding, a segment over 100 characters) and a
    // request Node cannot parse (headers too large, a broken request line) answer in the
    // family's shape too (http-errors.ts).
    frameworkErrors: (error, request, reply) => {
      const family = familyOf(request.url)
      const problem = guardProblem(deps.port(), request.headers.host, request.headers.origin, {
        allowed: (origin) => origins.allows(origin),
        documented: crossOriginPermitted(request, deps.port(), origins),
      })
      if (problem !== null)
        return sendFamilyError(reply, family, 403, family === 'workspaces' ? 'Forbidden' : problem)
      const { status, message } = frameworkErrorMessage(error)
      return sendFamilyError(reply, family, status, message)
    },
    clientErrorHandler: (error, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return
      if (socket.writable) socket.write(clientErrorResponse(error))
      socket.destroy(error)
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Every whole-number parameter of every route follows one rule (integers.ts): the schemas a
  // route declares get it as the route is registered.
  server.addHook('onRoute', (route) => {
    const schema = route.schema
    if (schema === undefined) return
    route.schema = {
      ...schema,
      ...(schema.querystring === undefined
        ? {}
        : { querystring: withIntegerRule(schema.querystring, 'text') }),
      ...(schema.params === undefined ? {} : { params: withIntegerRule(schema.params, 'text') }),
      ...(schema.body === undefined ? {} : { body: withIntegerRule(schema.body, 'json') }),
    }
  })

  const sessions = deps.sessions ?? new Sessions(deps.clock)
  const origins = deps.allowedOrigins ?? AllowedOrigins.fixed([])
  // Snapshot captures call the console's own routes in-process with this one-run secret.
  const internalSecret = randomBytes(32).toString('base64url')
  const library = new SnapshotLibrary(
    deps.db,
    deps.clock,
    () => deps.timezone?.() ?? 'UTC',
    async (request) => {
      const response = await server.inject({
        method: 'GET',
        url: request.url,
        headers: {
          host: `127.0.0.1:${deps.port()}`,
          authorization: `Bearer ${internalSecret}`,
          ...(request.headers ?? {}),
        },
      })
      let body: unknown
      try {
        body = response.json()
      } catch {
        body = response.body
      }
      return { status: response.statusCode, body }
    },
  )
  server.decorate('snapshots', library)
  // Uploads for the UI's import: files stream to disk, so the cap only guards the disk.
  void server.register(multipart, { limits: { fileSize: 4 * 1024 ** 3, files: 100, fields: 10 } })
  void server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sextant loopback API',
        version: deps.version,
        description:
          "The analytics endpoints of the workspace, campaign, organisation call and booking products, served offline, plus the console's own routes. See docs/api.md.",
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          basic: {
            type: 'http',
            scheme: 'basic',
            description: 'any user name, the token as password',
          },
        },
      },
      security: [{ bearer: [] }, { basic: [] }],
    },
  })

  // CORS (cors.ts): a page on an allowed origin may read the documented endpoints. Chromium
  // asks a loopback server for Private Network Access in the preflight of a page served from a
  // less private address; an allowed request gets it. These two hooks run before the guard, so
  // a refused request of an allowed page (a 401) is readable by it too.
  server.addHook('onRequest', async (request, reply) => {
    if (
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-private-network'] === 'true' &&
      crossOriginPermitted(request, deps.port(), origins)
    )
      reply.header('Access-Control-Allow-Private-Network', 'true')
  })
  void server
    .register(cors, corsOptions(deps.port, origins))
    .after(() => server.addHook('onRequest', guard))

  // Every route needs a token unless it is marked public ({ config: { public: true } }). The
  // family comes from the route the request matched, so no spelling of a path (percent-encoded,
  // doubled slashes) reaches an API route without its checks.
  async function guard(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const routed = request.routeOptions.url
    const family = familyOf(routed === undefined || routed === '*' ? request.url : routed)
    const origin = request.headers.origin
    const crossOrigin = origin !== undefined && !isOwnOrigin(deps.port(), origin)
    const problem = guardProblem(deps.port(), request.headers.host, origin, {
      allowed: (candidate) => origins.allows(candidate),
      documented: crossOriginPermitted(request, deps.port(), origins),
    })
    if (problem !== null) {
      const message = family === 'workspaces' ? 'Forbidden' : problem
      return sendFamilyError(reply, family, 403, message)
    }
    if ((request.routeOptions.config as { public?: boolean } | undefined)?.public === true) return
    // The UI's pages and assets hold no data; every /api, /reports and /wp-json route is guarded.
    if (family === 'open' && (request.method === 'GET' || request.method === 'HEAD')) return
    // A page of another origin authenticates with a header only: a `?key=` of its would sit in
    // the page's URLs, history and Referer.
    const presented = presentedCredential({
      authorization: request.headers.authorization,
      url: crossOrigin ? request.url.split('?')[0]! : request.url,
      family,
    })
    // The UI's session: its secret in the X-Sextant-Session header only (a cookie would reach
    // every port of 127.0.0.1), or a single-use ticket for one GET of the page it was made for
    // (a frame cannot send a header). Never for a page of another origin: it needs a token.
    if (presented === null && !crossOrigin && !tokenInQuery(request.url)) {
      const header = request.headers[SESSION_HEADER]
      const [path, query] = splitUrl(request.url)
      if (
        (typeof header === 'string' && sessions.isSession(header)) ||
        (request.method === 'GET' &&
          sessions.redeemTicket(new URLSearchParams(query).get(TICKET_PARAMETER) ?? '', path))
      ) {
        request.caller = { kind: 'session' }
        return
      }
    }
    if (tokenInQuery(request.url)) {
      const message =
        family === 'console' || family === 'open'
          ? 'tokens are accepted in the Authorization header only'
          : authMessage(family, 401, false)
      return sendFamilyError(reply, family, 401, message)
    }
    if (presented === null)
      return sendFamilyError(reply, family, 401, authMessage(family, 401, false))
    // The lock file's secret is for CLI commands on this machine, never for a web page.
    if (
      !crossOrigin &&
      ((deps.controlSecret !== undefined && secretsEqual(presented, deps.controlSecret)) ||
        secretsEqual(presented, internalSecret))
    ) {
      request.caller = { kind: 'control' }
      return
    }
    const token = await verifyToken(deps.db, presented, deps.clock.now())
    if (token === null) return sendFamilyError(reply, family, 401, authMessage(family, 401, true))
    request.caller = { kind: 'token', token }
  }

  server.setErrorHandler((error: Error, request, reply) => {
    const family = familyOf(request.routeOptions.url ?? request.url)
    if (error instanceof ImportFailed) {
      return reply
        .code(400)
        .send({ error: { code: error.code, message: error.message, issues: error.issues } })
    }
    if (error instanceof SextantError) {
      if (family === 'console')
        return reply
          .code(error.status)
          .send({ error: { code: error.code, message: error.message } })
      return sendFamilyError(reply, family, error.status, error.message)
    }
    if ((error as { validation?: unknown }).validation !== undefined) {
      return sendFamilyError(reply, family, 400, validationMessage(error))
    }
    const status = (error as { statusCode?: number }).statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      const message = bodyErrorMessage(error, request.headers['content-type'], BODY_LIMIT)
      return sendFamilyError(reply, family, status, message)
    }
    reply.log.error(error)
    return reply.code(500).send(errorBody(family, 500, 'internal error'))
  })

  server.setNotFoundHandler((request, reply) => {
    const family = familyOf(request.url)
    const message = `no route ${request.method} ${request.url.split('?')[0]}`
    return sendFamilyError(reply, family, 404, message)
  })

  // Routes go in a plugin so that they register after @fastify/swagger, which collects them.
  void server.register(async (app) =>
    registerRoutes(app, { ...deps, sessions, allowedOrigins: origins }),
  )
  return server
}
