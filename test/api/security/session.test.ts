// Rule (API.md "Server"): the UI signs in with a one-time login code exchanged for an
// HttpOnly, SameSite=Strict session cookie; the cookie is accepted only with a passing Host
// check and, when an Origin is sent, the console's own origin; it never carries over to
// another port's console; the code works once; the session ends on sign-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import { Sessions, loginUrl, sessionCookieName } from '../../../src-main/core/http/session'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const COOKIE = sessionCookieName(PORT)

describe('UI sessions', () => {
  let db: DbClient
  let server: SextantServer
  const sessions = new Sessions()
  beforeAll(async () => {
    db = await DbClient.open(null)
    server = createServer({
      db,
      clock: fixedClock(Date.parse('2026-03-25T12:00:00Z')),
      version: 'test',
      port: () => PORT,
      sessions,
      logger: false,
    })
  })
  afterAll(async () => {
    await server.close()
    await db.close()
  })

  async function signIn(code: string, headers: Record<string, string> = {}) {
    return server.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { host: HOST, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ code }),
    })
  }

  function cookieOf(response: { headers: Record<string, unknown> }): string {
    const header = String(response.headers['set-cookie'])
    const match = new RegExp(`${COOKIE}=([^;]+)`).exec(header)
    expect(match, header).not.toBeNull()
    return match![1]!
  }

  it('puts the code in the fragment, which browsers never send', () => {
    expect(loginUrl(PORT, 'abc')).toBe('http://127.0.0.1:4477/#login=abc')
  })

  it('exchanges a code once for an HttpOnly, SameSite=Strict cookie', async () => {
    const code = sessions.createLoginCode()
    const first = await signIn(code)
    expect(first.statusCode).toBe(204)
    const header = String(first.headers['set-cookie'])
    expect(header).toMatch(/HttpOnly/i)
    expect(header).toMatch(/SameSite=Strict/i)
    expect(header).toMatch(/Path=\//)
    const again = await signIn(code)
    expect(again.statusCode).toBe(401)
    expect(again.json().error.message).toMatch(/already used/)
    expect((await signIn('made-up')).statusCode).toBe(401)
  })

  it('the cookie reads data routes; without it they need a token', async () => {
    const cookie = cookieOf(await signIn(sessions.createLoginCode()))
    const withCookie = await server.inject({
      url: '/api/v1/counts',
      headers: { host: HOST, cookie: `${COOKIE}=${cookie}` },
    })
    expect(withCookie.statusCode).toBe(200)
    expect(withCookie.json().counts.contact_events).toBe(0)
    const reports = await server.inject({
      url: '/reports',
      headers: { host: HOST, cookie: `${COOKIE}=${cookie}` },
    })
    expect(reports.statusCode).toBe(200)
    const without = await server.inject({ url: '/api/v1/counts', headers: { host: HOST } })
    expect(without.statusCode).toBe(401)
    const forged = await server.inject({
      url: '/api/v1/counts',
      headers: { host: HOST, cookie: `${COOKIE}=${cookie}x` },
    })
    expect(forged.statusCode).toBe(401)
    // Another port's console uses another cookie name.
    const otherPort = await server.inject({
      url: '/api/v1/counts',
      headers: { host: HOST, cookie: `${sessionCookieName(4478)}=${cookie}` },
    })
    expect(otherPort.statusCode).toBe(401)
  })

  it('refuses the cookie with a bad Host or a foreign Origin', async () => {
    const cookie = cookieOf(await signIn(sessions.createLoginCode()))
    for (const headers of [
      { host: 'evil.com' },
      { host: `localhost.evil.com:${PORT}` },
      { host: `127.0.0.2:${PORT}` },
      { host: HOST, origin: 'http://evil.com' },
      { host: HOST, origin: `http://127.0.0.1:${PORT + 1}` },
    ]) {
      const response = await server.inject({
        url: '/api/v1/counts',
        headers: { ...headers, cookie: `${COOKIE}=${cookie}` },
      })
      expect(response.statusCode, JSON.stringify(headers)).toBe(403)
    }
    const own = await server.inject({
      url: '/api/v1/counts',
      headers: { host: HOST, origin: `http://127.0.0.1:${PORT}`, cookie: `${COOKIE}=${cookie}` },
    })
    expect(own.statusCode).toBe(200)
    // Signing in from a foreign page is refused too (the code would be burnt otherwise).
    const code = sessions.createLoginCode()
    expect((await signIn(code, { origin: 'http://evil.com' })).statusCode).toBe(403)
    expect((await signIn(code)).statusCode).toBe(204)
  })

  it('signing out ends the session', async () => {
    const cookie = cookieOf(await signIn(sessions.createLoginCode()))
    const headers = { host: HOST, cookie: `${COOKIE}=${cookie}` }
    expect((await server.inject({ url: '/api/v1/session', headers })).json()).toEqual({
      signedIn: true,
    })
    expect(
      (await server.inject({ method: 'DELETE', url: '/api/v1/session', headers })).statusCode,
    ).toBe(204)
    expect((await server.inject({ url: '/api/v1/counts', headers })).statusCode).toBe(401)
    expect((await server.inject({ url: '/api/v1/session', headers })).json()).toEqual({
      signedIn: false,
    })
  })

  it('only the CLI (control secret) may make new sign-in links', async () => {
    const cookie = cookieOf(await signIn(sessions.createLoginCode()))
    const response = await server.inject({
      method: 'POST',
      url: '/api/v1/session/links',
      headers: { host: HOST, cookie: `${COOKIE}=${cookie}` },
    })
    expect(response.statusCode).toBe(403)
  })

  it('serves the UI page with a strict CSP and no credentials needed', async () => {
    const page = await server.inject({ url: '/', headers: { host: HOST } })
    expect(page.statusCode).toBe(200)
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
  })
})
