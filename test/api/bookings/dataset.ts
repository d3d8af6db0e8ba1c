// The hand-made bookings dataset of the booking reports contract tests. "Now" is
// 2026-03-25T12:00:00Z; every expected figure in this folder is counted by hand from these rows
// (the comment on each row says where it lands), so change one and recount.
import type { Dataset } from '../security/harness'

/** A type alias (not an interface) so that a row is a `Record<string, unknown>`. */
type BookingRow = {
  id: number
  event_id: number | null
  host_id: number | null
  group_id: string | null
  status: string
  first_name: string | null
  last_name: string | null
  email: string | null
  start_time: string
  end_time: string
  created_at: string
}

function booking(
  id: number,
  event: [number | null, number | null, string | null],
  status: string,
  guest: [string, string, string | null],
  start: string,
  end: string,
  created: string,
): BookingRow {
  const [event_id, host_id, group_id] = event
  const [first_name, last_name, email] = guest
  return {
    id,
    event_id,
    host_id,
    group_id,
    status,
    first_name,
    last_name,
    email,
    start_time: start,
    end_time: end,
    created_at: created,
  }
}

const consult: [number, number, null] = [7, 1, null]

export const bookings: readonly BookingRow[] = [
  // older than 60 days: all-time figures only
  booking(
    1,
    consult,
    'completed',
    ['Ann', 'Lee', 'ann@example.com'],
    '2025-12-05T10:00:00Z',
    '2025-12-05T10:30:00Z',
    '2025-12-01T10:00:00Z',
  ),
  // the 30 days before the last 30 days
  booking(
    2,
    consult,
    'completed',
    ['Ben', 'Cole', 'Ben@Example.com'],
    '2026-02-12T10:00:00Z',
    '2026-02-12T10:30:00Z',
    '2026-02-10T09:00:00Z',
  ),
  booking(
    3,
    consult,
    'cancelled',
    ['Ann', 'Lee', 'ann@example.com'],
    '2026-02-20T10:00:00Z',
    '2026-02-20T10:30:00Z',
    '2026-02-15T09:00:00Z',
  ),
  // the last 30 days (from 2026-02-24)
  booking(
    4,
    consult,
    'completed',
    ['Ann', 'Lee', 'ANN@example.com'],
    '2026-03-05T10:00:00Z',
    '2026-03-05T10:30:00Z',
    '2026-03-01T09:00:00Z',
  ),
  booking(
    5,
    consult,
    'completed',
    ['Cara', 'Diaz', 'cara@example.com'],
    '2026-03-14T10:00:00Z',
    '2026-03-14T10:30:00Z',
    '2026-03-12T09:00:00Z',
  ),
  booking(
    6,
    consult,
    'cancelled',
    ['Dan', 'Eng', 'dan@example.com'],
    '2026-03-16T10:00:00Z',
    '2026-03-16T10:30:00Z',
    '2026-03-15T09:00:00Z',
  ),
  // group g1 of the Team Demo: two active guests, one cancelled
  booking(
    7,
    [8, 2, 'g1'],
    'scheduled',
    ['Eve', 'Ng', 'eve@example.com'],
    '2026-03-30T10:00:00Z',
    '2026-03-30T11:00:00Z',
    '2026-03-18T09:00:00Z',
  ),
  booking(
    8,
    [8, 2, 'g1'],
    'scheduled',
    ['Fred', 'Ode', 'fred@example.com'],
    '2026-03-30T10:00:00Z',
    '2026-03-30T11:00:00Z',
    '2026-03-18T09:05:00Z',
  ),
  booking(
    9,
    [8, 2, 'g1'],
    'cancelled',
    ['Gia', 'Park', 'gia@example.com'],
    '2026-03-30T10:00:00Z',
    '2026-03-30T11:00:00Z',
    '2026-03-19T09:00:00Z',
  ),
  // created exactly at the end of the 2026-03-10 .. 2026-03-20 period
  booking(
    10,
    consult,
    'scheduled',
    ['Hal', 'Hart', 'hal@example.com'],
    '2026-03-26T09:00:00Z',
    '2026-03-26T09:30:00Z',
    '2026-03-20T00:00:00Z',
  ),
  booking(
    11,
    consult,
    'pending',
    ['Ivy', 'Ito', 'ivy@example.com'],
    '2026-03-27T09:00:00Z',
    '2026-03-27T09:30:00Z',
    '2026-03-21T08:00:00Z',
  ),
  // its calendar event (999) was deleted; same start as booking 10
  booking(
    12,
    [999, 2, null],
    'scheduled',
    ['Jo', 'Kay', 'jo@example.com'],
    '2026-03-26T09:00:00Z',
    '2026-03-26T09:30:00Z',
    '2026-03-22T08:00:00Z',
  ),
  booking(
    13,
    consult,
    'completed',
    ['Kim', 'Lund', 'kim@example.com'],
    '2026-03-24T09:00:00Z',
    '2026-03-24T09:30:00Z',
    '2026-03-23T08:00:00Z',
  ),
  // scheduled but ended (11:30) before now: not a next meeting (the plugin: end_time >= now)
  booking(
    14,
    consult,
    'scheduled',
    ['Lee', 'Moss', 'lee@example.com'],
    '2026-03-25T11:00:00Z',
    '2026-03-25T11:30:00Z',
    '2026-03-24T08:00:00Z',
  ),
  booking(
    15,
    consult,
    'rejected',
    ['Mo', 'Nash', 'mo@example.com'],
    '2026-04-02T10:00:00Z',
    '2026-04-02T10:30:00Z',
    '2026-03-24T08:00:00Z',
  ),
  // the newest booking; starts after the 2026-03-29 switch to summer time
  booking(
    16,
    consult,
    'scheduled',
    ['Nia', 'Otto', 'nia@example.com'],
    '2026-04-01T10:00:00Z',
    '2026-04-01T10:30:00Z',
    '2026-03-25T10:00:00Z',
  ),
  // created exactly at the start of the 2026-03-10 .. 2026-03-20 period
  booking(
    17,
    consult,
    'completed',
    ['Opal', 'Pike', 'opal@example.com'],
    '2026-03-11T10:00:00Z',
    '2026-03-11T10:30:00Z',
    '2026-03-10T00:00:00Z',
  ),
  // group g2: scheduled + completed count, pending does not; 19 ends in the future
  booking(
    18,
    [8, 2, 'g2'],
    'scheduled',
    ['Pat', 'Quay', 'pat@example.com'],
    '2026-04-05T10:00:00Z',
    '2026-04-05T11:00:00Z',
    '2026-03-05T10:00:00Z',
  ),
  booking(
    19,
    [8, 2, 'g2'],
    'completed',
    ['Quinn', 'Rao', 'quinn@example.com'],
    '2026-04-05T10:00:00Z',
    '2026-04-05T11:00:00Z',
    '2026-03-05T10:05:00Z',
  ),
  booking(
    20,
    [8, 2, 'g2'],
    'pending',
    ['Rae', 'Sun', null],
    '2026-04-05T10:00:00Z',
    '2026-04-05T11:00:00Z',
    '2026-03-05T10:10:00Z',
  ),
  // the sixth next meeting (left out); created at the same instant as 14 and 15
  booking(
    21,
    consult,
    'scheduled',
    ['Sam', 'Tate', 'sam@example.com'],
    '2026-04-10T10:00:00Z',
    '2026-04-10T10:30:00Z',
    '2026-03-24T08:00:00Z',
  ),
  // created 2026-03-21 in UTC, 2026-03-22 in Berlin
  booking(
    22,
    consult,
    'rejected',
    ['Una', 'Vale', 'una@example.com'],
    '2026-03-28T10:00:00Z',
    '2026-03-28T10:30:00Z',
    '2026-03-21T23:30:00Z',
  ),
]

/** 105 activities: id 1 is the newest, id 50 the oldest, the rest pairwise tied in time. */
function activities(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [
    {
      id: 1,
      booking_id: 16,
      parent_id: null,
      created_by: 1,
      status: 'closed',
      type: 'success',
      title: 'Booking Created',
      description: 'New booking created for 30 Minute Consultation',
      created_at: '2026-03-25T10:00:00Z',
      updated_at: '2026-03-25T10:30:15Z',
    },
  ]
  for (let id = 2; id <= 105; id++) {
    const created =
      id === 50
        ? '2026-02-01T00:00:00Z'
        : new Date(Date.parse('2026-03-01T00:00:00Z') + Math.floor(id / 2) * 3_600_000)
            .toISOString()
            .replace('.000Z', 'Z')
    rows.push({
      id,
      booking_id: 5,
      parent_id: id === 3 ? 2 : null,
      created_by: null,
      status: 'closed',
      type: 'info',
      title: `Activity ${id}`,
      description: null,
      created_at: created,
      updated_at: created,
    })
  }
  return rows
}

export const bookingsDataset: Dataset = {
  hosts: [
    { id: 1, name: 'Dana', email: 'dana@example.com' },
    { id: 2, name: 'Eli', email: null },
  ],
  calendar_events: [
    { id: 7, host_id: 1, title: '30 Minute Consultation', duration_minutes: 30 },
    { id: 8, host_id: 2, title: 'Team Demo', duration_minutes: 60 },
  ],
  bookings,
  booking_activities: activities(),
}

/** The two prefixes the reports are served under. */
export const PREFIXES = ['/reports', '/wp-json/fluent-booking/v2/reports'] as const
