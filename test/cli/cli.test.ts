// Rule (CLI.md): every command takes --db (else $SEXTANT_DB), prints progress on stderr and its
// result on stdout, has --help, and ends bad input with one line naming the problem and a
// non-zero exit, losing nothing. Writers go through a running console when one holds the file.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exited, sextant, startServe } from './run'

let folder: string
let db: string

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'sextant-cli-'))
  db = join(folder, 'test.db')
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

function dataset(): string {
  const path = join(folder, 'dataset')
  rmSync(path, { recursive: true, force: true })
  mkdirSync(path)
  writeFileSync(join(path, 'workspaces.csv'), 'id,name,created_at\nacme,"Acme, Inc.",2026-01-01\n')
  writeFileSync(
    join(path, 'contacts.ndjson'),
    '{"id":"c1","workspace_id":"acme","created_at":"2026-02-01"}\n',
  )
  return path
}

describe('sextant --help', () => {
  it.each([
    [[]],
    [['serve']],
    [['import']],
    [['demo']],
    [['token']],
    [['token', 'create']],
    [['token', 'list']],
    [['token', 'revoke']],
    [['desktop']],
  ])('%j --help prints usage and exits 0', (command) => {
    const ran = sextant([...command, '--help'])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toMatch(/^Usage: sextant/)
  })
})

describe('demo and import', () => {
  it('fills a database with the small demo, one line per entity', () => {
    const ran = sextant(['--db', db, 'demo', '--size', 'small'])
    expect(ran.code, ran.stderr).toBe(0)
    const lines = ran.stdout.trim().split('\n')
    expect(lines).toHaveLength(19)
    expect(lines).toContain('contact_events: 5000 records')
    for (const line of lines) expect(line).toMatch(/^[a-z_]+: [1-9]\d* records$/)
    expect(existsSync(`${db}.lock`)).toBe(false)
  })

  it('imports a folder, all or nothing, and honours $SEXTANT_DB', () => {
    const ran = sextant(['import', dataset()], { SEXTANT_DB: db })
    expect(ran.code, ran.stderr).toBe(0)
    expect(ran.stdout).toBe('workspaces: 1 records\ncontacts: 1 records\n')
    expect(existsSync(db)).toBe(true)
  })

  it('refuses a bad file with file:line:column and changes nothing', () => {
    expect(sextant(['--db', db, 'import', dataset()]).code).toBe(0)
    const before = createHash('sha256').update(readFileSync(db)).digest('hex')
    const bad = join(folder, 'contacts.csv')
    writeFileSync(bad, 'id,workspace_id,created_at\nc2,acme,2026-02-01\nc3,acme,yesterday\n')
    const ran = sextant(['--db', db, 'import', bad])
    expect(ran.code).toBe(1)
    expect(ran.stdout).toBe('')
    expect(ran.stderr.split('\n')[0]).toBe(
      `sextant: import failed, nothing was written: ${bad}:3:3: created_at: expected an ISO 8601 timestamp (2026-03-25T10:00:00Z, 2026-03-25 10:00:00 or 2026-03-25), found "yesterday"`,
    )
    expect(createHash('sha256').update(readFileSync(db)).digest('hex')).toBe(before)
  })

  it('ends bad flags and paths with one line and a non-zero exit', () => {
    const size = sextant(['--db', db, 'demo', '--size', 'huge'])
    expect(size.code).not.toBe(0)
    expect(size.stderr).toContain("option '--size <size>' argument 'huge' is invalid")
    const missing = sextant(['--db', db, 'import', join(folder, 'nope')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('nope:0:0: no such file or folder')
    const unknown = sextant(['--db', db, 'frobnicate'])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr).toContain("unknown command 'frobnicate'")
    const clock = sextant(['--db', db, 'demo'], { SEXTANT_NOW: 'tomorrow' })
    expect(clock.code).toBe(1)
    expect(clock.stderr).toBe('sextant: SEXTANT_NOW is not an ISO 8601 timestamp: "tomorrow"\n')
  })

  it('refuses a corrupt database file and leaves it untouched', () => {
    writeFileSync(db, 'this is not a database, but somebody may still need it')
    const ran = sextant(['--db', db, 'import', dataset()])
    expect(ran.code).toBe(1)
    expect(ran.stderr).toBe(
      `sextant: database ${db} does not open: not a SQLite database; it was left untouched\n`,
    )
    expect(readFileSync(db, 'utf8')).toBe('this is not a database, but somebody may still need it')
  })
})

describe('tokens', () => {
  it('creates (token alone on the last stdout line), lists and revokes', () => {
    const created = sextant([
      '--db',
      db,
      'token',
      'create',
      '--name',
      'ci',
      '--workspace',
      'acme',
      '--org',
      'north',
    ])
    expect(created.code, created.stderr).toBe(0)
    const lines = created.stdout.trimEnd().split('\n')
    expect(lines[lines.length - 1]).toMatch(/^sxt_[A-Za-z0-9_-]{43}$/)
    const listed = sextant(['--db', db, 'token', 'list'])
    expect(listed.stdout).toMatch(
      /^ci\tworkspace acme, org north\tcreated 2026-11-23T12:00:00.000Z\tlast used never\n$/,
    )
    expect(listed.stdout).not.toContain(lines[lines.length - 1])
    expect(readFileSync(db).includes(Buffer.from(lines[lines.length - 1]!))).toBe(false)
    expect(sextant(['--db', db, 'token', 'revoke', 'ci']).stdout).toBe('revoked ci\n')
    const again = sextant(['--db', db, 'token', 'revoke', 'ci'])
    expect(again.code).toBe(1)
    expect(again.stderr).toBe('sextant: no token named "ci"\n')
  })
})

describe('serve', () => {
  it('answers /health, takes CLI writes through its API, refuses a second writer, saves on SIGTERM', async () => {
    const served = await startServe(db)
    try {
      const health = await fetch(`http://127.0.0.1:${served.port}/health`)
      expect(await health.json()).toEqual({ status: 'ok', version: expect.any(String) })
      const foreign = await fetch(`http://127.0.0.1:${served.port}/health`, {
        headers: { origin: 'http://evil.com' },
      })
      expect(foreign.status).toBe(403)

      const imported = sextant(['--db', db, 'import', dataset()])
      expect(imported.code, imported.stderr).toBe(0)
      expect(imported.stderr).toContain(
        `sending the work to the running console on port ${served.port}`,
      )
      expect(imported.stdout).toBe('workspaces: 1 records\ncontacts: 1 records\n')

      const created = sextant(['--db', db, 'token', 'create', '--name', 'app'])
      const token = created.stdout.trim().split('\n').pop()!
      const counts = await fetch(`http://127.0.0.1:${served.port}/api/v1/counts`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect(((await counts.json()) as { counts: Record<string, number> }).counts).toMatchObject({
        workspaces: 1,
        contacts: 1,
      })

      const second = sextant(['--db', db, 'serve', '--port', '0'])
      expect(second.code).toBe(1)
      expect(second.stderr).toMatch(
        new RegExp(
          `is in use by sextant serve \\(pid ${served.child.pid}\\) on port ${served.port}`,
        ),
      )
    } finally {
      served.child.kill('SIGTERM')
    }
    expect(await exited(served.child)).toBe(0)
    expect(existsSync(`${db}.lock`)).toBe(false)
    // The data written through the console is in the file.
    const listed = sextant(['--db', db, 'token', 'list'])
    expect(listed.stdout).toMatch(/^app\tfull access/)
    const again = sextant(['--db', db, 'import', dataset()])
    expect(again.stdout).toBe('workspaces: 1 records\ncontacts: 1 records\n')
  })

  it('serve --open on a database a console serves opens a new sign-in link to it', async () => {
    const served = await startServe(db)
    try {
      const opened = sextant(['--db', db, 'serve', '--open'], { PATH: '/nonexistent' })
      expect(opened.code, opened.stderr).toBe(0)
      const lines = opened.stdout.trim().split('\n')
      expect(lines[0]).toBe(`the console is already running on http://127.0.0.1:${served.port}`)
      const match = new RegExp(
        `^sign in \\(one-time link\\): http://127\\.0\\.0\\.1:${served.port}/#login=([\\w-]+)$`,
      ).exec(lines[1] ?? '')
      expect(match, opened.stdout).not.toBeNull()
      const signIn = await fetch(`http://127.0.0.1:${served.port}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: match![1] }),
      })
      expect(signIn.status).toBe(200)
      expect(signIn.headers.get('set-cookie')).toBeNull()
      expect(((await signIn.json()) as { session: string }).session).toMatch(/^[\w-]{43}$/)
      expect(opened.stderr).toContain('could not open a browser; open the link above')
    } finally {
      served.child.kill('SIGTERM')
    }
    expect(await exited(served.child)).toBe(0)
  })

  it('says so in one line when the port is taken', async () => {
    const served = await startServe(db)
    try {
      const other = sextant([
        '--db',
        join(folder, 'other.db'),
        'serve',
        '--port',
        String(served.port),
      ])
      expect(other.code).toBe(1)
      expect(other.stderr).toBe(
        `sextant: port ${served.port} is in use; pick another with --port (0 = any free port)\n`,
      )
      expect(existsSync(join(folder, 'other.db.lock'))).toBe(false)
    } finally {
      served.child.kill('SIGINT')
      expect(await exited(served.child)).toBe(0)
    }
  })
})

describe('sextant with no command', () => {
  it('falls back to serve --open in one line when no Electron runtime is available', async () => {
    const { spawn } = await import('node:child_process')
    const { BIN, baseEnv } = await import('./run')
    const child = spawn(process.execPath, [BIN, '--db', db], {
      env: {
        ...baseEnv(),
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        SEXTANT_PORT: '0',
        PATH: '/nonexistent',
      },
    })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(stderr)), 20_000)
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('#login=') && stdout.endsWith('\n')) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
    // The address, then the one-time sign-in link the browser is opened on.
    expect(stdout).toMatch(
      /^listening on http:\/\/127\.0\.0\.1:(\d+)\nsign in \(one-time link\): http:\/\/127\.0\.0\.1:\1\/#login=[\w-]{43}\n$/,
    )
    expect(stderr.split('\n')[0]).toMatch(/opening the console in your browser instead$/)
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
  })
})
