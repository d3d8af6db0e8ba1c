// The sync fetcher against a fault-injecting server on real loopback sockets. Waits between
// attempts go through a fake `wait` that records the delay and returns at once; only the
// timeout cases spend real time (a few hundred ms in all).
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  closedPort,
  hang,
  json,
  oversize,
  paginatedDataset,
  redirect,
  redirectLoop,
  resetConnection,
  routes,
  sequence,
  slowDrip,
  startFaultServer,
  status,
  times,
  truncated,
  truncatedJson,
  type DatasetRecord,
  type FaultHandler,
  type FaultServer,
  type PageServed,
  type PaginationStyle,
} from '../../../test/sync/fault-server'
import {
  DEFAULT_LIMITS,
  DEFAULT_RETRY,
  HttpFetcher,
  SyncFetchError,
  backoffDelay,
  parseRetryAfter,
  sleep,
  type FetchLimits,
  type RetryInfo,
  type RetryPolicy,
} from './http-client'

/** 2025-01-01T00:00:00Z, a Wednesday. */
const NOW = Date.UTC(2025, 0, 1)

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function serve(handler: FaultHandler): Promise<FaultServer> {
  const server = await startFaultServer(handler)
  cleanups.push(() => server.close())
  return server
}

interface Harness {
  fetcher: HttpFetcher
  /** Every delay handed to `wait`, in order. */
  delays: number[]
  retries: RetryInfo[]
  onRetry: (info: RetryInfo) => void
}

function harness(
  options: {
    limits?: Partial<FetchLimits>
    retry?: Partial<RetryPolicy>
    random?: () => number
  } = {},
): Harness {
  const delays: number[] = []
  const retries: RetryInfo[] = []
  const fetcher = new HttpFetcher({
    limits: options.limits,
    retry: options.retry,
    deps: {
      wait: async (ms, signal) => {
        delays.push(ms)
        if (signal?.aborted) throw signal.reason
      },
      random: options.random ?? (() => 0.5),
      now: () => NOW,
    },
  })
  cleanups.push(() => fetcher.close())
  return { fetcher, delays, retries, onRetry: (info) => retries.push(info) }
}

/** The SyncFetchError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<SyncFetchError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(SyncFetchError)
    return err as SyncFetchError
  }
  throw new Error('expected the fetch to fail')
}

describe('HttpFetcher: answers', () => {
  it('returns a 2xx page with its final URL, lower-case headers and the attempts', async () => {
    const server = await serve(
      json({ data: [1, 2] }, { headers: { 'X-Total': '2', 'X-Multi': ['a', 'b'] } }),
    )
    const { fetcher, delays } = harness()
    const page = await fetcher.fetch({
      url: `${server.url}/records?page=1`,
      headers: { authorization: 'Bearer t0k' },
    })
    expect(page.status).toBe(200)
    expect(page.url).toBe(`${server.url}/records?page=1`)
    expect(JSON.parse(page.body.toString('utf8'))).toEqual({ data: [1, 2] })
    expect(page.headers['content-type']).toBe('application/json')
    expect(page.headers['x-total']).toBe('2')
    expect(page.headers['x-multi']).toBe('a, b')
    expect(page.attempts).toBe(1)
    expect(delays).toEqual([])
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]?.method).toBe('GET')
    expect(server.requests[0]?.url).toBe('/records?page=1')
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t0k')
  })

  it('hands back a syntactically broken JSON page as it came: parsing is the caller’s job', async () => {
    const server = await serve(truncatedJson({ data: [{ id: 1 }, { id: 2 }] }))
    const { fetcher } = harness()
    const page = await fetcher.fetch({ url: server.url })
    expect(page.body.toString('utf8')).toBe('{"data":[{"id"')
    expect(() => JSON.parse(page.body.toString('utf8'))).toThrow(SyntaxError)
  })

  it('retries 500 twice, then returns the page; the delays are full jitter', async () => {
    const server = await serve(sequence(...times(2, status(500)), json({ ok: true })))
    const { fetcher, delays, retries, onRetry } = harness({ random: Math.random })
    const page = await fetcher.fetch({ url: server.url, label: 'page 3' }, onRetry)
    expect(page.attempts).toBe(3)
    expect(server.requests).toHaveLength(3)
    expect(delays).toHaveLength(2)
    // base 500: after attempt 1 the delay is in [0, 500), after attempt 2 in [0, 1000).
    expect(delays[0]).toBeGreaterThanOrEqual(0)
    expect(delays[0]).toBeLessThan(500)
    expect(delays[1]).toBeGreaterThanOrEqual(0)
    expect(delays[1]).toBeLessThan(1000)
    for (const d of delays) expect(Number.isInteger(d)).toBe(true)
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
      [1, 'HTTP 500 Internal Server Error'],
      [2, 'HTTP 500 Internal Server Error'],
    ])
    expect(retries.map((r) => r.delayMs)).toEqual(delays)
  })

  it('retries 502, 504 and 408 with backoff (random 0.5: 250, 500, 1000 ms)', async () => {
    const server = await serve(sequence(status(502), status(504), status(408), json({})))
    const { fetcher, delays } = harness()
    const page = await fetcher.fetch({ url: server.url })
    expect(page.attempts).toBe(4)
    expect(delays).toEqual([250, 500, 1000])
  })

  it('waits as long as a 429 Retry-After in seconds asks', async () => {
    const server = await serve(sequence(status(429, { retryAfter: 7 }), json({})))
    const { fetcher, delays } = harness()
    expect((await fetcher.fetch({ url: server.url })).attempts).toBe(2)
    expect(delays).toEqual([7000])
  })

  it('waits until a 429 Retry-After HTTP date', async () => {
    const server = await serve(
      sequence(status(429, { retryAfter: 'Wed, 01 Jan 2025 00:00:12 GMT' }), json({})),
    )
    const { fetcher, delays } = harness()
    await fetcher.fetch({ url: server.url })
    expect(delays).toEqual([12_000])
  })

  it('caps a 503 Retry-After at retryAfterCapMs, and backs off when there is none', async () => {
    const server = await serve(
      sequence(
        status(503, { retryAfter: 3600 }),
        status(503),
        status(503, { retryAfter: 0 }),
        json({}),
      ),
    )
    const { fetcher, delays } = harness({ retry: { retryAfterCapMs: 5000 } })
    await fetcher.fetch({ url: server.url })
    // 3600 s capped to 5 s; no header: backoff after attempt 2 = floor(0.5 * 1000); 0 s as asked.
    expect(delays).toEqual([5000, 500, 0])
  })

  it('ignores Retry-After on a 500', async () => {
    const server = await serve(sequence(status(500, { retryAfter: 9 }), json({})))
    const { fetcher, delays } = harness()
    await fetcher.fetch({ url: server.url })
    expect(delays).toEqual([250])
  })

  it('gives up after the attempts with the last status: kind http, retryable', async () => {
    const server = await serve(status(503, { body: 'down for\n  maintenance' }))
    const { fetcher, delays } = harness({ retry: { attempts: 3 } })
    const err = await failure(fetcher.fetch({ url: server.url, label: 'page 3' }))
    expect(err.kind).toBe('http')
    expect(err.status).toBe(503)
    expect(err.retryable).toBe(true)
    expect(err.attempts).toBe(3)
    expect(err.message).toBe('page 3: HTTP 503 down for maintenance after 3 attempts')
    expect(server.requests).toHaveLength(3)
    expect(delays).toHaveLength(2)
  })

  it('does not retry a 404; the message has the status and the body, collapsed', async () => {
    const server = await serve(status(404, { body: '  no such\n\n\tpage  ' }))
    const { fetcher, delays } = harness()
    const err = await failure(fetcher.fetch({ url: `${server.url}/x`, label: 'page 3' }))
    expect(err.kind).toBe('http')
    expect(err.status).toBe(404)
    expect(err.retryable).toBe(false)
    expect(err.url).toBe(`${server.url}/x`)
    expect(err.message).toBe('page 3: HTTP 404 no such page')
    expect(server.requests).toHaveLength(1)
    expect(delays).toEqual([])
  })

  it('keeps the first 200 characters of a long error body', async () => {
    const body = `${'a'.repeat(150)}   \n${'b'.repeat(300)}`
    const server = await serve(status(400, { body }))
    const { fetcher } = harness()
    const err = await failure(fetcher.fetch({ url: server.url }))
    expect(err.message).toBe(`${server.url}: HTTP 400 ${'a'.repeat(150)} ${'b'.repeat(49)}`)
  })
})

describe('HttpFetcher: redirects', () => {
  it('follows redirects, relative ones included, and answers the final URL', async () => {
    const server = await serve(
      routes({
        '/old': redirect('/v2/new?x=1', 301),
        '/v2/new': redirect('final', 307),
        '/v2/final': json({ here: true }),
      }),
    )
    const { fetcher } = harness()
    const page = await fetcher.fetch({ url: `${server.url}/old` })
    expect(page.url).toBe(`${server.url}/v2/final`)
    expect(JSON.parse(page.body.toString('utf8'))).toEqual({ here: true })
    expect(server.requests.map((r) => r.url)).toEqual(['/old', '/v2/new?x=1', '/v2/final'])
  })

  it('drops credentials on a redirect to another origin', async () => {
    const other = await serve(json({}))
    const server = await serve(redirect(`${other.url}/elsewhere`))
    const { fetcher } = harness()
    await fetcher.fetch({
      url: server.url,
      headers: { Authorization: 'Bearer secret', accept: 'application/json' },
    })
    expect(server.requests[0]?.headers.authorization).toBe('Bearer secret')
    expect(other.requests[0]?.headers.authorization).toBeUndefined()
    expect(other.requests[0]?.headers.accept).toBe('application/json')
  })

  it('names a redirect loop and does not retry it', async () => {
    const server = await serve(redirectLoop('/a', '/b'))
    const { fetcher, delays } = harness()
    const err = await failure(fetcher.fetch({ url: `${server.url}/a`, label: 'page 1' }))
    expect(err.kind).toBe('redirect')
    expect(err.retryable).toBe(false)
    expect(err.message).toBe(
      `page 1: redirect loop: ${server.url}/a -> ${server.url}/b -> ${server.url}/a`,
    )
    expect(server.requests).toHaveLength(2)
    expect(delays).toEqual([])
  })

  it('follows maxRedirects redirects and refuses one more', async () => {
    const server = await serve(
      routes({
        '/r1': redirect('/r2'),
        '/r2': redirect('/r3'),
        '/r3': redirect('/r4'),
        '/r4': json({ end: true }),
      }),
    )
    const { fetcher } = harness({ limits: { maxRedirects: 3 } })
    expect((await fetcher.fetch({ url: `${server.url}/r1` })).url).toBe(`${server.url}/r4`)

    const strict = harness({ limits: { maxRedirects: 2 } }).fetcher
    const err = await failure(strict.fetch({ url: `${server.url}/r1`, label: 'p' }))
    expect(err.kind).toBe('redirect')
    expect(err.message).toBe(
      `p: too many redirects (more than 2): ${server.url}/r1 -> ${server.url}/r2 -> ${server.url}/r3 -> ${server.url}/r4`,
    )
    expect(server.requests).toHaveLength(4 + 3)
  })

  it('fetches only http: and https: URLs, a redirect target included', async () => {
    const server = await serve(redirect('ftp://example.com/file'))
    const { fetcher } = harness()
    const direct = await failure(fetcher.fetch({ url: 'file:///etc/passwd', label: 'p' }))
    expect(direct.kind).toBe('protocol')
    expect(direct.retryable).toBe(false)
    expect(direct.message).toBe('p: file:///etc/passwd: only http: and https: URLs are fetched')
    const garbage = await failure(fetcher.fetch({ url: 'not a url' }))
    expect(garbage.kind).toBe('protocol')

    const viaRedirect = await failure(fetcher.fetch({ url: server.url, label: 'p' }))
    expect(viaRedirect.kind).toBe('protocol')
    expect(viaRedirect.message).toBe(
      'p: redirect to ftp://example.com/file: only http: and https: URLs are fetched',
    )
    expect(server.requests).toHaveLength(1)
  })
})

describe('HttpFetcher: size limits', () => {
  it('refuses a Content-Length over maxBodyBytes before reading, without retrying', async () => {
    const server = await serve(oversize(5000))
    const { fetcher, delays } = harness({ limits: { maxBodyBytes: 1000 } })
    const err = await failure(fetcher.fetch({ url: server.url, label: 'page 2' }))
    expect(err.kind).toBe('too-large')
    expect(err.retryable).toBe(false)
    expect(err.message).toBe(
      'page 2: response of 5000 bytes (Content-Length) is over the 1000 bytes limit',
    )
    expect(server.requests).toHaveLength(1)
    expect(delays).toEqual([])
  })

  it('stops a chunked body at the cap while streaming', async () => {
    const server = await serve(oversize(200_000, { declareLength: false }))
    const { fetcher } = harness({ limits: { maxBodyBytes: 1024 } })
    const err = await failure(fetcher.fetch({ url: server.url, label: 'page 2' }))
    expect(err.kind).toBe('too-large')
    expect(err.message).toMatch(
      /^page 2: response is over the 1 KiB limit \(stopped after \d+ bytes\)$/,
    )
    expect(server.requests).toHaveLength(1)
  })

  it('accepts a body of exactly maxBodyBytes', async () => {
    const server = await serve(oversize(1024, { declareLength: false }))
    const { fetcher } = harness({ limits: { maxBodyBytes: 1024 } })
    expect((await fetcher.fetch({ url: server.url })).body.length).toBe(1024)
  })
})

describe('HttpFetcher: broken connections and timeouts', () => {
  it('retries a body cut short, then succeeds', async () => {
    const server = await serve(sequence(truncated(), json({ ok: 1 })))
    const { fetcher, delays } = harness()
    const page = await fetcher.fetch({ url: server.url })
    expect(page.attempts).toBe(2)
    expect(delays).toEqual([250])
  })

  it('reports a body that is always cut short as a broken exchange after the attempts', async () => {
    const server = await serve(truncated({ body: '{"data":[', declaredLength: 100 }))
    const { fetcher } = harness({ retry: { attempts: 2 } })
    const err = await failure(fetcher.fetch({ url: server.url, label: 'page 4' }))
    expect(err.kind).toBe('protocol')
    expect(err.retryable).toBe(true)
    expect(err.message).toBe(
      `page 4: answer from 127.0.0.1:${server.port} cut short (9 of 100 bytes) after 2 attempts`,
    )
    expect(server.requests).toHaveLength(2)
  })

  it('retries a connection closed before any answer', async () => {
    const server = await serve(sequence(resetConnection(), json({})))
    const { fetcher, retries, onRetry } = harness()
    expect((await fetcher.fetch({ url: server.url }, onRetry)).attempts).toBe(2)
    expect(retries[0]?.reason).toMatch(/^connection to 127\.0\.0\.1:\d+ broke/)
  })

  it('reports a refused connection as offline after the attempts', async () => {
    const port = await closedPort()
    const { fetcher, delays } = harness({ retry: { attempts: 3 } })
    const err = await failure(fetcher.fetch({ url: `http://127.0.0.1:${port}/x`, label: 'page 3' }))
    expect(err.kind).toBe('offline')
    expect(err.retryable).toBe(true)
    expect(err.attempts).toBe(3)
    expect(err.message).toBe(
      `page 3: no answer from 127.0.0.1:${port} (ECONNREFUSED) after 3 attempts`,
    )
    expect(delays).toEqual([250, 500])
  })

  it('names the last failure: a server that goes away ends offline, not http', async () => {
    const server = await serve(status(503))
    const { fetcher } = harness({ retry: { attempts: 3 } })
    let closed = false
    const err = await failure(
      fetcher.fetch({ url: server.url }, () => {
        if (closed) return
        closed = true
        void server.close()
      }),
    )
    expect(err.kind).toBe('offline')
    expect(server.requests).toHaveLength(1)
  })

  it('names the last failure: 503 then unreachable ends offline; the reverse ends http', async () => {
    const port = await closedPort()
    const down = `http://127.0.0.1:${port}/`
    const { fetcher } = harness({ retry: { attempts: 2 } })
    const first = await serve(sequence(status(503), redirect(down)))
    const offline = await failure(fetcher.fetch({ url: first.url }))
    expect(offline.kind).toBe('offline')
    expect(offline.url).toBe(down)

    const second = await serve(sequence(redirect(down), status(503)))
    const http = await failure(fetcher.fetch({ url: second.url }))
    expect(http.kind).toBe('http')
    expect(http.status).toBe(503)
  })

  it('times out a slow drip (no byte for idleTimeoutMs) and retries it', async () => {
    // The drip's first body byte is due 1000 ms after the headers; an idle timeout of 100 ms
    // drops each attempt before it. The server counts the bytes it had sent when the client
    // hung up (none, each time), so no stopwatch decides whether the idle timer fired.
    const sentAtHangUp: number[] = []
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 60 })
      res.flushHeaders()
      let sent = 0
      const timer = setInterval(() => {
        res.write('x')
        sent++
      }, 1000)
      res.on('close', () => {
        clearInterval(timer)
        sentAtHangUp.push(sent)
      })
    })
    const { fetcher, delays } = harness({
      limits: { idleTimeoutMs: 100 },
      retry: { attempts: 2 },
    })
    const err = await failure(fetcher.fetch({ url: server.url, label: 'page 5' }))
    expect(err.kind).toBe('timeout')
    expect(err.retryable).toBe(true)
    expect(err.message).toBe(
      `page 5: no data from 127.0.0.1:${server.port} for 100 ms after 2 attempts`,
    )
    expect(server.requests).toHaveLength(2)
    expect(delays).toHaveLength(1)
    // The second hang-up reaches the server just after the fetcher gave up.
    await expect.poll(() => sentAtHangUp).toEqual([0, 0])
  })

  it('times out a server that never sends headers', async () => {
    const server = await serve(hang())
    const { fetcher } = harness({ limits: { idleTimeoutMs: 100 }, retry: { attempts: 1 } })
    const err = await failure(fetcher.fetch({ url: server.url }))
    expect(err.kind).toBe('timeout')
    expect(err.attempts).toBe(1)
  })

  it('times out an attempt that keeps dripping past totalTimeoutMs', async () => {
    const server = await serve(slowDrip({ intervalMs: 10 }))
    const { fetcher } = harness({
      limits: { idleTimeoutMs: 1000, totalTimeoutMs: 150 },
      retry: { attempts: 1 },
    })
    const err = await failure(fetcher.fetch({ url: server.url, label: 'p' }))
    expect(err.kind).toBe('timeout')
    expect(err.message).toBe(`p: no complete answer from 127.0.0.1:${server.port} within 150 ms`)
  })
})

describe('HttpFetcher: cancelling', () => {
  it('does not start when the signal is already aborted', async () => {
    const server = await serve(json({}))
    const { fetcher } = harness()
    const err = await failure(
      fetcher.fetch({ url: server.url, signal: AbortSignal.abort(), label: 'page 1' }),
    )
    expect(err.kind).toBe('aborted')
    expect(err.retryable).toBe(false)
    expect(err.message).toBe('page 1: cancelled')
    expect(server.requests).toHaveLength(0)
  })

  it('stops waiting between attempts when the signal aborts', async () => {
    const server = await serve(status(503))
    const { fetcher, delays } = harness()
    const controller = new AbortController()
    const err = await failure(
      fetcher.fetch({ url: server.url, signal: controller.signal }, () => controller.abort()),
    )
    expect(err.kind).toBe('aborted')
    expect(server.requests).toHaveLength(1)
    expect(delays).toHaveLength(1)
  })

  it('cancels a request in flight', async () => {
    const controller = new AbortController()
    // The request arrives, the client gives up; the answer never comes.
    const server = await serve(() => controller.abort())
    const { fetcher, delays } = harness()
    const err = await failure(fetcher.fetch({ url: server.url, signal: controller.signal }))
    expect(err.kind).toBe('aborted')
    expect(server.requests).toHaveLength(1)
    expect(delays).toEqual([])
  })

  it('stops retrying once the fetcher is closed', async () => {
    const server = await serve(status(503))
    const { fetcher } = harness()
    const err = await failure(fetcher.fetch({ url: server.url }, () => void fetcher.close()))
    expect(err.kind).toBe('aborted')
    expect(err.message).toContain('the fetcher is closed')
    expect(server.requests).toHaveLength(1)
  })
})

describe('backoffDelay', () => {
  const policy: RetryPolicy = {
    attempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    retryAfterCapMs: 0,
  }

  it('draws below a ceiling that doubles from baseDelayMs', () => {
    expect(backoffDelay(1, policy, () => 0.5)).toBe(250) // 0.5 * 500
    expect(backoffDelay(2, policy, () => 0.5)).toBe(500) // 0.5 * 1000
    expect(backoffDelay(3, policy, () => 0.999)).toBe(1998) // floor(0.999 * 2000)
    expect(backoffDelay(4, policy, () => 0.1)).toBe(400) // 0.1 * 4000
    expect(backoffDelay(1, policy, () => 0)).toBe(0)
  })

  it('caps the ceiling at maxDelayMs', () => {
    // attempt 7: 500 * 64 = 32 000, over 30 000.
    expect(backoffDelay(7, policy, () => 0.5)).toBe(15_000)
    expect(backoffDelay(30, policy, () => 0.9999)).toBe(29_997)
  })

  it('has the documented defaults', () => {
    expect(DEFAULT_RETRY).toEqual({
      attempts: 5,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      retryAfterCapMs: 60_000,
    })
    expect(DEFAULT_LIMITS).toEqual({
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 30_000,
      totalTimeoutMs: 120_000,
      maxBodyBytes: 67_108_864,
      maxRedirects: 5,
    })
  })
})

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000)
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0)
  })

  it('reads the three HTTP date forms, relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', NOW)).toBe(30_000)
    expect(parseRetryAfter('Wednesday, 01-Jan-25 00:01:00 GMT', NOW)).toBe(60_000)
    expect(parseRetryAfter('Wed Jan  1 00:00:10 2025', NOW)).toBe(10_000)
    expect(parseRetryAfter('Thu, 02 Jan 2025 00:00:00 GMT', NOW)).toBe(86_400_000)
  })

  it('never answers a negative wait', () => {
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', NOW)).toBe(0)
  })

  it('answers null when absent or unreadable', () => {
    for (const value of [undefined, '', '  ', 'soon', '-5', '1.5', '10s', '0x10']) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeNull()
    }
    expect(parseRetryAfter('Fri, 31 Feb 2025 00:00:00 GMT', NOW)).toBeNull()
    expect(parseRetryAfter('Wed, 01 Jan 2025 25:00:00 GMT', NOW)).toBeNull()
    expect(parseRetryAfter('2025-01-01T00:00:30Z', NOW)).toBeNull()
  })
})

describe('sleep (the default wait)', () => {
  it('resolves after the delay and rejects on abort, on fake timers', async () => {
    vi.useFakeTimers()
    try {
      let done = false
      const waiting = sleep(1000).then(() => {
        done = true
      })
      await vi.advanceTimersByTimeAsync(999)
      expect(done).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      await waiting
      expect(done).toBe(true)

      const controller = new AbortController()
      const cancelled = sleep(60_000, controller.signal)
      await vi.advanceTimersByTimeAsync(10)
      const reason = new Error('stop')
      controller.abort(reason)
      await expect(cancelled).rejects.toBe(reason)
      expect(vi.getTimerCount()).toBe(0)

      await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('is what a fetcher waits with by default', async () => {
    const server = await serve(sequence(status(503, { retryAfter: 2 }), json({ ok: true })))
    const fetcher = new HttpFetcher()
    cleanups.push(() => fetcher.close())
    // Only the timers: sockets and setImmediate stay real, so I/O still happens.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      let settled = false
      const fetching = fetcher.fetch({ url: server.url }).finally(() => (settled = true))
      // Let I/O run, and move the clock 50 ms at a time: the 2 s wait passes at no real cost.
      for (let i = 0; i < 2000 && !settled; i++) {
        await new Promise((resolve) => setImmediate(resolve))
        if (server.requests.length === 1) vi.advanceTimersByTime(50)
      }
      expect((await fetching).attempts).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('paginatedDataset, read through the fetcher', () => {
  interface Item extends DatasetRecord {
    id: number
    name: string
  }
  // Out of order on purpose; ids 2 and 5 share an instant, so id breaks the tie.
  const records = (): Item[] => [
    { id: 3, updated_at: '2025-01-03T00:00:00Z', name: 'c' },
    { id: 1, updated_at: '2025-01-01T00:00:00Z', name: 'a' },
    { id: 5, updated_at: '2025-01-02T00:00:00Z', name: 'e' },
    { id: 2, updated_at: '2025-01-02T00:00:00Z', name: 'b' },
    { id: 4, updated_at: '2025-01-04T00:00:00Z', name: 'd' },
  ]
  const sorted = [1, 2, 5, 3, 4]

  interface Body {
    data: Item[]
    meta: Record<string, unknown>
  }

  /** Walks every page the way a client of `style` would; answers the ids of each page. */
  async function walk(
    fetcher: HttpFetcher,
    base: string,
    style: PaginationStyle,
    query = '',
  ): Promise<(string | number)[][]> {
    const pages: (string | number)[][] = []
    let url: string | null =
      style === 'offset'
        ? `${base}/items?offset=0&limit=2${query}`
        : `${base}/items?per_page=2${query}`
    for (let n = 1; url !== null && n < 20; n++) {
      const page = await fetcher.fetch({ url, label: `page ${n}` })
      const body = JSON.parse(page.body.toString('utf8')) as Body
      pages.push(body.data.map((r) => r.id))
      if (style === 'page') {
        url =
          n < Number(body.meta.total_pages)
            ? `${base}/items?per_page=2&page=${n + 1}${query}`
            : null
      } else if (style === 'offset') {
        const next = Number(body.meta.offset) + 2
        url = next < Number(body.meta.total) ? `${base}/items?offset=${next}&limit=2${query}` : null
      } else if (style === 'cursor') {
        const cursor = body.meta.next_cursor
        url =
          typeof cursor === 'string' ? `${base}/items?per_page=2&cursor=${cursor}${query}` : null
      } else {
        url = /<([^>]+)>;\s*rel="next"/.exec(page.headers.link ?? '')?.[1] ?? null
      }
    }
    return pages
  }

  for (const style of ['page', 'offset', 'cursor', 'link'] as const) {
    it(`serves every record once, sorted by (updated_at, id): ${style}`, async () => {
      const server = await serve(paginatedDataset(records(), { style }))
      const { fetcher } = harness()
      expect(await walk(fetcher, server.url, style)).toEqual([[1, 2], [5, 3], [4]])
    })
  }

  it('filters on updated_since, inclusive', async () => {
    const server = await serve(paginatedDataset(records(), { style: 'cursor' }))
    const { fetcher } = harness()
    const pages = await walk(fetcher, server.url, 'cursor', '&updated_since=2025-01-02T00:00:00Z')
    expect(pages.flat()).toEqual(sorted.slice(1))
  })

  it('repeats the last record of a page at the start of the next, and reports each page', async () => {
    const served: PageServed[] = []
    const server = await serve(
      paginatedDataset(records(), {
        style: 'link',
        repeatLastRecord: true,
        onPage: (page) => served.push(page),
      }),
    )
    const { fetcher } = harness()
    expect(await walk(fetcher, server.url, 'link')).toEqual([
      [1, 2],
      [2, 5, 3],
      [3, 4],
    ])
    expect(served.map((p) => [p.served, p.hasMore, p.request.url])).toEqual([
      [1, true, '/items?per_page=2'],
      [2, true, '/items?per_page=2&page=2'],
      [3, false, '/items?per_page=2&page=3'],
    ])
  })

  it('answers 400 for a bad parameter', async () => {
    const server = await serve(paginatedDataset(records(), { style: 'cursor' }))
    const { fetcher } = harness()
    const err = await failure(fetcher.fetch({ url: `${server.url}/items?cursor=bogus` }))
    expect(err.status).toBe(400)
    expect(err.message).toContain('unknown cursor: bogus')
  })
})
