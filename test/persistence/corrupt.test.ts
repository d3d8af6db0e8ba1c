// Rule (DATA.md "Saving"): a database file that does not open (truncated, not SQLite, failed
// `PRAGMA integrity_check`) is never overwritten: opening says why, names the backup when there
// is one, and leaves the file's bytes as they were. Saving keeps the previous good file as
// `<db>.bak`, and records the hash of what it wrote in `<db>.verified` so that exact file gets the
// quick check while any other file gets the full integrity check.
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupPath, openDatabaseFile, saveDatabaseFile } from '../../src-main/core/db/persistence'
import { Sqlite } from '../../src-main/core/db/sqlite'
import { DatabaseUnreadable } from '../../src-main/core/errors'
import { randomBytesSeeded, removeTempDirs, sha256File, tempDir } from './helpers'

afterEach(() => removeTempDirs())

const PAGE = 16_384

/** The bytes of a healthy database whose table `t` holds `rows` rows labelled `label`. */
async function databaseBytes(label: string, rows = 3000): Promise<Uint8Array> {
  const sqlite = await Sqlite.open()
  try {
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT NOT NULL, body TEXT NOT NULL)')
    sqlite.transaction(() => {
      for (let i = 0; i < rows; i++) {
        sqlite.run('INSERT INTO t (label, body) VALUES (?, ?)', [label, `${label}-${i}-`.repeat(8)])
      }
    })
    return sqlite.export()
  } finally {
    sqlite.close()
  }
}

/** The distinct labels in table `t` of the database in `file`, and the check that vouched for it. */
async function labelsOf(file: string): Promise<{ labels: string[]; check: string }> {
  const { sqlite, check } = await openDatabaseFile(file)
  try {
    const labels = sqlite
      .all<{ label: string }>('SELECT DISTINCT label FROM t ORDER BY label')
      .map((row) => row.label)
    return { labels, check }
  } finally {
    sqlite.close()
  }
}

/** A copy of a database with one table b-tree leaf page in the middle of the file damaged. */
function corruptLeafPage(bytes: Uint8Array): Uint8Array {
  const damaged = Uint8Array.from(bytes)
  const pages = damaged.length / PAGE
  const leaves: number[] = []
  // Page 1 holds the header and the schema; a table leaf page starts with type byte 0x0d.
  for (let page = 2; page <= pages; page++) {
    if (damaged[(page - 1) * PAGE] === 0x0d) leaves.push(page)
  }
  const page = leaves[Math.floor(leaves.length / 2)]
  if (page === undefined) throw new Error('the database has no table leaf page')
  const start = (page - 1) * PAGE
  // The cell pointer array (after the 8-byte leaf header) and a run of cell content in the middle.
  for (let i = start + 8; i < start + 72; i++) damaged[i] = (damaged[i] ?? 0) ^ 0xa5
  for (let i = start + PAGE / 2; i < start + PAGE / 2 + 256; i++) damaged[i] = 0xff
  return damaged
}

interface Broken {
  readonly name: string
  /** The file's content, made from a healthy database's bytes. */
  make(healthy: Uint8Array): Uint8Array | string
  /** What the message must say. */
  readonly says: string
  /** Save the healthy database first (so a `.verified` sidecar existed), then drop the sidecar. */
  readonly savedThenDamaged?: boolean
}

const broken: Broken[] = [
  {
    name: 'cut at half',
    make: (healthy) => healthy.subarray(0, Math.floor(healthy.length / 2)),
    says: 'truncated',
  },
  {
    name: 'cut at a page boundary',
    make: (healthy) => healthy.subarray(0, 2 * PAGE),
    says: 'truncated',
  },
  { name: 'cut at 50 bytes', make: (healthy) => healthy.subarray(0, 50), says: 'truncated' },
  { name: 'cut to 0 bytes', make: () => new Uint8Array(0), says: 'empty' },
  {
    name: 'random bytes',
    make: () => randomBytesSeeded(64 * 1024, 0xbad5eed),
    says: 'not a SQLite database',
  },
  {
    name: 'a text file',
    make: () => 'id,label\n1,hello\n2,world\n'.repeat(500),
    says: 'not a SQLite database',
  },
  {
    name: 'a corrupted table page',
    make: corruptLeafPage,
    says: 'integrity_check',
    savedThenDamaged: true,
  },
]

describe('a database file that does not open', () => {
  for (const withBackup of [false, true]) {
    for (const kind of broken) {
      const when = withBackup ? 'with a backup' : 'without a backup'
      it(`${kind.name}, ${when}: throws DatabaseUnreadable saying '${kind.says}' and touches nothing`, async () => {
        const dir = tempDir()
        const file = join(dir, 'sextant.db')
        const healthy = await databaseBytes('current')
        if (kind.savedThenDamaged === true) {
          saveDatabaseFile(file, healthy)
          rmSync(backupPath(file), { force: true })
          rmSync(`${file}.verified`)
        }
        writeFileSync(file, kind.make(healthy))
        if (withBackup) writeFileSync(backupPath(file), await databaseBytes('previous'))
        const before = sha256File(file)
        const listing = readdirSync(dir).sort()

        const error = await openDatabaseFile(file).then(
          () => undefined,
          (thrown: unknown) => thrown,
        )

        expect(error).toBeInstanceOf(DatabaseUnreadable)
        const unreadable = error as DatabaseUnreadable
        expect(unreadable.code).toBe('database_unreadable')
        expect(unreadable.file).toBe(file)
        expect(unreadable.message).toContain(`database ${file} does not open`)
        expect(unreadable.message).toContain(kind.says)
        expect(unreadable.message).toContain('left untouched')
        if (withBackup) {
          expect(unreadable.backup).toBe(backupPath(file))
          expect(unreadable.message).toContain(`the previous good copy is ${backupPath(file)}`)
        } else {
          expect(unreadable.backup).toBeUndefined()
          expect(unreadable.message).not.toContain('.bak')
        }
        // Nothing was written: same bytes, no new files.
        expect(sha256File(file)).toBe(before)
        expect(readdirSync(dir).sort()).toEqual(listing)
        // And the backup it names opens.
        if (withBackup) {
          expect((await labelsOf(backupPath(file))).labels).toEqual(['previous'])
        }
      })
    }
  }

  it('a corrupted table page is caught by the full check even when a stale sidecar is left', async () => {
    const dir = tempDir()
    const file = join(dir, 'sextant.db')
    const healthy = await databaseBytes('current')
    saveDatabaseFile(file, healthy)
    writeFileSync(file, corruptLeafPage(healthy))
    const before = sha256File(file)
    await expect(openDatabaseFile(file)).rejects.toThrow(/PRAGMA integrity_check failed/)
    expect(sha256File(file)).toBe(before)
  })
})

describe('saving', () => {
  it('keeps the previous content as <db>.bak', async () => {
    const dir = tempDir()
    const file = join(dir, 'sextant.db')

    saveDatabaseFile(file, await databaseBytes('one', 50))
    // The first save had nothing to keep.
    expect(existsSync(backupPath(file))).toBe(false)
    expect((await labelsOf(file)).labels).toEqual(['one'])

    saveDatabaseFile(file, await databaseBytes('two', 50))
    expect((await labelsOf(file)).labels).toEqual(['two'])
    expect((await labelsOf(backupPath(file))).labels).toEqual(['one'])

    saveDatabaseFile(file, await databaseBytes('three', 50))
    expect((await labelsOf(file)).labels).toEqual(['three'])
    expect((await labelsOf(backupPath(file))).labels).toEqual(['two'])

    // No temporary files are left behind by a save that finished.
    expect(readdirSync(dir).sort()).toEqual(['sextant.db', 'sextant.db.bak', 'sextant.db.verified'])
  })

  it('writes exactly the bytes given', async () => {
    const dir = tempDir()
    const file = join(dir, 'sextant.db')
    const bytes = await databaseBytes('exact', 200)
    saveDatabaseFile(file, bytes)
    expect(Buffer.compare(readFileSync(file), Buffer.from(bytes))).toBe(0)
  })
})

describe('the .verified sidecar', () => {
  it('a missing file opens as a new database', async () => {
    const file = join(tempDir(), 'sextant.db')
    const opened = await openDatabaseFile(file)
    opened.sqlite.close()
    expect(opened).toMatchObject({ created: true, check: 'new' })
    // Opening alone writes nothing.
    expect(existsSync(file)).toBe(false)
  })

  it('vouches for the file a save wrote, and only for it', async () => {
    const dir = tempDir()
    const file = join(dir, 'sextant.db')
    const saved = await databaseBytes('saved', 100)
    saveDatabaseFile(file, saved)

    // Byte for byte what the save wrote: the hash vouches for it.
    expect(await labelsOf(file)).toEqual({ labels: ['saved'], check: 'verified-hash' })

    // No sidecar: the full check.
    const sidecar = `${file}.verified`
    const recorded = readFileSync(sidecar, 'utf8')
    rmSync(sidecar)
    expect(await labelsOf(file)).toEqual({ labels: ['saved'], check: 'integrity_check' })

    // The sidecar back, but a different healthy database copied over the file: the full check.
    writeFileSync(sidecar, recorded)
    expect((await labelsOf(file)).check).toBe('verified-hash')
    const other = join(dir, 'other.db')
    writeFileSync(other, await databaseBytes('copied-in', 100))
    copyFileSync(other, file)
    expect(await labelsOf(file)).toEqual({ labels: ['copied-in'], check: 'integrity_check' })

    // Saving again records the new bytes.
    saveDatabaseFile(file, saved)
    expect(await labelsOf(file)).toEqual({ labels: ['saved'], check: 'verified-hash' })
  })
})
