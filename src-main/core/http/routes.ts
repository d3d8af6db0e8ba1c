/**
 * Every route of the server, in one list, so a reader sees the whole API in
 * one file. Each route validates its input with a schema and calls a core
 * function; the logic lives in the modules it calls.
 */
import { Type } from 'typebox'
import { ENTITY_NAMES } from '../../../src-shared/domain/entities'
import { Forbidden } from '../errors'
import type { SextantServer, ServerDeps } from './server'
import { createToken, listTokens, revokeToken } from '../tokens/tokens'
import type { FastifyRequest } from 'fastify'

/** Token management and writes need the control secret or a full-access token. */
function requireFullAccess(request: FastifyRequest): void {
  const caller = request.caller
  if (caller === undefined) throw new Forbidden('not signed in')
  if (caller.kind === 'token' && !caller.token.fullAccess) {
    throw new Forbidden('this route needs a full-access token')
  }
}

export function registerRoutes(server: SextantServer, deps: ServerDeps): void {
  const { db, clock } = deps

  server.get('/health', async () => ({ status: 'ok', version: deps.version }))

  server.get('/', async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Sextant</title><h1>Sextant is running</h1>' +
          '<p>The loopback API answers here. See <code>GET /health</code>.</p>',
      ),
  )

  server.get('/api/v1/counts', async (request) => {
    requireFullAccess(request)
    const counts: Record<string, number> = {}
    for (const entity of ENTITY_NAMES) {
      const row = await db.get<{ n: number }>(`SELECT count(*) AS n FROM ${entity}`)
      counts[entity] = Number(row?.n ?? 0)
    }
    return { counts }
  })

  server.get('/api/v1/tokens', async (request) => {
    requireFullAccess(request)
    return { tokens: await listTokens(db) }
  })

  server.post(
    '/api/v1/tokens',
    {
      schema: {
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
    { schema: { params: Type.Object({ name: Type.String() }) } },
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
        body: Type.Object(
          {
            paths: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
            entity: Type.Optional(Type.String()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const { paths, entity } = request.body
      return db.import(paths.map((path) => ({ path, entity })))
    },
  )

  server.post(
    '/api/v1/demo',
    {
      schema: {
        body: Type.Object(
          {
            size: Type.Optional(
              Type.Union([
                Type.Literal('small'),
                Type.Literal('medium'),
                Type.Literal('large'),
                Type.Integer(),
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
}
