// FluentBooking's figures, replayed against a small hand-counted fixture (issue #13 items 3-6).
// Rule: where booking-reports.txt is silent the plugin's code decides, where the code contradicts
// the doc the doc decides (docs/api.md, "Booking reports", says which per field). The decisive
// lines of WPManageNinja/fluent-booking (2.0.0), quoted:
//
// ReportController::getReports, no startTime/endTime: a rolling window, not calendar days
//   $startTime = gmdate('Y-m-d H:i:s', strtotime('-30 days'));
//   $endTime = gmdate('Y-m-d H:i:s', strtotime('now UTC'));
//   $bookingWidgetNumbers = $this->getAllBookingWidgetNumbers();   // all-time numbers
// getBookingWidgetStats: the comparison is the same length right before, sharing the boundary
//   $lastMonthStartTime = gmdate('Y-m-d H:i:s', strtotime("$startTime - $differenceInDays days"));
//   $bookingStats = $this->getBookingStats($startTime, $endTime, $lastMonthStartTime, $startTime);
// getBookingStats: whereBetween (both ends included); guests by PHP's unique (case kept, a
//   missing email is one value); the cancelled periods swapped, which the doc ("percentage change
//   compared to previous period") overrules:
//   $totalGuestsCurrentMonth = $currentMonthBookings->pluck('email')->unique()->count();
//   $bookingCancelledCurrentMonth = $lastMonthStartBookings->where('status', 'cancelled')->count();
// getAllBookingWidgetNumbers: $totalGuests = Booking::distinct()->count('email');  (MySQL: NULL
//   left out, the _ci collation folds case)
// getPercentage: if ($lastMonthTotal > 0) { return round(..., 2); } else if (!$lastMonthTotal)
//   { return 100; }      -> 100 whenever the comparison is 0, even from 0 to 0
// getNextMeetings: ->where('status', 'scheduled')->orderBy('start_time', 'ASC')->upcoming()
//   ->groupBy('group_id')->latest()->take(5); Booking::scopeUpcoming:
//   $query->where('end_time', '>=', gmdate('Y-m-d H:i:s'))   -> a meeting under way is listed
//   Dashboard.vue reads schedule.event_type: ['group', 'group_event'].includes(...)
// getGraphReports: $totalBooked = $fetchBookingsByStatus('scheduled');
//   ->whereBetween('created_at', [$from->format('Y-m-d'), $to->format('Y-m-d')])
// ReportingHelperTrait: new \DatePeriod($from, new \DateInterval($interval), $to)  (end excluded)
//   $numDays = $to->diff($from)->format("%a");
//   if ($numDays > 62 && $numDays <= 92) weekly; else if ($numDays > 92) monthly
//   makeFromDate: $from ?: '-6 days'; makeToDate: $to ?: '+1 days'
// Times: the plugin stores and returns UTC 'Y-m-d H:i:s'; its client converts them
//   (dayjs(x).utc().local()), so the answer is UTC whatever the console's timezone.
//
// The console here runs in America/New_York (UTC-4 on 2026-03-25), "now" 2026-03-25T12:00:00Z.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../api/security/harness'

const hosts = [{ id: 1, name: 'Hana Host', email: 'hana@x.test' }]
const calendar_events = [
  { id: 1, host_id: 1, title: 'Intro', duration_minutes: 60 },
  { id: 2, host_id: 1, title: 'Workshop', duration_minutes: 60 },
]

function row(
  id: number,
  status: string,
  email: string | null,
  start: string,
  end: string,
  created: string,
  group: string | null = null,
  event = 1,
): Record<string, unknown> {
  return {
    id,
    event_id: event,
    host_id: 1,
    group_id: group,
    status,
    first_name: `G${id}`,
    last_name: 'Guest',
    email,
    start_time: start,
    end_time: end,
    created_at: created,
  }
}

// Windows without parameters: current [02-23 12:00Z, 03-25 12:00Z], comparison
// [01-24 12:00Z, 02-23 12:00Z]; both hold 02-23 12:00Z (booking 10).
const bookings = [
  // under way at now (ends 12:30Z): in next_meetings; created in the current window
  row(
    1,
    'scheduled',
    'Ann@x.test',
    '2026-03-25T11:30:00Z',
    '2026-03-25T12:30:00Z',
    '2026-03-20T10:00:00Z',
  ),
  // group g1 (two guests), tomorrow; created 03-24 23:30Z (NY: 19:30 on the 24th)
  row(
    2,
    'scheduled',
    'ann@x.test',
    '2026-03-26T15:00:00Z',
    '2026-03-26T16:00:00Z',
    '2026-03-24T23:30:00Z',
    'g1',
    2,
  ),
  // created 03-25 02:00Z = 22:00 on the 24th in New York: a UTC day apart
  row(
    3,
    'scheduled',
    null,
    '2026-03-26T15:00:00Z',
    '2026-03-26T16:00:00Z',
    '2026-03-25T02:00:00Z',
    'g1',
    2,
  ),
  row(
    4,
    'completed',
    'bob@x.test',
    '2026-03-10T09:00:00Z',
    '2026-03-10T09:30:00Z',
    '2026-03-01T08:00:00Z',
  ),
  row(
    5,
    'cancelled',
    'bob@x.test',
    '2026-02-10T09:00:00Z',
    '2026-02-10T09:30:00Z',
    '2026-02-05T12:00:00Z',
  ),
  row(6, 'cancelled', null, '2026-03-15T10:00:00Z', '2026-03-15T10:30:00Z', '2026-03-12T12:00:00Z'),
  row(
    7,
    'pending',
    'cy@x.test',
    '2026-04-01T10:00:00Z',
    '2026-04-01T10:30:00Z',
    '2026-03-18T00:00:00Z',
  ),
  // ended an hour before now: not a next meeting; created long before both windows
  row(
    8,
    'scheduled',
    'Dee@x.test',
    '2026-03-25T10:00:00Z',
    '2026-03-25T11:00:00Z',
    '2026-01-10T00:00:00Z',
  ),
  row(
    9,
    'cancelled',
    'Eve@x.test',
    '2026-02-12T09:00:00Z',
    '2026-02-12T09:30:00Z',
    '2026-02-01T00:00:00Z',
  ),
  // created exactly at now - 30 days: in both windows (whereBetween on both)
  row(
    10,
    'rejected',
    'Fay@x.test',
    '2026-02-24T09:00:00Z',
    '2026-02-24T09:30:00Z',
    '2026-02-23T12:00:00Z',
  ),
]

let harness: Harness

beforeAll(async () => {
  harness = await startHarness(
    { hosts, calendar_events, bookings },
    { timezone: 'America/New_York' },
  )
})

afterAll(async () => {
  await harness.close()
})

async function get<T>(url: string): Promise<T> {
  const response = await harness.get(url, { authorization: `Bearer ${harness.token}` })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<T>()
}

interface Widget {
  title: string
  number: number
  content: string
  stat: number
}
type Booking = Record<string, unknown>
interface ReportsBody {
  overview: Widget[]
  latest_books: Booking[]
  next_meetings: Booking[]
}
type Stats = Record<string, number>
interface GraphBody {
  booked_stats: Stats
  completed_stats: Stats
  cancelled_stats: Stats
}

const figures = (body: ReportsBody) =>
  body.overview.map(({ title, number, stat, content }) => ({ title, number, stat, content }))

describe('FluentBooking overview widgets', () => {
  it('no parameters: all-time numbers, rolling 30-day windows sharing their boundary', async () => {
    // Current created_at: 1,2,3,4,6,7,10 = 7; comparison 5,9,10 = 3 -> (7-3)/3 = 133.33.
    // Completed by end_time: 4 against none -> 100. Cancelled by end_time: current 6 (1),
    // comparison 5 and 9 (2) -> -50 (the plugin's swap would say +100).
    // Guests, PHP unique: current Ann, ann, null, bob, cy, Fay = 6; comparison bob, Eve, Fay
    // = 3 -> 100. All-time guests, MySQL distinct: ann, bob, cy, dee, eve, fay = 6.
    const body = await get<ReportsBody>('/reports')
    expect(figures(body)).toEqual([
      { title: 'Total Bookings', number: 10, stat: 133.33, content: 'More than last month' },
      { title: 'Completed Bookings', number: 1, stat: 100, content: 'More than last month' },
      { title: 'Cancelled Bookings', number: 3, stat: -50, content: 'Less than last month' },
      { title: 'Total Guests', number: 6, stat: 100, content: 'More than last month' },
    ])
  })

  it('a period: guests keep case and count a missing email once', async () => {
    // 2026-03-10 00:00 .. 2026-03-20 00:00 New York = 04:00Z .. 04:00Z, 10 days; comparison
    // [02-28 04:00Z, 03-10 04:00Z]. Created in the period: 6 (null), 7 (cy) -> 2 bookings,
    // 2 guests; before: 4 (bob) -> 1 booking, 1 guest.
    const body = await get<ReportsBody>(
      '/reports?startTime=2026-03-10%2000:00:00&endTime=2026-03-20%2000:00:00',
    )
    expect(body.overview[0]).toMatchObject({ number: 2, stat: 100 })
    expect(body.overview[3]).toMatchObject({ title: 'Total Guests', number: 2, stat: 100 })
  })

  it('nothing against nothing: 100, as getPercentage answers', async () => {
    const body = await get<ReportsBody>(
      '/reports?startTime=2025-01-01%2000:00:00&endTime=2025-01-02%2000:00:00',
    )
    for (const widget of figures(body)) {
      expect(widget, widget.title).toMatchObject({
        number: 0,
        stat: 100,
        content: 'More than last month',
      })
    }
  })
})

describe('FluentBooking latest bookings and next meetings', () => {
  it('next_meetings: a meeting under way included, one per group, UTC times, event_type', async () => {
    // scheduled and end_time >= now: 1 (under way), 2 and 3 (group g1); 8 has ended. Soonest
    // first, then created_at descending (->latest()): g1 is shown by 3.
    const body = await get<ReportsBody>('/reports')
    expect(body.next_meetings.map((meeting) => meeting.id)).toEqual([1, 3])
    const [single, group] = body.next_meetings as [Booking, Booking]
    expect(single).toMatchObject({
      start_time: '2026-03-25 11:30:00',
      end_time: '2026-03-25 12:30:00',
      created_at: '2026-03-20 10:00:00',
      event_type: 'single',
      title: 'Intro with G1 Guest',
      author: { name: 'Hana Host' },
    })
    expect('booked_count' in single).toBe(false)
    expect(group).toMatchObject({
      start_time: '2026-03-26 15:00:00',
      event_type: 'group',
      booked_count: 2,
      author: { name: 'Hana Host' },
    })
    // Dashboard.vue: ['group', 'group_event'].includes(schedule.event_type)
    expect(['group', 'group_event'].includes(String(group.event_type))).toBe(true)
  })

  it('latest_books: the fields the dashboard reads, times in UTC', async () => {
    const body = await get<ReportsBody>('/reports')
    expect(body.latest_books.map((booking) => booking.id)).toEqual([3, 2, 1, 7, 4])
    const newest = body.latest_books[0]!
    // Dashboard.vue bookingTitle(): schedule.first_name, last_name, created_at; id for View
    expect(typeof newest.id).toBe('number')
    expect(newest.first_name).toBe('G3')
    expect(newest.last_name).toBe('Guest')
    expect(newest.created_at).toBe('2026-03-25 02:00:00')
    expect(newest.event_type).toBe('group')
  })

  it('activities are stamped +00:00 whatever the console timezone', async () => {
    const local = await startHarness(
      {
        booking_activities: [
          {
            id: 1,
            booking_id: null,
            parent_id: null,
            created_by: null,
            status: 'closed',
            type: 'info',
            title: 'Booking Created',
            description: null,
            created_at: '2026-03-20T10:00:00Z',
            updated_at: '2026-03-20T10:00:05Z',
          },
        ],
      },
      { timezone: 'America/New_York' },
    )
    try {
      const response = await local.get('/reports/activities', {
        authorization: `Bearer ${local.token}`,
      })
      const [activity] = response.json<{ activities: Booking[] }>().activities
      expect(activity).toMatchObject({
        created_at: '2026-03-20T10:00:00+00:00',
        updated_at: '2026-03-20T10:00:05+00:00',
      })
    } finally {
      await local.close()
    }
  })
})

const range = (first: string, last: string): string =>
  `/reports/graph-reports?date_range[0]=${first}&date_range[1]=${last}`

describe('FluentBooking graph reports', () => {
  it('a week: 7 keys (the end day excluded), scheduled only, UTC days', async () => {
    // DatePeriod 03-18 .. 03-24; 7 (pending, 03-18) is not booked; 2 on 03-24 (UTC);
    // 3 was created 03-25 02:00Z: the excluded end day, though 03-24 in New York.
    const body = await get<GraphBody>(range('2026-03-18', '2026-03-25'))
    const zeros = {
      '2026-03-18': 0,
      '2026-03-19': 0,
      '2026-03-20': 0,
      '2026-03-21': 0,
      '2026-03-22': 0,
      '2026-03-23': 0,
      '2026-03-24': 0,
    }
    expect(body.booked_stats).toStrictEqual({ ...zeros, '2026-03-20': 1, '2026-03-24': 1 })
    expect(Object.keys(body.booked_stats)).toEqual(Object.keys(zeros))
    expect(body.completed_stats).toStrictEqual(zeros)
    expect(body.cancelled_stats).toStrictEqual(zeros)
  })

  it('62 days between the ends: daily; 63: 7-day steps', async () => {
    const daily = await get<GraphBody>(range('2026-01-01', '2026-03-04'))
    expect(Object.keys(daily.booked_stats)).toHaveLength(62)
    expect(daily.booked_stats['2026-01-10']).toBe(1) // booking 8
    // 63 days: steps from 01-01 while before 03-05 -> 01-01 + 0..8 weeks = 9 keys
    const weekly = await get<GraphBody>(range('2026-01-01', '2026-03-05'))
    expect(Object.keys(weekly.booked_stats)).toEqual([
      '2026-01-01',
      '2026-01-08',
      '2026-01-15',
      '2026-01-22',
      '2026-01-29',
      '2026-02-05',
      '2026-02-12',
      '2026-02-19',
      '2026-02-26',
    ])
    expect(weekly.booked_stats['2026-01-08']).toBe(1) // 8, created 01-10
    expect(weekly.cancelled_stats['2026-01-29']).toBe(1) // 9, created 02-01
    expect(weekly.cancelled_stats['2026-02-05']).toBe(1) // 5, created 02-05
    expect(weekly.completed_stats['2026-02-26']).toBe(1) // 4, created 03-01
  })

  it('92 days between the ends: weekly; 93: monthly, keyed by DatePeriod month steps', async () => {
    const weekly = await get<GraphBody>(range('2026-01-01', '2026-04-03'))
    expect(Object.keys(weekly.booked_stats)).toHaveLength(14) // 01-01 + 13 weeks = 04-02
    // 2025-10-31 + P1M steps: 10-31, 12-01 (Nov 31 overflows), 01-01, 02-01, 03-01
    const monthly = await get<GraphBody>(range('2025-10-31', '2026-03-10'))
    expect(Object.keys(monthly.booked_stats)).toEqual([
      'Oct 2025',
      'Dec 2025',
      'Jan 2026',
      'Feb 2026',
      'Mar 2026',
    ])
    // each step [point, next point): Jan 2026 holds 8; Feb 2026 holds 9 and 5; Mar 2026
    // [03-01, 03-10) holds 4 (completed 03-01) and 6 (cancelled 03-12 is out)
    expect(monthly.booked_stats['Jan 2026']).toBe(1)
    expect(monthly.cancelled_stats['Feb 2026']).toBe(2)
    expect(monthly.completed_stats['Mar 2026']).toBe(1)
    expect(monthly.cancelled_stats['Mar 2026']).toBe(0)
  })
})
