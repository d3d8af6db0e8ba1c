// Rule (API.md section 4, DATA.md "Time", docs/api.md "Time"): with the timezone set
// (Europe/Berlin here: +01:00 until 2026-03-29, +02:00 after), report times are local
// (`YYYY-MM-DD HH:mm:ss`), startTime/endTime are read as local times, graph buckets are local
// days and activities carry the local offset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../security/harness'
import { bookingsDataset } from './dataset'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness(bookingsDataset, { timezone: 'Europe/Berlin' })
})

afterAll(async () => {
  await harness.close()
})

async function get<T>(url: string): Promise<T> {
  const response = await harness.get(url, { authorization: `Bearer ${harness.token}` })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<T>()
}

interface ReportsBody {
  overview: { title: string; number: number; stat: number }[]
  latest_books: Record<string, unknown>[]
  next_meetings: Record<string, unknown>[]
}

describe('booking reports in Europe/Berlin', () => {
  it('latest_books and next_meetings show local times, summer time included', async () => {
    const body = await get<ReportsBody>('/reports')
    expect(body.latest_books[0]).toMatchObject({
      id: 16,
      start_time: '2026-04-01 12:00:00',
      end_time: '2026-04-01 12:30:00',
      created_at: '2026-03-25 11:00:00',
    })
    expect(body.next_meetings[0]).toMatchObject({
      id: 10,
      start_time: '2026-03-26 10:00:00',
      end_time: '2026-03-26 10:30:00',
      created_at: '2026-03-20 01:00:00',
    })
  })

  it('reads startTime/endTime as local times', async () => {
    const body = await get<ReportsBody>(
      '/wp-json/fluent-booking/v2/reports?startTime=2026-03-10%2000:00:00&endTime=2026-03-20%2000:00:00',
    )
    // Booking 10 (2026-03-20T00:00Z = 01:00 local) now falls after the end: 6 against 4
    expect(body.overview.map(({ title, number, stat }) => ({ title, number, stat }))).toEqual([
      { title: 'Total Bookings', number: 6, stat: 50 },
      { title: 'Completed Bookings', number: 2, stat: 100 },
      { title: 'Cancelled Bookings', number: 1, stat: 100 },
      { title: 'Total Guests', number: 6, stat: 100 },
    ])
  })

  it('graph-reports buckets by local day', async () => {
    const body = await get<{ booked_stats: Record<string, number> }>('/reports/graph-reports')
    // booking 22 (2026-03-21T23:30Z) lands on 2026-03-22 local
    expect(body.booked_stats).toEqual({
      '2026-03-19': 1,
      '2026-03-20': 1,
      '2026-03-21': 1,
      '2026-03-22': 2,
      '2026-03-23': 1,
      '2026-03-24': 3,
      '2026-03-25': 1,
    })
    expect(Object.keys(body.booked_stats)[0]).toBe('2026-03-19')
  })

  it('activities carry the local offset', async () => {
    const body = await get<{ activities: Record<string, unknown>[] }>('/reports/activities')
    expect(body.activities[0]).toMatchObject({
      id: 1,
      created_at: '2026-03-25T11:00:00+01:00',
      updated_at: '2026-03-25T11:30:15+01:00',
    })
  })
})
