/**
 * The HTTP server factory. It never listens itself: `sextant serve` and the
 * Electron main process call `listen` on 127.0.0.1, tests call `inject`.
 * Everything it needs is passed in (`createServer({ db, clock, ... })`).
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Clock } from '../clock'
import type { DbClient } from '../db/client'
import { ImportFailed, SextantError } from '../errors'
import { presentedToken } from './auth'
import { guardProblem } from './guards'
import { registerRoutes } from './routes'
import { secretsEqual, verifyToken, type TokenInfo } from '../tokens/tokens'

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
  /** Fastify's logger option (false in tests). */
  readonly logger?: boolean
}

/** Who is calling. */
export type Caller =
  { readonly kind: 'control' } | { readonly kind: 'token'; readonly token: TokenInfo }

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller
  }
}

export type SextantServer = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

/** The console's own error shape: `{ error: { code, message } }`. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
): FastifyReply {
  return reply.code(status).send({ error: { code, message } })
}

export function createServer(deps: ServerDeps): SextantServer {
  const server = Fastify({
    logger: deps.logger ?? false,
    // Bodies of the console's own routes are small; imports pass paths.
    bodyLimit: 1_048_576,
    // Refuse unknown fields with a 400 instead of silently dropping them.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  server.addHook('onRequest', async (request, reply) => {
    const problem = guardProblem(deps.port(), request.headers.host, request.headers.origin)
    if (problem !== null) return sendError(reply, 403, 'forbidden', problem)
    if (!request.url.startsWith('/api/')) return
    if (/[?&](token|access_token|api_key|apikey)=/i.test(request.url)) {
      return sendError(
        reply,
        401,
        'unauthorized',
        'tokens are accepted in the Authorization header only',
      )
    }
    const presented = presentedToken(request.headers.authorization)
    if (presented === null)
      return sendError(reply, 401, 'unauthorized', 'missing or malformed Authorization header')
    if (deps.controlSecret !== undefined && secretsEqual(presented, deps.controlSecret)) {
      request.caller = { kind: 'control' }
      return
    }
    const token = await verifyToken(deps.db, presented)
    if (token === null) return sendError(reply, 401, 'unauthorized', 'invalid token')
    request.caller = { kind: 'token', token }
  })

  server.setErrorHandler((error: Error, _request, reply) => {
    if (error instanceof ImportFailed) {
      return reply
        .code(400)
        .send({ error: { code: error.code, message: error.message, issues: error.issues } })
    }
    if (error instanceof SextantError)
      return sendError(reply, error.status, error.code, error.message)
    const validation = (error as { validation?: unknown }).validation
    if (validation !== undefined) return sendError(reply, 400, 'bad_request', error.message)
    const status = (error as { statusCode?: number }).statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      return sendError(reply, status, 'bad_request', error.message)
    }
    reply.log.error(error)
    return sendError(reply, 500, 'internal', 'internal error')
  })

  server.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`),
  )

  registerRoutes(server, deps)
  return server
}
