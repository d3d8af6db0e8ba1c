// Rule (issue #14 item 4): every KPI tile has one definition, and two different quantities never
// share a name. So: labels are unique; every figure of the Overview contract and every booking
// widget maps to a definition; a figure that ignores the chosen days says so in its label; each
// definition names its timestamp (a column) unless it has none; the popover's window line reads
// the page's days.
import { describe, expect, it } from 'vitest'
import { OverviewKpi } from '../api/overview'
import {
  BOOKING_WIDGET_TILES,
  KPI_DEFINITIONS,
  OVERVIEW_TILES,
  campaignStatusKpi,
  describeKpi,
  describeWindow,
  lastDaysChosen,
  type ChosenDays,
} from './kpi-definitions'

const definitions = Object.values(KPI_DEFINITIONS)

describe('KPI definitions', () => {
  it('no two definitions share a label', () => {
    const seen = new Map<string, string>()
    const clashes: string[] = []
    for (const definition of definitions) {
      const other = seen.get(definition.label.toLowerCase())
      if (other !== undefined) clashes.push(`${other} and ${definition.id}: "${definition.label}"`)
      seen.set(definition.label.toLowerCase(), definition.id)
    }
    expect(clashes).toEqual([])
  })

  it('each is filed under its own id, with every field written', () => {
    for (const [id, definition] of Object.entries(KPI_DEFINITIONS)) {
      expect(definition.id).toBe(id)
      for (const field of ['label', 'counts', 'timestamp', 'source'] as const)
        expect(definition[field].trim(), `${id}.${field}`).not.toBe('')
    }
  })

  it('every figure of the Overview contract has a tile with a definition', () => {
    // The contract lists its keys in the description of `key`.
    const keys = String((OverviewKpi.properties.key as { description?: string }).description)
      .split(',')
      .map((key) => key.trim())
    expect(keys).toHaveLength(13)
    expect(Object.keys(OVERVIEW_TILES)).toEqual(keys)
    for (const key of keys) expect(KPI_DEFINITIONS[OVERVIEW_TILES[key]!.kpi]).toBeDefined()
  })

  it('every booking widget has a tile with a definition', () => {
    expect(Object.keys(BOOKING_WIDGET_TILES)).toEqual([
      'Total Bookings',
      'Completed Bookings',
      'Cancelled Bookings',
      'Total Guests',
    ])
    for (const id of Object.values(BOOKING_WIDGET_TILES)) expect(KPI_DEFINITIONS[id]).toBeDefined()
  })

  it('the same quantity on two pages is one definition: bookings made', () => {
    expect(OVERVIEW_TILES.bookingTotal!.kpi).toBe(BOOKING_WIDGET_TILES['Total Bookings'])
  })

  it('the pairs of issue #14 carry different names', () => {
    const label = (id: keyof typeof KPI_DEFINITIONS): string => KPI_DEFINITIONS[id].label
    expect(label('overview.bookingsCompletedByBookingDate')).toBe(
      'Bookings completed (by booking date)',
    )
    expect(label('bookings.completedByMeetingEnd')).toBe('Bookings completed (by meeting end)')
    expect(label('overview.openRate')).toBe('Open rate (of sent)')
    expect(label('campaign.openRate')).toBe('Open rate (of delivered)')
    expect(label('overview.callCompletionRate')).toBe('Call completion rate')
    expect(label('calls.taskSuccessRate')).toBe('Task success rate (all time)')
    expect(label('workspace.bookingEvents')).toBe('Booking events (all time)')
  })

  it('a figure that ignores the chosen days says so in its label', () => {
    for (const definition of definitions) {
      if (definition.window === 'allTime') expect(definition.label).toMatch(/\(all time\)$/)
      else if (definition.window === 'now') expect(definition.label).toMatch(/ now$|status$/i)
      else expect(definition.label).not.toMatch(/all time/)
    }
  })

  it('a windowed figure names the column that places a record; the others say none does', () => {
    for (const definition of definitions) {
      if (definition.window === 'chosen')
        expect(definition.timestamp, definition.id).toMatch(/\([a-z_]+\.[a-z_]+\)/)
      else expect(definition.timestamp, definition.id).toMatch(/^none: /)
    }
  })

  it('rates of sent and of delivered say which', () => {
    for (const definition of definitions) {
      if (/^(Open|Click|Bounce) rate/.test(definition.label))
        expect(definition.label).toMatch(/\(of (sent|delivered)\)$/)
    }
  })

  it('campaign status tiles follow the enum, unknown statuses have none', () => {
    expect(campaignStatusKpi('ACTIVE')?.label).toBe('Active now')
    expect(campaignStatusKpi('ARCHIVED')?.label).toBe('Archived now')
    expect(campaignStatusKpi('RETIRED')).toBeUndefined()
  })
})

describe('the popover text', () => {
  const last30: ChosenDays = lastDaysChosen('2026-11-23', 30, 'UTC')

  it('the period "last N days" ends today, up to now', () => {
    // 2026-11-23 - 29 days = 2026-10-25.
    expect(last30).toEqual({
      from: '2026-10-25',
      to: '2026-11-23',
      days: 30,
      timeZone: 'UTC',
      upToNow: true,
      name: 'the last 30 days',
    })
    expect(describeWindow('chosen', last30, true)).toBe(
      'The last 30 days: 2026-10-25 to 2026-11-23 up to now (calendar days in UTC), against the 30 days before.',
    )
    expect(describeWindow('chosen', last30)).toBe(
      'The last 30 days: 2026-10-25 to 2026-11-23 up to now (calendar days in UTC).',
    )
  })

  it('a range of whole days, and windows that are not the chosen days', () => {
    const range: ChosenDays = {
      from: '2026-11-01',
      to: '2026-11-01',
      days: 1,
      timeZone: 'Europe/Berlin',
      upToNow: false,
      name: 'the day chosen above',
    }
    expect(describeWindow('chosen', range, true)).toBe(
      'The day chosen above: 2026-11-01 to 2026-11-01 included (calendar days in Europe/Berlin), against the 1 day before.',
    )
    expect(describeWindow('allTime', last30)).toBe(
      'All time: every record, whatever days are chosen above.',
    )
    expect(describeWindow('now', last30)).toMatch(/^Now: /)
  })

  it('names what is counted, the timestamp, the window, the scope and the unit', () => {
    const lines = describeKpi(
      KPI_DEFINITIONS['overview.bookingsCompletedByBookingDate'],
      last30,
      true,
    )
    expect(lines.map((line) => line.term)).toEqual([
      'Counts',
      'Placed by',
      'Window',
      'Scope',
      'Shown as',
    ])
    expect(lines[1]!.text).toContain('bookings.created_at')
    expect(lines[2]!.text).toContain('The last 30 days: 2026-10-25 to 2026-11-23')
    expect(lines[3]!.text).toBe('Every booking in the database.')
  })
})
