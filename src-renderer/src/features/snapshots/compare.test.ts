// Rule: the comparison shows figures (ids are left out) in their units, the kind each figure's
// contract declares (the server reads it, the name is never consulted), with the change from A
// to B computed from the two values, coloured by whether it is good news.
import { describe, expect, it } from 'vitest'
import {
  changeOf,
  compareRow,
  compareSections,
  formatDelta,
  formatRelative,
  formatValue,
  isIdFigure,
  sectionNames,
  type Figure,
} from './compare'

const figure = (
  section: string,
  name: string,
  a: number | null,
  b: number | null,
  kind: Figure['kind'] = 'count',
): Figure => ({
  section,
  figure: name,
  kind,
  a,
  b,
  delta: null,
  change: null,
})

describe('comparing snapshots', () => {
  it('leaves identifiers out', () => {
    expect(isIdFigure('297 · event_id')).toBe(true)
    expect(isIdFigure('297 · slot.id')).toBe(true)
    expect(isIdFigure('916 · created_by')).toBe(true)
    expect(isIdFigure('page_view · count')).toBe(false)
    expect(isIdFigure('contacts')).toBe(false)
    expect(isIdFigure('id')).toBe(false)
  })

  it('shows a figure in the unit it carries, whatever its name (issue #14 item 3)', () => {
    // `conversions` was read as a rate by its name: a count of 1 showed as "100%".
    const conversions = compareRow(figure('Attribution', 'conversions', 1, 2, 'count'))
    expect(conversions.unit).toBe('count')
    expect(formatValue(conversions.unit, conversions.a)).toBe('1')
    expect(formatDelta(conversions.unit, conversions.delta)).toBe('+1')
    const openRate = compareRow(figure('Campaign: Messages', 'openRate', 1, 0.5, 'rate'))
    expect(formatValue(openRate.unit, openRate.a)).toBe('100%')
    // 0.5 - 1 = -0.5 = 50 percentage points down
    expect(formatDelta(openRate.unit, openRate.delta)).toBe('−50 pts')
    // A percent below 1 is still a percent (it was shown as "50%" when read as a ratio).
    const success = compareRow(figure('Calls', 'success_rate', 0.5, 72.08, 'percent'))
    expect(formatValue(success.unit, success.a)).toBe('0.5%')
    expect(formatValue(success.unit, success.b)).toBe('72.08%')
    // 72.08 - 0.5 = 71.58 points
    expect(formatDelta(success.unit, success.delta)).toBe('+71.58 pts')
    const duration = compareRow(figure('Calls', 'avg_duration_seconds', 65, 125, 'duration'))
    expect(formatValue(duration.unit, duration.a)).toBe('1m 05s')
    expect(formatDelta(duration.unit, duration.delta)).toBe('+1m 00s')
    const stat = compareRow(
      figure('Bookings', 'Bookings / this month · stat', 12.5, 250, 'percent'),
    )
    expect(formatValue(stat.unit, stat.b)).toBe('250%')
    const recorded = compareRow(figure('KPIs', 'recordingDuration', 135250, 135250, 'duration'))
    expect(formatValue(recorded.unit, recorded.a)).toBe('37h 34m')
    // Of no declared kind: the plain number.
    expect(formatValue(compareRow(figure('S', 'x', 0.25, 1, null)).unit, 0.25)).toBe('0.25')
  })

  it('computes the change from the two values', () => {
    expect(changeOf(49, 52)).toEqual({ delta: 3, change: 3 / 49 })
    expect(changeOf(6, 5)).toEqual({ delta: -1, change: -1 / 6 })
    expect(changeOf(0.1, 0.3)).toEqual({ delta: 0.2, change: 2 })
    expect(changeOf(0, 0)).toEqual({ delta: 0, change: 0 })
    expect(changeOf(0, 5)).toEqual({ delta: 5, change: null })
    expect(changeOf(null, 5)).toEqual({ delta: null, change: null })
    // a negative A: the change is relative to its size, so a rise reads as a rise
    expect(changeOf(-0.5, 0.25)).toEqual({ delta: 0.75, change: 1.5 })
  })

  it('writes values and differences in their units', () => {
    expect(formatValue('count', 1234)).toBe('1,234')
    expect(formatValue('rate', 0.4022)).toBe('40.22%')
    expect(formatValue('percent', 38.98)).toBe('38.98%')
    // 36141 s = 10 h 2 min 21 s
    expect(formatValue('duration', 36141)).toBe('10h 02m')
    expect(formatValue('change', 0.3898)).toBe('+39%')
    expect(formatValue('count', null)).toBe('–')
    expect(formatDelta('count', 3)).toBe('+3')
    expect(formatDelta('count', -22)).toBe('\u221222')
    expect(formatDelta('count', 0)).toBe('0')
    expect(formatDelta('rate', 0.031)).toBe('+3.1 pts')
    expect(formatDelta('percent', -5.5)).toBe('\u22125.5 pts')
    // 28277 s = 7 h 51 min 17 s
    expect(formatDelta('duration', -28277)).toBe('\u22127h 51m')
    expect(formatDelta('count', null)).toBe('–')
  })

  it('says whether a change is good news', () => {
    const contacts = compareRow(figure('Overview: KPIs', 'contacts', 49, 52))
    expect(contacts).toMatchObject({ direction: 'up', good: true, delta: 3, label: 'Contacts' })
    // 3 / 49 = 6.12% -> one decimal
    expect(formatRelative(contacts)).toBe('+6.1%')
    const cancelled = compareRow(figure('Overview: KPIs', 'bookingsCancelled', 6, 5))
    expect(cancelled).toMatchObject({ direction: 'down', good: true })
    // 1 / 6 = 16.67%
    expect(formatRelative(cancelled)).toBe('\u221216.7%')
    const fewer = compareRow(figure('Overview: KPIs', 'recordings · previous', 29, 7))
    expect(fewer).toMatchObject({ direction: 'down', good: false, label: 'Recordings · Previous' })
    expect(compareRow(figure('S', 'rooms', 0, 0))).toMatchObject({ direction: 'flat', good: null })
    expect(formatRelative(compareRow(figure('S', 'rooms', 0, 0)))).toBe('0%')
    expect(formatRelative(compareRow(figure('S', 'rooms', 0, 2)))).toBe('new')
    const missing = compareRow(figure('S', 'rooms', null, 2))
    expect(missing.direction).toBe('missing')
    expect(formatRelative(missing)).toBe('only in B')
    expect(formatRelative(compareRow(figure('S', 'rooms', 2, null)))).toBe('only in A')
    expect(formatRelative(compareRow(figure('S', 'rooms · change', 0.2, 0.1, 'change')))).toBe('–')
  })

  it('groups figures by section, in order, and filters them', () => {
    const figures = [
      figure('KPIs', 'contacts', 49, 52),
      figure('KPIs', 'rooms', 0, 0),
      figure('Latest', '297 · event_id', 4, 5, 'id'),
      figure('Calls', 'status_code', 200, 200, 'id'),
      figure('Trend', '2026-11-01 · contacts', 1, 2),
      figure('KPIs', 'calls', 47, 45),
    ]
    const all = compareSections(figures)
    expect(all.map((section) => [section.section, section.rows.map((row) => row.figure)])).toEqual([
      ['KPIs', ['contacts', 'rooms', 'calls']],
      ['Trend', ['2026-11-01 · contacts']],
    ])
    const changes = compareSections(figures, { onlyChanges: true, section: null })
    expect(changes[0]!.rows.map((row) => row.figure)).toEqual(['contacts', 'calls'])
    const trend = compareSections(figures, { onlyChanges: false, section: 'Trend' })
    expect(trend.map((section) => section.section)).toEqual(['Trend'])
    expect(sectionNames(figures)).toEqual(['KPIs', 'Trend'])
  })
})
