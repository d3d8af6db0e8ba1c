// Rule: the remote figures list shows the figures that moved first, then summary figures before
// array items and ids, with latest, previous and change computed by hand below; the trend is one
// figure's values in snapshot order, labelled in the console's timezone.
import { describe, expect, it } from 'vitest'
import { formatNumber } from '../../../../src-shared/format'
import {
  figureSeries,
  formatDifference,
  pickFigures,
  snapshotLabels,
  type Snapshot,
} from './figures'

const snapshot = (fetchedAt: string, figures: Record<string, number>): Snapshot => ({
  fetchedAt,
  status: 200,
  figures,
})

const history = [
  snapshot('2026-11-21T08:00:00.000Z', {
    'topRooms.0.id': 7,
    'kpis.rooms': 4,
    'kpis.contacts': 100,
    'activityTimeline.0.bookings': 2,
    'messages.openRate': 0.5,
  }),
  snapshot('2026-11-22T08:00:00.000Z', {
    'topRooms.0.id': 7,
    'kpis.rooms': 4,
    'kpis.contacts': 120,
    'activityTimeline.0.bookings': 2,
    'messages.openRate': 0.5,
  }),
  snapshot('2026-11-23T08:30:00.000Z', {
    'topRooms.0.id': 9,
    'kpis.rooms': 4,
    'kpis.contacts': 90,
    'activityTimeline.0.bookings': 3,
    'messages.openRate': 0.5,
    'events.total': 0,
  }),
]

describe('remote figures', () => {
  it('lists moved figures first, then summaries, array items, ids', () => {
    expect(pickFigures(history).map((row) => row.path)).toEqual([
      'kpis.contacts', // moved, summary
      'activityTimeline.0.bookings', // moved, array item
      'topRooms.0.id', // moved, an id
      'kpis.rooms',
      'messages.openRate',
      'events.total',
    ])
  })

  it('computes latest, previous and change from the last two snapshots', () => {
    const rows = Object.fromEntries(pickFigures(history).map((row) => [row.path, row]))
    expect(rows['kpis.contacts']).toEqual({
      path: 'kpis.contacts',
      latest: 90,
      previous: 120,
      change: -30,
      ratio: -0.25,
      moved: true,
    })
    expect(rows['activityTimeline.0.bookings']).toMatchObject({
      latest: 3,
      previous: 2,
      change: 1,
      ratio: 0.5,
    })
    expect(rows['kpis.rooms']).toMatchObject({ change: 0, ratio: 0, moved: false })
    // new in the latest snapshot: no previous value
    expect(rows['events.total']).toMatchObject({
      latest: 0,
      previous: null,
      change: null,
      ratio: null,
    })
  })

  it('keeps at most max figures, and none without snapshots', () => {
    expect(pickFigures(history, 2).map((row) => row.path)).toEqual([
      'kpis.contacts',
      'activityTimeline.0.bookings',
    ])
    expect(pickFigures([])).toEqual([])
    const one = pickFigures([history[0]!])
    expect(one.map((row) => row.path)).toEqual([
      'kpis.rooms',
      'kpis.contacts',
      'messages.openRate',
      'activityTimeline.0.bookings',
      'topRooms.0.id',
    ])
    expect(one[0]).toMatchObject({ previous: null, change: null, moved: false })
  })

  it('no ratio against a previous 0', () => {
    const rows = pickFigures([
      snapshot('2026-11-22T00:00:00Z', { a: 0 }),
      snapshot('2026-11-23T00:00:00Z', { a: 5 }),
    ])
    expect(rows[0]).toMatchObject({ previous: 0, change: 5, ratio: null })
  })

  it('charts one figure over the snapshots, gaps as null', () => {
    expect(figureSeries(history, 'kpis.contacts')).toEqual([100, 120, 90])
    expect(figureSeries(history, 'events.total')).toEqual([null, null, 0])
  })

  it('labels the fetch times in the console timezone, with seconds when two collide', () => {
    expect(snapshotLabels(history, 'UTC')).toEqual([
      'Nov 21, 08:00',
      'Nov 22, 08:00',
      'Nov 23, 08:30',
    ])
    expect(snapshotLabels(history, 'America/New_York')).toEqual([
      'Nov 21, 03:00',
      'Nov 22, 03:00',
      'Nov 23, 03:30',
    ])
    const close = [
      snapshot('2026-11-23T08:30:05.000Z', {}),
      snapshot('2026-11-23T08:30:40.000Z', {}),
    ]
    expect(snapshotLabels(close, 'UTC')).toEqual(['Nov 23, 08:30:05', 'Nov 23, 08:30:40'])
  })

  it('writes a signed difference', () => {
    expect(formatDifference(1500, formatNumber)).toBe('+1,500')
    expect(formatDifference(-0.25, formatNumber)).toBe('\u22120.25')
    expect(formatDifference(0, formatNumber)).toBe('0')
    expect(formatDifference(null, formatNumber)).toBe('–')
  })
})
