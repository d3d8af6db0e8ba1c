/**
 * The routes of remote sync (issue #6), registered from routes.ts: the record feed other
 * consoles pull, the sources with their runs, connection tests and the product snapshots'
 * figures. All need full access (the UI session, the control secret or a full-access token).
 */
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import {
  ConnectionTest,
  RecordsPage,
  RemoteFigures,
  Source,
  SourceInput,
  SourcePatch,
  Sources,
  SyncRun,
  SyncRuns,
} from '../../../src-shared/api/sync'
import { ENTITY_NAMES } from '../../../src-shared/domain/entities'
import { Conflict } from '../errors'
import { remoteFigures } from '../sync/figures'
import { FEED_DEFAULT_LIMIT, FEED_MAX_LIMIT, recordsPageJson } from '../sync/records-feed'
import { presentRun } from '../sync/sources'
import type { SyncService } from '../sync/runner'
import type { SextantServer, ServerDeps } from './server'
import type { TSchema } from 'typebox'

export function registerSyncRoutes(
  server: SextantServer,
  deps: ServerDeps,
  sync: SyncService,
  helpers: {
    readonly consoleResponses: (ok: TSchema, status?: number) => Record<number, TSchema>
    /** routes.ts's check: the control secret, the UI's session or a full-access token. */
    readonly requireFullAccess: (request: FastifyRequest) => void
  },
): void {
  const { db } = deps
  const { consoleResponses } = helpers
  const console = { tags: ['sync'] }
  const { requireFullAccess } = helpers
  const timeZone = (): string => deps.timezone?.() ?? 'UTC'
  const SourceParams = Type.Object({ source: Type.String({ description: 'id or name' }) })

  server.get(
    '/api/v1/records/:entity',
    {
      schema: {
        ...console,
        summary:
          'One page of an entity\'s records in change order, for another console\'s sync (full-access tokens); `Link: rel="next"` names the next page',
        params: Type.Object({ entity: Type.Union(ENTITY_NAMES.map((name) => Type.Literal(name))) }),
        querystring: Type.Object({
          after: Type.Optional(Type.String({ description: 'the `cursor` of the previous page' })),
          limit: Type.Optional(
            Type.Integer({ minimum: 1, maximum: FEED_MAX_LIMIT, default: FEED_DEFAULT_LIMIT }),
          ),
        }),
        response: consoleResponses(RecordsPage),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const limit = request.query.limit ?? FEED_DEFAULT_LIMIT
      const { after } = request.query
      const page = await db.feedPage(request.params.entity, after ?? null, limit)
      const { json, next } = recordsPageJson(request.params.entity, page, after, limit)
      if (next !== null) {
        const link = `/api/v1/records/${request.params.entity}?after=${encodeURIComponent(next)}&limit=${limit}`
        reply.header('link', `<${link}>; rel="next"`)
      }
      // Built as JSON text in the worker (RecordsPage): sent as it is.
      return reply.type('application/json; charset=utf-8').send(json)
    },
  )

  const present = async (id: number): Promise<Source> =>
    sync.store.present(await sync.store.find(id), timeZone(), sync.current(id))

  server.get(
    '/api/v1/sources',
    {
      schema: {
        ...console,
        summary: 'Sync sources with their last run',
        response: consoleResponses(Sources),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const sources = await sync.store.list()
      return {
        sources: await Promise.all(
          sources.map((source) => sync.store.present(source, timeZone(), sync.current(source.id))),
        ),
      }
    },
  )

  server.post(
    '/api/v1/sources',
    {
      schema: {
        ...console,
        summary: 'Create a sync source; secrets are sealed and never answered',
        body: SourceInput,
        response: consoleResponses(Source, 201),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const created = await sync.store.create(request.body)
      return reply.code(201).send(await present(created.id))
    },
  )

  server.get(
    '/api/v1/sources/:source',
    {
      schema: {
        ...console,
        summary: 'One sync source',
        params: SourceParams,
        response: consoleResponses(Source),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return present((await sync.store.find(request.params.source)).id)
    },
  )

  server.patch(
    '/api/v1/sources/:source',
    {
      schema: {
        ...console,
        summary:
          'Change a sync source; a secret given as "" is removed, secrets not named are kept; a new config starts the source afresh',
        params: SourceParams,
        body: SourcePatch,
        response: consoleResponses(Source),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const source = await sync.store.find(request.params.source)
      if (sync.current(source.id) !== undefined)
        throw new Conflict('the source is running; change it when the run ends')
      return present((await sync.store.update(source.id, request.body)).id)
    },
  )

  server.delete(
    '/api/v1/sources/:source',
    {
      schema: {
        ...console,
        summary: 'Delete a sync source, its runs and snapshots (the records it brought stay)',
        params: SourceParams,
        response: consoleResponses(Type.Null(), 204),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const source = await sync.store.find(request.params.source)
      if (sync.current(source.id) !== undefined)
        throw new Conflict('the source is running; delete it when the run ends')
      await sync.store.remove(source.id)
      return reply.code(204).send()
    },
  )

  server.post(
    '/api/v1/sources/:source/test',
    {
      schema: {
        ...console,
        summary: 'Test connection: fetch the first page, store nothing',
        params: SourceParams,
        response: consoleResponses(ConnectionTest),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return sync.test(request.params.source)
    },
  )

  server.post(
    '/api/v1/sources/:source/runs',
    {
      schema: {
        ...console,
        summary:
          'Run a source now: answers 202 with the run at once, or with `wait=true` the finished run (200)',
        params: SourceParams,
        querystring: Type.Object({
          wait: Type.Optional(Type.Boolean()),
          trigger: Type.Optional(Type.Union([Type.Literal('manual'), Type.Literal('cli')])),
        }),
        response: { ...consoleResponses(SyncRun), 202: SyncRun },
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const started = await sync.start(request.params.source, request.query.trigger ?? 'manual')
      if (request.query.wait === true) return reply.send(await started.done)
      return reply.code(202).send(started.run)
    },
  )

  server.get(
    '/api/v1/sources/:source/runs',
    {
      schema: {
        ...console,
        summary: 'The run history of a source, newest first (the running one with its progress)',
        params: SourceParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
        response: consoleResponses(SyncRuns),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const source = await sync.store.find(request.params.source)
      const current = sync.current(source.id)
      const runs = (await sync.store.runs(source.id, request.query.limit ?? 50)).map((row) =>
        current !== undefined && row.id === current.id ? current : presentRun(row),
      )
      return { runs }
    },
  )

  server.get(
    '/api/v1/sources/:source/figures',
    {
      schema: {
        ...console,
        summary: "A snapshot source's remote figures: each endpoint's numbers over its snapshots",
        params: SourceParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: consoleResponses(RemoteFigures),
      },
    },
    async (request) => {
      requireFullAccess(request)
      const source = await sync.store.find(request.params.source)
      return remoteFigures(db, source, request.query.limit ?? 100)
    },
  )
}
