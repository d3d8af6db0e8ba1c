// Rule (API.md section 4, docs/api.md "Booking reports"; issue #13 items 4-5, the plugin's
// ReportController decides where the doc is silent): GET /reports (and the WordPress prefix)
// answers `overview` (Total Bookings by created_at, Completed and Cancelled by end_time, Total
// Guests = the emails of the Total Bookings: all-time MySQL `distinct()->count('email')`, case
// folded and NULL left out; in a period PHP's `pluck('email')->unique()`, case kept and NULL one
// value; stat = change against the same length right before, sharing the boundary instant
// (whereBetween), 2 decimals, 100 whenever the comparison is 0 (getPercentage); without
// parameters the rolling `-30 days` .. now against the 30 days before), `latest_books` (5 newest
// pending/scheduled/completed) and `next_meetings` (5 scheduled with end_time >= now, soonest
// first then newest created (`->latest()`), one per group), times as UTC `YYYY-MM-DD HH:mm:ss`
// and `event_type`; errors in the WordPress REST shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../security/harness'
import { PREFIXES, bookingsDataset } from './dataset'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness(bookingsDataset)
})

afterAll(async () => {
  await harness.close()
})

interface Widget {
  title: string
  period?: string
  number: number
  content: string
  icon: string
  stat: number
}

interface ReportsBody {
  overview: Widget[]
  latest_books: Record<string, unknown>[]
  next_meetings: Record<string, unknown>[]
}

const CONTENT = {
  more: 'More than last month',
  less: 'Less than last month',
  same: 'Same as last month',
} as const

function widget(
  title: string,
  period: string | undefined,
  number: number,
  stat: number,
  content: keyof typeof CONTENT,
): Record<string, unknown> {
  const expected: Record<string, unknown> = {
    title,
    number,
    content: CONTENT[content],
    icon: expect.stringMatching(/^<svg/),
    stat,
  }
  if (period !== undefined) expected.period = period
  return expected
}

async function reports(prefix: string, query = ''): Promise<ReportsBody> {
  const response = await harness.get(prefix + query, { authorization: `Bearer ${harness.token}` })
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
  return response.json<ReportsBody>()
}

function expectOverview(actual: Widget[], expected: Record<string, unknown>[]): void {
  expect(actual.map((entry) => entry.title)).toEqual([
    'Total Bookings',
    'Completed Bookings',
    'Cancelled Bookings',
    'Total Guests',
  ])
  expect(actual).toHaveLength(4)
  for (let index = 0; index < expected.length; index++) {
    expect(actual[index], String(expected[index]!.title)).toStrictEqual(expected[index])
  }
  expect('period' in actual[3]!).toBe(false)
}

describe.each(PREFIXES)('%s: overview', (prefix) => {
  it('without startTime/endTime: all-time numbers, last 30 days against the 30 before', async () => {
    const body = await reports(prefix)
    expectOverview(body.overview, [
      // 22 bookings; 19 created in the rolling 30 days (from 02-23 12:00) against 2 (2, 3)
      widget('Total Bookings', 'all', 22, 850, 'more'),
      // 7 completed; by end_time 4 (4, 5, 13, 17; 19 ends in the future) against 1 (2)
      widget('Completed Bookings', 'completed', 7, 300, 'more'),
      // 3 cancelled; by end_time 1 (6; 9 ends in the future) against 1 (3)
      widget('Cancelled Bookings', 'cancelled', 3, 0, 'same'),
      // all-time 19 distinct e-mails (case-insensitive, null left out); since 02-23 12:00 19
      // values (ANN@, 17 others and 20's null) against 2 (Ben@Example.com, ann@)
      widget('Total Guests', undefined, 19, 850, 'more'),
    ])
  })

  it('with only one of startTime/endTime: as with neither', async () => {
    const onlyStart = await reports(prefix, '?startTime=2026-03-10%2000:00:00')
    const onlyEnd = await reports(prefix, '?endTime=2026-03-20%2000:00:00')
    const neither = await reports(prefix)
    expect(onlyStart.overview).toEqual(neither.overview)
    expect(onlyEnd.overview).toEqual(neither.overview)
  })

  it('with startTime/endTime: the period [start, end] against the same length before', async () => {
    const body = await reports(
      prefix,
      '?startTime=2026-03-10%2000:00:00&endTime=2026-03-20%2000:00:00',
    )
    expectOverview(body.overview, [
      // 17 (at the start), 5, 6, 7, 8, 9, 10 (at the end) against 4, 18, 19, 20 and 17 again
      // (the comparison [02-28, 03-10] ends at the period's start, both whereBetween)
      widget('Total Bookings', 'all', 7, 40, 'more'),
      // by end_time: 17, 5 against 4
      widget('Completed Bookings', 'completed', 2, 100, 'more'),
      // 6 against none: 100
      widget('Cancelled Bookings', 'cancelled', 1, 100, 'more'),
      // 7 e-mails against 5 (ANN@, pat, quinn, opal, and 20's missing one): 40
      widget('Total Guests', undefined, 7, 40, 'more'),
    ])
  })

  it('accepts plain dates (00:00:00) for startTime/endTime', async () => {
    const dates = await reports(prefix, '?startTime=2026-03-10&endTime=2026-03-20')
    const times = await reports(
      prefix,
      '?startTime=2026-03-10%2000:00:00&endTime=2026-03-20%2000:00:00',
    )
    expect(dates.overview).toEqual(times.overview)
  })

  it('a falling period: negative stats, Less; nothing against nothing: 100, More', async () => {
    const body = await reports(
      prefix,
      '?startTime=2026-01-01%2000:00:00&endTime=2026-01-31%2023:59:59',
    )
    expectOverview(body.overview, [
      // nothing in January against booking 1 (created 2025-12-01)
      widget('Total Bookings', 'all', 0, -100, 'less'),
      widget('Completed Bookings', 'completed', 0, -100, 'less'),
      // getPercentage: `else if (!$lastMonthTotal) return 100`, even from 0 to 0
      widget('Cancelled Bookings', 'cancelled', 0, 100, 'more'),
      widget('Total Guests', undefined, 0, -100, 'less'),
    ])
  })

  it("end before start: 200 and zero numbers (the plugin's BETWEEN finds nothing)", async () => {
    const body = await reports(
      prefix,
      '?startTime=2026-03-20%2000:00:00&endTime=2026-03-10%2000:00:00',
    )
    expect(body.overview.map((item) => item.number)).toEqual([0, 0, 0, 0])
  })

  it('400 in the WordPress shape for a bad time', async () => {
    for (const query of [
      '?startTime=yesterday&endTime=2026-03-10%2000:00:00',
      '?startTime=2026-03-01%2000:00:00&endTime=2026-02-30%2000:00:00',
    ]) {
      const response = await harness.get(prefix + query, {
        authorization: `Bearer ${harness.token}`,
      })
      expect(response.statusCode, query).toBe(400)
      expect(response.json(), query).toEqual({
        code: 'rest_invalid_param',
        message: expect.stringMatching(/startTime|endTime/),
        data: { status: 400 },
      })
    }
  })
})

describe.each(PREFIXES)('%s: latest_books', (prefix) => {
  it('the 5 newest pending/scheduled/completed bookings, newest first then id descending', async () => {
    const body = await reports(prefix)
    // 16 (03-25); 21, 15 (rejected), 14 tie at 03-24 08:00; 13 (03-23); 12 (03-22)
    expect(body.latest_books.map((entry) => entry.id)).toEqual([16, 21, 14, 13, 12])
  })

  it('carries every booking column and event_type, times as UTC YYYY-MM-DD HH:mm:ss', async () => {
    const body = await reports(prefix)
    expect(body.latest_books[0]).toMatchObject({
      id: 16,
      event_id: 7,
      host_id: 1,
      group_id: null,
      status: 'scheduled',
      first_name: 'Nia',
      last_name: 'Otto',
      email: 'nia@example.com',
      event_type: 'single',
      start_time: '2026-04-01 10:00:00',
      end_time: '2026-04-01 10:30:00',
      created_at: '2026-03-25 10:00:00',
    })
    expect(body.latest_books[4]).toMatchObject({
      id: 12,
      event_id: 999,
      host_id: 2,
      group_id: null,
      status: 'scheduled',
      first_name: 'Jo',
      last_name: 'Kay',
      email: 'jo@example.com',
      start_time: '2026-03-26 09:00:00',
      end_time: '2026-03-26 09:30:00',
      created_at: '2026-03-22 08:00:00',
    })
  })

  it('does not depend on startTime/endTime', async () => {
    const body = await reports(
      prefix,
      '?startTime=2026-01-01%2000:00:00&endTime=2026-01-31%2023:59:59',
    )
    expect(body.latest_books.map((entry) => entry.id)).toEqual([16, 21, 14, 13, 12])
  })
})

describe.each(PREFIXES)('%s: next_meetings', (prefix) => {
  it('the 5 soonest scheduled meetings not yet ended, one per group, newest created first on a tie', async () => {
    const body = await reports(prefix)
    // 14 ended at 11:30; 12 and 10 both at 03-26 09:00, 12 created later (->latest()); g1 by
    // its newest guest 8; 16; g2 by 18 (19 completed, 20 pending); 21 is sixth
    expect(body.next_meetings.map((entry) => entry.id)).toEqual([12, 10, 8, 16, 18])
  })

  it('a single booking: title, author, slot, no booked_count', async () => {
    const first = (await reports(prefix)).next_meetings[1]
    expect(first).toMatchObject({
      id: 10,
      event_id: 7,
      host_id: 1,
      group_id: null,
      status: 'scheduled',
      first_name: 'Hal',
      last_name: 'Hart',
      email: 'hal@example.com',
      start_time: '2026-03-26 09:00:00',
      end_time: '2026-03-26 09:30:00',
      created_at: '2026-03-20 00:00:00',
      event_type: 'single',
      title: '30 Minute Consultation with Hal Hart',
    })
    expect(first!.author).toEqual({ name: 'Dana' })
    expect(first!.slot).toEqual({ id: 7, title: '30 Minute Consultation' })
    expect('booked_count' in first!).toBe(false)
  })

  it('a deleted calendar event: slot {} and author "unknown"', async () => {
    const deleted = (await reports(prefix)).next_meetings[0]!
    expect(deleted).toMatchObject({ id: 12, event_id: 999, start_time: '2026-03-26 09:00:00' })
    expect(deleted.slot).toEqual({})
    expect(deleted.author).toEqual({ name: 'unknown' })
    expect('booked_count' in deleted).toBe(false)
  })

  it('group bookings: event_type group, booked_count = the guests scheduled or completed', async () => {
    const meetings = (await reports(prefix)).next_meetings
    expect(meetings[2]).toMatchObject({
      id: 8,
      group_id: 'g1',
      event_type: 'group',
      first_name: 'Fred',
      last_name: 'Ode',
      title: 'Team Demo with Fred Ode',
      author: { name: 'Eli' },
      slot: { id: 8, title: 'Team Demo' },
      booked_count: 2,
    })
    expect(meetings[2]!.slot).toEqual({ id: 8, title: 'Team Demo' })
    expect(meetings[3]).toMatchObject({ id: 16, title: '30 Minute Consultation with Nia Otto' })
    expect('booked_count' in meetings[3]!).toBe(false)
    expect(meetings[4]).toMatchObject({
      id: 18,
      group_id: 'g2',
      event_type: 'group',
      title: 'Team Demo with Pat Quay',
      author: { name: 'Eli' },
      start_time: '2026-04-05 10:00:00',
      // 18 scheduled + 19 completed; 20 pending does not count
      booked_count: 2,
    })
  })
})

describe.each(PREFIXES)('%s: access', (prefix) => {
  it('401 without a token, in the WordPress shape', async () => {
    const response = await harness.get(prefix)
    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      code: 'rest_forbidden',
      message: 'Sorry, you are not allowed to do that.',
      data: { status: 401 },
    })
  })

  it('403 for a scoped token', async () => {
    const response = await harness.get(prefix, { authorization: `Bearer ${harness.scopedToken}` })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      code: 'rest_forbidden',
      message: 'Sorry, you are not allowed to do that.',
      data: { status: 403 },
    })
  })

  it('accepts WordPress application-password Basic auth', async () => {
    const basic = Buffer.from(`admin:${harness.token}`).toString('base64')
    const response = await harness.get(prefix, { authorization: `Basic ${basic}` })
    expect(response.statusCode).toBe(200)
  })
})
