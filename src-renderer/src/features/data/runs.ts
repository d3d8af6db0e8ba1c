/** How a sync run reads in the sources table and its history: pure, in the console's timezone. */
import type { SourceKind, SyncRun } from '../../../../src-shared/api/sync'
import { formatDuration, formatNumber } from '../../../../src-shared/format'
import { formatInstant } from '../../../../src-shared/format-dates'
import { uiLocale } from '../../locale'

export const STATE_LABELS: Readonly<Record<SyncRun['state'], string>> = {
  running: 'Running',
  ok: 'OK',
  failed: 'Failed',
  offline: 'Offline',
  interrupted: 'Interrupted',
}

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${formatNumber(count)} ${count === 1 ? one : many}`

/** "1,200 added, 3 updated, 2 pages" (records) or "4 snapshots" (product snapshots). */
export function runCounts(run: SyncRun, kind: SourceKind): string {
  if (kind === 'snapshot') return plural(run.snapshots, 'snapshot')
  return `${formatNumber(run.added)} added, ${formatNumber(run.updated)} updated, ${plural(run.pages, 'page')}`
}

/** Seconds from start to end, or null while running. */
export function runSeconds(run: SyncRun): number | null {
  if (run.endedAt === null) return null
  return Math.max(0, (Date.parse(run.endedAt) - Date.parse(run.startedAt)) / 1000)
}

/** "4m 05s", or "–" while running. */
export function runDuration(run: SyncRun): string {
  const seconds = runSeconds(run)
  return seconds === null ? '–' : formatDuration(seconds)
}

/** An ISO instant as "Nov 23, 2026, 14:05" in the console's timezone ("–" for null). */
export function when(iso: string | null, timeZone: string, locale = uiLocale()): string {
  return iso === null ? '–' : formatInstant(iso, timeZone, { locale })
}

/** The newer of two runs (by id): the polled history may be ahead of the sources list. */
export function newerRun(
  a: SyncRun | null | undefined,
  b: SyncRun | null | undefined,
): SyncRun | null {
  if (a == null) return b ?? null
  if (b == null) return a
  return b.id > a.id ? b : a
}
