// Rule (issue #14 item 3): a snapshot knows what each of its figures is from the API contracts.
// The route table of src-shared/api/routes.ts is the routes' own (each entry is the schema the
// server documents for that route's 200 answer); every number in every report's capture on the
// demo has a kind there; and the comparison of two captures carries each figure's kind, so the
// Compare table never reads a unit off a figure's name. The HTML export, drawn in Chromium,
// prints each figure as its page does (issue #14 item 7): a count of 1 as "1", a rate of 1 as
// "100%".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  REPORTS,
  type CapturedResponse,
  type Snapshot,
  type SnapshotComparison,
} from '../../src-shared/api/snapshots'
import { RESPONSE_SCHEMAS, responseSchemaOf } from '../../src-shared/api/routes'
import { figureKinds } from '../../src-shared/reports/units'
import { snapshotHtml } from '../../src-main/core/reports/html'
import { launchBrowser } from '../e2e/harness'
import { openConsole, type Console } from './helpers'

let c: Console
beforeAll(async () => {
  c = await openConsole()
})
afterAll(async () => {
  await c.close()
})

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>
}

/**
 * A schema as @fastify/swagger writes it into the document: a record's `patternProperties`
 * become `additionalProperties` (OpenAPI's form of a map), a `const` an `enum` of one value;
 * everything else is kept.
 */
function asDocumented(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asDocumented)
  if (typeof schema !== 'object' || schema === null) return schema
  const entries = Object.entries(schema).map(([key, value]): [string, unknown] => {
    if (key === 'patternProperties') {
      const patterns = Object.values(value as Record<string, unknown>)
      return ['additionalProperties', asDocumented(patterns[0])]
    }
    if (key === 'const') return ['enum', [value]]
    return [key, asDocumented(value)]
  })
  return Object.fromEntries(entries)
}

/** The server's path syntax as OpenAPI writes it: `:id` -> `{id}`. */
const openApiPath = (route: string): string => route.replace(/:([A-Za-z]+)/g, '{$1}')

const capture = async (report: string): Promise<Snapshot> => {
  const created = await c.post('/api/v1/snapshots', { report })
  expect(created.statusCode, created.body).toBe(201)
  const id = created.json<{ id: number }>().id
  return (await c.get(`/api/v1/snapshots/${id}`)).json<Snapshot>()
}

describe('the kinds of captured figures', () => {
  it("maps each route to the schema the server documents for it (the routes' own)", async () => {
    const answer = await c.get('/api/openapi.json')
    expect(answer.statusCode).toBe(200)
    const paths = answer.json<{ paths: Record<string, { get?: Operation }> }>().paths
    for (const [route, schema] of Object.entries(RESPONSE_SCHEMAS)) {
      const documented =
        paths[openApiPath(route)]?.get?.responses['200']?.content?.['application/json']?.schema
      expect(documented, route).toBeDefined()
      expect(documented, route).toEqual(asDocumented(JSON.parse(JSON.stringify(schema))))
    }
  })

  it('gives every number of every report a kind', async () => {
    for (const report of REPORTS) {
      const snapshot = await capture(report)
      expect(snapshot.responses.length, report).toBeGreaterThan(0)
      for (const response of snapshot.responses) {
        const schema = responseSchemaOf(response.request)
        expect(schema, response.request).toBeDefined()
        const kinds = figureKinds(schema, response.body)
        const unknown = [...kinds].filter(([, kind]) => kind === null).map(([path]) => path)
        expect(unknown, `${report}: ${response.request}`).toEqual([])
      }
    }
  })

  it('compares figures with their kinds: a count of conversions, a rate of opens', async () => {
    const first = await capture('campaigns')
    const second = await capture('campaigns')
    const answer = await c.get(`/api/v1/snapshots/compare?a=${first.id}&b=${second.id}`)
    expect(answer.statusCode, answer.body).toBe(200)
    const { figures } = answer.json<SnapshotComparison>()
    const kindOf = (section: string, figure: string) =>
      figures.find((item) => item.section === section && item.figure === figure)?.kind
    // The attribution response's own figures, and its first source's conversions.
    const attribution = first.responses.find((response) => response.key === 'attribution')!
    expect(kindOf(attribution.title, 'conversions')).toBe('count')
    expect(kindOf(attribution.title, 'totalAttributedEvents')).toBe('count')
    expect(kindOf('Campaign: Messages', 'openRate')).toBe('rate')
    expect(kindOf('Campaign: Messages', 'opened')).toBe('count')
    expect(kindOf('Funnel', 'overallConversion')).toBe('rate')
    expect(figures.filter((item) => item.kind === null)).toEqual([])
  })
})

const response = (key: string, request: string, body: unknown): CapturedResponse => ({
  key,
  title: key,
  request,
  status: 200,
  body,
})

/**
 * Figures whose names misled the old guess, each beside one of another kind: a Campaigns
 * snapshot (the page reads its campaign list and event types too) of campaign c1 in acme.
 */
const MISLEADING: Snapshot = {
  id: 1,
  name: 'Kinds',
  report: 'campaigns',
  params: { days: 30, workspace: 'acme', campaign: 'c1', conversion: 'x', metric: 'events' },
  timezone: 'UTC',
  capturedAt: '2026-11-23T12:00:00.000Z',
  trigger: 'manual',
  responses: [
    response('attribution', '/api/workspaces/acme/analytics/attribution?days=30&conversion=x', {
      period: '30d',
      sources: [
        {
          source: 'newsletter',
          medium: 'email',
          campaign: 'spring',
          uniqueVisitors: 2,
          totalEvents: 2,
          conversions: 1,
        },
      ],
      totalAttributedEvents: 2,
      conversions: 1,
    }),
    response('campaign', '/api/workspaces/acme/analytics/campaigns/c1?days=30', {
      campaign: { id: 'c1', name: 'Spring' },
      enrollments: { total: 1, active: 1, completed: 0 },
      messages: {
        total: 1,
        sent: 1,
        delivered: 1,
        opened: 1,
        clicked: 1,
        bounced: 0,
        failed: 0,
        openRate: 1,
        clickRate: 1,
        bounceRate: 0,
      },
      statusBreakdown: [],
      channelBreakdown: [],
      abTests: [],
    }),
    response('campaigns-list', '/api/v1/workspaces/acme/campaigns', {
      campaigns: [
        { id: 'c1', name: 'Spring', status: 'ACTIVE', created_at: '2026-11-01T00:00:00Z' },
      ],
    }),
    response('event-types', '/api/v1/workspaces/acme/event-types', {
      eventTypes: [{ type: 'x', count: 2 }],
    }),
    response('timeseries', '/api/workspaces/acme/analytics/timeseries?days=30', {
      period: '30d',
      series: [],
    }),
    response('cohorts', '/api/workspaces/acme/analytics/cohorts?days=30&metric=events', {
      cohorts: [],
    }),
  ],
}

describe('the HTML export of figures whose names mislead', () => {
  it('prints counts as counts and rates as rates, whatever they are called', async () => {
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage()
      await page.setContent(snapshotHtml(MISLEADING, { theme: 'light', paper: 'A4' }))
      await page.waitForFunction(
        () => (globalThis as { sextantReport?: { ready: boolean } }).sextantReport?.ready === true,
      )
      // The Campaigns page's tiles, by their KPI definitions' labels.
      const tile = async (label: string): Promise<string> =>
        (await page.locator(`.kpi[data-kpi="${label}"] .kpi-value`).textContent())?.trim() ?? ''
      expect(await tile('Messages created')).toBe('1')
      expect(await tile('Open rate (of delivered)')).toBe('100%')
      expect(await tile('Click rate (of delivered)')).toBe('100%')
      expect(await tile('Bounce rate (of delivered)')).toBe('0%')
      // Before: "100%" (the name `conversions` read as a rate); the page writes the count.
      const attribution = await page.locator('[data-panel="campaigns.attribution"]').textContent()
      expect(attribution).toContain('2 attributed events; 1 “x” conversions')
    } finally {
      await browser.close()
    }
  })
})
