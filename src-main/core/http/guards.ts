/**
 * The loopback server's first line of defence (API.md "Server", amended by issue #13): a request
 * must name this console in `Host` (exactly `127.0.0.1:<port>`, `localhost:<port>` or
 * `[::1]:<port>`, which defeats DNS rebinding) and may carry an `Origin` only if it is the
 * console's own, or an origin the user allowed (cors.ts) on a documented endpoint.
 */

/** The Host values this console answers to on `port`. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

/** The Origin values of the console's own UI on `port`. */
export function allowedOrigins(port: number): Set<string> {
  return new Set([...allowedHosts(port)].map((host) => `http://${host}`))
}

/** True when `origin` is one of the console's own (its UI's) origins. */
export function isOwnOrigin(port: number, origin: string): boolean {
  return allowedOrigins(port).has(origin.toLowerCase())
}

/** A foreign origin's pass: the user's allow-list, and whether the request is one it covers. */
export interface CrossOriginRule {
  /** The request's `Origin` is on the allow-list (exact, as the browser serialised it). */
  readonly allowed: (origin: string) => boolean
  /** The request is for a documented endpoint (the only ones a foreign page may read). */
  readonly documented: boolean
}

/** Why the request is refused, or null when Host and Origin pass. */
export function guardProblem(
  port: number,
  host: string | undefined,
  origin: string | undefined,
  crossOrigin?: CrossOriginRule,
): string | null {
  if (host === undefined || !allowedHosts(port).has(host.toLowerCase())) return 'Host not allowed'
  if (origin === undefined || isOwnOrigin(port, origin)) return null
  if (crossOrigin !== undefined && crossOrigin.documented && crossOrigin.allowed(origin))
    return null
  return 'Origin not allowed'
}
