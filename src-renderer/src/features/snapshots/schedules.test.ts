// Rule: the schedule form writes the strings the console parses, and reads them back as words.
import { describe, expect, it } from 'vitest'
import { parseSchedule } from '../../../../src-shared/domain/schedule'
import { DEFAULT_FORM, WEEK, describeSchedule, scheduleString } from './schedules'

describe('capture schedules', () => {
  it('writes schedule strings from the form', () => {
    expect(scheduleString(DEFAULT_FORM)).toEqual({ value: 'weekly Mon 09:00' })
    expect(scheduleString({ ...DEFAULT_FORM, weekday: 'Fri', time: '17:30' })).toEqual({
      value: 'weekly Fri 17:30',
    })
    expect(scheduleString({ ...DEFAULT_FORM, frequency: 'daily-at', time: '06:30' })).toEqual({
      value: 'daily 06:30',
    })
    expect(scheduleString({ ...DEFAULT_FORM, frequency: 'every', minutes: ' 90 ' })).toEqual({
      value: 'every 90m',
    })
    expect(scheduleString({ ...DEFAULT_FORM, frequency: 'hourly' })).toEqual({ value: 'hourly' })
    expect(scheduleString({ ...DEFAULT_FORM, frequency: 'daily' })).toEqual({ value: 'daily' })
  })

  it('says what is wrong with a field', () => {
    expect(scheduleString({ ...DEFAULT_FORM, time: '9:00' })).toHaveProperty('error')
    expect(scheduleString({ ...DEFAULT_FORM, time: '24:00' })).toHaveProperty('error')
    expect(scheduleString({ ...DEFAULT_FORM, frequency: 'every', minutes: '0' })).toHaveProperty(
      'error',
    )
    expect(scheduleString({ ...DEFAULT_FORM, frequency: 'every', minutes: '1.5' })).toHaveProperty(
      'error',
    )
  })

  it('writes only schedules the console parses', () => {
    for (const form of [
      DEFAULT_FORM,
      { ...DEFAULT_FORM, weekday: 'Sun' as const },
      { ...DEFAULT_FORM, frequency: 'daily-at' as const },
      { ...DEFAULT_FORM, frequency: 'every' as const, minutes: '15' },
      { ...DEFAULT_FORM, frequency: 'hourly' as const },
      { ...DEFAULT_FORM, frequency: 'daily' as const },
    ]) {
      const text = scheduleString(form)
      if (!('value' in text)) throw new Error(`no schedule for ${JSON.stringify(form)}`)
      const parsed = parseSchedule(text.value)
      expect(parsed, text.value).not.toBeNull()
      expect(parsed!.kind).not.toBe('manual')
    }
    expect(parseSchedule('weekly Sun 09:00')).toEqual({
      kind: 'weekly',
      weekday: 0,
      hour: 9,
      minute: 0,
    })
  })

  it('reads schedules as words', () => {
    expect(describeSchedule('weekly Mon 09:00')).toBe('Every Monday at 09:00')
    expect(describeSchedule('weekly sunday 18:30')).toBe('Every Sunday at 18:30')
    expect(describeSchedule('daily 06:30')).toBe('Every day at 06:30')
    expect(describeSchedule('daily')).toBe('Every 24 hours')
    expect(describeSchedule('hourly')).toBe('Every hour')
    expect(describeSchedule('every 90m')).toBe('Every 90 minutes')
    expect(describeSchedule('every 120m')).toBe('Every 2 hours')
    expect(describeSchedule('every 60m')).toBe('Every hour')
    expect(describeSchedule('every 1m')).toBe('Every minute')
    expect(describeSchedule('fortnightly')).toBe('fortnightly')
  })

  it('lists the week from Monday', () => {
    expect(WEEK.map((day) => day.value)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'])
    expect(WEEK[6]!.label).toBe('Sunday')
  })
})
