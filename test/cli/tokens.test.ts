// Rule (CLI.md, README "API tokens"): `token create --workspace a --workspace b` scopes the
// token to both workspaces (the flag repeats; every value is kept), shown by `token list` and
// honoured by the API (both workspaces answer, a third is 403). A token's "last used" time is
// set when the API accepts it and reaches the file with the next save (the next write, or
// closing the console), so `token list` after the console stopped shows it, never "never".
// The real command runs in child processes with SEXTANT_NOW fixed: every time is that instant.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NOW, exited, sextant, startServe } from './run'

/** Several child processes and a console each: roomy on a loaded machine. */
const SLOW = { timeout: 120_000 }

let folder: string
let db: string

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'sextant-cli-tokens-'))
  db = join(folder, 'tokens.db')
  const dataset = join(folder, 'dataset')
  mkdirSync(dataset)
  writeFileSync(
    join(dataset, 'workspaces.csv'),
    'id,name,created_at\nacme,Acme,2026-01-01\nglobex,Globex,2026-01-01\ninitech,Initech,2026-01-01\n',
  )
  const imported = sextant(['--db', db, 'import', dataset])
  expect(imported.code, imported.stderr).toBe(0)
}, SLOW.timeout)
afterEach(() => rmSync(folder, { recursive: true, force: true }))

/** Creates a token with the command line; answers the secret (alone on the last line). */
function createToken(args: string[]): { token: string; stderr: string } {
  const created = sextant(['--db', db, 'token', 'create', ...args])
  expect(created.code, created.stderr).toBe(0)
  const token = created.stdout.trimEnd().split('\n').pop()!
  expect(token).toMatch(/^sxt_[A-Za-z0-9_-]{43}$/)
  return { token, stderr: created.stderr }
}

function tokenList(): string {
  const listed = sextant(['--db', db, 'token', 'list'])
  expect(listed.code, listed.stderr).toBe(0)
  return listed.stdout
}

describe('token create with --workspace twice', () => {
  it(
    'keeps both workspaces: listed, and both readable through the API, a third not',
    SLOW,
    async () => {
      const { token, stderr } = createToken([
        '--name',
        'pair',
        '--workspace',
        'acme',
        '--workspace',
        'globex',
      ])
      expect(stderr).toContain('created token pair (workspace acme, workspace globex)')
      expect(tokenList()).toBe(
        `pair\tworkspace acme, workspace globex\tcreated ${new Date(NOW).toISOString()}\tlast used never\n`,
      )

      const served = await startServe(db)
      try {
        const get = (path: string) =>
          fetch(`http://127.0.0.1:${served.port}${path}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        for (const workspace of ['acme', 'globex']) {
          const analytics = await get(`/api/workspaces/${workspace}/analytics`)
          expect(analytics.status, workspace).toBe(200)
          const types = await get(`/api/v1/workspaces/${workspace}/event-types`)
          expect(types.status, workspace).toBe(200)
        }
        const other = await get('/api/workspaces/initech/analytics')
        expect(other.status).toBe(403)
        expect(await other.json()).toEqual({ error: 'Forbidden' })
      } finally {
        served.child.kill('SIGTERM')
      }
      expect(await exited(served.child)).toBe(0)
    },
  )
})

describe('token list', () => {
  it(
    'shows when a token was last used, once the console that accepted it has saved',
    SLOW,
    async () => {
      const { token } = createToken(['--name', 'app'])
      expect(tokenList()).toMatch(/\tlast used never\n$/)

      const served = await startServe(db)
      try {
        const counts = await fetch(`http://127.0.0.1:${served.port}/api/v1/counts`, {
          headers: { authorization: `Bearer ${token}` },
        })
        expect(counts.status).toBe(200)
        // Through the running console the list reads the console's own state.
        expect(tokenList()).toBe(
          `app\tfull access\tcreated ${new Date(NOW).toISOString()}\tlast used ${new Date(NOW).toISOString()}\n`,
        )
      } finally {
        served.child.kill('SIGTERM')
      }
      expect(await exited(served.child)).toBe(0)
      // Closing the console saved the touch: the file says so too.
      expect(tokenList()).toBe(
        `app\tfull access\tcreated ${new Date(NOW).toISOString()}\tlast used ${new Date(NOW).toISOString()}\n`,
      )
    },
  )
})
