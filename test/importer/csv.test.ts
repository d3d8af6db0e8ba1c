// Rule (DATA.md, CSV): RFC 4180 with a header row, UTF-8 with a leading BOM tolerated, quoted
// fields holding commas, newlines and "" escapes, `,` by default with `;` and tab detected, CRLF
// or LF; an empty field is NULL; an unknown or missing column, a wrong field count or an empty
// file is an error at file:line:column, where line is where the record starts and column is the
// field's 1-based position.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { expectIssues, fixture, importFails, importOk, openDb, rows } from './helpers'

describe('CSV: accepted forms', () => {
  it('tolerates a BOM and detects the ; delimiter (commas then are plain text)', async () => {
    const path = fixture('good-bom-semicolon', 'workspaces.csv')
    expect([...readFileSync(path).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const db = await openDb()
    importOk(db, fixture('good-bom-semicolon'))
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Acme, Inc.', created_at: Date.UTC(2026, 0, 5, 9) },
      { id: 'w2', name: 'Semi; colon', created_at: Date.UTC(2026, 0, 6) },
    ])
    expect(rows(db, 'contacts')).toEqual([
      {
        id: 'c1',
        workspace_id: 'w1',
        email: null,
        first_name: 'Ann',
        last_name: null,
        created_at: Date.UTC(2026, 1, 1),
      },
    ])
  })

  it('detects the tab delimiter, in .csv and in .tsv files', async () => {
    const db = await openDb()
    const result = importOk(db, fixture('good-tab'))
    expect(result.entities).toEqual([
      { entity: 'workspaces', records: 2, added: 2, updated: 0 },
      { entity: 'hosts', records: 2, added: 2, updated: 0 },
    ])
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Acme, Inc.', created_at: Date.UTC(2026, 0, 5, 9) },
      { id: 'w2', name: 'Semi; colon', created_at: Date.UTC(2026, 0, 6) },
    ])
    expect(rows(db, 'hosts')).toEqual([
      { id: 1, name: 'Dana', email: 'dana@example.com' },
      { id: 2, name: 'Eli', email: null },
    ])
  })

  it('reads CRLF line endings, keeping a quoted CRLF as part of the value', async () => {
    const text = readFileSync(fixture('good-crlf', 'workspaces.csv'), 'latin1')
    expect(text.startsWith('id,name,created_at\r\n')).toBe(true)
    const db = await openDb()
    importOk(db, fixture('good-crlf'))
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Acme', created_at: Date.UTC(2026, 0, 5, 9) },
      { id: 'w2', name: 'Two\r\nlines, "quoted"', created_at: Date.UTC(2026, 0, 6) },
    ])
    expect(rows(db, 'contacts')).toEqual([
      {
        id: 'c1',
        workspace_id: 'w2',
        email: null,
        first_name: 'Ann',
        last_name: null,
        created_at: Date.UTC(2026, 1, 1),
      },
    ])
  })

  it('reads quoted commas, quoted newlines and "" escapes; an empty field (quoted or not) is NULL', async () => {
    const db = await openDb()
    importOk(db, fixture('good-quoted'))
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Acme, Inc.', created_at: Date.UTC(2026, 0, 5, 9) },
      { id: 'w2', name: 'Two\nline\nname', created_at: Date.UTC(2026, 0, 6) },
      { id: 'w3', name: 'She said "hi"', created_at: Date.UTC(2026, 0, 7) },
      { id: 'w4', name: '"', created_at: Date.UTC(2026, 0, 8) },
    ])
    expect(rows(db, 'contacts')).toEqual([
      {
        id: 'c1',
        workspace_id: 'w3',
        email: null,
        first_name: 'Ann',
        last_name: null,
        created_at: Date.UTC(2026, 1, 1),
      },
      {
        id: 'c2',
        workspace_id: 'w4',
        email: 'b@example.com',
        first_name: null,
        last_name: 'Bo',
        created_at: Date.UTC(2026, 1, 2),
      },
    ])
  })

  it('matches columns by header name, in any order', async () => {
    const db = await openDb()
    importOk(db, fixture('good-reordered-columns'))
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Acme', created_at: Date.UTC(2026, 0, 5) },
    ])
  })

  it('accepts a header-only file as zero records', async () => {
    const db = await openDb()
    const result = importOk(db, fixture('good-header-only'))
    expect(result).toEqual({
      entities: [{ entity: 'workspaces', records: 0, added: 0, updated: 0 }],
      records: 0,
    })
    expect(rows(db, 'workspaces')).toEqual([])
  })
})

describe('CSV: errors with file:line:column', () => {
  it('numbers lines from where a record starts, counting quoted newlines (LF)', async () => {
    const file = fixture('bad-quoted-newline-lines', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-quoted-newline-lines')), [
      { file, line: 5, column: 3, reason: 'created_at: expected an ISO 8601 timestamp' },
      { file, line: 7, column: 3, reason: '"2026-13-01"' },
    ])
    expect(importFails(db, fixture('bad-quoted-newline-lines'))[0]!.reason).toContain(
      '"not-a-date"',
    )
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('numbers lines the same way with CRLF line endings', async () => {
    const file = fixture('bad-crlf-quoted', 'workspaces.csv')
    expect(readFileSync(file, 'latin1')).toContain('"Multi\r\nline\r\n')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-crlf-quoted')), [
      { file, line: 5, column: 3, reason: '"not-a-date"' },
      { file, line: 7, column: 3, reason: '"2026-13-01"' },
    ])
  })

  it('skips blank lines but still counts them', async () => {
    const file = fixture('bad-csv-blank-lines', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-csv-blank-lines')), [
      { file, line: 5, column: 3, reason: 'created_at' },
    ])
  })

  it('reports the field position of a column in a reordered header', async () => {
    const file = fixture('bad-reordered-columns', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-reordered-columns')), [
      { file, line: 2, column: 1, reason: 'created_at: expected an ISO 8601 timestamp' },
    ])
  })

  it('rejects a header with an unknown column, naming it', async () => {
    const file = fixture('bad-unknown-column', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-unknown-column')), [
      { file, line: 1, column: 3, reason: 'unknown column "region"' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('rejects a header naming a column twice', async () => {
    const file = fixture('bad-duplicate-column', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-duplicate-column')), [
      { file, line: 1, column: 3, reason: 'column "name" appears twice' },
    ])
  })

  it('rejects a header missing a required column (line 1, column 0)', async () => {
    const file = fixture('bad-missing-column', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-missing-column')), [
      { file, line: 1, column: 0, reason: 'missing column "name"' },
    ])
  })

  it('rejects rows with too few or too many fields, at the first missing / extra field', async () => {
    const file = fixture('bad-field-count', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-field-count')), [
      { file, line: 3, column: 3, reason: 'expected 3 fields, found 2' },
      { file, line: 4, column: 4, reason: 'expected 3 fields, found 4' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('rejects an empty required field as missing', async () => {
    const file = fixture('bad-required-empty', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-required-empty')), [
      { file, line: 2, column: 2, reason: 'name: required, but empty' },
      { file, line: 3, column: 1, reason: 'id: required, but empty' },
      { file, line: 4, column: 3, reason: 'created_at: required, but empty' },
    ])
  })

  it('rejects an empty file', async () => {
    const file = fixture('bad-empty-file', 'workspaces.csv')
    expect(readFileSync(file).length).toBe(0)
    const db = await openDb()
    const issues = importFails(db, fixture('bad-empty-file'))
    expect(issues).toHaveLength(1)
    expect(issues[0]!.file).toBe(file)
    expect(issues[0]!.reason).toContain('empty')
  })

  it('rejects an unterminated quote at the line of its record', async () => {
    const file = fixture('bad-unterminated-quote', 'workspaces.csv')
    const db = await openDb()
    const issues = importFails(db, fixture('bad-unterminated-quote'))
    // The quote swallows the rest of the file, so a field-count issue may follow.
    expect(issues.length).toBeGreaterThanOrEqual(1)
    expectIssues(issues.slice(0, 1), [{ file, line: 2, column: 1, reason: 'unterminated' }])
    expect(rows(db, 'workspaces')).toEqual([])
  })
})
