// Rule: the schedule select and its fields read every stored schedule string back as the same
// string, and say what is wrong with a field instead of sending a schedule the server refuses.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCHEDULE, describeSchedule, scheduleState, scheduleText } from './schedule'

describe('schedule select <-> string', () => {
  it('reads presets, every N minutes and daily at HH:MM', () => {
    expect(scheduleState('manual')).toEqual({ choice: 'manual', minutes: '60', time: '06:00' })
    expect(scheduleState('hourly').choice).toBe('hourly')
    expect(scheduleState('every 15m').choice).toBe('every 15m')
    expect(scheduleState('daily').choice).toBe('daily')
    expect(scheduleState('every 45m')).toEqual({ choice: 'every', minutes: '45', time: '06:00' })
    expect(scheduleState('daily 23:05')).toEqual({
      choice: 'daily-at',
      minutes: '60',
      time: '23:05',
    })
    // not a schedule: shown as manual
    expect(scheduleState('daily 24:00')).toEqual(DEFAULT_SCHEDULE)
    expect(scheduleState('weekly')).toEqual(DEFAULT_SCHEDULE)
  })

  it('round-trips every schedule string', () => {
    for (const text of ['manual', 'every 15m', 'every 30m', 'hourly', 'every 360m', 'daily'])
      expect(scheduleText(scheduleState(text))).toEqual({ value: text })
    expect(scheduleText(scheduleState('every 7m'))).toEqual({ value: 'every 7m' })
    expect(scheduleText(scheduleState('daily 06:30'))).toEqual({ value: 'daily 06:30' })
  })

  it('builds from the fields and refuses bad ones', () => {
    expect(scheduleText({ choice: 'every', minutes: ' 90 ', time: '' })).toEqual({
      value: 'every 90m',
    })
    expect(scheduleText({ choice: 'every', minutes: '0', time: '' })).toHaveProperty('error')
    expect(scheduleText({ choice: 'every', minutes: '1.5', time: '' })).toHaveProperty('error')
    expect(scheduleText({ choice: 'every', minutes: '', time: '' })).toHaveProperty('error')
    expect(scheduleText({ choice: 'daily-at', minutes: '', time: '07:15' })).toEqual({
      value: 'daily 07:15',
    })
    expect(scheduleText({ choice: 'daily-at', minutes: '', time: '' })).toHaveProperty('error')
    expect(scheduleText({ choice: 'daily-at', minutes: '', time: '7:15' })).toHaveProperty('error')
  })

  it('describes a schedule in words', () => {
    expect(describeSchedule('manual')).toBe('Manual')
    expect(describeSchedule('hourly')).toBe('Hourly')
    expect(describeSchedule('daily')).toBe('Daily')
    expect(describeSchedule('daily 06:30')).toBe('Daily at 06:30')
    expect(describeSchedule('every 15m')).toBe('Every 15 min')
    expect(describeSchedule('every 90m')).toBe('Every 90 min')
    expect(describeSchedule('every 360m')).toBe('Every 6 h')
  })
})
