// Rule (API.md section 2, DATA.md actors, docs/api.md): GET
// /api/workspaces/:wid/analytics/funnel?steps=a,b,c&days=N. Over the actors' events in the window
// (events with no actor are ignored), an actor reaches step 1 with its earliest step-1 event and
// step k+1 with its earliest step-(k+1) event at or after the time it reached step k. Each step:
// {step, count, dropoff (previous - count, 0 first), conversionFromPrevious (count / previous, 1
// first, 0 over 0)}; overallConversion = last / first (0 over 0); rates to 4 decimals. Steps are
// trimmed; 2 to 10 of them, none empty, else 400 naming `steps`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, WORKSPACES, type Api, type Rec } from './helpers'

let seq = 0
function ev(actor: { c?: string; v?: string }, type: string, createdAt: string, ws = 'acme'): Rec {
  seq += 1
  return {
    id: `e${String(seq).padStart(3, '0')}`,
    workspace_id: ws,
    contact_id: actor.c ?? null,
    visitor_id: actor.v ?? null,
    event_type: type,
    created_at: createdAt,
  }
}

let api: Api

beforeAll(async () => {
  api = await startApi({
    workspaces: WORKSPACES,
    contacts: ['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({
      id,
      workspace_id: 'acme',
      created_at: '2026-01-10T00:00:00Z',
    })),
    contact_events: [
      // c1: the straight path
      ev({ c: 'c1' }, 'page_view', '2026-03-01T10:00:00Z'),
      ev({ c: 'c1' }, 'signup', '2026-03-02T10:00:00Z'),
      ev({ c: 'c1' }, 'purchase', '2026-03-03T10:00:00Z'),
      // c2: a second page_view after the signup does not move its step-1 time
      ev({ c: 'c2' }, 'page_view', '2026-03-01T10:00:00Z'),
      ev({ c: 'c2' }, 'page_view', '2026-03-05T10:00:00Z'),
      ev({ c: 'c2' }, 'signup', '2026-03-04T10:00:00Z'),
      ev({ c: 'c2' }, 'purchase', '2026-03-06T10:00:00Z'),
      // v1: signup before its page_view: step 1 only
      ev({ v: 'v1' }, 'signup', '2026-03-01T10:00:00Z'),
      ev({ v: 'v1' }, 'page_view', '2026-03-02T10:00:00Z'),
      // v2: signup at the same instant (at or after); purchase before that: steps 1 and 2
      ev({ v: 'v2' }, 'page_view', '2026-03-10T10:00:00Z'),
      ev({ v: 'v2' }, 'signup', '2026-03-10T10:00:00Z'),
      ev({ v: 'v2' }, 'purchase', '2026-03-09T10:00:00Z'),
      // c3: its page_view is a second before the window: nothing
      ev({ c: 'c3' }, 'page_view', '2026-02-23T23:59:59Z'),
      ev({ c: 'c3' }, 'signup', '2026-03-05T10:00:00Z'),
      // c4: page_view at the window's first instant; signup after now: step 1 only
      ev({ c: 'c4' }, 'page_view', '2026-02-24T00:00:00Z'),
      ev({ c: 'c4' }, 'signup', '2026-03-25T12:00:01Z'),
      // c5: purchase between page_view and signup does not count for step 3
      ev({ c: 'c5' }, 'page_view', '2026-03-01T10:00:00Z'),
      ev({ c: 'c5' }, 'purchase', '2026-03-02T10:00:00Z'),
      ev({ c: 'c5' }, 'signup', '2026-03-03T10:00:00Z'),
      // no actor: never counted
      ev({}, 'page_view', '2026-03-01T10:00:00Z'),
      ev({}, 'signup', '2026-03-02T10:00:00Z'),
      ev({}, 'purchase', '2026-03-03T10:00:00Z'),
      // v3: purchase only
      ev({ v: 'v3' }, 'purchase', '2026-03-03T10:00:00Z'),
      // the same visitor id in another workspace is another actor
      ev({ v: 'v1' }, 'page_view', '2026-03-01T10:00:00Z', 'globex'),
      ev({ v: 'v1' }, 'signup', '2026-03-02T10:00:00Z', 'globex'),
    ],
  })
})

afterAll(async () => {
  await api.close()
})

const BASE = '/api/workspaces/acme/analytics/funnel'

describe('GET /api/workspaces/:wid/analytics/funnel', () => {
  it('answers the three-step funnel exactly', async () => {
    expect(await api.ok(`${BASE}?steps=page_view,signup,purchase&days=30`)).toEqual({
      period: '30d',
      steps: [
        // c1 c2 v1 v2 c4 c5
        { step: 'page_view', count: 6, dropoff: 0, conversionFromPrevious: 1 },
        // c1 c2 v2 c5
        { step: 'signup', count: 4, dropoff: 2, conversionFromPrevious: 0.6667 },
        // c1 c2
        { step: 'purchase', count: 2, dropoff: 2, conversionFromPrevious: 0.5 },
      ],
      overallConversion: 0.3333,
    })
  })

  it('defaults to 30 days and takes period; days wins', async () => {
    const expected = await api.ok(`${BASE}?steps=page_view,signup,purchase&days=30`)
    expect(await api.ok(`${BASE}?steps=page_view,signup,purchase`)).toEqual(expected)
    expect(await api.ok(`${BASE}?steps=page_view,signup,purchase&period=30d`)).toEqual(expected)
    expect(await api.ok(`${BASE}?steps=page_view,signup,purchase&days=30&period=7d`)).toEqual(
      expected,
    )
  })

  it('narrows to days=20 (from 2026-03-06T00:00:00Z)', async () => {
    // only v2 has a page_view in the window; its signup is at the same instant; its purchase is
    // before
    expect(await api.ok(`${BASE}?steps=page_view,signup,purchase&days=20`)).toEqual({
      period: '20d',
      steps: [
        { step: 'page_view', count: 1, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'signup', count: 1, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'purchase', count: 0, dropoff: 1, conversionFromPrevious: 0 },
      ],
      overallConversion: 0,
    })
  })

  it('trims steps, and lets one event satisfy a repeated step', async () => {
    expect(await api.ok(`${BASE}?steps=%20page_view%20,page_view%20`)).toEqual({
      period: '30d',
      steps: [
        { step: 'page_view', count: 6, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'page_view', count: 6, dropoff: 0, conversionFromPrevious: 1 },
      ],
      overallConversion: 1,
    })
  })

  it('lets a type repeat later in the funnel: the next step starts at the previous time', async () => {
    // step 3: c2 (page_view 03-05 after its signup 03-04) and v2 (its page_view at the very
    // instant of its signup); c1 and c5 view no page after signing up
    expect(await api.ok(`${BASE}?steps=page_view,signup,page_view`)).toEqual({
      period: '30d',
      steps: [
        { step: 'page_view', count: 6, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'signup', count: 4, dropoff: 2, conversionFromPrevious: 0.6667 },
        { step: 'page_view', count: 2, dropoff: 2, conversionFromPrevious: 0.5 },
      ],
      overallConversion: 0.3333,
    })
  })

  it('answers 0 over a zero previous count', async () => {
    expect(await api.ok(`${BASE}?steps=refund,signup,purchase`)).toEqual({
      period: '30d',
      steps: [
        { step: 'refund', count: 0, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'signup', count: 0, dropoff: 0, conversionFromPrevious: 0 },
        { step: 'purchase', count: 0, dropoff: 0, conversionFromPrevious: 0 },
      ],
      overallConversion: 0,
    })
    // signup: c1 c2 v1 v2 c3 c5 (c4's is after now); nobody refunds
    expect(await api.ok(`${BASE}?steps=signup,refund`)).toEqual({
      period: '30d',
      steps: [
        { step: 'signup', count: 6, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'refund', count: 0, dropoff: 6, conversionFromPrevious: 0 },
      ],
      overallConversion: 0,
    })
  })

  it('answers zeros for an empty workspace', async () => {
    expect(await api.ok('/api/workspaces/empty/analytics/funnel?steps=page_view,signup')).toEqual({
      period: '30d',
      steps: [
        { step: 'page_view', count: 0, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'signup', count: 0, dropoff: 0, conversionFromPrevious: 0 },
      ],
      overallConversion: 0,
    })
  })

  it('counts only the workspace asked for', async () => {
    expect(await api.ok('/api/workspaces/globex/analytics/funnel?steps=page_view,signup')).toEqual({
      period: '30d',
      steps: [
        { step: 'page_view', count: 1, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'signup', count: 1, dropoff: 0, conversionFromPrevious: 1 },
      ],
      overallConversion: 1,
    })
  })

  it('accepts 10 steps', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => (i === 0 ? 'page_view' : `s${i}`))
    const body = (await api.ok(`${BASE}?steps=${ten.join(',')}`)) as { steps: unknown[] }
    expect(body.steps).toHaveLength(10)
  })

  it('is 400 naming `steps` for a missing, empty, single, 11-long or hole-y list', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `s${i}`).join(',')
    for (const query of [
      '',
      '?days=30',
      '?steps=',
      '?steps=page_view',
      `?steps=${eleven}`,
      '?steps=page_view,,signup',
      '?steps=page_view,signup,',
      '?steps=page_view,%20',
      '?steps=,',
    ]) {
      const reply = await api.get(`${BASE}${query}`)
      expect(reply.statusCode, query).toBe(400)
      expect(reply.headers['content-type'], query).toBe('application/json; charset=utf-8')
      const body = reply.json() as { error: unknown }
      expect(Object.keys(body), query).toEqual(['error'])
      expect(body.error, query).toMatch(/^steps: \S/)
    }
  })
})
