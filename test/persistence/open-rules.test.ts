// Rules (issue #12, items 10 and 11):
// - `--db` naming another program's SQLite file is refused with one line naming it, and the file
//   is left byte for byte as it was; a new database is made only for a missing path (or an empty
//   SQLite file, which holds nothing to lose). A Sextant file from before the header mark
//   (migration 007) still opens and gets the mark.
// - A database in a read-only folder opens for reading: read commands and `serve --read-only`
//   work there, writes are refused by name, and commands that must write say which folder.
// - Temporary and lock files left by a killed process are removed at the next start, and so are
//   the upload folders of a console killed mid-upload.
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DbClient } from '../../src-main/core/db/client'
import { Sqlite } from '../../src-main/core/db/sqlite'
import { ImportJobs } from '../../src-main/core/importer/jobs'
import { spawn } from 'node:child_process'
import { hostname } from 'node:os'
import { BIN, baseEnv, exited, sextant } from '../cli/run'
import { mountTmpfs } from './mounts'
import { removeTempDirs, sha256File, tempDir } from './helpers'

afterAll(() => removeTempDirs())

async function sqliteFile(path: string, setup: string): Promise<void> {
  const sqlite = await Sqlite.open()
  sqlite.exec(setup)
  writeFileSync(path, sqlite.export())
  sqlite.close()
}

function sextantLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('sextant:'))
}

describe("another program's SQLite file", () => {
  const cases = [
    {
      name: 'with its own tables',
      setup:
        'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 1)',
      says: /another application \(tables: notes; schema version 0\), not a Sextant database/,
    },
    {
      name: 'with its own schema version',
      setup: 'CREATE TABLE contacts (id TEXT); PRAGMA user_version = 12',
      says: /another application \(tables: contacts; schema version 12\)/,
    },
    {
      name: 'with its own application_id',
      setup: 'PRAGMA application_id = 1234; CREATE TABLE t (x)',
      says: /another application's SQLite database \(application_id 0x4d2\)/,
    },
  ]
  for (const example of cases) {
    it(`${example.name}: every command refuses it in one line and leaves it untouched`, async () => {
      const file = join(tempDir('sextant-foreign-'), 'theirs.sqlite')
      await sqliteFile(file, example.setup)
      const before = sha256File(file)
      for (const args of [
        ['token', 'list'],
        ['token', 'create', '--name', 'x'],
        ['source', 'list'],
      ]) {
        const ran = sextant(['--db', file, ...args])
        expect(ran.code, args.join(' ')).toBe(1)
        const lines = sextantLines(ran.stderr)
        expect(lines).toHaveLength(1)
        expect(lines[0]).toContain(file)
        expect(lines[0]).toMatch(example.says)
      }
      expect(sha256File(file)).toBe(before)
      expect(existsSync(`${file}.bak`)).toBe(false)
    })
  }

  it('an empty SQLite file (no tables) becomes a Sextant database', async () => {
    const file = join(tempDir('sextant-foreign-'), 'empty.sqlite')
    await sqliteFile(file, '')
    const ran = sextant(['--db', file, 'token', 'create', '--name', 'first'])
    expect(ran.code, ran.stderr).toBe(0)
    expect(sextant(['--db', file, 'token', 'list']).stdout).toContain('first')
  })

  it('a Sextant file from before the header mark opens, keeps its data and gets the mark', async () => {
    const file = join(tempDir('sextant-legacy-'), 'old.db')
    expect(sextant(['--db', file, 'token', 'create', '--name', 'kept']).code).toBe(0)
    // Take the file back to schema 6, as Sextant wrote it before migration 007.
    const sqlite = await Sqlite.open(readFileSync(file))
    sqlite.exec('PRAGMA application_id = 0; PRAGMA user_version = 6')
    writeFileSync(file, sqlite.export())
    sqlite.close()
    const created = sextant(['--db', file, 'token', 'create', '--name', 'new'])
    expect(created.code, created.stderr).toBe(0)
    const reopened = await Sqlite.open(readFileSync(file))
    expect(reopened.get('PRAGMA application_id')).toEqual({ application_id: 0x53787431 })
    expect(reopened.version).toBeGreaterThanOrEqual(7)
    expect(reopened.all('SELECT name FROM api_tokens ORDER BY name')).toEqual([
      { name: 'kept' },
      { name: 'new' },
    ])
    reopened.close()
  })
})

describe('a database in a read-only folder', () => {
  it('answers read commands and serve --read-only, refuses writes by name', async () => {
    const disk = mountTmpfs(16)
    try {
      const file = join(disk.dir, 'shared.db')
      expect(sextant(['--db', file, 'demo', '--size', 'small']).code).toBe(0)
      const created = sextant(['--db', file, 'token', 'create', '--name', 'reader'])
      const token = created.stdout.trim().split('\n').at(-1)!
      disk.readOnly()

      const listed = sextant(['--db', file, 'token', 'list'])
      expect(listed.code, listed.stderr).toBe(0)
      expect(listed.stdout).toMatch(/^reader\tfull access\t/)
      expect(sextant(['--db', file, 'source', 'list']).code).toBe(0)

      const imported = sextant(['--db', file, 'token', 'create', '--name', 'writer'])
      expect(imported.code).toBe(1)
      expect(sextantLines(imported.stderr)).toEqual([
        `sextant: cannot write in ${disk.dir} (EROFS): read commands and serve --read-only still work there`,
      ])

      const child = spawn(
        process.execPath,
        [BIN, '--db', file, 'serve', '--read-only', '--port', '0'],
        {
          env: baseEnv(),
        },
      )
      let stdout = ''
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString()
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)
          if (match !== null) resolve(Number(match[1]))
        })
        child.on('exit', (code) => reject(new Error(`serve --read-only exited ${code}: ${stderr}`)))
      })
      try {
        const headers = { authorization: `Bearer ${token}` }
        const counts = await fetch(`http://127.0.0.1:${port}/api/v1/counts`, { headers })
        expect(counts.status).toBe(200)
        expect(
          ((await counts.json()) as { counts: { contact_events: number } }).counts.contact_events,
        ).toBe(5000)
        const write = await fetch(`http://127.0.0.1:${port}/api/v1/tokens`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'refused' }),
        })
        expect(write.status).toBe(403)
        expect(await write.json()).toEqual({
          error: {
            code: 'read_only',
            message: 'the database is open read-only (serve --read-only): nothing can be changed',
          },
        })
        expect(stderr).toContain('(read-only)')
      } finally {
        child.kill('SIGTERM')
        expect(await exited(child)).toBe(0)
      }
    } finally {
      disk.unmount()
    }
  })
})

describe('files left by a killed process', () => {
  it('are removed when the database is next opened for writing', () => {
    const dir = tempDir('sextant-leftovers-')
    const file = join(dir, 'left.db')
    expect(sextant(['--db', file, 'token', 'create', '--name', 'a']).code).toBe(0)
    const old = new Date(Date.now() - 3_600_000)
    const left = [
      `.left.db.tmp-999999`,
      `.left.db.bak.tmp-999999`,
      `.left.db.verified.tmp-999999`,
      `left.db.lock.0123456789abcdef`,
    ].map((name) => join(dir, name))
    for (const path of left) {
      writeFileSync(path, 'left behind')
      utimesSync(path, old, old)
    }
    // A stale lock naming a process that is gone.
    writeFileSync(
      join(dir, 'left.db.lock'),
      JSON.stringify({
        pid: 999_999,
        hostname: hostname(),
        command: 'import',
        nonce: 'ffffffffffffffff',
        startedAt: old.toISOString(),
      }),
    )
    const ran = sextant(['--db', file, 'token', 'create', '--name', 'b'])
    expect(ran.code, ran.stderr).toBe(0)
    expect(left.filter((path) => existsSync(path))).toEqual([])
    expect(existsSync(join(dir, 'left.db.lock'))).toBe(false)
  })
})

describe('upload folders of a console killed mid-upload', () => {
  it('are removed by the next console; a live process keeps its own', async () => {
    const root = tempDir('sextant-uploads-')
    const dead = join(root, 'sextant-upload-999999-abc123')
    const mine = join(root, `sextant-upload-${process.pid}-def456`)
    const other = join(root, 'unrelated-folder')
    for (const folder of [dead, mine, other]) {
      mkdirSync(folder)
      writeFileSync(join(folder, 'contacts.csv'), 'id\n')
    }
    const db = await DbClient.open(null)
    try {
      const jobs = new ImportJobs(db, root)
      expect([dead, mine, other].filter((path) => existsSync(path))).toEqual([mine, other])
      expect(jobs.uploadFolder()).toMatch(new RegExp(`sextant-upload-${process.pid}-`))
    } finally {
      await db.close()
    }
  })
})
