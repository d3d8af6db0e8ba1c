// Rule (API.md "Server"): GET /api/openapi.json is an OpenAPI 3.1 document of every route, with
// its parameters and response shapes, generated from the schemas the routes validate with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { DbClient } from '../db/client'
import { createServer, type SextantServer } from './server'

let db: DbClient
let server: SextantServer
const CONTROL = 'openapi-test-secret'

beforeAll(async () => {
  db = await DbClient.open(null)
  server = createServer({
    db,
    clock: fixedClock(0),
    version: '1.2.3',
    port: () => 4477,
    controlSecret: CONTROL,
  })
})
afterAll(async () => {
  await server.close()
  await db.close()
})

interface Schema {
  properties?: Record<string, unknown>
  additionalProperties?: boolean
  anyOf?: Schema[]
}
interface Operation {
  tags?: string[]
  summary?: string
  parameters?: { name: string; in: string; required?: boolean }[]
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>
}
type Document = {
  openapi: string
  info: { version: string }
  paths: Record<string, Record<string, Operation>>
}

async function document(): Promise<Document> {
  const response = await server.inject({
    method: 'GET',
    url: '/api/openapi.json',
    headers: { host: '127.0.0.1:4477', authorization: `Bearer ${CONTROL}` },
  })
  expect(response.statusCode).toBe(200)
  return response.json() as Document
}

const DOCUMENTED = [
  '/api/workspaces/{workspaceId}/analytics',
  '/api/workspaces/{workspaceId}/analytics/campaigns/{campaignId}',
  '/api/workspaces/{workspaceId}/analytics/timeseries',
  '/api/workspaces/{workspaceId}/analytics/attribution',
  '/api/workspaces/{workspaceId}/analytics/funnel',
  '/api/workspaces/{workspaceId}/analytics/cohorts',
  '/campaignos/api/workspaces/{workspaceId}/analytics',
  '/campaignos/api/workspaces/{workspaceId}/analytics/campaigns/{campaignId}',
  '/campaignos/api/workspaces/{workspaceId}/analytics/timeseries',
  '/campaignos/api/workspaces/{workspaceId}/analytics/attribution',
  '/campaignos/api/workspaces/{workspaceId}/analytics/funnel',
  '/campaignos/api/workspaces/{workspaceId}/analytics/cohorts',
  '/api/v1/workspaces/{workspaceId}/analytics',
  '/api/v2/platform/organisation/analytics',
  '/reports',
  '/reports/graph-reports',
  '/reports/activities',
  '/wp-json/fluent-booking/v2/reports',
  '/wp-json/fluent-booking/v2/reports/graph-reports',
  '/wp-json/fluent-booking/v2/reports/activities',
  '/health',
  '/api/openapi.json',
  '/api/v1/counts',
  '/api/v1/workspaces',
  '/api/v1/organisations',
  '/api/v1/tokens',
]

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and needs a token like every /api/ route', async () => {
    const doc = await document()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.version).toBe('1.2.3')
    const anonymous = await server.inject({
      method: 'GET',
      url: '/api/openapi.json',
      headers: { host: '127.0.0.1:4477' },
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it('lists every documented route with a 200 response shape', async () => {
    const doc = await document()
    for (const path of DOCUMENTED) {
      const get = doc.paths[path]?.get
      expect(get, path).toBeDefined()
      if (path === '/api/openapi.json') continue
      expect(get!.responses['200']?.content?.['application/json']?.schema, path).toBeDefined()
    }
    const ok = (path: string): Schema =>
      doc.paths[path]!.get!.responses['200']!.content!['application/json']!.schema
    const keys = (schema: Schema): string[] => Object.keys(schema.properties ?? {})
    const ROOMS = [
      'kpis',
      'activityTimeline',
      'eventTypeBreakdown',
      'topBookingPages',
      'newContactsTimeline',
      'topRooms',
    ]
    const CAMPAIGNOS = ['contacts', 'campaigns', 'messages', 'events']
    // The workspace product's six keys, or with ?key= CampaignOS's four (issue #13 item 8),
    // each closed to other keys.
    const split = ok('/api/workspaces/{workspaceId}/analytics').anyOf!
    expect(split.map(keys)).toEqual([ROOMS, CAMPAIGNOS])
    expect(split.map((schema) => schema.additionalProperties)).toEqual([false, false])
    const prefixed = ok('/campaignos/api/workspaces/{workspaceId}/analytics')
    expect(keys(prefixed)).toEqual(CAMPAIGNOS)
    expect(prefixed.additionalProperties).toBe(false)
    expect(keys(ok('/api/v1/workspaces/{workspaceId}/analytics'))).toEqual([
      'period',
      ...ROOMS,
      ...CAMPAIGNOS,
    ])
    expect(keys(ok('/api/workspaces/{workspaceId}/analytics/campaigns/{campaignId}'))).toEqual([
      'campaign',
      'enrollments',
      'messages',
      'statusBreakdown',
      'channelBreakdown',
      'abTests',
    ])
  })

  it('tags and summarises the CampaignOS prefix and the console route', async () => {
    const doc = await document()
    for (const path of DOCUMENTED.filter((path) => path.startsWith('/campaignos/'))) {
      expect(doc.paths[path]!.get!.tags, path).toEqual(['workspaces', 'campaignos'])
      expect(doc.paths[path]!.get!.summary, path).toMatch(/\S/)
    }
    const combined = doc.paths['/api/v1/workspaces/{workspaceId}/analytics']!.get!
    expect(combined.tags).toEqual(['console'])
    expect(combined.summary).toMatch(/\S/)
  })

  it('describes the parameters the routes validate', async () => {
    const doc = await document()
    const parameters = (path: string) =>
      Object.fromEntries(
        (doc.paths[path]!.get!.parameters ?? []).map((p) => [
          `${p.in}:${p.name}`,
          p.required === true,
        ]),
      )
    expect(parameters('/api/workspaces/{workspaceId}/analytics/funnel')).toEqual({
      'path:workspaceId': true,
      'query:days': false,
      'query:period': false,
      'query:key': false,
      'query:steps': true,
    })
    expect(parameters('/api/v1/workspaces/{workspaceId}/analytics')).toEqual({
      'path:workspaceId': true,
      'query:days': false,
      'query:period': false,
    })
    expect(parameters('/api/v2/platform/organisation/analytics')).toMatchObject({
      'header:org-handle': false,
      'query:space_token': false,
    })
    expect(parameters('/reports/graph-reports')).toMatchObject({
      'query:date_range[0]': false,
      'query:date_range[1]': false,
    })
  })
})
