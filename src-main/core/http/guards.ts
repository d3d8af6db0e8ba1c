/**
 * The loopback server's first line of defence (API.md "Server"): a request
 * must name this console in `Host` (exactly `127.0.0.1:<port>`,
 * `localhost:<port>` or `[::1]:<port>`, which defeats DNS rebinding) and may
 * carry an `Origin` only if it is the console's own.
 */

/** The Host values this console answers to on `port`. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

/** The Origin values of the console's own UI on `port`. */
export function allowedOrigins(port: number): Set<string> {
  return new Set([...allowedHosts(port)].map((host) => `http://${host}`))
}

/** Why the request is refused, or null when Host and Origin pass. */
export function guardProblem(
  port: number,
  host: string | undefined,
  origin: string | undefined,
): string | null {
  if (host === undefined || !allowedHosts(port).has(host.toLowerCase())) return 'Host not allowed'
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase()))
    return 'Origin not allowed'
  return null
}
