// Rule: GET /api/v1/calls/daily counts an organisation's calls per local day of the last N
// days by outcome: only its contact spaces (or the one `space` names), by `created_at` in the
// console's timezone, up to now; outcomes outside DATA.md's six (or none) count as "other";
// `total` is the sum. The documented /api/v2 call analytics stay lifetime totals. Scope and
// input are checked as on the console's other routes. Expected series are worked out by hand
// from the eight calls below.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import { TimeZoneSetting } from '../../../src-main/core/settings'
import { createToken } from '../../../src-main/core/tokens/tokens'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
/** 12:00 UTC, 21:00 in Tokyo (UTC+9): "today" is 2026-03-25 in both. */
const NOW = Date.parse('2026-03-25T12:00:00Z')

const CALLS = [
  'id,space_id,task_id,status,outcome,duration_seconds,success_score,created_at',
  'c1,s1,,completed,interested,60,0.9,2026-03-23T10:00:00Z',
  'c2,s1,,completed,interested,30,0.8,2026-03-25T09:00:00Z',
  'c3,s2,,failed,failed,,,2026-03-25T11:00:00Z',
  // no outcome; 23:30 UTC on 03-24 is 08:30 on 03-25 in Tokyo
  'c4,s1,,not_connected,,,,2026-03-24T23:30:00Z',
  // one minute before the UTC window; 08:59 on 03-23 in Tokyo
  'c5,s1,,completed,call_back,20,0.5,2026-03-22T23:59:00Z',
  // a space that is not a contact space: never counted
  'c6,s3,,completed,interested,10,0.5,2026-03-24T10:00:00Z',
  // after now
  'c7,s1,,completed,interested,10,0.5,2026-03-25T12:30:00Z',
  // an outcome outside the six
  'c8,s2,,completed,voicemail,15,0.1,2026-03-24T08:00:00Z',
].join('\n')

interface Daily {
  days: number
  dates: string[]
  outcomes: Record<string, number[]>
  total: number[]
}

describe('GET /api/v1/calls/daily', () => {
  let db: DbClient
  let server: SextantServer
  let token: string
  let setting: TimeZoneSetting
  const auth = (secret = token): Record<string, string> => ({
    host: HOST,
    authorization: `Bearer ${secret}`,
  })
  const get = (url: string, secret = token) => server.inject({ url, headers: auth(secret) })
  const daily = async (query: string): Promise<Daily> => {
    const response = await get(`/api/v1/calls/daily?${query}`)
    expect(response.statusCode, response.body).toBe(200)
    return response.json()
  }

  beforeAll(async () => {
    db = await DbClient.open(null)
    const clock = fixedClock(NOW)
    token = (await createToken(db, clock, { name: 'ui' })).token
    const base = mkdtempSync(join(tmpdir(), 'sextant-calls-daily-'))
    try {
      writeFileSync(
        join(base, 'organisations.csv'),
        'id,name,domain_handle,created_at\no1,Acme,acme,2026-01-01T00:00:00Z\no2,Globex,globex,2026-01-01T00:00:00Z\n',
      )
      writeFileSync(
        join(base, 'spaces.csv'),
        'id,organisation_id,token,name,content_type,created_at\n' +
          's1,o1,tok-s1,Leads,contact,2026-01-01T00:00:00Z\n' +
          's2,o1,tok-s2,Renewals,contact,2026-01-01T00:00:00Z\n' +
          's3,o1,tok-s3,Docs,document,2026-01-01T00:00:00Z\n' +
          's4,o2,tok-s4,Other,contact,2026-01-01T00:00:00Z\n',
      )
      writeFileSync(join(base, 'calls.csv'), `${CALLS}\n`)
      await db.import([{ path: base }])
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
    setting = await TimeZoneSetting.load(db, {})
    server = createServer({
      db,
      clock,
      version: 'test',
      port: () => PORT,
      settings: setting,
      timezone: () => setting.current,
      logger: false,
    })
  })
  afterAll(async () => {
    await server.close()
    await db.close()
  })

  it('the organisation: its contact spaces, per UTC day, by outcome', async () => {
    // c1 on 03-23; c4 and c8 (other) on 03-24; c2 and c3 on 03-25; c5 before, c6 not a
    // contact space, c7 after now
    expect(await daily('org=acme&days=3')).toEqual({
      days: 3,
      dates: ['2026-03-23', '2026-03-24', '2026-03-25'],
      outcomes: {
        interested: [1, 0, 1],
        call_back: [0, 0, 0],
        send_details: [0, 0, 0],
        not_interested: [0, 0, 0],
        not_connected: [0, 0, 0],
        failed: [0, 0, 1],
        other: [0, 2, 0],
      },
      total: [1, 2, 2],
    })
  })

  it('one contact space', async () => {
    // s1: c1, c4, c2 (c5 before the window, c7 after now)
    const answer = await daily('org=acme&space=tok-s1&days=3')
    expect(answer.outcomes.interested).toEqual([1, 0, 1])
    expect(answer.outcomes.other).toEqual([0, 1, 0])
    expect(answer.outcomes.failed).toEqual([0, 0, 0])
    expect(answer.total).toEqual([1, 1, 1])
  })

  it('days are the console timezone’s: Tokyo moves c4 and c5', async () => {
    try {
      await setting.set('Asia/Tokyo')
      // window from 03-23 00:00 Tokyo (03-22 15:00Z): c5 (08:59) and c1 on 03-23; c8 on 03-24;
      // c4 (08:30), c2 and c3 on 03-25; c7 (21:30) is after now (21:00)
      const answer = await daily('org=acme&days=3')
      expect(answer.dates).toEqual(['2026-03-23', '2026-03-24', '2026-03-25'])
      expect(answer.outcomes.interested).toEqual([1, 0, 1])
      expect(answer.outcomes.call_back).toEqual([1, 0, 0])
      expect(answer.outcomes.failed).toEqual([0, 0, 1])
      expect(answer.outcomes.other).toEqual([0, 1, 1])
      expect(answer.total).toEqual([2, 1, 3])
    } finally {
      await setting.set('UTC')
    }
  })

  it('30 days by default, and a day with no call is 0', async () => {
    const answer = await daily('org=acme')
    expect(answer.days).toBe(30)
    expect(answer.dates).toHaveLength(30)
    expect(answer.dates[0]).toBe('2026-02-24')
    expect(answer.dates.at(-1)).toBe('2026-03-25')
    // c5 (03-22), c1, c4, c8, c2, c3 in the window; c6 and c7 not
    expect(answer.total.reduce((a, b) => a + b, 0)).toBe(6)
    expect(answer.total.slice(0, 26)).toEqual(new Array(26).fill(0))
  })

  it('the documented call analytics stay lifetime totals', async () => {
    const response = await server.inject({
      url: '/api/v2/platform/organisation/analytics',
      headers: { ...auth(), 'org-handle': 'acme' },
    })
    expect(response.statusCode).toBe(200)
    // every call of s1 and s2, whenever: c1 c2 c3 c4 c5 c7 c8
    expect(response.json().data.total_calls).toBe(7)
  })

  it('checks scope and input, answering in the console error shape', async () => {
    const missing = await get('/api/v1/calls/daily?org=nobody')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.message).toMatch(/organisation/)
    const space = await get('/api/v1/calls/daily?org=acme&space=tok-s4')
    expect(space.statusCode).toBe(404)
    expect(space.json().error.message).toMatch(/space/)
    expect((await get('/api/v1/calls/daily?days=3')).statusCode).toBe(400)
    expect((await get('/api/v1/calls/daily?org=acme&days=0')).statusCode).toBe(400)
    const scoped = await createToken(db, fixedClock(NOW), {
      name: 'globex-only',
      organisations: ['globex'],
    })
    const refused = await get('/api/v1/calls/daily?org=acme', scoped.token)
    expect(refused.statusCode).toBe(403)
    expect((await get('/api/v1/calls/daily?org=globex', scoped.token)).statusCode).toBe(200)
  })
})
