// Rule (issue #6, runner.ts "Saving"): a sync killed at any moment (SIGKILL, no chance to clean
// up) resumes from the last saved page: no gap and no record applied twice. With
// SEXTANT_SYNC_SAVE_EVERY_MS=0 the runner saves after every page, so after a kill during page
// k the next `sextant sync` starts at page k (or k+1), not at page 1, and ends with exactly the
// table a clean pull gives. Runs the real CLI (bin/sextant.mjs) against a fault server.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import initSqlJs from 'sql.js'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { baseEnv, BIN } from '../cli/run'
import {
  hang,
  paginatedDataset,
  startFaultServer,
  type FaultServer,
  type PageServed,
} from './fault-server'
import { NOW, rowsOf, syncService, tempFolder, TestFetcher, writeDataset } from './helpers'

interface Contact {
  id: string
  workspace_id: string
  email: string
  first_name: string
  created_at: string
  updated_at: string
}

const TOTAL = 2000
const SIZE = 100
const KILL_AFTER_PAGE = 5

const records: Contact[] = Array.from({ length: TOTAL }, (_, n) => ({
  id: `c${String(n).padStart(5, '0')}`,
  workspace_id: n % 2 === 0 ? 'acme' : 'beta',
  email: `person${n}@example.com`,
  first_name: `Person ${n}`,
  created_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
  updated_at: new Date(Date.UTC(2026, 1, 1) + n * 1000).toISOString(),
}))

interface Ran {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs the CLI without blocking this process (the fault server answers from here). */
function cli(
  args: string[],
  env: Record<string, string> = {},
  onSpawn?: (kill: () => void) => void,
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: baseEnv(env) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
    onSpawn?.(() => child.kill('SIGKILL'))
  })
}

const folder = tempFolder('sextant-kill-')
const killed = join(folder.path, 'killed.db')
const clean = join(folder.path, 'clean.db')
let server: FaultServer
let workspaces: string
/** Set while a run is to be killed when it has been served page KILL_AFTER_PAGE. */
let killer: (() => void) | null = null
/** After the kill, requests get no answer (the killed process must not get further). */
let frozen = false

beforeAll(async () => {
  const dataset = paginatedDataset(records, {
    style: 'page',
    onPage: (page: PageServed<Contact>) => {
      const number = Number(new URL(page.request.url, 'http://x').searchParams.get('page'))
      if (killer !== null && number === KILL_AFTER_PAGE) {
        frozen = true
        killer()
        killer = null
      }
    },
  })
  server = await startFaultServer((req, res, ctx) =>
    frozen ? hang()(req, res, ctx) : dataset(req, res, ctx),
  )
  workspaces = writeDataset(folder.path, 'workspaces', {
    'workspaces.csv': 'id,name,created_at\nacme,Acme,2026-01-01\nbeta,Beta,2026-01-01\n',
  })
  const config = JSON.stringify({ pagination: { type: 'page', size: SIZE } })
  for (const db of [killed, clean]) {
    const imported = await cli(['--db', db, 'import', workspaces])
    expect(imported.code, imported.stderr).toBe(0)
    const added = await cli([
      '--db',
      db,
      'source',
      'add',
      'people',
      '--kind',
      'http',
      '--url',
      `${server.url}/contacts`,
      '--entity',
      'contacts',
      '--config',
      config,
    ])
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toBe('added people (http, manual)\n')
  }
})

afterAll(async () => {
  await server?.close()
  folder.remove()
})

describe('sextant sync killed with SIGKILL', () => {
  it('resumes from the last saved page and ends equal to a clean pull', async () => {
    const env = { SEXTANT_SYNC_SAVE_EVERY_MS: '0' }

    // 1. Killed while page 5 is being applied.
    const first = await cli(['--db', killed, 'sync', 'people'], env, (kill) => (killer = kill))
    expect(first.signal, first.stderr).toBe('SIGKILL')
    expect(killer).toBeNull()
    const servedBeforeKill = server.requests.length
    expect(servedBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER_PAGE)
    frozen = false
    // The killed process left its lock behind; the next command must take it over.
    expect(existsSync(`${killed}.lock`)).toBe(true)

    // 2. The next sync resumes.
    const second = await cli(['--db', killed, 'sync', 'people'], env)
    expect(second.code, second.stderr).toBe(0)
    const asked = server.requests
      .slice(servedBeforeKill)
      .map((request) => Number(new URL(request.url, 'http://x').searchParams.get('page')))
    expect(asked.length).toBeGreaterThan(0)
    const resumedAt = asked[0]!
    expect(resumedAt).toBeGreaterThanOrEqual(KILL_AFTER_PAGE)
    expect(resumedAt).toBeLessThanOrEqual(KILL_AFTER_PAGE + 1)
    const lastPage = TOTAL / SIZE + 1 // the full last page is followed by an empty one
    expect(asked).toEqual(
      Array.from({ length: lastPage - resumedAt + 1 }, (_, index) => resumedAt + index),
    )
    // No record applied twice: the resumed run adds exactly the records of its pages.
    const resumedRecords = TOTAL - (resumedAt - 1) * SIZE
    expect(second.stdout).toBe(
      `people: ok, ${resumedRecords} added, 0 updated, ${asked.length} pages\n`,
    )

    // 3. A clean pull into another database.
    const seen = server.requests.length
    const whole = await cli(['--db', clean, 'sync', 'people'], env)
    expect(whole.code, whole.stderr).toBe(0)
    expect(server.requests.length - seen).toBe(lastPage)
    expect(whole.stdout).toBe(`people: ok, ${TOTAL} added, 0 updated, ${lastPage} pages\n`)

    const dbKilled = await DbClient.open(killed)
    const dbClean = await DbClient.open(clean)
    try {
      const rows = await rowsOf(dbKilled, 'contacts')
      expect(rows).toHaveLength(TOTAL)
      expect(new Set(rows.map((row) => row.id)).size).toBe(TOTAL)
      expect(rows).toEqual(await rowsOf(dbClean, 'contacts'))
      expect(rows).toEqual(
        records.map((record) => ({
          id: record.id,
          workspace_id: record.workspace_id,
          email: record.email,
          first_name: record.first_name,
          last_name: null,
          created_at: Date.parse(record.created_at),
        })),
      )
      const runs = await dbKilled.query<{ state: string }>(
        'SELECT state FROM sync_runs ORDER BY id',
      )
      expect(runs.map((run) => run.state)).toEqual(['interrupted', 'ok'])
    } finally {
      await dbKilled.close()
      await dbClean.close()
    }
  })
})

describe('saveEveryMs: 0, in process', () => {
  /** The contacts in the database file as it is on disk now. */
  async function contactsOnDisk(file: string): Promise<number> {
    const SQL = await initSqlJs()
    const saved = new SQL.Database(readFileSync(file))
    try {
      return Number(saved.exec('SELECT count(*) FROM contacts')[0]!.values[0]![0])
    } finally {
      saved.close()
    }
  }

  it('saves the file after every page: before each fetch, the pages before are on disk', async () => {
    // The remote answers, whatever the test before left (a kill that never came).
    frozen = false
    killer = null
    const file = join(folder.path, 'in-process.db')
    const db = await DbClient.open(file)
    const fetcher = new TestFetcher()
    // The saving cadence's clock stands still: "0 = after every page" must not depend on it.
    const sync = syncService(db, {
      fetcher,
      clock: fixedClock(NOW),
      saveEveryMs: 0,
      monotonic: () => 0,
    })
    try {
      await db.import([{ path: workspaces }])
      await sync.store.create({
        name: 'people',
        kind: 'http',
        config: {
          url: `${server.url}/contacts`,
          entity: 'contacts',
          pagination: { type: 'page', size: SIZE },
        },
      })
      const onDisk: number[] = []
      fetcher.before = async (count) => {
        if (count > 1) onDisk.push(await contactsOnDisk(file))
      }
      const run = await sync.run('people', 'manual')
      expect(run.state).toBe('ok')
      const pages = TOTAL / SIZE
      expect(onDisk).toEqual(Array.from({ length: pages }, (_, index) => (index + 1) * SIZE))
    } finally {
      await sync.close()
      await db.close()
    }
  })
})
