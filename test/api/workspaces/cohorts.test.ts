// Rule (API.md section 2, docs/api.md): GET
// /api/workspaces/:wid/analytics/cohorts?days=N&metric=M. A cohort = the workspace's contacts
// created on one day of the window (days without new contacts omitted), ascending.
// retention.week_k = members with activity (any event for metric=events, else events of type M)
// in days [cohort + 7k, cohort + 7k + 6], for k = 0, 1, ... while cohort + 7k is not after today;
// keys week_0, week_1, ... in order. size = members, activeContacts = the last week_k,
// retentionRate = activeContacts / size (4 decimals). Activity after now is outside the window.
// Any non-empty metric is valid (an event type); an empty one is 400 naming `metric`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, WORKSPACES, type Api, type Rec } from './helpers'

let seq = 0
function ev(contact: string | null, type: string, createdAt: string, visitor?: string): Rec {
  seq += 1
  return {
    id: `e${String(seq).padStart(3, '0')}`,
    workspace_id: 'acme',
    contact_id: contact,
    visitor_id: visitor ?? null,
    event_type: type,
    created_at: createdAt,
  }
}

function contact(id: string, createdAt: string, workspace = 'acme'): Rec {
  return { id, workspace_id: workspace, created_at: createdAt }
}

let api: Api

beforeAll(async () => {
  api = await startApi({
    workspaces: WORKSPACES,
    contacts: [
      contact('k1', '2026-03-10T08:00:00Z'),
      contact('k2', '2026-03-10T20:00:00Z'),
      contact('k3', '2026-03-10T23:59:59Z'),
      contact('k4', '2026-02-24T00:00:00Z'),
      contact('k5', '2026-02-23T23:59:59Z'),
      contact('k6', '2026-03-25T10:00:00Z'),
      contact('k7', '2026-03-25T12:00:01Z'),
      contact('g1', '2026-03-10T08:00:00Z', 'globex'),
    ],
    contact_events: [
      ev('k1', 'page_view', '2026-03-10T09:00:00Z'), // week_0
      ev('k1', 'purchase', '2026-03-18T10:00:00Z'), // week_1
      ev('k1', 'page_view', '2026-03-24T00:00:00Z'), // week_2 (its first instant)
      ev('k2', 'purchase', '2026-03-16T23:59:59Z'), // week_0 (its last second)
      ev('k2', 'page_view', '2026-03-17T00:00:00Z'), // week_1
      ev('k2', 'page_view', '2026-03-25T13:00:00Z'), // after now: not activity
      ev('k4', 'signup', '2026-02-24T05:00:00Z'), // week_0
      ev('k4', 'purchase', '2026-03-20T10:00:00Z'), // week_3
      ev('k5', 'page_view', '2026-03-01T10:00:00Z'), // k5 is in no cohort of the window
      ev('k6', 'page_view', '2026-03-25T11:00:00Z'), // week_0
      ev('k7', 'page_view', '2026-03-25T12:00:01Z'),
      ev(null, 'page_view', '2026-03-11T10:00:00Z', 'v1'), // a visitor: in no cohort
      ev(null, 'page_view', '2026-03-11T10:00:00Z'),
    ],
  })
})

afterAll(async () => {
  await api.close()
})

const BASE = '/api/workspaces/acme/analytics/cohorts'

describe('GET /api/workspaces/:wid/analytics/cohorts', () => {
  it('answers the cohorts of the 30-day window exactly (metric=events)', async () => {
    const body = await api.ok(`${BASE}?days=30&metric=events`)
    expect(body).toEqual({
      period: '30d',
      metric: 'events',
      cohorts: [
        {
          cohort: '2026-02-24',
          size: 1,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 1, week_1: 0, week_2: 0, week_3: 1, week_4: 0 },
        },
        {
          cohort: '2026-03-10',
          size: 3,
          activeContacts: 1,
          retentionRate: 0.3333,
          retention: { week_0: 2, week_1: 2, week_2: 1 },
        },
        {
          cohort: '2026-03-25',
          size: 1,
          activeContacts: 1,
          retentionRate: 1,
          retention: { week_0: 1 },
        },
      ],
    })
  })

  it('lists retention keys in order', async () => {
    const body = (await api.ok(BASE)) as { cohorts: { retention: object }[] }
    expect(body.cohorts.map((cohort) => Object.keys(cohort.retention))).toEqual([
      ['week_0', 'week_1', 'week_2', 'week_3', 'week_4'],
      ['week_0', 'week_1', 'week_2'],
      ['week_0'],
    ])
  })

  it('defaults to days=30 and metric=events; takes period; days wins', async () => {
    const expected = await api.ok(`${BASE}?days=30&metric=events`)
    expect(await api.ok(BASE)).toEqual(expected)
    expect(await api.ok(`${BASE}?period=30d`)).toEqual(expected)
    expect(await api.ok(`${BASE}?days=30&period=7d`)).toEqual(expected)
  })

  it('counts only events of the type a metric names', async () => {
    expect(await api.ok(`${BASE}?metric=purchase`)).toEqual({
      period: '30d',
      metric: 'purchase',
      cohorts: [
        {
          cohort: '2026-02-24',
          size: 1,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 0, week_1: 0, week_2: 0, week_3: 1, week_4: 0 },
        },
        {
          cohort: '2026-03-10',
          size: 3,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 1, week_1: 1, week_2: 0 },
        },
        {
          cohort: '2026-03-25',
          size: 1,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 0 },
        },
      ],
    })
  })

  it('treats an event type nobody has as a valid metric (all zeros)', async () => {
    const body = (await api.ok(`${BASE}?metric=no_such_type&days=1`)) as object
    expect(body).toEqual({
      period: '1d',
      metric: 'no_such_type',
      cohorts: [
        {
          cohort: '2026-03-25',
          size: 1,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 0 },
        },
      ],
    })
  })

  it('narrows to days=16 (from 2026-03-10T00:00:00Z)', async () => {
    const body = (await api.ok(`${BASE}?days=16`)) as { period: string; cohorts: unknown[] }
    expect(body.period).toBe('16d')
    expect(body.cohorts.map((cohort) => (cohort as { cohort: string }).cohort)).toEqual([
      '2026-03-10',
      '2026-03-25',
    ])
  })

  it('answers no cohorts for an empty workspace', async () => {
    expect(await api.ok('/api/workspaces/empty/analytics/cohorts')).toEqual({
      period: '30d',
      metric: 'events',
      cohorts: [],
    })
  })

  it('is 400 naming `metric` for an empty metric', async () => {
    const reply = await api.get(`${BASE}?metric=`)
    expect(reply.statusCode).toBe(400)
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
    expect((reply.json() as { error: string }).error).toMatch(/^metric: \S/)
  })
})
