// Rule (issue #12, item 7; docs/api.md "Uploads"): POST /api/v1/imports answers a malformed
// upload with 400 (413 for one past a size limit) in the console's error shape
// `{error:{code,message}}`, never 500, and leaves no upload folder behind, whichever way the
// request or its import ends. An archive over a limit fails its job with the one-line refusal.
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import { createToken } from '../../src-main/core/tokens/tokens'
import { buildZip, zeroBomb } from '../fuzz/zip-writer'
import { removeDir } from './helpers'

const HOST = '127.0.0.1:4477'
const BOUNDARY = 'sextant-test-boundary'
const WORKSPACES = 'id,name,created_at\nw1,Acme,2026-01-01T00:00:00Z\n'

/** One multipart part: a file under the field "files". */
function part(filename: string, body: string | Uint8Array, extraHeaders = ''): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\n` +
        `${extraHeaders}Content-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.from(body),
    Buffer.from('\r\n'),
  ])
}
const end = Buffer.from(`--${BOUNDARY}--\r\n`)
const withBoundary = `multipart/form-data; boundary=${BOUNDARY}`

let uploads: string
let db: DbClient
let server: SextantServer
let token: string

beforeAll(async () => {
  // Upload folders are made under the temporary folder: give this file its own to watch.
  uploads = mkdtempSync(join(tmpdir(), 'sextant-uploads-'))
  process.env.TMPDIR = uploads
  db = await DbClient.open(null)
  token = (await createToken(db, fixedClock(0), { name: 'ui' })).token
  server = createServer({ db, clock: fixedClock(0), version: 'test', port: () => 4477 })
})
afterAll(async () => {
  await server.close()
  await db.close()
  removeDir(uploads)
})

async function post(type: string, payload: Buffer | string) {
  return server.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { host: HOST, authorization: `Bearer ${token}`, 'content-type': type },
    payload,
  })
}

async function finished(id: string): Promise<{ state: string; error: { message: string } | null }> {
  for (;;) {
    const job = (
      await server.inject({
        url: `/api/v1/imports/${id}`,
        headers: { host: HOST, authorization: `Bearer ${token}` },
      })
    ).json() as { state: string; error: { message: string } | null }
    if (job.state !== 'running') return job
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const leftovers = (): string[] =>
  readdirSync(uploads).filter((name) => name.startsWith('sextant-upload-'))

describe('malformed uploads', () => {
  const cases: [string, string, Buffer | string, number, string][] = [
    [
      'multipart without a boundary',
      'multipart/form-data',
      Buffer.concat([part('workspaces.csv', WORKSPACES), end]),
      400,
      'body: not a readable multipart/form-data upload',
    ],
    [
      'a garbage body',
      withBoundary,
      Buffer.from('garbage \x00\xff garbage'),
      400,
      'body: not a readable multipart/form-data upload',
    ],
    [
      'a truncated body',
      withBoundary,
      part('workspaces.csv', WORKSPACES).subarray(0, 140),
      400,
      'body: not a readable multipart/form-data upload',
    ],
    [
      'a 200 KB file name in the part header',
      withBoundary,
      Buffer.concat([part(`${'w'.repeat(200_000)}.csv`, WORKSPACES), end]),
      400,
      'file: a part header is larger than 16 KiB',
    ],
    [
      'a 200 KB part header',
      withBoundary,
      Buffer.concat([part('workspaces.csv', WORKSPACES, `X-Pad: ${'a'.repeat(200_000)}\r\n`), end]),
      400,
      'file: a part header is larger than 16 KiB',
    ],
    [
      'a NUL in the file name',
      withBoundary,
      Buffer.concat([part('work\u0000spaces.csv', WORKSPACES), end]),
      400,
      'file: the file name "work\\u0000spaces.csv" holds a control character',
    ],
    [
      'a 300-character file name',
      withBoundary,
      Buffer.concat([part(`${'w'.repeat(296)}.csv`, WORKSPACES), end]),
      400,
      'file: the file name is longer than 255 bytes',
    ],
  ]

  it.each(cases)(
    '%s: a 4xx in the error shape, no folder left',
    async (_, type, body, status, message) => {
      const response = await post(type, body)
      expect(response.statusCode, response.body).toBe(status)
      // The parser's own words follow in parentheses where it had any.
      expect(response.json()).toEqual({
        error: {
          code: 'bad_request',
          message: expect.stringMatching(new RegExp(`^${escape(message)}`)),
        },
      })
      expect(leftovers()).toEqual([])
    },
  )
})

describe('upload folders', () => {
  it('is removed after a good import, a failed one and a refused archive', async () => {
    const good = await post(withBoundary, Buffer.concat([part('workspaces.csv', WORKSPACES), end]))
    expect(good.statusCode, good.body).toBe(202)
    expect((await finished(good.json().id)).state).toBe('done')
    expect(leftovers()).toEqual([])

    const bad = await post(
      withBoundary,
      Buffer.concat([part('workspaces.csv', 'id,name,created_at\nw2,B,never\n'), end]),
    )
    expect((await finished(bad.json().id)).state).toBe('failed')
    expect(leftovers()).toEqual([])

    const bomb = buildZip([{ name: 'contact_events.csv', deflated: zeroBomb(50) }])
    const refused = await post(withBoundary, Buffer.concat([part('bomb.zip', bomb), end]))
    expect(refused.statusCode, refused.body).toBe(202)
    const job = await finished(refused.json().id)
    expect(job.state).toBe('failed')
    expect(job.error!.message).toBe(
      'bomb.zip/contact_events.csv: compression ratio passes the 100:1 limit (--zip-max-ratio)',
    )
    expect(leftovers()).toEqual([])
  })
})

describe('a client that goes away mid-upload', () => {
  it('leaves no upload folder behind', async () => {
    let port = 0
    const listening = createServer({ db, clock: fixedClock(0), version: 'test', port: () => port })
    await listening.listen({ port: 0, host: '127.0.0.1' })
    port = (listening.server.address() as AddressInfo).port
    try {
      const body = Buffer.concat([part('workspaces.csv', WORKSPACES.repeat(2000)), end])
      const socket = connect(port, '127.0.0.1')
      await new Promise((resolve) => socket.once('connect', resolve))
      socket.write(
        `POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
          `Authorization: Bearer ${token}\r\nContent-Type: ${withBoundary}\r\n` +
          `Content-Length: ${body.length}\r\n\r\n`,
      )
      socket.write(body.subarray(0, body.length / 2))
      // The folder exists while the upload is under way, and is gone once the client left.
      for (let tries = 0; leftovers().length === 0 && tries < 200; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(leftovers().length).toBe(1)
      socket.destroy()
      for (let tries = 0; leftovers().length > 0 && tries < 500; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(leftovers()).toEqual([])
    } finally {
      await listening.close()
    }
  })
})
