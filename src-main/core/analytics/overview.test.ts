// Rule: the Overview counts rows of every workspace and organisation by created_at (calls of
// contact spaces only, as DATA.md has analytics ignore the other spaces), the current
// window being the last N local days up to now (both ends included) and the previous one the N
// local days before it; a rate is numerator / denominator of the same rows (0 when the
// denominator is 0), change is (value - previous) / previous (null when previous is 0), and
// trends hold one value per local date of the current window. Expected numbers are worked out
// by hand from those rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DbClient } from '../db/client'
import type { AnalyticsContext } from './context'
import { EventStreams } from './event-stream'
import { overview } from './overview'

type Statement = { sql: string; params: Record<string, string | number | null> }

const at = (iso: string): number => Date.parse(iso)

function room(id: number, created: number, workspace = 'acme'): Statement {
  return {
    sql: `INSERT INTO rooms (id, workspace_id, name, created_at) VALUES (:id, :ws, :name, :at)`,
    params: { id, ws: workspace, name: `room-${id}`, at: created },
  }
}

function recording(id: number, created: number, duration: number): Statement {
  return {
    sql: `INSERT INTO recordings (id, room_id, duration, created_at) VALUES (:id, 1, :duration, :at)`,
    params: { id, duration, at: created },
  }
}

function event(id: string, type: string, created: number, workspace = 'acme'): Statement {
  return {
    sql: `INSERT INTO contact_events (id, workspace_id, event_type, created_at)
          VALUES (:id, :ws, :type, :at)`,
    params: { id, ws: workspace, type, at: created },
  }
}

function message(
  id: string,
  created: number,
  milestones: { sent?: number; opened?: number; clicked?: number } = {},
): Statement {
  return {
    sql: `INSERT INTO messages (id, workspace_id, channel, status, created_at, sent_at, opened_at, clicked_at)
          VALUES (:id, 'acme', 'EMAIL', :status, :at, :sent, :opened, :clicked)`,
    params: {
      id,
      status: milestones.sent === undefined ? 'QUEUED' : 'SENT',
      at: created,
      sent: milestones.sent ?? null,
      opened: milestones.opened ?? null,
      clicked: milestones.clicked ?? null,
    },
  }
}

function call(id: string, status: string, created: number, space = 's1'): Statement {
  return {
    sql: `INSERT INTO calls (id, space_id, status, created_at) VALUES (:id, :space, :status, :at)`,
    params: { id, space, status, at: created },
  }
}

function space(id: string, contentType: string): Statement {
  return {
    sql: `INSERT INTO spaces (id, organisation_id, token, name, content_type, created_at)
          VALUES (:id, 'o1', :id, :id, :type, 0)`,
    params: { id, type: contentType },
  }
}

function booking(id: number, status: string, created: number): Statement {
  return {
    sql: `INSERT INTO bookings (id, status, start_time, end_time, created_at)
          VALUES (:id, :status, :start, :end, :at)`,
    // Meeting times far from the windows: bookings are placed by created_at only.
    params: {
      id,
      status,
      start: at('2027-01-01T10:00:00Z'),
      end: at('2027-01-01T11:00:00Z'),
      at: created,
    },
  }
}

const KEYS = [
  'rooms',
  'recordings',
  'recordingDuration',
  'contacts',
  'bookings',
  'messagesSent',
  'openRate',
  'clickRate',
  'calls',
  'callSuccessRate',
  'bookingTotal',
  'bookingsCompleted',
  'bookingsCancelled',
]

describe('overview', () => {
  let db: DbClient
  const contextAt = (now: string, timeZone: string): AnalyticsContext => ({
    db,
    now: at(now),
    timeZone,
    streams: new EventStreams(db),
  })
  beforeEach(async () => {
    db = await DbClient.open(null)
  })
  afterEach(async () => {
    await db.close()
  })

  describe('in UTC, the last 3 days at 2026-03-10 12:00', () => {
    const NOW = '2026-03-10T12:00:00.000Z'
    const START = at('2026-03-08T00:00:00.000Z') // current: 03-08, 03-09, 03-10
    const PREVIOUS_START = at('2026-03-05T00:00:00.000Z') // previous: 03-05, 03-06, 03-07

    beforeEach(async () => {
      await db.write([
        room(1, START), // current, 03-08
        room(2, START - 1), // previous
        room(3, PREVIOUS_START - 1), // nowhere
        room(4, at(NOW)), // current, 03-10: now is included
        room(5, at(NOW) + 1), // nowhere: after now
        room(6, at('2026-03-08T15:00:00Z'), 'globex'), // current, 03-08, another workspace

        recording(1, at('2026-03-09T10:00:00Z'), 100),
        recording(2, at('2026-03-09T11:00:00Z'), 50),
        recording(3, at('2026-03-06T09:00:00Z'), 300), // previous

        // no contacts at all

        event('e1', 'booking', at('2026-03-10T01:00:00Z')),
        event('e2', 'booking', at('2026-03-08T23:59:59.999Z'), 'globex'),
        event('e3', 'room_join', at('2026-03-09T09:00:00Z')), // not a booking

        message('m1', at('2026-03-08T09:00:00Z'), {
          sent: at('2026-03-08T09:00:01Z'),
          opened: at('2026-03-08T09:30:00Z'),
          clicked: at('2026-03-08T09:31:00Z'),
        }),
        message('m2', at('2026-03-08T10:00:00Z'), {
          sent: at('2026-03-08T10:00:01Z'),
          opened: at('2026-03-09T08:00:00Z'),
        }),
        message('m3', at('2026-03-09T09:00:00Z'), { sent: at('2026-03-09T09:00:01Z') }),
        message('m4', at('2026-03-09T10:00:00Z')), // never sent
        message('m5', at('2026-03-10T09:00:00Z')), // never sent: 03-10 has no sent message
        // Created in the previous window, opened in the current one: counts in the previous.
        message('m7', at('2026-03-07T09:00:00Z'), {
          sent: at('2026-03-07T09:00:01Z'),
          opened: at('2026-03-08T10:00:00Z'),
        }),
        message('m8', at('2026-03-06T09:00:00Z'), { sent: at('2026-03-06T09:00:01Z') }),

        space('s1', 'contact'),
        space('s2', 'contact'),
        space('k1', 'knowledge'),
        call('c1', 'completed', at('2026-03-09T09:00:00Z')),
        call('c2', 'failed', at('2026-03-09T10:00:00Z'), 's2'),
        call('c3', 'not_connected', at('2026-03-10T09:00:00Z')),
        call('c4', 'completed', at('2026-03-07T09:00:00Z')), // previous
        // A knowledge space's calls are ignored by analytics (DATA.md): in neither window.
        call('k1c1', 'completed', at('2026-03-09T11:00:00Z'), 'k1'),
        call('k1c2', 'completed', at('2026-03-06T11:00:00Z'), 'k1'),

        booking(1, 'completed', at('2026-03-08T09:00:00Z')),
        booking(2, 'cancelled', at('2026-03-09T09:00:00Z')),
        booking(3, 'scheduled', at('2026-03-09T10:00:00Z')),
        booking(4, 'completed', at('2026-03-10T09:00:00Z')),
        booking(5, 'completed', at('2026-03-06T09:00:00Z')), // previous
        booking(6, 'cancelled', PREVIOUS_START), // previous: its first instant
      ])
    })

    it('describes both windows and the dates of the current one', async () => {
      const result = await overview(contextAt(NOW, 'UTC'), 3)
      expect(result.period).toBe('3d')
      expect(result.days).toBe(3)
      expect(result.current).toEqual({
        from: '2026-03-08T00:00:00.000Z',
        to: '2026-03-10T12:00:00.000Z',
      })
      expect(result.previous).toEqual({
        from: '2026-03-05T00:00:00.000Z',
        to: '2026-03-07T23:59:59.999Z',
      })
      expect(result.dates).toEqual(['2026-03-08', '2026-03-09', '2026-03-10'])
    })

    it('computes every KPI, in order, with hand-counted values, changes and trends', async () => {
      const result = await overview(contextAt(NOW, 'UTC'), 3)
      expect(result.kpis.map((kpi) => kpi.key)).toEqual(KEYS)
      const kpis = Object.fromEntries(result.kpis.map(({ key, ...rest }) => [key, rest]))
      expect(kpis).toEqual({
        // rooms 1, 6 (03-08) and 4 (03-10, at now); room 2 one ms before the window; 3 and 5 out
        rooms: { unit: 'count', value: 3, previous: 1, change: 2, trend: [2, 0, 1] },
        recordings: { unit: 'count', value: 2, previous: 1, change: 1, trend: [0, 2, 0] },
        recordingDuration: {
          unit: 'seconds',
          value: 150,
          previous: 300,
          change: -0.5,
          trend: [0, 150, 0],
        },
        contacts: { unit: 'count', value: 0, previous: 0, change: null, trend: [0, 0, 0] },
        bookings: { unit: 'count', value: 2, previous: 0, change: null, trend: [1, 0, 1] },
        // sent: m1, m2 (03-08), m3 (03-09) against m7, m8
        messagesSent: { unit: 'count', value: 3, previous: 2, change: 0.5, trend: [2, 1, 0] },
        // 2/3 = 0.6667 against 1/2; (0.6667 - 0.5) / 0.5 = 0.3334; 03-10 sent none: rate 0
        openRate: {
          unit: 'rate',
          value: 0.6667,
          previous: 0.5,
          change: 0.3334,
          trend: [1, 0, 0],
        },
        clickRate: { unit: 'rate', value: 0.3333, previous: 0, change: null, trend: [0.5, 0, 0] },
        calls: { unit: 'count', value: 3, previous: 1, change: 2, trend: [0, 2, 1] },
        // 1/3 = 0.3333 against 1/1; (0.3333 - 1) / 1 = -0.6667
        callSuccessRate: {
          unit: 'rate',
          value: 0.3333,
          previous: 1,
          change: -0.6667,
          trend: [0, 0.5, 0],
        },
        bookingTotal: { unit: 'count', value: 4, previous: 2, change: 1, trend: [1, 2, 1] },
        bookingsCompleted: { unit: 'count', value: 2, previous: 1, change: 1, trend: [1, 0, 1] },
        bookingsCancelled: { unit: 'count', value: 1, previous: 1, change: 0, trend: [0, 1, 0] },
      })
    })

    it('reads each table once', async () => {
      // db.get goes through db.query too.
      let statements = 0
      const query = db.query.bind(db)
      db.query = ((...args: Parameters<typeof query>) => {
        statements++
        return query(...args)
      }) as typeof db.query
      await overview(contextAt(NOW, 'UTC'), 3)
      // rooms, recordings, contacts, contact_events, messages, calls, bookings
      expect(statements).toBe(7)
    })
  })

  it('answers zeros, null changes and zero trends on an empty database', async () => {
    const result = await overview(contextAt('2026-03-10T12:00:00Z', 'UTC'), 4)
    expect(result.dates).toEqual(['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'])
    expect(result.kpis.map((kpi) => kpi.key)).toEqual(KEYS)
    for (const kpi of result.kpis) {
      expect(kpi).toMatchObject({ value: 0, previous: 0, change: null, trend: [0, 0, 0, 0] })
    }
  })

  it('counts local days of the set timezone, across a DST change', async () => {
    // 2026-03-10 12:00Z is 08:00 EDT (UTC-4). Current: 03-09 and 03-10 from 03-09 00:00 EDT =
    // 04:00Z. Previous: 03-07 (EST, UTC-5) and 03-08 (23 hours: DST starts at 02:00), from
    // 03-07 00:00 EST = 05:00Z.
    await db.write([
      room(1, at('2026-03-10T02:00:00Z')), // 03-09 22:00 EDT: local 03-09, though UTC 03-10
      room(2, at('2026-03-10T04:00:00Z')), // 03-10 00:00 EDT
      room(3, at('2026-03-10T11:59:59Z')), // 03-10
      room(4, at('2026-03-09T03:59:59.999Z')), // 03-08 23:59:59.999 EDT: previous
      room(5, at('2026-03-07T05:00:00Z')), // 03-07 00:00 EST: previous, its first instant
      room(6, at('2026-03-07T04:59:59.999Z')), // 03-06: nowhere
      space('s1', 'contact'),
      call('c1', 'completed', at('2026-03-10T03:30:00Z')), // 03-09 23:30 EDT
      call('c2', 'failed', at('2026-03-10T04:30:00Z')), // 03-10 00:30 EDT
    ])
    const result = await overview(contextAt('2026-03-10T12:00:00Z', 'America/New_York'), 2)
    expect(result.current).toEqual({
      from: '2026-03-09T04:00:00.000Z',
      to: '2026-03-10T12:00:00.000Z',
    })
    expect(result.previous).toEqual({
      from: '2026-03-07T05:00:00.000Z',
      to: '2026-03-09T03:59:59.999Z',
    })
    expect(result.dates).toEqual(['2026-03-09', '2026-03-10'])
    const kpi = (key: string) => result.kpis.find((candidate) => candidate.key === key)
    expect(kpi('rooms')).toEqual({
      key: 'rooms',
      unit: 'count',
      value: 3,
      previous: 2,
      change: 0.5,
      trend: [1, 2],
    })
    expect(kpi('calls')).toMatchObject({ value: 2, previous: 0, change: null, trend: [1, 1] })
    expect(kpi('callSuccessRate')).toEqual({
      key: 'callSuccessRate',
      unit: 'rate',
      value: 0.5,
      previous: 0,
      change: null,
      trend: [1, 0],
    })
  })
})
