/**
 * The routes of report snapshots (issue #7), registered from routes.ts: capture, the library,
 * compare, exports in five formats, the HTML view the UI opens, and capture schedules. All need
 * full access.
 */
import type { FastifyRequest } from 'fastify'
import { Type, type TSchema } from 'typebox'
import {
  ReportName,
  ReportParams,
  Snapshot,
  SnapshotComparison,
  SnapshotInput,
  SnapshotSchedule,
  SnapshotSummary,
  Snapshots,
} from '../../../src-shared/api/snapshots'
import { exportFileName, exportSnapshot } from '../reports/exporter'
import { snapshotHtml } from '../reports/html'
import type { ReportRenderer } from '../reports/render'
import type { SnapshotLibrary } from '../reports/snapshots'
import type { SextantServer } from './server'

/** The view the UI frames: the snapshot's own page, its inline viewer allowed only here. */
export const VIEW_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  "frame-ancestors 'self'",
].join('; ')

export function registerSnapshotRoutes(
  server: SextantServer,
  library: SnapshotLibrary,
  renderer: () => ReportRenderer | null,
  helpers: {
    readonly consoleResponses: (ok: TSchema, status?: number) => Record<number, TSchema>
    /** routes.ts's check: the control secret, the UI's session or a full-access token. */
    readonly requireFullAccess: (request: FastifyRequest) => void
  },
): void {
  const { consoleResponses } = helpers
  const tags = { tags: ['snapshots'] }
  const { requireFullAccess } = helpers
  const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) })
  const Theme = Type.Optional(Type.Union([Type.Literal('light'), Type.Literal('dark')]))

  server.post(
    '/api/v1/snapshots',
    {
      schema: {
        ...tags,
        summary:
          "Capture a report now: the API responses behind the dashboard for these filters (the dashboard's defaults fill the rest)",
        body: SnapshotInput,
        response: consoleResponses(SnapshotSummary, 201),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const { report, name, params } = request.body
      // The UI's button, `sextant export` (the CLI's control secret), or another app's token.
      const caller = request.caller?.kind
      const trigger = caller === 'session' ? 'manual' : caller === 'control' ? 'cli' : 'api'
      const captured = await library.capture(report, params ?? {}, { name, trigger })
      return reply.code(201).send(captured)
    },
  )

  server.get(
    '/api/v1/snapshots',
    {
      schema: {
        ...tags,
        summary: 'The snapshot library, newest first',
        response: consoleResponses(Snapshots),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return { snapshots: await library.list() }
    },
  )

  server.get(
    '/api/v1/snapshots/compare',
    {
      schema: {
        ...tags,
        summary: 'Two snapshots of one report side by side, with the change of every figure',
        querystring: Type.Object({
          a: Type.Integer({ minimum: 1 }),
          b: Type.Integer({ minimum: 1 }),
        }),
        response: consoleResponses(SnapshotComparison),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return library.compare(request.query.a, request.query.b)
    },
  )

  server.get(
    '/api/v1/snapshots/:id',
    {
      schema: {
        ...tags,
        summary: 'One snapshot with the responses it captured',
        params: Id,
        response: consoleResponses(Snapshot),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return library.get(request.params.id)
    },
  )

  server.patch(
    '/api/v1/snapshots/:id',
    {
      schema: {
        ...tags,
        summary: 'Rename a snapshot',
        params: Id,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 120 }) },
          { additionalProperties: false },
        ),
        response: consoleResponses(SnapshotSummary),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return library.rename(request.params.id, request.body.name)
    },
  )

  server.delete(
    '/api/v1/snapshots/:id',
    {
      schema: {
        ...tags,
        summary: 'Delete a snapshot',
        params: Id,
        response: consoleResponses(Type.Null(), 204),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      await library.remove(request.params.id)
      return reply.code(204).send()
    },
  )

  server.get(
    '/api/v1/snapshots/:id/export',
    {
      schema: {
        ...tags,
        summary:
          'A snapshot as a file: json (responses + metadata), csv (every table and series, long form), html (one self-contained file), pdf, png',
        params: Id,
        querystring: Type.Object({
          format: Type.Union([
            Type.Literal('json'),
            Type.Literal('csv'),
            Type.Literal('html'),
            Type.Literal('pdf'),
            Type.Literal('png'),
          ]),
          theme: Theme,
          paper: Type.Optional(Type.Union([Type.Literal('A4'), Type.Literal('Letter')])),
          bom: Type.Optional(
            Type.Boolean({ description: 'csv: start with a UTF-8 byte order mark (Excel)' }),
          ),
          width: Type.Optional(Type.Integer({ minimum: 320, maximum: 3840 })),
        }),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const snapshot = await library.get(request.params.id)
      const { format, theme, paper, bom, width } = request.query
      const exported = await exportSnapshot(snapshot, format, {
        theme: theme ?? 'light',
        paper: paper ?? 'A4',
        bom: bom ?? false,
        width,
        renderer: format === 'pdf' || format === 'png' ? renderer() : null,
      })
      const file = exportFileName(snapshot, exported.extension)
      return reply
        .type(exported.contentType)
        .header('Content-Disposition', `attachment; filename="${file}"`)
        .header('X-Content-Type-Options', 'nosniff')
        .send(exported.body)
    },
  )

  server.get(
    '/api/v1/snapshots/:id/view',
    {
      schema: {
        ...tags,
        summary: 'A snapshot as its own page (the self-contained HTML), for the UI to frame',
        params: Id,
        // `ticket`: the UI's single-use ticket for this page (POST /api/v1/session/tickets)
        querystring: Type.Object({ theme: Theme, ticket: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const snapshot = await library.get(request.params.id)
      return reply
        .type('text/html; charset=utf-8')
        .header('Content-Security-Policy', VIEW_CSP)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'no-store')
        .send(snapshotHtml(snapshot, { theme: request.query.theme ?? 'light', paper: 'A4' }))
    },
  )

  server.get(
    '/api/v1/snapshot-schedules',
    {
      schema: {
        ...tags,
        summary: 'Capture schedules',
        response: consoleResponses(Type.Object({ schedules: Type.Array(SnapshotSchedule) })),
      },
    },
    async (request) => {
      requireFullAccess(request)
      return { schedules: await library.schedules() }
    },
  )

  server.post(
    '/api/v1/snapshot-schedules',
    {
      schema: {
        ...tags,
        summary:
          'Capture a report on a schedule while the console runs: "weekly Mon 09:00", "daily HH:MM", daily, hourly, "every <N>m"',
        body: Type.Object(
          {
            report: ReportName,
            params: Type.Optional(ReportParams),
            schedule: Type.String({ minLength: 1 }),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
          },
          { additionalProperties: false },
        ),
        response: consoleResponses(SnapshotSchedule, 201),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      const { report, params, schedule, name } = request.body
      return reply
        .code(201)
        .send(await library.addSchedule({ report, params: params ?? {}, schedule, name }))
    },
  )

  server.delete(
    '/api/v1/snapshot-schedules/:id',
    {
      schema: {
        ...tags,
        summary: 'Delete a capture schedule',
        params: Id,
        response: consoleResponses(Type.Null(), 204),
      },
    },
    async (request, reply) => {
      requireFullAccess(request)
      await library.removeSchedule(request.params.id)
      return reply.code(204).send()
    },
  )
}
