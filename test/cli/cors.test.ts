// Rule (README "Browser apps on other origins", issue #13 item 7): `sextant cors add|list|remove`
// keep the stored CORS allow-list, normalised to what browsers send (`https://WP.example.com/`
// is `https://wp.example.com`); a value that is not one origin is a malformed command line
// (exit 2, one line naming why) and stores nothing; `serve --allow-origin` adds one for that run
// only, listed beside the stored ones and gone after it stops. Real child processes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exited, sextant, startServe } from './run'

const SLOW = { timeout: 120_000 }
let folder: string
let db: string

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'sextant-cli-cors-'))
  db = join(folder, 'cors.db')
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

function listed(): string[] {
  const result = sextant(['--db', db, 'cors', 'list'])
  expect(result.code, result.stderr).toBe(0)
  return result.stdout.split('\n').filter((line) => line !== '')
}

describe('sextant cors', () => {
  it(
    'adds, lists and removes origins, normalised',
    () => {
      expect(listed()).toEqual([])
      const added = sextant(['--db', db, 'cors', 'add', 'https://WP.example.com/'])
      expect(added.code, added.stderr).toBe(0)
      expect(added.stdout).toBe('allowed https://wp.example.com\n')
      expect(sextant(['--db', db, 'cors', 'add', 'http://localhost:3000']).code).toBe(0)
      expect(listed()).toEqual(['https://wp.example.com', 'http://localhost:3000'])
      const removed = sextant(['--db', db, 'cors', 'remove', 'https://wp.example.com'])
      expect(removed.code, removed.stderr).toBe(0)
      expect(listed()).toEqual(['http://localhost:3000'])
      const missing = sextant(['--db', db, 'cors', 'remove', 'https://wp.example.com'])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/https:\/\/wp\.example\.com is not an allowed origin/)
    },
    SLOW.timeout,
  )

  it(
    'refuses what is not one origin, naming why, and stores nothing',
    () => {
      for (const [value, why] of [
        ['*', /wildcards/],
        ['https://wp.example.com/wp-admin', /without a path/],
        ['wp.example.com', /not an origin/],
      ] as const) {
        const result = sextant(['--db', db, 'cors', 'add', value])
        expect(result.code, value).toBe(2)
        expect(result.stderr, value).toMatch(why)
        expect(result.stderr.trim().split('\n').length, value).toBeLessThanOrEqual(2)
      }
      const serve = sextant(['--db', db, 'serve', '--port', '0', '--allow-origin', 'null'])
      expect(serve.code).toBe(2)
      expect(serve.stderr).toMatch(/sandboxed/)
      expect(listed()).toEqual([])
    },
    SLOW.timeout,
  )

  it(
    'serve --allow-origin lasts one run; add through the running console is kept',
    async () => {
      sextant(['--db', db, 'cors', 'add', 'https://wp.example.com'])
      const running = await startServe(db, {}, ['--allow-origin', 'http://localhost:3000'])
      try {
        expect(listed()).toEqual([
          'https://wp.example.com',
          'http://localhost:3000\t(command line, this run)',
        ])
        const added = sextant(['--db', db, 'cors', 'add', 'https://crm.example.org'])
        expect(added.code, added.stderr).toBe(0)
        expect(added.stderr).toMatch(/running console/)
        const answer = await fetch(`http://127.0.0.1:${running.port}/reports`, {
          method: 'OPTIONS',
          headers: { origin: 'https://crm.example.org', 'access-control-request-method': 'GET' },
        })
        expect(answer.status).toBe(204)
        expect(answer.headers.get('access-control-allow-origin')).toBe('https://crm.example.org')
      } finally {
        running.child.kill('SIGTERM')
        await exited(running.child)
      }
      expect(listed()).toEqual(['https://wp.example.com', 'https://crm.example.org'])
    },
    SLOW.timeout,
  )
})
