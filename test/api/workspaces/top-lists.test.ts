// Rule (API.md section 1, docs/api.md endpoint notes): topBookingPages and topRooms hold at most
// 5 entries, count descending then id ascending (numerically: 9 before 10), lifetime, leaving out
// pages / rooms with no event; booking events without a page and room joins without a room
// count in kpis.bookings and eventTypeBreakdown but in no top list. eventTypeBreakdown ties go
// by type ascending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, WORKSPACES, type Api, type Rec } from './helpers'

let seq = 0
function ev(type: string, room: number | null, page: number | null, at: string): Rec {
  seq += 1
  return {
    id: `e${String(seq).padStart(3, '0')}`,
    workspace_id: 'acme',
    event_type: type,
    room_id: room,
    booking_page_id: page,
    created_at: at,
  }
}

const OLD = '2025-06-01T00:00:00Z' // long before the window: lifetime lists only
const FUTURE = '2026-04-01T00:00:00Z' // after now: lifetime lists only

/** Page / room ids 9..15 and how many events each gets. */
const COUNTS: Readonly<Record<number, number>> = { 9: 1, 10: 1, 11: 2, 12: 1, 13: 3, 14: 0, 15: 1 }

function records(type: 'booking' | 'room_join'): Rec[] {
  const out: Rec[] = []
  for (const [id, count] of Object.entries(COUNTS)) {
    for (let i = 0; i < count; i++) {
      const at = i % 2 === 0 ? OLD : FUTURE
      out.push(type === 'booking' ? ev(type, null, Number(id), at) : ev(type, Number(id), null, at))
    }
  }
  return out
}

let api: Api

beforeAll(async () => {
  const ids = Object.keys(COUNTS).map(Number)
  api = await startApi({
    workspaces: WORKSPACES,
    booking_pages: ids.map((id) => ({
      id,
      workspace_id: 'acme',
      title: `Page ${id}`,
      slug: `p${id}`,
      created_at: '2025-01-01T00:00:00Z',
    })),
    rooms: ids.map((id) => ({
      id,
      workspace_id: 'acme',
      name: `r${id}`,
      display_name: id === 13 ? null : `Room ${id}`,
      created_at: '2025-01-01T00:00:00Z',
    })),
    contact_events: [
      ...records('booking'),
      ...records('room_join'),
      ev('booking', null, null, OLD),
      ev('room_join', null, null, OLD),
      ev('a_type', null, null, OLD),
      ev('z_type', null, null, OLD),
      ev('m_type', null, null, OLD),
    ],
  })
})

afterAll(async () => {
  await api.close()
})

describe('top lists and the breakdown', () => {
  it('keeps the top 5 by count, then id, and counts page-less / room-less events elsewhere', async () => {
    const body = (await api.ok('/api/workspaces/acme/analytics')) as Record<string, unknown>
    expect(body.topBookingPages).toEqual([
      { id: 13, title: 'Page 13', slug: 'p13', count: 3 },
      { id: 11, title: 'Page 11', slug: 'p11', count: 2 },
      { id: 9, title: 'Page 9', slug: 'p9', count: 1 },
      { id: 10, title: 'Page 10', slug: 'p10', count: 1 },
      { id: 12, title: 'Page 12', slug: 'p12', count: 1 },
    ])
    expect(body.topRooms).toEqual([
      { id: 13, name: 'r13', display_name: null, count: 3 },
      { id: 11, name: 'r11', display_name: 'Room 11', count: 2 },
      { id: 9, name: 'r9', display_name: 'Room 9', count: 1 },
      { id: 10, name: 'r10', display_name: 'Room 10', count: 1 },
      { id: 12, name: 'r12', display_name: 'Room 12', count: 1 },
    ])
    // 9 events per list plus one without a page / room each
    expect(body.kpis).toEqual({
      rooms: 7,
      recordings: 0,
      recordingDuration: 0,
      contacts: 0,
      bookings: 10,
    })
    expect(body.eventTypeBreakdown).toEqual([
      { type: 'booking', count: 10 },
      { type: 'room_join', count: 10 },
      { type: 'a_type', count: 1 },
      { type: 'm_type', count: 1 },
      { type: 'z_type', count: 1 },
    ])
    // nothing falls in the window
    expect(body.activityTimeline).toEqual([])
    // CampaignOS's overview (?key=) counts none either
    const overview = await api.get(`/api/workspaces/acme/analytics?key=${api.token}`, null)
    expect((overview.json() as Record<string, unknown>).events).toEqual({ total: 0 })
  })
})
