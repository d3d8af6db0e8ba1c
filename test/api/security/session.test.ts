// Rule (README "Signing in and the threat model"): the UI signs in with a one-time login code
// exchanged for a session secret in the answer's body, never a cookie; the secret is accepted
// only in the X-Sextant-Session header (a cookie carrying it is refused), only with a passing
// Host check and, when an Origin is sent, the console's own origin; it ends on sign-out and
// after 12 h idle (the server's injected clock); the code works once; a ticket opens one GET
// of the snapshot view it was made for, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Clock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import { Sessions } from '../../../src-main/core/http/session'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const HOUR = 3_600_000

describe('UI sessions', () => {
  let db: DbClient
  let server: SextantServer
  let now = Date.parse('2026-03-25T12:00:00Z')
  const clock: Clock = { now: () => now }
  const sessions = new Sessions(clock)
  beforeAll(async () => {
    db = await DbClient.open(null)
    server = createServer({
      db,
      clock,
      version: 'test',
      port: () => PORT,
      sessions,
      controlSecret: 'control-secret',
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

  async function newSession(): Promise<string> {
    const response = await signIn(sessions.createLoginCode())
    expect(response.statusCode).toBe(200)
    return (response.json() as { session: string }).session
  }

  const withSession = (session: string) => ({ host: HOST, 'x-sextant-session': session })

  it('exchanges a code once for a secret in the body, and sets no cookie', async () => {
    const code = sessions.createLoginCode()
    const first = await signIn(code)
    const ends = new Date(now + 7 * 24 * HOUR).toISOString()
    expect(first.statusCode).toBe(200)
    expect(first.headers['set-cookie']).toBeUndefined()
    expect(first.headers['cache-control']).toBe('no-store')
    expect(first.json()).toEqual({
      session: expect.stringMatching(/^[\w-]{43}$/),
      idleTimeoutSeconds: 43_200,
      expiresAt: ends,
    })
    const again = await signIn(code)
    expect(again.statusCode).toBe(401)
    expect(again.json().error.message).toMatch(/already used/)
    expect((await signIn('made-up')).statusCode).toBe(401)
  })

  it('the header reads data routes; the same secret in a cookie does not', async () => {
    const session = await newSession()
    const withHeader = await server.inject({ url: '/api/v1/counts', headers: withSession(session) })
    expect(withHeader.statusCode).toBe(200)
    expect(withHeader.json().counts.contact_events).toBe(0)
    const reports = await server.inject({ url: '/reports', headers: withSession(session) })
    expect(reports.statusCode).toBe(200)
    // What a program on another port of 127.0.0.1 could have received: cookies, any name.
    for (const cookie of [
      `sextant_session_${PORT}=${session}`,
      `session=${session}`,
      `x-sextant-session=${session}`,
    ]) {
      for (const url of ['/api/v1/counts', '/reports']) {
        const replayed = await server.inject({ url, headers: { host: HOST, cookie } })
        expect(replayed.statusCode, `${url} with ${cookie.split('=')[0]}`).toBe(401)
      }
      const token = await server.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { host: HOST, cookie, 'content-type': 'application/json' },
        payload: '{"name":"stolen"}',
      })
      expect(token.statusCode).toBe(401)
    }
    expect(
      (
        await server.inject({
          url: '/api/v1/session',
          headers: { host: HOST, cookie: `sextant_session_${PORT}=${session}` },
        })
      ).json(),
    ).toEqual({ signedIn: false })
    const forged = await server.inject({
      url: '/api/v1/counts',
      headers: withSession(`${session}x`),
    })
    expect(forged.statusCode).toBe(401)
    // A token in the Authorization header is read as a token, not mixed with the session.
    const both = await server.inject({
      url: '/api/v1/counts',
      headers: { ...withSession(session), authorization: 'Bearer not-a-token' },
    })
    expect(both.statusCode).toBe(401)
  })

  it('refuses the header with a bad Host or a foreign Origin', async () => {
    const session = await newSession()
    for (const headers of [
      { host: 'evil.com' },
      { host: `localhost.evil.com:${PORT}` },
      { host: `127.0.0.2:${PORT}` },
      { host: HOST, origin: 'http://evil.com' },
      { host: HOST, origin: `http://127.0.0.1:${PORT + 1}` },
    ]) {
      const response = await server.inject({
        url: '/api/v1/counts',
        headers: { ...headers, 'x-sextant-session': session },
      })
      expect(response.statusCode, JSON.stringify(headers)).toBe(403)
    }
    const own = await server.inject({
      url: '/api/v1/counts',
      headers: { ...withSession(session), origin: `http://127.0.0.1:${PORT}` },
    })
    expect(own.statusCode).toBe(200)
    // Signing in from a foreign page is refused too (the code would be burnt otherwise).
    const code = sessions.createLoginCode()
    expect((await signIn(code, { origin: 'http://evil.com' })).statusCode).toBe(403)
    expect((await signIn(code)).statusCode).toBe(200)
  })

  it('ends after 12 h without a request, by the server’s clock', async () => {
    const session = await newSession()
    now += 12 * HOUR - 1
    expect(
      (await server.inject({ url: '/api/v1/counts', headers: withSession(session) })).statusCode,
    ).toBe(200)
    now += 12 * HOUR - 1
    expect(
      (await server.inject({ url: '/api/v1/session', headers: withSession(session) })).json(),
    ).toEqual({ signedIn: true })
    now += 12 * HOUR
    expect(
      (await server.inject({ url: '/api/v1/counts', headers: withSession(session) })).statusCode,
    ).toBe(401)
    expect(
      (await server.inject({ url: '/api/v1/session', headers: withSession(session) })).json(),
    ).toEqual({ signedIn: false })
  })

  it('signing out ends the session', async () => {
    const session = await newSession()
    const headers = withSession(session)
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

  it('a ticket opens the snapshot view it was made for, once, and nothing else', async () => {
    const session = await newSession()
    const control = { host: HOST, authorization: 'Bearer control-secret' }
    const captured = await server.inject({
      method: 'POST',
      url: '/api/v1/snapshots',
      headers: { ...control, 'content-type': 'application/json' },
      payload: JSON.stringify({ report: 'overview', name: 'Ticketed', params: { days: 7 } }),
    })
    expect(captured.statusCode).toBe(201)
    const id = (captured.json() as { id: number }).id
    const view = `/api/v1/snapshots/${id}/view`
    const ticket = async (path: string, headers: Record<string, string> = withSession(session)) =>
      server.inject({
        method: 'POST',
        url: '/api/v1/session/tickets',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ path }),
      })

    const made = await ticket(view)
    expect(made.statusCode).toBe(201)
    const value = (made.json() as { ticket: string }).ticket
    const opened = await server.inject({
      url: `${view}?theme=dark&ticket=${value}`,
      headers: { host: HOST },
    })
    expect(opened.statusCode).toBe(200)
    expect(opened.headers['content-type']).toMatch(/^text\/html/)
    expect(opened.body).toContain('Ticketed')
    const twice = await server.inject({ url: `${view}?ticket=${value}`, headers: { host: HOST } })
    expect(twice.statusCode).toBe(401)

    // not another route, not as a session, not with a method other than GET
    const other = (await ticket(view)).json() as { ticket: string }
    const exported = await server.inject({
      url: `/api/v1/snapshots/${id}/export?format=json&ticket=${other.ticket}`,
      headers: { host: HOST },
    })
    expect(exported.statusCode).toBe(401)
    const asSession = await server.inject({
      url: '/api/v1/counts',
      headers: withSession(other.ticket),
    })
    expect(asSession.statusCode).toBe(401)
    const third = (await ticket(view)).json() as { ticket: string }
    const deleted = await server.inject({
      method: 'DELETE',
      url: `/api/v1/snapshots/${id}?ticket=${third.ticket}`,
      headers: { host: HOST },
    })
    expect(deleted.statusCode).toBe(401)

    // only the UI's session makes them, and only for the view
    const refused = await ticket('/api/v1/tokens')
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.message).toMatch(/^path: /)
    expect((await ticket(view, control)).statusCode).toBe(403)
    expect((await ticket(view, { host: HOST })).statusCode).toBe(401)
  })

  it('only the CLI (control secret) may make new sign-in links', async () => {
    const session = await newSession()
    const response = await server.inject({
      method: 'POST',
      url: '/api/v1/session/links',
      headers: withSession(session),
    })
    expect(response.statusCode).toBe(403)
    const made = await server.inject({
      method: 'POST',
      url: '/api/v1/session/links',
      headers: { host: HOST, authorization: 'Bearer control-secret' },
    })
    expect(made.statusCode).toBe(201)
    const code = /#login=([\w-]+)$/.exec((made.json() as { url: string }).url)![1]!
    expect((await signIn(code)).statusCode).toBe(200)
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
