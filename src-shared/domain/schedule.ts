/**
 * Schedules of sync sources and snapshot captures: `manual`, `every <N>m`, `hourly`, `daily`
 * (every 24 hours), `daily HH:MM` and `weekly <Mon..Sun> HH:MM` (that wall time in the
 * console's timezone). Pure, so the server's schedulers and the UI agree on the next run.
 */
import { addDays, fromLocal, localDate } from './time'

export type Schedule =
  | { readonly kind: 'manual' }
  | { readonly kind: 'every'; readonly minutes: number }
  | { readonly kind: 'daily'; readonly hour: number; readonly minute: number }
  | {
      readonly kind: 'weekly'
      /** 0 = Sunday ... 6 = Saturday. */
      readonly weekday: number
      readonly hour: number
      readonly minute: number
    }

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const

const PATTERN = /^(?:(manual)|(hourly)|daily(?: ([01]\d|2[0-3]):([0-5]\d))?|every ([1-9]\d{0,5})m)$/
const WEEKLY =
  /^weekly (Sun(?:day)?|Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?) ([01]\d|2[0-3]):([0-5]\d)$/i

/** The schedule a text names, or null. */
export function parseSchedule(text: string): Schedule | null {
  const weekly = WEEKLY.exec(text.trim())
  if (weekly !== null) {
    const day = weekly[1]!.slice(0, 1).toUpperCase() + weekly[1]!.slice(1, 3).toLowerCase()
    return {
      kind: 'weekly',
      weekday: WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]),
      hour: Number(weekly[2]),
      minute: Number(weekly[3]),
    }
  }
  const match = PATTERN.exec(text.trim())
  if (match === null) return null
  if (match[1] !== undefined) return { kind: 'manual' }
  if (match[2] !== undefined) return { kind: 'every', minutes: 60 }
  if (match[5] !== undefined) return { kind: 'every', minutes: Number(match[5]) }
  if (match[3] !== undefined)
    return { kind: 'daily', hour: Number(match[3]), minute: Number(match[4]) }
  return { kind: 'every', minutes: 24 * 60 }
}

/**
 * When a source next runs: `every` counts from the last run's start (a source never run is due
 * at once); `daily HH:MM` is the first such wall time after the last run (after creation when
 * never run). Null for manual.
 */
export function nextRunAt(
  schedule: Schedule,
  lastStart: number | null,
  createdAt: number,
  timeZone: string,
): number | null {
  if (schedule.kind === 'manual') return null
  if (schedule.kind === 'every')
    return lastStart === null ? createdAt : lastStart + schedule.minutes * 60_000
  const after = lastStart ?? createdAt
  let date = localDate(after, timeZone)
  for (let step = 0; step < 9; step++) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
    const at = fromLocal(date, timeZone, schedule.hour, schedule.minute)
    if (at > after && (schedule.kind === 'daily' || weekday === schedule.weekday)) return at
    date = addDays(date, 1)
  }
  return null
}
