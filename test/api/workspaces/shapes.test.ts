// Rule (issue #13 item 8; docs/api.md "The workspace family: two products on one path"): each
// product gets exactly its seed doc's keys when a client asks in its style.
// - GET /api/workspaces/:id/analytics without `key`: workspace-analytics.txt's six keys, "kpis",
//   "activityTimeline", "eventTypeBreakdown", "topBookingPages", "newContactsTimeline",
//   "topRooms"; kpis {"rooms", "recordings", "recordingDuration", "contacts", "bookings"};
//   activityTimeline rows {"date", "bookings", "room_joins"}; eventTypeBreakdown {"type",
//   "count"}; topBookingPages {"id", "title", "slug", "count"}; newContactsTimeline {"date",
//   "count"}; topRooms {"id", "name", "display_name", "count"}.
// - The same path with ?key=<token>, and /campaignos/api/workspaces/:id/analytics:
//   campaign-analytics.txt's overview, "contacts": {"total", "new"}, "campaigns": {"total",
//   "active"}, "messages": {"total", "sent", "opened", "clicked", "openRate", "clickRate"},
//   "events": {"total"}.
// - Campaign detail: "campaign": {"id", "name"}, "enrollments": {"total", "active",
//   "completed"}, "messages": {"total", "sent", "delivered", "opened", "clicked", "bounced",
//   "failed", "openRate", "clickRate", "bounceRate"}, "statusBreakdown": [{"status", "_count"}],
//   "channelBreakdown": [{"channel", "_count"}], "abTests": [{"id", "name", "variants":
//   [{"name", "sent", "opened"}]}] (no "period").
// - Timeseries: "period", "series": [{"date", "events", "contacts", "messages", "opens",
//   "clicks"}]. Attribution: "period", "sources": [{"source", "medium", "campaign",
//   "uniqueVisitors", "totalEvents"}], "totalAttributedEvents", "conversions". Funnel: "period",
//   "steps": [{"step", "count", "dropoff", "conversionFromPrevious"}], "overallConversion".
//   Cohorts: "period", "metric", "cohorts": [{"cohort", "size", "activeContacts",
//   "retentionRate", "retention": {"week_0", ...}}].
// - GET /api/v1/workspaces/:id/analytics (console): both key sets and "period", console errors.
// - ?key= is a credential on the workspaces family only (both prefixes), read like a header
//   token; the header wins; no token reaches a log line or a response body.
// Dataset below (now 2026-03-25T12:00:00Z, UTC, 30-day window from 2026-02-24T00:00:00Z); the
// expected figures are counted by hand next to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JSON_TYPE, startApi, WORKSPACES, type Api, type Reply } from './helpers'

const ROOMS_KEYS = [
  'activityTimeline',
  'eventTypeBreakdown',
  'kpis',
  'newContactsTimeline',
  'topBookingPages',
  'topRooms',
]
const OVERVIEW_KEYS = ['campaigns', 'contacts', 'events', 'messages']
const NESTED_ROOMS = {
  kpis: ['bookings', 'contacts', 'recordingDuration', 'recordings', 'rooms'],
  activityTimeline: ['bookings', 'date', 'room_joins'],
  eventTypeBreakdown: ['count', 'type'],
  topBookingPages: ['count', 'id', 'slug', 'title'],
  newContactsTimeline: ['count', 'date'],
  topRooms: ['count', 'display_name', 'id', 'name'],
}
const NESTED_OVERVIEW = {
  contacts: ['new', 'total'],
  campaigns: ['active', 'total'],
  messages: ['clickRate', 'clicked', 'openRate', 'opened', 'sent', 'total'],
  events: ['total'],
}

// Figures of the dataset, by hand:
// rooms 1 and 2, recordings 600 s + 300 s, contacts c1 (in the window) and c2 (before it),
// events e1 room_join, e2 booking (utm google/cpc/spring), e3 page_view (same utm), e4 purchase,
// e5 signup, all in the window; e2 and e1 on 2026-03-10.
const ROOMS = {
  kpis: { rooms: 2, recordings: 2, recordingDuration: 900, contacts: 2, bookings: 1 },
  activityTimeline: [{ date: '2026-03-10', bookings: 1, room_joins: 1 }],
  // all five types once: count desc, then type asc
  eventTypeBreakdown: ['booking', 'page_view', 'purchase', 'room_join', 'signup'].map((type) => ({
    type,
    count: 1,
  })),
  topBookingPages: [{ id: 10, title: 'Intro call', slug: 'intro', count: 1 }],
  newContactsTimeline: [{ date: '2026-03-10', count: 1 }],
  topRooms: [{ id: 1, name: 'standup', display_name: 'Daily standup', count: 1 }],
}
// cmp_a ACTIVE, cmp_b PAUSED; m1 (sent, opened) and m2 (sent) created in the window.
const OVERVIEW = {
  contacts: { total: 2, new: 1 },
  campaigns: { total: 2, active: 1 },
  messages: { total: 2, sent: 2, opened: 1, clicked: 0, openRate: 0.5, clickRate: 0 },
  events: { total: 5 },
}
const CAMPAIGN = {
  campaign: { id: 'cmp_a', name: 'Welcome' },
  enrollments: { total: 1, active: 1, completed: 0 },
  messages: {
    total: 2,
    sent: 2,
    delivered: 2,
    opened: 1,
    clicked: 0,
    bounced: 0,
    failed: 0,
    openRate: 0.5,
    clickRate: 0,
    bounceRate: 0,
  },
  statusBreakdown: [
    { status: 'DELIVERED', _count: 1 },
    { status: 'OPENED', _count: 1 },
  ],
  channelBreakdown: [
    { channel: 'EMAIL', _count: 1 },
    { channel: 'SMS', _count: 1 },
  ],
  abTests: [{ id: 't1', name: 'Subject', variants: [{ name: 'A', sent: 1, opened: 1 }] }],
}
// e2 (c1) and e3 (c2) are attributed; c2's purchase e4 follows its touch e3: one conversion.
const ATTRIBUTION = {
  period: '30d',
  sources: [
    { source: 'google', medium: 'cpc', campaign: 'spring', uniqueVisitors: 2, totalEvents: 2 },
  ],
  totalAttributedEvents: 2,
  conversions: 1,
}

const at = (day: string, time = '10:00:00'): string => `2026-03-${day}T${time}Z`

let api: Api
const logged: string[] = []

beforeAll(async () => {
  api = await startApi(
    {
      workspaces: WORKSPACES,
      rooms: [
        {
          id: 1,
          workspace_id: 'acme',
          name: 'standup',
          display_name: 'Daily standup',
          created_at: '2026-01-02T00:00:00Z',
        },
        { id: 2, workspace_id: 'acme', name: 'sales', created_at: '2026-01-02T00:00:00Z' },
      ],
      recordings: [
        { id: 1, room_id: 1, duration: 600, created_at: '2026-01-03T00:00:00Z' },
        { id: 2, room_id: 2, duration: 300, created_at: '2026-01-03T00:00:00Z' },
      ],
      booking_pages: [
        {
          id: 10,
          workspace_id: 'acme',
          title: 'Intro call',
          slug: 'intro',
          created_at: '2026-01-02T00:00:00Z',
        },
      ],
      contacts: [
        { id: 'c1', workspace_id: 'acme', created_at: at('10', '09:00:00') },
        { id: 'c2', workspace_id: 'acme', created_at: '2026-01-10T00:00:00Z' },
      ],
      contact_events: [
        {
          id: 'e1',
          workspace_id: 'acme',
          contact_id: 'c1',
          event_type: 'room_join',
          room_id: 1,
          created_at: at('10'),
        },
        {
          id: 'e2',
          workspace_id: 'acme',
          contact_id: 'c1',
          event_type: 'booking',
          booking_page_id: 10,
          utm_source: 'google',
          utm_medium: 'cpc',
          utm_campaign: 'spring',
          created_at: at('10', '11:00:00'),
        },
        {
          id: 'e3',
          workspace_id: 'acme',
          contact_id: 'c2',
          event_type: 'page_view',
          utm_source: 'google',
          utm_medium: 'cpc',
          utm_campaign: 'spring',
          created_at: at('11'),
        },
        {
          id: 'e4',
          workspace_id: 'acme',
          contact_id: 'c2',
          event_type: 'purchase',
          created_at: at('12'),
        },
        {
          id: 'e5',
          workspace_id: 'acme',
          contact_id: 'c2',
          event_type: 'signup',
          created_at: at('11', '11:00:00'),
        },
      ],
      campaigns: [
        {
          id: 'cmp_a',
          workspace_id: 'acme',
          name: 'Welcome',
          status: 'ACTIVE',
          created_at: '2026-01-05',
        },
        {
          id: 'cmp_b',
          workspace_id: 'acme',
          name: 'Old',
          status: 'PAUSED',
          created_at: '2026-01-05',
        },
      ],
      enrollments: [
        {
          id: 'en1',
          campaign_id: 'cmp_a',
          contact_id: 'c1',
          status: 'ACTIVE',
          enrolled_at: at('10'),
        },
      ],
      ab_tests: [{ id: 't1', campaign_id: 'cmp_a', name: 'Subject' }],
      ab_variants: [{ id: 'v1', ab_test_id: 't1', name: 'A' }],
      messages: [
        {
          id: 'm1',
          workspace_id: 'acme',
          campaign_id: 'cmp_a',
          variant_id: 'v1',
          channel: 'EMAIL',
          status: 'OPENED',
          created_at: at('10', '12:00:00'),
          sent_at: at('10', '12:00:00'),
          delivered_at: at('10', '12:00:01'),
          opened_at: at('10', '13:00:00'),
        },
        {
          id: 'm2',
          workspace_id: 'acme',
          campaign_id: 'cmp_a',
          channel: 'SMS',
          status: 'DELIVERED',
          created_at: at('11', '12:00:00'),
          sent_at: at('11', '12:00:00'),
          delivered_at: at('11', '12:00:01'),
        },
      ],
    },
    { logger: { stream: { write: (line: string) => logged.push(line) } } },
  )
})

afterAll(async () => {
  await api.close()
})

const sorted = (value: unknown): string[] => Object.keys(value as object).sort()

/** The keys of the body and of each nested object (the first row of a list), sorted. */
function expectKeys(body: unknown, top: string[], nested: Record<string, string[]>, label: string) {
  expect(sorted(body), label).toEqual(top)
  for (const [key, keys] of Object.entries(nested)) {
    const value = (body as Record<string, unknown>)[key]
    const rows = Array.isArray(value) ? value : [value]
    expect(rows.length, `${label} ${key}: a row to look at`).toBeGreaterThan(0)
    for (const row of rows) expect(sorted(row), `${label} ${key}`).toEqual(keys)
  }
}

async function okJson(reply: Reply, label: string): Promise<unknown> {
  expect(reply.statusCode, `${label}: ${reply.body}`).toBe(200)
  expect(reply.headers['content-type'], label).toBe(JSON_TYPE)
  return reply.json()
}

const key = (token: string): string => `key=${encodeURIComponent(token)}`

describe('the overview path, by request form', () => {
  it('answers the workspace product its six keys without key, and nothing else', async () => {
    for (const query of ['', '?days=30', '?period=30d']) {
      const body = await api.ok(`/api/workspaces/acme/analytics${query}`)
      expectKeys(body, ROOMS_KEYS, NESTED_ROOMS, `no key ${query}`)
      expect(body, query).toEqual(ROOMS)
    }
  })

  it('answers CampaignOS its four keys with ?key=', async () => {
    const body = await okJson(
      await api.get(`/api/workspaces/acme/analytics?${key(api.token)}`, null),
      'key',
    )
    expectKeys(body, OVERVIEW_KEYS, NESTED_OVERVIEW, '?key=')
    expect(body).toEqual(OVERVIEW)
  })

  it('answers CampaignOS its four keys under /campaignos, with a header token or ?key=', async () => {
    const path = '/campaignos/api/workspaces/acme/analytics'
    for (const reply of [
      await api.get(path),
      await api.get(`${path}?${key(api.token)}`, null),
      await api.get(`${path}?days=30`),
    ]) {
      const body = await okJson(reply, path)
      expectKeys(body, OVERVIEW_KEYS, NESTED_OVERVIEW, path)
      expect(body).toEqual(OVERVIEW)
    }
  })

  it('lets days / period set the window of either body (a Sextant extension)', async () => {
    // days=1: only today (2026-03-25), when nothing happened; lifetime figures stay.
    expect(await api.ok('/api/workspaces/acme/analytics?days=1')).toEqual({
      ...ROOMS,
      activityTimeline: [],
      newContactsTimeline: [],
    })
    const overview = await api.get(
      `/api/workspaces/acme/analytics?period=1d&${key(api.token)}`,
      null,
    )
    expect(await okJson(overview, 'period=1d')).toEqual({
      contacts: { total: 2, new: 0 },
      campaigns: { total: 2, active: 1 },
      messages: { total: 0, sent: 0, opened: 0, clicked: 0, openRate: 0, clickRate: 0 },
      events: { total: 0 },
    })
  })

  it('answers the console route both key sets, the period, and the same figures', async () => {
    const body = (await api.ok('/api/v1/workspaces/acme/analytics?days=30')) as Record<
      string,
      unknown
    >
    expectKeys(
      body,
      [...ROOMS_KEYS, ...OVERVIEW_KEYS, 'period'].sort(),
      { ...NESTED_ROOMS, ...NESTED_OVERVIEW },
      'console',
    )
    expect(body).toEqual({ period: '30d', ...ROOMS, ...OVERVIEW })
    expect(await api.ok('/api/v1/workspaces/acme/analytics')).toEqual(body)
    expect(await api.ok('/api/v1/workspaces/acme/analytics?days=7')).toMatchObject({
      period: '7d',
    })
  })
})

describe('the campaign endpoints answer exactly their seed keys, at both prefixes', () => {
  const routes: [string, string[], Record<string, string[]>, unknown][] = [
    [
      '/analytics/campaigns/cmp_a',
      ['abTests', 'campaign', 'channelBreakdown', 'enrollments', 'messages', 'statusBreakdown'],
      {
        campaign: ['id', 'name'],
        enrollments: ['active', 'completed', 'total'],
        messages: [
          'bounceRate',
          'bounced',
          'clickRate',
          'clicked',
          'delivered',
          'failed',
          'openRate',
          'opened',
          'sent',
          'total',
        ],
        statusBreakdown: ['_count', 'status'],
        channelBreakdown: ['_count', 'channel'],
        abTests: ['id', 'name', 'variants'],
      },
      CAMPAIGN,
    ],
    [
      '/analytics/timeseries',
      ['period', 'series'],
      { series: ['clicks', 'contacts', 'date', 'events', 'messages', 'opens'] },
      undefined,
    ],
    [
      '/analytics/attribution',
      ['conversions', 'period', 'sources', 'totalAttributedEvents'],
      { sources: ['campaign', 'medium', 'source', 'totalEvents', 'uniqueVisitors'] },
      ATTRIBUTION,
    ],
    [
      '/analytics/funnel?steps=page_view,purchase',
      ['overallConversion', 'period', 'steps'],
      { steps: ['conversionFromPrevious', 'count', 'dropoff', 'step'] },
      {
        period: '30d',
        steps: [
          { step: 'page_view', count: 1, dropoff: 0, conversionFromPrevious: 1 },
          { step: 'purchase', count: 1, dropoff: 0, conversionFromPrevious: 1 },
        ],
        overallConversion: 1,
      },
    ],
    [
      '/analytics/cohorts',
      ['cohorts', 'metric', 'period'],
      { cohorts: ['activeContacts', 'cohort', 'retention', 'retentionRate', 'size'] },
      undefined,
    ],
  ]

  it.each(routes)('%s', async (route, top, nested, expected) => {
    const bodies: unknown[] = []
    for (const prefix of ['', '/campaignos']) {
      const path = `${prefix}/api/workspaces/acme${route}`
      const withKey = `${path}${route.includes('?') ? '&' : '?'}${key(api.token)}`
      for (const reply of [await api.get(path), await api.get(withKey, null)]) {
        const body = await okJson(reply, path)
        expectKeys(body, top, nested, path)
        bodies.push(body)
      }
    }
    // the same figures whatever the prefix and the credential
    for (const body of bodies) expect(body, route).toEqual(bodies[0])
    if (expected !== undefined) expect(bodies[0], route).toEqual(expected)
  })

  it('keeps the cohort retention keys week_0, week_1, ...', async () => {
    // c1 joins 2026-03-10: weeks start 03-10, 03-17, 03-24 (not after today, 03-25)
    const body = (await api.ok('/campaignos/api/workspaces/acme/analytics/cohorts')) as {
      cohorts: { retention: object }[]
    }
    expect(body.cohorts.map((cohort) => sorted(cohort.retention))).toEqual([
      ['week_0', 'week_1', 'week_2'],
    ])
  })

  it('adds each source its conversions only when the request names conversion', async () => {
    for (const prefix of ['', '/campaignos']) {
      const body = await api.ok(
        `${prefix}/api/workspaces/acme/analytics/attribution?conversion=purchase`,
      )
      expect(body, prefix).toEqual({
        ...ATTRIBUTION,
        sources: [{ ...ATTRIBUTION.sources[0], conversions: 1 }],
      })
    }
  })
})

describe('?key= as a credential', () => {
  const UNAUTHORIZED = { error: 'Unauthorized' }

  function expectStatus(reply: Reply, status: number, body: unknown, label: string): void {
    expect(reply.statusCode, `${label}: ${reply.body}`).toBe(status)
    expect(reply.json(), label).toEqual(body)
  }

  it('is 401 {"error":"Unauthorized"} for a wrong, empty or repeated key', async () => {
    for (const prefix of ['', '/campaignos']) {
      for (const query of [
        key(`${api.token}x`),
        'key=nope',
        'key=',
        `${key(api.token)}&${key(api.token)}`,
      ]) {
        for (const route of ['/analytics', '/analytics/timeseries', '/analytics/campaigns/cmp_a']) {
          const url = `${prefix}/api/workspaces/acme${route}?${query}`
          expectStatus(await api.get(url, null), 401, UNAUTHORIZED, url)
        }
      }
    }
  })

  it('loses to an Authorization header, which wins when present', async () => {
    const url = `/api/workspaces/acme/analytics?${key(api.token)}`
    expectStatus(await api.get(url, 'Bearer nope'), 401, UNAUTHORIZED, 'bad header, good key')
    expectStatus(await api.get(url, 'Bearer'), 401, UNAUTHORIZED, 'empty header, good key')
    // a good header with a wrong key: the header authenticates; the key still asks for CampaignOS
    const both = await api.get('/api/workspaces/acme/analytics?key=nope')
    expect(await okJson(both, 'good header, bad key')).toEqual(OVERVIEW)
  })

  it('keeps the scope of a scoped token: 403 on another workspace, 200 on its own', async () => {
    for (const prefix of ['', '/campaignos']) {
      for (const route of ['/analytics', '/analytics/timeseries', '/analytics/cohorts']) {
        const other = `${prefix}/api/workspaces/globex${route}?${key(api.scopedToken)}`
        expectStatus(await api.get(other, null), 403, { error: 'Forbidden' }, other)
        const own = `${prefix}/api/workspaces/acme${route}?${key(api.scopedToken)}`
        expect((await api.get(own, null)).statusCode, own).toBe(200)
      }
    }
  })

  it('still refuses the other query credentials, beside a key too', async () => {
    for (const name of ['token', 'access_token', 'api_key', 'apikey']) {
      const url = `/api/workspaces/acme/analytics?${key(api.token)}&${name}=${api.token}`
      expectStatus(await api.get(url, null), 401, UNAUTHORIZED, name)
    }
  })

  it('is ignored outside the workspaces family: still 401 without a header', async () => {
    const token = key(api.token)
    expectStatus(
      await api.get(`/reports?${token}`, null),
      401,
      {
        code: 'rest_forbidden',
        message: 'Sorry, you are not allowed to do that.',
        data: { status: 401 },
      },
      '/reports',
    )
    expectStatus(
      await api.get(`/wp-json/fluent-booking/v2/reports/activities?${token}`, null),
      401,
      {
        code: 'rest_forbidden',
        message: 'Sorry, you are not allowed to do that.',
        data: { status: 401 },
      },
      '/wp-json',
    )
    expectStatus(
      await api.get(`/api/v2/platform/organisation/analytics?${token}`, null, {
        'org-handle': 'north.example',
      }),
      401,
      { message: 'Authentication credentials were not provided.', status_code: 401 },
      'organisations',
    )
    for (const url of [
      `/api/v1/workspaces?${token}`,
      `/api/v1/workspaces/acme/analytics?${token}`,
      `/api/v1/overview?${token}`,
    ]) {
      expectStatus(
        await api.get(url, null),
        401,
        { error: { code: 'unauthorized', message: 'missing or invalid token' } },
        url,
      )
    }
  })
})

describe('the console route GET /api/v1/workspaces/:id/analytics', () => {
  it('answers errors in the console shape: scope, then the workspace, then parameters', async () => {
    const cases: [string, string | null, number, string][] = [
      ['/api/v1/workspaces/acme/analytics', null, 401, 'unauthorized'],
      ['/api/v1/workspaces/globex/analytics', `Bearer ${api.scopedToken}`, 403, 'forbidden'],
      ['/api/v1/workspaces/nope/analytics?days=abc', `Bearer ${api.scopedToken}`, 403, 'forbidden'],
      ['/api/v1/workspaces/ghost/analytics', `Bearer ${api.scopedToken}`, 404, 'not_found'],
      ['/api/v1/workspaces/nope/analytics?days=abc', `Bearer ${api.token}`, 404, 'not_found'],
      ['/api/v1/workspaces/acme/analytics?days=abc', `Bearer ${api.token}`, 400, 'bad_request'],
      ['/api/v1/workspaces/acme/analytics?period=2w', `Bearer ${api.token}`, 400, 'bad_request'],
    ]
    for (const [url, auth, status, code] of cases) {
      const reply = await api.get(url, auth)
      expect(reply.statusCode, `${url}: ${reply.body}`).toBe(status)
      expect(reply.json(), url).toEqual({ error: { code, message: expect.any(String) } })
    }
    expect(
      (await api.get('/api/v1/workspaces/acme/analytics', `Bearer ${api.scopedToken}`)).statusCode,
    ).toBe(200)
  })
})

describe('the CampaignOS prefix keeps the family checks and error shapes', () => {
  it('answers 401, 403, 404 and 400 as /api/workspaces does', async () => {
    const cases: [string, string | null, number, unknown][] = [
      ['/analytics', null, 401, { error: 'Unauthorized' }],
      ['/analytics/timeseries', 'Bearer nope', 401, { error: 'Unauthorized' }],
      ['/analytics/cohorts', `Bearer ${api.scopedToken}`, 200, undefined],
    ]
    for (const [route, auth, status, body] of cases) {
      const plain = await api.get(`/api/workspaces/acme${route}`, auth)
      const prefixed = await api.get(`/campaignos/api/workspaces/acme${route}`, auth)
      expect(prefixed.statusCode, route).toBe(status)
      expect(plain.statusCode, route).toBe(status)
      if (body !== undefined) expect(prefixed.json(), route).toEqual(body)
    }
    const scoped = `Bearer ${api.scopedToken}`
    for (const [url, auth, status, body] of [
      ['/campaignos/api/workspaces/globex/analytics', scoped, 403, { error: 'Forbidden' }],
      ['/campaignos/api/workspaces/nope/analytics', null, 404, { error: 'Workspace not found' }],
      [
        '/campaignos/api/workspaces/acme/analytics/campaigns/zzz',
        null,
        404,
        { error: 'Campaign not found' },
      ],
      [
        '/campaignos/api/workspaces/acme/analytics/funnel?steps=a',
        null,
        400,
        { error: 'steps: give 2 to 10 comma-separated event types' },
      ],
      ['/campaignos/api/workspaces/acme/nothing', null, 404, undefined],
    ] as const) {
      const reply = await api.get(url, auth ?? `Bearer ${api.token}`)
      expect(reply.statusCode, `${url}: ${reply.body}`).toBe(status)
      const answer = reply.json() as Record<string, unknown>
      if (body !== undefined) expect(answer, url).toEqual(body)
      else expect(Object.keys(answer), url).toEqual(['error'])
    }
    const badDays = await api.get('/campaignos/api/workspaces/acme/analytics?days=abc')
    expect(badDays.statusCode).toBe(400)
    expect(badDays.json()).toEqual({ error: expect.stringMatching(/^days: /) })
  })
})

describe('no token reaches a log line or a body', () => {
  it('redacts every credential in the log; errors never echo the query', async () => {
    logged.length = 0
    const t = api.token
    const encoded = encodeURIComponent(t)
    const requests: [string, string | null, number][] = [
      [`/api/workspaces/acme/analytics?${key(t)}`, null, 200],
      [`/campaignos/api/workspaces/acme/analytics/timeseries?days=7&${key(t)}`, null, 200],
      // the same name percent-encoded is still `key`, and still redacted
      [`/api/workspaces/acme/analytics?%6Bey=${encoded}`, null, 200],
      [`/api/workspaces/acme/analytics?${key(t)}`, 'Bearer nope', 401],
      [`/api/workspaces/acme/analytics?${key(t)}&token=${encoded}`, null, 401],
      [`/reports?${key(t)}`, null, 401],
      [`/api/v1/workspaces/acme/analytics?${key(t)}`, null, 401],
      [`/api/workspaces/nope/analytics?${key(t)}`, null, 404],
      [`/api/workspaces/acme/analytics/campaigns/zzz?${key(t)}`, null, 404],
      [`/api/workspaces/acme/nothing?${key(t)}`, null, 404],
      [`/api/workspaces/acme/analytics?days=abc&${key(t)}`, null, 400],
      [`/api/workspaces/acme/analytics/funnel?steps=x&${key(t)}`, null, 400],
      [`/api/workspaces/acme/analytics?KEY=${encoded}&days=7`, `Bearer ${t}`, 200],
    ]
    for (const [url, auth, status] of requests) {
      const reply = await api.get(url, auth)
      expect(reply.statusCode, `${url}: ${reply.body}`).toBe(status)
      expect(reply.body, url).not.toContain(t)
      expect(reply.body, url).not.toContain(encoded)
      expect(JSON.stringify(reply.headers), url).not.toContain(t)
    }
    const log = logged.join('')
    // The log was written (each request in and out), with the redacted URLs in it.
    expect(log.match(/"msg":"incoming request"/g)?.length).toBe(requests.length)
    expect(log.match(/"msg":"request completed"/g)?.length).toBe(requests.length)
    expect(log).toContain('/api/workspaces/acme/analytics?key=[redacted]')
    expect(log).toContain('/api/workspaces/acme/analytics?days=abc&key=[redacted]')
    expect(log).toContain('?%6Bey=[redacted]')
    expect(log).toContain('?KEY=[redacted]&days=7')
    expect(log).toContain('key=[redacted]&token=[redacted]')
    expect(log).not.toContain(t)
    expect(log).not.toContain(encoded)
  })
})
