// Rule (issue #12, "a crash loop"; DATA.md "Saving"): SIGKILL at any moment, during an import, a
// sync run and console writes, leaves a database that opens, passes `PRAGMA integrity_check` and
// holds the state before or after each acknowledged write, never part of one:
// - every token whose create was answered is there; every token there is whole;
// - an import's records are all there or none, and all there when it was answered;
// - a sync page's records are all there or none (a page commits with its checkpoint), and every
//   page is there when the run was answered.
//
// Each round starts a real `sextant serve` on the same file, sends the three kinds of writes at
// once, kills it with SIGKILL at a seeded random moment, and reads the file in this process.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabaseFile } from '../../src-main/core/db/persistence'
import { exited, sextant, startServe } from '../cli/run'
import { removeTempDirs, seededRandom, tempDir } from './helpers'

const ROUNDS = 50
const SEED = 0xc4a5_1009
const IMPORT_EVENTS = 500
const SYNC_PAGES = 4
const PAGE_SIZE = 100

let dir: string
let db: string
let token: string
let remote: Server
let remotePort = 0

const syncId = (gen: number, page: number, index: number): string => `s${gen}-${page}-${index}`

beforeAll(async () => {
  dir = tempDir('sextant-crash-loop-')
  db = join(dir, 'loop.db')
  mkdirSync(join(dir, 'base'))
  writeFileSync(join(dir, 'base', 'workspaces.csv'), 'id,name,created_at\nloop,Loop,2026-01-01\n')
  expect(sextant(['--db', db, 'import', join(dir, 'base')]).code).toBe(0)
  const created = sextant(['--db', db, 'token', 'create', '--name', 'driver'])
  token = created.stdout.trim().split('\n').at(-1)!
  // The sync remote: SYNC_PAGES pages of contact events, then an empty page, a little slowly so
  // that kills land inside runs.
  // Each round's source asks for its own generation (`?gen=`), so a run interrupted in one round
  // and resumed at the next start still reads the records of its own round.
  remote = createServer((request, response) => {
    const query = new URL(request.url ?? '/', 'http://x').searchParams
    const page = Number(query.get('page') ?? '1')
    const generation = Number(query.get('gen'))
    const records =
      page > SYNC_PAGES
        ? []
        : Array.from({ length: PAGE_SIZE }, (_, index) => ({
            id: syncId(generation, page, index),
            workspace_id: 'loop',
            event_type: 'sync_visit',
            created_at: '2026-11-20T10:00:00Z',
          }))
    setTimeout(() => {
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(records))
    }, 25)
  })
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve))
  remotePort = (remote.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => remote?.close(resolve))
  removeTempDirs()
})

/** A dataset of one contact_events file for round `round`, made once. */
function importBatch(round: number): string {
  const folder = join(dir, `batch-${round}`)
  mkdirSync(folder)
  const rows = Array.from(
    { length: IMPORT_EVENTS },
    (_, index) => `i${round}-${index},loop,import_visit,2026-11-21T10:00:00Z`,
  )
  writeFileSync(
    join(folder, 'contact_events.csv'),
    `id,workspace_id,event_type,created_at\n${rows.join('\n')}\n`,
  )
  return folder
}

interface Acknowledged {
  tokens: string[]
  imports: number[]
  syncs: number[]
}

async function post(port: number, path: string, body: unknown): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  if (path.includes('/runs') && response.status === 200) {
    return (JSON.parse(text) as { state: string }).state === 'ok' ? 200 : 500
  }
  return response.status
}

describe('SIGKILL at random moments during imports, sync runs and console writes', () => {
  it(`leaves the state before or after every acknowledged write (${ROUNDS} rounds)`, async () => {
    const random = seededRandom(SEED)
    const acknowledged: Acknowledged = { tokens: ['driver'], imports: [], syncs: [] }
    const stats = { rounds: 0, tokensAcked: 0, importsAcked: 0, syncsAcked: 0, partialSync: 0 }
    for (let round = 1; round <= ROUNDS; round++) {
      const batch = importBatch(round)
      const console = await startServe(db, { SEXTANT_SYNC_SAVE_EVERY_MS: '0' })
      const port = console.port
      const work = [
        (async () => {
          for (let index = 0; index < 6; index++) {
            const name = `t${round}-${index}`
            if ((await post(port, '/api/v1/tokens', { name })) === 201)
              acknowledged.tokens.push(name)
          }
        })(),
        post(port, '/api/v1/import', { paths: [batch] }).then((status) => {
          if (status === 200) acknowledged.imports.push(round)
        }),
        (async () => {
          const source = {
            name: `remote-${round}`,
            kind: 'http',
            config: {
              url: `http://127.0.0.1:${remotePort}/events?gen=${round}`,
              entity: 'contact_events',
              pagination: { type: 'page', size: PAGE_SIZE },
            },
          }
          if ((await post(port, '/api/v1/sources', source)) !== 201) return
          const status = await post(port, `/api/v1/sources/remote-${round}/runs?wait=true`, {})
          if (status === 200) acknowledged.syncs.push(round)
        })(),
      ].map((promise) => promise.catch(() => undefined))
      await new Promise((resolve) => setTimeout(resolve, 30 + random() * 900))
      console.child.kill('SIGKILL')
      await exited(console.child)
      await Promise.all(work)

      const opened = await openDatabaseFile(db)
      try {
        const sqlite = opened.sqlite
        expect(sqlite.get('PRAGMA integrity_check')).toEqual({ integrity_check: 'ok' })
        const tokens = sqlite.all<{ name: string; hash: string | null }>(
          'SELECT name, token_hash AS hash FROM api_tokens',
        )
        const names = new Set(tokens.map((row) => row.name))
        for (const name of acknowledged.tokens) expect(names.has(name), `token ${name}`).toBe(true)
        for (const row of tokens)
          expect(row.hash, `token ${row.name} is whole`).toMatch(/^[0-9a-f]{64}$/)
        for (let earlier = 1; earlier <= round; earlier++) {
          const count = Number(
            sqlite.get<{ n: number }>('SELECT count(*) AS n FROM contact_events WHERE id LIKE :p', {
              p: `i${earlier}-%`,
            })?.n,
          )
          expect([0, IMPORT_EVENTS], `import of round ${earlier}`).toContain(count)
          if (acknowledged.imports.includes(earlier)) expect(count).toBe(IMPORT_EVENTS)
        }
        // A run killed in an earlier round resumes at the next start: every round's pages.
        for (let gen = 1; gen <= round; gen++) {
          let pagesThere = 0
          for (let page = 1; page <= SYNC_PAGES; page++) {
            const count = Number(
              sqlite.get<{ n: number }>(
                'SELECT count(*) AS n FROM contact_events WHERE id LIKE :p',
                { p: `s${gen}-${page}-%` },
              )?.n,
            )
            expect([0, PAGE_SIZE], `round ${gen} sync page ${page}`).toContain(count)
            if (count === PAGE_SIZE) pagesThere++
          }
          if (acknowledged.syncs.includes(gen))
            expect(pagesThere, `round ${gen} sync`).toBe(SYNC_PAGES)
          if (gen === round && pagesThere > 0 && pagesThere < SYNC_PAGES) stats.partialSync++
        }
      } finally {
        opened.sqlite.close()
      }
      stats.rounds++
    }
    stats.tokensAcked = acknowledged.tokens.length - 1
    stats.importsAcked = acknowledged.imports.length
    stats.syncsAcked = acknowledged.syncs.length
    process.stdout.write(`crash loop: ${JSON.stringify(stats)}\n`)
    // The kills landed in the middle of things and after them, not only before or after all.
    expect(stats.importsAcked).toBeGreaterThan(0)
    expect(stats.importsAcked).toBeLessThan(ROUNDS)
    expect(stats.partialSync + (ROUNDS - stats.syncsAcked)).toBeGreaterThan(0)
    // The file still opens for the command line, as a user would next do.
    const listed = sextant(['--db', db, 'token', 'list'])
    expect(listed.code, listed.stderr).toBe(0)
    expect(readFileSync(db).length).toBeGreaterThan(0)
  }, 600_000)
})
