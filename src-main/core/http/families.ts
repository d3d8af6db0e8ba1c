/**
 * The four product families of the API answer errors in their own shapes (API.md, docs/api.md):
 * local apps written against the originals parse them. A request's family follows from its path.
 */
import type { FastifyReply } from 'fastify'

export type Family = 'workspaces' | 'organisations' | 'reports' | 'console' | 'open'

/** Where a CampaignOS client's base URL may point: the console itself, or this prefix. */
export const CAMPAIGNOS_PREFIX = '/campaignos'

export function familyOf(url: string): Family {
  const path = url.split('?')[0]!
  for (const prefix of ['', CAMPAIGNOS_PREFIX]) {
    const root = `${prefix}/api/workspaces`
    if (path.startsWith(`${root}/`) || path === root) return 'workspaces'
  }
  if (path.startsWith('/api/v2/')) return 'organisations'
  if (path === '/reports' || path.startsWith('/reports/') || path.startsWith('/wp-json/'))
    return 'reports'
  if (path.startsWith('/api/')) return 'console'
  // The UI's pages and anything unknown: the console's own error shape.
  return 'open'
}

const WORDPRESS_CODES: Record<number, string> = {
  400: 'rest_invalid_param',
  401: 'rest_forbidden',
  403: 'rest_forbidden',
  404: 'rest_not_found',
  500: 'rest_internal_error',
}

const CONSOLE_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  431: 'headers_too_large',
  500: 'internal',
}

/** The family's error body for a status and message. */
export function errorBody(family: Family, status: number, message: string): unknown {
  switch (family) {
    case 'workspaces':
      return { error: message }
    case 'organisations':
      // UnpodJSONRenderer: from 401 up it writes {message, status_code} from DRF's `detail` and
      // no `data`; below 401 it always writes `data` ({} for an error) (docs/api.md).
      return status >= 401
        ? { message, status_code: status }
        : { status_code: status, message, data: {} }
    case 'reports':
      return { code: WORDPRESS_CODES[status] ?? 'rest_error', message, data: { status } }
    default:
      return { error: { code: CONSOLE_CODES[status] ?? 'error', message } }
  }
}

export function sendFamilyError(
  reply: FastifyReply,
  family: Family,
  status: number,
  message: string,
): FastifyReply {
  // DRF puts the first authentication class's authenticate_header on every 401; the original's
  // is DualJWTAuthentication's (docs/api.md).
  if (family === 'organisations' && status === 401)
    reply.header('www-authenticate', ORGANISATIONS_CHALLENGE)
  return reply.code(status).send(errorBody(family, status, message))
}

/** The WWW-Authenticate of an organisations 401, as the original sends it. */
export const ORGANISATIONS_CHALLENGE = 'JWT realm="api"'

/** The message of a 401/403 in each family (docs/api.md). */
export function authMessage(family: Family, status: 401 | 403, presented: boolean): string {
  if (family === 'workspaces') return status === 401 ? 'Unauthorized' : 'Forbidden'
  if (family === 'organisations') {
    if (status === 403) return 'Invalid organization handle.'
    return presented ? 'Invalid token.' : 'Authentication credentials were not provided.'
  }
  if (family === 'reports') return 'Sorry, you are not allowed to do that.'
  return status === 401 ? 'missing or invalid token' : 'this route needs a full-access token'
}
