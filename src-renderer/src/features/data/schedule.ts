/**
 * A source's schedule as the form edits it: a select of common choices, plus a minutes field
 * ("every N minutes") or a time field ("every day at HH:MM"), to and from the schedule strings
 * the server stores (`manual`, `every <N>m`, `hourly`, `daily`, `daily HH:MM`).
 */

/** The select's values: the presets as their schedule strings, and the two that take a field. */
export type ScheduleChoice =
  'manual' | 'every 15m' | 'every 30m' | 'hourly' | 'every 360m' | 'daily' | 'daily-at' | 'every'

export interface ScheduleState {
  readonly choice: ScheduleChoice
  /** For 'every': whole minutes, as typed. */
  readonly minutes: string
  /** For 'daily-at': HH:MM (an `<input type="time">` value). */
  readonly time: string
}

export const SCHEDULE_CHOICES: readonly { value: ScheduleChoice; label: string }[] = [
  { value: 'manual', label: 'Manual only' },
  { value: 'every 15m', label: 'Every 15 minutes' },
  { value: 'every 30m', label: 'Every 30 minutes' },
  { value: 'hourly', label: 'Every hour' },
  { value: 'every 360m', label: 'Every 6 hours' },
  { value: 'daily', label: 'Every day' },
  { value: 'daily-at', label: 'Every day at…' },
  { value: 'every', label: 'Every N minutes…' },
]

const PRESETS: readonly string[] = [
  'manual',
  'every 15m',
  'every 30m',
  'hourly',
  'every 360m',
  'daily',
]
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

export const DEFAULT_SCHEDULE: ScheduleState = { choice: 'manual', minutes: '60', time: '06:00' }

/** The form state of a stored schedule (anything unknown reads as manual). */
export function scheduleState(text: string): ScheduleState {
  const trimmed = text.trim()
  if (PRESETS.includes(trimmed)) return { ...DEFAULT_SCHEDULE, choice: trimmed as ScheduleChoice }
  const every = /^every ([1-9]\d*)m$/.exec(trimmed)
  if (every !== null) return { ...DEFAULT_SCHEDULE, choice: 'every', minutes: every[1]! }
  const at = /^daily (\d\d:\d\d)$/.exec(trimmed)
  if (at !== null && TIME.test(at[1]!))
    return { ...DEFAULT_SCHEDULE, choice: 'daily-at', time: at[1]! }
  return DEFAULT_SCHEDULE
}

/** The schedule string of a form state, or what is wrong with its field. */
export function scheduleText(state: ScheduleState): { value: string } | { error: string } {
  if (state.choice === 'every') {
    const minutes = state.minutes.trim()
    if (!/^[1-9]\d{0,5}$/.test(minutes))
      return { error: 'Schedule: the minutes must be a whole number from 1' }
    return { value: `every ${Number(minutes)}m` }
  }
  if (state.choice === 'daily-at') {
    if (!TIME.test(state.time)) return { error: 'Schedule: give the time as HH:MM' }
    return { value: `daily ${state.time}` }
  }
  return { value: state.choice }
}

/** "every 90m" -> "Every 90 min", "every 360m" -> "Every 6 h", "daily 06:30" -> "Daily at 06:30". */
export function describeSchedule(text: string): string {
  if (text === 'manual') return 'Manual'
  if (text === 'hourly') return 'Hourly'
  if (text === 'daily') return 'Daily'
  const at = /^daily (\d\d:\d\d)$/.exec(text)
  if (at !== null) return `Daily at ${at[1]}`
  const every = /^every (\d+)m$/.exec(text)
  if (every !== null) {
    const minutes = Number(every[1])
    return minutes % 60 === 0 ? `Every ${minutes / 60} h` : `Every ${minutes} min`
  }
  return text
}
