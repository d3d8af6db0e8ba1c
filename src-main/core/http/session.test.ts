// Rule (README "Signing in and the threat model"): a login code works once and expires after
// 12 h unused; a session ends after 12 h without a request, 7 days after sign-in however busy,
// on sign-out and when the console stops; a ticket opens one allowed path once, within 60 s,
// while its session lives. Time comes from a fake clock moved by hand.
import { describe, expect, it } from 'vitest'
import type { Clock } from '../clock'
import { Sessions, loginUrl, ticketPathAllowed } from './session'

const HOUR = 3_600_000
const START = Date.parse('2026-03-25T12:00:00Z')

function fakeClock(): Clock & { advance(ms: number): void } {
  let now = START
  return { now: () => now, advance: (ms) => (now += ms) }
}

function signedIn(sessions: Sessions): string {
  const answer = sessions.exchange(sessions.createLoginCode())
  expect(answer).not.toBeNull()
  return answer!.session
}

describe('login codes', () => {
  it('work once, and not at all after 12 h unused', () => {
    const clock = fakeClock()
    const sessions = new Sessions(clock)
    const code = sessions.createLoginCode()
    const answer = sessions.exchange(code)
    expect(answer).toEqual({
      session: expect.stringMatching(/^[\w-]{43}$/),
      idleTimeoutSeconds: 43_200,
      expiresAt: '2026-04-01T12:00:00.000Z',
    })
    expect(sessions.exchange(code)).toBeNull()
    expect(sessions.exchange('made-up')).toBeNull()

    const late = sessions.createLoginCode()
    const early = sessions.createLoginCode()
    clock.advance(12 * HOUR - 1)
    expect(sessions.exchange(early)).not.toBeNull()
    clock.advance(1)
    expect(sessions.exchange(late)).toBeNull()
  })

  it('ride in the fragment, which browsers never send', () => {
    expect(loginUrl(4477, 'abc')).toBe('http://127.0.0.1:4477/#login=abc')
  })
})

describe('sessions', () => {
  it('end after 12 h without a request; each request starts the 12 h again', () => {
    const clock = fakeClock()
    const sessions = new Sessions(clock)
    const busy = signedIn(sessions)
    const idle = signedIn(sessions)
    clock.advance(11 * HOUR)
    expect(sessions.isSession(busy)).toBe(true)
    clock.advance(HOUR - 1)
    expect(sessions.isSession(busy)).toBe(true)
    clock.advance(1)
    // exactly 12 h since sign-in: over for the unused one only
    expect(sessions.isSession(idle)).toBe(false)
    expect(sessions.isSession(busy)).toBe(true)
    clock.advance(12 * HOUR - 1)
    expect(sessions.isSession(busy)).toBe(true)
    clock.advance(12 * HOUR)
    expect(sessions.isSession(busy)).toBe(false)
    // once over, always over
    clock.advance(-HOUR)
    expect(sessions.isSession(busy)).toBe(false)
  })

  it('end 7 days after sign-in however busy', () => {
    const clock = fakeClock()
    const sessions = new Sessions(clock)
    const session = signedIn(sessions)
    for (let hour = 0; hour < 7 * 24 - 1; hour++) {
      clock.advance(HOUR)
      expect(sessions.isSession(session), `hour ${hour + 1}`).toBe(true)
    }
    clock.advance(HOUR - 1)
    expect(sessions.isSession(session)).toBe(true)
    clock.advance(1)
    expect(sessions.isSession(session)).toBe(false)
  })

  it('end on sign-out and when the console stops, each only its own', () => {
    const sessions = new Sessions(fakeClock())
    const a = signedIn(sessions)
    const b = signedIn(sessions)
    sessions.end(a)
    expect(sessions.isSession(a)).toBe(false)
    expect(sessions.isSession(b)).toBe(true)
    const code = sessions.createLoginCode()
    sessions.clear()
    expect(sessions.isSession(b)).toBe(false)
    expect(sessions.exchange(code)).toBeNull()
    expect(sessions.isSession(undefined)).toBe(false)
    expect(sessions.isSession('')).toBe(false)
  })

  it('limits can be set (a host could choose shorter ones)', () => {
    const clock = fakeClock()
    const sessions = new Sessions(clock, { idleMs: 1000 })
    const session = signedIn(sessions)
    clock.advance(999)
    expect(sessions.isSession(session)).toBe(true)
    clock.advance(1000)
    expect(sessions.isSession(session)).toBe(false)
  })
})

describe('tickets', () => {
  const VIEW = '/api/v1/snapshots/3/view'

  it('are made only for the snapshot view, and only by a live session', () => {
    expect(ticketPathAllowed(VIEW)).toBe(true)
    for (const path of [
      '/api/v1/snapshots/3/export',
      '/api/v1/tokens',
      '/api/v1/snapshots/0/view',
      '/api/v1/snapshots/3/view/',
      '/api/v1/snapshots/3/view?theme=dark',
      '/api/v1/snapshots/%33/view',
    ])
      expect(ticketPathAllowed(path), path).toBe(false)
    const sessions = new Sessions(fakeClock())
    const session = signedIn(sessions)
    expect(sessions.createTicket(session, '/api/v1/tokens')).toBeNull()
    expect(sessions.createTicket('made-up', VIEW)).toBeNull()
    expect(sessions.createTicket(session, VIEW)).toMatch(/^[\w-]{43}$/)
  })

  it('open their path once, within 60 s, while the session lives', () => {
    const clock = fakeClock()
    const sessions = new Sessions(clock)
    const session = signedIn(sessions)
    const once = sessions.createTicket(session, VIEW)!
    expect(sessions.redeemTicket(once, VIEW)).toBe(true)
    expect(sessions.redeemTicket(once, VIEW)).toBe(false)

    // another path burns it
    const wrong = sessions.createTicket(session, VIEW)!
    expect(sessions.redeemTicket(wrong, '/api/v1/snapshots/4/view')).toBe(false)
    expect(sessions.redeemTicket(wrong, VIEW)).toBe(false)

    const slow = sessions.createTicket(session, VIEW)!
    const quick = sessions.createTicket(session, VIEW)!
    clock.advance(59_999)
    expect(sessions.redeemTicket(quick, VIEW)).toBe(true)
    clock.advance(1)
    expect(sessions.redeemTicket(slow, VIEW)).toBe(false)

    const orphan = sessions.createTicket(session, VIEW)!
    sessions.end(session)
    expect(sessions.redeemTicket(orphan, VIEW)).toBe(false)
    expect(sessions.redeemTicket(undefined, VIEW)).toBe(false)
    expect(sessions.redeemTicket('', VIEW)).toBe(false)
  })

  it('are not sessions', () => {
    const sessions = new Sessions(fakeClock())
    const ticket = sessions.createTicket(signedIn(sessions), VIEW)!
    expect(sessions.isSession(ticket)).toBe(false)
    expect(sessions.createTicket(ticket, VIEW)).toBeNull()
  })
})
