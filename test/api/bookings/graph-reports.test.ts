// Rule (API.md section 4 "graph-reports", docs/api.md; issue #13 item 3, the plugin's
// ReportingHelperTrait decides where the doc is silent): booked (status scheduled only,
// `$fetchBookingsByStatus('scheduled')`), completed and cancelled bookings by created_at in UTC
// days over date_range [start, end) (`new \DatePeriod($from, $interval, $to)` excludes the end
// day; default `-6 days` .. `+1 days`: the last 7 days with today); the step by the days between
// the ends (`$to->diff($from)`): up to 62 daily `YYYY-MM-DD` keys, 63 to 92 7-day steps keyed by
// each step's first day (last step may be short), over 92 month steps `Mon YYYY`; every bucket
// present in order, zeros included; equal or reversed ends give empty objects; date_range[0]/[1]
// or date_range[] twice; 400 in the WordPress shape for a bad date.
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

type Stats = Record<string, number>

interface GraphBody {
  booked_stats: Stats
  completed_stats: Stats
  cancelled_stats: Stats
}

async function graph(prefix: string, query = ''): Promise<GraphBody> {
  const response = await harness.get(`${prefix}/graph-reports${query}`, {
    authorization: `Token ${harness.token}`,
  })
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
  return response.json<GraphBody>()
}

function range(first: string, last: string): string {
  return `?date_range[0]=${first}&date_range[1]=${last}`
}

/** Every day from `first` to `last`, both included. */
function days(first: string, last: string): string[] {
  const keys: string[] = []
  for (let at = Date.parse(first); at <= Date.parse(last); at += 86_400_000) {
    keys.push(new Date(at).toISOString().slice(0, 10))
  }
  return keys
}

/** `keys` mapped to 0, except the hand-counted `counts`. */
function stats(keys: readonly string[], counts: Stats = {}): Stats {
  for (const key of Object.keys(counts)) expect(keys, key).toContain(key)
  return Object.fromEntries(keys.map((key) => [key, counts[key] ?? 0]))
}

function expectStats(actual: Stats, expected: Stats): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected))
  expect(actual).toEqual(expected)
}

describe.each(PREFIXES)('%s/graph-reports', (prefix) => {
  it('defaults to the last 7 days, today included, daily', async () => {
    const body = await graph(prefix)
    const keys = days('2026-03-19', '2026-03-25')
    // scheduled: 10 (03-20), 12 (03-22), 14 and 21 (03-24), 16 (03-25); 11, 15, 22 are not
    expectStats(
      body.booked_stats,
      stats(keys, { '2026-03-20': 1, '2026-03-22': 1, '2026-03-24': 2, '2026-03-25': 1 }),
    )
    expectStats(body.completed_stats, stats(keys, { '2026-03-23': 1 }))
    expectStats(body.cancelled_stats, stats(keys, { '2026-03-19': 1 }))
  })

  it('a month [03-01, 04-01): 31 daily keys, the end day out, days after today as zeros', async () => {
    const body = await graph(prefix, range('2026-03-01', '2026-04-01'))
    const keys = days('2026-03-01', '2026-03-31')
    expect(keys).toHaveLength(31)
    expectStats(
      body.booked_stats,
      stats(keys, {
        '2026-03-05': 1,
        '2026-03-18': 2,
        '2026-03-20': 1,
        '2026-03-22': 1,
        '2026-03-24': 2,
        '2026-03-25': 1,
      }),
    )
    expectStats(
      body.completed_stats,
      stats(keys, {
        '2026-03-01': 1,
        '2026-03-05': 1,
        '2026-03-10': 1,
        '2026-03-12': 1,
        '2026-03-23': 1,
      }),
    )
    expectStats(body.cancelled_stats, stats(keys, { '2026-03-15': 1, '2026-03-19': 1 }))
  })

  it('the end day is left out: [03-01, 03-31) has 30 keys', async () => {
    const body = await graph(prefix, range('2026-03-01', '2026-03-31'))
    expect(Object.keys(body.booked_stats)).toEqual(days('2026-03-01', '2026-03-30'))
  })

  it('the date_range[] form and the URL-encoded form answer the same', async () => {
    const indexed = await graph(prefix, range('2026-03-01', '2026-03-31'))
    const pushed = await graph(prefix, '?date_range[]=2026-03-01&date_range[]=2026-03-31')
    const encoded = await graph(
      prefix,
      '?date_range%5B0%5D=2026-03-01&date_range%5B1%5D=2026-03-31',
    )
    const encodedPushed = await graph(
      prefix,
      '?date_range%5B%5D=2026-03-01&date_range%5B%5D=2026-03-31',
    )
    expect(pushed).toEqual(indexed)
    expect(encoded).toEqual(indexed)
    expect(encodedPushed).toEqual(indexed)
  })

  it('one day [03-24, 03-25): one key', async () => {
    const body = await graph(prefix, range('2026-03-24', '2026-03-25'))
    // 14 and 21 are scheduled; 15 (rejected) is not booked
    expectStats(body.booked_stats, { '2026-03-24': 2 })
    expectStats(body.completed_stats, { '2026-03-24': 0 })
    expectStats(body.cancelled_stats, { '2026-03-24': 0 })
  })

  it('equal or reversed ends: an empty DatePeriod, empty objects', async () => {
    for (const query of [range('2026-03-24', '2026-03-24'), range('2026-03-10', '2026-03-01')]) {
      expect(await graph(prefix, query), query).toEqual({
        booked_stats: {},
        completed_stats: {},
        cancelled_stats: {},
      })
    }
  })

  it('62 days between the ends: still daily', async () => {
    const body = await graph(prefix, range('2026-01-24', '2026-03-27'))
    const keys = days('2026-01-24', '2026-03-26')
    expect(keys).toHaveLength(62)
    expectStats(
      body.booked_stats,
      stats(keys, {
        '2026-03-05': 1,
        '2026-03-18': 2,
        '2026-03-20': 1,
        '2026-03-22': 1,
        '2026-03-24': 2,
        '2026-03-25': 1,
      }),
    )
  })

  it('63 days between the ends: nine 7-day steps keyed by their first day', async () => {
    const body = await graph(prefix, range('2026-01-24', '2026-03-28'))
    const keys = [
      '2026-01-24',
      '2026-01-31',
      '2026-02-07',
      '2026-02-14',
      '2026-02-21',
      '2026-02-28',
      '2026-03-07',
      '2026-03-14',
      '2026-03-21',
    ]
    // [02-28, 03-07): 18; [03-14, 03-21): 7, 8, 10; [03-21, 03-28): 12, 14, 21, 16
    expectStats(
      body.booked_stats,
      stats(keys, { '2026-02-28': 1, '2026-03-14': 3, '2026-03-21': 4 }),
    )
    expectStats(
      body.completed_stats,
      stats(keys, { '2026-02-07': 1, '2026-02-28': 2, '2026-03-07': 2, '2026-03-21': 1 }),
    )
    expectStats(body.cancelled_stats, stats(keys, { '2026-02-14': 1, '2026-03-14': 2 }))
  })

  it('64 days between the ends: the last step is one day long', async () => {
    const body = await graph(prefix, range('2026-01-21', '2026-03-26'))
    const keys = [
      '2026-01-21',
      '2026-01-28',
      '2026-02-04',
      '2026-02-11',
      '2026-02-18',
      '2026-02-25',
      '2026-03-04',
      '2026-03-11',
      '2026-03-18',
      '2026-03-25',
    ]
    // [03-04, 03-11): 18; [03-18, 03-25): 7, 8, 10, 12, 14, 21; [03-25, 03-26): 16
    expectStats(
      body.booked_stats,
      stats(keys, { '2026-03-04': 1, '2026-03-18': 6, '2026-03-25': 1 }),
    )
    expectStats(
      body.completed_stats,
      stats(keys, {
        '2026-02-04': 1,
        '2026-02-25': 1,
        '2026-03-04': 2,
        '2026-03-11': 1,
        '2026-03-18': 1,
      }),
    )
    expectStats(
      body.cancelled_stats,
      stats(keys, { '2026-02-11': 1, '2026-03-11': 1, '2026-03-18': 1 }),
    )
  })

  it('92 days between the ends: still 7-day steps (13 full and a short one)', async () => {
    const body = await graph(prefix, range('2025-12-25', '2026-03-27'))
    const keys = [
      '2025-12-25',
      '2026-01-01',
      '2026-01-08',
      '2026-01-15',
      '2026-01-22',
      '2026-01-29',
      '2026-02-05',
      '2026-02-12',
      '2026-02-19',
      '2026-02-26',
      '2026-03-05',
      '2026-03-12',
      '2026-03-19',
      '2026-03-26',
    ]
    // [03-05, 03-12): 18; [03-12, 03-19): 7, 8; [03-19, 03-26): 10, 12, 14, 21, 16
    expectStats(
      body.booked_stats,
      stats(keys, { '2026-03-05': 1, '2026-03-12': 2, '2026-03-19': 5 }),
    )
  })

  it('93 days between the ends: month steps keyed Mon YYYY', async () => {
    const body = await graph(prefix, range('2025-12-24', '2026-03-27'))
    const keys = ['Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026']
    expect(Object.keys(body.booked_stats)).toEqual(keys)
    expect(Object.keys(body.completed_stats)).toEqual(keys)
    expect(Object.keys(body.cancelled_stats)).toEqual(keys)
  })

  it('four whole months: counts per month, empty months as zeros', async () => {
    const body = await graph(prefix, range('2025-12-01', '2026-04-01'))
    // scheduled in March: 7, 8, 10, 12, 14, 16, 18, 21
    expectStats(body.booked_stats, {
      'Dec 2025': 0,
      'Jan 2026': 0,
      'Feb 2026': 0,
      'Mar 2026': 8,
    })
    expectStats(body.completed_stats, {
      'Dec 2025': 1,
      'Jan 2026': 0,
      'Feb 2026': 1,
      'Mar 2026': 5,
    })
    expectStats(body.cancelled_stats, {
      'Dec 2025': 0,
      'Jan 2026': 0,
      'Feb 2026': 1,
      'Mar 2026': 2,
    })
  })

  it('400 in the WordPress shape for a bad date', async () => {
    for (const query of [
      range('2026-13-40', '2026-03-01'),
      range('2026-02-30', '2026-03-01'),
      range('2026-03-01', 'tomorrow'),
    ]) {
      const response = await harness.get(`${prefix}/graph-reports${query}`, {
        authorization: `Token ${harness.token}`,
      })
      expect(response.statusCode, query).toBe(400)
      expect(response.json(), query).toEqual({
        code: 'rest_invalid_param',
        message: expect.stringContaining('date_range'),
        data: { status: 400 },
      })
    }
  })
})
