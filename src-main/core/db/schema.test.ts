// Rule: the numbered migrations, applied in order to an empty database, create exactly the
// entities of DATA.md (as entities.ts declares them), and the analytics queries use indexes.
import { describe, expect, it } from 'vitest'
import { ENTITIES } from '../../../src-shared/domain/entities'
import { loadMigrations } from './load-migrations'
import { Sqlite } from './sqlite'

const migrations = loadMigrations(new URL('./migrations/', import.meta.url))

async function migrated(): Promise<Sqlite> {
  const sqlite = await Sqlite.open()
  sqlite.migrate(migrations)
  return sqlite
}

describe('migrations', () => {
  it('are numbered 1..n without gaps and reach the latest version', async () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1))
    const sqlite = await migrated()
    expect(sqlite.version).toBe(migrations.length)
    expect(sqlite.migrate(migrations)).toEqual([])
  })

  it('create every entity with the columns of entities.ts, in order', async () => {
    const sqlite = await migrated()
    for (const entity of ENTITIES) {
      const columns = sqlite.all<{ name: string; notnull: number; pk: number; type: string }>(
        `PRAGMA table_info(${entity.name})`,
      )
      // Every record also carries its change stamp (migration 005), last.
      expect(
        columns.map((c) => c.name),
        entity.name,
      ).toEqual([...entity.columns.map((c) => c.name), 'sync_seq'])
      columns.pop()
      columns.forEach((column, index) => {
        const declared = entity.columns[index]!
        expect(column.notnull === 1, `${entity.name}.${column.name} NOT NULL`).toBe(
          !declared.nullable,
        )
        const sqlType = { text: 'TEXT', enum: 'TEXT', int: 'INTEGER', ts: 'INTEGER', real: 'REAL' }[
          declared.type
        ]
        expect(column.type, `${entity.name}.${column.name}`).toBe(sqlType)
      })
      expect(columns[0]!.pk).toBe(1)
    }
  })

  it('refuse a database from a newer Sextant', async () => {
    const sqlite = await migrated()
    sqlite.exec(`PRAGMA user_version = ${migrations.length + 1}`)
    expect(() => sqlite.migrate(migrations)).toThrow(/newer than this Sextant knows/)
  })

  it('use 16 KiB pages for new databases', async () => {
    const sqlite = await migrated()
    expect(sqlite.get<{ page_size: number }>('PRAGMA page_size')?.page_size).toBe(16384)
  })
})

describe('the analytics queries use indexes', () => {
  const plans: [string, string, RegExp][] = [
    [
      'events in a window',
      'SELECT count(*) FROM contact_events WHERE workspace_id = :w AND created_at >= :a AND created_at < :b',
      /contact_events_workspace_time/,
    ],
    [
      'events of a type in a window',
      "SELECT count(*) FROM contact_events WHERE workspace_id = :w AND event_type = 'booking' AND created_at >= :a",
      /COVERING INDEX contact_events_workspace_time/,
    ],
    [
      'new contacts in a window',
      'SELECT count(*) FROM contacts WHERE workspace_id = :w AND created_at >= :a',
      /contacts_workspace_time/,
    ],
    [
      'campaign messages in a window',
      'SELECT status, count(*) FROM messages WHERE campaign_id = :c AND created_at >= :a GROUP BY status',
      /messages_campaign_time/,
    ],
    [
      'workspace messages in a window',
      'SELECT count(*) FROM messages WHERE workspace_id = :w AND created_at >= :a',
      /messages_workspace_time/,
    ],
    [
      'enrollments in a window',
      'SELECT count(*) FROM enrollments WHERE campaign_id = :c AND enrolled_at >= :a',
      /enrollments_campaign_time/,
    ],
    ['calls of a space', 'SELECT count(*) FROM calls WHERE space_id = :s', /calls_space/],
    [
      'bookings created in a period',
      'SELECT count(*) FROM bookings WHERE created_at >= :a AND created_at < :b',
      /bookings_created/,
    ],
    [
      'completed bookings by end time',
      "SELECT count(*) FROM bookings WHERE status = 'completed' AND end_time >= :a",
      /bookings_status_end/,
    ],
    [
      'next meetings',
      "SELECT * FROM bookings WHERE status = 'scheduled' AND start_time > :now ORDER BY start_time LIMIT 5",
      /bookings_status_start/,
    ],
    [
      'latest activities',
      'SELECT * FROM booking_activities ORDER BY created_at DESC, id DESC LIMIT 100',
      /booking_activities_created/,
    ],
  ]
  it.each(plans)('%s', async (_label, sql, index) => {
    const sqlite = await migrated()
    const plan = sqlite
      .all<{ detail: string }>(
        `EXPLAIN QUERY PLAN ${sql}`,
        Object.fromEntries([...sql.matchAll(/:(\w+)/g)].map((m) => [m[1]!, 1])),
      )
      .map((row) => row.detail)
      .join(' | ')
    expect(plan).toMatch(index)
  })
})
