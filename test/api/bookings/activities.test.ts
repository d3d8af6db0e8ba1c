// Rule (API.md section 4 "activities", docs/api.md "Time"): GET /reports/activities (and the
// WordPress prefix) answers {activities: [...]}: the 100 latest booking_activities by created_at,
// then id, descending, every column, timestamps ISO 8601 with the zone's offset ("+00:00" in UTC).
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

interface ActivitiesBody {
  activities: Record<string, unknown>[]
}

describe.each(PREFIXES)('%s/activities', (prefix) => {
  async function activities(): Promise<ActivitiesBody> {
    const response = await harness.get(`${prefix}/activities`, {
      authorization: `jwt ${harness.token}`,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = response.json<ActivitiesBody>()
    expect(Object.keys(body)).toEqual(['activities'])
    return body
  }

  it('the 100 latest, by created_at then id, descending', async () => {
    const { activities: list } = await activities()
    // 1 is the newest; 2..105 rise in pairs of equal times (ties: id descending); 50 is oldest
    const expected = [1]
    for (let id = 105; id >= 6; id--) if (id !== 50) expected.push(id)
    expect(expected).toHaveLength(100)
    expect(list.map((entry) => entry.id)).toEqual(expected)
  })

  it('every column, timestamps ISO 8601 with +00:00', async () => {
    const { activities: list } = await activities()
    expect(list[0]).toEqual({
      id: 1,
      booking_id: 16,
      parent_id: null,
      created_by: 1,
      status: 'closed',
      type: 'success',
      title: 'Booking Created',
      description: 'New booking created for 30 Minute Consultation',
      created_at: '2026-03-25T10:00:00+00:00',
      updated_at: '2026-03-25T10:30:15+00:00',
    })
    // 105 and 104 were both created at 2026-03-01 + 52 hours
    expect(list[1]).toEqual({
      id: 105,
      booking_id: 5,
      parent_id: null,
      created_by: null,
      status: 'closed',
      type: 'info',
      title: 'Activity 105',
      description: null,
      created_at: '2026-03-03T04:00:00+00:00',
      updated_at: '2026-03-03T04:00:00+00:00',
    })
    expect(list[2]).toMatchObject({ id: 104, created_at: '2026-03-03T04:00:00+00:00' })
  })

  it('403 for a scoped token, in the WordPress shape', async () => {
    const response = await harness.get(`${prefix}/activities`, {
      authorization: `jwt ${harness.scopedToken}`,
    })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      code: 'rest_forbidden',
      message: 'Sorry, you are not allowed to do that.',
      data: { status: 403 },
    })
  })
})
