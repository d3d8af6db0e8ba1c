// Rule: the lifetime rollups (migration 004) always equal a GROUP BY over the contact events:
// after a pure append (deltas), after an upsert that changes event types (each replaced event's
// old counts taken out), with one id twice in an import, when a type's last event changes type
// (its row goes), and after a failed import (rolled back with everything else).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runDemo } from '../demo/run-demo'
import { runImport } from '../importer/run-import'
import { loadMigrations } from './load-migrations'
import { Sqlite } from './sqlite'

function fromEvents(sqlite: Sqlite): unknown {
  return {
    types: sqlite.all(
      'SELECT workspace_id, event_type, count(*) AS n FROM contact_events GROUP BY 1, 2 ORDER BY 1, 2',
    ),
    pages: sqlite.all(
      `SELECT workspace_id, booking_page_id, count(*) AS n FROM contact_events
       WHERE event_type = 'booking' AND booking_page_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    rooms: sqlite.all(
      `SELECT workspace_id, room_id, count(*) AS n FROM contact_events
       WHERE event_type = 'room_join' AND room_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  }
}

function fromRollups(sqlite: Sqlite): unknown {
  return {
    types: sqlite.all('SELECT workspace_id, event_type, n FROM event_type_totals ORDER BY 1, 2'),
    pages: sqlite.all(
      'SELECT workspace_id, booking_page_id, n FROM booking_page_totals ORDER BY 1, 2',
    ),
    rooms: sqlite.all('SELECT workspace_id, room_id, n FROM room_join_totals ORDER BY 1, 2'),
  }
}

describe('event rollups', () => {
  it('follow appends, upserts and failed imports', async () => {
    const sqlite = await Sqlite.open()
    sqlite.migrate(loadMigrations(new URL('./migrations/', import.meta.url)))
    runDemo(sqlite, { size: 'small', seed: 3, now: Date.UTC(2026, 10, 23, 12) })
    expect(fromRollups(sqlite)).toEqual(fromEvents(sqlite))
    const types = sqlite.all<{ n: number }>('SELECT n FROM event_type_totals')
    expect(types.reduce((sum, row) => sum + row.n, 0)).toBe(5000)

    const folder = mkdtempSync(join(tmpdir(), 'sextant-rollups-'))
    const existing = sqlite.all<{ id: string; workspace_id: string; room_id: number | null }>(
      "SELECT id, workspace_id, room_id FROM contact_events WHERE event_type = 'room_join' LIMIT 3",
    )
    // Turn three room joins into bookings (an upsert) and add one new event (an append).
    const lines = existing.map(
      (row) =>
        `{"id":"${row.id}","workspace_id":"${row.workspace_id}","event_type":"booking","created_at":"2026-11-01"}`,
    )
    lines.push(
      '{"id":"brand_new","workspace_id":"acme","event_type":"signup","created_at":"2026-11-02"}',
    )
    writeFileSync(join(folder, 'contact_events.ndjson'), `${lines.join('\n')}\n`)
    runImport(sqlite, [{ path: join(folder, 'contact_events.ndjson') }])
    expect(fromRollups(sqlite)).toEqual(fromEvents(sqlite))

    writeFileSync(
      join(folder, 'more.ndjson'),
      '{"id":"append_only","workspace_id":"acme","event_type":"booking","created_at":"2026-11-03"}\n',
    )
    runImport(sqlite, [{ path: join(folder, 'more.ndjson'), entity: 'contact_events' }])
    expect(fromRollups(sqlite)).toEqual(fromEvents(sqlite))

    // One id twice in one import, and a type whose last event changes type: its rollup row goes.
    writeFileSync(
      join(folder, 'twice.ndjson'),
      [
        '{"id":"append_only","workspace_id":"acme","event_type":"rare_type","created_at":"2026-11-03"}',
        '{"id":"twice","workspace_id":"acme","event_type":"rare_type","created_at":"2026-11-03"}',
        '{"id":"twice","workspace_id":"acme","event_type":"other_type","created_at":"2026-11-03"}',
      ].join('\n'),
    )
    runImport(sqlite, [{ path: join(folder, 'twice.ndjson'), entity: 'contact_events' }])
    expect(fromRollups(sqlite)).toEqual(fromEvents(sqlite))
    writeFileSync(
      join(folder, 'gone.ndjson'),
      '{"id":"append_only","workspace_id":"acme","event_type":"signup","created_at":"2026-11-03"}\n',
    )
    runImport(sqlite, [{ path: join(folder, 'gone.ndjson'), entity: 'contact_events' }])
    expect(fromRollups(sqlite)).toEqual(fromEvents(sqlite))
    expect(sqlite.all("SELECT n FROM event_type_totals WHERE event_type = 'rare_type'")).toEqual([])

    const before = fromRollups(sqlite)
    writeFileSync(
      join(folder, 'bad.ndjson'),
      '{"id":"x1","workspace_id":"acme","event_type":"booking","created_at":"2026-11-03"}\n{"id":"x2","workspace_id":"nowhere","event_type":"booking","created_at":"2026-11-03"}\n',
    )
    expect(() =>
      runImport(sqlite, [{ path: join(folder, 'bad.ndjson'), entity: 'contact_events' }]),
    ).toThrow(/nowhere/)
    expect(fromRollups(sqlite)).toEqual(before)
  })
})
