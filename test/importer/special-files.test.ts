// Rule (issue #12, item 8): only regular files are read. A FIFO, a socket, a device (or a
// symbolic link to one) inside a dataset folder or named directly is refused by name with the
// reason, before anything is opened, so it can neither hang an import (opening a FIFO blocks)
// nor feed it without end (/dev/zero); nothing is imported. A symbolic link to a regular file is
// followed, as users expect. Runs the real CLI under a time and memory bound, so a regression
// fails here instead of wedging the suite.
import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import { createToken } from '../../src-main/core/tokens/tokens'
import { recordCounts } from '../fuzz/db-counts'
import { runBounded } from '../fuzz/run-bounded'
import { removeDir, tempDir, writeFiles } from './helpers'

const BOUNDS = { timeoutMs: 20_000, rssLimitMb: 500 }
const WORKSPACES = 'id,name,created_at\nw1,Acme,2026-01-01T00:00:00Z\n'
const CONTACTS = 'id,workspace_id,created_at\nc1,w1,2026-01-02T00:00:00Z\n'

let temp: string
let db: string
let before: Record<string, number>

beforeAll(async () => {
  temp = tempDir('sextant-special-')
  db = join(temp, 'known.db')
  const seeded = await runBounded(
    ['--db', db, 'import', writeFiles(join(temp, 'seed'), { 'workspaces.csv': WORKSPACES })],
    BOUNDS,
  )
  expect(seeded.code, seeded.stderr).toBe(0)
  before = await recordCounts(db)
  expect(before.workspaces).toBe(1)
})
afterAll(() => removeDir(temp))

function fifo(path: string): string {
  const made = spawnSync('mkfifo', [path])
  expect(made.status, String(made.stderr)).toBe(0)
  return path
}

/** Imports `paths` into the known database; expects a refusal that names `name` and `reason`. */
async function refused(paths: string[], name: string, reason: string): Promise<void> {
  const ran = await runBounded(['--db', db, 'import', ...paths], BOUNDS)
  expect(ran.killed, `${ran.killed} after ${ran.peakRssMb} MiB`).toBeNull()
  expect(ran.code, ran.stderr).toBe(1)
  expect(ran.stderr).toContain(`${name}:0:0: ${reason}`)
  expect(await recordCounts(db)).toEqual(before)
}

describe('special files', () => {
  it('refuses a FIFO inside a dataset folder without opening it', async () => {
    const folder = writeFiles(join(temp, 'with-fifo'), { 'workspaces.csv': WORKSPACES })
    fifo(join(folder, 'contacts.csv'))
    await refused([folder], join(folder, 'contacts.csv'), 'not a regular file (a FIFO)')
  })

  it('refuses a FIFO named on the command line, and one named .zip', async () => {
    const folder = join(temp, 'fifos')
    mkdirSync(folder)
    const csv = fifo(join(folder, 'contacts.csv'))
    await refused([csv], csv, 'not a regular file (a FIFO)')
    const zip = fifo(join(folder, 'data.zip'))
    await refused([zip], zip, 'not a regular file (a FIFO)')
  })

  it('refuses a symbolic link to /dev/zero, in a folder and named directly', async () => {
    const folder = writeFiles(join(temp, 'with-zero'), { 'workspaces.csv': WORKSPACES })
    symlinkSync('/dev/zero', join(folder, 'contacts.csv'))
    const reason = 'not a regular file (a symbolic link to a character device)'
    await refused([folder], join(folder, 'contacts.csv'), reason)
    const zip = join(temp, 'zero.zip')
    symlinkSync('/dev/zero', zip)
    await refused([zip], zip, reason)
  })

  it('refuses a broken symbolic link by name', async () => {
    const folder = writeFiles(join(temp, 'broken'), { 'workspaces.csv': WORKSPACES })
    symlinkSync(join(temp, 'nowhere.csv'), join(folder, 'contacts.csv'))
    await refused([folder], join(folder, 'contacts.csv'), 'a symbolic link to nothing')
  })

  it('follows a symbolic link to a regular file', async () => {
    const folder = writeFiles(join(temp, 'linked'), { 'workspaces.csv': WORKSPACES })
    const target = join(temp, 'elsewhere.csv')
    writeFileSync(target, CONTACTS)
    symlinkSync(target, join(folder, 'contacts.csv'))
    const other = await runBounded(['--db', join(temp, 'linked.db'), 'import', folder], BOUNDS)
    expect(other.code, other.stderr).toBe(0)
    expect(other.stdout).toContain('contacts: 1 records')
  })
})

describe('POST /api/v1/import naming special files', () => {
  let client: DbClient
  let server: SextantServer
  let token: string
  beforeAll(async () => {
    client = await DbClient.open(null)
    token = (await createToken(client, fixedClock(0), { name: 't' })).token
    server = createServer({ db: client, clock: fixedClock(0), version: 't', port: () => 4477 })
  })
  afterAll(async () => {
    await server.close()
    await client.close()
  })

  it('answers 400 naming /dev/zero, in the console error shape with the issue', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { host: '127.0.0.1:4477', authorization: `Bearer ${token}` },
      payload: { paths: ['/dev/zero'], entity: 'contacts' },
    })
    expect(response.statusCode).toBe(400)
    const body = response.json() as {
      error: { code: string; message: string; issues: { file: string; reason: string }[] }
    }
    expect(body.error.code).toBe('import_failed')
    expect(body.error.issues).toEqual([
      {
        file: '/dev/zero',
        line: 0,
        column: 0,
        reason: 'not a regular file (a character device); only regular files are imported',
      },
    ])
  })
})
