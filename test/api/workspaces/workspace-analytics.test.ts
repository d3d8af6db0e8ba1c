// Rule (API.md section 1, workspace-analytics.txt + campaign-analytics.txt, docs/api.md; issue
// #13 item 8): GET /api/workspaces/:id/analytics answers workspace-analytics.txt's six keys, the
// same path with ?key= CampaignOS's four, and the console's GET /api/v1/workspaces/:id/analytics
// both in one object with "period" (shapes.test.ts checks the keys of every form). kpis,
// eventTypeBreakdown, topBookingPages, topRooms and the `total`s are lifetime (records dated after
// now included); activityTimeline, newContactsTimeline, contacts.new, messages and events.total
// cover the last 30 days = [start of today - 29 days, now]. Ties: count desc then id (rooms,
// pages) or type (event types); top lists hold at most 5 and leave out zeros; rates are 4-decimal
// and 0 over a zero denominator; the window follows days / period (the console body says which
// in "period").
// Dataset: fixtures/workspace-analytics (now = 2026-03-25T12:00:00Z, timezone UTC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture, startApi, type Api } from './helpers'

let api: Api

beforeAll(async () => {
  api = await startApi(fixture('workspace-analytics'))
})

afterAll(async () => {
  await api.close()
})

// Lifetime figures: identical whatever the window.
const KPIS = { rooms: 7, recordings: 3, recordingDuration: 2400, contacts: 7, bookings: 5 }

const EVENT_TYPES = [
  { type: 'room_join', count: 10 },
  { type: 'booking', count: 5 },
  { type: 'page_view', count: 5 },
  { type: 'signup', count: 1 },
]

const TOP_PAGES = [
  { id: 100, title: 'Intro call', slug: 'intro', count: 2 },
  { id: 101, title: 'Demo', slug: 'demo', count: 2 },
]

const TOP_ROOMS = [
  { id: 2, name: 'sales', display_name: null, count: 3 },
  { id: 1, name: 'standup', display_name: 'Daily standup', count: 2 },
  { id: 3, name: 'board', display_name: 'Board', count: 2 },
  { id: 5, name: 'five', display_name: 'Five', count: 1 },
  { id: 6, name: 'six', display_name: 'Six', count: 1 },
]

/** Both products' bodies of a workspace, from the console's route (issue #13 item 8). */
async function combined(workspace: string, query = ''): Promise<Record<string, unknown>> {
  return (await api.ok(`/api/v1/workspaces/${workspace}/analytics${query}`)) as Record<
    string,
    unknown
  >
}

/** The same figures, asked for as each product asks: six keys, then CampaignOS's four. */
async function expectEachProduct(workspace: string, query = ''): Promise<void> {
  const body = await combined(workspace, query)
  const pick = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, body[key]]))
  const rooms = pick([
    'kpis',
    'activityTimeline',
    'eventTypeBreakdown',
    'topBookingPages',
    'newContactsTimeline',
    'topRooms',
  ])
  const overview = pick(['contacts', 'campaigns', 'messages', 'events'])
  const path = `/api/workspaces/${workspace}/analytics`
  const sep = query === '' ? '?' : '&'
  expect(await api.ok(`${path}${query}`), 'no key').toEqual(rooms)
  const withKey = await api.get(`${path}${query}${sep}key=${api.token}`, null)
  expect(withKey.statusCode, withKey.body).toBe(200)
  expect(withKey.json(), '?key=').toEqual(overview)
}

describe('GET /api/workspaces/:workspaceId/analytics', () => {
  it('answers both key sets exactly for the default 30-day window', async () => {
    expect(await combined('acme')).toEqual({
      period: '30d',
      kpis: KPIS,
      // 02-24: b1 + j02 at exactly 2026-02-24T00:00:00Z; j01/b5 at 23:59:59 the day before are
      // out. 03-25: j05 at exactly now; j07 / b4 after now are out. 03-12 (page_view only) and
      // 03-11 (signup only) are omitted.
      activityTimeline: [
        { date: '2026-02-24', bookings: 1, room_joins: 1 },
        { date: '2026-03-10', bookings: 1, room_joins: 3 },
        { date: '2026-03-20', bookings: 1, room_joins: 0 },
        { date: '2026-03-25', bookings: 0, room_joins: 1 },
      ],
      eventTypeBreakdown: EVENT_TYPES,
      topBookingPages: TOP_PAGES,
      // c2 (23:59:59 the day before) and c7 (after now) are out.
      newContactsTimeline: [
        { date: '2026-02-24', count: 1 },
        { date: '2026-03-10', count: 2 },
        { date: '2026-03-25', count: 1 },
      ],
      topRooms: TOP_ROOMS,
      contacts: { total: 7, new: 4 },
      campaigns: { total: 4, active: 2 },
      // m1..m4 are in the window (m5 one second early, m6 after now): 3 sent, 2 opened, 1 clicked.
      messages: {
        total: 4,
        sent: 3,
        opened: 2,
        clicked: 1,
        openRate: 0.6667,
        clickRate: 0.3333,
      },
      // j02 j03 j04 j05 j06, b1 b2 b3, p1..p5, s1
      events: { total: 14 },
    })
    await expectEachProduct('acme')
  })

  it('carries "period" in the console body only (the seed docs show none)', async () => {
    expect((await combined('acme')).period).toBe('30d')
    expect(await api.ok('/api/workspaces/acme/analytics')).not.toHaveProperty('period')
    const withKey = await api.get(`/api/workspaces/acme/analytics?key=${api.token}`, null)
    expect(withKey.json()).not.toHaveProperty('period')
  })

  it('serves JSON with the charset', async () => {
    const reply = await api.get('/api/workspaces/acme/analytics')
    expect(reply.statusCode).toBe(200)
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('narrows only the windowed parts for days=7 (window from 2026-03-19T00:00:00Z)', async () => {
    expect(await combined('acme', '?days=7')).toEqual({
      period: '7d',
      kpis: KPIS,
      activityTimeline: [
        { date: '2026-03-20', bookings: 1, room_joins: 0 },
        { date: '2026-03-25', bookings: 0, room_joins: 1 },
      ],
      eventTypeBreakdown: EVENT_TYPES,
      topBookingPages: TOP_PAGES,
      newContactsTimeline: [{ date: '2026-03-25', count: 1 }],
      topRooms: TOP_ROOMS,
      contacts: { total: 7, new: 1 },
      campaigns: { total: 4, active: 2 },
      // no message created in the window: zero denominators give rates 0
      messages: { total: 0, sent: 0, opened: 0, clicked: 0, openRate: 0, clickRate: 0 },
      events: { total: 2 },
    })
    await expectEachProduct('acme', '?days=7')
  })

  it('accepts period=7d the same way, and days wins over period', async () => {
    const byDays = await combined('acme', '?days=7')
    expect(byDays).toMatchObject({ period: '7d', contacts: { total: 7, new: 1 } })
    expect(await combined('acme', '?period=7d')).toEqual(byDays)
    expect(await combined('acme', '?days=7&period=90d')).toEqual(byDays)
    await expectEachProduct('acme', '?period=7d')
    await expectEachProduct('acme', '?days=7&period=90d')
  })

  it('counts only the workspace asked for', async () => {
    expect(await combined('globex')).toEqual({
      period: '30d',
      kpis: { rooms: 1, recordings: 1, recordingDuration: 999, contacts: 1, bookings: 1 },
      activityTimeline: [
        { date: '2026-03-10', bookings: 0, room_joins: 5 },
        { date: '2026-03-12', bookings: 1, room_joins: 0 },
      ],
      eventTypeBreakdown: [
        { type: 'room_join', count: 5 },
        { type: 'booking', count: 1 },
        { type: 'page_view', count: 1 },
      ],
      topBookingPages: [{ id: 200, title: 'Globex page', slug: 'globex', count: 1 }],
      newContactsTimeline: [{ date: '2026-03-10', count: 1 }],
      topRooms: [{ id: 8, name: 'globex-room', display_name: 'Globex room', count: 5 }],
      contacts: { total: 1, new: 1 },
      campaigns: { total: 1, active: 1 },
      messages: { total: 1, sent: 1, opened: 1, clicked: 0, openRate: 1, clickRate: 0 },
      events: { total: 7 },
    })
    await expectEachProduct('globex')
  })

  it('answers zeros and empty arrays for a workspace with no records', async () => {
    expect(await combined('empty')).toEqual({
      period: '30d',
      kpis: { rooms: 0, recordings: 0, recordingDuration: 0, contacts: 0, bookings: 0 },
      activityTimeline: [],
      eventTypeBreakdown: [],
      topBookingPages: [],
      newContactsTimeline: [],
      topRooms: [],
      contacts: { total: 0, new: 0 },
      campaigns: { total: 0, active: 0 },
      messages: { total: 0, sent: 0, opened: 0, clicked: 0, openRate: 0, clickRate: 0 },
      events: { total: 0 },
    })
    await expectEachProduct('empty')
  })
})
