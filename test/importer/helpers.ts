// Shared helpers for the importer tests: a fresh migrated in-memory database, fixture paths,
// temporary folders and zips, the issues of a failed import, and full table dumps.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { zipSync } from 'fflate'
import { findEntity } from '../../src-shared/domain/entities'
import { expect } from 'vitest'
import { loadMigrations } from '../../src-main/core/db/load-migrations'
import { Sqlite, type Row } from '../../src-main/core/db/sqlite'
import { ImportFailed, type ImportIssue } from '../../src-main/core/errors'
import { runImport, type ImportResult } from '../../src-main/core/importer/run-import'
import type { ImportInput } from '../../src-main/core/importer/inputs'

const migrations = loadMigrations(new URL('../../src-main/core/db/migrations/', import.meta.url))

/** The folder holding the import fixtures. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url))

/** Absolute path of a fixture folder or file. */
export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts)
}

/** An empty database with every migration applied. */
export async function openDb(): Promise<Sqlite> {
  const db = await Sqlite.open()
  db.migrate(migrations)
  return db
}

/** Imports a fixture folder (or several inputs), expecting success. */
export function importOk(db: Sqlite, ...inputs: (string | ImportInput)[]): ImportResult {
  return runImport(
    db,
    inputs.map((input) => (typeof input === 'string' ? { path: input } : input)),
  )
}

/** Imports, expecting ImportFailed; answers its issues. */
export function importFails(
  db: Sqlite,
  ...inputs: (string | ImportInput)[]
): readonly ImportIssue[] {
  let caught: unknown
  try {
    importOk(db, ...inputs)
  } catch (error) {
    caught = error
  }
  expect(caught, 'the import should have failed').toBeInstanceOf(ImportFailed)
  return (caught as ImportFailed).issues
}

/** An expected issue: exact file, line and column, and a substring of the reason. */
export interface Expected {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly reason: string
}

/** Checks issues one for one, in order, against the expectations. */
export function expectIssues(actual: readonly ImportIssue[], expected: readonly Expected[]): void {
  const shown = actual.map(
    (issue) => `${issue.file}:${issue.line}:${issue.column}: ${issue.reason}`,
  )
  expect(actual.length, `issues:\n${shown.join('\n')}`).toBe(expected.length)
  expected.forEach((want, index) => {
    const got = actual[index]!
    expect({ file: got.file, line: got.line, column: got.column }, shown[index]).toEqual({
      file: want.file,
      line: want.line,
      column: want.column,
    })
    expect(got.reason, shown[index]).toContain(want.reason)
  })
}

/** Every row of a table, ordered by id: an entity's own columns (not its sync_seq stamp). */
export function rows(db: Sqlite, table: string): Row[] {
  return db.all(`SELECT ${recordColumns(table)} FROM ${table} ORDER BY id`)
}

/** The columns DATA.md gives an entity, for SELECTs; `*` for other tables. */
export function recordColumns(table: string): string {
  return (
    findEntity(table)
      ?.columns.map((column) => column.name)
      .join(', ') ?? '*'
  )
}

/** The whole database: schema objects and every row of every table. */
export function dump(db: Sqlite): Record<string, Row[]> {
  const result: Record<string, Row[]> = {
    sqlite_master: db.all(
      'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name',
    ),
  }
  const tables = db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
  for (const { name } of tables) {
    // The change clock counts writes, not data: every import moves it, even one changing nothing.
    if (name === 'sync_clock') continue
    // Tables without a rowid (the rollups) are ordered by all their columns instead.
    const columns = db.all<{ name: string }>(`PRAGMA table_info(${name})`).map((c) => c.name)
    const sql = db.get<{ sql: string }>('SELECT sql FROM sqlite_master WHERE name = :n', {
      n: name,
    })?.sql
    const order = sql?.includes('WITHOUT ROWID') ? columns.join(', ') : 'rowid'
    result[name] = db.all(`SELECT * FROM ${name} ORDER BY ${order}`)
  }
  return result
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'sextant-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true })
}

/** Writes files (relative path -> text) under a folder, creating subfolders. */
export function writeFiles(folder: string, files: Readonly<Record<string, string>>): string {
  for (const [name, text] of Object.entries(files)) {
    const path = join(folder, name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  }
  return folder
}

/** Writes a .zip holding the given entries (entry name -> bytes or text). */
export function writeZip(
  path: string,
  entries: Readonly<Record<string, Uint8Array | string>>,
): string {
  const encoded: Record<string, Uint8Array> = {}
  for (const [name, content] of Object.entries(entries)) {
    encoded[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content
  }
  writeFileSync(path, zipSync(encoded))
  return path
}
