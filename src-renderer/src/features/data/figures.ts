/**
 * Remote figures as the Data page shows them: which of an endpoint's numbers to list (the ones
 * that moved across the snapshots first, then summary figures before array items and ids), their
 * latest and previous values, and one figure's values over the snapshots for the trend chart.
 */
import type { RemoteFigures } from '../../../../src-shared/api/sync'
import { formatInstant } from '../../../../src-shared/format-dates'
import { uiLocale } from '../../locale'

export type Snapshot = RemoteFigures['endpoints'][number]['snapshots'][number]

export interface FigureRow {
  /** Dot path in the response, e.g. `kpis.contacts` or `activityTimeline.3.bookings`. */
  readonly path: string
  readonly latest: number
  /** The value in the snapshot before the latest (null: not there, or one snapshot only). */
  readonly previous: number | null
  /** latest − previous (null without a previous value). */
  readonly change: number | null
  /** change / |previous| (null without a previous value, or when it was 0). */
  readonly ratio: number | null
  /** Whether the value differs between any two snapshots. */
  readonly moved: boolean
}

export const MAX_FIGURES = 12

/** 0: a summary figure; 1: an array item; 2: an id (numbers that are not figures). */
function rank(path: string): number {
  const last = path.split('.').at(-1) ?? path
  if (last === 'id' || last.endsWith('_id') || last.endsWith('Id')) return 2
  return /(^|\.)\d+(\.|$)/.test(path) ? 1 : 0
}

/** The figures worth listing from an endpoint's snapshots (oldest first), at most `max`. */
export function pickFigures(snapshots: readonly Snapshot[], max = MAX_FIGURES): FigureRow[] {
  const latest = snapshots.at(-1)
  if (latest === undefined) return []
  const previous = snapshots.length > 1 ? snapshots.at(-2)!.figures : undefined
  const rows = Object.entries(latest.figures).map(([path, value], index) => {
    const before = previous?.[path]
    const change = before === undefined ? null : value - before
    const moved = snapshots.some(
      (snapshot) => path in snapshot.figures && snapshot.figures[path] !== value,
    )
    return {
      index,
      row: {
        path,
        latest: value,
        previous: before ?? null,
        change,
        ratio: change === null || before === 0 ? null : change / Math.abs(before!),
        moved,
      },
    }
  })
  rows.sort(
    (a, b) =>
      Number(b.row.moved) - Number(a.row.moved) ||
      rank(a.row.path) - rank(b.row.path) ||
      a.index - b.index,
  )
  return rows.slice(0, max).map((entry) => entry.row)
}

/** One figure over the snapshots, oldest first (null where a snapshot lacks it). */
export function figureSeries(snapshots: readonly Snapshot[], path: string): (number | null)[] {
  return snapshots.map((snapshot) => snapshot.figures[path] ?? null)
}

/**
 * The snapshots' fetch times as axis labels in the console's timezone: "Nov 23, 14:05" (the
 * shared instant format without its year), with the seconds when two would read the same.
 */
export function snapshotLabels(
  snapshots: readonly Snapshot[],
  timeZone: string,
  locale = uiLocale(),
): string[] {
  const label = (snapshot: Snapshot, seconds: boolean): string =>
    formatInstant(snapshot.fetchedAt, timeZone, { locale, year: false, seconds })
  const minutes = snapshots.map((snapshot) => label(snapshot, false))
  const clash = minutes.some((text, index) => index > 0 && text === minutes[index - 1])
  return clash ? snapshots.map((snapshot) => label(snapshot, true)) : minutes
}

/** "+3", "−1.5", "0" (a signed difference; "–" when there is none). */
export function formatDifference(change: number | null, format: (value: number) => string): string {
  if (change === null) return '–'
  if (change === 0) return '0'
  return change > 0 ? `+${format(change)}` : `\u2212${format(-change)}`
}
