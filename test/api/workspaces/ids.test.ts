// Rule (DATA.md "Ids are the source's ids", text primary keys; API.md section 1-2 paths): a
// workspace or campaign id is any text, so a client percent-encodes it in the path and the route
// answers for the decoded id: spaces, non-ASCII letters and an encoded slash included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, type Api } from './helpers'

let api: Api

beforeAll(async () => {
  api = await startApi({
    workspaces: [
      { id: 'team one', name: 'Team one', created_at: '2026-01-01T00:00:00Z' },
      { id: 'équipe', name: 'Équipe', created_at: '2026-01-01T00:00:00Z' },
    ],
    contacts: [{ id: 'c 1', workspace_id: 'équipe', created_at: '2026-03-25T10:00:00Z' }],
    campaigns: [
      {
        id: 'cmp 1',
        workspace_id: 'team one',
        name: 'Spaced',
        status: 'ACTIVE',
        created_at: '2026-01-01T00:00:00Z',
      },
      {
        id: 'a/b',
        workspace_id: 'team one',
        name: 'Slashed',
        status: 'PAUSED',
        created_at: '2026-01-01T00:00:00Z',
      },
    ],
  })
})

afterAll(async () => {
  await api.close()
})

describe('percent-encoded ids', () => {
  it('finds a workspace whose id holds a space', async () => {
    const body = (await api.ok('/campaignos/api/workspaces/team%20one/analytics')) as Record<
      string,
      unknown
    >
    expect(body.campaigns).toEqual({ total: 2, active: 1 })
    const rooms = (await api.ok('/api/workspaces/team%20one/analytics')) as Record<string, unknown>
    expect(rooms.kpis).toEqual({
      rooms: 0,
      recordings: 0,
      recordingDuration: 0,
      contacts: 0,
      bookings: 0,
    })
    const both = (await api.ok('/api/v1/workspaces/team%20one/analytics')) as Record<
      string,
      unknown
    >
    expect(both.campaigns).toEqual({ total: 2, active: 1 })
  })

  it('finds a workspace whose id is not ASCII', async () => {
    expect(await api.ok('/api/workspaces/%C3%A9quipe/analytics/timeseries?days=1')).toEqual({
      period: '1d',
      series: [{ date: '2026-03-25', events: 0, contacts: 1, messages: 0, opens: 0, clicks: 0 }],
    })
  })

  it('finds campaigns whose ids hold a space or a slash', async () => {
    const spaced = (await api.ok('/api/workspaces/team%20one/analytics/campaigns/cmp%201')) as {
      campaign: unknown
    }
    expect(spaced.campaign).toEqual({ id: 'cmp 1', name: 'Spaced' })
    const slashed = (await api.ok('/api/workspaces/team%20one/analytics/campaigns/a%2Fb')) as {
      campaign: unknown
    }
    expect(slashed.campaign).toEqual({ id: 'a/b', name: 'Slashed' })
  })
})
