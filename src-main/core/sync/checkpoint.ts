/**
 * Where an HTTP records source stands after each page, and how far its incremental checkpoint
 * may move: never past a change time the run could have missed (README "Syncing from remote
 * sources", "Incremental runs"). Pure; the database worker calls it inside the page's
 * transaction (apply-page.ts), so the records and the checkpoint that covers them commit
 * together.
 *
 * The one assumption, the contract of any "changed at or after" parameter: a write stamps its
 * record with a change time no earlier than every change time the remote has already answered
 * with (its clock does not go back). A remote that back-dates records cannot be followed
 * incrementally by anyone: such a source must not be incremental. Under that assumption:
 *
 * - `none`: one answer is one read of the remote; everything changed before its greatest change
 *   time was in it. The checkpoint becomes that time.
 * - `cursor`: taken to be keyset (a cursor names a place in the order, not a count), so records
 *   deleted or moved behind it shift nothing, and a record is missed only when written behind
 *   the cursor after page 1 was answered. Sorted by change time, such a write is stamped no
 *   earlier than any page already answered and lands ahead of the cursor: nothing is missed,
 *   and the checkpoint follows every page. Unsorted, it may land anywhere, but is stamped no
 *   earlier than the greatest time of the run's first page: the checkpoint becomes that.
 * - `page`, `offset`, `link`, sorted ("seek"): every request is the FIRST page of the records
 *   changed at or after the greatest change time of the page before. Page 1 of "changed at or
 *   after s" is one read holding, in change order, every record changed in [s, t) where t is
 *   its last record's time; later writes are stamped no earlier than t. So the checkpoint
 *   becomes t after each page, and a record moved or deleted behind it shifts nothing. A page
 *   whose last time is not past s (one change time shared by more records than a page holds)
 *   gives no such step: the rest of the run reads page by page (page 2, 3, ... of s, or the
 *   Link) and the checkpoint stays at s; the next run reads again from s.
 * - `page`, `offset`, `link`, unsorted: a record deleted or changed behind the position shifts
 *   every later one back a place, and the one at the page boundary is never answered; nothing
 *   in the answers shows it. No change time is proven, so such a run reads everything (the
 *   parameter is not sent) and the checkpoint stays empty: a record missed while the remote
 *   changed is read by the next run.
 * - Not incremental: every run reads everything; the same holds.
 */
import type { Pagination } from '../../../src-shared/api/sync'
import { changeKey, firstPosition, nextPosition, type Position } from './page'

/** Where an HTTP records source stands. */
export interface HttpCheckpoint {
  /** Every record changed before this time has been received: the next run asks from here. */
  readonly since: string | null
  /** The next page of the run in progress (null: the last run finished). */
  readonly position: Position | null
  /** The parameter the next page of the run in progress is asked with. */
  readonly runSince: string | null
  /** What `since` becomes when the run in progress ends (unsorted cursor runs). */
  readonly pending?: string | null
  /** A sorted page/offset/link run that reads page by page from here on, `since` held. */
  readonly tied?: boolean
}

/** How a source reads its pages and moves its checkpoint (see above). */
export type IncrementalMode = 'full' | 'single' | 'keyset' | 'keyset-unsorted' | 'seek' | 'rescan'

export function incrementalMode(
  pagination: Pagination,
  incremental: { readonly sorted?: boolean } | undefined,
): IncrementalMode {
  if (incremental === undefined) return 'full'
  const sorted = incremental.sorted === true
  switch (pagination.type) {
    case 'none':
      return 'single'
    case 'cursor':
      return sorted ? 'keyset' : 'keyset-unsorted'
    default:
      return sorted ? 'seek' : 'rescan'
  }
}

/** The parameter a run that starts (or starts over) asks with, from the committed checkpoint. */
export function startSince(mode: IncrementalMode, since: string | null): string | null {
  return mode === 'full' || mode === 'rescan' ? null : since
}

/** Orders two change times (changeKey): negative, zero or positive. */
export function compareChange(a: unknown, b: unknown): number {
  const [x, y] = [changeKey(a), changeKey(b)]
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1
  if (typeof x === 'number' && typeof y === 'number') return x - y
  const [p, q] = [String(x), String(y)]
  return p < q ? -1 : p > q ? 1 : 0
}

/** The later of two change times, as the remote wrote it (text), or null for neither. */
function later(a: string | null, b: unknown): string | null {
  if (changeKey(b) === null) return a
  return a === null || compareChange(b, a) > 0 ? String(b) : a
}

/** What one page brought, for the checkpoint. */
export interface PageFacts {
  readonly pagination: Pagination
  readonly mode: IncrementalMode
  /** This page's position and the parameter it was asked with. */
  readonly position: Position
  readonly runSince: string | null
  /** This page begins a pass: the run's first page, or the first after it started over. */
  readonly restart: boolean
  readonly count: number
  readonly body: unknown
  readonly linkNext: string | null
  /** The change time of each record, in the order received (sorted modes checked already). */
  readonly stamps: readonly unknown[]
}

/**
 * Why a page breaks the promise of a sorted source (records out of change order, one without
 * a change time), or null. Checked before anything of the page is written.
 */
export function sortedProblem(mode: IncrementalMode, stamps: readonly unknown[]): string | null {
  if (mode !== 'keyset' && mode !== 'seek') return null
  for (let index = 0; index < stamps.length; index++) {
    if (changeKey(stamps[index]) === null)
      return `record ${index + 1} has no change time; a sorted incremental source needs one on every record`
    if (index > 0 && compareChange(stamps[index], stamps[index - 1]) < 0)
      return `record ${index + 1} changed before record ${index}: the answer is not in change order, yet the source says sorted`
  }
  return null
}

/** The checkpoint after a page, and whether the run is done. */
export function nextCheckpoint(
  before: HttpCheckpoint | null,
  page: PageFacts,
): { checkpoint: HttpCheckpoint; done: boolean } {
  const { mode, pagination, position, runSince } = page
  const committed = mode === 'full' || mode === 'rescan' ? null : (before?.since ?? null)
  const tied = !page.restart && before?.tied === true
  const last = page.stamps.length === 0 ? undefined : page.stamps[page.stamps.length - 1]
  const greatest = page.stamps.reduce<string | null>((max, stamp) => later(max, stamp), null)
  const positional = (): Position | null =>
    nextPosition(position, pagination, {
      count: page.count,
      body: page.body,
      linkNext: page.linkNext,
    })
  const finished = (since: string | null): { checkpoint: HttpCheckpoint; done: boolean } => ({
    checkpoint: { since, position: null, runSince: null },
    done: true,
  })
  const going = (checkpoint: HttpCheckpoint): { checkpoint: HttpCheckpoint; done: boolean } => ({
    checkpoint,
    done: false,
  })

  switch (mode) {
    case 'full':
    case 'rescan': {
      const next = positional()
      return next === null ? finished(null) : going({ since: null, position: next, runSince: null })
    }
    case 'single':
      return finished(later(committed, greatest))
    case 'keyset': {
      const since = later(committed, greatest)
      const next = positional()
      return next === null ? finished(since) : going({ since, position: next, runSince })
    }
    case 'keyset-unsorted': {
      // Bound by the pass's first page: anything written later is stamped no earlier.
      const pending = page.restart
        ? later(runSince, greatest)
        : before?.pending === undefined
          ? committed
          : before.pending
      const next = positional()
      return next === null
        ? finished(later(committed, pending))
        : going({ since: committed, position: next, runSince, pending })
    }
    case 'seek': {
      if (page.count === 0) return finished(committed)
      const progressed = !tied && (runSince === null || compareChange(last, runSince) > 0)
      if (!progressed) {
        // No step past runSince: page by page from here, the checkpoint held where it is.
        const next = positional()
        return next === null
          ? finished(committed)
          : going({ since: committed, position: next, runSince, tied: true })
      }
      const since = later(committed, last)
      // A Link remote says when the records changed at or after runSince end.
      if (pagination.type === 'link' && page.linkNext === null) return finished(since)
      return going({ since, position: firstPosition(position.url, pagination), runSince: since })
    }
  }
}
