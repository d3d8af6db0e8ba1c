/**
 * How the console's own UI signs in without a typed token (API.md "Server"): the host makes a
 * one-time login code (printed by `sextant serve`, opened by `--open`, loaded by the desktop
 * window) and the UI exchanges it for a session id that lives only in an HttpOnly,
 * SameSite=Strict cookie. Codes and sessions are kept in memory: a restart signs everyone out,
 * and a new link comes from the host.
 */
import { randomBytes } from 'node:crypto'
import { secretsEqual } from '../tokens/tokens'

const randomId = (): string => randomBytes(32).toString('base64url')

export class Sessions {
  private readonly codes = new Set<string>()
  private readonly sessions = new Set<string>()

  /** A new one-time login code. */
  createLoginCode(): string {
    const code = randomId()
    this.codes.add(code)
    return code
  }

  /** The new session's id when `code` is an unused login code (it is used up), else null. */
  exchange(code: string): string | null {
    for (const known of this.codes) {
      if (secretsEqual(known, code)) {
        this.codes.delete(known)
        const session = randomId()
        this.sessions.add(session)
        return session
      }
    }
    return null
  }

  isSession(id: string | undefined): boolean {
    if (id === undefined || id === '') return false
    for (const known of this.sessions) if (secretsEqual(known, id)) return true
    return false
  }

  end(id: string | undefined): void {
    if (id === undefined) return
    for (const known of this.sessions) if (secretsEqual(known, id)) this.sessions.delete(known)
  }
}

/** Cookies are per host, not per port: two consoles on one machine keep separate sessions. */
export function sessionCookieName(port: number): string {
  return `sextant_session_${port}`
}

/** The link that signs a browser in: the code rides in the fragment, never sent to a server. */
export function loginUrl(port: number, code: string): string {
  return `http://127.0.0.1:${port}/#login=${code}`
}
