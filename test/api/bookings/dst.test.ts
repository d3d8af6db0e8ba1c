// Rule (issue #13 item 6, docs/api.md "Booking reports"): with the console in a timezone with
// summer time (Europe/Berlin: +02:00 until 2025-10-26 03:00 local, +01:00 after), the
// FluentBooking family still answers as the plugin does, in UTC: days, 7-day steps and months of
// graph-reports are UTC calendar days, times UTC, activities +00:00; only startTime/endTime are
// local wall-clock times (`DateTimeHelper::convertToUtc($startTime, $timeZone)`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../security/harness'

let harness: Harness

function booking(id: number, status: string, created: string): Record<string, unknown> {
  return {
    id,
    event_id: 7,
    host_id: 1,
    group_id: null,
    status,
    first_name: `G${id}`,
    last_name: 'Guest',
    email: `g${id}@example.com`,
    start_time: '2025-12-20T09:00:00Z',
    end_time: '2025-12-20T09:30:00Z',
    created_at: created,
  }
}

beforeAll(async () => {
  harness = await startHarness(
    {
      hosts: [{ id: 1, name: 'Dana', email: null }],
      calendar_events: [{ id: 7, host_id: 1, title: 'Intro', duration_minutes: 30 }],
      bookings: [
        // 2025-10-26 00:30 local (+02:00)
        booking(1, 'completed', '2025-10-25T22:30:00Z'),
        // 2025-10-26 23:30 local (+01:00)
        booking(2, 'cancelled', '2025-10-26T22:30:00Z'),
        // 2025-10-27 00:30 local
        booking(3, 'scheduled', '2025-10-26T23:30:00Z'),
        // 2025-11-05 00:30 local (2025-11-04 in UTC)
        booking(4, 'pending', '2025-11-04T23:30:00Z'),
        // 2025-11-01 00:30 local (October in UTC)
        booking(5, 'completed', '2025-10-31T23:30:00Z'),
      ],
      booking_activities: [
        {
          id: 1,
          booking_id: 1,
          parent_id: null,
          created_by: null,
          status: 'closed',
          type: 'info',
          title: 'Rescheduled',
          description: null,
          created_at: '2025-10-25T10:00:00Z',
          updated_at: '2025-10-27T10:00:00Z',
        },
      ],
    },
    { timezone: 'Europe/Berlin' },
  )
})

afterAll(async () => {
  await harness.close()
})

async function graph(first: string, last: string): Promise<Record<string, Record<string, number>>> {
  const response = await harness.get(
    `/reports/graph-reports?date_range[0]=${first}&date_range[1]=${last}`,
    { authorization: `Bearer ${harness.token}` },
  )
  expect(response.statusCode, response.body).toBe(200)
  return response.json<Record<string, Record<string, number>>>()
}

describe('booking reports across the end of summer time in Europe/Berlin', () => {
  it('daily buckets are UTC days, the end day left out', async () => {
    const body = await graph('2025-10-25', '2025-10-27')
    // 1 on 10-25 (UTC), 2 and 3 on 10-26 (UTC); only 3 is scheduled
    expect(body.booked_stats).toEqual({ '2025-10-25': 0, '2025-10-26': 1 })
    expect(body.completed_stats).toEqual({ '2025-10-25': 1, '2025-10-26': 0 })
    expect(body.cancelled_stats).toEqual({ '2025-10-25': 0, '2025-10-26': 1 })
  })

  it('7-day steps start at UTC midnights', async () => {
    const body = await graph('2025-10-01', '2025-12-05')
    // 65 days between the ends: weekly; 3 (scheduled, 10-26) in [10-22, 10-29)
    expect(body.booked_stats).toEqual({
      '2025-10-01': 0,
      '2025-10-08': 0,
      '2025-10-15': 0,
      '2025-10-22': 1,
      '2025-10-29': 0,
      '2025-11-05': 0,
      '2025-11-12': 0,
      '2025-11-19': 0,
      '2025-11-26': 0,
      '2025-12-03': 0,
    })
  })

  it('months are UTC months', async () => {
    const body = await graph('2025-08-01', '2025-11-30')
    expect(body.booked_stats).toEqual({
      'Aug 2025': 0,
      'Sep 2025': 0,
      'Oct 2025': 1,
      'Nov 2025': 0,
    })
    // 5 (2025-10-31T23:30Z) is October in UTC, though November in Berlin
    expect(body.completed_stats).toEqual({
      'Aug 2025': 0,
      'Sep 2025': 0,
      'Oct 2025': 2,
      'Nov 2025': 0,
    })
  })

  it('startTime/endTime are local wall-clock times (a 25-hour day)', async () => {
    const response = await harness.get(
      '/reports?startTime=2025-10-26%2000:00:00&endTime=2025-10-27%2000:00:00',
      { authorization: `Bearer ${harness.token}` },
    )
    expect(response.statusCode).toBe(200)
    const { overview } = response.json<{ overview: { number: number; stat: number }[] }>()
    // bookings 1 and 2; 3 (00:30 on the 27th) is after the end; nothing before, and nothing
    // ends in either period: 100 from 0 (getPercentage), even to 0
    expect(overview.map(({ number, stat }) => ({ number, stat }))).toEqual([
      { number: 2, stat: 100 },
      { number: 0, stat: 100 },
      { number: 0, stat: 100 },
      { number: 2, stat: 100 },
    ])
  })

  it('latest_books show UTC times', async () => {
    const response = await harness.get('/reports', { authorization: `Bearer ${harness.token}` })
    const { latest_books: latest } = response.json<{ latest_books: Record<string, unknown>[] }>()
    // pending/scheduled/completed, newest first: 4, 5, 3, 1
    expect(latest.map((entry) => entry.id)).toEqual([4, 5, 3, 1])
    expect(latest[0]).toMatchObject({ created_at: '2025-11-04 23:30:00' })
    expect(latest[3]).toMatchObject({
      created_at: '2025-10-25 22:30:00',
      start_time: '2025-12-20 09:00:00',
    })
  })

  it('activities are stamped +00:00 on both sides of the change', async () => {
    const response = await harness.get('/wp-json/fluent-booking/v2/reports/activities', {
      authorization: `Bearer ${harness.token}`,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      activities: [
        {
          id: 1,
          booking_id: 1,
          parent_id: null,
          created_by: null,
          status: 'closed',
          type: 'info',
          title: 'Rescheduled',
          description: null,
          created_at: '2025-10-25T10:00:00+00:00',
          updated_at: '2025-10-27T10:00:00+00:00',
        },
      ],
    })
  })
})
