// Rule (issue #12, item 6; docs/api.md "Whole-number parameters"): a whole-number parameter, in
// a query string, a path or a JSON body, is decimal digits only (a leading minus only where
// negatives mean something), within its range; anything else (Infinity, 1e309, 310 digits,
// 0x10, 1e3, spaces, repeats) is a 400 in the family's error shape that names the parameter.
// Before the fix, Ajv's coercion let `Infinity` through to the handlers (500s, SQLite's
// "datatype mismatch"), and took `0x10` as 16 and `1e3` as 1000.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import type { ReportRenderer } from '../../../src-main/core/reports/render'
import { createToken } from '../../../src-main/core/tokens/tokens'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const NOW = Date.parse('2026-03-25T12:00:00Z')

/** Values no whole-number parameter with a positive range accepts. */
const NOT_WHOLE = [
  'Infinity',
  '-Infinity',
  '1e309',
  '9'.repeat(310),
  'NaN',
  '0x10',
  '1e3',
  '0b11',
  '%2016',
  '16%20',
  '%2B16',
  '16.0',
  '1.5',
  '',
  '%00',
  '16%00',
  '%D9%A1%D9%A6',
  '9007199254740993',
]

let db: DbClient
let server: SextantServer
let token: string
/** The widths the PNG renderer was asked for. */
const widths: number[] = []
let snapshotId = 0

const renderer: ReportRenderer = {
  name: 'test renderer',
  pdf: async () => Buffer.from('%PDF-1.4\n'),
  png: async (_html, options) => {
    widths.push(options.width)
    return Buffer.from('png')
  },
}

beforeAll(async () => {
  db = await DbClient.open(null)
  await db.demo({ size: 'small', seed: 1, now: NOW })
  const clock = fixedClock(NOW)
  server = createServer({
    db,
    clock,
    version: 'test',
    port: () => PORT,
    timezone: () => 'UTC',
    renderer: () => renderer,
  })
  token = (await createToken(db, clock, { name: 'full' })).token
  const created = await send('POST', '/api/v1/sources', {
    name: 'remote',
    kind: 'http',
    config: { url: 'http://127.0.0.1:9/records', entity: 'contacts' },
  })
  expect(created.statusCode, created.body).toBe(201)
  const captured = await send('POST', '/api/v1/snapshots', { report: 'overview' })
  expect(captured.statusCode, captured.body).toBe(201)
  snapshotId = captured.json<{ id: number }>().id
})

afterAll(async () => {
  await server.close()
  await db.close()
})

function send(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  return server.inject({
    method,
    url,
    headers: { host: HOST, authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  })
}

/** A 400 in the console's shape whose message starts with the parameter's name. */
async function expectConsole400(url: string, parameter: string, payload?: unknown): Promise<void> {
  const response = await send(payload === undefined ? 'GET' : 'POST', url, payload)
  expect(response.statusCode, `${url} ${response.body}`).toBe(400)
  expect(response.json(), url).toEqual({
    error: { code: 'bad_request', message: expect.stringMatching(new RegExp(`^${parameter}: `)) },
  })
}

const WINDOWED = [
  '/api/workspaces/acme/analytics',
  '/api/workspaces/acme/analytics/timeseries',
  '/api/workspaces/acme/analytics/attribution',
  '/api/workspaces/acme/analytics/funnel?steps=page_view,signup',
  '/api/workspaces/acme/analytics/cohorts',
]

function withQuery(url: string, query: string): string {
  return url + (url.includes('?') ? '&' : '?') + query
}

describe('days', () => {
  it('is a 400 naming days on every windowed endpoint of the workspaces family', async () => {
    for (const route of WINDOWED) {
      for (const value of [...NOT_WHOLE, '-1', '0', '3651', '-16', '16&days=16']) {
        const url = withQuery(route, `days=${value}`)
        const response = await send('GET', url)
        expect(response.statusCode, `${url} ${response.body}`).toBe(400)
        expect(response.json(), url).toEqual({ error: expect.stringMatching(/^days: /) })
      }
    }
  })

  it('is a 400 naming days on the overview (console shape)', async () => {
    for (const value of [...NOT_WHOLE, '-1', '0', '3651', '16&days=16']) {
      await expectConsole400(`/api/v1/overview?days=${value}`, 'days')
    }
  })

  it('says what it takes and what it found, on one line', async () => {
    const response = await send('GET', '/api/v1/overview?days=Infinity')
    expect(response.json()).toEqual({
      error: {
        code: 'bad_request',
        message: 'days: must be a whole number from 1 to 3650, found "Infinity"',
      },
    })
    const long = await send('GET', `/api/v1/overview?days=${'9'.repeat(310)}`)
    const message = long.json<{ error: { message: string } }>().error.message
    expect(message.length).toBeLessThan(120)
    expect(message).toMatch(/^days: must be a whole number from 1 to 3650, found "9{20}/)
  })

  it('still takes plain decimal digits, leading zeros included', async () => {
    for (const [value, period] of [
      ['16', '16d'],
      ['016', '16d'],
      ['1', '1d'],
      ['3650', '3650d'],
    ] as const) {
      const response = await send('GET', `/api/v1/overview?days=${value}`)
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json<{ period: string }>().period).toBe(period)
      const timeseries = await send(
        'GET',
        `/api/workspaces/acme/analytics/timeseries?days=${value}`,
      )
      expect(timeseries.json<{ period: string }>().period).toBe(period)
    }
  })
})

describe('limit', () => {
  it('on the record feed is a 400 naming limit, never a database error', async () => {
    for (const value of [...NOT_WHOLE, '0', '-1', '10001', '5&limit=5']) {
      await expectConsole400(`/api/v1/records/contacts?limit=${value}`, 'limit')
    }
    const page = await send('GET', '/api/v1/records/contacts?limit=2')
    expect(page.statusCode).toBe(200)
    expect(page.json<{ data: unknown[] }>().data).toHaveLength(2)
  })

  it("on a source's runs and figures is a 400 naming limit", async () => {
    for (const value of [...NOT_WHOLE, '0', '-1']) {
      await expectConsole400(`/api/v1/sources/remote/runs?limit=${value}`, 'limit')
      await expectConsole400(`/api/v1/sources/remote/figures?limit=${value}`, 'limit')
    }
    expect((await send('GET', '/api/v1/sources/remote/runs?limit=5')).statusCode).toBe(200)
  })
})

describe('snapshots', () => {
  it('a PNG width that is not a whole number from 320 to 3840 is a 400 and never reaches the renderer', async () => {
    const base = `/api/v1/snapshots/${snapshotId}/export?format=png`
    for (const value of [...NOT_WHOLE, '319', '3841', '-320']) {
      await expectConsole400(`${base}&width=${value}`, 'width')
    }
    expect(widths).toEqual([])
    const ok = await send('GET', `${base}&width=0320`)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(widths).toEqual([320])
  })

  it('an id in the path that is not a whole number is a 400 naming id', async () => {
    for (const value of ['Infinity', '1e0', '0x1', '1.0', '9'.repeat(30), '-1', '0', '%201']) {
      await expectConsole400(`/api/v1/snapshots/${value}`, 'id')
    }
    expect((await send('GET', `/api/v1/snapshots/${snapshotId}`)).statusCode).toBe(200)
  })

  it('compare names a or b', async () => {
    await expectConsole400(`/api/v1/snapshots/compare?a=Infinity&b=${snapshotId}`, 'a')
    await expectConsole400(`/api/v1/snapshots/compare?a=${snapshotId}&b=0x1`, 'b')
  })
})

describe('JSON bodies', () => {
  it('a whole number given as text, a boolean or a fraction is a 400 naming the field', async () => {
    for (const port of ['0x10', '8080', '1e3', true, null, 80.5, [8080]]) {
      const response = await send('PUT', '/api/v1/settings', { port })
      expect(response.statusCode, `${JSON.stringify(port)} ${response.body}`).toBe(400)
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(/^port: /)
    }
  })

  it('the demo size is a preset or a whole number from 100, and a negative seed is allowed', async () => {
    for (const size of ['0x10', '1e3', 5, 99, 1.5]) {
      await expectConsole400('/api/v1/demo', 'size', { size, seed: 1 })
    }
    await expectConsole400('/api/v1/demo', 'seed', { size: 100, seed: '0x10' })
    const negative = await send('POST', '/api/v1/demo', { size: 100, seed: -7 })
    expect(negative.statusCode, negative.body).toBe(200)
  })
})
