// Rule (DATA.md "Time", docs/api.md "Time"): in a timezone with summer time (Europe/Berlin: +02:00
// until 2025-10-26 03:00 local, +01:00 after), days, 7-day steps and months of graph-reports are
// local calendar days, startTime/endTime are local wall-clock times, and each timestamp carries
// the offset in force at that instant.
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
  it('daily buckets are local days', async () => {
    const body = await graph('2025-10-25', '2025-10-27')
    expect(body.booked_stats).toEqual({ '2025-10-25': 0, '2025-10-26': 2, '2025-10-27': 1 })
    expect(body.completed_stats).toEqual({ '2025-10-25': 0, '2025-10-26': 1, '2025-10-27': 0 })
    expect(body.cancelled_stats).toEqual({ '2025-10-25': 0, '2025-10-26': 1, '2025-10-27': 0 })
  })

  it('7-day steps start at local midnights', async () => {
    const body = await graph('2025-10-01', '2025-12-05')
    expect(body.booked_stats).toEqual({
      '2025-10-01': 0,
      '2025-10-08': 0,
      '2025-10-15': 0,
      '2025-10-22': 3,
      '2025-10-29': 1,
      '2025-11-05': 1,
      '2025-11-12': 0,
      '2025-11-19': 0,
      '2025-11-26': 0,
      '2025-12-03': 0,
    })
  })

  it('months are local months', async () => {
    const body = await graph('2025-08-01', '2025-11-30')
    expect(body.booked_stats).toEqual({
      'Aug 2025': 0,
      'Sep 2025': 0,
      'Oct 2025': 3,
      'Nov 2025': 2,
    })
  })

  it('startTime/endTime are local wall-clock times (a 25-hour day)', async () => {
    const response = await harness.get(
      '/reports?startTime=2025-10-26%2000:00:00&endTime=2025-10-27%2000:00:00',
      { authorization: `Bearer ${harness.token}` },
    )
    expect(response.statusCode).toBe(200)
    const { overview } = response.json<{ overview: { number: number; stat: number }[] }>()
    // bookings 1 and 2; 3 (00:30 on the 27th) is after the end; nothing before
    expect(overview.map(({ number, stat }) => ({ number, stat }))).toEqual([
      { number: 2, stat: 100 },
      { number: 0, stat: 0 },
      { number: 0, stat: 0 },
      { number: 2, stat: 100 },
    ])
  })

  it('latest_books show local wall-clock times', async () => {
    const response = await harness.get('/reports', { authorization: `Bearer ${harness.token}` })
    const { latest_books: latest } = response.json<{ latest_books: Record<string, unknown>[] }>()
    // pending/scheduled/completed, newest first: 4, 5, 3, 1
    expect(latest.map((entry) => entry.id)).toEqual([4, 5, 3, 1])
    expect(latest[0]).toMatchObject({ created_at: '2025-11-05 00:30:00' })
    expect(latest[3]).toMatchObject({
      created_at: '2025-10-26 00:30:00',
      start_time: '2025-12-20 10:00:00',
    })
  })

  it('activities carry the offset in force at each instant', async () => {
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
          created_at: '2025-10-25T12:00:00+02:00',
          updated_at: '2025-10-27T11:00:00+01:00',
        },
      ],
    })
  })
})
