/**
 * Console settings kept in the database (`settings` table), such as the timezone days are
 * counted in. `SEXTANT_TZ` overrides the stored timezone.
 */
import { isTimeZone } from '../../src-shared/domain/time'
import type { DbClient } from './db/client'
import { BadRequest, Conflict } from './errors'

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

/** The timezone the console counts days in, changeable from the UI unless `SEXTANT_TZ` is set. */
export class TimeZoneSetting {
  private constructor(
    private readonly db: DbClient,
    private value: string,
    /** Where the value comes from. */
    readonly source: 'environment' | 'setting',
  ) {}

  static async load(db: DbClient, env: NodeJS.ProcessEnv = process.env): Promise<TimeZoneSetting> {
    const value = await resolveTimeZone(db, env)
    const fromEnv = env.SEXTANT_TZ !== undefined && env.SEXTANT_TZ !== ''
    return new TimeZoneSetting(db, value, fromEnv ? 'environment' : 'setting')
  }

  get current(): string {
    return this.value
  }

  /** Stores a new timezone; refused for unknown names and while `SEXTANT_TZ` overrides it. */
  async set(timeZone: string): Promise<void> {
    if (!isTimeZone(timeZone))
      throw new BadRequest(`timezone: not a timezone name: ${JSON.stringify(timeZone)}`)
    if (this.source === 'environment')
      throw new Conflict('the timezone is set by SEXTANT_TZ; unset it to choose one here')
    await writeSetting(this.db, 'timezone', timeZone)
    this.value = timeZone
  }
}

/** The port API.md names for the loopback API when none is chosen. */
export const DEFAULT_PORT = 4477

/** The port the desktop app asks for at start (the `port` setting), or undefined for the default. */
export async function readPortSetting(db: DbClient): Promise<number | undefined> {
  const row = await db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'port'")
  const port = Number(row?.value)
  return row !== undefined && Number.isInteger(port) && port >= 1 && port <= 65535
    ? port
    : undefined
}

export async function writePortSetting(db: DbClient, port: number): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new BadRequest(`port: must be a whole number from 1 to 65535, found ${port}`)
  await writeSetting(db, 'port', String(port))
}

/** Stores one setting (a console table: the record caches stay valid). */
async function writeSetting(db: DbClient, key: string, value: string): Promise<void> {
  await db.write(
    [
      {
        sql: 'INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        params: { key, value },
      },
    ],
    { records: false },
  )
}
