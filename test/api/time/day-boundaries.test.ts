// Rule (DATA.md "Time", docs/api.md "Time"): with SEXTANT_TZ set, every endpoint counts the same
// local days: "the last N days" runs from the first instant of local day today - (N-1) to now,
// and a record counts in the day whose [start, next start) holds it. Where the clocks change at
// midnight the first instant is not 00:00: America/Santiago's 2026-09-06 and America/Havana's
// 2026-03-08 skip 00:00-00:59 and start at 01:00; Havana's 2026-11-01 has two midnights and
// starts at the first; Australia/Sydney's 2026-10-04 starts at 00:00 +10 and jumps from 02:00 to
// 03:00 +11. Each record's local day below was read off by hand (and checked with Intl); the
// expected counts are tallies of those labels, compared with timeseries, workspace analytics,
// attribution, funnel, cohorts and the overview for days=1 and days=7, which must also agree
// with each other. (The booking family's graph reports are not local: they answer in UTC days
// as FluentBooking does, issue #13 item 6; test/api/bookings/dst.test.ts covers them.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startConsole, type Console, type Rec } from './harness'

/** [id, created_at, local day by hand (null: after now), type, actor]. */
type EventRow = [string, string, string | null, 'room_join' | 'booking', string]
/** [id, created_at, local day by hand]. */
type ContactRow = [string, string, string]
/** [id, created_at, local day by hand, status]. */
type BookingRow = [number, string, string, 'scheduled' | 'completed' | 'cancelled']

interface Scenario {
  readonly zone: string
  readonly now: string
  /** The local date of now. */
  readonly today: string
  /** First instants (hand-computed): of today, of day today-6, of today-1 and of today-13. */
  readonly starts: { today: string; week: string; yesterday: string; weekBefore: string }
  readonly events: readonly EventRow[]
  readonly contacts: readonly ContactRow[]
  readonly bookings: readonly BookingRow[]
}

// The four scenarios share one shape: events just before and at the first instant of today
// and of yesterday, the first instant of the 7-day window and just before it, now and just
// after; contact c1 is created (and acts) at 23:30 yesterday, c2 at today's first instant, and
// c2 books later today; every event carries utm_source `ads`.
const SCENARIOS: readonly Scenario[] = [
  {
    zone: 'America/Santiago', // 2026-09-06 00:00 -04 -> 01:00 -03
    now: '2026-09-06T15:00:00Z', // 12:00 -03
    today: '2026-09-06',
    starts: {
      today: '2026-09-06T04:00:00.000Z', // 01:00 -03
      week: '2026-08-31T04:00:00.000Z', // 00:00 -04
      yesterday: '2026-09-05T04:00:00.000Z', // 00:00 -04
      weekBefore: '2026-08-24T04:00:00.000Z', // 00:00 -04
    },
    events: [
      ['s1', '2026-09-06T03:30:00Z', '2026-09-05', 'room_join', 'c1'], // 23:30 -04
      ['s2', '2026-09-06T03:59:59Z', '2026-09-05', 'room_join', 'v2'], // 23:59:59 -04
      ['s3', '2026-09-06T04:00:00Z', '2026-09-06', 'room_join', 'c2'], // 01:00 -03
      ['s4', '2026-09-06T10:00:00Z', '2026-09-06', 'booking', 'c2'], // 07:00 -03
      ['s5', '2026-09-06T15:00:00Z', '2026-09-06', 'room_join', 'v5'], // now
      ['s6', '2026-09-06T15:00:01Z', null, 'room_join', 'v6'], // after now
      ['s7', '2026-09-05T04:00:00Z', '2026-09-05', 'room_join', 'v7'], // 00:00 -04
      ['s8', '2026-09-05T03:59:59Z', '2026-09-04', 'room_join', 'v8'], // 23:59:59 -04
      ['s9', '2026-08-31T04:00:00Z', '2026-08-31', 'room_join', 'v9'], // 00:00 -04
      ['s10', '2026-08-31T03:59:59Z', '2026-08-30', 'room_join', 'v10'], // 23:59:59 -04
    ],
    contacts: [
      ['c1', '2026-09-06T03:30:00Z', '2026-09-05'],
      ['c2', '2026-09-06T04:00:00Z', '2026-09-06'],
    ],
    bookings: [
      [1, '2026-09-06T03:30:00Z', '2026-09-05', 'scheduled'],
      [2, '2026-09-06T04:00:00Z', '2026-09-06', 'completed'],
      [3, '2026-09-05T04:00:00Z', '2026-09-05', 'cancelled'],
      [4, '2026-09-05T03:59:59Z', '2026-09-04', 'completed'],
    ],
  },
  {
    zone: 'Australia/Sydney', // 2026-10-04 02:00 +10 -> 03:00 +11
    now: '2026-10-04T05:00:00Z', // 16:00 +11
    today: '2026-10-04',
    starts: {
      today: '2026-10-03T14:00:00.000Z', // 00:00 +10
      week: '2026-09-27T14:00:00.000Z', // 09-28 00:00 +10
      yesterday: '2026-10-02T14:00:00.000Z', // 10-03 00:00 +10
      weekBefore: '2026-09-20T14:00:00.000Z', // 09-21 00:00 +10
    },
    events: [
      ['y1', '2026-10-03T13:30:00Z', '2026-10-03', 'room_join', 'c1'], // 23:30 +10
      ['y2', '2026-10-03T13:59:59Z', '2026-10-03', 'room_join', 'v2'], // 23:59:59 +10
      ['y3', '2026-10-03T14:00:00Z', '2026-10-04', 'room_join', 'c2'], // 00:00 +10
      ['y4', '2026-10-03T16:30:00Z', '2026-10-04', 'booking', 'c2'], // 03:30 +11
      ['y5', '2026-10-04T05:00:00Z', '2026-10-04', 'room_join', 'v5'], // now
      ['y6', '2026-10-04T05:00:01Z', null, 'room_join', 'v6'],
      ['y7', '2026-10-02T14:00:00Z', '2026-10-03', 'room_join', 'v7'], // 00:00 +10
      ['y8', '2026-10-02T13:59:59Z', '2026-10-02', 'room_join', 'v8'], // 23:59:59 +10
      ['y9', '2026-09-27T14:00:00Z', '2026-09-28', 'room_join', 'v9'], // 00:00 +10
      ['y10', '2026-09-27T13:59:59Z', '2026-09-27', 'room_join', 'v10'],
    ],
    contacts: [
      ['c1', '2026-10-03T13:30:00Z', '2026-10-03'],
      ['c2', '2026-10-03T14:00:00Z', '2026-10-04'],
    ],
    bookings: [
      [1, '2026-10-03T13:30:00Z', '2026-10-03', 'scheduled'],
      [2, '2026-10-03T14:00:00Z', '2026-10-04', 'completed'],
      [3, '2026-10-02T14:00:00Z', '2026-10-03', 'cancelled'],
      [4, '2026-10-02T13:59:59Z', '2026-10-02', 'completed'],
    ],
  },
  {
    zone: 'America/Havana', // 2026-03-08 00:00 -05 -> 01:00 -04
    now: '2026-03-08T17:00:00Z', // 13:00 -04
    today: '2026-03-08',
    starts: {
      today: '2026-03-08T05:00:00.000Z', // 01:00 -04
      week: '2026-03-02T05:00:00.000Z', // 00:00 -05
      yesterday: '2026-03-07T05:00:00.000Z', // 00:00 -05
      weekBefore: '2026-02-23T05:00:00.000Z', // 00:00 -05
    },
    events: [
      ['h1', '2026-03-08T04:30:00Z', '2026-03-07', 'room_join', 'c1'], // 23:30 -05
      ['h2', '2026-03-08T04:59:59Z', '2026-03-07', 'room_join', 'v2'], // 23:59:59 -05
      ['h3', '2026-03-08T05:00:00Z', '2026-03-08', 'room_join', 'c2'], // 01:00 -04
      ['h4', '2026-03-08T12:00:00Z', '2026-03-08', 'booking', 'c2'], // 08:00 -04
      ['h5', '2026-03-08T17:00:00Z', '2026-03-08', 'room_join', 'v5'], // now
      ['h6', '2026-03-08T17:00:01Z', null, 'room_join', 'v6'],
      ['h7', '2026-03-07T05:00:00Z', '2026-03-07', 'room_join', 'v7'], // 00:00 -05
      ['h8', '2026-03-07T04:59:59Z', '2026-03-06', 'room_join', 'v8'],
      ['h9', '2026-03-02T05:00:00Z', '2026-03-02', 'room_join', 'v9'], // 00:00 -05
      ['h10', '2026-03-02T04:59:59Z', '2026-03-01', 'room_join', 'v10'],
    ],
    contacts: [
      ['c1', '2026-03-08T04:30:00Z', '2026-03-07'],
      ['c2', '2026-03-08T05:00:00Z', '2026-03-08'],
    ],
    bookings: [
      [1, '2026-03-08T04:30:00Z', '2026-03-07', 'scheduled'],
      [2, '2026-03-08T05:00:00Z', '2026-03-08', 'completed'],
      [3, '2026-03-07T05:00:00Z', '2026-03-07', 'cancelled'],
      [4, '2026-03-07T04:59:59Z', '2026-03-06', 'completed'],
    ],
  },
  {
    zone: 'America/Havana', // 2026-11-01 01:00 -04 -> 00:00 -05: midnight twice
    now: '2026-11-01T17:00:00Z', // 12:00 -05
    today: '2026-11-01',
    starts: {
      today: '2026-11-01T04:00:00.000Z', // the first 00:00, -04
      week: '2026-10-26T04:00:00.000Z',
      yesterday: '2026-10-31T04:00:00.000Z',
      weekBefore: '2026-10-19T04:00:00.000Z',
    },
    events: [
      ['f1', '2026-11-01T03:30:00Z', '2026-10-31', 'room_join', 'c1'], // 23:30 -04
      ['f2', '2026-11-01T03:59:59Z', '2026-10-31', 'room_join', 'v2'],
      ['f3', '2026-11-01T04:00:00Z', '2026-11-01', 'room_join', 'c2'], // the first 00:00
      ['f4', '2026-11-01T05:30:00Z', '2026-11-01', 'booking', 'c2'], // the second 00:30, -05
      ['f5', '2026-11-01T17:00:00Z', '2026-11-01', 'room_join', 'v5'], // now
      ['f6', '2026-11-01T17:00:01Z', null, 'room_join', 'v6'],
      ['f7', '2026-10-31T04:00:00Z', '2026-10-31', 'room_join', 'v7'],
      ['f8', '2026-10-31T03:59:59Z', '2026-10-30', 'room_join', 'v8'],
      ['f9', '2026-10-26T04:00:00Z', '2026-10-26', 'room_join', 'v9'],
      ['f10', '2026-10-26T03:59:59Z', '2026-10-25', 'room_join', 'v10'],
    ],
    contacts: [
      ['c1', '2026-11-01T03:30:00Z', '2026-10-31'],
      ['c2', '2026-11-01T04:00:00Z', '2026-11-01'],
    ],
    bookings: [
      [1, '2026-11-01T03:30:00Z', '2026-10-31', 'scheduled'],
      [2, '2026-11-01T04:00:00Z', '2026-11-01', 'completed'],
      [3, '2026-10-31T04:00:00Z', '2026-10-31', 'cancelled'],
      [4, '2026-10-31T03:59:59Z', '2026-10-30', 'completed'],
    ],
  },
]

function dataset(scenario: Scenario): Record<string, Rec[]> {
  return {
    workspaces: [{ id: 'acme', name: 'Acme', created_at: '2026-01-01T00:00:00Z' }],
    contacts: scenario.contacts.map(([id, at]) => ({ id, workspace_id: 'acme', created_at: at })),
    contact_events: scenario.events.map(([id, at, , type, actor]) => ({
      id,
      workspace_id: 'acme',
      contact_id: actor.startsWith('c') ? actor : null,
      visitor_id: actor.startsWith('v') ? actor : null,
      event_type: type,
      utm_source: 'ads',
      created_at: at,
    })),
    bookings: scenario.bookings.map(([id, at, , status]) => ({
      id,
      status,
      start_time: '2027-01-01T10:00:00Z',
      end_time: '2027-01-01T11:00:00Z',
      created_at: at,
    })),
  }
}

/** The `days` calendar dates ending with `last`, by plain UTC date arithmetic. */
function datesEnding(last: string, days: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`)
  return Array.from({ length: days }, (_, index) =>
    new Date(end - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  )
}

const count = <T>(rows: readonly T[], test: (row: T) => boolean): number => rows.filter(test).length

interface Series {
  series: { date: string; events: number; contacts: number }[]
}
interface WorkspaceBody {
  events: { total: number }
  contacts: { new: number }
  activityTimeline: { date: string; bookings: number; room_joins: number }[]
  newContactsTimeline: { date: string; count: number }[]
}
interface OverviewBody {
  current: { from: string; to: string }
  previous: { from: string; to: string }
  dates: string[]
  kpis: { key: string; value: number; previous: number; trend: number[] }[]
}
interface FunnelBody {
  steps: { step: string; count: number }[]
}
interface CohortsBody {
  cohorts: { cohort: string; size: number; retention: Record<string, number> }[]
}

for (const scenario of SCENARIOS) {
  describe(`SEXTANT_TZ=${scenario.zone}, SEXTANT_NOW=${scenario.now}`, () => {
    let api: Console
    beforeAll(async () => {
      api = await startConsole(dataset(scenario), {
        SEXTANT_TZ: scenario.zone,
        SEXTANT_NOW: scenario.now,
      })
    })
    afterAll(async () => {
      await api.close()
    })

    for (const days of [1, 7]) {
      const dates = datesEnding(scenario.today, days)
      const inWindow = (date: string | null): boolean => date !== null && dates.includes(date)
      const eventsOn = (date: string, type?: string): number =>
        count(scenario.events, ([, , day, kind]) => day === date && (type ?? kind) === kind)
      const contactsOn = (date: string): number =>
        count(scenario.contacts, ([, , day]) => day === date)
      const bookingsOn = (date: string, status?: string): number =>
        count(scenario.bookings, ([, , day, kind]) => day === date && (status ?? kind) === kind)
      const total = count(scenario.events, ([, , day]) => inWindow(day))
      const base = '/api/workspaces/acme/analytics'

      it(`days=${days}: timeseries, workspace analytics and attribution count the same days`, async () => {
        const series = (await api.ok(`${base}/timeseries?days=${days}`)) as Series
        expect(
          series.series.map(({ date, events, contacts }) => ({ date, events, contacts })),
        ).toEqual(
          dates.map((date) => ({ date, events: eventsOn(date), contacts: contactsOn(date) })),
        )
        // both products' figures: the console's route (issue #13 item 8)
        const workspace = (await api.ok(
          `/api/v1/workspaces/acme/analytics?days=${days}`,
        )) as WorkspaceBody
        expect(workspace.events.total).toBe(total)
        expect(workspace.contacts.new).toBe(count(scenario.contacts, ([, , day]) => inWindow(day)))
        expect(workspace.activityTimeline).toEqual(
          dates
            .filter((date) => eventsOn(date) > 0)
            .map((date) => ({
              date,
              bookings: eventsOn(date, 'booking'),
              room_joins: eventsOn(date, 'room_join'),
            })),
        )
        expect(workspace.newContactsTimeline).toEqual(
          dates
            .filter((date) => contactsOn(date) > 0)
            .map((date) => ({ date, count: contactsOn(date) })),
        )
        const sources = (await api.ok(`${base}/attribution?days=${days}`)) as {
          totalAttributedEvents: number
        }
        expect(sources.totalAttributedEvents).toBe(total)
        expect(series.series.reduce((sum, day) => sum + day.events, 0)).toBe(total)
      })

      it(`days=${days}: the funnel and cohorts cut the window at the same instant`, async () => {
        const funnel = (await api.ok(
          `${base}/funnel?days=${days}&steps=room_join,booking`,
        )) as FunnelBody
        // days=1: c2 (today's first instant) and v5 (now) joined, c2 then booked. days=7 adds
        // c1, v2, v7, v8 and v9; v10 is before the window and v6 after now.
        expect(funnel.steps.map((step) => step.count)).toEqual(days === 1 ? [2, 1] : [7, 1])
        const distinctJoiners = new Set(
          scenario.events
            .filter(([, , day, type]) => inWindow(day) && type === 'room_join')
            .map(([, , , , actor]) => actor),
        )
        expect(funnel.steps[0]!.count).toBe(distinctJoiners.size)

        const cohorts = (await api.ok(`${base}/cohorts?days=${days}`)) as CohortsBody
        const [c1, c2] = scenario.contacts
        expect(
          cohorts.cohorts.map(({ cohort, size, retention }) => ({ cohort, size, retention })),
        ).toEqual([
          // c1 joined at its own creation, c2 at today's first instant: both in week 0.
          ...(days === 7 ? [{ cohort: c1![2], size: 1, retention: { week_0: 1 } }] : []),
          { cohort: c2![2], size: 1, retention: { week_0: 1 } },
        ])
      })

      it(`days=${days}: the overview's windows, dates and trends`, async () => {
        const body = (await api.ok(`/api/v1/overview?days=${days}`)) as OverviewBody
        const startOfToday = Date.parse(days === 1 ? scenario.starts.today : scenario.starts.week)
        expect(body.current).toEqual({
          from: new Date(startOfToday).toISOString(),
          to: new Date(Date.parse(scenario.now)).toISOString(),
        })
        expect(body.previous).toEqual({
          from: days === 1 ? scenario.starts.yesterday : scenario.starts.weekBefore,
          to: new Date(startOfToday - 1).toISOString(),
        })
        expect(body.dates).toEqual(dates)
        const kpi = (key: string) => body.kpis.find((entry) => entry.key === key)!
        const previousDates = datesEnding(dates[0]!, days + 1).slice(0, days)
        const sum = (over: string[], on: (date: string) => number): number =>
          over.reduce((total, date) => total + on(date), 0)
        const expected: Record<string, (date: string) => number> = {
          bookings: (date) => eventsOn(date, 'booking'),
          contacts: contactsOn,
          bookingTotal: (date) => bookingsOn(date),
          bookingsCompleted: (date) => bookingsOn(date, 'completed'),
          bookingsCancelled: (date) => bookingsOn(date, 'cancelled'),
        }
        for (const [key, on] of Object.entries(expected)) {
          expect({ key, trend: kpi(key).trend, value: kpi(key).value }).toEqual({
            key,
            trend: dates.map(on),
            value: sum(dates, on),
          })
          expect(kpi(key).previous, `${key} previous`).toBe(sum(previousDates, on))
        }
      })
    }
  })
}

// Wall times that never happen or happen twice (docs/api.md "Time"): `/reports` reads startTime
// and endTime as the first instant whose local time is at or after them.
describe('wall times inside the change: /reports startTime and endTime', () => {
  const totalIn = async (scenario: Scenario, from: string, to: string): Promise<number> => {
    const api = await startConsole(dataset(scenario), {
      SEXTANT_TZ: scenario.zone,
      SEXTANT_NOW: scenario.now,
    })
    try {
      const query = `startTime=${encodeURIComponent(from)}&endTime=${encodeURIComponent(to)}`
      const body = (await api.ok(`/reports?${query}`)) as {
        overview: { title: string; number: number }[]
      }
      return body.overview.find((widget) => widget.title === 'Total Bookings')!.number
    } finally {
      await api.close()
    }
  }

  it('Santiago 2026-09-06 00:30 never happens: it means 01:00 -03, when the clocks jumped', async () => {
    // Booking 1 was made at 03:30Z (09-05 23:30 -04), booking 2 at 04:00Z (09-06 01:00 -03).
    expect(await totalIn(SCENARIOS[0]!, '2026-09-06 00:30:00', '2026-09-06 23:59:59')).toBe(1)
    expect(await totalIn(SCENARIOS[0]!, '2026-09-05 23:30:00', '2026-09-06 00:59:59')).toBe(2)
  })

  it('Havana 2026-11-01 00:00-00:59 happens twice: a time there means the first one', async () => {
    // Booking 2 was made at 04:00Z, the first 00:00 (-04); the second 00:00 is 05:00Z.
    expect(await totalIn(SCENARIOS[3]!, '2026-11-01 00:00:00', '2026-11-01 00:30:00')).toBe(1)
    expect(await totalIn(SCENARIOS[3]!, '2026-11-01 00:00:01', '2026-11-01 00:59:59')).toBe(0)
  })
})
