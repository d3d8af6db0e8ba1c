/**
 * The UI's only way to the data: fetch against the console's own origin, each request signed
 * by the session secret in the `X-Sextant-Session` header (session.ts keeps it per origin; no
 * cookie is ever sent). Files (exports) are fetched the same way and saved from a Blob; a page
 * the UI frames gets a single-use ticket instead (a frame cannot send a header). Every product
 * family's error body is turned into one readable message.
 */
import { SESSION_HEADER, forgetSession, storedSession } from './session'
import { dataSource } from './source'

/** What a failed action shows the analyst: an error's message (ApiError's is the server's). */
export function failureMessage(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure)
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The importer's issues, when the error is a failed import. */
    readonly details?: unknown,
  ) {
    super(message)
  }
}

/** Fired on `window` when a data route answers 401: the UI's session is no longer valid. */
export const SESSION_LOST = 'sextant:session-lost'

export type Query = Record<string, string | number | readonly string[] | undefined>

/** `{ a: 1, list: ['x', 'y'] }` -> `?a=1&list[0]=x&list[1]=y` (the booking API's array style). */
export function queryString(query: Query = {}): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (Array.isArray(value)) {
      value.forEach((item, index) =>
        parts.push(`${encodeURIComponent(`${key}[${index}]`)}=${encodeURIComponent(item)}`),
      )
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    }
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`
}

/** The message of any family's error body (console, workspace, organisation, WordPress). */
export function errorMessage(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>
    const error = record.error
    if (typeof error === 'string') return error
    if (typeof error === 'object' && error !== null) {
      const message = (error as Record<string, unknown>).message
      if (typeof message === 'string') return message
    }
    if (typeof record.message === 'string') return record.message
  }
  return `the console answered HTTP ${status}`
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly query?: Query
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly signal?: AbortSignal
}

/** A fetch of the console with the session header; 401 on a data route ends the session. */
async function send(path: string, init: RequestInit, headers: Record<string, string>) {
  const secret = storedSession()
  if (secret !== null) headers[SESSION_HEADER] = secret
  let response: Response
  try {
    // `omit`: the session is the header; no cookie of any port goes along.
    response = await fetch(path, { ...init, headers, credentials: 'omit' })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, 'the console is not answering; is `sextant serve` still running?')
  }
  if (response.status === 401 && path.split('?')[0] !== '/api/v1/session') {
    // The session is gone (expired, the console restarted, or signed this tab out): say so
    // once, for the shell to show how to sign in again, rather than an error in every panel.
    forgetSession()
    window.dispatchEvent(new Event(SESSION_LOST))
  }
  return response
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const snapshot = dataSource()
  if (snapshot !== null) {
    // A report: the captured answer, as the console gave it when the snapshot was taken.
    const { status, body } = snapshot.answer(path + queryString(options.query))
    if (status >= 400) throw new ApiError(status, errorMessage(status, body))
    return body as T
  }
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  let body: BodyInit | undefined
  if (options.body instanceof FormData) body = options.body
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const response = await send(
    path + queryString(options.query),
    { method: options.method ?? 'GET', body, signal: options.signal },
    headers,
  )
  if (response.status === 204) return undefined as T
  const parsed = parse(await response.text())
  if (!response.ok) {
    const details =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as { error?: { issues?: unknown } }).error?.issues
        : undefined
    throw new ApiError(response.status, errorMessage(response.status, parsed), details)
  }
  return parsed as T
}

/** A file the console sends (an export): its bytes and its Content-Disposition header. */
export async function fetchFile(path: string): Promise<{ blob: Blob; disposition: string | null }> {
  const response = await send(path, { method: 'GET' }, {})
  if (!response.ok)
    throw new ApiError(response.status, errorMessage(response.status, parse(await response.text())))
  return {
    blob: await response.blob(),
    disposition: response.headers.get('content-disposition'),
  }
}

/**
 * `path` + `query` with a single-use ticket for one GET of it (`path` is a page the UI frames:
 * the console allows only the snapshot view), so a frame loads it without the header.
 */
export async function ticketUrl(path: string, query: Query = {}): Promise<string> {
  const { ticket } = await request<{ ticket: string }>('/api/v1/session/tickets', {
    method: 'POST',
    body: { path },
  })
  return path + queryString({ ...query, ticket })
}
