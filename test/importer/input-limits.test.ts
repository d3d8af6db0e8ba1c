// Rule (issue #12, item 11; README "Importing"): inputs that would break the console later are
// refused on import with `file:line:column: reason`, nothing written. JSON and NDJSON nest at
// most 64 levels (a record is a flat object; deeper input used to end in "Maximum call stack
// size exceeded" with no position). A text id is at most 100 characters: ids travel in URL
// paths (/api/workspaces/<id>/...), which answer 414 beyond that, so an id that imports must be
// one whose routes answer. Text that is not UTF-8 is reported at the line of the first bad byte.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createServer } from '../../src-main/core/http/server'
import { createToken } from '../../src-main/core/tokens/tokens'
import {
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

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

describe('JSON nesting', () => {
  it('refuses a JSON document nested deeper than 64 levels at the bracket that passes it', async () => {
    // Line 2 is `  {"id": "w1", "name": [[[...`: the root array is level 1, the record 2, so the
    // 63rd "[" (column 24 + 62) opens level 65.
    const text = `[\n  {"id": "w1", "name": ${nested(100_000)}, "created_at": "2026-01-01"}\n]\n`
    const file = join(writeFiles(temp, { 'workspaces.json': text }), 'workspaces.json')
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      { file, line: 2, column: 24 + 62, reason: 'JSON nested deeper than 64 levels' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('refuses an NDJSON line nested too deep at its line and column, and reports the others', async () => {
    const lines = [
      '{"id": "w1", "name": "A", "created_at": "2026-01-01"}',
      `{"id": "w2", "name": {"a": ${nested(5000)}}, "created_at": "2026-01-01"}`,
      '{"id": "w3", "name": "C", "created_at": "someday"}',
    ]
    const file = join(
      writeFiles(temp, { 'workspaces.ndjson': lines.join('\n') }),
      'workspaces.ndjson',
    )
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      // `{` is level 1, `{"a":` level 2, so the 63rd "[" (column 28 + 62) opens level 65.
      { file, line: 2, column: 28 + 62, reason: 'JSON nested deeper than 64 levels' },
      { file, line: 3, column: 1, reason: 'created_at: expected an ISO 8601 timestamp' },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('takes nesting up to the limit as ordinary (wrong) values', async () => {
    // 64 levels in all: the root array, the record, and 62 levels of arrays as the name.
    const text = `[{"id": "w1", "name": ${nested(62)}, "created_at": "2026-01-01"}]`
    writeFiles(temp, { 'workspaces.json': text })
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      { file: join(temp, 'workspaces.json'), line: 1, column: 2, reason: 'name: expected text' },
    ])
  })

  it('ignores brackets inside strings', async () => {
    const name = '['.repeat(200)
    writeFiles(temp, {
      'workspaces.ndjson': JSON.stringify({ id: 'w1', name, created_at: '2026-01-01' }),
    })
    const db = await openDb()
    importOk(db, temp)
    expect(rows(db, 'workspaces')).toEqual([{ id: 'w1', name, created_at: Date.UTC(2026, 0, 1) }])
  })
})

describe('id length', () => {
  it('refuses text ids over 100 characters at their field, and takes exactly 100', async () => {
    const long = 'w'.repeat(101)
    const fits = 'x'.repeat(100)
    writeFiles(temp, {
      'workspaces.csv': `id,name,created_at\n${fits},Fits,2026-01-01\n${long},Long,2026-01-01\n`,
      'campaigns.ndjson': `{"id": "${'c'.repeat(150)}", "workspace_id": "${fits}", "name": "N", "status": "ACTIVE", "created_at": "2026-01-01"}\n`,
    })
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      {
        file: join(temp, 'workspaces.csv'),
        line: 3,
        column: 1,
        reason: 'id: longer than 100 characters (found 101)',
      },
      {
        file: join(temp, 'campaigns.ndjson'),
        line: 1,
        column: 1,
        reason: 'id: longer than 100 characters (found 150)',
      },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('a workspace id at the limit imports and its analytics route answers', async () => {
    const id = 'w'.repeat(100)
    const folder = writeFiles(temp, {
      'workspaces.csv': `id,name,created_at\n${id},W,2026-01-01\n`,
    })
    const db = await DbClient.open(null)
    try {
      await db.import([{ path: folder }])
      const token = (await createToken(db, fixedClock(0), { name: 't' })).token
      const server = createServer({ db, clock: fixedClock(0), version: 't', port: () => 4477 })
      const response = await server.inject({
        url: `/api/workspaces/${id}/analytics`,
        headers: { host: '127.0.0.1:4477', authorization: `Bearer ${token}` },
      })
      expect(response.statusCode).toBe(200)
      await server.close()
    } finally {
      await db.close()
    }
  })
})

describe('text that is not UTF-8', () => {
  it('names the line and column of the first bad byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,name,created_at\nw1,Caf\u00e9,2026-01-01\nw2,Ba'),
      Buffer.from([0xff]),
      Buffer.from(',2026-01-01\n'),
    ])
    const file = join(temp, 'workspaces.csv')
    writeFileSync(file, bytes)
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      { file, line: 3, column: 6, reason: 'not UTF-8 text (byte 0xff)' },
    ])
  })
})

describe('NUL characters and truncated JSON', () => {
  it('refuses a text value holding a NUL, in CSV and as a JSON escape', async () => {
    writeFiles(temp, {
      'workspaces.csv': 'id,name,created_at\nw1,Ac\u0000me,2026-01-01\n',
      'contacts.ndjson':
        '{"id": "c1", "workspace_id": "w1", "email": "a\\u0000@x.io", "created_at": "2026-01-01"}\n',
    })
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      {
        file: join(temp, 'workspaces.csv'),
        line: 2,
        column: 2,
        reason: 'name: holds a NUL character',
      },
      {
        file: join(temp, 'contacts.ndjson'),
        line: 1,
        column: 1,
        reason: 'email: holds a NUL character',
      },
    ])
  })

  it('places "unexpected end of JSON input" where the text ends', async () => {
    writeFiles(temp, {
      'workspaces.json':
        '[\n  {"id": "w1", "name": "A", "created_at": "2026-01-01"},\n  {"id": "w2", "name": ',
    })
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      { file: join(temp, 'workspaces.json'), line: 3, column: 24, reason: 'invalid JSON' },
    ])
  })
})
