/**
 * The comparison of two snapshots as the Compare table shows it: the figures grouped by
 * section, identifiers left out (ids are labels, not figures), each in its unit (the figure's
 * kind, which the server read from the response's contract: never guessed from its name), the
 * change from A to B (computed from the two values, so no rounding is applied twice) and
 * whether the change is good news. Pure: no React, unit-tested alone.
 */
import type { SnapshotComparison } from '../../../../src-shared/api/snapshots'
import { formatChange, formatDuration, formatNumber } from '../../../../src-shared/format'
import { formatFigure, humanizeKey } from '../../../../src-shared/reports/present'
import type { FigureKind } from '../../../../src-shared/reports/units'

export type Figure = SnapshotComparison['figures'][number]

/** A figure's unit: its kind (src-shared/api/kinds.ts), null when its contract declares none. */
export type Unit = FigureKind | null

export interface CompareRow {
  readonly section: string
  readonly figure: string
  /** The figure as words: "Recordings · previous". */
  readonly label: string
  readonly unit: Unit
  readonly a: number | null
  readonly b: number | null
  /** b − a; null when either side is missing. */
  readonly delta: number | null
  /** (b − a) / |a|; 0 when both are 0; null when a is 0 (new) or either is missing. */
  readonly change: number | null
  /** up / down / flat, or missing when the figure is in one snapshot only. */
  readonly direction: 'up' | 'down' | 'flat' | 'missing'
  /** Whether the direction is good news (a fall of cancellations is); null when flat. */
  readonly good: boolean | null
}

export interface CompareSection {
  readonly section: string
  readonly rows: CompareRow[]
}

/** The parts of a figure's name: "2026-11-01 · bookings" -> ['2026-11-01', 'bookings']. */
const parts = (figure: string): string[] => figure.split(' · ')

const lastPart = (figure: string): string => {
  const all = parts(figure)
  return all[all.length - 1]!
}

/**
 * Identifier columns (`id`, `event_id`, `slot.id`, `created_by`): labels, not figures. The
 * figure's kind says so too (`id`); the name is kept for comparisons of older snapshots.
 */
export function isIdFigure(figure: string): boolean {
  const column = parts(figure).length > 1 ? lastPart(figure) : ''
  return /(^|[._])id$/i.test(column) || /^(created|updated)_by$/i.test(column)
}

/** Figures whose rise is bad news. */
const DOWN_IS_GOOD = /cancel|fail|bounce|dropoff|unsubscri|not_?connected|not_?interested/i

/** Rounds away floating-point noise (0.1 + 0.2). */
const clean = (value: number): number => Math.round(value * 1e6) / 1e6

/** The change from a to b. */
export function changeOf(
  a: number | null,
  b: number | null,
): { delta: number | null; change: number | null } {
  if (a === null || b === null) return { delta: null, change: null }
  const delta = clean(b - a)
  if (a === 0) return { delta, change: b === 0 ? 0 : null }
  return { delta, change: delta / Math.abs(a) }
}

/** A value in its unit, as the exports write it: "1,234", "36.33%", "87.8%", "1h 05m", "+39%". */
export function formatValue(unit: Unit, value: number | null): string {
  return value === null ? '–' : formatFigure(unit, value)
}

/** A difference in its unit, signed: "+12", "−1h 05m", "+3.1 pts" (rates: percentage points). */
export function formatDelta(unit: Unit, delta: number | null): string {
  if (delta === null) return '–'
  if (delta === 0) return '0'
  const sign = delta > 0 ? '+' : '\u2212'
  const size = Math.abs(delta)
  switch (unit) {
    case 'rate':
    case 'change':
      return `${sign}${formatNumber(Math.round(size * 10_000) / 100)} pts`
    case 'percent':
      return `${sign}${formatNumber(Math.round(size * 100) / 100)} pts`
    case 'duration':
      return `${sign}${formatDuration(size)}`
    default:
      return `${sign}${formatFigure(unit, size)}`
  }
}

/** The relative change as shown: "+39%", "−9.6%", "0%", "new", or "–" (missing / a ratio). */
export function formatRelative(row: Pick<CompareRow, 'unit' | 'a' | 'b' | 'change'>): string {
  if (row.a === null || row.b === null) return row.a === null ? 'only in B' : 'only in A'
  // a change of a change ratio reads as nonsense; its difference (pts) says it
  if (row.unit === 'change') return '–'
  return formatChange(row.change)
}

export function compareRow(figure: Figure): CompareRow {
  const unit = figure.kind
  const { delta, change } = changeOf(figure.a, figure.b)
  const direction =
    delta === null ? 'missing' : delta > 0 ? 'up' : delta < 0 ? 'down' : ('flat' as const)
  const good =
    direction === 'up' || direction === 'down'
      ? (direction === 'up') !== DOWN_IS_GOOD.test(figure.figure)
      : null
  return {
    section: figure.section,
    figure: figure.figure,
    label: parts(figure.figure).map(humanizeKey).join(' · '),
    unit,
    a: figure.a,
    b: figure.b,
    delta,
    change,
    direction,
    good,
  }
}

export interface CompareFilter {
  /** Leave out the figures equal in both snapshots. */
  readonly onlyChanges: boolean
  /** One section only, or null for all. */
  readonly section: string | null
}

/** The figures of a comparison grouped by section (server order), ids left out, filtered. */
export function compareSections(
  figures: readonly Figure[],
  filter: CompareFilter = { onlyChanges: false, section: null },
): CompareSection[] {
  const sections = new Map<string, CompareRow[]>()
  for (const figure of figures) {
    if (isIdFigure(figure.figure) || figure.kind === 'id') continue
    if (filter.section !== null && figure.section !== filter.section) continue
    const row = compareRow(figure)
    if (filter.onlyChanges && row.direction === 'flat') continue
    const rows = sections.get(row.section) ?? []
    rows.push(row)
    sections.set(row.section, rows)
  }
  return [...sections].map(([section, rows]) => ({ section, rows }))
}

/** The sections of a comparison that hold figures (for the section filter). */
export function sectionNames(figures: readonly Figure[]): string[] {
  return [
    ...new Set(
      figures
        .filter((figure) => !isIdFigure(figure.figure) && figure.kind !== 'id')
        .map((figure) => figure.section),
    ),
  ]
}
