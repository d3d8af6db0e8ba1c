/**
 * How the console's own UI signs in without a typed token (README "Signing in and the threat
 * model"): the host makes a one-time login code (printed by `sextant serve`, opened by `--open`,
 * asked for by the desktop window's preload) and the UI exchanges it for a session secret that
 * the answer's body carries. The page keeps it in sessionStorage, which browsers keep per
 * origin (scheme, host AND port, unlike cookies, which every port of 127.0.0.1 receives), and
 * sends it in the `X-Sextant-Session` header; no cookie is involved.
 *
 * Sessions end after SESSION_IDLE_MS without a request, SESSION_LIFETIME_MS after sign-in, on
 * sign-out, and when the console stops (everything here is in memory). Codes expire after
 * LOGIN_CODE_LIFETIME_MS unused. The only thing a session hands out is a ticket: one GET of one
 * allowed path (the snapshot view the UI frames, which cannot send a header), once, within
 * TICKET_LIFETIME_MS. The time comes from the injected Clock.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Clock } from '../clock'

/** The request header that carries the UI's session secret. */
export const SESSION_HEADER = 'x-sextant-session'
/** The query parameter that carries a ticket (never the session secret itself). */
export const TICKET_PARAMETER = 'ticket'

const HOUR = 3_600_000
/** A session unused this long is over (README and App.tsx's signed-out text quote these). */
export const SESSION_IDLE_MS = 12 * HOUR
/** A session is over this long after sign-in, however busy. */
export const SESSION_LIFETIME_MS = 7 * 24 * HOUR
/** A login code unused this long no longer signs in. */
export const LOGIN_CODE_LIFETIME_MS = 12 * HOUR
/** A ticket is good for one GET within this long. */
export const TICKET_LIFETIME_MS = 60_000

/** The only paths a ticket may open: pages the UI loads in a frame (no header can go along). */
const TICKET_PATHS = [/^\/api\/v1\/snapshots\/[1-9]\d{0,15}\/view$/]

export function ticketPathAllowed(path: string): boolean {
  return TICKET_PATHS.some((pattern) => pattern.test(path))
}

export interface Limits {
  readonly idleMs: number
  readonly lifetimeMs: number
  readonly codeLifetimeMs: number
  readonly ticketLifetimeMs: number
}

const DEFAULT_LIMITS: Limits = {
  idleMs: SESSION_IDLE_MS,
  lifetimeMs: SESSION_LIFETIME_MS,
  codeLifetimeMs: LOGIN_CODE_LIFETIME_MS,
  ticketLifetimeMs: TICKET_LIFETIME_MS,
}

/** What a sign-in answers: the secret and when it stops working. */
export interface SignedIn {
  readonly session: string
  /** The session ends after this many seconds without a request. */
  readonly idleTimeoutSeconds: number
  /** ISO time the session ends however busy it is. */
  readonly expiresAt: string
}

interface Session {
  readonly createdAt: number
  lastSeen: number
}

interface Ticket {
  readonly session: string
  readonly path: string
  readonly expiresAt: number
}

const randomSecret = (): string => randomBytes(32).toString('base64url')
/**
 * Secrets are stored (and looked up) by their SHA-256: a lookup's timing tells nothing about a
 * secret, and the maps never hold one.
 */
const digest = (secret: string): string => createHash('sha256').update(secret).digest('base64url')

export class Sessions {
  private readonly codes = new Map<string, number>()
  private readonly sessions = new Map<string, Session>()
  private readonly tickets = new Map<string, Ticket>()
  private readonly limits: Limits

  constructor(
    private readonly clock: Clock,
    limits: Partial<Limits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
  }

  /** A new one-time login code. */
  createLoginCode(): string {
    this.prune()
    const code = randomSecret()
    this.codes.set(digest(code), this.clock.now())
    return code
  }

  /** A new session when `code` is an unused, unexpired login code (it is used up), else null. */
  exchange(code: string): SignedIn | null {
    this.prune()
    const key = digest(code)
    if (!this.codes.has(key)) return null
    this.codes.delete(key)
    const now = this.clock.now()
    const session = randomSecret()
    this.sessions.set(digest(session), { createdAt: now, lastSeen: now })
    return {
      session,
      idleTimeoutSeconds: this.limits.idleMs / 1000,
      expiresAt: new Date(now + this.limits.lifetimeMs).toISOString(),
    }
  }

  /** True for a live session; it counts as activity (the idle timeout starts again). */
  isSession(secret: string | undefined): boolean {
    const key = this.liveKey(secret)
    if (key === null) return false
    this.sessions.get(key)!.lastSeen = this.clock.now()
    return true
  }

  /** Ends a session (sign-out) and the tickets it made. */
  end(secret: string | undefined): void {
    const key = this.liveKey(secret)
    if (key === null) return
    this.sessions.delete(key)
    for (const [ticket, entry] of this.tickets)
      if (entry.session === key) this.tickets.delete(ticket)
  }

  /** Ends every session, code and ticket (the console stops). */
  clear(): void {
    this.codes.clear()
    this.sessions.clear()
    this.tickets.clear()
  }

  /** A ticket for one GET of `path` by a live session, or null (no session, path not allowed). */
  createTicket(secret: string | undefined, path: string): string | null {
    const key = this.liveKey(secret)
    if (key === null || !ticketPathAllowed(path)) return null
    const ticket = randomSecret()
    this.tickets.set(digest(ticket), {
      session: key,
      path,
      expiresAt: this.clock.now() + this.limits.ticketLifetimeMs,
    })
    return ticket
  }

  /**
   * True when `ticket` was made for exactly `path`, is unexpired and its session still lives;
   * the ticket is used up either way (a wrong path burns it too).
   */
  redeemTicket(ticket: string | undefined, path: string): boolean {
    if (ticket === undefined || ticket === '') return false
    this.prune()
    const key = digest(ticket)
    const entry = this.tickets.get(key)
    if (entry === undefined) return false
    this.tickets.delete(key)
    return entry.path === path && this.sessions.has(entry.session)
  }

  /** The map key of a live session, or null; drops an expired one. */
  private liveKey(secret: string | undefined): string | null {
    if (secret === undefined || secret === '') return null
    const key = digest(secret)
    const session = this.sessions.get(key)
    if (session === undefined) return null
    if (!this.alive(session, this.clock.now())) {
      this.sessions.delete(key)
      return null
    }
    return key
  }

  private alive(session: Session, now: number): boolean {
    return (
      now - session.lastSeen < this.limits.idleMs &&
      now - session.createdAt < this.limits.lifetimeMs
    )
  }

  /** Forgets whatever has expired, so the maps stay small however long the console runs. */
  private prune(): void {
    const now = this.clock.now()
    for (const [key, createdAt] of this.codes)
      if (now - createdAt >= this.limits.codeLifetimeMs) this.codes.delete(key)
    for (const [key, session] of this.sessions)
      if (!this.alive(session, now)) this.sessions.delete(key)
    for (const [key, ticket] of this.tickets)
      if (now >= ticket.expiresAt || !this.sessions.has(ticket.session)) this.tickets.delete(key)
  }
}

/** The link that signs a browser in: the code rides in the fragment, never sent to a server. */
export function loginUrl(port: number, code: string): string {
  return `http://127.0.0.1:${port}/#login=${code}`
}
