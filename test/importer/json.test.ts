// Rule (DATA.md, NDJSON and JSON): NDJSON holds one JSON object a line (blank lines skipped);
// JSON holds an array of objects, or an object with the array under `data` or under the entity's
// name. JSON null is NULL, a missing key is absent; a record that is not an object, an unknown key
// or invalid JSON is an error at file:line:column, where line and column are where the record
// starts.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
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

describe('NDJSON', () => {
  it('skips blank and whitespace-only lines, with CRLF endings', async () => {
    const db = await openDb()
    const result = importOk(db, fixture('good-ndjson-blank-lines'))
    expect(result.entities).toEqual([{ entity: 'workspaces', records: 2, added: 2, updated: 0 }])
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'A', created_at: Date.UTC(2026, 0, 1) },
      { id: 'w2', name: 'B', created_at: Date.UTC(2026, 0, 2) },
    ])
  })

  it('reports invalid JSON, bad values, non-objects and unknown keys at their own lines', async () => {
    const file = fixture('bad-ndjson-invalid', 'workspaces.ndjson')
    const db = await openDb()
    const issues = importFails(db, fixture('bad-ndjson-invalid'))
    expect(issues.map((issue) => issue.line)).toEqual([3, 4, 5, 6])
    expect(issues[0]).toMatchObject({ file, line: 3 })
    expect(issues[0]!.reason).toContain('invalid JSON')
    expect(issues[0]!.column).toBeGreaterThanOrEqual(1)
    expectIssues(issues.slice(1), [
      { file, line: 4, column: 1, reason: 'created_at: expected an ISO 8601 timestamp' },
      { file, line: 5, column: 1, reason: 'expected a JSON object' },
      { file, line: 6, column: 1, reason: 'unknown column "region"' },
    ])
    expect(issues[1]!.reason).toContain('"yesterday"')
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('reports the column where an indented record starts', async () => {
    // "    {...}": the record starts at character column 5 of line 2.
    const file = fixture('bad-ndjson-indented', 'workspaces.ndjson')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-ndjson-indented')), [
      { file, line: 2, column: 5, reason: '"2026-02-30"' },
    ])
  })
})

describe('JSON', () => {
  it('reads a bare array, an array under "data" and an array under the entity name', async () => {
    const db = await openDb()
    const result = importOk(db, fixture('good-json-forms'))
    expect(result.entities).toEqual([
      { entity: 'workspaces', records: 2, added: 2, updated: 0 },
      { entity: 'contacts', records: 2, added: 2, updated: 0 },
      { entity: 'rooms', records: 1, added: 1, updated: 0 },
    ])
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Array form', created_at: Date.UTC(2026, 0, 1) },
      { id: 'w2', name: 'Null-free', created_at: Date.UTC(2026, 0, 2) },
    ])
    expect(rows(db, 'contacts')).toEqual([
      {
        id: 'c1',
        workspace_id: 'w1',
        email: null,
        first_name: null,
        last_name: null,
        created_at: Date.UTC(2026, 1, 1),
      },
      {
        id: 'c2',
        workspace_id: 'w2',
        email: null,
        first_name: 'Bo',
        last_name: null,
        created_at: Date.UTC(2026, 1, 2),
      },
    ])
    expect(rows(db, 'rooms')).toEqual([
      {
        id: 5,
        workspace_id: 'w1',
        name: 'r5',
        display_name: null,
        created_at: Date.UTC(2026, 0, 1),
      },
    ])
  })

  it('accepts empty arrays as zero records', async () => {
    writeFiles(temp, { 'workspaces.json': '[]\n', 'hosts.json': '{ "data": [] }\n' })
    const db = await openDb()
    expect(importOk(db, temp).entities).toEqual([
      { entity: 'workspaces', records: 0, added: 0, updated: 0 },
      { entity: 'hosts', records: 0, added: 0, updated: 0 },
    ])
  })

  it('rejects records that are not objects, and unknown keys, at the record position', async () => {
    const file = fixture('bad-json-records', 'workspaces.json')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-json-records')), [
      { file, line: 3, column: 3, reason: 'expected a JSON object for each record' },
      { file, line: 4, column: 3, reason: 'expected a JSON object for each record' },
      { file, line: 5, column: 3, reason: 'expected a JSON object for each record' },
      { file, line: 6, column: 3, reason: 'unknown column "region" for workspaces' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('locates a bad value in an array under "data"', async () => {
    const file = fixture('bad-json-data-timestamp', 'workspaces.json')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-json-data-timestamp')), [
      { file, line: 4, column: 5, reason: 'created_at: expected an ISO 8601 timestamp' },
    ])
  })

  it('locates a missing required key in an array under the entity name', async () => {
    const file = fixture('bad-json-entity-key', 'workspaces.json')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-json-entity-key')), [
      { file, line: 5, column: 5, reason: 'created_at: required, but empty' },
    ])
  })

  it('rejects an object without the array under "data" or the entity name', async () => {
    const file = fixture('bad-json-not-array', 'workspaces.json')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-json-not-array')), [
      {
        file,
        line: 1,
        column: 1,
        reason:
          'expected an array of records, or an object with the array under "data" or "workspaces"',
      },
    ])
  })

  it('rejects invalid JSON at the position of the error', async () => {
    // Generated: Prettier would "fix" an invalid fixture file.
    const file = join(temp, 'workspaces.json')
    writeFiles(temp, {
      'workspaces.json':
        '[\n  { "id": "w1", "name": "A", "created_at": "2026-01-01" },\n  { "id": "w2", "name": "B",}\n]\n',
    })
    const db = await openDb()
    expectIssues(importFails(db, temp), [{ file, line: 3, column: 29, reason: 'invalid JSON' }])
  })

  it('turns JSON numbers into text for text columns and rejects booleans', async () => {
    writeFiles(temp, {
      'workspaces.ndjson':
        '{"id":7,"name":"Seven","created_at":"2026-01-01"}\n' +
        '{"id":"w8","name":true,"created_at":"2026-01-01"}\n',
    })
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      { file: join(temp, 'workspaces.ndjson'), line: 2, column: 1, reason: 'name: expected text' },
    ])
    writeFiles(temp, { 'workspaces.ndjson': '{"id":7,"name":"Seven","created_at":"2026-01-01"}\n' })
    importOk(db, temp)
    expect(rows(db, 'workspaces')).toEqual([
      { id: '7', name: 'Seven', created_at: Date.UTC(2026, 0, 1) },
    ])
  })
})
