// Rule (DATA.md "Time"): per-day counts put each row in the local day whose [start, next start)
// holds its instant, wherever that start falls: between quarter hours (Africa/Monrovia was
// -00:44:30 until 1972, so its days began at 00:44:30Z), before 1970, or after a fall-back that
// runs the wall date backwards (America/Moncton 2006-10-29 00:00:59 ADT -> 10-28 23:01 AST).
// "The last N days" starts where that day starts. Expected days are worked out by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DbClient } from '../db/client'
import { countByDay, lastDays, type AnalyticsContext } from './context'
import { EventStreams } from './event-stream'

const at = (iso: string): number => Date.parse(iso)

describe('countByDay', () => {
  let db: DbClient
  const contextIn = (timeZone: string, now = at('2026-01-01T00:00:00Z')): AnalyticsContext => ({
    db,
    now,
    timeZone,
    streams: new EventStreams(db),
  })
  const perDay = async (timeZone: string, start = 0): Promise<Record<string, number>> => {
    const byDay = await countByDay(
      contextIn(timeZone),
      (slot) =>
        `SELECT ${slot('created_at')} AS slot, count(*) AS n FROM contact_events
         WHERE created_at BETWEEN :start AND :end GROUP BY slot`,
      { start, end: Date.parse('2100-01-01T00:00:00Z') },
    )
    return Object.fromEntries([...byDay].map(([date, counts]) => [date, counts.get('')!]))
  }
  const events = (...instants: string[]) =>
    db.write(
      instants.map((iso, index) => ({
        sql: `INSERT INTO contact_events (id, workspace_id, event_type, created_at)
              VALUES (:id, 'acme', 'page_view', :at)`,
        params: { id: `e${index}`, at: at(iso) },
      })),
    )

  beforeEach(async () => {
    db = await DbClient.open(null)
  })
  afterEach(async () => {
    await db.close()
  })

  it('splits a quarter hour that a day starts inside (Africa/Monrovia, -00:44:30)', async () => {
    // 1971-06-10 starts at 00:44:30Z; both instants lie in the slot 00:30-00:45Z.
    await events('1971-06-10T00:44:29Z', '1971-06-10T00:44:30Z', '1971-06-10T00:31:00Z')
    expect(await perDay('Africa/Monrovia', at('1971-01-01T00:00:00Z'))).toEqual({
      '1971-06-09': 2,
      '1971-06-10': 1,
    })
  })

  it('puts instants before 1970 in their own day (UTC and a zone)', async () => {
    await events('1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '1969-12-31T14:59:59Z')
    const before1970 = at('1969-01-01T00:00:00Z')
    expect(await perDay('UTC', before1970)).toEqual({ '1969-12-31': 2, '1970-01-01': 1 })
    // Tokyo (+09:00): 1970-01-01 started at 1969-12-31T15:00Z.
    expect(await perDay('Asia/Tokyo', before1970)).toEqual({ '1969-12-31': 1, '1970-01-01': 2 })
  })

  it('counts the repeated 23:01-23:59 after Moncton began 2006-10-29 in that day', async () => {
    // 03:00Z is 00:00 ADT of 10-29; 03:30Z and 03:59Z read 10-28 23:30 and 23:59 AST, but
    // 10-29 has begun.
    await events('2006-10-29T02:59:59Z', '2006-10-29T03:30:00Z', '2006-10-29T03:59:00Z')
    expect(await perDay('America/Moncton', at('2006-01-01T00:00:00Z'))).toEqual({
      '2006-10-28': 1,
      '2006-10-29': 2,
    })
  })
})

describe('lastDays', () => {
  const context = (now: string, timeZone: string): AnalyticsContext => ({
    db: null as unknown as DbClient,
    now: at(now),
    timeZone,
    streams: null as unknown as EventStreams,
  })

  it('America/Santiago 2026-09-06 (00:00 -> 01:00): today starts at 01:00 -03, 04:00Z', () => {
    expect(lastDays(context('2026-09-06T15:00:00Z', 'America/Santiago'), 1)).toEqual({
      days: 1,
      start: at('2026-09-06T04:00:00Z'),
      end: at('2026-09-06T15:00:00Z'),
      firstDate: '2026-09-06',
      today: '2026-09-06',
    })
  })

  it('Australia/Sydney 2026-10-04 (02:00 -> 03:00): today started at 00:00 +10', () => {
    const window = lastDays(context('2026-10-04T05:00:00Z', 'Australia/Sydney'), 2)
    expect([window.firstDate, window.start]).toEqual(['2026-10-03', at('2026-10-02T14:00:00Z')])
    expect(lastDays(context('2026-10-04T05:00:00Z', 'Australia/Sydney'), 1).start).toBe(
      at('2026-10-03T14:00:00Z'),
    )
  })
})
