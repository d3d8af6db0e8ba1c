// Rule (issue #12, item 11; docs/api.md "Errors, by product family"): the errors Fastify and
// Node raise before a route runs answer in the family's shape of the path like every other
// error: a path that is not valid percent-encoding (400), a path segment over 100 characters
// (414), headers over Node's 16 KiB (431), a request line over it (414), a request Node cannot
// parse (400), a body that is not JSON, of another content type or too large (400, 415, 413).
// Only a request without a readable request line answers in the console's shape.
// Before the fix they answered Fastify's and Node's own `{"error":"Bad Request","code":...}`.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOST, startHarness, type Harness } from './harness'

const dataset = { workspaces: [{ id: 'acme', name: 'Acme', created_at: '2026-01-01' }] }

/** The error body each family answers with for a status and message (docs/api.md). */
function familyBody(
  family: 'workspaces' | 'organisations' | 'reports' | 'console',
  status: number,
  message: string | ReturnType<typeof expect.any>,
  code?: string,
): unknown {
  switch (family) {
    case 'workspaces':
      return { error: message }
    case 'organisations':
      // The original's renderer writes `data: {}` below 401 only (docs/api.md).
      return status >= 401
        ? { message, status_code: status }
        : { status_code: status, message, data: {} }
    case 'reports':
      return {
        code: status === 400 ? 'rest_invalid_param' : 'rest_error',
        message,
        data: { status },
      }
    case 'console':
      return { error: { code, message } }
  }
}

describe('Fastify-level errors (in-process)', () => {
  let harness: Harness
  beforeAll(async () => {
    harness = await startHarness(dataset)
  })
  afterAll(async () => {
    await harness.close()
  })
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${harness.token}` })

  it('a path that is not valid percent-encoding is a 400 in the family shape', async () => {
    const message = 'path: not a valid percent-encoded UTF-8 URL'
    for (const [url, family] of [
      ['/api/workspaces/%ZZ/analytics', 'workspaces'],
      ['/api/workspaces/acme/analytics/campaigns/%E2%82', 'workspaces'],
      ['/api/v1/sources/%', 'console'],
      ['/api/v1/snapshots/%C0%AE', 'console'],
    ] as const) {
      const response = await harness.get(url, auth())
      expect(response.statusCode, url).toBe(400)
      expect(response.headers['content-type'], url).toBe('application/json; charset=utf-8')
      expect(response.json(), url).toEqual(familyBody(family, 400, message, 'bad_request'))
    }
  })

  it('a path segment over 100 characters is a 414 in the family shape', async () => {
    const message = 'path: a segment is longer than 100 characters'
    const long = 'a'.repeat(101)
    for (const [url, family] of [
      [`/api/workspaces/${long}/analytics`, 'workspaces'],
      [`/api/workspaces/acme/analytics/campaigns/${long}`, 'workspaces'],
      [`/api/v1/workspaces/${long}/campaigns`, 'console'],
      [`/api/v1/sources/${'x'.repeat(5000)}/runs`, 'console'],
    ] as const) {
      const response = await harness.get(url, auth())
      expect(response.statusCode, url).toBe(414)
      expect(response.json(), url).toEqual(familyBody(family, 414, message, 'uri_too_long'))
    }
  })

  it('a segment of exactly 100 characters still reaches the route', async () => {
    const response = await harness.get(`/api/workspaces/${'a'.repeat(100)}/analytics`, auth())
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ error: 'Workspace not found' })
  })

  it('the Host check still comes first (403 in the family shape)', async () => {
    const response = await harness.server.inject({
      url: `/api/workspaces/${'a'.repeat(300)}/analytics`,
      headers: { host: 'evil.example', ...auth() },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({ error: 'Forbidden' })
  })

  it('a body that is not JSON, of another type or too large answers in the console shape', async () => {
    const post = (payload: string, contentType: string) =>
      harness.server.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { host: HOST, ...auth(), 'content-type': contentType },
        payload,
      })
    const cases: [string, string, number, string, RegExp][] = [
      ['{', 'application/json', 400, 'bad_request', /not valid JSON/],
      ['', 'application/json', 400, 'bad_request', /empty/],
      // Fastify reads text/plain as a string, which the body schema then refuses.
      ['name=x', 'text/plain', 400, 'bad_request', /^body: /],
      [
        '<a/>',
        'application/xml',
        415,
        'unsupported_media_type',
        /^content-type: "application\/xml" is not/,
      ],
      [
        JSON.stringify({ name: 'x'.repeat(1_100_000) }),
        'application/json',
        413,
        'payload_too_large',
        /^body: larger than the 1 MiB limit$/,
      ],
    ]
    for (const [payload, contentType, status, code, message] of cases) {
      const response = await post(payload, contentType)
      expect(response.statusCode, `${contentType} ${payload.slice(0, 20)}`).toBe(status)
      expect(response.json(), contentType).toEqual({
        error: { code, message: expect.stringMatching(message) },
      })
    }
  })
})

/** One raw HTTP exchange: the status, the headers (lower-case names) and the body. */
function exchange(
  port: number,
  text: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const received = Buffer.concat(chunks).toString('utf8')
      const split = received.indexOf('\r\n\r\n')
      const [statusLine, ...lines] = received.slice(0, split).split('\r\n')
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')
      if (match === null) return reject(new Error(`no status line in ${JSON.stringify(received)}`))
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
      }
      resolve({ status: Number(match[1]), headers, body: received.slice(split + 4) })
    })
    socket.end(text)
  })
}

describe('Node-level errors (a listening server, raw requests)', () => {
  let harness: Harness
  let port = 0
  beforeAll(async () => {
    harness = await startHarness(dataset, { port: () => port })
    await harness.server.listen({ host: '127.0.0.1', port: 0 })
    const address = harness.server.server.address()
    if (address === null || typeof address === 'string') throw new Error('not listening')
    port = address.port
  })
  afterAll(async () => {
    await harness.close()
  })

  const big = `X-Big: ${'a'.repeat(20_000)}\r\n`
  const request = (line: string, extra = ''): string =>
    `${line}\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`

  it('headers over 16 KiB are a 431 in the family shape of the path', async () => {
    const message = 'headers: larger than 16 KiB'
    for (const [path, family] of [
      ['/api/workspaces/acme/analytics', 'workspaces'],
      ['/api/v2/platform/organisation/analytics', 'organisations'],
      ['/reports', 'reports'],
      ['/wp-json/fluent-booking/v2/reports/activities', 'reports'],
      ['/api/v1/counts', 'console'],
    ] as const) {
      const answer = await exchange(port, request(`GET ${path} HTTP/1.1`, big))
      expect(answer.status, path).toBe(431)
      expect(answer.headers['content-type'], path).toBe('application/json; charset=utf-8')
      expect(JSON.parse(answer.body), path).toEqual(
        familyBody(family, 431, message, 'headers_too_large'),
      )
    }
  })

  it('a request line over 16 KiB is a 414 in the family shape', async () => {
    const path = `/api/workspaces/acme/analytics?x=${'a'.repeat(20_000)}`
    const answer = await exchange(port, request(`GET ${path} HTTP/1.1`))
    expect(answer.status).toBe(414)
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/^URL: .*16 KiB/) })
    const consoleAnswer = await exchange(
      port,
      request(`GET /api/v1/overview?x=${'a'.repeat(20_000)} HTTP/1.1`),
    )
    expect(consoleAnswer.status).toBe(414)
    expect(JSON.parse(consoleAnswer.body)).toEqual(
      familyBody('console', 414, expect.stringMatching(/^URL: /), 'uri_too_long'),
    )
  })

  it('a request Node cannot parse is a 400: in the family shape when the path can be read', async () => {
    const cases: [string, ReturnType<typeof familyBody>][] = [
      [
        request('GET /reports HTTP/1.1', 'Bad Header Line\r\n'),
        familyBody('reports', 400, expect.stringMatching(/^request: /)),
      ],
      [
        request('GET /api/workspaces/acme/analytics HTTP/1.1', 'X-A: a\u0000b\r\n'),
        familyBody('workspaces', 400, expect.stringMatching(/^request: /)),
      ],
      // No request line to read a path from: the console's shape.
      [
        '\u0001\u0002garbage\r\n\r\n',
        familyBody('console', 400, expect.any(String), 'bad_request'),
      ],
    ]
    for (const [text, expected] of cases) {
      const answer = await exchange(port, text)
      expect(answer.status, JSON.stringify(text.slice(0, 40))).toBe(400)
      expect(JSON.parse(answer.body), JSON.stringify(text.slice(0, 40))).toEqual(expected)
    }
  })

  it('the server still answers normally afterwards', async () => {
    const answer = await exchange(port, request('GET /health HTTP/1.1'))
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok', version: 'test' })
  })
})
