// Rule (DATA.md "Time", docs/api.md "Time"): days are calendar days in the `timezone` setting;
// "the last N days" runs from the start of the LOCAL day today - (N-1) to now, and dates in
// responses are local dates. The same records served with timezone UTC, America/New_York
// (UTC-5 until 2026-03-08, UTC-4 after) and Asia/Kolkata (UTC+5:30) land on different days
// near midnight UTC and enter or leave the window at its local first instant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, WORKSPACES, type Api, type Dataset, type Rec } from './helpers'

function ev(id: string, type: string, createdAt: string): Rec {
  return { id, workspace_id: 'acme', event_type: type, created_at: createdAt }
}

const DATASET: Dataset = {
  workspaces: WORKSPACES,
  contacts: [
    { id: 'n1', workspace_id: 'acme', created_at: '2026-03-10T03:00:00Z' }, // NY 03-09 23:00
    { id: 'q1', workspace_id: 'acme', created_at: '2026-03-05T15:00:00Z' }, // NY 03-05 10:00
    { id: 'q2', workspace_id: 'acme', created_at: '2026-03-05T15:00:00Z' },
  ],
  contact_events: [
    ev('r1', 'room_join', '2026-03-25T03:00:00Z'), // NY 03-24 23:00, IST 03-25 08:30
    ev('b1', 'booking', '2026-03-20T02:00:00Z'), // NY 03-19 22:00
    ev('r2', 'room_join', '2026-02-24T04:59:59Z'), // NY 02-23 23:59:59: before NY's window
    ev('r3', 'room_join', '2026-02-24T05:00:00Z'), // NY 02-24 00:00:00: NY's first instant
    ev('r4', 'room_join', '2026-03-25T12:00:00Z'), // now
    ev('x1', 'page_view', '2026-03-23T18:29:59Z'), // IST 03-23 23:59:59
    ev('x2', 'page_view', '2026-03-23T18:30:00Z'), // IST 03-24 00:00:00
    ev('x3', 'page_view', '2026-03-24T19:00:00Z'), // IST 03-25 00:30, NY 03-24 15:00
    ev('x4', 'page_view', '2026-03-24T18:00:00Z'), // IST 03-24 23:30, NY 03-24 14:00
    // cohort activity across the DST switch of 2026-03-08 (NY is UTC-4 from then on)
    { ...ev('y1', 'page_view', '2026-03-12T04:30:00Z'), contact_id: 'q1' }, // NY 03-12 00:30
    { ...ev('y2', 'page_view', '2026-03-12T03:30:00Z'), contact_id: 'q2' }, // NY 03-11 23:30
  ],
  messages: [
    {
      id: 'm1',
      workspace_id: 'acme',
      channel: 'EMAIL',
      status: 'OPENED',
      created_at: '2026-03-20T10:00:00Z',
      sent_at: '2026-03-20T10:00:00Z',
      delivered_at: '2026-03-20T10:00:00Z',
      opened_at: '2026-03-24T20:00:00Z', // IST 03-25 01:30, NY 03-24 16:00
    },
  ],
}

let utc: Api
let newYork: Api
let kolkata: Api

beforeAll(async () => {
  utc = await startApi(DATASET)
  newYork = await startApi(DATASET, { timezone: 'America/New_York' })
  kolkata = await startApi(DATASET, { timezone: 'Asia/Kolkata' })
})

afterAll(async () => {
  await Promise.all([utc.close(), newYork.close(), kolkata.close()])
})

interface Timelines {
  activityTimeline: unknown
  newContactsTimeline: unknown
}

function day(date: string, events: number, opens = 0) {
  return { date, events, contacts: 0, messages: 0, opens, clicks: 0 }
}

describe('local days', () => {
  it('UTC: activityTimeline and newContactsTimeline by UTC date', async () => {
    const body = (await utc.ok('/api/workspaces/acme/analytics')) as Timelines
    expect(body.activityTimeline).toEqual([
      { date: '2026-02-24', bookings: 0, room_joins: 2 },
      { date: '2026-03-20', bookings: 1, room_joins: 0 },
      { date: '2026-03-25', bookings: 0, room_joins: 2 },
    ])
    expect(body.newContactsTimeline).toEqual([
      { date: '2026-03-05', count: 2 },
      { date: '2026-03-10', count: 1 },
    ])
  })

  it('America/New_York: events before 04:00/05:00 UTC move to the previous date', async () => {
    const body = (await newYork.ok('/api/workspaces/acme/analytics')) as Timelines
    expect(body.activityTimeline).toEqual([
      { date: '2026-02-24', bookings: 0, room_joins: 1 },
      { date: '2026-03-19', bookings: 1, room_joins: 0 },
      { date: '2026-03-24', bookings: 0, room_joins: 1 },
      { date: '2026-03-25', bookings: 0, room_joins: 1 },
    ])
    expect(body.newContactsTimeline).toEqual([
      { date: '2026-03-05', count: 2 },
      { date: '2026-03-09', count: 1 },
    ])
  })

  it('timeseries days=2 in UTC', async () => {
    expect(await utc.ok('/api/workspaces/acme/analytics/timeseries?days=2')).toEqual({
      period: '2d',
      series: [day('2026-03-24', 2, 1), day('2026-03-25', 2)],
    })
  })

  it('timeseries days=2 in Asia/Kolkata: events after 18:30 UTC move to the next date', async () => {
    expect(await kolkata.ok('/api/workspaces/acme/analytics/timeseries?days=2')).toEqual({
      period: '2d',
      series: [day('2026-03-24', 2), day('2026-03-25', 3, 1)],
    })
  })

  it('timeseries days=2 in America/New_York', async () => {
    expect(await newYork.ok('/api/workspaces/acme/analytics/timeseries?days=2')).toEqual({
      period: '2d',
      series: [day('2026-03-24', 3, 1), day('2026-03-25', 1)],
    })
  })

  it('timeseries days=30 has 30 local days across the DST switch', async () => {
    for (const api of [newYork, kolkata]) {
      const body = (await api.ok('/api/workspaces/acme/analytics/timeseries')) as {
        series: { date: string }[]
      }
      const dates = body.series.map((entry) => entry.date)
      const expected: string[] = []
      for (let t = Date.UTC(2026, 1, 24); t <= Date.UTC(2026, 2, 25); t += 86_400_000) {
        expected.push(new Date(t).toISOString().slice(0, 10))
      }
      expect(dates).toEqual(expected)
    }
  })

  it('cohorts: week buckets are local days (UTC)', async () => {
    expect(await utc.ok('/api/workspaces/acme/analytics/cohorts')).toEqual({
      period: '30d',
      metric: 'events',
      cohorts: [
        {
          cohort: '2026-03-05',
          size: 2,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 0, week_1: 2, week_2: 0 },
        },
        {
          cohort: '2026-03-10',
          size: 1,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 0, week_1: 0, week_2: 0 },
        },
      ],
    })
  })

  it('cohorts: week buckets are local days (America/New_York, across DST)', async () => {
    // week_1 of the 03-05 cohort starts at NY midnight of 03-12 = 04:00Z (EDT), not 05:00Z
    expect(await newYork.ok('/api/workspaces/acme/analytics/cohorts')).toEqual({
      period: '30d',
      metric: 'events',
      cohorts: [
        {
          cohort: '2026-03-05',
          size: 2,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 1, week_1: 1, week_2: 0 },
        },
        {
          cohort: '2026-03-09',
          size: 1,
          activeContacts: 0,
          retentionRate: 0,
          retention: { week_0: 0, week_1: 0, week_2: 0 },
        },
      ],
    })
  })
})
