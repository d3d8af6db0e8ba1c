/**
 * The record counts of a database file, read with sql.js straight from the file (no worker, no
 * lock, no migration), so a test can check that a refused import left a database exactly as it
 * was: every entity's row count and the newest change stamp.
 */
import { readFileSync } from 'node:fs'
import initSqlJs from 'sql.js'
import { ENTITY_NAMES } from '../../src-shared/domain/entities'

export async function recordCounts(file: string): Promise<Record<string, number>> {
  const SQL = await initSqlJs()
  const db = new SQL.Database(readFileSync(file))
  try {
    const counts: Record<string, number> = {}
    for (const name of ENTITY_NAMES) {
      counts[name] = Number(db.exec(`SELECT count(*) FROM ${name}`)[0]!.values[0]![0])
    }
    return counts
  } finally {
    db.close()
  }
}
