// Rule (issue #14 item 3): a figure's kind comes from the contract of the route its response
// answered, never from its name or value. A count of 1 named `conversions` is a count ("1"),
// a rate of 1 is 100%; a percent stays a percent whatever its size; an overview KPI's value is
// of the kind its `unit` names. Every kind below is read off src-shared/api by hand.
import { describe, expect, it } from 'vitest'
import { SnapshotComparison, type CapturedResponse } from '../api/snapshots'
import { RESPONSE_SCHEMAS, responseSchemaOf, routeOf } from '../api/routes'
import { cellKind, responseBlocks, type Block } from './blocks'
import { formatFigure } from './present'
import { capturedKindAt, figureKinds, kindAt, type PathStep } from './units'

const captured = (
  key: string,
  title: string,
  request: string,
  body: unknown,
): CapturedResponse => ({
  key,
  title,
  request,
  status: 200,
  body,
})

/** What the viewer, the PDF and the PNG print for a block's cell. */
function shown(blocks: readonly Block[], id: string, label: string, column = 1): string {
  const block = blocks.find((candidate) => candidate.id === id)
  if (block === undefined) throw new Error(`no block ${id}`)
  const row = block.rows.findIndex((cells) => cells[0] === label)
  const value = block.rows[row]?.[column]
  if (typeof value !== 'number') throw new Error(`${id} / ${label}: no number`)
  return formatFigure(cellKind(block, row, column), value)
}

// A Campaigns snapshot: a campaign whose messages were opened by everyone they reached (a rate
// of 1) and attribution that credits one conversion (a count of 1).
const campaign = captured(
  'campaign',
  'Campaign',
  '/api/workspaces/acme/analytics/campaigns/cmp_acme_01?days=30',
  {
    campaign: { id: 'cmp_acme_01', name: 'Spring Sale' },
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
  },
)
const attribution = captured(
  'attribution',
  'Attribution (purchase)',
  '/api/workspaces/acme/analytics/attribution?days=30&conversion=purchase',
  {
    period: '30d',
    sources: [
      {
        source: 'newsletter',
        medium: 'email',
        campaign: 'spring',
        uniqueVisitors: 1,
        totalEvents: 2,
        conversions: 1,
      },
    ],
    totalAttributedEvents: 2,
    conversions: 1,
  },
)

describe('a count of 1 beside a rate of 1', () => {
  it('prints the count as 1 and the rate as 100% (before: both "100%")', () => {
    const blocks = [...responseBlocks(campaign), ...responseBlocks(attribution)]
    expect(shown(blocks, 'attribution:', 'conversions')).toBe('1')
    expect(shown(blocks, 'attribution:', 'totalAttributedEvents')).toBe('2')
    expect(shown(blocks, 'campaign:messages', 'clicked')).toBe('1')
    expect(shown(blocks, 'campaign:messages', 'openRate')).toBe('100%')
    expect(shown(blocks, 'campaign:messages', 'bounceRate')).toBe('0%')
    // The sources bar chart: label, uniqueVisitors, totalEvents, conversions.
    const sources = blocks.find((block) => block.id === 'attribution:sources')!
    expect(sources.columns).toEqual([
      'source / medium / campaign',
      'uniqueVisitors',
      'totalEvents',
      'conversions',
    ])
    expect(sources.kinds).toEqual([[null, 'count', 'count', 'count']])
  })

  it('gives the JSON figures their kinds by path', () => {
    expect(figureKinds(responseSchemaOf(attribution.request), attribution.body)).toEqual(
      new Map([
        ['sources.0.uniqueVisitors', 'count'],
        ['sources.0.totalEvents', 'count'],
        ['sources.0.conversions', 'count'],
        ['totalAttributedEvents', 'count'],
        ['conversions', 'count'],
      ]),
    )
    const messages = figureKinds(responseSchemaOf(campaign.request), campaign.body)
    expect(messages.get('messages.opened')).toBe('count')
    expect(messages.get('messages.openRate')).toBe('rate')
    expect(messages.get('enrollments.total')).toBe('count')
  })
})

describe('the kind of a figure, by family (read off the contracts by hand)', () => {
  const at = (request: string, body: unknown, path: readonly PathStep[]) =>
    capturedKindAt({ request, body }, path)

  it('bookings: a widget number is a count, its stat a percent change; ids and times', () => {
    const reports = {
      overview: [
        { title: 'Bookings', period: 'this month', number: 12, content: '', icon: '', stat: 250 },
        { title: 'Total Guests', number: 1, content: '', icon: '', stat: 0.5 },
      ],
      latest_books: [{ id: 4, event_id: 2, host_id: null, start_time: '2026-11-02 09:00:00' }],
      next_meetings: [],
    }
    const url = '/reports?startTime=2026-10-25%2000%3A00%3A00&endTime=2026-11-23%2023%3A59%3A59'
    expect(at(url, reports, ['overview', 0, 'number'])).toBe('count')
    // 250 and 0.5 are both percents: the size of a number says nothing of its kind.
    expect(at(url, reports, ['overview', 0, 'stat'])).toBe('percent')
    expect(at(url, reports, ['overview', 1, 'stat'])).toBe('percent')
    expect(at(url, reports, ['latest_books', 0, 'id'])).toBe('id')
    expect(at(url, reports, ['latest_books', 0, 'event_id'])).toBe('id')
    expect(at(url, reports, ['latest_books', 0, 'start_time'])).toBe('date')
    const graph = { booked_stats: { '2026-11-01': 3 }, completed_stats: {}, cancelled_stats: {} }
    expect(
      at('/reports/graph-reports?date_range[0]=2026-11-01', graph, ['booked_stats', '2026-11-01']),
    ).toBe('count')
    const activities = { activities: [{ id: 1, booking_id: 4, created_by: 2 }] }
    expect(at('/reports/activities', activities, ['activities', 0, 'created_by'])).toBe('id')
    expect(
      at('/wp-json/fluent-booking/v2/reports/activities', activities, ['activities', 0, 'id']),
    ).toBe('id')
  })

  it('calls: success_rate a percent, avg_duration_seconds a duration, the score a score', () => {
    const url = '/api/v2/platform/organisation/analytics'
    const body = {
      status_code: 200,
      message: 'ok',
      data: {
        call_analytics: { total_calls: 3, avg_success_score: 5.16 },
        call_status: { total_tasks: 200, completed: 1, success_rate: 0.5 },
        total_calls: 3,
        avg_duration_seconds: 65,
      },
    }
    expect(at(url, body, ['data', 'call_status', 'success_rate'])).toBe('percent')
    expect(at(url, body, ['data', 'avg_duration_seconds'])).toBe('duration')
    expect(at(url, body, ['data', 'call_analytics', 'avg_success_score'])).toBe('score')
    expect(at(url, body, ['data', 'call_analytics', 'total_calls'])).toBe('count')
    expect(at(`${url}?space_token=tok_1`, body, ['data', 'total_calls'])).toBe('count')
    expect(at(url, body, ['status_code'])).toBe('id')
    expect(at(url, body, ['message'])).toBeNull()
  })

  it("overview: a KPI's value, previous and trend are of the kind its unit names", () => {
    const url = '/api/v1/overview?days=7'
    const body = {
      period: '7d',
      days: 7,
      dates: ['2026-11-22', '2026-11-23'],
      kpis: [
        { key: 'recordings', unit: 'count', value: 1, previous: 0, change: null, trend: [0, 1] },
        { key: 'openRate', unit: 'rate', value: 1, previous: 0.5, change: 1, trend: [1, 1] },
        { key: 'recordingDuration', unit: 'seconds', value: 65, previous: 60, trend: [5, 60] },
      ],
    }
    expect(at(url, body, ['kpis', 0, 'value'])).toBe('count')
    expect(at(url, body, ['kpis', 1, 'value'])).toBe('rate')
    expect(at(url, body, ['kpis', 1, 'previous'])).toBe('rate')
    expect(at(url, body, ['kpis', 1, 'trend', 1])).toBe('rate')
    expect(at(url, body, ['kpis', 2, 'value'])).toBe('duration')
    expect(at(url, body, ['kpis', 2, 'trend', 0])).toBe('duration')
    expect(at(url, body, ['kpis', 1, 'change'])).toBe('change')
    // A nullable change is a change even when the previous window was empty.
    expect(at(url, body, ['kpis', 0, 'change'])).toBe('change')
    expect(at(url, body, ['days'])).toBe('count')
    expect(at(url, body, ['dates', 0])).toBe('date')
  })

  it('workspaces: one path, two products, each read by the body it holds', () => {
    const rooms = { kpis: { rooms: 1, recordings: 1, recordingDuration: 135250 }, topRooms: [] }
    const campaignOs = {
      contacts: { total: 1, new: 1 },
      campaigns: { total: 1, active: 1 },
      messages: { total: 1, sent: 1, opened: 1, clicked: 0, openRate: 1, clickRate: 0 },
      events: { total: 1 },
    }
    const product = '/api/workspaces/acme/analytics?days=30'
    expect(at(product, rooms, ['kpis', 'recordingDuration'])).toBe('duration')
    expect(at(product, rooms, ['kpis', 'recordings'])).toBe('count')
    expect(at(`${product}&key=k`, campaignOs, ['messages', 'openRate'])).toBe('rate')
    expect(at(`${product}&key=k`, campaignOs, ['messages', 'opened'])).toBe('count')
    expect(at('/campaignos/api/workspaces/acme/analytics', campaignOs, ['events', 'total'])).toBe(
      'count',
    )
    const console = { period: '30d', ...rooms, ...campaignOs }
    const own = '/api/v1/workspaces/acme/analytics?days=30'
    expect(at(own, console, ['kpis', 'recordingDuration'])).toBe('duration')
    expect(at(own, console, ['messages', 'clickRate'])).toBe('rate')
  })

  it('campaigns: funnel rates and drop-offs, cohort retention, timeseries counts', () => {
    const base = '/api/workspaces/acme/analytics'
    const funnel = {
      period: '30d',
      steps: [
        { step: 'page_view', count: 4, dropoff: 0, conversionFromPrevious: 1 },
        { step: 'signup', count: 1, dropoff: 3, conversionFromPrevious: 0.25 },
      ],
      overallConversion: 0.25,
    }
    const funnelUrl = `${base}/funnel?days=30&steps=page_view,signup`
    expect(at(funnelUrl, funnel, ['steps', 1, 'conversionFromPrevious'])).toBe('rate')
    expect(at(funnelUrl, funnel, ['steps', 1, 'dropoff'])).toBe('count')
    expect(at(funnelUrl, funnel, ['overallConversion'])).toBe('rate')
    const cohorts = {
      period: '30d',
      metric: 'events',
      cohorts: [
        {
          cohort: '2026-11-02',
          size: 1,
          activeContacts: 1,
          retentionRate: 1,
          retention: { week_0: 1 },
        },
      ],
    }
    const cohortsUrl = `${base}/cohorts?days=30&metric=events`
    expect(at(cohortsUrl, cohorts, ['cohorts', 0, 'retention', 'week_0'])).toBe('count')
    expect(at(cohortsUrl, cohorts, ['cohorts', 0, 'retentionRate'])).toBe('rate')
    expect(at(cohortsUrl, cohorts, ['cohorts', 0, 'cohort'])).toBe('date')
    const series = { period: '30d', series: [{ date: '2026-11-02', opens: 1, clicks: 1 }] }
    expect(at(`${base}/timeseries?days=30`, series, ['series', 0, 'opens'])).toBe('count')
  })

  it('snapshots: a compared figure is of the kind it carries', () => {
    const comparison = {
      figures: [
        { section: 'Campaign: Messages', figure: 'openRate', kind: 'rate', a: 1, b: 0.5 },
        { section: 'Attribution', figure: 'conversions', kind: 'count', a: 1, b: 2 },
        { section: 'Unknown', figure: 'x', kind: null, a: 1, b: 2 },
      ],
    }
    expect(kindAt(SnapshotComparison, comparison, ['figures', 0, 'a'])).toBe('rate')
    expect(kindAt(SnapshotComparison, comparison, ['figures', 1, 'b'])).toBe('count')
    expect(kindAt(SnapshotComparison, comparison, ['figures', 2, 'a'])).toBeNull()
  })

  it('knows nothing it cannot read from a contract', () => {
    expect(at('/api/v9/unknown', { conversions: 1 }, ['conversions'])).toBeNull()
    expect(kindAt(undefined, { openRate: 1 }, ['openRate'])).toBeNull()
    // A key the contract does not have.
    expect(at('/api/v1/overview', { extraRate: 1 }, ['extraRate'])).toBeNull()
  })
})

describe('the route of a captured request', () => {
  it('matches path parameters, literal segments first, ignoring the query', () => {
    expect(routeOf('/api/v1/workspaces?x=1')).toBe('/api/v1/workspaces')
    expect(routeOf('/api/v1/workspaces/acme/event-types')).toBe(
      '/api/v1/workspaces/:workspaceId/event-types',
    )
    expect(routeOf('/api/v1/workspaces/a%20b%2Fc%3Fd/analytics?days=30')).toBe(
      '/api/v1/workspaces/:workspaceId/analytics',
    )
    expect(routeOf('/api/workspaces/acme/analytics/campaigns/cmp%201?days=14')).toBe(
      '/api/workspaces/:workspaceId/analytics/campaigns/:campaignId',
    )
    expect(routeOf('/reports?startTime=x')).toBe('/reports')
    expect(routeOf('/api/workspaces//analytics')).toBeUndefined()
    // No route of the table is shadowed by another that fits its paths too.
    for (const route of Object.keys(RESPONSE_SCHEMAS))
      expect(routeOf(route.replace(/:[A-Za-z]+/g, 'x')), route).toBe(route)
    expect(routeOf('/api/v1/nothing')).toBeUndefined()
  })
})
