/**
 * A capture schedule as its form edits it (how often, which day, what time) to and from the
 * schedule strings the console stores: `weekly Mon 09:00`, `daily HH:MM`, `daily`, `hourly`,
 * `every <N>m` (wall times in the console's timezone). Pure.
 */
import { WEEKDAYS } from '../../../../src-shared/domain/schedule'

export type Frequency = 'weekly' | 'daily-at' | 'daily' | 'hourly' | 'every'
export type Weekday = (typeof WEEKDAYS)[number]

export interface ScheduleForm {
  readonly frequency: Frequency
  readonly weekday: Weekday
  /** HH:MM, an `<input type="time">` value. */
  readonly time: string
  /** Whole minutes, as typed. */
  readonly minutes: string
}

export const FREQUENCIES: readonly { value: Frequency; label: string }[] = [
  { value: 'weekly', label: 'Every week on…' },
  { value: 'daily-at', label: 'Every day at…' },
  { value: 'daily', label: 'Every 24 hours' },
  { value: 'hourly', label: 'Every hour' },
  { value: 'every', label: 'Every N minutes…' },
]

const DAY_NAMES: Record<Weekday, string> = {
  Sun: 'Sunday',
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
}

/** Monday first, as a week reads at work. */
export const WEEK: readonly { value: Weekday; label: string }[] = [
  ...WEEKDAYS.slice(1),
  WEEKDAYS[0],
].map((value) => ({ value, label: DAY_NAMES[value] }))

export const DEFAULT_FORM: ScheduleForm = {
  frequency: 'weekly',
  weekday: 'Mon',
  time: '09:00',
  minutes: '60',
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** The schedule string of the form, or what is wrong with it. */
export function scheduleString(form: ScheduleForm): { value: string } | { error: string } {
  switch (form.frequency) {
    case 'weekly':
    case 'daily-at':
      if (!TIME.test(form.time)) return { error: 'Give the time as HH:MM.' }
      return {
        value:
          form.frequency === 'weekly'
            ? `weekly ${form.weekday} ${form.time}`
            : `daily ${form.time}`,
      }
    case 'every': {
      const minutes = form.minutes.trim()
      if (!/^[1-9]\d{0,5}$/.test(minutes))
        return { error: 'The minutes must be a whole number from 1.' }
      return { value: `every ${Number(minutes)}m` }
    }
    case 'daily':
    case 'hourly':
      return { value: form.frequency }
  }
}

/**
 * A schedule string as words: "weekly Mon 09:00" -> "Every Monday at 09:00", "daily 06:30" ->
 * "Every day at 06:30", "every 90m" -> "Every 90 minutes", "every 120m" -> "Every 2 hours".
 */
export function describeSchedule(text: string): string {
  const weekly = /^weekly (Sun|Mon|Tue|Wed|Thu|Fri|Sat)[a-z]* (\d\d:\d\d)$/i.exec(text.trim())
  if (weekly !== null) {
    const day = (weekly[1]!.charAt(0).toUpperCase() +
      weekly[1]!.slice(1, 3).toLowerCase()) as Weekday
    return `Every ${DAY_NAMES[day]} at ${weekly[2]}`
  }
  const at = /^daily (\d\d:\d\d)$/.exec(text)
  if (at !== null) return `Every day at ${at[1]}`
  if (text === 'daily') return 'Every 24 hours'
  if (text === 'hourly') return 'Every hour'
  const every = /^every (\d+)m$/.exec(text)
  if (every !== null) {
    const minutes = Number(every[1])
    if (minutes === 1) return 'Every minute'
    if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`
    return `Every ${minutes} minutes`
  }
  return text
}
