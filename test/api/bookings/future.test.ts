// Rule (docs/api.md "Time"): records dated after now are outside every window but still count in
// lifetime figures, so a booking created tomorrow counts in the overview's all-time `number` and
// not in the last 30 days that `stat` compares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../security/harness'

let harness: Harness

beforeAll(async () => {
  harness = await startHarness({
    hosts: [{ id: 1, name: 'Dana', email: null }],
    calendar_events: [{ id: 7, host_id: 1, title: 'Intro', duration_minutes: 30 }],
    bookings: [
      // the last 30 days
      {
        id: 1,
        event_id: 7,
        host_id: 1,
        group_id: null,
        status: 'completed',
        first_name: 'A',
        last_name: 'A',
        email: 'a@example.com',
        start_time: '2026-03-20T10:00:00Z',
        end_time: '2026-03-20T10:30:00Z',
        created_at: '2026-03-20T10:00:00Z',
      },
      // created after now (2026-03-25T12:00:00Z)
      {
        id: 2,
        event_id: 7,
        host_id: 1,
        group_id: null,
        status: 'scheduled',
        first_name: 'B',
        last_name: 'B',
        email: 'b@example.com',
        start_time: '2026-03-30T10:00:00Z',
        end_time: '2026-03-30T10:30:00Z',
        created_at: '2026-03-26T10:00:00Z',
      },
      // the 30 days before
      {
        id: 3,
        event_id: 7,
        host_id: 1,
        group_id: null,
        status: 'completed',
        first_name: 'C',
        last_name: 'C',
        email: 'c@example.com',
        start_time: '2026-02-10T11:00:00Z',
        end_time: '2026-02-10T11:30:00Z',
        created_at: '2026-02-10T10:00:00Z',
      },
    ],
  })
})

afterAll(async () => {
  await harness.close()
})

describe('/reports with a booking created after now', () => {
  it('counts it all-time, not in the last 30 days', async () => {
    const response = await harness.get('/reports', { authorization: `Bearer ${harness.token}` })
    expect(response.statusCode).toBe(200)
    const { overview } = response.json<{
      overview: { title: string; number: number; stat: number; content: string }[]
    }>()
    expect(
      overview.map(({ title, number, stat, content }) => ({ title, number, stat, content })),
    ).toEqual([
      // all-time 3; last 30 days 1 (not 2) against 1
      { title: 'Total Bookings', number: 3, stat: 0, content: 'Same as last month' },
      { title: 'Completed Bookings', number: 2, stat: 0, content: 'Same as last month' },
      // nothing against nothing: 100 (getPercentage: `else if (!$lastMonthTotal) return 100`)
      { title: 'Cancelled Bookings', number: 0, stat: 100, content: 'More than last month' },
      { title: 'Total Guests', number: 3, stat: 0, content: 'Same as last month' },
    ])
  })
})
