/**
 * Fetching one sync page over HTTP, on undici, with the limits and the retry
 * rules remote sync needs.
 *
 * One `fetch` makes up to `RetryPolicy.attempts` attempts. An attempt is one
 * GET of the request's URL plus the redirects it leads to (followed by hand:
 * at most `maxRedirects`, a URL seen twice in one chain is a loop). A later
 * attempt starts again from the request's URL.
 *
 * What is retried (with full-jitter backoff, or the server's `Retry-After`):
 * - 429 and 503 (`Retry-After` in seconds or as an HTTP date, capped at
 *   `retryAfterCapMs`; backoff without it), 408, 500, 502 and 504;
 * - failures to connect or resolve (refused, unknown host, unreachable,
 *   connect timeout);
 * - a connection that broke: reset, closed before the response, or a body
 *   shorter than its Content-Length;
 * - timeouts: no byte for `idleTimeoutMs`, or one attempt longer than
 *   `totalTimeoutMs`.
 * What is not: other statuses (kind 'http'), a body over `maxBodyBytes`
 * ('too-large'), a redirect loop or too many redirects ('redirect'), a URL
 * that is not http: or https: ('protocol'), the caller's signal ('aborted').
 *
 * When the attempts run out, the error's kind is the last failure's: 'offline'
 * when the host could not be reached at all, 'timeout', 'http' (with the
 * status), or 'protocol' when the connection broke mid-exchange. Messages
 * start with the request's label: `page 3: no answer from 127.0.0.1:9
 * (ECONNREFUSED) after 5 attempts`.
 *
 * All waiting between attempts goes through `HttpDeps.wait`, so tests never
 * sleep; the per-attempt timers (connect, idle, total) are real.
 */
import { Agent, request, type Dispatcher } from 'undici'

export interface FetchLimits {
  /** Time to establish a connection (undici Agent `connect.timeout`). Default 10 s. */
  connectTimeoutMs: number
  /** No byte for this long fails the attempt (undici headersTimeout and bodyTimeout). Default 30 s. */
  idleTimeoutMs: number
  /** One attempt, request to last byte, redirects included. Default 120 s. */
  totalTimeoutMs: number
  /** Largest body accepted: checked on Content-Length, else while streaming. Default 64 MiB. */
  maxBodyBytes: number
  /** Redirects followed in one attempt. Default 5. */
  maxRedirects: number
}

export interface RetryPolicy {
  /** Total tries, the first included. Default 5. */
  attempts: number
  /** Backoff ceiling after the first failure; doubles with each failure. Default 500 ms. */
  baseDelayMs: number
  /** Largest backoff ceiling. Default 30 s. */
  maxDelayMs: number
  /** Largest wait a server's Retry-After can ask for. Default 60 s. */
  retryAfterCapMs: number
}

export interface HttpDeps {
  /** Waits `ms`; rejects when `signal` aborts. Default: a real timer (`sleep`). */
  wait(ms: number, signal?: AbortSignal): Promise<void>
  /** A number in [0, 1). Default Math.random. */
  random(): number
  /** Epoch ms of now, for Retry-After dates. Default Date.now. */
  now(): number
}

export const DEFAULT_LIMITS: FetchLimits = Object.freeze({
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  totalTimeoutMs: 120_000,
  maxBodyBytes: 64 * 1024 * 1024,
  maxRedirects: 5,
})

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryAfterCapMs: 60_000,
})

export interface FetchRequest {
  url: string
  headers?: Record<string, string>
  /** Cancels the waits and the request in flight (kind 'aborted'). */
  signal?: AbortSignal
  /** How messages name this request, e.g. 'page 3'. Default: the URL. */
  label?: string
}

export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string
  status: number
  /** Lower-case names; a header sent more than once has its values joined with ', '. */
  headers: Record<string, string>
  body: Buffer
  /** Attempts made, this successful one included. */
  attempts: number
}

export type FetchErrorKind =
  'offline' | 'timeout' | 'http' | 'too-large' | 'redirect' | 'aborted' | 'protocol'

export interface SyncFetchErrorOptions {
  url: string
  status?: number
  retryable?: boolean
  attempts?: number
  cause?: unknown
}

/** Why a fetch failed, for good. */
export class SyncFetchError extends Error {
  readonly kind: FetchErrorKind
  /** The HTTP status, for kind 'http'. */
  readonly status?: number
  /** The URL whose answer (or silence) ended the fetch; after redirects, the last hop. */
  readonly url: string
  /**
   * Whether the failure was of a transient sort (unreachable host, timeout,
   * 429/5xx, broken connection): a later sync run may succeed. The fetcher has
   * already spent its own attempts either way.
   */
  readonly retryable: boolean
  /** Attempts made before giving up. */
  readonly attempts: number

  constructor(kind: FetchErrorKind, message: string, options: SyncFetchErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'SyncFetchError'
    this.kind = kind
    if (options.status !== undefined) this.status = options.status
    this.url = options.url
    this.retryable = options.retryable ?? false
    this.attempts = options.attempts ?? 1
  }
}

export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number
  /** How long the fetcher waits before the next attempt. */
  delayMs: number
  /** What went wrong, e.g. 'HTTP 503 Service Unavailable'. */
  reason: string
}

/**
 * Full-jitter backoff after failed attempt `attempt` (1-based): a whole number
 * of ms in [0, min(maxDelayMs, baseDelayMs * 2^(attempt-1))).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.max(0, Math.floor(random() * ceiling))
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)'
const LONG_DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)'
const MON = '(?<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)'
const TIME = '(?<hh>\\d{2}):(?<mm>\\d{2}):(?<ss>\\d{2})'
/** The three forms RFC 9110 (section 5.6.7) asks recipients to accept. */
const HTTP_DATES = [
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  new RegExp(`^${DAY}, (?<day>\\d{2}) ${MON} (?<year>\\d{4}) ${TIME} GMT$`, 'i'),
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  new RegExp(`^${LONG_DAY}, (?<day>\\d{2})-${MON}-(?<year>\\d{2}) ${TIME} GMT$`, 'i'),
  // asctime: Sun Nov  6 08:49:37 1994
  new RegExp(`^${DAY} ${MON} (?<day>[ \\d]\\d) ${TIME} (?<year>\\d{4})$`, 'i'),
]

/** Epoch ms of an HTTP date, or null when `text` is not one. */
function parseHttpDate(text: string): number | null {
  const groups = HTTP_DATES.map((re) => re.exec(text)?.groups).find((g) => g !== undefined)
  if (groups === undefined) return null
  const num = (name: string): number => Number((groups[name] ?? '').trim())
  let year = num('year')
  if (year < 100) year += year < 70 ? 2000 : 1900
  const month = MONTHS.indexOf((groups.mon ?? '').toLowerCase())
  const [day, hh, mm, ss] = [num('day'), num('hh'), num('mm'), num('ss')]
  if (day < 1 || hh > 23 || mm > 59 || ss > 60) return null
  const epoch = Date.UTC(year, month, day, hh, mm, Math.min(ss, 59))
  // Date.UTC rolls 31 Feb over into March: refuse days the month does not have.
  if (new Date(epoch).getUTCDate() !== day) return null
  return epoch
}

/**
 * The wait a `Retry-After` value asks for, in ms: delay-seconds or an HTTP
 * date (minus `now`). Null when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null
  const text = value.trim()
  if (text === '') return null
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000
    return Number.isFinite(ms) ? ms : null
  }
  const at = parseHttpDate(text)
  if (at === null) return null
  return Math.max(0, at - now)
}

/** Waits `ms` on a real timer; rejects with the signal's reason when it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal))
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(abortReason(signal as AbortSignal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}

export const DEFAULT_DEPS: HttpDeps = Object.freeze({
  wait: sleep,
  random: () => Math.random(),
  now: () => Date.now(),
})

/** Statuses retried with backoff; 429 and 503 also honour Retry-After. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504])
const RETRY_AFTER_STATUSES = new Set([429, 503])

/** Error codes that mean the host could not be reached at all. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
])

/** Error codes that mean a connection broke mid-exchange. */
const BROKEN_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
])

/** How much of an error answer is read, for its message. */
const ERROR_BODY_BYTES = 8 * 1024

/** One failed attempt, before the retry loop decides what becomes of it. */
class AttemptFailure extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    /** What happened, without the label: 'HTTP 503 Service Unavailable'. */
    readonly what: string,
    readonly url: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** The server's Retry-After, in ms, already capped. */
    readonly retryAfterMs?: number,
    readonly original?: unknown,
  ) {
    super(what)
  }
}

/**
 * One attempt's abort controller and its two timers: the total one, and an
 * idle one that every sign of life restarts. (undici's own headersTimeout and
 * bodyTimeout are set too, but its timers tick about once a second, so a short
 * idle limit would be honoured late; this one is exact.)
 */
class AttemptControl {
  private readonly controller = new AbortController()
  private readonly totalTimer: NodeJS.Timeout
  private readonly idleTimer: NodeJS.Timeout
  private readonly onUserAbort = (): void => this.controller.abort(this.userSignal?.reason)
  /** Which timer, if any, aborted the attempt. */
  expired: 'total' | 'idle' | null = null

  constructor(
    private readonly userSignal: AbortSignal | undefined,
    totalMs: number,
    idleMs: number,
  ) {
    userSignal?.addEventListener('abort', this.onUserAbort, { once: true })
    if (userSignal?.aborted) this.onUserAbort()
    this.totalTimer = setTimeout(() => this.expire('total'), totalMs)
    this.idleTimer = setTimeout(() => this.expire('idle'), idleMs)
  }

  get signal(): AbortSignal {
    return this.controller.signal
  }

  get userAborted(): boolean {
    return this.userSignal?.aborted === true
  }

  /** Something arrived (or a request went out): the idle clock starts again. */
  touch(): void {
    this.idleTimer.refresh()
  }

  dispose(): void {
    clearTimeout(this.totalTimer)
    clearTimeout(this.idleTimer)
    this.userSignal?.removeEventListener('abort', this.onUserAbort)
  }

  private expire(which: 'total' | 'idle'): void {
    if (this.controller.signal.aborted) return
    this.expired = which
    this.controller.abort(new Error(`${which} timeout`))
  }
}

export class HttpFetcher {
  readonly limits: Readonly<FetchLimits>
  readonly retry: Readonly<RetryPolicy>
  private readonly deps: HttpDeps
  private readonly agent: Agent
  private closed = false

  constructor(
    options: {
      limits?: Partial<FetchLimits>
      retry?: Partial<RetryPolicy>
      deps?: Partial<HttpDeps>
    } = {},
  ) {
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...options.limits })
    this.retry = Object.freeze({ ...DEFAULT_RETRY, ...options.retry })
    this.deps = { ...DEFAULT_DEPS, ...options.deps }
    this.agent = new Agent({
      connect: { timeout: this.limits.connectTimeoutMs },
      headersTimeout: this.limits.idleTimeoutMs,
      bodyTimeout: this.limits.idleTimeoutMs,
    })
  }

  /** Fetches one page, retrying what is worth retrying; see the file header. */
  async fetch(req: FetchRequest, onRetry?: (info: RetryInfo) => void): Promise<FetchedPage> {
    const label = req.label ?? req.url
    const attempts = Math.max(1, Math.floor(this.retry.attempts))
    const aborted = (attempt: number, cause?: unknown): SyncFetchError =>
      new SyncFetchError('aborted', `${label}: cancelled`, {
        url: req.url,
        attempts: attempt,
        cause,
      })

    const closed = (attempt: number): SyncFetchError =>
      new SyncFetchError('aborted', `${label}: the fetcher is closed`, {
        url: req.url,
        attempts: attempt,
      })
    let start: URL
    try {
      start = checkedUrl(req.url)
    } catch (err) {
      const failure = err as AttemptFailure
      throw new SyncFetchError('protocol', `${label}: ${failure.what}`, { url: req.url })
    }

    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw aborted(attempt - 1, req.signal.reason)
      if (this.closed) throw closed(attempt - 1)
      let failure: AttemptFailure
      try {
        const page = await this.attempt(start, req)
        return { ...page, attempts: attempt }
      } catch (err) {
        if (!(err instanceof AttemptFailure)) throw err
        failure = err
      }
      if (failure.kind === 'aborted') throw aborted(attempt, failure.original)
      if (!failure.retryable || attempt >= attempts) {
        const tries = attempt > 1 ? ` after ${attempt} attempts` : ''
        throw new SyncFetchError(failure.kind, `${label}: ${failure.what}${tries}`, {
          url: failure.url,
          status: failure.status,
          retryable: failure.retryable,
          attempts: attempt,
          cause: failure.original,
        })
      }
      const delayMs =
        failure.retryAfterMs ?? backoffDelay(attempt, this.retry, () => this.deps.random())
      onRetry?.({ attempt, delayMs, reason: failure.what })
      try {
        await this.deps.wait(delayMs, req.signal)
      } catch (err) {
        if (req.signal?.aborted) throw aborted(attempt, err)
        throw err
      }
    }
  }

  /**
   * Closes the pooled connections once the requests in flight are done; a
   * fetch still retrying stops before its next attempt (kind 'aborted').
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.agent.close()
  }

  /** One attempt: the GET and the redirects it leads to, under one total timer. */
  private async attempt(start: URL, req: FetchRequest): Promise<Omit<FetchedPage, 'attempts'>> {
    const control = new AttemptControl(
      req.signal,
      this.limits.totalTimeoutMs,
      this.limits.idleTimeoutMs,
    )
    try {
      return await this.follow(start, req.headers ?? {}, control)
    } finally {
      control.dispose()
    }
  }

  private async follow(
    start: URL,
    firstHeaders: Record<string, string>,
    control: AttemptControl,
  ): Promise<Omit<FetchedPage, 'attempts'>> {
    const chain = [start.href]
    let url = start
    let headers = firstHeaders
    for (;;) {
      let res: Dispatcher.ResponseData
      control.touch()
      try {
        res = await request(url, {
          dispatcher: this.agent,
          method: 'GET',
          headers,
          signal: control.signal,
          headersTimeout: this.limits.idleTimeoutMs,
          bodyTimeout: this.limits.idleTimeoutMs,
        })
      } catch (err) {
        throw this.classify(err, url, control)
      }
      control.touch()
      const status = res.statusCode
      const location = headerValue(res.headers, 'location')
      if (status >= 300 && status < 400 && status !== 304 && location !== undefined) {
        await res.body.dump({ limit: ERROR_BODY_BYTES }).catch(() => undefined)
        let next: URL
        try {
          next = checkedUrl(location, url)
        } catch (err) {
          const failure = err as AttemptFailure
          throw new AttemptFailure('protocol', `redirect to ${failure.what}`, url.href, false)
        }
        const path = [...chain, next.href].join(' -> ')
        if (chain.includes(next.href)) {
          throw new AttemptFailure('redirect', `redirect loop: ${path}`, url.href, false)
        }
        if (chain.length > this.limits.maxRedirects) {
          const what = `too many redirects (more than ${this.limits.maxRedirects}): ${path}`
          throw new AttemptFailure('redirect', what, url.href, false)
        }
        chain.push(next.href)
        if (next.origin !== url.origin) headers = withoutCredentials(headers)
        url = next
        continue
      }
      if (status >= 200 && status < 300) {
        const body = await this.readBody(res, url, control)
        return { url: url.href, status, headers: flatHeaders(res.headers), body }
      }
      throw await this.statusFailure(res, url, control)
    }
  }

  private async readBody(
    res: Dispatcher.ResponseData,
    url: URL,
    control: AttemptControl,
  ): Promise<Buffer> {
    const max = this.limits.maxBodyBytes
    const declared = Number(headerValue(res.headers, 'content-length') ?? NaN)
    if (Number.isFinite(declared) && declared > max) {
      discard(res.body)
      const what = `response of ${declared} bytes (Content-Length) is over the ${bytes(max)} limit`
      throw new AttemptFailure('too-large', what, url.href, false)
    }
    const chunks: Buffer[] = []
    let size = 0
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        control.touch()
        size += chunk.length
        if (size > max) {
          discard(res.body)
          const what = `response is over the ${bytes(max)} limit (stopped after ${size} bytes)`
          throw new AttemptFailure('too-large', what, url.href, false)
        }
        chunks.push(chunk)
      }
    } catch (err) {
      if (err instanceof AttemptFailure) throw err
      const failure = this.classify(err, url, control)
      if (failure.kind === 'protocol' && failure.retryable && size < declared) {
        // Say what broke in the words the user needs: the answer was cut short.
        const what = `answer from ${hostPort(url)} cut short (${size} of ${declared} bytes)`
        throw new AttemptFailure('protocol', what, url.href, true, undefined, undefined, err)
      }
      throw failure
    }
    return Buffer.concat(chunks, size)
  }

  /** The failure a non-2xx, non-redirect answer makes; reads the start of its body. */
  private async statusFailure(
    res: Dispatcher.ResponseData,
    url: URL,
    control: AttemptControl,
  ): Promise<AttemptFailure> {
    const status = res.statusCode
    const chunks: Buffer[] = []
    let size = 0
    try {
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        control.touch()
        chunks.push(chunk)
        size += chunk.length
        if (size >= ERROR_BODY_BYTES) break
      }
    } catch (err) {
      // The message only wants the start of the body; but a cancel or a timeout still wins.
      if (control.userAborted || control.expired) return this.classify(err, url, control)
    } finally {
      if (size >= ERROR_BODY_BYTES) discard(res.body)
    }
    const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200)
    const what = text === '' ? `HTTP ${status}` : `HTTP ${status} ${text}`
    const retryable = RETRY_STATUSES.has(status)
    let retryAfterMs: number | undefined
    if (RETRY_AFTER_STATUSES.has(status)) {
      const asked = parseRetryAfter(headerValue(res.headers, 'retry-after'), this.deps.now())
      if (asked !== null) retryAfterMs = Math.min(asked, this.retry.retryAfterCapMs)
    }
    return new AttemptFailure('http', what, url.href, retryable, status, retryAfterMs)
  }

  /** Names a failure of undici (or of the socket under it). */
  private classify(err: unknown, url: URL, control: AttemptControl): AttemptFailure {
    if (err instanceof AttemptFailure) return err
    const href = url.href
    if (control.userAborted) {
      return new AttemptFailure('aborted', 'cancelled', href, false, undefined, undefined, err)
    }
    if (control.expired === 'total') {
      const what = `no complete answer from ${hostPort(url)} within ${this.limits.totalTimeoutMs} ms`
      return new AttemptFailure('timeout', what, href, true, undefined, undefined, err)
    }
    if (control.expired === 'idle') {
      const what = `no data from ${hostPort(url)} for ${this.limits.idleTimeoutMs} ms`
      return new AttemptFailure('timeout', what, href, true, undefined, undefined, err)
    }
    const code = errorCode(err)
    const host = hostPort(url)
    const fail = (kind: FetchErrorKind, what: string, retryable: boolean): AttemptFailure =>
      new AttemptFailure(kind, what, href, retryable, undefined, undefined, err)
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return fail(
        'offline',
        `no answer from ${host} (connect timeout after ${this.limits.connectTimeoutMs} ms)`,
        true,
      )
    }
    if (code !== undefined && CONNECT_CODES.has(code)) {
      return fail('offline', `no answer from ${host} (${code})`, true)
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      return fail('timeout', `no data from ${host} for ${this.limits.idleTimeoutMs} ms`, true)
    }
    if (code === 'UND_ERR_BODY_TIMEOUT') {
      return fail('timeout', `no data from ${host} for ${this.limits.idleTimeoutMs} ms`, true)
    }
    if (code !== undefined && (BROKEN_CODES.has(code) || code.startsWith('HPE_'))) {
      return fail('protocol', `connection to ${host} broke (${code}: ${errorMessage(err)})`, true)
    }
    return fail('protocol', `request to ${host} failed (${code ?? errorMessage(err)})`, false)
  }
}

/** Parses `text` (against `base`) and checks it is http: or https:; the hash is dropped. */
function checkedUrl(text: string, base?: URL): URL {
  let url: URL
  try {
    url = new URL(text, base)
  } catch {
    throw new AttemptFailure('protocol', `${JSON.stringify(text)}: not a URL`, text, false)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const what = `${url.href}: only http: and https: URLs are fetched`
    throw new AttemptFailure('protocol', what, url.href, false)
  }
  url.hash = ''
  return url
}

/** Drops a body not worth reading (and the connection under it), quietly. */
function discard(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return
  body.on('error', () => undefined)
  body.destroy()
}

/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
  )
}

function headerValue(
  headers: Dispatcher.ResponseData['headers'],
  name: string,
): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

function hostPort(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80'
  return `${url.hostname}:${port}`
}

/** The error code of `err`, looking into `cause` and AggregateError's errors. */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 4) return undefined
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof code === 'string' && code !== '') return code
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = errorCode(inner, depth + 1)
      if (found !== undefined) return found
    }
  }
  return errorCode(cause, depth + 1)
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function bytes(n: number): string {
  const mib = 1024 * 1024
  if (n >= mib && n % mib === 0) return `${n / mib} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${n} bytes`
}
