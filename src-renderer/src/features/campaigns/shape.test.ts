import { describe, expect, it } from 'vitest'
import type { CampaignAnalytics, Cohorts, Timeseries } from '../../../../src-shared/api/workspaces'
import {
  abChartInput,
  abVariantRows,
  addStep,
  attributionChartInput,
  breakdownItems,
  campaignStatusCounts,
  canAddStep,
  cohortHeatmapInput,
  defaultCampaignId,
  defaultConversion,
  defaultFunnelSteps,
  funnelChartSteps,
  hasActivity,
  humanize,
  messageMilestones,
  moveStep,
  pickCampaignId,
  pickConversion,
  pickMetric,
  removeStep,
  sourceLabel,
  timeseriesChartInput,
  type AbTest,
  type AttributionSource,
  type Campaign,
} from './shape'

const campaign = (id: string, status: string): Campaign => ({
  id,
  name: `Campaign ${id}`,
  status,
  created_at: '2026-01-01T00:00:00Z',
})

const source = (
  name: string,
  medium: string | null,
  utmCampaign: string | null,
  conversions: number,
): AttributionSource => ({
  source: name,
  medium,
  campaign: utmCampaign,
  uniqueVisitors: 1,
  totalEvents: 1,
  conversions,
})

describe('humanize', () => {
  it('turns codes into words', () => {
    expect(humanize('IN_APP')).toBe('In app')
    expect(humanize('page_view')).toBe('Page view')
    expect(humanize('ACTIVE')).toBe('Active')
    expect(humanize('')).toBe('')
  })
})

describe('campaign picker', () => {
  const list = [campaign('c1', 'DRAFT'), campaign('c2', 'ACTIVE'), campaign('c3', 'ACTIVE')]

  it('defaults to the first ACTIVE campaign, else the first, else none', () => {
    expect(defaultCampaignId(list)).toBe('c2')
    expect(defaultCampaignId([campaign('c1', 'DRAFT'), campaign('c4', 'PAUSED')])).toBe('c1')
    expect(defaultCampaignId([])).toBeNull()
  })

  it('keeps a choice only while the list has it', () => {
    expect(pickCampaignId(list, 'c3')).toBe('c3')
    expect(pickCampaignId(list, 'gone')).toBe('c2')
    expect(pickCampaignId(list, null)).toBe('c2')
    expect(pickCampaignId([], 'c3')).toBeNull()
  })

  it('counts campaigns per status: ACTIVE always, lifecycle order, unknown statuses last', () => {
    const counts = campaignStatusCounts([
      campaign('a', 'ARCHIVED'),
      campaign('b', 'ZOMBIE'),
      campaign('c', 'PAUSED'),
      campaign('d', 'ARCHIVED'),
      campaign('e', 'BETA'),
    ])
    expect(counts).toEqual([
      { status: 'ACTIVE', count: 0 },
      { status: 'PAUSED', count: 1 },
      { status: 'ARCHIVED', count: 2 },
      { status: 'BETA', count: 1 },
      { status: 'ZOMBIE', count: 1 },
    ])
    expect(campaignStatusCounts([])).toEqual([{ status: 'ACTIVE', count: 0 }])
  })
})

describe('campaign detail', () => {
  const messages: CampaignAnalytics['messages'] = {
    total: 120,
    sent: 100,
    delivered: 90,
    opened: 45,
    clicked: 9,
    bounced: 6,
    failed: 4,
    openRate: 0.5,
    clickRate: 0.1,
    bounceRate: 0.0667,
  }

  it('lists the message milestones in the order a message reaches them', () => {
    expect(messageMilestones(messages)).toEqual({
      categories: ['Sent', 'Delivered', 'Opened', 'Clicked'],
      series: [{ name: 'Messages', data: [100, 90, 45, 9] }],
    })
  })

  it('turns status and channel breakdowns into pie items', () => {
    expect(
      breakdownItems(
        [
          { status: 'OPENED', _count: 45 },
          { status: 'BOUNCED', _count: 6 },
        ],
        'status',
      ),
    ).toEqual([
      { name: 'Opened', value: 45 },
      { name: 'Bounced', value: 6 },
    ])
    expect(breakdownItems([{ channel: 'IN_APP', _count: 3 }], 'channel')).toEqual([
      { name: 'In app', value: 3 },
    ])
  })

  const tests: AbTest[] = [
    {
      id: 't1',
      name: 'Subject',
      variants: [
        { name: 'A', sent: 200, opened: 50 },
        { name: 'B', sent: 0, opened: 0 },
      ],
    },
    { id: 't2', name: 'Send time', variants: [{ name: 'Morning', sent: 8, opened: 3 }] },
  ]

  it('computes each variant open rate as opened / sent, none when nothing was sent', () => {
    expect(abVariantRows(tests)).toEqual([
      { test: 'Subject', variant: 'A', sent: 200, opened: 50, openRate: 0.25 },
      { test: 'Subject', variant: 'B', sent: 0, opened: 0, openRate: null },
      { test: 'Send time', variant: 'Morning', sent: 8, opened: 3, openRate: 0.375 },
    ])
  })

  it('puts variants side by side, naming the test only when there are several', () => {
    expect(abChartInput(tests)).toEqual({
      categories: ['Subject · A', 'Subject · B', 'Send time · Morning'],
      series: [
        { name: 'Sent', data: [200, 0, 8] },
        { name: 'Opened', data: [50, 0, 3] },
      ],
    })
    expect(abChartInput(tests.slice(0, 1)).categories).toEqual(['A', 'B'])
    expect(abChartInput([])).toEqual({
      categories: [],
      series: [
        { name: 'Sent', data: [] },
        { name: 'Opened', data: [] },
      ],
    })
  })
})

describe('time series', () => {
  const series: Timeseries['series'] = [
    { date: '2026-03-01', events: 5, contacts: 1, messages: 4, opens: 2, clicks: 1 },
    { date: '2026-03-02', events: 0, contacts: 0, messages: 0, opens: 0, clicks: 0 },
  ]

  it('makes one line per measure', () => {
    expect(timeseriesChartInput(series)).toEqual({
      categories: ['2026-03-01', '2026-03-02'],
      series: [
        { name: 'Events', data: [5, 0] },
        { name: 'New contacts', data: [1, 0] },
        { name: 'Messages', data: [4, 0] },
        { name: 'Opens', data: [2, 0] },
        { name: 'Clicks', data: [1, 0] },
      ],
    })
  })

  it('treats a window of zeros as no activity', () => {
    expect(hasActivity(series)).toBe(true)
    expect(hasActivity(series.slice(1))).toBe(false)
    expect(hasActivity([{ ...series[1]!, clicks: 1 }])).toBe(true)
    expect(hasActivity([])).toBe(false)
  })
})

describe('attribution', () => {
  it('labels sources "source / medium / campaign" with a dash for nulls', () => {
    expect(sourceLabel(source('google', 'cpc', 'spring'))).toBe('google / cpc / spring')
    expect(sourceLabel(source('partner', null, null))).toBe('partner / — / —')
  })

  it('defaults the conversion event to purchase when present, else the most frequent type', () => {
    expect(defaultConversion(['page_view', 'purchase'])).toBe('purchase')
    expect(defaultConversion(['page_view', 'booking'])).toBe('page_view')
    expect(defaultConversion([])).toBe('purchase')
    expect(pickConversion(['page_view', 'purchase'], 'page_view')).toBe('page_view')
    expect(pickConversion(['page_view', 'purchase'], 'gone')).toBe('purchase')
    expect(pickConversion(['booking'], null)).toBe('booking')
  })

  it('charts conversions per source, most first, ties in the API order', () => {
    const input = attributionChartInput([
      source('google', 'cpc', null, 2),
      source('bing', 'cpc', null, 5),
      source('twitter', 'social', null, 2),
    ])
    expect(input).toEqual({
      categories: ['bing / cpc / —', 'google / cpc / —', 'twitter / social / —'],
      series: [{ name: 'Conversions', data: [5, 2, 2] }],
    })
  })

  it('sums the sources past the limit into one bar', () => {
    const sources = [
      source('a', null, null, 1),
      source('b', null, null, 7),
      source('c', null, null, 3),
      source('d', null, null, 4),
      source('e', null, null, 0),
    ]
    // limit 3: the two best (b 7, d 4), then c, a and e summed: 3 + 1 + 0 = 4
    expect(attributionChartInput(sources, 3)).toEqual({
      categories: ['b / — / —', 'd / — / —', 'Other sources (3)'],
      series: [{ name: 'Conversions', data: [7, 4, 4] }],
    })
    // exactly at the limit: no "other" bar
    expect(attributionChartInput(sources.slice(0, 3), 3).categories).toEqual([
      'b / — / —',
      'c / — / —',
      'a / — / —',
    ])
  })
})

describe('funnel builder', () => {
  it('starts from page_view -> signup -> purchase when present', () => {
    expect(defaultFunnelSteps(['purchase', 'booking', 'signup', 'page_view'])).toEqual([
      'page_view',
      'signup',
      'purchase',
    ])
  })

  it('fills in from the other known steps, ordered along the journey', () => {
    // no signup: form_submit is the next preference; it sits between page_view and purchase
    expect(
      defaultFunnelSteps(['page_view', 'email_open', 'room_join', 'purchase', 'form_submit']),
    ).toEqual(['page_view', 'form_submit', 'purchase'])
  })

  it('falls back to the most frequent types, unknown ones before purchase', () => {
    expect(defaultFunnelSteps(['purchase', 'trial_start', 'demo_request'])).toEqual([
      'trial_start',
      'demo_request',
      'purchase',
    ])
    expect(defaultFunnelSteps(['only'])).toEqual(['only'])
    expect(defaultFunnelSteps([])).toEqual([])
  })

  it('adds a type once, and at most ten steps', () => {
    expect(addStep(['a'], 'b')).toEqual(['a', 'b'])
    expect(addStep(['a', 'b'], 'a')).toEqual(['a', 'b'])
    const ten = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']
    expect(canAddStep(ten, '11')).toBe(false)
    expect(addStep(ten, '11')).toEqual(ten)
    expect(canAddStep(ten.slice(1), '11')).toBe(true)
  })

  it('removes a step by position', () => {
    expect(removeStep(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
    expect(removeStep(['a', 'b', 'c'], 5)).toEqual(['a', 'b', 'c'])
  })

  it('moves a step up or down, never out of the list', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveStep(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })

  it('edits return new lists', () => {
    const steps = ['a', 'b']
    expect(addStep(steps, 'a')).not.toBe(steps)
    expect(moveStep(steps, 0, -1)).not.toBe(steps)
    expect(steps).toEqual(['a', 'b'])
  })

  it('charts the funnel response by count', () => {
    expect(
      funnelChartSteps({
        period: '30d',
        steps: [
          { step: 'page_view', count: 40, dropoff: 0, conversionFromPrevious: 1 },
          { step: 'purchase', count: 10, dropoff: 30, conversionFromPrevious: 0.25 },
        ],
        overallConversion: 0.25,
      }),
    ).toEqual([
      { name: 'page_view', value: 40 },
      { name: 'purchase', value: 10 },
    ])
  })
})

describe('cohorts', () => {
  it('keeps the metric only while the workspace has that event type', () => {
    expect(pickMetric(['booking'], 'booking')).toBe('booking')
    expect(pickMetric(['booking'], 'gone')).toBe('events')
    expect(pickMetric([], null)).toBe('events')
  })

  it('gives a cell per week a cohort reached, active / size', () => {
    const cohorts: Cohorts['cohorts'] = [
      {
        cohort: '2026-03-01',
        size: 4,
        activeContacts: 1,
        retentionRate: 0.25,
        retention: { week_0: 4, week_1: 2, week_2: 1 },
      },
      {
        cohort: '2026-03-09',
        size: 5,
        activeContacts: 2,
        retentionRate: 0.4,
        // keys out of order on purpose: the week number decides the column
        retention: { week_1: 2, week_0: 3 },
      },
      {
        cohort: '2026-03-20',
        size: 0,
        activeContacts: 0,
        retentionRate: 0,
        retention: { week_0: 0 },
      },
    ]
    expect(cohortHeatmapInput(cohorts)).toEqual({
      rows: ['2026-03-01', '2026-03-09', '2026-03-20'],
      columns: ['week_0', 'week_1', 'week_2'],
      cells: [
        [0, 0, 1, 4],
        [1, 0, 0.5, 2],
        [2, 0, 0.25, 1],
        [0, 1, 0.6, 3],
        [1, 1, 0.4, 2],
        [0, 2, 0, 0],
      ],
    })
  })

  it('has no columns without cohorts', () => {
    expect(cohortHeatmapInput([])).toEqual({ rows: [], columns: [], cells: [] })
  })
})
