// Rule (API.md section 2, campaign-analytics.txt, docs/api.md): GET
// /api/workspaces/:wid/analytics/campaigns/:cid answers {campaign {id, name},
// enrollments (enrolled_at in the window: total, active, completed), messages (the campaign's
// messages created in the window; sent/delivered/opened/clicked by milestone timestamp,
// bounced/failed by status; rates over delivered, 4 decimals, 0 when delivered = 0),
// statusBreakdown / channelBreakdown (`_count` desc, then name), abTests (id asc, variants id asc,
// a variant without messages shows zeros)}. An unknown campaign, or one of another workspace, is
// 404 {"error":"Campaign not found"}. Window: period (default 30d) or days; days wins. Exactly the
// seed's keys: no "period" and no campaign status in the body (issue #13 item 8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, WORKSPACES, type Api, type Rec } from './helpers'

const EDGE = '2026-02-24T00:00:00Z' // first instant of the 30-day window
const EARLY = '2026-02-23T23:59:59Z' // one second before it
const LATER = '2026-03-25T12:00:01Z' // one second after now

function message(
  id: string,
  campaign: string | null,
  channel: string,
  status: string,
  createdAt: string,
  milestones: { sent?: boolean; delivered?: boolean; opened?: boolean; clicked?: boolean },
  variant: string | null = null,
  workspace = 'acme',
): Rec {
  return {
    id,
    workspace_id: workspace,
    campaign_id: campaign,
    contact_id: null,
    variant_id: variant,
    channel,
    status,
    created_at: createdAt,
    sent_at: milestones.sent === true ? createdAt : null,
    delivered_at: milestones.delivered === true ? createdAt : null,
    opened_at: milestones.opened === true ? createdAt : null,
    clicked_at: milestones.clicked === true ? createdAt : null,
  }
}

const all = { sent: true, delivered: true, opened: true, clicked: true }

let api: Api

beforeAll(async () => {
  api = await startApi({
    workspaces: WORKSPACES,
    contacts: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id) => ({
      id,
      workspace_id: 'acme',
      created_at: '2026-01-10T00:00:00Z',
    })),
    campaigns: [
      {
        id: 'cmp_a',
        workspace_id: 'acme',
        name: 'Welcome Series',
        status: 'ACTIVE',
        created_at: '2026-01-05',
      },
      {
        id: 'cmp_b',
        workspace_id: 'acme',
        name: 'Winback',
        status: 'PAUSED',
        created_at: '2026-01-05',
      },
      {
        id: 'cmp_m',
        workspace_id: 'acme',
        name: 'Milestones',
        status: 'COMPLETED',
        created_at: '2026-01-05',
      },
      {
        id: 'cmp_d',
        workspace_id: 'acme',
        name: 'Quiet',
        status: 'draft',
        created_at: '2026-01-05',
      },
      {
        id: 'cmp_g',
        workspace_id: 'globex',
        name: 'Globex',
        status: 'ACTIVE',
        created_at: '2026-01-05',
      },
    ],
    enrollments: [
      { id: 'en1', campaign_id: 'cmp_a', contact_id: 'c1', status: 'ACTIVE', enrolled_at: EDGE },
      {
        id: 'en2',
        campaign_id: 'cmp_a',
        contact_id: 'c2',
        status: 'COMPLETED',
        enrolled_at: '2026-03-01T00:00:00Z',
        completed_at: '2026-03-05T00:00:00Z',
      },
      {
        id: 'en3',
        campaign_id: 'cmp_a',
        contact_id: 'c3',
        status: 'EXITED',
        enrolled_at: '2026-03-19T00:00:00Z',
      },
      { id: 'en4', campaign_id: 'cmp_a', contact_id: 'c4', status: 'ACTIVE', enrolled_at: EARLY },
      {
        id: 'en5',
        campaign_id: 'cmp_a',
        contact_id: 'c5',
        status: 'COMPLETED',
        enrolled_at: LATER,
      },
      {
        id: 'en6',
        campaign_id: 'cmp_b',
        contact_id: 'c6',
        status: 'ACTIVE',
        enrolled_at: '2026-03-20T00:00:00Z',
      },
    ],
    // Listed out of id order on purpose.
    ab_tests: [
      { id: 't2', campaign_id: 'cmp_a', name: 'Send time' },
      { id: 't1', campaign_id: 'cmp_a', name: 'Subject line' },
      { id: 't0', campaign_id: 'cmp_a', name: 'No variants yet' },
      { id: 't9', campaign_id: 'cmp_b', name: 'Other campaign' },
    ],
    ab_variants: [
      { id: 'v2', ab_test_id: 't1', name: 'Alpha' },
      { id: 'v1', ab_test_id: 't1', name: 'Zeta' },
      { id: 'v3', ab_test_id: 't2', name: 'Morning' },
      { id: 'v9', ab_test_id: 't9', name: 'Other' },
    ],
    messages: [
      message('a1', 'cmp_a', 'EMAIL', 'CLICKED', EDGE, all, 'v1'),
      message(
        'a2',
        'cmp_a',
        'EMAIL',
        'OPENED',
        '2026-03-01T10:00:00Z',
        { sent: true, delivered: true, opened: true },
        'v1',
      ),
      message(
        'a3',
        'cmp_a',
        'SMS',
        'DELIVERED',
        '2026-03-05T10:00:00Z',
        { sent: true, delivered: true },
        'v2',
      ),
      message('a4', 'cmp_a', 'EMAIL', 'BOUNCED', '2026-03-19T00:00:00Z', { sent: true }, 'v2'),
      message('a5', 'cmp_a', 'PUSH', 'FAILED', '2026-03-20T10:00:00Z', {}),
      message('a6', 'cmp_a', 'SMS', 'SENT', '2026-03-25T12:00:00Z', { sent: true }),
      message('a7', 'cmp_a', 'SMS', 'SENT', '2026-03-10T10:00:00Z', { sent: true }),
      // outside the window: not counted anywhere, variants included
      message('a8', 'cmp_a', 'EMAIL', 'CLICKED', EARLY, all, 'v1'),
      message(
        'a9',
        'cmp_a',
        'EMAIL',
        'OPENED',
        LATER,
        { sent: true, delivered: true, opened: true },
        'v3',
      ),
      // other campaign / no campaign / other workspace
      message(
        'b1',
        'cmp_b',
        'EMAIL',
        'OPENED',
        '2026-03-10T10:00:00Z',
        { sent: true, delivered: true, opened: true },
        'v9',
      ),
      message('n1', null, 'EMAIL', 'DELIVERED', '2026-03-10T10:00:00Z', {
        sent: true,
        delivered: true,
      }),
      // status and milestone timestamps disagree: milestones count sent..clicked, status counts
      // bounced / failed and the breakdown
      message('x1', 'cmp_m', 'WEBHOOK', 'CLICKED', '2026-03-11T10:00:00Z', { sent: true }),
      message('x2', 'cmp_m', 'IN_APP', 'DELIVERED', '2026-03-11T10:00:00Z', {
        sent: true,
        delivered: true,
        opened: true,
      }),
      message('x3', 'cmp_m', 'IN_APP', 'BOUNCED', '2026-03-11T10:00:00Z', {
        sent: true,
        delivered: true,
      }),
      message('x4', 'cmp_m', 'WEBHOOK', 'FAILED', '2026-03-11T10:00:00Z', {}),
      message(
        'g1',
        'cmp_g',
        'EMAIL',
        'DELIVERED',
        '2026-03-10T10:00:00Z',
        { sent: true, delivered: true },
        null,
        'globex',
      ),
    ],
  })
})

afterAll(async () => {
  await api.close()
})

const URL_A = '/api/workspaces/acme/analytics/campaigns/cmp_a'

describe('GET /api/workspaces/:wid/analytics/campaigns/:cid', () => {
  it('answers the exact body for the default 30-day window', async () => {
    expect(await api.ok(URL_A)).toEqual({
      campaign: { id: 'cmp_a', name: 'Welcome Series' },
      // en1 (at the window's first instant), en2, en3; en4 a second early, en5 after now
      enrollments: { total: 3, active: 1, completed: 1 },
      // a1..a7: sent a1 a2 a3 a4 a6 a7; delivered a1 a2 a3; opened a1 a2; clicked a1
      messages: {
        total: 7,
        sent: 6,
        delivered: 3,
        opened: 2,
        clicked: 1,
        bounced: 1,
        failed: 1,
        openRate: 0.6667,
        clickRate: 0.3333,
        bounceRate: 0.3333,
      },
      statusBreakdown: [
        { status: 'SENT', _count: 2 },
        { status: 'BOUNCED', _count: 1 },
        { status: 'CLICKED', _count: 1 },
        { status: 'DELIVERED', _count: 1 },
        { status: 'FAILED', _count: 1 },
        { status: 'OPENED', _count: 1 },
      ],
      channelBreakdown: [
        { channel: 'EMAIL', _count: 3 },
        { channel: 'SMS', _count: 3 },
        { channel: 'PUSH', _count: 1 },
      ],
      abTests: [
        { id: 't0', name: 'No variants yet', variants: [] },
        {
          id: 't1',
          name: 'Subject line',
          variants: [
            { name: 'Zeta', sent: 2, opened: 2 },
            { name: 'Alpha', sent: 2, opened: 0 },
          ],
        },
        { id: 't2', name: 'Send time', variants: [{ name: 'Morning', sent: 0, opened: 0 }] },
      ],
    })
  })

  it('narrows to period=7d (from 2026-03-19T00:00:00Z); delivered 0 gives rates 0', async () => {
    const expected = {
      campaign: { id: 'cmp_a', name: 'Welcome Series' },
      enrollments: { total: 1, active: 0, completed: 0 },
      // a4 (window's first instant), a5, a6 (exactly now)
      messages: {
        total: 3,
        sent: 2,
        delivered: 0,
        opened: 0,
        clicked: 0,
        bounced: 1,
        failed: 1,
        openRate: 0,
        clickRate: 0,
        bounceRate: 0,
      },
      statusBreakdown: [
        { status: 'BOUNCED', _count: 1 },
        { status: 'FAILED', _count: 1 },
        { status: 'SENT', _count: 1 },
      ],
      channelBreakdown: [
        { channel: 'EMAIL', _count: 1 },
        { channel: 'PUSH', _count: 1 },
        { channel: 'SMS', _count: 1 },
      ],
      abTests: [
        { id: 't0', name: 'No variants yet', variants: [] },
        {
          id: 't1',
          name: 'Subject line',
          variants: [
            { name: 'Zeta', sent: 0, opened: 0 },
            { name: 'Alpha', sent: 1, opened: 0 },
          ],
        },
        { id: 't2', name: 'Send time', variants: [{ name: 'Morning', sent: 0, opened: 0 }] },
      ],
    }
    expect(await api.ok(`${URL_A}?period=7d`)).toEqual(expected)
    expect(await api.ok(`${URL_A}?days=7`)).toEqual(expected)
    expect(await api.ok(`${URL_A}?days=7&period=30d`)).toEqual(expected)
  })

  it('answers zeros and empty lists for a campaign with nothing in the window', async () => {
    expect(await api.ok('/api/workspaces/acme/analytics/campaigns/cmp_d')).toEqual({
      campaign: { id: 'cmp_d', name: 'Quiet' },
      enrollments: { total: 0, active: 0, completed: 0 },
      messages: {
        total: 0,
        sent: 0,
        delivered: 0,
        opened: 0,
        clicked: 0,
        bounced: 0,
        failed: 0,
        openRate: 0,
        clickRate: 0,
        bounceRate: 0,
      },
      statusBreakdown: [],
      channelBreakdown: [],
      abTests: [],
    })
  })

  it('counts only its own enrollments, messages and tests', async () => {
    expect(await api.ok('/api/workspaces/acme/analytics/campaigns/cmp_b')).toEqual({
      campaign: { id: 'cmp_b', name: 'Winback' },
      enrollments: { total: 1, active: 1, completed: 0 },
      messages: {
        total: 1,
        sent: 1,
        delivered: 1,
        opened: 1,
        clicked: 0,
        bounced: 0,
        failed: 0,
        openRate: 1,
        clickRate: 0,
        bounceRate: 0,
      },
      statusBreakdown: [{ status: 'OPENED', _count: 1 }],
      channelBreakdown: [{ channel: 'EMAIL', _count: 1 }],
      abTests: [
        { id: 't9', name: 'Other campaign', variants: [{ name: 'Other', sent: 1, opened: 1 }] },
      ],
    })
  })

  it('counts sent..clicked by timestamp and bounced / failed by status', async () => {
    expect(await api.ok('/api/workspaces/acme/analytics/campaigns/cmp_m')).toEqual({
      campaign: { id: 'cmp_m', name: 'Milestones' },
      enrollments: { total: 0, active: 0, completed: 0 },
      messages: {
        total: 4,
        sent: 3,
        delivered: 2,
        opened: 1,
        clicked: 0,
        bounced: 1,
        failed: 1,
        openRate: 0.5,
        clickRate: 0,
        bounceRate: 0.5,
      },
      statusBreakdown: [
        { status: 'BOUNCED', _count: 1 },
        { status: 'CLICKED', _count: 1 },
        { status: 'DELIVERED', _count: 1 },
        { status: 'FAILED', _count: 1 },
      ],
      channelBreakdown: [
        { channel: 'IN_APP', _count: 2 },
        { channel: 'WEBHOOK', _count: 2 },
      ],
      abTests: [],
    })
  })

  it('is 404 {"error":"Campaign not found"} for an unknown campaign or another workspace\'s', async () => {
    for (const url of [
      '/api/workspaces/acme/analytics/campaigns/nope',
      '/api/workspaces/acme/analytics/campaigns/cmp_g',
    ]) {
      const reply = await api.get(url)
      expect(reply.statusCode, url).toBe(404)
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(reply.json(), url).toEqual({ error: 'Campaign not found' })
    }
  })

  it('checks the campaign before the parameters, the workspace before the campaign', async () => {
    const badPeriod = await api.get('/api/workspaces/acme/analytics/campaigns/nope?period=2w')
    expect(badPeriod.statusCode).toBe(404)
    expect(badPeriod.json()).toEqual({ error: 'Campaign not found' })
    const noWorkspace = await api.get('/api/workspaces/nope/analytics/campaigns/cmp_a')
    expect(noWorkspace.statusCode).toBe(404)
    expect(noWorkspace.json()).toEqual({ error: 'Workspace not found' })
  })
})
