// Rule (API.md "Server", sections 1-2; docs/api.md "Errors" and "Window parameters"): every
// workspace analytics route needs a token from the Authorization header (Bearer, Token, jwt,
// Basic base64(x:token)); errors come in the family's shape: 401 {"error":"Unauthorized"},
// 403 {"error":"Forbidden"} (foreign Host, or a scoped token on another workspace, existing or
// not), 404 {"error":"Workspace not found"}, 400 {"error":"<parameter>: <problem>"}, checked in
// the order token -> scope -> workspace -> campaign -> parameters. `days` (integer 1..3650) and
// `period` (`<N>d`, same range) are accepted on every windowed route, days winning; the bodies
// whose seed doc shows "period" carry it (timeseries, attribution, funnel, cohorts). Bad input is never a 500. All JSON with charset=utf-8.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture, JSON_TYPE, startApi, type Api, type Reply } from './helpers'

let api: Api

beforeAll(async () => {
  api = await startApi(fixture('workspace-analytics'))
})

afterAll(async () => {
  await api.close()
})

/** Every route under test, relative to /api/workspaces/<id>; all have a window. */
const ROUTES = [
  '/analytics',
  '/analytics/campaigns/cmp_a',
  '/analytics/timeseries',
  '/analytics/attribution',
  '/analytics/funnel?steps=page_view,booking',
  '/analytics/cohorts',
]

function url(workspace: string, route: string, query = ''): string {
  const base = `/api/workspaces/${workspace}${route}`
  if (query === '') return base
  return base + (base.includes('?') ? '&' : '?') + query
}

function expectError(reply: Reply, status: number, body: object, label: string): void {
  expect(reply.statusCode, `${label}: ${reply.body}`).toBe(status)
  expect(reply.headers['content-type'], label).toBe(JSON_TYPE)
  expect(reply.json(), label).toEqual(body)
}

function expectParamError(reply: Reply, parameter: string, label: string): void {
  expect(reply.statusCode, `${label}: ${reply.body}`).toBe(400)
  expect(reply.headers['content-type'], label).toBe(JSON_TYPE)
  const body = reply.json() as Record<string, unknown>
  expect(Object.keys(body), label).toEqual(['error'])
  expect(body.error, label).toMatch(new RegExp(`^${parameter}: \\S`))
}

const UNAUTHORIZED = { error: 'Unauthorized' }
const FORBIDDEN = { error: 'Forbidden' }
const NO_WORKSPACE = { error: 'Workspace not found' }

describe('authentication', () => {
  it('is 401 {"error":"Unauthorized"} without a token or with a bad one', async () => {
    for (const route of ROUTES) {
      for (const auth of [null, 'Bearer nope', 'Bearer', 'Basic !!!', `Bearer ${api.token}x`]) {
        const reply = await api.get(url('acme', route), auth)
        expectError(reply, 401, UNAUTHORIZED, `${route} ${String(auth)}`)
      }
    }
  })

  it('refuses a token in the query string with 401, even beside a valid header', async () => {
    for (const route of ROUTES) {
      const reply = await api.get(url('acme', route, `token=${api.token}`))
      expectError(reply, 401, UNAUTHORIZED, route)
    }
    const key = await api.get(url('acme', '/analytics', `api_key=${api.token}`))
    expectError(key, 401, UNAUTHORIZED, 'api_key')
  })

  it('accepts Bearer, Token, jwt and Basic base64(anything:token)', async () => {
    const basic = Buffer.from(`someone:${api.token}`).toString('base64')
    for (const auth of [
      `Bearer ${api.token}`,
      `Token ${api.token}`,
      `jwt ${api.token}`,
      `Basic ${basic}`,
    ]) {
      const reply = await api.get(url('acme', '/analytics/timeseries'), auth)
      expect(reply.statusCode, auth.split(' ')[0]).toBe(200)
    }
  })

  it('answers 401 before anything else (bad parameters, unknown workspace)', async () => {
    expectError(await api.get(url('nope', '/analytics', 'days=abc'), null), 401, UNAUTHORIZED, 'a')
    const campaign = await api.get(url('acme', '/analytics/campaigns/zzz', 'period=2w'), null)
    expectError(campaign, 401, UNAUTHORIZED, 'campaign')
  })

  it('answers a foreign Host with 403 in the family shape', async () => {
    const reply = await api.get(url('acme', '/analytics'), `Bearer ${api.token}`, {
      host: 'evil.example:4477',
    })
    expectError(reply, 403, FORBIDDEN, 'host')
  })

  it('answers a foreign Origin with 403 in the family shape, and never allows any origin', async () => {
    const reply = await api.get(url('acme', '/analytics'), `Bearer ${api.token}`, {
      origin: 'http://evil.example',
    })
    expectError(reply, 403, FORBIDDEN, 'origin')
    expect(reply.headers['access-control-allow-origin']).toBeUndefined()
    const own = await api.get(url('acme', '/analytics'), `Bearer ${api.token}`, {
      origin: 'http://127.0.0.1:4477',
    })
    expect(own.statusCode).toBe(200)
    expect(own.headers['access-control-allow-origin']).not.toBe('*')
  })
})

describe('scope and existence', () => {
  it('lets a scoped token read its own workspace', async () => {
    for (const route of ROUTES) {
      const reply = await api.get(url('acme', route), `Bearer ${api.scopedToken}`)
      expect(reply.statusCode, route).toBe(200)
    }
  })

  it('is 403 for a scoped token on another workspace, existing or not', async () => {
    for (const route of ROUTES) {
      for (const workspace of ['globex', 'nope', 'empty']) {
        const reply = await api.get(url(workspace, route), `Bearer ${api.scopedToken}`)
        expectError(reply, 403, FORBIDDEN, `${workspace}${route}`)
      }
    }
  })

  it('is 404 for a scoped token on a listed workspace that does not exist', async () => {
    for (const route of ROUTES) {
      const reply = await api.get(url('ghost', route), `Bearer ${api.scopedToken}`)
      expectError(reply, 404, NO_WORKSPACE, route)
    }
  })

  it.each(ROUTES)('checks scope before parameters: %s', async (route) => {
    for (const workspace of ['globex', 'nope']) {
      const reply = await api.get(url(workspace, route, 'days=abc'), `Bearer ${api.scopedToken}`)
      expectError(reply, 403, FORBIDDEN, `${workspace}${route}`)
    }
  })

  it('is 404 {"error":"Workspace not found"} for a full token on an unknown workspace', async () => {
    for (const route of ROUTES) {
      expectError(await api.get(url('nope', route)), 404, NO_WORKSPACE, route)
    }
  })

  it.each(ROUTES)('checks the workspace before parameters: %s', async (route) => {
    const reply = await api.get(url('nope', route, 'days=abc'))
    expectError(reply, 404, NO_WORKSPACE, route)
  })

  it('checks the workspace before a missing `steps`', async () => {
    const funnel = await api.get('/api/workspaces/nope/analytics/funnel')
    expectError(funnel, 404, NO_WORKSPACE, 'funnel without steps')
  })
})

describe('window parameters', () => {
  it.each(ROUTES)('is 400 naming `days` for a malformed days: %s', async (route) => {
    for (const days of ['abc', '0', '3651', '-1', '1.5', '', '7d', '%20']) {
      const reply = await api.get(url('acme', route, `days=${days}`))
      expectParamError(reply, 'days', `${route} ${days}`)
    }
  })

  it.each(ROUTES)('is 400 naming `period` for a malformed period: %s', async (route) => {
    for (const period of ['2w', '30', '0d', '3651d', 'd', '-5d', '', '7D7']) {
      const reply = await api.get(url('acme', route, `period=${period}`))
      expectParamError(reply, 'period', `${route} ${period}`)
    }
  })

  // The seed docs of the overview and the campaign detail show no "period": their bodies carry
  // none (issue #13 item 8); the console's combined body says which window it used.
  const PERIODIC = ROUTES.filter(
    (route) => route.startsWith('/analytics/') && !route.includes('/campaigns/'),
  )

  it.each(PERIODIC)('accepts the range ends and answers "period": "<N>d": %s', async (route) => {
    for (const [query, period] of [
      ['days=1', '1d'],
      ['days=3650', '3650d'],
      ['period=3650d', '3650d'],
      ['period=90d', '90d'],
      ['period=1d', '1d'],
      ['days=7&period=90d', '7d'],
      ['period=90d&days=7', '7d'],
      ['', '30d'],
    ]) {
      const reply = await api.get(url('acme', route, query))
      expect(reply.statusCode, `${route} ${query}: ${reply.body}`).toBe(200)
      expect(reply.headers['content-type']).toBe(JSON_TYPE)
      expect((reply.json() as { period?: unknown }).period, `${route} ${query}`).toBe(period)
    }
  })

  it.each(['/analytics', '/analytics/campaigns/cmp_a'])(
    'accepts the range ends without a "period" in the body: %s',
    async (route) => {
      for (const query of ['days=1', 'days=3650', 'period=3650d', 'period=1d', '']) {
        const reply = await api.get(url('acme', route, query))
        expect(reply.statusCode, `${route} ${query}: ${reply.body}`).toBe(200)
        expect(reply.json(), `${route} ${query}`).not.toHaveProperty('period')
      }
    },
  )

  it('gives the window in the console body: GET /api/v1/workspaces/:id/analytics', async () => {
    for (const [query, period] of [
      ['days=1', '1d'],
      ['days=3650', '3650d'],
      ['period=90d', '90d'],
      ['days=7&period=90d', '7d'],
      ['', '30d'],
    ]) {
      const body = await api.ok(`/api/v1/workspaces/acme/analytics?${query}`)
      expect((body as { period?: unknown }).period, query).toBe(period)
    }
  })

  it('timeseries over 3650 days has 3650 entries', async () => {
    const body = (await api.ok(url('acme', '/analytics/timeseries', 'days=3650'))) as {
      series: { date: string }[]
    }
    expect(body.series).toHaveLength(3650)
    expect(body.series[3649]!.date).toBe('2026-03-25')
  })
})

describe('never a 500', () => {
  it('answers garbage input with a 4xx', async () => {
    const queries = [
      'days=1e3',
      'days=99999999999999999999',
      'days=0x10',
      'days=%00',
      'days=7&days=8',
      'period=7d&period=30d',
      'period=%E0%A4%A',
      'period=NaNd',
      'period=Infinityd',
      'steps=%FF%FE',
      'metric=%00',
      'conversion=',
      'conversion=%00',
      `steps=${'x'.repeat(5000)},y`,
    ]
    for (const route of ROUTES) {
      for (const query of queries) {
        const reply = await api.get(url('acme', route, query))
        expect(reply.statusCode, `${route} ${query}: ${reply.body}`).toBeLessThan(500)
        expect(reply.headers['content-type'], `${route} ${query}`).toBe(JSON_TYPE)
      }
    }
    for (const workspace of ['%20', '%00', "a'b", 'a%22b', 'x'.repeat(2000)]) {
      const reply = await api.get(url(workspace, '/analytics'))
      expect(reply.statusCode, workspace).toBeLessThan(500)
    }
    for (const campaign of ['%00', "c'1", '%20']) {
      const reply = await api.get(url('acme', `/analytics/campaigns/${campaign}`))
      expectError(reply, 404, { error: 'Campaign not found' }, campaign)
    }
    const long = await api.get(url('acme', `/analytics/campaigns/${'x'.repeat(2000)}`))
    expect(long.statusCode).toBeGreaterThanOrEqual(400)
    expect(long.statusCode).toBeLessThan(500)
  })
})
