/**
 * The lifetime rollups of contact events (migration 004). An import that only adds events adds
 * its counts to them; one that replaced existing events (an upsert) rebuilds them from the
 * events table, since the replaced rows' old values are gone. Both run inside the import's
 * transaction, so a failed import leaves the rollups as they were.
 */
import type { SqlValue } from 'sql.js'
import type { Sqlite } from './sqlite'

/** Column positions in a contact_events record (entities.ts order). */
const WORKSPACE = 1
const EVENT_TYPE = 4
const ROOM = 5
const BOOKING_PAGE = 6

export class EventRollups {
  private readonly types = new Map<string, number>()
  private readonly pages = new Map<string, number>()
  private readonly rooms = new Map<string, number>()

  private static bump(map: Map<string, number>, key: string, by: number): void {
    map.set(key, (map.get(key) ?? 0) + by)
  }

  private count(values: readonly SqlValue[], by: number): void {
    const workspace = values[WORKSPACE] as string
    const type = values[EVENT_TYPE] as string
    EventRollups.bump(this.types, JSON.stringify([workspace, type]), by)
    if (type === 'booking' && values[BOOKING_PAGE] !== null) {
      EventRollups.bump(this.pages, JSON.stringify([workspace, values[BOOKING_PAGE]]), by)
    } else if (type === 'room_join' && values[ROOM] !== null) {
      EventRollups.bump(this.rooms, JSON.stringify([workspace, values[ROOM]]), by)
    }
  }

  /** Counts one written contact event. */
  add(values: readonly SqlValue[]): void {
    this.count(values, 1)
  }

  /** Takes back the counts of an event that a written one replaced. */
  remove(values: readonly SqlValue[]): void {
    this.count(values, -1)
  }

  /** Adds the counted changes to the rollups (replaced events taken out with `remove`). */
  applyDeltas(sqlite: Sqlite): void {
    const upsert = (table: string, column: string, counts: Map<string, number>): void => {
      for (const [key, n] of counts) {
        if (n === 0) continue
        const [workspace, value] = JSON.parse(key) as [string, SqlValue]
        sqlite.run(
          `INSERT INTO ${table} (workspace_id, ${column}, n) VALUES (:w, :v, :n)
           ON CONFLICT (workspace_id, ${column}) DO UPDATE SET n = n + excluded.n`,
          { w: workspace, v: value, n },
        )
      }
    }
    upsert('event_type_totals', 'event_type', this.types)
    upsert('booking_page_totals', 'booking_page_id', this.pages)
    upsert('room_join_totals', 'room_id', this.rooms)
    for (const table of ['event_type_totals', 'booking_page_totals', 'room_join_totals'])
      sqlite.run(`DELETE FROM ${table} WHERE n <= 0`)
  }
}

/** Recomputes every rollup from the events table. */
export function rebuildEventRollups(sqlite: Sqlite): void {
  sqlite.exec(`
    DELETE FROM event_type_totals;
    DELETE FROM booking_page_totals;
    DELETE FROM room_join_totals;
    INSERT INTO event_type_totals
      SELECT workspace_id, event_type, count(*) FROM contact_events GROUP BY workspace_id, event_type;
    INSERT INTO booking_page_totals
      SELECT workspace_id, booking_page_id, count(*) FROM contact_events
      WHERE event_type = 'booking' AND booking_page_id IS NOT NULL GROUP BY workspace_id, booking_page_id;
    INSERT INTO room_join_totals
      SELECT workspace_id, room_id, count(*) FROM contact_events
      WHERE event_type = 'room_join' AND room_id IS NOT NULL GROUP BY workspace_id, room_id;
  `)
}
