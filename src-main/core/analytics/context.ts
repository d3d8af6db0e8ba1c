/**
 * What every analytics module needs: the database, "now", the timezone, and the helpers that
 * turn them into windows and local-day buckets. Modules are pure functions
 * `(context, params) -> response`; the routes only validate and call them.
 */
import type { SqlValue } from 'sql.js'
import type { DbClient } from '../db/client'
import type { EventStreams } from './event-stream'
import {
  DAY_MS,
  LocalDays,
  addDays,
  dayNumberDate,
  lastDates,
  localDate,
  startOfLocalDay,
} from '../../../src-shared/domain/time'

export interface AnalyticsContext {
  readonly db: DbClient
  /** Epoch ms of now. */
  readonly now: number
  /** IANA timezone days are counted in. */
  readonly timeZone: string
  /** The per-workspace event streams of the per-actor endpoints. */
  readonly streams: EventStreams
}

/**
 * "The last N days" (DATA.md): from the start of local day today-(N-1) up to now, inclusive.
 * Days, their starts and the day an instant counts in all come from time.ts's one definition
 * (`localDate`, `startOfLocalDay`, `LocalDays`), so every endpoint cuts days at the same instants.
 */
export interface Window {
  readonly days: number
  /** Epoch ms of the first instant. */
  readonly start: number
  /** Epoch ms of now (the last instant, inclusive). */
  readonly end: number
  /** Local date of the first day. */
  readonly firstDate: string
  /** Local date of today. */
  readonly today: string
}

export function lastDays(context: AnalyticsContext, days: number): Window {
  const today = localDate(context.now, context.timeZone)
  const firstDate = addDays(today, -(days - 1))
  return {
    days,
    start: startOfLocalDay(firstDate, context.timeZone),
    end: context.now,
    firstDate,
    today,
  }
}

/** Every local date of a window, ascending. */
export function datesOf(window: Window): string[] {
  return lastDates(window.today, window.days)
}

/** Rounds half away from zero to `places` decimals. */
export function round(value: number, places: number): number {
  if (!Number.isFinite(value)) return 0
  const factor = 10 ** places
  const rounded = Math.round(Math.abs(value) * factor + Number.EPSILON * factor) / factor
  return value < 0 ? -rounded : rounded
}

/** A ratio rounded to 4 decimals, 0 when the denominator is 0. */
export function rate(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : round(numerator / denominator, 4)
}

const QUARTER_HOUR = 900_000

/**
 * Counts rows per local day: SQL groups by a slot (a UTC day when the zone is UTC, else 15
 * minutes), and the slots are folded into local days here. A slot must not straddle the start
 * of a day; 15 minutes never does today, but some zones' past offsets (Africa/Monrovia's
 * -00:44:30 until 1972, Pacific/Kiritimati's -10:40 until 1995, local mean times) put days'
 * starts between quarter hours, so a fold that meets a straddling slot runs the query again with
 * 1-second slots (ICU's offsets and changes are whole seconds).
 * `sql(slot)` must select `slot` (as `slot(column)`) and `n`, grouped by slot (plus keys), over
 * `created_at BETWEEN :start AND :end` or the like.
 */
export type SlotSql = (slot: (column: string) => string) => string

/**
 * The slot of a column's instant for a slot length. SQLite's `/` truncates towards zero, which
 * would fold an instant before 1970 into the slot after it: windows that reach back that far
 * (`start` < 0) get floor division, the others the plain, faster one.
 */
function slotExpression(slotMs: number, start: SqlValue | undefined): (column: string) => string {
  return typeof start === 'number' && start >= 0
    ? (column) => `(${column} / ${slotMs})`
    : (column) => `(${column} / ${slotMs} - (${column} % ${slotMs} < 0))`
}

/** The slot lengths `countByDay` tries, coarsest first. */
const slotLengths = (timeZone: string): number[] =>
  timeZone === 'UTC' ? [DAY_MS] : [QUARTER_HOUR, 1000, 1]

/**
 * The local day of an instant as a day number (days since 1970-01-01), for loops over many
 * events (see `LocalDays`: one timezone lookup per 15-minute slot, each day's start once).
 */
export function localDayNumbers(timeZone: string): (epochMs: number) => number {
  return new LocalDays(timeZone).dayOf
}

export { dayNumberDate }

/** Rows of `sql` (selecting `slot`, `n` and optional keys) folded into date -> key -> count. */
export async function countByDay(
  context: AnalyticsContext,
  sql: SlotSql,
  params: Readonly<Record<string, SqlValue>>,
  key: (row: Record<string, unknown>) => string = () => '',
): Promise<Map<string, Map<string, number>>> {
  const days = new LocalDays(context.timeZone)
  for (const slotMs of slotLengths(context.timeZone)) {
    const rows = await context.db.query<{ slot: number; n: number } & Record<string, unknown>>(
      sql(slotExpression(slotMs, params.start)),
      params,
    )
    const byDay = foldSlots(rows, slotMs, days, key)
    if (byDay !== null) return byDay
  }
  throw new Error('countByDay: a 1 ms slot straddled a day') // a slot of 1 ms cannot
}

/** The rows folded into date -> key -> count, or null when a slot straddles a day's start. */
function foldSlots(
  rows: readonly ({ slot: number; n: number } & Record<string, unknown>)[],
  slotMs: number,
  days: LocalDays,
  key: (row: Record<string, unknown>) => string,
): Map<string, Map<string, number>> | null {
  const byDay = new Map<string, Map<string, number>>()
  const dates = new Map<number, string>()
  for (const row of rows) {
    let date = dates.get(row.slot)
    if (date === undefined) {
      const start = row.slot * slotMs
      const day = days.dayOf(start)
      if (start + slotMs > days.start(day + 1)) return null
      date = dayNumberDate(day)
      dates.set(row.slot, date)
    }
    let counts = byDay.get(date)
    if (counts === undefined) {
      counts = new Map()
      byDay.set(date, counts)
    }
    const name = key(row)
    counts.set(name, (counts.get(name) ?? 0) + Number(row.n))
  }
  return byDay
}

/** An event's actor (DATA.md): contact_id when present, else visitor_id. */
export const ACTOR_SQL = 'coalesce(contact_id, visitor_id)'
