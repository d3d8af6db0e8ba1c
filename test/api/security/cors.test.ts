// Rule (issue #13 item 7, docs/api.md "Browser apps on other origins"): for an origin on the
// user's allow-list, and only on the documented endpoints of the four products (the workspace,
// campaign, organisation call and booking families, and WordPress's `?rest_route=` form), the
// console answers CORS preflights and sends `Access-Control-Allow-Origin: <that origin>` (never
// `*`, never `Access-Control-Allow-Credentials`). Everything else a foreign origin asks for is
// refused with 403 and no CORS header. A page of another origin authenticates with an API token
// in a header only: never a cookie, the UI's session header, a ticket or the lock file's secret.
// The Host check (DNS rebinding) holds whatever the Origin. Driven in-process with inject.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AllowedOrigins } from '../../../src-main/core/allowed-origins'
import { fixedClock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import { Sessions } from '../../../src-main/core/http/session'
import { createToken } from '../../../src-main/core/tokens/tokens'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const CONTROL = 'control-secret-for-cors-tests'
const ALLOWED = 'https://wp.example.com'
const ALSO_ALLOWED = 'http://localhost:3000'
const clock = fixedClock(Date.UTC(2026, 10, 23, 12))

let db: DbClient
let server: SextantServer
let sessions: Sessions
let token: string
let session: string

beforeAll(async () => {
  db = await DbClient.open(null)
  sessions = new Sessions(clock)
  server = createServer({
    db,
    clock,
    version: '9.9.9',
    port: () => PORT,
    controlSecret: CONTROL,
    sessions,
    allowedOrigins: AllowedOrigins.fixed([ALLOWED, ALSO_ALLOWED]),
  })
  token = (await createToken(db, clock, { name: 'wp-admin' })).token
  session = sessions.exchange(sessions.createLoginCode())!.session
})

afterAll(async () => {
  await server.close()
  await db.close()
})

function request(method: 'GET' | 'OPTIONS' | 'POST', url: string, headers: Record<string, string>) {
  return server.inject({ method, url, headers: { host: HOST, ...headers } })
}

function preflight(url: string, origin: string, extra: Record<string, string> = {}) {
  return request('OPTIONS', url, {
    origin,
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'authorization,x-wp-nonce',
    ...extra,
  })
}

/** Every documented endpoint form, each with the status a full-access token gets (empty db). */
const DOCUMENTED: [string, number][] = [
  ['/reports', 200],
  ['/reports/graph-reports', 200],
  ['/wp-json/fluent-booking/v2/reports', 200],
  ['/?rest_route=/fluent-booking/v2/reports&startTime=&endTime=', 200],
  ['/index.php?rest_route=/fluent-booking/v2/reports/graph-reports', 200],
  ['/api/workspaces/acme/analytics', 404],
  ['/api/workspaces/acme/analytics/timeseries?days=7', 404],
  ['/campaignos/api/workspaces/acme/analytics', 404],
  ['/api/v2/platform/organisation/analytics', 400],
]

/** The console's own routes and pages: never readable from another origin. */
const CONSOLE: string[] = [
  '/api/v1/tokens',
  '/api/v1/settings',
  '/api/v1/overview?days=30',
  '/api/openapi.json',
  '/health',
  '/',
  '/assets/index.js',
  '/api/v1/snapshots',
  // spellings that must not pass as documented endpoints
  '/reports/../api/v1/tokens',
  '/api/v1/tokens?rest_route=/fluent-booking/v2/reports',
]

describe('an allowed origin on the documented endpoints', () => {
  it('gets a preflight answer naming exactly its origin, GET only, no credentials', async () => {
    for (const [url] of DOCUMENTED) {
      const response = await preflight(url, ALLOWED)
      expect(response.statusCode, url).toBe(204)
      expect(response.headers['access-control-allow-origin'], url).toBe(ALLOWED)
      expect(response.headers['access-control-allow-methods'], url).toBe('GET, HEAD')
      const allowedHeaders = String(response.headers['access-control-allow-headers'])
        .toLowerCase()
        .split(/,\s*/)
      expect(allowedHeaders, url).toEqual(expect.arrayContaining(['authorization', 'x-wp-nonce']))
      expect(allowedHeaders, url).not.toContain('x-sextant-session')
      expect(allowedHeaders, url).not.toContain('cookie')
      expect(response.headers['access-control-max-age'], url).toBe('600')
      expect(response.headers['access-control-allow-credentials'], url).toBeUndefined()
      expect(String(response.headers.vary), url).toMatch(/origin/i)
    }
  })

  it('is granted Private Network Access when Chromium asks for it in the preflight', async () => {
    const asked = await preflight('/reports', ALLOWED, {
      'access-control-request-private-network': 'true',
    })
    expect(asked.statusCode).toBe(204)
    expect(asked.headers['access-control-allow-private-network']).toBe('true')
    const notAsked = await preflight('/reports', ALLOWED)
    expect(notAsked.headers['access-control-allow-private-network']).toBeUndefined()
  })

  it('reads every documented endpoint with a token in the Authorization header', async () => {
    for (const [url, status] of DOCUMENTED) {
      const response = await request('GET', url, {
        origin: ALSO_ALLOWED,
        authorization: `Bearer ${token}`,
        'x-wp-nonce': 'a1b2c3d4e5',
      })
      expect(response.statusCode, url).toBe(status)
      expect(response.headers['access-control-allow-origin'], url).toBe(ALSO_ALLOWED)
      expect(response.headers['access-control-allow-credentials'], url).toBeUndefined()
      expect(String(response.headers['access-control-expose-headers']), url).toMatch(
        /WWW-Authenticate/,
      )
    }
  })

  it('can read the 401 of a request without a token (in its family shape)', async () => {
    const reports = await request('GET', '/reports', { origin: ALLOWED })
    expect(reports.statusCode).toBe(401)
    expect(reports.headers['access-control-allow-origin']).toBe(ALLOWED)
    expect(reports.json()).toEqual({
      code: 'rest_forbidden',
      message: 'Sorry, you are not allowed to do that.',
      data: { status: 401 },
    })
    const calls = await request('GET', '/api/v2/platform/organisation/analytics', {
      origin: ALLOWED,
    })
    expect(calls.statusCode).toBe(401)
    expect(calls.headers['access-control-allow-origin']).toBe(ALLOWED)
    expect(calls.headers['www-authenticate']).toBe('JWT realm="api"')
  })
})

describe('no cookie or ambient credential is accepted from another origin', () => {
  it('refuses a cookie holding a valid token or session, and sends no Allow-Credentials', async () => {
    const response = await request('GET', '/reports', {
      origin: ALLOWED,
      cookie: `token=${token}; sextant_session=${session}; wordpress_logged_in=${token}`,
    })
    expect(response.statusCode).toBe(401)
    expect(response.headers['access-control-allow-credentials']).toBeUndefined()
  })

  it("takes CampaignOS's ?key= from local programs only, not from a page of another origin", async () => {
    const url = `/api/workspaces/acme/analytics?key=${token}`
    const local = await request('GET', url, {})
    expect(local.statusCode).toBe(404) // authenticated: the workspace does not exist
    const foreign = await request('GET', url, { origin: ALLOWED })
    expect(foreign.statusCode).toBe(401)
    expect(foreign.json()).toEqual({ error: 'Unauthorized' })
    expect(foreign.headers['access-control-allow-origin']).toBe(ALLOWED)
  })

  it("refuses the UI's session header, a ticket and the lock file's secret", async () => {
    const viaSession = await request('GET', '/reports', {
      origin: ALLOWED,
      'x-sextant-session': session,
    })
    expect(viaSession.statusCode).toBe(401)
    // tickets open only snapshot pages, console routes a foreign origin never reaches
    const ticket = sessions.createTicket(session, '/api/v1/snapshots/1/view')
    expect(ticket).not.toBeNull()
    const viaTicket = await request('GET', `/api/v1/snapshots/1/view?ticket=${ticket}`, {
      origin: ALLOWED,
    })
    expect(viaTicket.statusCode).toBe(403)
    const viaControl = await request('GET', '/reports', {
      origin: ALLOWED,
      authorization: `Bearer ${CONTROL}`,
    })
    expect(viaControl.statusCode).toBe(401)
    // the same three, from the console's own origin, still work
    const own = `http://${HOST}`
    expect(
      (await request('GET', '/reports', { origin: own, 'x-sextant-session': session })).statusCode,
    ).toBe(200)
    expect(
      (await request('GET', '/reports', { origin: own, authorization: `Bearer ${CONTROL}` }))
        .statusCode,
    ).toBe(200)
  })
})

describe('everything else stays refused', () => {
  it("an allowed origin gets 403 and no CORS header on the console's own routes and pages", async () => {
    for (const url of CONSOLE) {
      const pre = await preflight(url, ALLOWED)
      expect(pre.statusCode, `OPTIONS ${url}`).toBe(403)
      expect(pre.headers['access-control-allow-origin'], url).toBeUndefined()
      const get = await request('GET', url, { origin: ALLOWED, authorization: `Bearer ${token}` })
      expect(get.statusCode, `GET ${url}`).toBe(403)
      expect(get.headers['access-control-allow-origin'], url).toBeUndefined()
    }
    // a simple (no preflight) cross-origin POST, the CSRF case, is refused before anything runs
    const before = (
      await request('GET', '/api/v1/tokens', { authorization: `Bearer ${CONTROL}` })
    ).json() as { tokens: unknown[] }
    const post = await request('POST', '/api/v1/tokens', {
      origin: ALLOWED,
      authorization: `Bearer ${token}`,
      'content-type': 'text/plain',
    })
    expect(post.statusCode).toBe(403)
    const after = (
      await request('GET', '/api/v1/tokens', { authorization: `Bearer ${CONTROL}` })
    ).json() as { tokens: unknown[] }
    expect(after.tokens.length).toBe(before.tokens.length)
  })

  it('any other origin gets nothing, however close its spelling', async () => {
    for (const origin of [
      'https://evil.example.com',
      'http://wp.example.com', // another scheme is another origin
      'https://wp.example.com:8443',
      'https://wp.example.com.evil.com',
      'https://xwp.example.com',
      'null',
      `http://127.0.0.1:${PORT + 1}`, // another local program's page
    ]) {
      for (const [url] of DOCUMENTED) {
        const pre = await preflight(url, origin)
        expect(pre.statusCode, `${origin} OPTIONS ${url}`).toBe(403)
        expect(pre.headers['access-control-allow-origin'], `${origin} ${url}`).toBeUndefined()
        const get = await request('GET', url, { origin, authorization: `Bearer ${token}` })
        expect(get.statusCode, `${origin} GET ${url}`).toBe(403)
        expect(get.headers['access-control-allow-origin'], `${origin} ${url}`).toBeUndefined()
      }
    }
  })

  it('keeps the Host check: a rebinding name is refused even from an allowed origin', async () => {
    for (const host of ['wp.example.com', `rebind.evil.com:${PORT}`, `localhost:${PORT + 1}`]) {
      const pre = await preflight('/reports', ALLOWED, { host })
      expect(pre.statusCode, host).toBe(403)
      expect(pre.headers['access-control-allow-origin'], host).toBeUndefined()
      const get = await request('GET', '/reports', {
        host,
        origin: ALLOWED,
        authorization: `Bearer ${token}`,
      })
      expect(get.statusCode, host).toBe(403)
      expect(get.headers['access-control-allow-origin'], host).toBeUndefined()
    }
  })

  it('answers no CORS header at all when the allow-list is empty', async () => {
    const bare = createServer({ db, clock, version: '9.9.9', port: () => PORT })
    try {
      const pre = await bare.inject({
        method: 'OPTIONS',
        url: '/reports',
        headers: { host: HOST, origin: ALLOWED, 'access-control-request-method': 'GET' },
      })
      expect(pre.statusCode).toBe(403)
      expect(pre.headers['access-control-allow-origin']).toBeUndefined()
    } finally {
      await bare.close()
    }
  })
})
