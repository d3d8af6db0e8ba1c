/**
 * Console settings kept in the database (`settings` table), such as the timezone days are
 * counted in. `SEXTANT_TZ` overrides the stored timezone.
 */
import { isTimeZone } from '../../src-shared/domain/time'
import type { DbClient } from './db/client'
import { BadRequest } from './errors'

/** The timezone: `SEXTANT_TZ`, else the `timezone` setting, else UTC. Refuses unknown names. */
export async function resolveTimeZone(
  db: DbClient,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const fromEnv = env.SEXTANT_TZ
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isTimeZone(fromEnv))
      throw new BadRequest(
        `SEXTANT_TZ is not a timezone name: ${JSON.stringify(fromEnv)} (e.g. Europe/Berlin)`,
      )
    return fromEnv
  }
  const row = await db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'timezone'")
  if (row !== undefined && isTimeZone(row.value)) return row.value
  return 'UTC'
}
