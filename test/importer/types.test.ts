// Rule (DATA.md, types): int columns take integers only; real columns take decimal numbers;
// timestamps are ISO 8601 (Z, an offset converted to UTC, "YYYY-MM-DD HH:mm:ss" = UTC, fractional
// seconds) or a plain date (= midnight UTC), stored as epoch ms UTC, anything else is an error
// naming file, line and column; enums are case-insensitive on input and stored in their canonical
// spelling (task status "running" = in_progress), call outcomes are normalised, and an invalid
// enum value is rejected naming the allowed values.
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
  tempDir,
  writeFiles,
} from './helpers'

let temp: string
beforeEach(() => {
  temp = tempDir()
})
afterEach(() => removeDir(temp))

describe('timestamps', () => {
  it('accepts every DATA.md form and stores exact epoch ms UTC', async () => {
    const db = await openDb()
    importOk(db, fixture('good-timestamps'))
    const stored = Object.fromEntries(
      db
        .all<{ id: string; created_at: number }>('SELECT id, created_at FROM workspaces')
        .map((row) => [row.id, row.created_at]),
    )
    expect(stored).toEqual({
      z: Date.UTC(2026, 2, 25, 10, 0, 0),
      offset: Date.UTC(2026, 2, 25, 10, 0, 0),
      negative: Date.UTC(2026, 2, 25, 10, 0, 0),
      space: Date.UTC(2026, 2, 25, 10, 0, 0),
      't-no-zone': Date.UTC(2026, 2, 25, 10, 0, 0),
      date: Date.UTC(2026, 2, 25, 0, 0, 0),
      millis: Date.UTC(2026, 2, 25, 10, 0, 0, 123),
      micros: Date.UTC(2026, 2, 25, 10, 0, 0, 123),
      tenth: Date.UTC(2026, 2, 25, 10, 0, 0, 500),
      leap: Date.UTC(2024, 1, 29),
      'new-year': Date.UTC(2025, 11, 31, 22, 0, 0),
    })
  })

  it('rejects other forms with file:line:column, naming the value', async () => {
    const file = fixture('bad-timestamps', 'workspaces.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-timestamps')), [
      { file, line: 2, column: 3, reason: 'created_at: expected an ISO 8601 timestamp' },
      { file, line: 3, column: 3, reason: '"2026-02-30"' },
      { file, line: 4, column: 3, reason: '"yesterday"' },
      { file, line: 5, column: 3, reason: '"2026-03-25T10:61:00Z"' },
      { file, line: 6, column: 3, reason: '"1774432800000"' },
      { file, line: 7, column: 3, reason: '"2026-3-5"' },
    ])
    expect(importFails(db, fixture('bad-timestamps'))[0]!.reason).toContain('"25/03/2026"')
    expect(db.all('SELECT * FROM workspaces')).toEqual([])
  })

  it('rejects a JSON number as a timestamp', async () => {
    writeFiles(temp, {
      'workspaces.ndjson': '{"id":"w1","name":"A","created_at":1774432800000}\n',
    })
    const db = await openDb()
    expectIssues(importFails(db, temp), [
      {
        file: join(temp, 'workspaces.ndjson'),
        line: 1,
        column: 1,
        reason: 'created_at: expected an ISO 8601 timestamp',
      },
    ])
  })
})

describe('numbers', () => {
  it('rejects non-integer ids ("1.5", "abc", 1.5, true) and accepts "2"', async () => {
    const rooms = fixture('bad-int-ids', 'rooms.csv')
    const hosts = fixture('bad-int-ids', 'hosts.ndjson')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-int-ids')), [
      { file: rooms, line: 2, column: 1, reason: 'id: expected an integer, found "1.5"' },
      { file: rooms, line: 3, column: 1, reason: 'id: expected an integer, found "abc"' },
      { file: hosts, line: 1, column: 1, reason: 'id: expected an integer, found "1.5"' },
      { file: hosts, line: 3, column: 1, reason: 'id: expected an integer, found "abc"' },
      { file: hosts, line: 4, column: 1, reason: 'id: expected an integer, found "true"' },
    ])
  })

  it('rejects bad int and real values and values below the minimum', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const recordings = fixture('bad-numbers', 'recordings.csv')
    const calls = fixture('bad-numbers', 'calls.csv')
    expectIssues(importFails(db, fixture('bad-numbers')), [
      { file: recordings, line: 2, column: 3, reason: 'duration: must be >= 0, found -5' },
      {
        file: recordings,
        line: 3,
        column: 3,
        reason: 'duration: expected an integer, found "2.5"',
      },
      { file: recordings, line: 4, column: 2, reason: 'room_id: expected an integer, found "x"' },
      {
        file: calls,
        line: 2,
        column: 6,
        reason: 'duration_seconds: expected a number, found "abc"',
      },
      { file: calls, line: 3, column: 6, reason: 'duration_seconds: must be >= 0, found -1' },
      {
        file: calls,
        line: 4,
        column: 6,
        reason: 'duration_seconds: expected a number, found "1,5"',
      },
      { file: calls, line: 5, column: 7, reason: 'success_score: expected a number, found "high"' },
    ])
  })

  it('stores reals exactly (decimals, exponents, leading dot, sign)', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    importOk(db, fixture('good-reals'))
    expect(
      db.all(
        "SELECT id, duration_seconds, success_score, typeof(duration_seconds) AS t FROM calls WHERE id LIKE 'r%' ORDER BY id",
      ),
    ).toEqual([
      { id: 'r1', duration_seconds: 12.25, success_score: -0.5, t: 'real' },
      { id: 'r2', duration_seconds: 100, success_score: 0.75, t: 'real' },
      { id: 'r3', duration_seconds: 7, success_score: 3, t: 'real' },
    ])
  })
})

describe('enums', () => {
  it('matches case-insensitively and stores the canonical spelling', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const result = importOk(db, fixture('good-enums'))
    expect(result.entities).toEqual([
      { entity: 'messages', records: 3, added: 3, updated: 0 },
      { entity: 'tasks', records: 4, added: 4, updated: 0 },
      { entity: 'calls', records: 8, added: 8, updated: 0 },
      { entity: 'bookings', records: 3, added: 3, updated: 0 },
    ])
    expect(
      db.all("SELECT id, channel, status FROM messages WHERE id IN ('m3', 'm4', 'm5') ORDER BY id"),
    ).toEqual([
      { id: 'm3', channel: 'SMS', status: 'BOUNCED' },
      { id: 'm4', channel: 'PUSH', status: 'DELIVERED' },
      { id: 'm5', channel: 'WEBHOOK', status: 'FAILED' },
    ])
    expect(db.all("SELECT id, status FROM tasks WHERE id >= 'k3' ORDER BY id")).toEqual([
      { id: 'k3', status: 'in_progress' },
      { id: 'k4', status: 'in_progress' },
      { id: 'k5', status: 'pending' },
      { id: 'k6', status: 'failed' },
    ])
    expect(db.all('SELECT id, status FROM bookings WHERE id >= 600 ORDER BY id')).toEqual([
      { id: 600, status: 'cancelled' },
      { id: 601, status: 'rejected' },
      { id: 602, status: 'pending' },
    ])
  })

  it('normalises call outcome labels and keeps other values normalised', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    importOk(db, fixture('good-enums'))
    expect(db.all("SELECT id, status, outcome FROM calls WHERE id LIKE 'o%' ORDER BY id")).toEqual([
      { id: 'o1', status: 'completed', outcome: 'send_details' },
      { id: 'o2', status: 'completed', outcome: 'not_interested' },
      { id: 'o3', status: 'completed', outcome: 'not_connected' },
      { id: 'o4', status: 'completed', outcome: 'interested' },
      { id: 'o5', status: 'completed', outcome: 'interested' },
      { id: 'o6', status: 'completed', outcome: 'call_back' },
      { id: 'o7', status: 'failed', outcome: 'left_voicemail' },
      { id: 'o8', status: 'in_progress', outcome: 'failed' },
    ])
  })

  it('rejects an unknown value, naming the allowed values, and changes nothing', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const before = dump(db)
    expectIssues(importFails(db, fixture('bad-enums')), [
      {
        file: fixture('bad-enums', 'campaigns.csv'),
        line: 2,
        column: 4,
        reason: 'status: expected one of DRAFT, ACTIVE, PAUSED, COMPLETED, ARCHIVED, found "live"',
      },
      {
        file: fixture('bad-enums', 'messages.csv'),
        line: 2,
        column: 6,
        reason: 'channel: expected one of EMAIL, SMS, PUSH, IN_APP, WEBHOOK, found "fax"',
      },
      {
        file: fixture('bad-enums', 'tasks.ndjson'),
        line: 1,
        column: 1,
        reason: 'status: expected one of pending, in_progress, completed, failed, found "started"',
      },
      {
        file: fixture('bad-enums', 'bookings.csv'),
        line: 2,
        column: 5,
        reason:
          'status: expected one of scheduled, completed, cancelled, pending, rejected, no_show, found "done"',
      },
    ])
    expect(dump(db)).toEqual(before)
  })
})
