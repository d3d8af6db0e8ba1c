// Rule (DATA.md, all or nothing and upsert): an import commits every record of every file or
// nothing, leaving the database exactly as before on failure and reporting at most 20 issues (the
// first ones); re-importing a record with the same id replaces it whole, so importing the same
// data twice is idempotent; the result counts records, added and updated rows per entity.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ENTITY_NAMES } from '../../src-shared/domain/entities'
import { ImportFailed } from '../../src-main/core/errors'
import { runImport } from '../../src-main/core/importer/run-import'
import {
  recordColumns,
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
} from './helpers'

let temp: string
beforeEach(() => {
  temp = tempDir()
})
afterEach(() => removeDir(temp))

describe('all or nothing', () => {
  it('leaves every table exactly as before when only the last file has one bad record', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const before = dump(db)
    expectIssues(importFails(db, fixture('bad-last-file')), [
      {
        file: fixture('bad-last-file', 'booking_activities.csv'),
        line: 3,
        column: 10,
        reason: 'updated_at: expected an ISO 8601 timestamp',
      },
    ])
    expect(dump(db)).toEqual(before)
    // The earlier files' changes (w1 renamed, w3 and c9 added, host 1 renamed) are gone.
    expect(db.get("SELECT name FROM workspaces WHERE id = 'w1'")).toEqual({ name: 'Acme' })
    expect(db.get("SELECT count(*) AS n FROM contacts WHERE id = 'c9'")).toEqual({ n: 0 })
    expect(db.get('SELECT name FROM hosts WHERE id = 1')).toEqual({ name: 'Dana' })
  })

  it('leaves the database usable after a failure', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    importFails(db, fixture('bad-last-file'))
    expect(importOk(db, fixture('upsert-changed')).entities).toEqual([
      { entity: 'workspaces', records: 2, added: 1, updated: 1 },
    ])
  })

  it('writes nothing to an empty database when a later file fails', async () => {
    const db = await openDb()
    const before = dump(db)
    importFails(db, fixture('bad-dangling'))
    expect(dump(db)).toEqual(before)
  })
})

describe('all or nothing on the bulk path (more than 50,000 records)', () => {
  const contacts = (n: number): string => {
    const lines = ['id,workspace_id,email,first_name,last_name,created_at']
    for (let i = 0; i < n; i++) lines.push(`b${i},w1,,,,2026-02-01`)
    return lines.join('\n') + '\n'
  }
  const indexes = (db: Awaited<ReturnType<typeof openDb>>): unknown[] =>
    db.all(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts' ORDER BY name",
    )

  it('restores the table and its indexes when a later file fails', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const before = dump(db)
    writeFiles(temp, {
      'contacts.csv': contacts(50_001),
      'booking_activities.csv':
        'id,booking_id,parent_id,created_by,status,type,title,description,created_at,updated_at\n' +
        '905,500,,,done,note,Bad,,someday,2026-03-12\n',
    })
    expectIssues(importFails(db, temp), [
      {
        file: join(temp, 'booking_activities.csv'),
        line: 2,
        column: 9,
        reason: 'created_at: expected an ISO 8601 timestamp',
      },
    ])
    expect(dump(db)).toEqual(before)
  })

  it('rebuilds the indexes after a successful bulk import', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const indexesBefore = indexes(db)
    expect(indexesBefore).toEqual([
      { name: 'contacts_by_sync_seq' },
      { name: 'contacts_workspace_time' },
      { name: 'sqlite_autoindex_contacts_1' },
    ])
    writeFiles(temp, { 'contacts.csv': contacts(50_001) })
    expect(importOk(db, temp).entities).toEqual([
      { entity: 'contacts', records: 50_001, added: 50_001, updated: 0 },
    ])
    expect(indexes(db)).toEqual(indexesBefore)
    expect(db.get('SELECT count(*) AS n FROM contacts')).toEqual({ n: 50_004 })
  })
})

describe('at most 20 issues', () => {
  it('reports the first 20 of 30 bad records', async () => {
    const file = fixture('bad-many-errors', 'workspaces.csv')
    const db = await openDb()
    let caught: unknown
    try {
      runImport(db, [{ path: fixture('bad-many-errors') }])
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ImportFailed)
    const failure = caught as ImportFailed
    expectIssues(
      failure.issues,
      Array.from({ length: 20 }, (_, index) => ({
        file,
        line: index + 2,
        column: 3,
        reason: `"2026-01-${String(index + 1).padStart(2, '0')}x"`,
      })),
    )
    expect(failure.message).toContain(`${file}:2:3: created_at:`)
    expect(failure.message).toContain('(and 19 more)')
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('caps issues across files, in import order', async () => {
    const bad = (n: number, line: (i: number) => string): string =>
      Array.from({ length: n }, (_, i) => line(i)).join('')
    writeFiles(temp, {
      'hosts.csv': 'id,name,email\n' + bad(15, (i) => `x${i},Host,\n`),
      'workspaces.csv': 'id,name,created_at\n' + bad(15, (i) => `w${i},W,never\n`),
    })
    const db = await openDb()
    const issues = importFails(db, temp)
    expect(issues).toHaveLength(20)
    expect(issues.slice(0, 15).map((issue) => [issue.file, issue.line, issue.column])).toEqual(
      Array.from({ length: 15 }, (_, i) => [join(temp, 'workspaces.csv'), i + 2, 3]),
    )
    expect(issues.slice(15).map((issue) => [issue.file, issue.line, issue.column])).toEqual(
      Array.from({ length: 5 }, (_, i) => [join(temp, 'hosts.csv'), i + 2, 1]),
    )
  })

  it('caps file-level issues too', async () => {
    const files: Record<string, string> = {}
    for (let n = 0; n < 25; n++) files[`notes-${String(n).padStart(2, '0')}.csv`] = 'x\n'
    writeFiles(temp, files)
    const db = await openDb()
    const issues = importFails(db, temp)
    expect(issues).toHaveLength(20)
    expectIssues(issues.slice(0, 1), [
      {
        file: join(temp, 'notes-00.csv'),
        line: 0,
        column: 0,
        reason: 'unknown file "notes-00.csv"',
      },
    ])
  })
})

describe('upsert', () => {
  it('is idempotent: importing the same dataset twice leaves the same rows', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const once = dump(db)
    const again = importOk(db, fixture('good-basic'))
    expect(dump(db)).toEqual(once)
    expect(again.records).toBe(39)
    for (const count of again.entities) {
      expect(count.added, count.entity).toBe(0)
      expect(count.updated, count.entity).toBe(count.records)
    }
    expect(again.entities.map((count) => count.entity)).toEqual([...ENTITY_NAMES])
  })

  it('replaces a changed record and adds a new one', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const contactsBefore = rows(db, 'contacts')
    const result = importOk(db, fixture('upsert-changed'))
    expect(result).toEqual({
      entities: [{ entity: 'workspaces', records: 2, added: 1, updated: 1 }],
      records: 2,
    })
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Acme Corp', created_at: Date.UTC(2026, 0, 4) },
      { id: 'w2', name: 'Globex', created_at: Date.UTC(2026, 0, 6) },
      { id: 'w3', name: 'Hooli', created_at: Date.UTC(2026, 0, 7) },
    ])
    expect(rows(db, 'contacts')).toEqual(contactsBefore)
  })

  it('replaces the whole record: empty fields and absent keys become NULL', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    writeFiles(temp, {
      'contacts.csv':
        'id,workspace_id,email,first_name,last_name,created_at\nc1,w1,,Ann,,2026-02-01T10:00:00Z\n',
    })
    expect(importOk(db, temp).entities).toEqual([
      { entity: 'contacts', records: 1, added: 0, updated: 1 },
    ])
    expect(db.get(`SELECT ${recordColumns('contacts')} FROM contacts WHERE id = 'c1'`)).toEqual({
      id: 'c1',
      workspace_id: 'w1',
      email: null,
      first_name: 'Ann',
      last_name: null,
      created_at: Date.UTC(2026, 1, 1, 10),
    })
    const json = tempDir()
    try {
      writeFiles(json, {
        'contacts.ndjson': '{"id":"c3","workspace_id":"w2","created_at":"2026-02-03"}\n',
      })
      importOk(db, json)
    } finally {
      removeDir(json)
    }
    expect(db.get(`SELECT ${recordColumns('contacts')} FROM contacts WHERE id = 'c3'`)).toEqual({
      id: 'c3',
      workspace_id: 'w2',
      email: null,
      first_name: null,
      last_name: null,
      created_at: Date.UTC(2026, 1, 3),
    })
  })

  it('keeps the last of a record repeated in one file and counts both', async () => {
    const db = await openDb()
    expect(importOk(db, fixture('upsert-repeat')).entities).toEqual([
      { entity: 'workspaces', records: 2, added: 1, updated: 1 },
    ])
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w7', name: 'Second', created_at: Date.UTC(2026, 0, 2) },
    ])
  })

  it('counts int-id entities the same way', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    writeFiles(temp, {
      'hosts.csv': 'id,name,email\n1,Dana,dana@example.com\n3,Flo,\n2,Eli,eli@example.com\n',
    })
    expect(importOk(db, temp).entities).toEqual([
      { entity: 'hosts', records: 3, added: 1, updated: 2 },
    ])
    expect(rows(db, 'hosts')).toEqual([
      { id: 1, name: 'Dana', email: 'dana@example.com' },
      { id: 2, name: 'Eli', email: 'eli@example.com' },
      { id: 3, name: 'Flo', email: null },
    ])
  })
})
