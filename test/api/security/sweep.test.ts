// Rule (API.md "Server", docs/api.md "Errors, by product family"): on EVERY documented route the
// Host and Origin checks come first (403 in the family's shape; no Access-Control-Allow-Origin: *
// ever), then the token, from the Authorization header only (401 in the family's shape; a token
// in the query string is refused even beside a valid header), then the token's scope (403);
// /health needs no token but is Host-checked; and no bad query value makes any route answer 500.
import { connect } from 'node:net'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callsDataset } from '../calls/dataset'
import { bookingsDataset } from '../bookings/dataset'
import { createToken, revokeToken } from '../../../src-main/core/tokens/tokens'
import { HOST, PORT, startHarness, type Harness } from './harness'

type Family = 'workspaces' | 'organisations' | 'reports' | 'console'

interface Route {
  readonly url: string
  readonly family: Family
  readonly headers?: Record<string, string>
}

const ORG = { 'org-handle': 'north.example' }
const WS = '/api/workspaces/acme/analytics'

const ROUTES: readonly Route[] = [
  { url: WS, family: 'workspaces' },
  { url: `${WS}/campaigns/cmp1?period=30d`, family: 'workspaces' },
  { url: `${WS}/timeseries?days=30`, family: 'workspaces' },
  { url: `${WS}/attribution?days=30`, family: 'workspaces' },
  { url: `${WS}/funnel?steps=visit,signup&days=30`, family: 'workspaces' },
  { url: `${WS}/cohorts?days=30&metric=events`, family: 'workspaces' },
  { url: '/api/v2/platform/organisation/analytics/', family: 'organisations', headers: ORG },
  { url: '/api/v2/platform/organisation/analytics', family: 'organisations', headers: ORG },
  ...['/reports', '/wp-json/fluent-booking/v2/reports'].flatMap((prefix): Route[] => [
    { url: prefix, family: 'reports' },
    { url: `${prefix}/graph-reports`, family: 'reports' },
    { url: `${prefix}/activities`, family: 'reports' },
  ]),
  { url: '/api/v1/counts', family: 'console' },
  { url: '/api/v1/tokens', family: 'console' },
  { url: '/api/openapi.json', family: 'console' },
]

const dataset = {
  ...callsDataset,
  ...bookingsDataset,
  workspaces: [
    { id: 'acme', name: 'Acme', created_at: '2026-01-01' },
    { id: 'globex', name: 'Globex', created_at: '2026-01-01' },
  ],
  contacts: [
    { id: 'ct1', workspace_id: 'acme', email: 'a@example.com', created_at: '2026-03-20T10:00:00Z' },
  ],
  contact_events: [
    {
      id: 'ev1',
      workspace_id: 'acme',
      contact_id: 'ct1',
      event_type: 'visit',
      utm_source: 'google',
      created_at: '2026-03-20T10:00:00Z',
    },
    {
      id: 'ev2',
      workspace_id: 'acme',
      contact_id: 'ct1',
      event_type: 'signup',
      created_at: '2026-03-20T11:00:00Z',
    },
  ],
  campaigns: [
    {
      id: 'cmp1',
      workspace_id: 'acme',
      name: 'Spring',
      status: 'ACTIVE',
      created_at: '2026-03-01',
    },
    {
      id: 'cmp2',
      workspace_id: 'globex',
      name: 'Autumn',
      status: 'DRAFT',
      created_at: '2026-03-01',
    },
  ],
}

let harness: Harness

/**
 * Every response of this file goes through here: none may allow any origin. Checked as each
 * arrives, so every test holds the rule on its own, whichever tests run before it.
 */
function checked(response: LightMyRequestResponse): LightMyRequestResponse {
  expect(response.headers['access-control-allow-origin'], response.raw.req.url).not.toBe('*')
  return response
}

beforeAll(async () => {
  harness = await startHarness(dataset)
})

afterAll(async () => {
  await harness.close()
})

async function request(
  url: string,
  headers: Record<string, string>,
  host: string = HOST,
): Promise<LightMyRequestResponse> {
  const response = await harness.server.inject({
    method: 'GET',
    url,
    headers: { host, ...headers },
  })
  return checked(response)
}

function label(route: Route, what: string): string {
  return `${what} ${route.url}`
}

/** The 401 body of each family (docs/api.md table); `message` loose where the docs leave it. */
function unauthorized(family: Family, orgMessage: string | null): unknown {
  switch (family) {
    case 'workspaces':
      return { error: 'Unauthorized' }
    case 'organisations':
      return { status_code: 401, message: orgMessage ?? expect.any(String) }
    case 'reports':
      return {
        code: 'rest_forbidden',
        message: 'Sorry, you are not allowed to do that.',
        data: { status: 401 },
      }
    case 'console':
      return { error: { code: 'unauthorized', message: expect.any(String) } }
  }
}

/** The 403 body of each family; `message` loose where the docs leave it. */
function forbidden(family: Family, message?: string): unknown {
  switch (family) {
    case 'workspaces':
      return { error: 'Forbidden' }
    case 'organisations':
      return { status_code: 403, message: message ?? expect.any(String) }
    case 'reports':
      return { code: 'rest_forbidden', message: expect.any(String), data: { status: 403 } }
    case 'console':
      return { error: { code: 'forbidden', message: expect.any(String) } }
  }
}

function withQuery(url: string, query: string): string {
  return url + (url.includes('?') ? '&' : '?') + query
}

describe('every documented route', () => {
  it('answers 200 to a full-access token (so the checks below are not vacuous)', async () => {
    for (const route of ROUTES) {
      const response = await request(route.url, {
        authorization: `Bearer ${harness.token}`,
        ...route.headers,
      })
      expect(response.statusCode, label(route, response.body)).toBe(200)
      expect(response.headers['content-type'], route.url).toBe('application/json; charset=utf-8')
    }
  })

  it('401 without a token, in the family shape', async () => {
    for (const route of ROUTES) {
      const response = await request(route.url, { ...route.headers })
      expect(response.statusCode, label(route, 'no token')).toBe(401)
      expect(response.json(), label(route, 'no token')).toEqual(
        unauthorized(route.family, 'Authentication credentials were not provided.'),
      )
    }
  })

  it('401 with a bad token, in the family shape', async () => {
    for (const authorization of [
      'Bearer sxt_nope',
      'Token ',
      'Bearer',
      'Basic bm9wZQ==',
      'Basic !!!not-base64',
      'Basic Og==',
      'Digest abc',
      `Negotiate ${harness.token}`,
    ]) {
      for (const route of ROUTES) {
        const response = await request(route.url, { authorization, ...route.headers })
        expect(response.statusCode, label(route, authorization)).toBe(401)
        const orgMessage = authorization === 'Bearer sxt_nope' ? 'Invalid token.' : null
        expect(response.json(), label(route, authorization)).toEqual(
          unauthorized(route.family, orgMessage),
        )
      }
    }
  })

  it('401 for a valid token in the query string, alone or beside a valid header', async () => {
    for (const parameter of ['token', 'access_token', 'api_key', 'apikey']) {
      for (const route of ROUTES) {
        const url = withQuery(route.url, `${parameter}=${encodeURIComponent(harness.token)}`)
        const alone = await request(url, { ...route.headers })
        expect(alone.statusCode, label(route, `?${parameter}=`)).toBe(401)
        expect(alone.json(), label(route, `?${parameter}=`)).toEqual(
          unauthorized(route.family, null),
        )
        const beside = await request(url, {
          authorization: `Bearer ${harness.token}`,
          ...route.headers,
        })
        expect(beside.statusCode, label(route, `header + ?${parameter}=`)).toBe(401)
      }
    }
  })

  it('401 for a token in the query string under a percent-encoded parameter name', async () => {
    for (const parameter of ['%74oken', 'access%5Ftoken', 'api%5fkey', 'TOKEN']) {
      for (const route of ROUTES) {
        const url = withQuery(route.url, `${parameter}=${encodeURIComponent(harness.token)}`)
        const beside = await request(url, {
          authorization: `Bearer ${harness.token}`,
          ...route.headers,
        })
        expect.soft(beside.statusCode, label(route, `header + ?${parameter}=`)).toBe(401)
      }
    }
  })

  it('401 for a revoked token', async () => {
    const { token } = await createToken(harness.db, harness.clock, { name: 'revoked' })
    await revokeToken(harness.db, 'revoked')
    for (const route of ROUTES) {
      const response = await request(route.url, {
        authorization: `Bearer ${token}`,
        ...route.headers,
      })
      expect(response.statusCode, label(route, 'revoked')).toBe(401)
      expect(response.json(), label(route, 'revoked')).toEqual(
        unauthorized(route.family, 'Invalid token.'),
      )
    }
  })

  it('403 for a foreign Host, before authentication, in the family shape', async () => {
    for (const host of [
      'evil.com',
      `localhost.evil.com:${PORT}`,
      `127.0.0.2:${PORT}`,
      `127.0.0.1:${PORT + 1}`,
      '127.0.0.1',
      'localhost',
      `evil.com:${PORT}`,
    ]) {
      for (const route of ROUTES) {
        const valid = await request(
          route.url,
          { authorization: `Bearer ${harness.token}`, ...route.headers },
          host,
        )
        expect(valid.statusCode, label(route, host)).toBe(403)
        expect(valid.json(), label(route, host)).toEqual(forbidden(route.family))
        const anonymous = await request(route.url, { ...route.headers }, host)
        expect(anonymous.statusCode, label(route, `${host} without token`)).toBe(403)
      }
    }
  })

  it('accepts the three loopback Host spellings', async () => {
    for (const host of [`127.0.0.1:${PORT}`, `localhost:${PORT}`, `[::1]:${PORT}`]) {
      const response = await request(
        '/api/v1/counts',
        { authorization: `Bearer ${harness.token}` },
        host,
      )
      expect(response.statusCode, host).toBe(200)
    }
  })

  it('403 for a foreign Origin, before authentication, in the family shape', async () => {
    for (const origin of [
      'http://evil.com',
      `http://evil.com:${PORT}`,
      `http://localhost.evil.com:${PORT}`,
      `http://127.0.0.1:${PORT + 1}`,
      `https://127.0.0.1:${PORT}`,
      'null',
    ]) {
      for (const route of ROUTES) {
        const response = await request(route.url, {
          authorization: `Bearer ${harness.token}`,
          origin,
          ...route.headers,
        })
        expect(response.statusCode, label(route, origin)).toBe(403)
        expect(response.json(), label(route, origin)).toEqual(forbidden(route.family))
        const anonymous = await request(route.url, { origin, ...route.headers })
        expect(anonymous.statusCode, label(route, `${origin} without token`)).toBe(403)
      }
    }
  })

  it("answers a request from the console's own origin", async () => {
    const response = await request('/api/v1/counts', {
      authorization: `Bearer ${harness.token}`,
      origin: `http://127.0.0.1:${PORT}`,
    })
    expect(response.statusCode).toBe(200)
  })

  it('never sends Access-Control-Allow-Origin: * (preflight included)', async () => {
    for (const route of ROUTES) {
      const preflight = await harness.server.inject({
        method: 'OPTIONS',
        url: route.url,
        headers: {
          host: HOST,
          origin: 'http://evil.com',
          'access-control-request-method': 'GET',
        },
      })
      checked(preflight)
      expect(preflight.statusCode, route.url).toBeLessThan(500)
    }
  })
})

describe('no way around the token', () => {
  it('HEAD without a token gets 401, with a foreign Host 403', async () => {
    for (const route of ROUTES) {
      const head = await harness.server.inject({
        method: 'HEAD',
        url: route.url,
        headers: { host: HOST, ...route.headers },
      })
      checked(head)
      expect.soft(head.statusCode, label(route, 'HEAD')).toBe(401)
      const foreign = await harness.server.inject({
        method: 'HEAD',
        url: route.url,
        headers: { host: 'evil.com', authorization: `Bearer ${harness.token}`, ...route.headers },
      })
      checked(foreign)
      expect.soft(foreign.statusCode, label(route, 'HEAD evil.com')).toBe(403)
    }
  })

  it('no spelling of a path (percent-encoded, doubled or trailing slashes) skips the token', async () => {
    const variants = [
      '/%61pi/v1/counts',
      '/api/v1/%63ounts',
      '/api%2Fv1/counts',
      '/api/v1/counts/',
      '//api/v1/counts',
      '/api//v1/counts',
      '/api/v1/./counts',
      '/api/v1/x/../counts',
      '/api/v1/tokens/',
      '/%61pi/v1/tokens',
      '/api/openapi.json/',
      '/%61pi/openapi.json',
      '/reports/',
      '/%72eports',
      '/reports/%61ctivities',
      '/reports/activities/',
      '/reports//activities',
      '/reports/graph-reports/',
      '//reports',
      '/wp-json/fluent-booking/v2/reports/',
      '/wp-json/fluent-booking/v2/%72eports/activities',
      '/wp-json//fluent-booking/v2/reports',
      '/%61pi/workspaces/acme/analytics',
      '/api/workspaces/acme/analytics/',
      '/api/workspaces/acme/analytics/timeseries/',
      '/%61pi/v2/platform/organisation/analytics/',
      '/api/v2/platform/organisation/analytics//',
    ]
    for (const url of variants) {
      // either not a route (404) or a route that needs a token (401); never data, never 500
      const response = await request(url, ORG)
      expect
        .soft([401, 404], `${url} -> ${response.statusCode} ${response.body.slice(0, 160)}`)
        .toContain(response.statusCode)
    }
  })

  it('a Host with a trailing dot or userinfo is foreign', async () => {
    for (const host of [`localhost.:${PORT}`, `127.0.0.1.:${PORT}`, `user@127.0.0.1:${PORT}`]) {
      const response = await request('/health', {}, host)
      expect.soft(response.statusCode, host).toBe(403)
    }
  })
})

describe('scoped tokens', () => {
  it('read their own workspace and organisation', async () => {
    for (const route of ROUTES.filter(
      (r) => r.family === 'workspaces' || r.family === 'organisations',
    )) {
      const response = await request(route.url, {
        authorization: `Token ${harness.scopedToken}`,
        ...route.headers,
      })
      expect(response.statusCode, label(route, response.body)).toBe(200)
    }
  })

  it('403 on another workspace, existing or not', async () => {
    for (const workspace of ['globex', 'nowhere']) {
      for (const route of ROUTES.filter((r) => r.family === 'workspaces')) {
        const url = route.url
          .replace('/acme/', `/${workspace}/`)
          .replace('/campaigns/cmp1', '/campaigns/cmp2')
        const response = await request(url, { authorization: `Token ${harness.scopedToken}` })
        expect(response.statusCode, url).toBe(403)
        expect(response.json(), url).toEqual({ error: 'Forbidden' })
      }
    }
  })

  it('403 on another organisation handle, existing or not', async () => {
    for (const handle of ['south.example', 'nowhere.example']) {
      const response = await request('/api/v2/platform/organisation/analytics/', {
        authorization: `Token ${harness.scopedToken}`,
        'org-handle': handle,
      })
      expect(response.statusCode, handle).toBe(403)
      expect(response.json(), handle).toEqual({
        status_code: 403,
        message: 'Invalid organization handle.',
      })
    }
  })

  it('403 on every report route', async () => {
    for (const route of ROUTES.filter((r) => r.family === 'reports')) {
      const response = await request(route.url, { authorization: `Token ${harness.scopedToken}` })
      expect(response.statusCode, route.url).toBe(403)
      expect(response.json(), route.url).toEqual({
        code: 'rest_forbidden',
        message: 'Sorry, you are not allowed to do that.',
        data: { status: 403 },
      })
    }
  })

  it('403 on /api/v1/tokens', async () => {
    const response = await request('/api/v1/tokens', {
      authorization: `Token ${harness.scopedToken}`,
    })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } })
  })
})

describe('token management with a scoped token', () => {
  it('403 on creating or revoking tokens', async () => {
    const create = await harness.server.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { host: HOST, authorization: `Token ${harness.scopedToken}` },
      payload: { name: 'escalated' },
    })
    checked(create)
    expect(create.statusCode).toBe(403)
    expect(create.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } })
    const revoke = await harness.server.inject({
      method: 'DELETE',
      url: '/api/v1/tokens/full',
      headers: { host: HOST, authorization: `Token ${harness.scopedToken}` },
    })
    checked(revoke)
    expect(revoke.statusCode).toBe(403)
  })

  it('a token scoped to workspaces only gets 403 on every organisation', async () => {
    await createToken(harness.db, harness.clock, { name: 'ws-only', workspaces: ['acme'] })
    const { token } = await createToken(harness.db, harness.clock, {
      name: 'ws-only-2',
      workspaces: ['acme'],
    })
    for (const handle of ['north.example', 'south.example']) {
      const response = await request('/api/v2/platform/organisation/analytics/', {
        authorization: `Token ${token}`,
        'org-handle': handle,
      })
      expect(response.statusCode, handle).toBe(403)
      expect(response.json(), handle).toEqual({
        status_code: 403,
        message: 'Invalid organization handle.',
      })
    }
    const own = await request(WS, { authorization: `Token ${token}` })
    expect(own.statusCode).toBe(200)
  })
})

describe('/health', () => {
  it('answers without a token', async () => {
    const response = await request('/health', {})
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', version: 'test' })
  })

  it('still checks Host and Origin', async () => {
    for (const host of ['evil.com', `localhost.evil.com:${PORT}`, `127.0.0.2:${PORT}`]) {
      expect((await request('/health', {}, host)).statusCode, host).toBe(403)
    }
    expect((await request('/health', { origin: 'http://evil.com' })).statusCode).toBe(403)
  })
})

describe('bad query values', () => {
  const FUZZ = [
    'days=-1',
    'days=0',
    'days=1e9',
    'days=%00',
    'days=9999999999999999999999',
    'days=3.5',
    'days=',
    'period=-5d',
    'period=%00',
    'period=1e9d',
    'steps=,,,',
    'steps=',
    'metric=',
    'metric=%00',
    'conversion=',
    'space_token=',
    'space_token=%00',
    'date_range[0]=2026-13-40',
    'date_range[0]=2026-13-40&date_range[1]=2026-01-01',
    'date_range[0]=0000-00-00&date_range[1]=9999-99-99',
    'date_range=2026-01-01',
    'date_range[0][0]=2026-01-01',
    'date_range[]=2026-01-01&date_range[]=2026-01-02&date_range[]=2026-01-03',
    'startTime=yesterday',
    'startTime=yesterday&endTime=tomorrow',
    'startTime=2026-03-01%2000:00:00&endTime=%00',
    'startTime=2026-02-30&endTime=2026-03-01',
  ]

  it('never answer 500, always JSON', async () => {
    for (const route of ROUTES) {
      for (const query of FUZZ) {
        const url = withQuery(route.url, query)
        const response = await request(url, {
          authorization: `Bearer ${harness.token}`,
          ...route.headers,
        })
        expect(response.statusCode, url).toBeLessThan(500)
        expect(response.headers['content-type'], url).toBe('application/json; charset=utf-8')
      }
    }
  })

  it('a bad days is a 400 naming the parameter on the section 2 routes', async () => {
    for (const route of ROUTES.filter((r) => r.family === 'workspaces' && r.url !== WS)) {
      for (const value of ['-1', '0', '1e9', '%00', '3651', 'abc']) {
        const url = withQuery(route.url.replace(/([?&])days=30&?/, '$1'), `days=${value}`)
        const response = await request(url, { authorization: `Bearer ${harness.token}` })
        expect.soft(response.statusCode, url).toBe(400)
        expect.soft(response.json(), url).toEqual({ error: expect.stringContaining('days') })
      }
    }
  })

  // docs/api.md: days/period are accepted "on every endpoint of sections 1 and 2 that has a
  // window"; section 1's endpoint has one (the last 30 days), so its days is validated too.
  it('a bad days is a 400 naming the parameter on the section 1 route', async () => {
    for (const value of ['-1', '0', '1e9', '%00', '3651', 'abc']) {
      const url = `${WS}?days=${value}`
      const response = await request(url, { authorization: `Bearer ${harness.token}` })
      expect.soft(response.statusCode, url).toBe(400)
      expect.soft(response.json(), url).toEqual({ error: expect.stringContaining('days') })
    }
  })
})

/** One raw HTTP exchange with a listening server; answers the status code. */
function rawStatus(port: number, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received)
      if (match === null) reject(new Error(`no status line in ${JSON.stringify(received)}`))
      else resolve(Number(match[1]))
    })
    socket.write(text)
  })
}

describe('a request without a Host header', () => {
  let listening: Harness
  let port = 0

  beforeAll(async () => {
    listening = await startHarness(dataset, { port: () => port })
    await listening.server.listen({ host: '127.0.0.1', port: 0 })
    const address = listening.server.server.address()
    if (address === null || typeof address === 'string') throw new Error('not listening')
    port = address.port
  })

  afterAll(async () => {
    await listening.close()
  })

  it('gets 403 on every route and on /health (HTTP/1.0, where Host is optional)', async () => {
    const control = await rawStatus(port, `GET /health HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
    expect(control).toBe(200)
    for (const route of [...ROUTES, { url: '/health', family: 'console' as const }]) {
      const extra = Object.entries(route.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')
      const status = await rawStatus(
        port,
        `GET ${route.url} HTTP/1.0\r\nAuthorization: Bearer ${listening.token}\r\n${extra}\r\n`,
      )
      expect(status, route.url).toBe(403)
    }
  })

  it('is refused over HTTP/1.1 too', async () => {
    const status = await rawStatus(
      port,
      `GET /api/v1/counts HTTP/1.1\r\nAuthorization: Bearer ${listening.token}\r\nConnection: close\r\n\r\n`,
    )
    expect([400, 403]).toContain(status)
  })
})
