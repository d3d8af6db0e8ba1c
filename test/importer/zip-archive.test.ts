// Rule (issue #12, items 1 and 11): a .zip is read as a stream with limits on the entry count,
// each entry's and the archive's uncompressed size and the compression ratio, counted on the
// bytes actually inflated, never on the sizes the headers claim. Over a limit the import is
// refused with one line naming the archive, the entry and the limit, and nothing is written.
// Entry names that leave the archive (`..`, absolute paths) are refused by name; an archive with
// no entity file is refused rather than imported as "0 records". Archives as real archivers
// write them (data descriptors, ZIP64, stored entries) import as before.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ImportFailed, SextantError } from '../../src-main/core/errors'
import type { ZipLimits } from '../../src-main/core/importer/archive'
import { runImport } from '../../src-main/core/importer/run-import'
import { buildZip, zeroBomb, type ZipEntrySpec } from '../fuzz/zip-writer'
import {
  dump,
  expectIssues,
  importFails,
  importOk,
  openDb,
  removeDir,
  rows,
  tempDir,
  writeFiles,
} from './helpers'

let temp: string
beforeEach(() => {
  temp = tempDir()
})
afterEach(() => removeDir(temp))

const WORKSPACES =
  'id,name,created_at\nw1,Acme,2026-01-01T00:00:00Z\nw2,Beta,2026-02-01T00:00:00Z\n'
const CONTACTS = 'id,workspace_id,created_at\nc1,w1,2026-01-02T00:00:00Z\n'

function zip(name: string, entries: readonly ZipEntrySpec[], zip64 = false): string {
  const path = join(temp, name)
  writeFileSync(path, buildZip(entries, { zip64 }))
  return path
}

/** The one-line refusal of an import, or a failure if it was not refused. */
async function refusal(
  path: string,
  limits?: Partial<ZipLimits>,
): Promise<{ message: string; status: number; dbBefore: unknown; dbAfter: unknown }> {
  const db = await openDb()
  importOk(
    db,
    writeFiles(tempDir(), { 'workspaces.csv': 'id,name,created_at\nw0,Old,2026-01-01\n' }),
  )
  const dbBefore = dump(db)
  let caught: unknown
  try {
    runImport(db, [{ path, limits }])
  } catch (error) {
    caught = error
  }
  expect(caught, 'the import should have been refused').toBeInstanceOf(SextantError)
  expect(caught).not.toBeInstanceOf(ImportFailed)
  const error = caught as SextantError
  return { message: error.message, status: error.status, dbBefore, dbAfter: dump(db) }
}

describe('zip limits', () => {
  it('refuses a decompression bomb at the ratio limit, naming archive, entry and limit', async () => {
    const bomb = zeroBomb(300)
    const path = zip('bomb.zip', [
      { name: 'workspaces.csv', data: WORKSPACES },
      { name: 'contact_events.csv', deflated: bomb },
    ])
    const result = await refusal(path)
    expect(result.message).toBe(
      `${path}/contact_events.csv: compression ratio passes the 100:1 limit (--zip-max-ratio)`,
    )
    expect(result.message).not.toContain('\n')
    expect(result.status).toBe(413)
    expect(result.dbAfter).toEqual(result.dbBefore)
  })

  it('stops inflating an entry at the size its header claims, refusing the lie', async () => {
    // 3 MiB of zeros claiming to be 10 bytes: under any ratio limit it stops at byte 11.
    const path = zip('liar.zip', [
      { name: 'workspaces.csv', data: WORKSPACES },
      { name: 'contact_events.csv', deflated: zeroBomb(3), claimSize: 10 },
    ])
    const db = await openDb()
    const before = dump(db)
    expectIssues(importFails(db, { path, limits: { ratio: 100_000 } }), [
      {
        file: `${path}/contact_events.csv`,
        line: 0,
        column: 0,
        reason: 'the entry inflates to more than the 10 bytes its header says',
      },
    ])
    expect(dump(db)).toEqual(before)
  })

  it('refuses an entry whose header already claims more than the per-entry limit', async () => {
    const path = zip('big.zip', [{ name: 'workspaces.csv', data: WORKSPACES, claimSize: 2000 }])
    const result = await refusal(path, { entryBytes: 1000 })
    expect(result.message).toBe(
      `${path}/workspaces.csv: uncompressed size passes the 1000-byte per-entry limit (--zip-max-entry-bytes)`,
    )
  })

  it('refuses past the total limit, naming the entry that passed it', async () => {
    const path = zip('total.zip', [
      { name: 'workspaces.csv', data: WORKSPACES },
      { name: 'contacts.csv', data: CONTACTS },
    ])
    // The workspaces (77 bytes) fit in 100; the contacts (54 more) do not.
    const result = await refusal(path, { totalBytes: 100 })
    expect(result.message).toBe(
      `${path}/contacts.csv: the archive's uncompressed size passes the 100-byte total limit (--zip-max-total-bytes)`,
    )
    expect(result.dbAfter).toEqual(result.dbBefore)
  })

  it('refuses more entries than the limit, naming the archive and the limit', async () => {
    const entries = Array.from({ length: 6 }, (_, index) => ({
      name: `__MACOSX/._${index}`,
      data: 'x',
    }))
    const path = zip('many.zip', [{ name: 'workspaces.csv', data: WORKSPACES }, ...entries])
    const result = await refusal(path, { entries: 5 })
    expect(result.message).toBe(
      `${path}: holds 7 entries, more than the 5-entry limit (--zip-max-entries)`,
    )
  })

  it('lets a well-compressed but ordinary file through the default ratio', async () => {
    // 20,000 nearly identical rows: about 30:1, as repetitive exports are.
    const lines = ['id,name,created_at']
    for (let index = 0; index < 20_000; index++) lines.push(`w${index},Acme,2026-01-01T00:00:00Z`)
    const path = zip('repetitive.zip', [{ name: 'workspaces.csv', data: lines.join('\n') }])
    const db = await openDb()
    expect(importOk(db, path).records).toBe(20_000)
  })
})

describe('zip structure', () => {
  it('imports stored entries, data descriptors and ZIP64 records as archivers write them', async () => {
    const entries: ZipEntrySpec[] = [
      { name: 'workspaces.csv', data: WORKSPACES, method: 0 },
      { name: 'contacts.csv', data: CONTACTS, dataDescriptor: true },
    ]
    for (const [name, zip64] of [
      ['plain.zip', false],
      ['zip64.zip', true],
    ] as const) {
      const db = await openDb()
      expect(importOk(db, zip(name, entries, zip64)).records, name).toBe(3)
      expect(rows(db, 'contacts').map((row) => [row.id, row.workspace_id])).toEqual([['c1', 'w1']])
    }
  })

  it('imports what Info-ZIP (to a pipe: data descriptors) and Python (ZIP64) wrote', async () => {
    // Made once: `zip -q - workspaces.csv contacts.csv | cat`, and Python's zipfile with
    // force_zip64 under a top folder `dataset/`; both hold the same two files as above.
    for (const name of ['infozip-stream.zip', 'python-zip64.zip']) {
      const db = await openDb()
      expect(
        importOk(db, fileURLToPath(new URL(`fixtures/${name}`, import.meta.url))).records,
      ).toBe(3)
      expect(rows(db, 'workspaces').map((row) => row.name)).toEqual(['Acme', 'Beta'])
    }
  })

  it('refuses a CRC that does not match the data, an encrypted entry, an unknown method', async () => {
    const db = await openDb()
    const crc = zip('crc.zip', [{ name: 'workspaces.csv', data: WORKSPACES, claimCrc: 1234 }])
    expectIssues(importFails(db, crc), [
      { file: `${crc}/workspaces.csv`, line: 0, column: 0, reason: 'CRC' },
    ])
    const locked = zip('locked.zip', [{ name: 'workspaces.csv', data: WORKSPACES, flags: 1 }])
    expectIssues(importFails(db, locked), [
      { file: `${locked}/workspaces.csv`, line: 0, column: 0, reason: 'encrypted' },
    ])
    const lzma = zip('lzma.zip', [{ name: 'workspaces.csv', data: WORKSPACES, method: 14 }])
    expectIssues(importFails(db, lzma), [
      { file: `${lzma}/workspaces.csv`, line: 0, column: 0, reason: 'compression method 14' },
    ])
    const cut = join(temp, 'cut.zip')
    writeFileSync(cut, buildZip([{ name: 'workspaces.csv', data: WORKSPACES }]).subarray(0, 60))
    expectIssues(importFails(db, cut), [
      { file: cut, line: 0, column: 0, reason: 'not a readable .zip' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })
})

describe('zip entry names', () => {
  it('refuses entries that leave the archive, by name, and imports nothing', async () => {
    const path = zip('slip.zip', [
      { name: 'workspaces.csv', data: WORKSPACES },
      { name: '../contacts.csv', data: CONTACTS },
      { name: '/etc/hosts.csv', data: 'id,name,email\n1,H,\n' },
      { name: 'a\\..\\..\\rooms.csv', data: 'x' },
      { name: 'C:/calls.csv', data: 'x' },
    ])
    const db = await openDb()
    const issues = [...importFails(db, path)].sort((a, b) => (a.file < b.file ? -1 : 1))
    expectIssues(issues, [
      { file: `${path}/../contacts.csv`, line: 0, column: 0, reason: 'leaves the archive' },
      { file: `${path}//etc/hosts.csv`, line: 0, column: 0, reason: 'absolute path' },
      { file: `${path}/C:/calls.csv`, line: 0, column: 0, reason: 'absolute path' },
      { file: `${path}/a\\..\\..\\rooms.csv`, line: 0, column: 0, reason: 'leaves the archive' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('refuses an archive whose entries are all zip-slip names', async () => {
    const path = zip('all-slip.zip', [
      { name: '../../workspaces.csv', data: WORKSPACES },
      { name: '../contacts.csv', data: CONTACTS },
    ])
    const db = await openDb()
    const issues = importFails(db, path)
    expect(issues.map((issue) => issue.file).sort()).toEqual([
      `${path}/../../workspaces.csv`,
      `${path}/../contacts.csv`,
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('refuses an empty archive and one holding only litter', async () => {
    const db = await openDb()
    const empty = zip('empty.zip', [])
    expectIssues(importFails(db, empty), [
      { file: empty, line: 0, column: 0, reason: 'the archive holds no entity files' },
    ])
    const litter = zip('litter.zip', [
      { name: '__MACOSX/._workspaces.csv', data: 'x' },
      { name: 'export/', data: '' },
      { name: 'export/.DS_Store', data: 'x' },
    ])
    expectIssues(importFails(db, litter), [
      { file: litter, line: 0, column: 0, reason: 'the archive holds no entity files' },
    ])
  })
})
