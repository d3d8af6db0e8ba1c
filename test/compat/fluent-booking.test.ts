// Replay of the FluentBooking plugin's own admin client against Sextant (issue #13, items 1 and
// 7): the requests its dashboard makes, with URLs built by the real jQuery 3 (`jQuery.ajax`, whose
// GET serialisation is `jQuery.param`) in Debian Chromium, answered by Sextant and read the way
// the client reads them. Expected figures are counted by hand from the fixture below, following
// the plugin's code (WPManageNinja/fluent-booking 2.0.0):
//
// resources/admin/Bits/Rest.js, every request:
//     const headers = {'X-WP-Nonce': window.fluentFrameworkAdmin.rest.nonce};
//     data.query_timestamp = Date.now();
//     window.jQuery.ajax({ url: `${rest.url}/${route}`, type: method, headers, data })
// resources/admin/Components/Dashboard.vue, on mount and when the filter is cleared:
//     const startDate = this.filterDate ? this.filterDate[0] : '';
//     this.$get('reports', { startTime: this.convertDate(startDate), endTime: ... })  // '' -> ''
//     this.widgets = response.overview; ... response.latest_books; ... response.next_meetings;
// resources/admin/Pieces/_ReportChat.vue:
//     this.$get('reports/graph-reports', { date_range: this.filterChartsDate })  // '' at first
//     const extractData = (stats) => Object.entries(stats).map(([key, value]) => ({ key, value }));
// app/Http/Controllers/ReportController.php, getReports:
//     if ($startTime && $endTime) { ...convertToUtc($startTime, $timeZone)... }   // '' is false
//     else { ... $bookingWidgetNumbers = $this->getAllBookingWidgetNumbers(); }
//     getAllBookingWidgetNumbers: Booking::count(); where('status','completed')->count(); ...
//     getBookingWidgetNumbers: whereBetween('created_at', [$startTime, $endTime]) for the total,
//                              whereBetween('end_time', ...) for completed / cancelled
// app/Services/DateTimeHelper.php: new \DateTime($dateTime, new \DateTimeZone($timezone))
//     (an ISO string's own `Z` or offset wins over the site timezone)
// getGraphReports:
//     list($startDate, $endDate) = $request->get('date_range') ?: ['', ''];
//     ->whereBetween('created_at', [$from->format('Y-m-d'), $to->format('Y-m-d')])
//     $totalBooked = $fetchBookingsByStatus('scheduled');
// app/Services/ReportingHelperTrait.php:
//     $from = $from ?: '-6 days';  $to = $to ?: '+1 days';  return new \DateTime(...);
//     return new \DatePeriod($from, new \DateInterval($interval), $to);   // $to excluded
//
// So, at "now" 2026-03-25 12:00 UTC: no range -> DatePeriod [03-19 12:00, 03-26 12:00) keyed
// 03-19..03-25; [2026-03-01, 2026-03-24] -> 03-01..03-23; a start alone -> up to now + 1 day,
// which keys tomorrow (03-26 00:00 < 03-26 12:00); an end alone -> from 03-19 12:00, keyed
// 03-19..end-1; reversed -> an empty DatePeriod and an empty BETWEEN: no keys (PHP's `[]`; the
// doc calls each stats value a key-value map, so Sextant answers `{}`, which the client's
// Object.entries reads the same way).
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../e2e/harness'
import { startHarness, type Harness } from '../api/security/harness'

const JQUERY = createRequire(import.meta.url).resolve('jquery/dist/jquery.js')
/** The nonce WordPress would print into the admin page; Sextant ignores it. */
const NONCE = 'a1b2c3d4e5'
/** The client's Date.now() for query_timestamp: any value, fixed so the URLs are known. */
const TIMESTAMP = 1774440000000

function booking(
  id: number,
  status: string,
  email: string,
  created: string,
  start: string,
): Record<string, unknown> {
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString()
  return {
    id,
    event_id: 7,
    host_id: 1,
    group_id: null,
    status,
    first_name: `Guest${id}`,
    last_name: 'Test',
    email,
    start_time: start,
    end_time: end,
    created_at: created,
  }
}

// Five bookings, distinct lower-case e-mails but one (a@), so every count is unambiguous.
const fixture = {
  // one of each other family, for the unknown-parameter check
  workspaces: [{ id: 'acme', name: 'Acme', created_at: '2026-01-01T00:00:00Z' }],
  organisations: [
    { id: 'o1', name: 'North', domain_handle: 'north.example', created_at: '2026-01-01' },
  ],
  calendar_events: [{ id: 7, host_id: 1, title: '30 Minute Consultation', duration_minutes: 30 }],
  hosts: [{ id: 1, name: 'Host One', email: 'host@example.com' }],
  bookings: [
    // all-time only: completed and cancelled long ago (end_time in January)
    booking(1, 'completed', 'a@example.com', '2026-01-10T09:00:00Z', '2026-01-12T10:00:00Z'),
    booking(2, 'cancelled', 'b@example.com', '2026-01-11T09:00:00Z', '2026-01-13T10:00:00Z'),
    // created in March, meetings in April
    booking(3, 'scheduled', 'c@example.com', '2026-03-02T09:00:00Z', '2026-04-01T10:00:00Z'),
    booking(4, 'scheduled', 'a@example.com', '2026-03-21T09:00:00Z', '2026-04-02T10:00:00Z'),
    booking(5, 'scheduled', 'd@example.com', '2026-03-23T15:00:00Z', '2026-04-03T10:00:00Z'),
  ],
}

let harness: Harness
let browser: Browser
let page: Page

beforeAll(async () => {
  harness = await startHarness(fixture)
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setContent('<!doctype html><html><head></head><body></body></html>')
  await page.addScriptTag({ path: JQUERY })
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
})

interface Built {
  url: string
  headers: Record<string, string>
}

/**
 * Rest.js's request() for a GET, run by the real jQuery.ajax; beforeSend captures the URL it
 * built (jQuery appends the serialised data to a GET's URL before calling it) and cancels.
 */
async function build(restUrl: string, route: string, data: unknown): Promise<Built> {
  return page.evaluate(
    ({ restUrl, route, data, nonce, timestamp }) => {
      const $ = (globalThis as unknown as { jQuery: JQueryLike }).jQuery
      const payload = { ...(data as Record<string, unknown>), query_timestamp: timestamp }
      const headers = { 'X-WP-Nonce': nonce }
      let url = ''
      $.ajax({
        url: `${restUrl}/${route}`,
        type: 'GET',
        headers,
        data: payload,
        beforeSend: (_xhr: unknown, settings: { url: string }) => {
          url = settings.url
          return false
        },
      })
      return { url, headers }
    },
    { restUrl, route, data, nonce: NONCE, timestamp: TIMESTAMP },
  )
}

interface JQueryLike {
  ajax(settings: Record<string, unknown>): unknown
}

/** Sends the built request to Sextant, with the token the client would be given. */
async function send(
  built: Built,
): Promise<{ status: number; body: unknown; raw: string; url: string }> {
  const url = built.url.replace(/^https?:\/\/[^/]+/, '')
  const response = await harness.get(url, {
    ...built.headers,
    authorization: `Bearer ${harness.token}`,
  })
  return { status: response.statusCode, body: response.json(), raw: response.body, url }
}

const PRETTY = 'http://site.example/wp-json/fluent-booking/v2'
const PLAIN = 'http://site.example/?rest_route=/fluent-booking/v2'
const PLAIN_INDEX = 'http://site.example/index.php?rest_route=/fluent-booking/v2'

interface Widget {
  title: string
  number: number
  stat: number
  content: string
  period?: string
}

/** What Dashboard.vue reads: overview[] title/number/stat/content/period, and the two lists. */
function readReports(body: unknown): Record<string, number> {
  const response = body as {
    overview: Widget[]
    latest_books: { id: number; first_name: string; last_name: string; created_at: string }[]
    next_meetings: { id: number; start_time: string; end_time: string; title: string }[]
  }
  expect(Array.isArray(response.latest_books)).toBe(true)
  expect(Array.isArray(response.next_meetings)).toBe(true)
  for (const book of response.latest_books) {
    expect(typeof book.first_name).toBe('string')
    expect(typeof book.created_at).toBe('string')
  }
  for (const meeting of response.next_meetings) {
    expect(typeof meeting.start_time).toBe('string')
    expect(typeof meeting.end_time).toBe('string')
  }
  const numbers: Record<string, number> = {}
  for (const widget of response.overview) {
    expect(typeof widget.number).toBe('number')
    expect(typeof widget.stat).toBe('number')
    expect(typeof widget.content).toBe('string')
    numbers[widget.title] = widget.number
  }
  return numbers
}

/** What _ReportChat.vue reads: Object.entries of each of the three stats. */
function readGraph(body: unknown): Record<string, [string, number][]> {
  const response = body as Record<string, Record<string, number>>
  const out: Record<string, [string, number][]> = {}
  for (const name of ['booked_stats', 'completed_stats', 'cancelled_stats']) {
    expect(typeof response[name]).toBe('object')
    out[name] = Object.entries(response[name]!)
  }
  return out
}

/** Daily keys first..last (both included) with the counts given, zeros elsewhere. */
function days(
  first: string,
  last: string,
  counts: Record<string, number> = {},
): [string, number][] {
  const out: [string, number][] = []
  for (let at = Date.parse(first); at <= Date.parse(last); at += 86_400_000) {
    const key = new Date(at).toISOString().slice(0, 10)
    out.push([key, counts[key] ?? 0])
  }
  return out
}

const ALL_TIME = {
  'Total Bookings': 5,
  'Completed Bookings': 1,
  'Cancelled Bookings': 1,
  'Total Guests': 4,
}

describe('FluentBooking admin: GET reports', () => {
  it('on mount (empty startTime/endTime, query_timestamp, X-WP-Nonce): 200, all-time numbers', async () => {
    const built = await build(PRETTY, 'reports', { startTime: '', endTime: '' })
    expect(built.url).toBe(`${PRETTY}/reports?startTime=&endTime=&query_timestamp=${TIMESTAMP}`)
    const { status, body } = await send(built)
    expect(status).toBe(200)
    expect(readReports(body)).toEqual(ALL_TIME)
  })

  it('a picked range in the client format: created_at / end_time within it', async () => {
    // convertDate formats 'YYYY-MM-DD HH:MM:ss' (MM: the month, a slip of the client): March
    // midnights come out as 00:03:00, which the plugin reads as a time like any other.
    const built = await build(PRETTY, 'reports', {
      startTime: '2026-03-01 00:03:00',
      endTime: '2026-03-24 00:03:00',
    })
    const { status, body } = await send(built)
    expect(status).toBe(200)
    // created_at in range: #3, #4, #5 (guests c, a, d); end_time in range: none
    expect(readReports(body)).toEqual({
      'Total Bookings': 3,
      'Completed Bookings': 0,
      'Cancelled Bookings': 0,
      'Total Guests': 3,
    })
  })

  it('ISO startTime/endTime (the Z wins over the site timezone): 200, that range', async () => {
    const built = await build(PRETTY, 'reports', {
      startTime: '2026-03-01T00:00:00.000Z',
      endTime: '2026-03-22T00:00:00.000Z',
    })
    const { status, body } = await send(built)
    expect(status).toBe(200)
    // created_at in [03-01, 03-22]: #3 (c), #4 (a)
    expect(readReports(body)).toEqual({
      'Total Bookings': 2,
      'Completed Bookings': 0,
      'Cancelled Bookings': 0,
      'Total Guests': 2,
    })
  })

  it('an ISO startTime alone, or one side empty: as with neither', async () => {
    for (const data of [
      { startTime: '2026-03-01T00:00:00.000Z' },
      { startTime: '2026-03-01 00:00:00', endTime: '' },
      { startTime: '', endTime: '2026-03-01 00:00:00' },
    ]) {
      const { status, body, url } = await send(await build(PRETTY, 'reports', data))
      expect(status, url).toBe(200)
      expect(readReports(body), url).toEqual(ALL_TIME)
    }
  })

  it('the plain-permalink form ?rest_route= (at / and /index.php): the same answers', async () => {
    for (const rest of [PLAIN, PLAIN_INDEX]) {
      const built = await build(rest, 'reports', { startTime: '', endTime: '' })
      expect(built.url).toBe(`${rest}/reports&startTime=&endTime=&query_timestamp=${TIMESTAMP}`)
      const { status, body } = await send(built)
      expect(status, rest).toBe(200)
      expect(readReports(body), rest).toEqual(ALL_TIME)
    }
  })
})

describe('FluentBooking admin: GET reports/graph-reports', () => {
  const mountDays = days('2026-03-19', '2026-03-25', { '2026-03-21': 1, '2026-03-23': 1 })

  it('on mount (date_range= empty): the 7 days to today, scheduled counted', async () => {
    const built = await build(PRETTY, 'reports/graph-reports', { date_range: '' })
    expect(built.url).toBe(
      `${PRETTY}/reports/graph-reports?date_range=&query_timestamp=${TIMESTAMP}`,
    )
    const { status, body } = await send(built)
    expect(status).toBe(200)
    expect(readGraph(body)).toEqual({
      booked_stats: mountDays,
      completed_stats: days('2026-03-19', '2026-03-25'),
      cancelled_stats: days('2026-03-19', '2026-03-25'),
    })
  })

  it('date_range[]=&date_range[]= (an empty pair) and a cleared picker (null): as on mount', async () => {
    for (const value of [['', ''], null]) {
      const built = await build(PRETTY, 'reports/graph-reports', { date_range: value })
      const { status, body, url } = await send(built)
      expect(status, url).toBe(200)
      expect(readGraph(body).booked_stats, url).toEqual(mountDays)
    }
  })

  it('a picked range: its days, the end day excluded as the DatePeriod does', async () => {
    const built = await build(PRETTY, 'reports/graph-reports', {
      date_range: ['2026-03-01', '2026-03-24'],
    })
    expect(built.url).toBe(
      `${PRETTY}/reports/graph-reports?date_range%5B%5D=2026-03-01&date_range%5B%5D=2026-03-24&query_timestamp=${TIMESTAMP}`,
    )
    const { status, body } = await send(built)
    expect(status).toBe(200)
    expect(readGraph(body).booked_stats).toEqual(
      days('2026-03-01', '2026-03-23', { '2026-03-02': 1, '2026-03-21': 1, '2026-03-23': 1 }),
    )
  })

  it('one side only: the other defaults (-6 days from now, +1 day from now)', async () => {
    const cases: [unknown, [string, number][]][] = [
      // from 03-20 00:00 to 03-26 12:00: tomorrow keyed
      [['2026-03-20', ''], days('2026-03-20', '2026-03-26', { '2026-03-21': 1, '2026-03-23': 1 })],
      [['2026-03-20'], days('2026-03-20', '2026-03-26', { '2026-03-21': 1, '2026-03-23': 1 })],
      // from 03-19 12:00 to 03-24 00:00
      [['', '2026-03-24'], days('2026-03-19', '2026-03-23', { '2026-03-21': 1, '2026-03-23': 1 })],
    ]
    for (const [range, expected] of cases) {
      const built = await build(PRETTY, 'reports/graph-reports', { date_range: range })
      const { status, body, url } = await send(built)
      expect(status, url).toBe(200)
      expect(readGraph(body).booked_stats, url).toEqual(expected)
    }
  })

  it('reversed (or an empty span): 200 with three empty maps', async () => {
    for (const range of [
      ['2026-03-24', '2026-03-01'],
      ['2026-03-10', '2026-03-10'],
    ]) {
      const built = await build(PRETTY, 'reports/graph-reports', { date_range: range })
      const { status, body, raw, url } = await send(built)
      expect(status, url).toBe(200)
      expect(JSON.parse(raw), url).toEqual({
        booked_stats: {},
        completed_stats: {},
        cancelled_stats: {},
      })
      expect(readGraph(body).booked_stats).toEqual([])
    }
  })

  it('the plain-permalink form: the same answers; other routes as at /wp-json, none outside it', async () => {
    const built = await build(PLAIN, 'reports/graph-reports', { date_range: '' })
    const { status, body } = await send(built)
    expect(status).toBe(200)
    expect(readGraph(body).booked_stats).toEqual(mountDays)

    const activities = await send(await build(PLAIN_INDEX, 'reports/activities', {}))
    expect(activities.status).toBe(200)
    expect(Array.isArray((activities.body as { activities: unknown }).activities)).toBe(true)

    // Any other route answers as its /wp-json form does; a route with dots reaches nothing.
    const other = await send(await build(PLAIN, 'calendars', {}))
    const pretty = await send(await build(PRETTY, 'calendars', {}))
    expect(other.status).toBe(404)
    expect(other.body).toEqual(pretty.body)
    const climb = await send(
      await build('http://site.example/?rest_route=/..', 'api/v1/counts', {}),
    )
    expect(climb.status).toBe(404)
    expect(climb.body).toMatchObject({ code: 'rest_not_found', data: { status: 404 } })
  })

  it('still 400, in the WordPress shape: a bad day, a lone non-empty date_range=, three days', async () => {
    for (const data of [
      { date_range: ['2026-02-30', '2026-03-10'] },
      { date_range: '2026-03-01' },
      { date_range: ['2026-03-01', '2026-03-02', '2026-03-03'] },
    ]) {
      const { status, body, url } = await send(await build(PRETTY, 'reports/graph-reports', data))
      expect(status, url).toBe(400)
      expect(body, url).toEqual({
        code: 'rest_invalid_param',
        message: expect.stringContaining('date_range'),
        data: { status: 400 },
      })
    }
    const time = await send(
      await build(PRETTY, 'reports', {
        startTime: '2026-03-01T25:00:00.000Z',
        endTime: '2026-03-02T00:00:00.000Z',
      }),
    )
    expect(time.status).toBe(400)
    expect(time.body).toMatchObject({ code: 'rest_invalid_param', data: { status: 400 } })
  })

  it('without the token the nonce alone does not authenticate', async () => {
    const built = await build(PLAIN, 'reports', { startTime: '', endTime: '' })
    const response = await harness.get(built.url.replace(/^https?:\/\/[^/]+/, ''), built.headers)
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ data: { status: 401 } })
  })
})

describe('unknown query parameters (query_timestamp) are ignored, in every family', () => {
  it('answers each documented endpoint as without them', async () => {
    const auth = { authorization: `Bearer ${harness.token}` }
    for (const [url, headers] of [
      ['/api/workspaces/acme/analytics?days=7', auth],
      ['/api/workspaces/acme/analytics/timeseries?days=7', auth],
      ['/api/v2/platform/organisation/analytics', { ...auth, 'org-handle': 'north.example' }],
      ['/reports?startTime=2026-03-01%2000:00:00&endTime=2026-03-24%2000:00:00', auth],
      ['/reports/graph-reports?date_range[]=2026-03-01&date_range[]=2026-03-24', auth],
      ['/reports/activities', auth],
    ] as const) {
      const plain = await harness.get(url, headers)
      const extra = `${url}${url.includes('?') ? '&' : '?'}query_timestamp=${TIMESTAMP}&_=1`
      const withExtra = await harness.get(extra, headers)
      expect(plain.statusCode, url).toBe(200)
      expect(withExtra.statusCode, extra).toBe(200)
      expect(withExtra.json(), extra).toEqual(plain.json())
    }
  })
})
