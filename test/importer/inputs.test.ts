// Rule (DATA.md, datasets): a dataset is a folder, or a .zip of one (with or without a single top
// folder), holding one file per entity named after it; an unknown file name or extension, a
// nested folder or a missing path is an error naming it (line 0, column 0), dot files and
// __MACOSX are ignored. A single file whose name does not say the entity needs the entity given;
// messages name `zipPath/entry` for zip entries.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  dump,
  expectIssues,
  fixture,
  importFails,
  importOk,
  openDb,
  removeDir,
  rows,
  tempDir,
  writeFiles,
  writeZip,
} from './helpers'

let temp: string
beforeEach(() => {
  temp = tempDir()
})
afterEach(() => removeDir(temp))

/** The files of a fixture folder as zip entries under `prefix`. */
function entriesOf(folder: string, prefix: string): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {}
  for (const name of readdirSync(fixture(folder))) {
    entries[`${prefix}${name}`] = readFileSync(fixture(folder, name))
  }
  return entries
}

describe('folders', () => {
  it('rejects an unknown file name, naming it, and writes nothing', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('unknown-file')), [
      {
        file: fixture('unknown-file', 'notes.csv'),
        line: 0,
        column: 0,
        reason: 'unknown file "notes.csv"',
      },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('rejects unknown extensions and files without one', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('unknown-extension')), [
      {
        file: fixture('unknown-extension', 'README'),
        line: 0,
        column: 0,
        reason: 'unknown file type "README"',
      },
      {
        file: fixture('unknown-extension', 'contacts.xlsx'),
        line: 0,
        column: 0,
        reason: 'unknown file type ".xlsx"',
      },
    ])
  })

  it('ignores dot files and dot folders', async () => {
    const db = await openDb()
    expect(importOk(db, fixture('dot-files')).entities).toEqual([
      { entity: 'workspaces', records: 1, added: 1, updated: 0 },
    ])
    expect(rows(db, 'contacts')).toEqual([])
  })

  it('rejects a nested folder', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('nested')), [
      { file: fixture('nested', 'sub'), line: 0, column: 0, reason: 'unexpected nested folder' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('rejects a missing path', async () => {
    const db = await openDb()
    const missing = join(temp, 'no-such-dataset')
    expectIssues(importFails(db, missing), [
      { file: missing, line: 0, column: 0, reason: 'no such file or folder' },
    ])
  })

  it('rejects a file that is not UTF-8', async () => {
    writeFileSync(
      join(temp, 'workspaces.csv'),
      Buffer.from('id,name,created_at\nw1,Caf\xe9,2026-01-01\n', 'latin1'),
    )
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      // The first bad byte: "\xe9" after "w1,Caf" on line 2.
      {
        file: join(temp, 'workspaces.csv'),
        line: 2,
        column: 7,
        reason: 'not UTF-8 text (byte 0xe9)',
      },
    ])
  })

  it('rejects an empty folder, and one holding only dot files', async () => {
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      { file: temp, line: 0, column: 0, reason: 'holds no entity files' },
    ])
    writeFiles(temp, { '.DS_Store': 'litter' })
    expectIssues(importFails(db, temp), [
      { file: temp, line: 0, column: 0, reason: 'holds no entity files' },
    ])
  })
})

describe('.zip datasets', () => {
  it('imports a zip of the files themselves exactly as the folder', async () => {
    const fromFolder = await openDb()
    importOk(fromFolder, fixture('good-basic'))
    const zip = writeZip(join(temp, 'dataset.zip'), entriesOf('good-basic', ''))
    const fromZip = await openDb()
    const result = importOk(fromZip, zip)
    expect(result.records).toBe(39)
    expect(dump(fromZip)).toEqual(dump(fromFolder))
  })

  it('looks through a single top folder and ignores __MACOSX and dot files', async () => {
    const zip = writeZip(join(temp, 'export.zip'), {
      ...entriesOf('good-quoted', 'export/'),
      'export/.DS_Store': 'litter',
      '__MACOSX/export/._workspaces.csv': 'litter',
    })
    const db = await openDb()
    expect(importOk(db, zip).entities).toEqual([
      { entity: 'workspaces', records: 4, added: 4, updated: 0 },
      { entity: 'contacts', records: 2, added: 2, updated: 0 },
    ])
    expect(db.all('SELECT id, name FROM workspaces ORDER BY id')).toEqual([
      { id: 'w1', name: 'Acme, Inc.' },
      { id: 'w2', name: 'Two\nline\nname' },
      { id: 'w3', name: 'She said "hi"' },
      { id: 'w4', name: '"' },
    ])
  })

  it('names zipPath/entry (top folder stripped) in record errors', async () => {
    const zip = writeZip(join(temp, 'bad.zip'), entriesOf('bad-quoted-newline-lines', 'dataset/'))
    const db = await openDb()
    expectIssues(importFails(db, zip), [
      { file: `${zip}/workspaces.csv`, line: 5, column: 3, reason: '"not-a-date"' },
      { file: `${zip}/workspaces.csv`, line: 7, column: 3, reason: '"2026-13-01"' },
    ])
  })

  it('names zipPath/entry without a top folder too', async () => {
    const zip = writeZip(join(temp, 'flat.zip'), entriesOf('bad-field-count', ''))
    const db = await openDb()
    expectIssues(importFails(db, zip), [
      { file: `${zip}/workspaces.csv`, line: 3, column: 3, reason: 'expected 3 fields, found 2' },
      { file: `${zip}/workspaces.csv`, line: 4, column: 4, reason: 'expected 3 fields, found 4' },
    ])
  })

  it('rejects a nested folder and an unknown file inside the zip', async () => {
    const zip = writeZip(join(temp, 'nested.zip'), {
      'dataset/workspaces.csv': 'id,name,created_at\nw1,A,2026-01-01\n',
      'dataset/sub/contacts.csv': 'id,workspace_id,created_at\nc1,w1,2026-01-01\n',
      'dataset/notes.txt': 'hello\n',
    })
    const db = await openDb()
    const issues = importFails(db, zip)
    const sorted = [...issues].sort((a, b) => a.file.localeCompare(b.file))
    expectIssues(sorted, [
      { file: `${zip}/notes.txt`, line: 0, column: 0, reason: 'unknown file type ".txt"' },
      { file: `${zip}/sub/contacts.csv`, line: 0, column: 0, reason: 'unexpected nested folder' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('does not strip when there are two top folders', async () => {
    const zip = writeZip(join(temp, 'two.zip'), {
      'a/workspaces.csv': 'id,name,created_at\nw1,A,2026-01-01\n',
      'b/hosts.csv': 'id,name,email\n1,H,\n',
    })
    const db = await openDb()
    const issues = [...importFails(db, zip)].sort((a, b) => a.file.localeCompare(b.file))
    expectIssues(issues, [
      { file: `${zip}/a/workspaces.csv`, line: 0, column: 0, reason: 'unexpected nested folder' },
      { file: `${zip}/b/hosts.csv`, line: 0, column: 0, reason: 'unexpected nested folder' },
    ])
  })

  it('rejects a file that is not a zip', async () => {
    const zip = join(temp, 'broken.zip')
    writeFileSync(zip, 'this is not a zip archive')
    const db = await openDb()
    expectIssues(importFails(db, zip), [
      { file: zip, line: 0, column: 0, reason: 'not a readable .zip' },
    ])
  })
})

describe('single files', () => {
  it('imports a file whose name does not say the entity when the entity is given', async () => {
    const db = await openDb()
    const result = importOk(db, {
      path: fixture('single', 'export-2026-03.csv'),
      entity: 'workspaces',
    })
    expect(result).toEqual({
      entities: [{ entity: 'workspaces', records: 1, added: 1, updated: 0 }],
      records: 1,
    })
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'x1', name: 'Exported', created_at: Date.UTC(2026, 2, 1) },
    ])
  })

  it('rejects such a file without the entity, pointing at --entity', async () => {
    const path = fixture('single', 'export-2026-03.csv')
    const db = await openDb()
    const issues = importFails(db, path)
    expectIssues(issues, [
      { file: path, line: 0, column: 0, reason: 'unknown file "export-2026-03.csv"' },
    ])
    expect(issues[0]!.reason).toContain('--entity')
  })

  it('rejects an unknown entity name and an unknown extension', async () => {
    const db = await openDb()
    const csv = fixture('single', 'export-2026-03.csv')
    expectIssues(importFails(db, { path: csv, entity: 'widgets' }), [
      { file: csv, line: 0, column: 0, reason: 'unknown entity "widgets"' },
    ])
    const txt = fixture('single', 'export-2026-03.txt')
    expectIssues(importFails(db, { path: txt, entity: 'workspaces' }), [
      { file: txt, line: 0, column: 0, reason: 'unknown file type ".txt"' },
    ])
  })

  it('imports a single file named after its entity without the entity given', async () => {
    const db = await openDb()
    expect(importOk(db, fixture('good-basic', 'workspaces.csv')).entities).toEqual([
      { entity: 'workspaces', records: 2, added: 2, updated: 0 },
    ])
  })
})
