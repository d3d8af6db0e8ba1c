/**
 * Reads the credential of a request: `Authorization: Bearer|Token|jwt <t>` or
 * `Basic base64(<anything>:<t>)` (WordPress application-password style), and on the workspaces
 * family only, CampaignOS's `?key=<t>` (campaign-analytics.txt's API keys; issue #13 item 8).
 * Every other credential in the query string is refused (server.ts): a token there leaks into
 * logs and history. `key` does not reach Sextant's own logs: every logged URL and line has the
 * values of credential parameters redacted (`loggerOptions`).
 */
import type { FastifyRequest } from 'fastify'
import type { Family } from './families'
import { TICKET_PARAMETER } from './session'

/** The presented token, or null when the header holds none. */
export function presentedToken(authorization: string | undefined): string | null {
  if (authorization === undefined) return null
  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization)
  if (match === null) return null
  const scheme = match[1]!.toLowerCase()
  const value = match[2]!
  if (scheme === 'bearer' || scheme === 'token' || scheme === 'jwt') return value
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return colon === -1 ? null : decoded.slice(colon + 1) || null
  }
  return null
}

/** CampaignOS's API-key query parameter, spelled exactly so. */
export const KEY_PARAMETER = 'key'

/** The query string of a URL (`/a?x=1` -> `x=1`), '' without one. */
function queryOf(url: string): string {
  const at = url.indexOf('?')
  return at === -1 ? '' : url.slice(at + 1)
}

/** True when the request asks in CampaignOS's API-key style: its query has a `key`. */
export function asksWithKey(url: string): boolean {
  return new URLSearchParams(queryOf(url)).has(KEY_PARAMETER)
}

/**
 * The credential a request presents. An Authorization header, when present, wins (even one that
 * holds no token: it answers 401, the key is not looked at). Without one, a request of the
 * workspaces family may present one `key` parameter, read exactly like a header token; empty or
 * repeated, it presents none. Other families never read `key`.
 */
export function presentedCredential(request: {
  readonly authorization: string | undefined
  readonly url: string
  readonly family: Family
}): string | null {
  if (request.authorization !== undefined) return presentedToken(request.authorization)
  if (request.family !== 'workspaces') return null
  const keys = new URLSearchParams(queryOf(request.url)).getAll(KEY_PARAMETER)
  return keys.length === 1 && keys[0] !== '' ? keys[0]! : null
}

/**
 * Query parameters that hold a credential, however spelled: CampaignOS's key, the names
 * server.ts refuses, and the UI's single-use ticket. Their values never reach a log line.
 */
const CREDENTIAL_PARAMETERS = new Set([
  KEY_PARAMETER,
  'token',
  'access_token',
  'api_key',
  'apikey',
  TICKET_PARAMETER,
])

const REDACTED = '[redacted]'

/** A query parameter's name as URLSearchParams reads it (percent-decoded, `+` a space). */
function parameterName(raw: string): string {
  return [...new URLSearchParams(`${raw}=`).keys()][0] ?? ''
}

/** `/a?key=t&days=7` -> `/a?key=[redacted]&days=7`; names read as `tokenInQuery` reads them. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?')
  if (at === -1) return url
  const parts = url
    .slice(at + 1)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=')
      if (equals === -1) return part
      const name = part.slice(0, equals)
      return CREDENTIAL_PARAMETERS.has(parameterName(name).trim().toLowerCase())
        ? `${name}=${REDACTED}`
        : part
    })
  return `${url.slice(0, at + 1)}${parts.join('&')}`
}

/** Every query string in a text (a log line, a message) with its credentials redacted. */
export function redactText(text: string): string {
  return text.replace(/\?[^\s"'<>\\]*/g, (query) => redactUrl(query))
}

/** What a host passes as `logger`: off, on (standard output), or on into a stream (tests). */
export type LoggerSetting = boolean | { readonly stream: { write(line: string): unknown } }

/**
 * Fastify's logger option: off, or pino writing through `redactText`, with the request's URL
 * redacted by its serialiser. Fastify logs `req.url` on every request and puts raw URLs in a few
 * messages of its own; neither may carry a token.
 */
export function loggerOptions(setting: LoggerSetting | undefined) {
  if (setting === undefined || setting === false) return false
  const target = setting === true ? process.stdout : setting.stream
  return {
    level: 'info',
    stream: { write: (line: string): void => void target.write(redactText(line)) },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  }
}
