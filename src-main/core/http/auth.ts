/**
 * Reads the credential of a request: `Authorization: Bearer|Token|jwt <t>` or
 * `Basic base64(<anything>:<t>)` (WordPress application-password style).
 * Never the query string: a token there leaks into logs and history.
 */

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
