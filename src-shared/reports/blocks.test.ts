// Rule (blocks.ts): a captured response becomes blocks by its shape. Each example below is a
// small response and the blocks written out by hand from that rule, never from blocksOf's own
// output: nested objects of scalars become `a.b` columns (a next meeting's `author.name`,
// `slot.id`, `slot.title`; an empty `slot: {}` leaves nulls), markup is left out, a response's
// bookkeeping (`days`) is not a figure, dated rows make line charts, text labels bar charts,
// KPI lists their trends (one chart per unit) and date-keyed siblings one line chart. Titles
// split camelCase and snake_case into words and capitalise the first (`Activity Timeline`).
import { describe, expect, it } from 'vitest'
import { blocksOf, columnKind, responseBlocks, type Block } from './blocks'

describe('blocksOf', () => {
  it('keeps nested fields of a table as a.b columns (next meetings: author.name, slot.title)', () => {
    const body = {
      next_meetings: [
        {
          id: 7,
          status: 'booked',
          title: 'Intro call with Ada Lovelace',
          author: { name: 'Grace Hopper' },
          slot: { id: 3, title: 'Intro call' },
          start_time: '2026-11-24 09:00:00',
        },
        {
          id: 9,
          status: 'booked',
          title: 'Unknown event with Alan Turing',
          author: { name: 'unknown' },
          slot: {},
          start_time: '2026-11-25 10:30:00',
        },
      ],
    }
    const expected: Block[] = [
      {
        id: 'reports:next_meetings',
        title: 'Bookings: Next meetings',
        // An `id` column makes it a table, never a chart.
        kind: 'table',
        columns: ['id', 'status', 'title', 'author.name', 'slot.id', 'slot.title', 'start_time'],
        rows: [
          [
            7,
            'booked',
            'Intro call with Ada Lovelace',
            'Grace Hopper',
            3,
            'Intro call',
            '2026-11-24 09:00:00',
          ],
          [
            9,
            'booked',
            'Unknown event with Alan Turing',
            'unknown',
            null,
            null,
            '2026-11-25 10:30:00',
          ],
        ],
      },
    ]
    expect(blocksOf('reports', 'Bookings', body)).toEqual(expected)
  })

  it('flattens one level only, leaves markup out and writes booleans as text', () => {
    const body = {
      latest: [
        {
          id: 1,
          name: 'Ada',
          icon: '<svg viewBox="0 0 1 1"></svg>',
          active: true,
          host: { name: 'Grace', meta: { deep: 1 } },
        },
      ],
    }
    expect(blocksOf('r', 'Bookings', body)).toEqual([
      {
        id: 'r:latest',
        title: 'Bookings: Latest',
        kind: 'table',
        columns: ['id', 'name', 'active', 'host.name'],
        rows: [[1, 'Ada', 'true', 'Grace']],
      },
    ])
  })

  it('an object of numbers is a KPI block; the root `days` is bookkeeping, not a figure', () => {
    expect(
      blocksOf('workspace', 'Workspace activity', { days: 30, kpis: { rooms: 4, bookings: 12 } }),
    ).toEqual([
      {
        id: 'workspace:kpis',
        title: 'Workspace activity: KPIs',
        kind: 'kpis',
        columns: ['figure', 'value'],
        rows: [
          ['rooms', 4],
          ['bookings', 12],
        ],
      },
    ])
  })

  it('rows with a date and a few numbers are a line chart over the date', () => {
    const body = {
      activityTimeline: [
        { date: '2026-11-22', bookings: 2, room_joins: 1 },
        { date: '2026-11-23', bookings: 0, room_joins: 3 },
      ],
    }
    expect(blocksOf('workspace', 'Workspace activity', body)).toEqual([
      {
        id: 'workspace:activityTimeline',
        title: 'Workspace activity: Activity Timeline',
        kind: 'line',
        columns: ['date', 'bookings', 'room_joins'],
        rows: [
          ['2026-11-22', 2, 1],
          ['2026-11-23', 0, 3],
        ],
      },
    ])
  })

  it('rows labelled by text are a bar chart; the label joins the text fields, null as (none)', () => {
    const body = {
      sources: [
        {
          source: 'google',
          medium: 'cpc',
          campaign: null,
          uniqueVisitors: 3,
          totalEvents: 5,
          conversions: 1,
        },
        {
          source: 'newsletter',
          medium: null,
          campaign: null,
          uniqueVisitors: 2,
          totalEvents: 2,
          conversions: 0,
        },
      ],
    }
    expect(blocksOf('attribution', 'Attribution', body)).toEqual([
      {
        id: 'attribution:sources',
        title: 'Attribution: Sources',
        kind: 'bar',
        columns: ['source / medium / campaign', 'uniqueVisitors', 'totalEvents', 'conversions'],
        rows: [
          ['google / cpc / (none)', 3, 5, 1],
          ['newsletter / (none) / (none)', 2, 2, 0],
        ],
      },
    ])
  })

  it('a KPI list gives its figures, then one trend chart per unit over the sibling dates', () => {
    const body = {
      dates: ['2026-11-22', '2026-11-23'],
      kpis: [
        { key: 'bookings', value: 5, previous: 4, change: 0.25, unit: 'count', trend: [2, 3] },
        { key: 'calls', value: 1, previous: 0, change: null, unit: 'count', trend: [0, 1] },
        { key: 'openRate', value: 0.4, unit: 'rate', trend: [0.5, null] },
      ],
    }
    expect(blocksOf('overview', 'Overview', body)).toEqual([
      {
        id: 'overview:kpis',
        title: 'Overview: KPIs',
        kind: 'kpis',
        columns: ['figure', 'value', 'previous', 'change'],
        rows: [
          ['bookings', 5, 4, 0.25],
          ['calls', 1, 0, null],
          ['openRate', 0.4, null, null],
        ],
      },
      {
        id: 'overview:kpis.trend.count',
        title: 'Overview: KPIs: daily trend (count)',
        kind: 'line',
        columns: ['date', 'bookings', 'calls'],
        rows: [
          ['2026-11-22', 2, 0],
          ['2026-11-23', 3, 1],
        ],
      },
      {
        id: 'overview:kpis.trend.rate',
        title: 'Overview: KPIs: daily trend (rate)',
        kind: 'line',
        columns: ['date', 'openRate'],
        rows: [
          ['2026-11-22', 0.5],
          ['2026-11-23', null],
        ],
      },
    ])
  })

  it('sibling objects keyed by dates are one line chart, a series each', () => {
    const body = {
      booked_stats: { '2026-11-01': 3, '2026-11-02': 1 },
      completed_stats: { '2026-11-01': 2, '2026-11-02': 0 },
      cancelled_stats: { '2026-11-02': 1 },
    }
    expect(blocksOf('graph', 'Booking graph', body)).toEqual([
      {
        id: 'graph:series',
        title: 'Booking graph',
        kind: 'line',
        columns: ['date', 'booked_stats', 'completed_stats', 'cancelled_stats'],
        rows: [
          ['2026-11-01', 3, 2, null],
          ['2026-11-02', 1, 0, 1],
        ],
      },
    ])
  })

  it('nested parts are titled after their response: "a: B · C"', () => {
    const body = { data: { call_analytics: { total_calls: 10, interested: 4 } } }
    expect(blocksOf('calls', 'Calls', body)).toEqual([
      {
        id: 'calls:data.call_analytics',
        title: 'Calls: Data · Call analytics',
        kind: 'kpis',
        columns: ['figure', 'value'],
        rows: [
          ['total_calls', 10],
          ['interested', 4],
        ],
      },
    ])
  })
})

// Rule (issue #14 item 3): a captured response's blocks carry each cell's kind, read from the
// contract of the route it answered, row by row: an overview KPI's value by its unit, each trend
// chart's columns by their KPIs' units, and text cells none.
describe('responseBlocks', () => {
  it("gives an overview KPI list its values' kinds by unit, and each trend chart its own", () => {
    const body = {
      period: '2d',
      days: 2,
      dates: ['2026-11-22', '2026-11-23'],
      kpis: [
        { key: 'bookings', unit: 'count', value: 1, previous: 1, change: 0, trend: [0, 1] },
        { key: 'openRate', unit: 'rate', value: 1, previous: 0.5, change: 1, trend: [1, 1] },
        {
          key: 'recordingDuration',
          unit: 'seconds',
          value: 60,
          previous: 0,
          change: null,
          trend: [0, 60],
        },
      ],
    }
    const blocks = responseBlocks({
      key: 'overview',
      title: 'Overview',
      request: '/api/v1/overview?days=2',
      body,
    })
    expect(blocks.map((block) => [block.id, block.kinds])).toEqual([
      [
        'overview:kpis',
        [
          [null, 'count', 'count', 'change'],
          [null, 'rate', 'rate', 'change'],
          [null, 'duration', 'duration', 'change'],
        ],
      ],
      [
        'overview:kpis.trend.count',
        [
          ['date', 'count'],
          ['date', 'count'],
        ],
      ],
      [
        'overview:kpis.trend.rate',
        [
          ['date', 'rate'],
          ['date', 'rate'],
        ],
      ],
      [
        'overview:kpis.trend.seconds',
        [
          ['date', 'duration'],
          ['date', 'duration'],
        ],
      ],
    ])
  })

  it("gives the booking widgets' bars a count and a percent, the graph's days counts", () => {
    const reports = {
      overview: [
        {
          title: 'Bookings',
          period: 'this month',
          number: 12,
          content: 'all',
          icon: '<svg/>',
          stat: 0.5,
        },
      ],
      latest_books: [],
      next_meetings: [],
    }
    const [widgets] = responseBlocks({
      key: 'reports',
      title: 'Bookings overview',
      request: '/reports?startTime=2026-11-01%2000%3A00%3A00&endTime=2026-11-23%2023%3A59%3A59',
      body: reports,
    })
    expect(widgets!.columns).toEqual(['title / period / content', 'number', 'stat'])
    expect(widgets!.kinds).toEqual([[null, 'count', 'percent']])
    expect(columnKind(widgets!, 2)).toBe('percent')
    const [graph] = responseBlocks({
      key: 'graph',
      title: 'Bookings over time',
      request: '/reports/graph-reports?date_range[0]=2026-11-01&date_range[1]=2026-11-02',
      body: {
        booked_stats: { '2026-11-01': 3 },
        completed_stats: { '2026-11-01': 1 },
        cancelled_stats: {},
      },
    })
    expect(graph!.kinds).toEqual([[null, 'count', 'count']])
  })

  it('has no kinds to give for a route it does not know, and blocksOf gives none', () => {
    const [block] = responseBlocks({
      key: 'x',
      title: 'X',
      request: '/api/v9/elsewhere',
      body: { conversions: 1 },
    })
    expect(block!.kinds).toEqual([[null, null]])
    expect(blocksOf('x', 'X', { conversions: 1 })[0]!.kinds).toBeUndefined()
  })
})
