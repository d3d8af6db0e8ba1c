// Rule (issue #12, item 5): on a full disk, a request or command that reports failure leaves no
// trace, in memory or on disk: a token create that failed is not listed and is not carried into
// the file by the next write; an import that failed serves none of its records. A stop while the
// disk is still full exits with one line (no stack trace) and loses nothing acknowledged.
//
// The disk is real: a tmpfs of a few megabytes, filled to the last byte (mounts.ts).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exited, sextant, startServe } from '../cli/run'
import { mountTmpfs, type Mounted } from './mounts'

const DATASET = fileURLToPath(new URL('../fixtures/import/good-basic', import.meta.url))

let disk: Mounted
let db: string
let token: string

beforeAll(() => {
  disk = mountTmpfs(48)
  db = join(disk.dir, 'full.db')
  const demo = sextant(['--db', db, 'demo', '--size', 'small'])
  expect(demo.code, demo.stderr).toBe(0)
  const created = sextant(['--db', db, 'token', 'create', '--name', 'analyst'])
  expect(created.code).toBe(0)
  token = created.stdout.trim().split('\n').at(-1)!
})

afterAll(() => disk?.unmount())

async function call(port: number, method: string, path: string, body?: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const tokenNames = async (port: number): Promise<string[]> =>
  ((await call(port, 'GET', '/api/v1/tokens')).body.tokens as { name: string }[]).map((t) => t.name)

/** Files the database left beside itself (temporary saves, half-written hashes). */
const leftovers = (): string[] =>
  readdirSync(disk.dir).filter((name) => name.includes('.tmp-') || name.endsWith('.tmp'))

describe('a full disk under a running console', () => {
  it('fails writes with 507 and leaves no trace of them, in memory or in the file', async () => {
    const console = await startServe(db)
    try {
      const counts = (await call(console.port, 'GET', '/api/v1/counts')).body.counts
      disk.fill()

      const token = await call(console.port, 'POST', '/api/v1/tokens', { name: 'during-full' })
      expect(token.status).toBe(507)
      expect((token.body.error as { code: string; message: string }).message).toMatch(
        /could not be saved \(.*ENOSPC.*\); nothing was changed/,
      )
      expect(await tokenNames(console.port)).toEqual(['analyst'])

      const imported = await call(console.port, 'POST', '/api/v1/import', { paths: [DATASET] })
      expect(imported.status).toBe(507)
      expect((await call(console.port, 'GET', '/api/v1/counts')).body.counts).toEqual(counts)
      expect(leftovers()).toEqual([])

      // Space again: the next write saves itself, and nothing of the failed ones.
      disk.free()
      expect((await call(console.port, 'POST', '/api/v1/tokens', { name: 'after' })).status).toBe(
        201,
      )
      expect(await tokenNames(console.port)).toEqual(['after', 'analyst'].sort())
    } finally {
      console.child.kill('SIGTERM')
      expect(await exited(console.child)).toBe(0)
    }
    // What the file holds, read by a new process.
    const listed = sextant(['--db', db, 'token', 'list'])
    expect(listed.code).toBe(0)
    expect(listed.stdout).not.toContain('during-full')
    expect(listed.stdout).toContain('after')
  })

  it('stops with one line when the last save fails, keeping every acknowledged write', async () => {
    const console = await startServe(db)
    const created = await call(console.port, 'POST', '/api/v1/tokens', { name: 'acknowledged' })
    expect(created.status).toBe(201)
    const fresh = created.body.token as string
    disk.fill()
    // A first use of a token is bookkeeping kept for the next save: the save on the way out.
    const used = await fetch(`http://127.0.0.1:${console.port}/api/v1/tokens`, {
      headers: { authorization: `Bearer ${fresh}` },
    })
    expect(used.status).toBe(200)
    console.child.kill('SIGTERM')
    const code = await exited(console.child)
    const lines = console
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('sextant:'))
    disk.free()
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/could not save on exit \(.*ENOSPC.*\); every confirmed change is in/)
    expect(console.stderr()).not.toMatch(/^\s+at /m)
    expect(leftovers()).toEqual([])
    const listed = sextant(['--db', db, 'token', 'list'])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toContain('acknowledged')
  })
})

describe('a full disk under a command', () => {
  it('ends an import with one line and imports nothing', async () => {
    const before = sextant(['--db', db, 'token', 'list']).stdout
    disk.fill()
    const imported = sextant(['--db', db, 'import', DATASET])
    disk.free()
    expect(imported.code).toBe(1)
    expect(imported.stderr.trim().split('\n').at(-1)).toMatch(/^sextant: .*ENOSPC/)
    expect(imported.stderr).not.toMatch(/^\s+at /m)
    expect(leftovers()).toEqual([])
    // The database opens and holds what it held.
    const after = sextant(['--db', db, 'token', 'list'])
    expect(after.stderr).toBe('')
    expect(after.stdout).toBe(before)
  })
})
