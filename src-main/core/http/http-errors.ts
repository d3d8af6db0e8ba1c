/**
 * Errors that happen before a route runs, in the family's shape like every other error
 * (docs/api.md "Errors, by product family"): Fastify's own refusals of a path it cannot route,
 * and Node's refusals of a request it cannot parse. Node has no request object then, so the
 * family is read from the request line when it is in the bytes Node hands over; without one
 * (or without a path in it) the answer is in the console's shape.
 */
import { STATUS_CODES, maxHeaderSize } from 'node:http'
import { errorBody, familyOf } from './families'

/** The largest request body of the JSON routes (Fastify's `bodyLimit`). */
export const BODY_LIMIT = 1_048_576

/** Fastify's limit on one path segment (its `maxParamLength`), set explicitly in server.ts. */
export const MAX_PATH_SEGMENT = 100

/** Status and one-line message for an error Fastify's router raised (`frameworkErrors`). */
export function frameworkErrorMessage(error: {
  code?: string
  statusCode?: number
  message: string
}): {
  status: number
  message: string
} {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return { status: 400, message: 'path: not a valid percent-encoded UTF-8 URL' }
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        message: `path: a segment is longer than ${MAX_PATH_SEGMENT} characters`,
      }
    default: {
      const status = error.statusCode ?? 400
      return { status: status >= 400 && status < 500 ? status : 400, message: error.message }
    }
  }
}

/** Fastify's body errors, named more plainly: which content type, which limit. */
export function bodyErrorMessage(
  error: { code?: string; message: string },
  contentType: string | undefined,
  limit: number,
): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const given = contentType === undefined ? 'none' : JSON.stringify(contentType.slice(0, 60))
      return `content-type: ${given} is not one this route reads`
    }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `body: larger than the ${limit / 1_048_576} MiB limit`
    default:
      return error.message
  }
}

/** What Node tells a `clientError` listener (ConnectionError in Fastify's types). */
interface ClientError {
  readonly code?: string
  readonly rawPacket?: unknown
}

/** The request line at the start of the bytes Node could not parse, if they start with one. */
function requestLine(raw: unknown): { path: string; ended: boolean } | null {
  if (!Buffer.isBuffer(raw)) return null
  const text = raw.subarray(0, 65_536).toString('latin1')
  const match = /^[A-Z]{3,10} (\S+)/.exec(text)
  if (match === null) return null
  let path = match[1]!
  // The absolute form (`GET http://host/path HTTP/1.1`) names the same path.
  if (/^https?:\/\//i.test(path)) path = path.replace(/^https?:\/\/[^/?#]*/i, '') || '/'
  // No line end within the limit: the request line alone is too long.
  return { path, ended: text.slice(0, maxHeaderSize).includes('\n') }
}

/** The whole HTTP/1.1 answer to a request Node refused, in the family's error shape. */
export function clientErrorResponse(error: ClientError): string {
  const line = requestLine(error.rawPacket)
  const kib = Math.round(maxHeaderSize / 1024)
  let status: number
  let message: string
  if (error.code === 'HPE_HEADER_OVERFLOW' && line !== null && !line.ended) {
    status = 414
    message = `URL: the request line is longer than the ${kib} KiB the request line and headers may take`
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    status = 431
    message = `headers: larger than ${kib} KiB`
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408
    message = 'request: not received in time'
  } else {
    status = 400
    message = `request: not a valid HTTP/1.1 request${error.code === undefined ? '' : ` (${error.code})`}`
  }
  const family = line === null ? 'console' : familyOf(line.path)
  const body = JSON.stringify(errorBody(family, status, message))
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n')
}
