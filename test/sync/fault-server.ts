/**
 * A fault-injecting HTTP server on loopback, for the remote-sync tests.
 *
 * `startFaultServer(handler)` listens on 127.0.0.1, port 0 (`server.url` is
 * `http://127.0.0.1:<port>`), records every request in `server.requests` and
 * answers with `handler`, which `server.setHandler` can swap between steps.
 * `close()` drops the open connections (keep-alive and mid-answer ones too).
 * Only node:http; no dependencies.
 *
 * Ready-made behaviours, each a `FaultHandler`:
 * - `json(value, { status, headers })`: a JSON answer (200 by default).
 * - `status(code, { retryAfter, body, headers })`: a bare status; `retryAfter`
 *   is seconds (number), a Date (sent as an HTTP date) or a raw string.
 * - `slowDrip({ body, intervalMs, status, headers })`: headers at once (with a
 *   correct Content-Length), then one byte of `body` every `intervalMs`.
 * - `hang()`: reads the request and never answers (headers never come).
 * - `truncated({ body, declaredLength })`: promises `declaredLength` bytes
 *   (default: twice the body's), sends `body` and destroys the socket.
 * - `truncatedJson(value)`: the first half of `value`'s JSON text, with a
 *   Content-Length that matches it: a complete HTTP answer whose JSON is broken.
 * - `resetConnection()`: destroys the socket without answering.
 * - `redirect(location, status = 302)`; `redirectLoop('/a', '/b')`: A -> B -> A.
 * - `oversize(bytes, { declareLength })`: a body of `bytes` bytes, with a
 *   Content-Length or (declareLength false) chunked, so only streaming finds out.
 * - `paginatedDataset(records, options)`: see `DatasetOptions`; its `changes` change the
 *   records between pages (an already-sent record gets a new updated_at, a record is inserted
 *   with an older one, a record is deleted), to prove that no pagination style loses records.
 * - `wrongFormat(body, contentType)`: a login page or captive portal (HTML by default) where
 *   the records should be.
 *
 * Composing them:
 * - `sequence(a, b, c)`: the n-th request this handler sees gets the n-th
 *   behaviour; the last one repeats. `sequence(...times(2, status(503)), json(ok))`
 *   is "the first 2 requests 503, then OK".
 * - `routes({ '/a': ..., '/b': ... }, fallback)`: by path (without the query);
 *   404 JSON when no route matches and no fallback is given.
 *
 * `closedPort()` gives a loopback port that was just listening and is now
 * closed, for "connection refused".
 */
import {
  STATUS_CODES,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http'
import { type AddressInfo, type Socket } from 'node:net'

export interface RecordedRequest {
  method: string
  /** Path and query, as sent: '/records?page=2'. */
  url: string
  headers: IncomingHttpHeaders
}

export interface FaultContext {
  /** The request's URL, absolute (against the server's own origin). */
  url: URL
  /** 1-based number of this request among all the server has seen. */
  count: number
  server: FaultServer
}

export type FaultHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: FaultContext,
) => void | Promise<void>

export interface FaultServer {
  /** 'http://127.0.0.1:<port>', no trailing slash. */
  url: string
  port: number
  /** Every request received, in order. */
  requests: RecordedRequest[]
  /** Answers the following requests with `handler`. */
  setHandler(handler: FaultHandler): void
  /** Stops listening and destroys the open connections. */
  close(): Promise<void>
}

export async function startFaultServer(handler: FaultHandler): Promise<FaultServer> {
  let current = handler
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const httpServer = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers })
    const ctx: FaultContext = {
      url: new URL(req.url ?? '/', server.url),
      count: requests.length,
      server,
    }
    Promise.resolve()
      .then(() => current(req, res, ctx))
      .catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy()
          return
        }
        sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) })
      })
  })
  httpServer.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = httpServer.address() as AddressInfo
  const server: FaultServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setHandler(next) {
      current = next
    },
    close() {
      return new Promise<void>((resolve) => {
        httpServer.close(() => resolve())
        httpServer.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
    },
  }
  return server
}

/** A loopback port nothing listens on any more (it was open a moment ago). */
export async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

// ---- composition ----------------------------------------------------------

/** The n-th request gets the n-th handler; the last handler answers the rest. */
export function sequence(...handlers: FaultHandler[]): FaultHandler {
  if (handlers.length === 0) throw new Error('sequence() needs at least one handler')
  let seen = 0
  return (req, res, ctx) => {
    const handler = handlers[Math.min(seen, handlers.length - 1)] as FaultHandler
    seen++
    return handler(req, res, ctx)
  }
}

/** `n` copies of `handler`, to spread into `sequence`. */
export function times(n: number, handler: FaultHandler): FaultHandler[] {
  return Array.from({ length: n }, () => handler)
}

/** Dispatches on the path (query excluded). */
export function routes(
  table: Record<string, FaultHandler>,
  fallback: FaultHandler = (_req, res, ctx) =>
    sendJson(res, 404, { error: `no route for ${ctx.url.pathname}` }),
): FaultHandler {
  return (req, res, ctx) => (table[ctx.url.pathname] ?? fallback)(req, res, ctx)
}

// ---- behaviours -----------------------------------------------------------

export interface AnswerOptions {
  status?: number
  headers?: OutgoingHttpHeaders
}

/** Sends `value` as JSON with a Content-Length. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const body = Buffer.from(JSON.stringify(value))
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': body.length,
    ...headers,
  })
  res.end(body)
}

export function json(value: unknown, options: AnswerOptions = {}): FaultHandler {
  return (_req, res) => sendJson(res, options.status ?? 200, value, options.headers)
}

export interface StatusOptions {
  /** Seconds (number), a Date (sent as an HTTP date) or the raw header text. */
  retryAfter?: number | Date | string
  /** Body text; default the reason phrase ('Service Unavailable'). */
  body?: string
  headers?: OutgoingHttpHeaders
}

export function status(code: number, options: StatusOptions = {}): FaultHandler {
  return (_req, res) => {
    const headers: OutgoingHttpHeaders = { 'content-type': 'text/plain', ...options.headers }
    const { retryAfter } = options
    if (retryAfter !== undefined) {
      headers['retry-after'] =
        retryAfter instanceof Date ? retryAfter.toUTCString() : String(retryAfter)
    }
    const body = Buffer.from(options.body ?? STATUS_CODES[code] ?? '')
    headers['content-length'] = body.length
    res.writeHead(code, headers)
    res.end(body)
  }
}

export interface DripOptions {
  /** What to drip; default 64 bytes of JSON-ish text. */
  body?: string | Buffer
  /** Gap between bytes. */
  intervalMs: number
  status?: number
  headers?: OutgoingHttpHeaders
}

/** Headers at once, then one byte every `intervalMs`. */
export function slowDrip(options: DripOptions): FaultHandler {
  return (_req, res) => {
    const body = Buffer.from(options.body ?? `{"data":"${'x'.repeat(52)}"}`)
    res.writeHead(options.status ?? 200, {
      'content-type': 'application/json',
      'content-length': body.length,
      ...options.headers,
    })
    res.flushHeaders()
    let sent = 0
    const timer = setInterval(() => {
      if (sent >= body.length) {
        clearInterval(timer)
        res.end()
        return
      }
      res.write(body.subarray(sent, sent + 1))
      sent++
    }, options.intervalMs)
    res.on('close', () => clearInterval(timer))
  }
}

/** Never answers; the connection stays open until the client or `close()` ends it. */
export function hang(): FaultHandler {
  return () => undefined
}

export interface TruncatedOptions {
  /** What is actually sent; default '{"data":[{"id":1},'. */
  body?: string | Buffer
  /** The Content-Length promised; default twice the body's length. */
  declaredLength?: number
}

/** Promises more than it sends, then destroys the socket. */
export function truncated(options: TruncatedOptions = {}): FaultHandler {
  return (_req, res) => {
    const body = Buffer.from(options.body ?? '{"data":[{"id":1},')
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': options.declaredLength ?? body.length * 2,
    })
    res.write(body, () => {
      // Let the bytes leave before the socket goes.
      setImmediate(() => res.socket?.destroy())
    })
  }
}

/** The first half of `value`'s JSON text, with a Content-Length that matches it. */
export function truncatedJson(value: unknown): FaultHandler {
  return (_req, res) => {
    const text = JSON.stringify(value)
    const body = Buffer.from(text.slice(0, Math.max(1, Math.floor(text.length / 2))))
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length })
    res.end(body)
  }
}

/** Destroys the connection without a byte of answer. */
export function resetConnection(): FaultHandler {
  return (req) => {
    req.socket.destroy()
  }
}

export function redirect(location: string, code = 302): FaultHandler {
  return (_req, res) => {
    res.writeHead(code, { location, 'content-length': 0 })
    res.end()
  }
}

/** '/a' redirects to '/b' and '/b' back to '/a'; other paths are 404. */
export function redirectLoop(a = '/a', b = '/b'): FaultHandler {
  return routes({ [a]: redirect(b), [b]: redirect(a) })
}

export interface OversizeOptions {
  /** Send a Content-Length (default true); false sends the body chunked. */
  declareLength?: boolean
}

/** A body of `size` bytes of 'x', in 64 KiB writes. */
export function oversize(size: number, options: OversizeOptions = {}): FaultHandler {
  return (_req, res) => {
    const headers: OutgoingHttpHeaders = { 'content-type': 'application/octet-stream' }
    if (options.declareLength ?? true) headers['content-length'] = size
    res.writeHead(200, headers)
    const chunk = Buffer.alloc(64 * 1024, 'x')
    let left = size
    const pump = (): void => {
      while (left > 0) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
        left -= piece.length
        if (!res.write(piece)) {
          res.once('drain', pump)
          return
        }
      }
      res.end()
    }
    res.on('close', () => {
      left = 0
    })
    pump()
  }
}

// ---- paginated dataset ----------------------------------------------------

/** What the dataset needs of a record; any other fields are served as they are. */
export interface DatasetRecord {
  id: string | number
  /** ISO 8601 timestamp. */
  updated_at: string
}

export type PaginationStyle = 'page' | 'offset' | 'cursor' | 'link'

/** A change to the dataset's records; applied between two pages (see `DatasetOptions.changes`). */
export type RecordChange<R extends DatasetRecord = DatasetRecord> =
  /** The record with this id changes: the given fields (a new updated_at among them). */
  | { readonly kind: 'update'; readonly id: R['id']; readonly fields: Partial<R> }
  | { readonly kind: 'insert'; readonly record: R }
  | { readonly kind: 'delete'; readonly id: R['id'] }

/** Applies changes to a record array in place (as the dataset's remote would). */
export function applyChanges<R extends DatasetRecord>(
  records: R[],
  changes: readonly RecordChange<R>[],
): void {
  for (const change of changes) {
    if (change.kind === 'insert') {
      records.push({ ...change.record })
      continue
    }
    const index = records.findIndex((record) => record.id === change.id)
    if (index === -1) throw new Error(`no record ${String(change.id)} to ${change.kind}`)
    if (change.kind === 'delete') records.splice(index, 1)
    else records[index] = { ...records[index]!, ...change.fields }
  }
}

export interface PageServed<R extends DatasetRecord = DatasetRecord> {
  style: PaginationStyle | 'none'
  /** 1-based count of pages this dataset handler has served so far (this one included). */
  served: number
  /** The records of this page, as sent (a repeated record included). */
  records: R[]
  /** Whether another page follows. */
  hasMore: boolean
  request: RecordedRequest
}

export interface DatasetOptions<R extends DatasetRecord = DatasetRecord> {
  /** Which parameters and links the client must use ('none': every record in one answer). Default 'page'. */
  style?: PaginationStyle | 'none'
  /**
   * The order records are served in: 'updated' (updated_at, then id) or 'id' (a remote that
   * does not sort by change time; a changed record keeps its place). Default 'updated'.
   */
  order?: 'updated' | 'id'
  /**
   * Changes applied to `records` right after the `afterPage`-th answer of this handler has
   * been written out ('last': the first answer with nothing after it), before any later
   * request is read: the records "change between pages". Applied once.
   */
  changes?: { readonly afterPage: number | 'last'; readonly apply: readonly RecordChange<R>[] }
  /** Page size when the request names none. Default 50. */
  defaultPageSize?: number
  /** Largest page size honoured; larger requests are clamped. Default 1000. */
  maxPageSize?: number
  /**
   * "Duplicates across pages": every page after the first starts with the last
   * record of the page before it (so pages hold one record more).
   */
  repeatLastRecord?: boolean
  /** Wrap records as `{ data, meta }` (default true); false sends a bare array ('cursor' needs the wrapper). */
  envelope?: boolean
  /** Called once each page has been written out, e.g. to stop a client after page k. */
  onPage?: (page: PageServed<R>) => void
}

/**
 * Serves `records` (read again on every request, so a test may change the
 * array between pages) sorted by (updated_at, id) (or by id, `order: 'id'`), filtered by the optional
 * `updated_since` parameter (ISO 8601, inclusive: updated_at >= since).
 *
 * Styles, all answering `{"data":[...],"meta":{...}}` unless `envelope` is false:
 * - 'page': `?page=1&per_page=50` (1-based). meta: page, per_page, total, total_pages.
 * - 'offset': `?offset=0&limit=50`. meta: offset, limit, total.
 * - 'cursor': `?cursor=...&per_page=50`, first page without a cursor. meta:
 *   `next_cursor`, a string or null on the last page. The cursor is keyset
 *   (the last record's updated_at and id, in the served order), so a deleted
 *   record moves nothing; a record written behind it is not served.
 * - 'link': `?page=&per_page=` like 'page', plus `Link: <absolute url>; rel="next"`
 *   on every page but the last (other query parameters kept).
 * - 'none': every record in one answer (`per_page` ignored); meta: total.
 *
 * Bad parameters answer 400 JSON `{ error }`.
 */
export function paginatedDataset<R extends DatasetRecord>(
  records: R[],
  options: DatasetOptions<R> = {},
): FaultHandler {
  const style = options.style ?? 'page'
  const defaultSize = options.defaultPageSize ?? 50
  const maxSize = options.maxPageSize ?? 1000
  const envelope = options.envelope ?? true
  if (style === 'cursor' && !envelope) throw new Error("the 'cursor' style needs the envelope")
  const compare = options.order === 'id' ? compareIds : compareRecords
  let served = 0
  let answered = 0
  let changed = false

  return (req, res, ctx) => {
    const query = ctx.url.searchParams
    const bad = (message: string): void => sendJson(res, 400, { error: message })

    const since = query.get('updated_since')
    let sinceMs: number | null = null
    if (since !== null) {
      sinceMs = Date.parse(since)
      if (Number.isNaN(sinceMs)) return bad(`updated_since is not a timestamp: ${since}`)
    }
    const all = records
      .filter((r) => sinceMs === null || Date.parse(r.updated_at) >= sinceMs)
      .sort(compare)

    const sizeParam = style === 'offset' ? 'limit' : 'per_page'
    const size = intParam(query.get(sizeParam), defaultSize)
    if (size === null || size < 1) return bad(`${sizeParam} must be a positive integer`)
    const pageSize = Math.min(size, maxSize)

    let start: number
    let pageNumber = 1
    if (style === 'offset') {
      const offset = intParam(query.get('offset'), 0)
      if (offset === null || offset < 0) return bad('offset must be a non-negative integer')
      start = offset
    } else if (style === 'none') {
      start = 0
    } else if (style === 'cursor') {
      const cursor = query.get('cursor')
      if (cursor === null || cursor === '') {
        start = 0
      } else {
        const after = decodeCursor(cursor)
        if (after === null) return bad(`unknown cursor: ${cursor}`)
        start = all.findIndex((r) => compare(r, after) > 0)
        if (start === -1) start = all.length
      }
    } else {
      const page = intParam(query.get('page'), 1)
      if (page === null || page < 1) return bad('page must be a positive integer')
      pageNumber = page
      start = (page - 1) * pageSize
    }

    const end = style === 'none' ? all.length : Math.min(start + pageSize, all.length)
    const slice = all.slice(start, end)
    const hasMore = end < all.length
    const previous = all[start - 1]
    const sent = options.repeatLastRecord && start > 0 && previous ? [previous, ...slice] : slice

    const headers: OutgoingHttpHeaders = {}
    let meta: Record<string, unknown>
    if (style === 'offset') {
      meta = { offset: start, limit: pageSize, total: all.length }
    } else if (style === 'none') {
      meta = { total: all.length }
    } else if (style === 'cursor') {
      const last = slice[slice.length - 1]
      meta = { next_cursor: hasMore && last ? encodeCursor(last) : null }
    } else {
      meta = {
        page: pageNumber,
        per_page: pageSize,
        total: all.length,
        total_pages: Math.ceil(all.length / pageSize),
      }
      if (style === 'link' && hasMore) {
        const next = new URL(ctx.url)
        next.searchParams.set('page', String(pageNumber + 1))
        next.searchParams.set('per_page', String(pageSize))
        headers.link = `<${next.href}>; rel="next"`
      }
    }

    const request = ctx.server.requests[ctx.count - 1] as RecordedRequest
    res.on('finish', () => {
      served++
      options.onPage?.({ style, served, records: sent, hasMore, request })
    })
    sendJson(res, 200, envelope ? { data: sent, meta } : sent, headers)
    // The body is on its way: what changes now is seen from the next request on.
    answered++
    const changes = options.changes
    if (
      changes !== undefined &&
      !changed &&
      (changes.afterPage === 'last' ? !hasMore : answered === changes.afterPage)
    ) {
      changed = true
      applyChanges(records, changes.apply)
    }
  }
}

/** Order by id alone (numbers numerically, else as text). */
export function compareIds(a: DatasetRecord, b: DatasetRecord): number {
  if (typeof a.id === 'number' && typeof b.id === 'number') return a.id - b.id
  const [x, y] = [String(a.id), String(b.id)]
  return x < y ? -1 : x > y ? 1 : 0
}

/** A sign-in page of a proxy or captive portal: HTML, status 200, by default. */
export function wrongFormat(
  body = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form></form></body></html>\n',
  contentType: string | null = 'text/html; charset=utf-8',
  code = 200,
): FaultHandler {
  return (_req, res) => {
    const bytes = Buffer.from(body)
    const headers: OutgoingHttpHeaders = { 'content-length': bytes.length }
    if (contentType !== null) headers['content-type'] = contentType
    res.writeHead(code, headers)
    res.end(bytes)
  }
}

/** Order by updated_at (as instants), then id (numbers numerically, else as text). */
export function compareRecords(a: DatasetRecord, b: DatasetRecord): number {
  const byTime = Date.parse(a.updated_at) - Date.parse(b.updated_at)
  if (byTime !== 0) return byTime
  return compareIds(a, b)
}

function intParam(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback
  return /^\d+$/.test(value) ? Number(value) : null
}

function encodeCursor(record: DatasetRecord): string {
  return Buffer.from(JSON.stringify([record.updated_at, record.id])).toString('base64url')
}

function decodeCursor(cursor: string): DatasetRecord | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (!Array.isArray(value) || value.length !== 2) return null
    const [updatedAt, id] = value as unknown[]
    if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt))) return null
    if (typeof id !== 'string' && typeof id !== 'number') return null
    return { id, updated_at: updatedAt }
  } catch {
    return null
  }
}
