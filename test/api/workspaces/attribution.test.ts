// Rule (API.md section 2, DATA.md actors, docs/api.md): GET
// /api/workspaces/:wid/analytics/attribution?days=N[&conversion=T]. An attributed event is a
// contact event in the window with utm_source set. `sources` groups them by (source, medium,
// campaign): uniqueVisitors = distinct actors (contact_id else visitor_id; an event with neither
// adds none), totalEvents, conversions; ordered by totalEvents desc, then source, medium,
// campaign asc with NULLs first. A conversion (event of type `conversion`, default purchase, in
// the window, with an actor) counts when its actor has an attributed event at or before it in
// the window; last touch wins (ties at the same instant: the greater id) and is credited to
// that touch's source row. Each row's `conversions` is there only when the request names
// `conversion` (a Sextant extension; campaign-analytics.txt's rows have none, issue #13 item 8):
// the figures below name it, `withoutRowConversions` checks the seed's form beside them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, WORKSPACES, type Api, type Rec } from './helpers'

function ev(
  id: string,
  actor: { c?: string; v?: string },
  type: string,
  utm: [string | null, string | null, string | null] | null,
  createdAt: string,
  workspace = 'acme',
): Rec {
  return {
    id,
    workspace_id: workspace,
    contact_id: actor.c ?? null,
    visitor_id: actor.v ?? null,
    event_type: type,
    utm_source: utm?.[0] ?? null,
    utm_medium: utm?.[1] ?? null,
    utm_campaign: utm?.[2] ?? null,
    created_at: createdAt,
  }
}

const GOOGLE: [string, string, string] = ['google', 'cpc', 'spring']
const NEWS_EMAIL: [string, string, null] = ['newsletter', 'email', null]
const NEWS: [string, null, null] = ['newsletter', null, null]
const BING: [string, string, string] = ['bing', 'cpc', 'spring']
const BING_NULL: [string, string, null] = ['bing', 'cpc', null]
const TWITTER: [string, string, string] = ['twitter', 'social', 'x']

let api: Api

beforeAll(async () => {
  api = await startApi({
    workspaces: WORKSPACES,
    contacts: ['c1', 'c2', 'c3'].map((id) => ({
      id,
      workspace_id: 'acme',
      created_at: '2026-01-10T00:00:00Z',
    })),
    contact_events: [
      ev('e01', { c: 'c1' }, 'page_view', GOOGLE, '2026-03-01T10:00:00Z'),
      ev('e02', { v: 'v1' }, 'page_view', GOOGLE, '2026-03-02T10:00:00Z'),
      ev('e03', {}, 'page_view', GOOGLE, '2026-03-03T10:00:00Z'),
      ev('e04', { c: 'c1' }, 'page_view', NEWS_EMAIL, '2026-03-05T10:00:00Z'),
      ev('e05', { v: 'v2' }, 'page_view', NEWS, '2026-03-06T10:00:00Z'),
      ev('e06', { c: 'c2' }, 'signup', BING, '2026-02-24T00:00:00Z'),
      ev('e07', { c: 'c2' }, 'page_view', BING, '2026-02-23T23:59:59Z'),
      ev('e08', { v: 'v3' }, 'page_view', TWITTER, '2026-03-25T12:00:01Z'),
      ev('e09', { c: 'c3' }, 'page_view', [null, 'cpc', 'spring'], '2026-03-07T10:00:00Z'),
      ev('e10', { v: 'v4' }, 'page_view', NEWS_EMAIL, '2026-03-10T10:00:00Z'),
      ev('e11', { v: 'v4' }, 'page_view', GOOGLE, '2026-03-10T10:00:00Z'),
      // conversions
      ev('e12', { c: 'c1' }, 'purchase', null, '2026-03-05T10:00:00Z'),
      ev('e13', { v: 'v4' }, 'purchase', null, '2026-03-10T10:00:00Z'),
      ev('e14', { c: 'c3' }, 'purchase', null, '2026-03-08T10:00:00Z'),
      ev('e15', { c: 'c2' }, 'purchase', null, '2026-02-24T00:00:00Z'),
      ev('e16', { v: 'v2' }, 'purchase', null, '2026-03-06T09:59:59Z'),
      ev('e17', {}, 'purchase', GOOGLE, '2026-03-12T10:00:00Z'),
      ev('e18', { v: 'v5' }, 'purchase', TWITTER, '2026-03-15T10:00:00Z'),
      ev('e19', { c: 'c1' }, 'purchase', null, '2026-03-25T12:00:01Z'),
      ev('e20', { v: 'v1' }, 'signup', null, '2026-03-03T10:00:00Z'),
      ev('e21', { v: 'v6' }, 'page_view', NEWS, '2026-03-07T10:00:00Z'),
      ev('e22', { v: 'v7' }, 'page_view', BING_NULL, '2026-03-08T10:00:00Z'),
      // v8's only touch is before the window: its purchase does not convert
      ev('e23', { v: 'v8' }, 'page_view', GOOGLE, '2026-02-20T10:00:00Z'),
      ev('e24', { v: 'v8' }, 'purchase', null, '2026-03-01T10:00:00Z'),
      // contact and visitor both set: the actor is the contact (c3), so v9's purchase has no
      // prior touch, and c3's purchase e14 (03-08) precedes this touch
      ev('e25', { c: 'c3', v: 'v9' }, 'page_view', TWITTER, '2026-03-09T10:00:00Z'),
      ev('e26', { v: 'v9' }, 'purchase', null, '2026-03-10T10:00:00Z'),
      // another workspace
      ev('g01', { v: 'v1' }, 'page_view', GOOGLE, '2026-03-02T10:00:00Z', 'globex'),
      ev('g02', { v: 'v1' }, 'purchase', null, '2026-03-03T10:00:00Z', 'globex'),
    ],
  })
})

afterAll(async () => {
  await api.close()
})

function row(
  utm: readonly [string | null, string | null, string | null],
  uniqueVisitors: number,
  totalEvents: number,
  conversions: number,
) {
  return {
    source: utm[0],
    medium: utm[1],
    campaign: utm[2],
    uniqueVisitors,
    totalEvents,
    conversions,
  }
}

/** The same body without each row's `conversions`: what a request without `conversion` gets. */
function withoutRowConversions(body: unknown): unknown {
  const { sources, ...rest } = body as { sources: Record<string, unknown>[] }
  return { ...rest, sources: sources.map(({ conversions: _credited, ...source }) => source) }
}

/** GET `url` with `conversion=purchase` (the default, named) and without; both must agree. */
async function purchases(server: Api, url: string): Promise<unknown> {
  const named = await server.ok(`${url}${url.includes('?') ? '&' : '?'}conversion=purchase`)
  expect(await server.ok(url), url).toEqual(withoutRowConversions(named))
  return named
}

describe('GET /api/workspaces/:wid/analytics/attribution', () => {
  it('answers sources, totals and last-touch conversions exactly (purchase by default)', async () => {
    expect(await purchases(api, '/api/workspaces/acme/analytics/attribution?days=30')).toEqual({
      period: '30d',
      sources: [
        // e01 c1, e02 v1, e03 (no actor), e11 v4, e17 (no actor); e13 credited here (tie with
        // e10 at the same instant: greater id e11 wins)
        row(GOOGLE, 3, 5, 1),
        // 2-event tie: NULL medium before 'email'
        row(NEWS, 2, 2, 0), // e05 v2, e21 v6; e16 (v2) precedes e05: not a conversion
        row(NEWS_EMAIL, 2, 2, 1), // e04 c1, e10 v4; e12 at the same instant as e04 converts
        // e18 v5 (the conversion is itself the attributed touch), e25 c3
        row(TWITTER, 2, 2, 1),
        // 1-event ties: source, then NULL campaign first
        row(BING_NULL, 1, 1, 0), // e22
        row(BING, 1, 1, 1), // e06 at the window's first instant; e15 at the same instant
      ],
      // e07 (a second early), e08 (after now), e09 (no source), e23 (before) are not attributed
      totalAttributedEvents: 13,
      // e12, e13, e15, e18; not e14 (no attributed touch), e16 (touch after), e17 (no actor),
      // e19 (after now), e24 (touch before the window), e26 (v9 has no touch of its own)
      conversions: 4,
    })
  })

  it('defaults to days=30 and takes period too', async () => {
    const byDays = await api.ok('/api/workspaces/acme/analytics/attribution?days=30')
    expect(await api.ok('/api/workspaces/acme/analytics/attribution')).toEqual(byDays)
    expect(await api.ok('/api/workspaces/acme/analytics/attribution?period=30d')).toEqual(byDays)
    expect(await api.ok('/api/workspaces/acme/analytics/attribution?days=30&period=7d')).toEqual(
      byDays,
    )
  })

  it('takes the conversion event type from `conversion`', async () => {
    expect(
      await api.ok('/api/workspaces/acme/analytics/attribution?days=30&conversion=signup'),
    ).toEqual({
      period: '30d',
      sources: [
        row(GOOGLE, 3, 5, 1), // e20 (v1) after e02
        row(NEWS, 2, 2, 0),
        row(NEWS_EMAIL, 2, 2, 0),
        row(TWITTER, 2, 2, 0),
        row(BING_NULL, 1, 1, 0),
        row(BING, 1, 1, 1), // e06 is both the touch and the signup
      ],
      totalAttributedEvents: 13,
      conversions: 2,
    })
  })

  it('narrows the window: days=14 starts at 2026-03-12T00:00:00Z', async () => {
    expect(await purchases(api, '/api/workspaces/acme/analytics/attribution?days=14')).toEqual({
      period: '14d',
      sources: [row(GOOGLE, 0, 1, 0), row(TWITTER, 1, 1, 1)],
      totalAttributedEvents: 2,
      conversions: 1,
    })
  })

  it('answers empty sources and zeros for an empty workspace', async () => {
    expect(await purchases(api, '/api/workspaces/empty/analytics/attribution')).toEqual({
      period: '30d',
      sources: [],
      totalAttributedEvents: 0,
      conversions: 0,
    })
  })

  it('counts only the workspace asked for', async () => {
    expect(await purchases(api, '/api/workspaces/globex/analytics/attribution')).toEqual({
      period: '30d',
      sources: [row(GOOGLE, 1, 1, 1)],
      totalAttributedEvents: 1,
      conversions: 1,
    })
  })
})

// First touch and last touch name different sources for every converting actor here, so a
// crediting rule that kept the first touch (or any touch but the latest) changes the answer.
// "Now" is 2026-03-25T12:00Z; days=30 starts 2026-02-24T00:00Z; every event is inside.
//
//   actor  touches (in time order)                conversions   last touch   (first touch)
//   c1     google 03-01, newsletter 03-03         03-05         newsletter   (google)
//   v1     newsletter 03-02, twitter 03-04        03-06         twitter      (newsletter)
//   v2     twitter 03-02, google 03-08            03-09, 03-10  google x2    (twitter x2)
//   c2     twitter 03-01, newsletter 03-11        03-12         newsletter   (twitter)
//   v3     google 03-15                           03-14         none: its only touch is later
//
// Last touch credits google 2 (v2 twice), newsletter 2 (c1, c2), twitter 1 (v1): 5 in all.
// First touch would credit google 1, newsletter 1, twitter 3.
// Each source has 3 events from 3 actors (google: c1 v2 v3; newsletter: c1 v1 c2; twitter: v1
// v2 c2), so rows tie on totalEvents and come in source order.
describe('first touch and last touch on different sources', () => {
  let touches: Api
  beforeAll(async () => {
    touches = await startApi({
      workspaces: WORKSPACES,
      contacts: ['c1', 'c2'].map((id) => ({
        id,
        workspace_id: 'acme',
        created_at: '2026-01-10T00:00:00Z',
      })),
      contact_events: [
        ev('t01', { c: 'c1' }, 'page_view', GOOGLE, '2026-03-01T10:00:00Z'),
        ev('t02', { c: 'c1' }, 'page_view', NEWS, '2026-03-03T10:00:00Z'),
        ev('t03', { c: 'c1' }, 'purchase', null, '2026-03-05T10:00:00Z'),
        ev('t04', { v: 'v1' }, 'page_view', NEWS, '2026-03-02T10:00:00Z'),
        ev('t05', { v: 'v1' }, 'page_view', TWITTER, '2026-03-04T10:00:00Z'),
        ev('t06', { v: 'v1' }, 'purchase', null, '2026-03-06T10:00:00Z'),
        ev('t07', { v: 'v2' }, 'page_view', TWITTER, '2026-03-02T11:00:00Z'),
        ev('t08', { v: 'v2' }, 'page_view', GOOGLE, '2026-03-08T10:00:00Z'),
        ev('t09', { v: 'v2' }, 'purchase', null, '2026-03-09T10:00:00Z'),
        ev('t10', { v: 'v2' }, 'purchase', null, '2026-03-10T10:00:00Z'),
        ev('t11', { c: 'c2' }, 'page_view', TWITTER, '2026-03-01T11:00:00Z'),
        ev('t12', { c: 'c2' }, 'page_view', NEWS, '2026-03-11T10:00:00Z'),
        ev('t13', { c: 'c2' }, 'purchase', null, '2026-03-12T10:00:00Z'),
        ev('t14', { v: 'v3' }, 'purchase', null, '2026-03-14T10:00:00Z'),
        ev('t15', { v: 'v3' }, 'page_view', GOOGLE, '2026-03-15T10:00:00Z'),
      ],
    })
  })
  afterAll(async () => {
    await touches.close()
  })

  it('credits each conversion to the latest touch at or before it', async () => {
    expect(await purchases(touches, '/api/workspaces/acme/analytics/attribution?days=30')).toEqual({
      period: '30d',
      sources: [row(GOOGLE, 3, 3, 2), row(NEWS, 3, 3, 2), row(TWITTER, 3, 3, 1)],
      totalAttributedEvents: 9,
      conversions: 5,
    })
  })
})
