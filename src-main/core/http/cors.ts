/**
 * CORS for the origins the user allowed (allowed-origins.ts), on the documented endpoints only
 * (issue #13 item 7). `@fastify/cors` writes the headers and answers preflights; this module
 * decides, per request, whether it may: the Host check passes, the `Origin` is on the list, and
 * the path is one of the four products' endpoints. The console's own routes, its UI and
 * everything else never answer a foreign origin. No `Access-Control-Allow-Credentials`, ever:
 * a page on another origin authenticates with a token in a header, never with a cookie (the
 * console reads none anyway) or a cached HTTP password.
 */
import type { FastifyCorsOptions } from '@fastify/cors'
import type { FastifyRequest } from 'fastify'
import type { AllowedOrigins } from '../allowed-origins'
import { familyOf } from './families'
import { allowedHosts, isOwnOrigin } from './guards'
import { restRouteOf } from './rest-route'

/** Request headers a foreign page may send: the originals' clients' own and a token. */
export const CORS_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Accept-Language',
  'X-Requested-With',
  // FluentBooking's admin client (Rest.js): ignored, the token authenticates.
  'X-WP-Nonce',
  // The call product's SDK (src/unpod/management/_http.py).
  'Org-Handle',
  'X-Request-Id',
]

/** Response headers a foreign page may read beyond the safelisted ones. */
export const CORS_EXPOSED_HEADERS = ['Allow', 'WWW-Authenticate']

/** How long a browser may cache a preflight's answer, in seconds. */
export const CORS_MAX_AGE = 600

/**
 * True when `url` is one of the four products' documented endpoints: the workspace, campaign,
 * organisation call and booking families, and WordPress's `?rest_route=` form of the last.
 */
export function isDocumentedEndpoint(url: string): boolean {
  const family = familyOf(url)
  if (family === 'workspaces' || family === 'organisations' || family === 'reports') return true
  const path = url.split('?')[0]!
  return (path === '/' || path === '/index.php') && restRouteOf(url) !== undefined
}

/**
 * True when a documented endpoint may answer this request across origins: it names this console
 * in Host, carries an allowed foreign Origin, and both its raw path and the route it matched
 * are documented (no spelling of a console route passes as a documented one).
 */
export function crossOriginPermitted(
  request: FastifyRequest,
  port: number,
  origins: AllowedOrigins,
): boolean {
  const origin = request.headers.origin
  const host = request.headers.host
  if (origin === undefined || host === undefined) return false
  if (!allowedHosts(port).has(host.toLowerCase()) || isOwnOrigin(port, origin)) return false
  if (!origins.allows(origin)) return false
  if (!isDocumentedEndpoint(request.url)) return false
  const route = request.routeOptions.url
  return (
    route === undefined ||
    route === '*' ||
    isDocumentedEndpoint(route) ||
    route === '/' ||
    route === '/index.php'
  )
}

/** The `@fastify/cors` options: per request, this origin on a permitted request, else none. */
export function corsOptions(port: () => number, origins: AllowedOrigins): FastifyCorsOptions {
  return {
    hook: 'onRequest',
    delegator: (request, callback) => {
      const permitted = crossOriginPermitted(request, port(), origins)
      callback(null, {
        origin: permitted ? request.headers.origin! : false,
        methods: ['GET', 'HEAD'],
        allowedHeaders: CORS_REQUEST_HEADERS,
        exposedHeaders: CORS_EXPOSED_HEADERS,
        credentials: false,
        maxAge: CORS_MAX_AGE,
        strictPreflight: true,
      })
    },
  }
}
