/**
 * The UI's only way to the data: fetch against the console's own origin, signed in by the
 * HttpOnly session cookie (sent automatically; the UI never sees a secret). Every product
 * family's error body is turned into one readable message.
 */

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

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  let body: BodyInit | undefined
  if (options.body instanceof FormData) body = options.body
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let response: Response
  try {
    response = await fetch(path + queryString(options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, 'the console is not answering; is `sextant serve` still running?')
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  let parsed: unknown = undefined
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (response.status === 401 && path !== '/api/v1/session') {
    // The session is gone (the console restarted, or signed this browser out): say so once,
    // for the shell to show how to sign in again, rather than an error in every panel.
    window.dispatchEvent(new Event(SESSION_LOST))
  }
  if (!response.ok) {
    const details =
      typeof parsed === 'object' && parsed !== null
        ? (parsed as { error?: { issues?: unknown } }).error?.issues
        : undefined
    throw new ApiError(response.status, errorMessage(response.status, parsed), details)
  }
  return parsed as T
}
