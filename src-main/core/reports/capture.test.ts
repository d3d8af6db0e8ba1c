// Rule (issue #7): a report is captured with the requests its dashboard makes, written out by
// hand here for every report (paths, queries with their encoding, the bookings' date range and
// its comparison period, the calls' Org-Handle header and space_token, and since issue #14 item
// 7 the lists the page reads besides: the snapshot viewer draws the page from them), with the dashboard's defaults for what the
// filters leave out (30 days; bookings: the last N days up to today in the console timezone);
// and a capture schedule "weekly <day> HH:MM" is that wall time in the console's timezone,
// across daylight saving changes too.
import { describe, expect, it } from 'vitest'
import type { ReportParams } from '../../../src-shared/api/snapshots'
import { nextRunAt, parseSchedule } from '../../../src-shared/domain/schedule'
import type { DbClient } from '../db/client'
import { BadRequest } from '../errors'
import { reportRequests, resolveParams, type ReportRequest } from './capture'

/** Header names are case-insensitive: a request's headers by lower-case name. */
function headersOf(request: ReportRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  )
}

const urls = (report: Parameters<typeof reportRequests>[0], params: ReportParams): string[] =>
  reportRequests(report, params).map((request) => request.url)

describe('the requests of each report', () => {
  it('overview: the overview of the last N days', () => {
    expect(reportRequests('overview', { days: 7 })).toEqual([
      { key: 'overview', title: 'Overview', url: '/api/v1/overview?days=7' },
    ])
    expect(urls('overview', {})).toEqual(['/api/v1/overview?days=30'])
  })

  // The Workspace page's both products' figures: the console route (issue #13 item 8).
  it('workspace: its analytics, the id encoded', () => {
    expect(reportRequests('workspace', { days: 90, workspace: 'acme' })).toEqual([
      {
        key: 'workspace',
        title: 'Workspace activity',
        url: '/api/v1/workspaces/acme/analytics?days=90',
      },
      { key: 'workspaces', title: 'Workspaces', url: '/api/v1/workspaces' },
    ])
    expect(urls('workspace', { days: 30, workspace: 'a b/c?d' })).toEqual([
      '/api/v1/workspaces/a%20b%2Fc%3Fd/analytics?days=30',
      '/api/v1/workspaces',
    ])
  })

  it('campaigns: campaign, timeseries, attribution, funnel, cohorts as the filters ask', () => {
    const all = reportRequests('campaigns', {
      days: 14,
      workspace: 'acme',
      campaign: 'cmp 1',
      conversion: 'form submit',
      metric: 'page_view',
      steps: ['page_view', 'sign up', 'booking'],
    })
    const base = '/api/workspaces/acme/analytics'
    expect(all.map((request) => [request.key, request.url])).toEqual([
      ['campaign', `${base}/campaigns/cmp%201?days=14`],
      ['timeseries', `${base}/timeseries?days=14`],
      ['attribution', `${base}/attribution?days=14&conversion=form%20submit`],
      ['funnel', `${base}/funnel?days=14&steps=page_view,sign%20up,booking`],
      ['cohorts', `${base}/cohorts?days=14&metric=page_view`],
      ['campaigns-list', '/api/v1/workspaces/acme/campaigns'],
      ['event-types', '/api/v1/workspaces/acme/event-types'],
      ['workspaces', '/api/v1/workspaces'],
    ])
    expect(all.map((request) => request.title)).toEqual([
      'Campaign',
      'Activity over time',
      'Attribution (form submit)',
      'Funnel',
      'Cohorts (page_view)',
      'Campaigns',
      'Event types',
      'Workspaces',
    ])
    // No campaign, no conversion, one step: no campaign, attribution or funnel; events cohorts.
    expect(urls('campaigns', { days: 30, workspace: 'acme', steps: ['page_view'] })).toEqual([
      `${base}/timeseries?days=30`,
      `${base}/cohorts?days=30&metric=events`,
      '/api/v1/workspaces/acme/campaigns',
      '/api/v1/workspaces/acme/event-types',
      '/api/v1/workspaces',
    ])
    for (const request of all) expect(request.headers).toBeUndefined()
  })

  it('calls: the organisation in the Org-Handle header, a contact space as space_token', () => {
    const organisation = reportRequests('calls', { organisation: 'bluebird-realty', days: 30 })
    // The figures, the Calls page's daily chart (by the period), the organisation's name.
    expect(organisation.map((request) => [request.key, request.url])).toEqual([
      ['calls', '/api/v2/platform/organisation/analytics'],
      ['calls-daily', '/api/v1/calls/daily?org=bluebird-realty&days=30'],
      ['organisations', '/api/v1/organisations'],
    ])
    expect(organisation[0]).toMatchObject({
      key: 'calls',
      title: 'Organisation calls',
      url: '/api/v2/platform/organisation/analytics',
    })
    expect(headersOf(organisation[0]!)).toEqual({ 'org-handle': 'bluebird-realty' })

    const space = reportRequests('calls', {
      organisation: 'bluebird-realty',
      space: 'tok a&b',
      days: 7,
    })
    expect(space[0]).toMatchObject({
      key: 'calls',
      title: 'Contact space calls',
      url: '/api/v2/platform/organisation/analytics?space_token=tok%20a%26b',
    })
    expect(headersOf(space[0]!)).toEqual({ 'org-handle': 'bluebird-realty' })
    expect(space[1]!.url).toBe('/api/v1/calls/daily?org=bluebird-realty&space=tok%20a%26b&days=7')
    // The call figures are lifetime: days changes only the daily chart.
    expect(reportRequests('calls', { organisation: 'x', days: 7 })[0]).toEqual(
      reportRequests('calls', { organisation: 'x' })[0],
    )
  })

  it('bookings: the reports of the date range, its graph, the latest activities', () => {
    const requests = reportRequests('bookings', { from: '2026-11-01', to: '2026-11-07' }, 'UTC')
    expect(requests.map((request) => [request.key, request.url])).toEqual([
      ['reports', '/reports?startTime=2026-11-01%2000%3A00%3A00&endTime=2026-11-07%2023%3A59%3A59'],
      // The 7 days before: [Oct 25 00:00:01, Nov 1 00:00:00) as the page asks (the range's
      // length is 7 days less a second, counted back from its first instant).
      [
        'reports-before',
        '/reports?startTime=2026-10-25T00%3A00%3A01.000Z&endTime=2026-11-01T00%3A00%3A00.000Z',
      ],
      // The plugin leaves the end day out: the day after the range's last.
      ['graph', '/reports/graph-reports?date_range[0]=2026-11-01&date_range[1]=2026-11-08'],
      ['activities', '/reports/activities'],
    ])
    // In Paris (UTC+1 in November) the same days start an hour earlier.
    expect(
      reportRequests('bookings', { from: '2026-11-01', to: '2026-11-07' }, 'Europe/Paris')[1]!.url,
    ).toBe('/reports?startTime=2026-10-24T23%3A00%3A01.000Z&endTime=2026-10-31T23%3A00%3A00.000Z')
    // The startTime/endTime the API reads back.
    const query = new URLSearchParams(requests[0]!.url.split('?')[1])
    expect(query.get('startTime')).toBe('2026-11-01 00:00:00')
    expect(query.get('endTime')).toBe('2026-11-07 23:59:59')
  })
})

describe('the defaults that need no database', () => {
  // overview and bookings resolve without asking the database.
  const noDatabase = new Proxy(
    {},
    {
      get: () => {
        throw new Error('the database was asked')
      },
    },
  ) as DbClient
  const now = Date.parse('2026-11-23T23:30:00Z')

  it('overview: 30 days unless asked', async () => {
    expect(await resolveParams(noDatabase, 'overview', {}, now, 'UTC')).toEqual({ days: 30 })
    expect(await resolveParams(noDatabase, 'overview', { days: 7 }, now, 'UTC')).toEqual({
      days: 7,
    })
  })

  it('bookings: the last N days up to today in the console timezone', async () => {
    expect(await resolveParams(noDatabase, 'bookings', {}, now, 'UTC')).toEqual({
      days: 30,
      from: '2026-10-25',
      to: '2026-11-23',
    })
    // 23:30 UTC is already the 24th in Tokyo.
    expect(await resolveParams(noDatabase, 'bookings', { days: 7 }, now, 'Asia/Tokyo')).toEqual({
      days: 7,
      from: '2026-11-18',
      to: '2026-11-24',
    })
    expect(
      await resolveParams(noDatabase, 'bookings', { to: '2026-02-28', days: 28 }, now, 'UTC'),
    ).toEqual({ days: 28, from: '2026-02-01', to: '2026-02-28' })
    expect(
      await resolveParams(noDatabase, 'bookings', { from: '2026-11-01' }, now, 'UTC'),
    ).toMatchObject({ from: '2026-11-01', to: '2026-11-23' })
    await expect(
      resolveParams(noDatabase, 'bookings', { from: '2026-11-10', to: '2026-11-01' }, now, 'UTC'),
    ).rejects.toBeInstanceOf(BadRequest)
  })
})

describe('weekly schedules', () => {
  it('parses "weekly <day> HH:MM", day names in any case, in full or short', () => {
    expect(parseSchedule('weekly Mon 09:00')).toEqual({
      kind: 'weekly',
      weekday: 1,
      hour: 9,
      minute: 0,
    })
    expect(parseSchedule('weekly sunday 23:59')).toEqual({
      kind: 'weekly',
      weekday: 0,
      hour: 23,
      minute: 59,
    })
    expect(parseSchedule(' weekly SAT 00:00 ')).toEqual({
      kind: 'weekly',
      weekday: 6,
      hour: 0,
      minute: 0,
    })
    expect(parseSchedule('weekly Thursday 18:30')).toMatchObject({
      weekday: 4,
      hour: 18,
      minute: 30,
    })
    for (const bad of [
      'weekly Mon 9:00',
      'weekly Mon 24:00',
      'weekly Mon 09:60',
      'weekly Xyz 09:00',
      'weekly 09:00',
      'weekly Mon',
      'weeklyMon 09:00',
    ])
      expect(parseSchedule(bad), bad).toBeNull()
    // The other kinds still read as before.
    expect(parseSchedule('daily 06:15')).toEqual({ kind: 'daily', hour: 6, minute: 15 })
    expect(parseSchedule('hourly')).toEqual({ kind: 'every', minutes: 60 })
    expect(parseSchedule('manual')).toEqual({ kind: 'manual' })
  })

  it('reads only day names: a word that merely starts like one is refused', () => {
    for (const typo of ['weekly Monkey 09:00', 'weekly Sunflower 09:00', 'weekly Frisbee 09:00'])
      expect(parseSchedule(typo), typo).toBeNull()
  })

  const monday9 = parseSchedule('weekly Mon 09:00')!
  const at = (iso: string): number => Date.parse(iso)

  it('is the next such wall time after the last run, or after creation', () => {
    // Monday 2026-11-23 noon UTC: next Monday.
    expect(nextRunAt(monday9, null, at('2026-11-23T12:00:00Z'), 'UTC')).toBe(
      at('2026-11-30T09:00:00Z'),
    )
    // Before 09:00 on a Monday: the same day; at 09:00 sharp: a week later.
    expect(nextRunAt(monday9, null, at('2026-11-23T08:59:00Z'), 'UTC')).toBe(
      at('2026-11-23T09:00:00Z'),
    )
    expect(nextRunAt(monday9, at('2026-11-23T09:00:00Z'), 0, 'UTC')).toBe(
      at('2026-11-30T09:00:00Z'),
    )
    // Saturday: two days on.
    expect(nextRunAt(monday9, null, at('2026-11-28T10:00:00Z'), 'UTC')).toBe(
      at('2026-11-30T09:00:00Z'),
    )
    // The last run wins over the creation time.
    expect(nextRunAt(monday9, at('2026-12-07T09:03:00Z'), at('2026-11-01T00:00:00Z'), 'UTC')).toBe(
      at('2026-12-14T09:00:00Z'),
    )
  })

  it('keeps the wall time across daylight saving changes', () => {
    // Berlin: clocks go forward on Sunday 2026-03-29 (CET UTC+1 -> CEST UTC+2), back on
    // Sunday 2026-10-25. A run at 09:00 CET the Monday before the change; the next at 09:00
    // CEST, 7 days less an hour later.
    expect(nextRunAt(monday9, at('2026-03-23T08:00:00Z'), 0, 'Europe/Berlin')).toBe(
      at('2026-03-30T07:00:00Z'),
    )
    expect(nextRunAt(monday9, at('2026-10-19T07:00:00Z'), 0, 'Europe/Berlin')).toBe(
      at('2026-10-26T08:00:00Z'),
    )
    // New York: back on Sunday 2026-11-01 (EDT UTC-4 -> EST UTC-5).
    expect(nextRunAt(monday9, at('2026-10-26T13:00:00Z'), 0, 'America/New_York')).toBe(
      at('2026-11-02T14:00:00Z'),
    )
    // Created on the Sunday of the change itself, at 01:30 UTC (03:30 CEST).
    expect(nextRunAt(monday9, null, at('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe(
      at('2026-03-30T07:00:00Z'),
    )
    // A weekly run on the Sunday of the change, after it: 10:00 CEST = 08:00 UTC.
    const sunday10 = parseSchedule('weekly Sun 10:00')!
    expect(nextRunAt(sunday10, at('2026-03-22T09:00:00Z'), 0, 'Europe/Berlin')).toBe(
      at('2026-03-29T08:00:00Z'),
    )
  })

  it('in a timezone ahead of UTC, the local weekday counts', () => {
    // Sunday 2026-11-22 20:00 UTC is Monday 05:00 in Tokyo: 09:00 JST that Monday.
    expect(nextRunAt(monday9, null, at('2026-11-22T20:00:00Z'), 'Asia/Tokyo')).toBe(
      at('2026-11-23T00:00:00Z'),
    )
    // Sunday 2026-11-22 23:00 in Honolulu (UTC-10) is Monday 09:00 UTC: Monday 09:00 HST.
    expect(nextRunAt(monday9, null, at('2026-11-23T09:00:00Z'), 'Pacific/Honolulu')).toBe(
      at('2026-11-23T19:00:00Z'),
    )
  })
})
