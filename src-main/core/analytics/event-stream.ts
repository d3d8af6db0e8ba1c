/**
 * Per-actor analytics (attribution, funnels, cohorts) follow each actor through every event of
 * the window: at 1M events that is ~100k rows for one workspace's 30 days, which costs SQLite in
 * wasm 80-150 ms however the SQL is written, and actors rarely repeat a type within a day, so
 * daily rollups do not shrink it. Instead each workspace's events are kept as one columnar
 * stream in time order (typed arrays, ~28 bytes an event), built by one scan in the worker and
 * kept until the next write; the kernels then walk the window's slice in a few milliseconds.
 */
import type { DbClient } from '../db/client'
import { ACTOR_SQL } from './context'

export interface EventStream {
  readonly length: number
  /** created_at, ascending; equal instants in id order (SQLite BINARY). */
  readonly at: Float64Array
  /** Index into `types`. */
  readonly type: Int32Array
  readonly types: readonly string[]
  /** Index into `actors` (DATA.md: contact_id, else visitor_id), -1 when neither. */
  readonly actor: Int32Array
  readonly actors: readonly string[]
  /** 1 when the actor is the event's contact_id. */
  readonly fromContact: Float64Array
  /** Index into `utms`, -1 for an event with no utm_source. */
  readonly utm: Int32Array
  /** JSON `[utm_source, utm_medium, utm_campaign]`. */
  readonly utms: readonly string[]
}

const STREAM_SQL = `
  SELECT created_at AS at, event_type AS type, ${ACTOR_SQL} AS actor,
         contact_id IS NOT NULL AS from_contact,
         CASE WHEN utm_source IS NOT NULL THEN json_array(utm_source, utm_medium, utm_campaign) END AS utm
  FROM contact_events WHERE workspace_id = :w ORDER BY created_at, id`

export async function loadEventStream(db: DbClient, workspaceId: string): Promise<EventStream> {
  const columns = await db.columns(STREAM_SQL, { w: workspaceId }, ['type', 'actor', 'utm'])
  const { numbers, texts } = columns
  return {
    length: columns.length,
    at: numbers.at!,
    type: texts.type!.codes,
    types: texts.type!.dictionary,
    actor: texts.actor!.codes,
    actors: texts.actor!.dictionary,
    fromContact: numbers.from_contact!,
    utm: texts.utm!.codes,
    utms: texts.utm!.dictionary,
  }
}

const actorIndexes = new WeakMap<EventStream, Map<string, number>>()

/** Actor id -> its code in the stream, built once per stream. */
export function actorIndex(stream: EventStream): Map<string, number> {
  let index = actorIndexes.get(stream)
  if (index === undefined) {
    index = new Map(stream.actors.map((id, code) => [id, code]))
    actorIndexes.set(stream, index)
  }
  return index
}

/** The first index whose time is >= `time`. */
function lowerBound(at: Float64Array, time: number): number {
  let low = 0
  let high = at.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (at[middle]! < time) low = middle + 1
    else high = middle
  }
  return low
}

/** [from, to) of the events with start <= created_at <= end. */
export function slice(stream: EventStream, start: number, end: number): [number, number] {
  return [lowerBound(stream.at, start), lowerBound(stream.at, end + 1)]
}

/** The end (exclusive) of the run of events at the same instant as event `i`. */
export function sameInstantEnd(stream: EventStream, i: number, to: number): number {
  let j = i + 1
  while (j < to && stream.at[j] === stream.at[i]) j++
  return j
}

/**
 * One stream per workspace, kept while the data version stays the same (any write drops them
 * all, so memory stays bounded by one copy of the events). `keepWarm` rebuilds every workspace's
 * stream after startup and after each write, so dashboards do not pay for the scan.
 */
export class EventStreams {
  private version = -1
  private readonly streams = new Map<string, Promise<EventStream>>()
  private warming: Promise<void> | undefined
  /** A warm waiting for writes to go quiet (keepWarm). */
  private scheduled: Promise<void> | undefined

  constructor(private readonly db: DbClient) {}

  get(workspaceId: string): Promise<EventStream> {
    this.dropIfStale()
    let stream = this.streams.get(workspaceId)
    if (stream === undefined) {
      stream = loadEventStream(this.db, workspaceId)
      this.streams.set(workspaceId, stream)
      stream.catch(() => {
        if (this.streams.get(workspaceId) === stream) this.streams.delete(workspaceId)
      })
    }
    return stream
  }

  /** Builds the stream of every workspace that has events; resolves when done. */
  async warm(): Promise<void> {
    const rows = await this.db.query<{ id: string }>(
      // The lifetime rollup names the same workspaces as contact_events, without the scan.
      'SELECT DISTINCT workspace_id AS id FROM event_type_totals',
    )
    for (const row of rows) await this.get(row.id)
  }

  /**
   * Warms now and again after writes, until the returned function is called. Writes that come
   * in a burst (a sync writes a page every few milliseconds) are waited out: warming starts once
   * no write came for `quietMs`, so the rebuild does not queue behind every page.
   */
  keepWarm(onError: (error: unknown) => void = () => {}, quietMs = 200): () => void {
    let again = false
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let fire: (() => void) | undefined
    const run = (): void => {
      if (stopped) return
      if (this.warming !== undefined) {
        again = true
        return
      }
      this.warming = this.warm()
        .catch(onError)
        .finally(() => {
          this.warming = undefined
          if (again) {
            again = false
            run()
          }
        })
    }
    const later = (): void => {
      if (timer !== undefined) clearTimeout(timer)
      this.scheduled ??= new Promise<void>((resolve) => (fire = resolve))
      timer = setTimeout(() => {
        timer = undefined
        this.scheduled = undefined
        run()
        fire?.()
      }, quietMs)
    }
    run()
    const unsubscribe = this.db.onWrite(later)
    return () => {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      this.scheduled = undefined
      fire?.()
      unsubscribe()
    }
  }

  /** Resolves once no warming is running or waiting for writes to go quiet. */
  async idle(): Promise<void> {
    while (this.warming !== undefined || this.scheduled !== undefined)
      await (this.scheduled ?? this.warming)
  }

  private dropIfStale(): void {
    if (this.version === this.db.dataVersion) return
    this.version = this.db.dataVersion
    this.streams.clear()
  }
}
