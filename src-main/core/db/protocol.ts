/**
 * The messages between the main thread and the database worker: one typed
 * request -> response table, so client and worker cannot drift apart.
 */
import type { WireError } from '../errors'
import type { DemoOptions } from '../demo/generate'
import type { ImportInput } from '../importer/inputs'
import type { ImportResult } from '../importer/run-import'
import type { ImportProgress } from '../importer/session'
import type { SyncPageArgs, SyncPageResult } from '../sync/apply-page'
import type { FeedPage } from '../sync/records-feed'
import type { Columns, Params, Row } from './sqlite'

/** One statement of a write. */
export interface Statement {
  readonly sql: string
  readonly params?: Params
}

/** What a write did: rows changed, and the rowid of its last INSERT (0 when none). */
export interface WriteResult {
  readonly changes: number
  readonly lastId: number
}

/** Every operation the worker performs: its arguments and its result. */
export interface Operations {
  /** Opens (or creates) the file; null = an in-memory database that is never saved. */
  open: { args: { file: string | null; readOnly?: boolean }; result: OpenResult }
  query: { args: Statement; result: Row[] }
  /** A long read-only scan by column (see `Sqlite.columns`). */
  columns: { args: Statement & { readonly textColumns: readonly string[] }; result: Columns }
  /** Statements in one transaction, saved before the answer. */
  write: {
    args: { statements: readonly Statement[]; records?: boolean }
    result: WriteResult
  }
  /** Statements in one transaction, saved with the next save (not before the answer). */
  touch: { args: { statements: readonly Statement[] }; result: WriteResult }
  import: { args: { inputs: readonly ImportInput[] }; result: ImportResult }
  demo: { args: DemoOptions; result: ImportResult }
  /**
   * One page of a sync: records and checkpoint in one transaction. Saved only when `save` says
   * so (the runner saves every few seconds and at the end: a whole-file save per page would
   * cost more than the page); what is saved is always a page boundary.
   */
  syncPage: { args: SyncPageArgs & { readonly save: boolean }; result: SyncPageResult }
  /** One page of the record feed another console pulls, as JSON text. */
  feedPage: {
    args: { readonly entity: string; readonly after: string | null; readonly limit: number }
    result: FeedPage
  }
  /** Saves now if anything changed since the last save. */
  save: { args: Record<string, never>; result: SaveResult }
  /** Saves and closes; `unsaved` says why a last save failed (nothing acknowledged is lost). */
  close: { args: Record<string, never>; result: { unsaved: string | null } }
}

export type OperationName = keyof Operations

export interface OpenResult {
  readonly created: boolean
  /** Which check vouched for the file. */
  readonly check: 'new' | 'verified-hash' | 'integrity_check'
  /** Schema version after migrations. */
  readonly version: number
  readonly migrationsApplied: readonly number[]
}

export interface SaveResult {
  readonly saved: boolean
  readonly bytes: number
  readonly ms: number
}

export type WorkerRequest = {
  [K in OperationName]: {
    readonly id: number
    readonly op: K
    readonly args: Operations[K]['args']
  }
}[OperationName]

export type WorkerMessage =
  | { readonly id: number; readonly kind: 'result'; readonly result: unknown }
  | { readonly id: number; readonly kind: 'error'; readonly error: WireError }
  | { readonly id: number; readonly kind: 'progress'; readonly progress: ImportProgress }
