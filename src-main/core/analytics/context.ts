/**
 * What every analytics module needs: the database, "now", the timezone, and the helpers that
 * turn them into windows and local-day buckets. Modules are pure functions
 * `(context, params) -> response`; the routes only validate and call them.
 */
import type { Params } from '../db/sqlite'
import type { DbClient } from '../db/client'
import type { EventStreams } from './event-stream'
import {
  DAY_MS,
  addDays,
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

/** "The last N days" (DATA.md): from the start of local day today-(N-1) up to now, inclusive. */
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
 * Counts rows per local day: SQL groups by a slot small enough never to straddle a local
 * midnight (a UTC day when the zone is UTC, else 15 minutes, which every real offset is a
 * multiple of), and the slots are folded into local dates here.
 * `sql` must select `slot` (from `slotSql(column)`) and `n`, grouped by slot (plus `keyColumns`).
 */
export function slotSql(column: string, timeZone: string): string {
  return timeZone === 'UTC' ? `(${column} / ${DAY_MS})` : `(${column} / ${QUARTER_HOUR})`
}

/** The length of a slot of `slotSql` in ms. */
const slotMs = (timeZone: string): number => (timeZone === 'UTC' ? DAY_MS : QUARTER_HOUR)

/**
 * The local day of an instant as a day number (days since 1970-01-01), for loops over many
 * events: the last day's [start, end) is remembered (streams are in time order), and otherwise
 * there is one timezone lookup per 15-minute slot and two per day, never one per event.
 */
export function localDayNumbers(timeZone: string): (epochMs: number) => number {
  if (timeZone === 'UTC') return (epochMs) => Math.floor(epochMs / DAY_MS)
  const slotDays = new Map<number, number>()
  const dayRanges = new Map<number, [number, number]>()
  let low = Infinity
  let high = -Infinity
  let last = 0
  return (epochMs) => {
    if (epochMs >= low && epochMs < high) return last
    const slot = Math.floor(epochMs / QUARTER_HOUR)
    let day = slotDays.get(slot)
    if (day === undefined) {
      day = Date.parse(`${localDate(slot * QUARTER_HOUR, timeZone)}T00:00:00Z`) / DAY_MS
      slotDays.set(slot, day)
    }
    let range = dayRanges.get(day)
    if (range === undefined) {
      const date = dayNumberDate(day)
      range = [startOfLocalDay(date, timeZone), startOfLocalDay(addDays(date, 1), timeZone)]
      dayRanges.set(day, range)
    }
    ;[low, high] = range
    last = day
    return day
  }
}

/** The date of a day number. */
export function dayNumberDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Rows of `sql` (selecting `slot`, `n` and optional keys) folded into date -> key -> count. */
export async function countByDay(
  context: AnalyticsContext,
  sql: string,
  params: Params,
  key: (row: Record<string, unknown>) => string = () => '',
): Promise<Map<string, Map<string, number>>> {
  const rows = await context.db.query<{ slot: number; n: number } & Record<string, unknown>>(
    sql,
    params,
  )
  const byDay = new Map<string, Map<string, number>>()
  const dates = new Map<number, string>()
  // A slot never straddles a local midnight, so its first instant names its day.
  const dayOf = localDayNumbers(context.timeZone)
  const length = slotMs(context.timeZone)
  for (const row of rows) {
    let date = dates.get(row.slot)
    if (date === undefined) {
      date = dayNumberDate(dayOf(row.slot * length))
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
