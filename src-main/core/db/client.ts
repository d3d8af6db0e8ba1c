/**
 * The host's handle on the database: a typed async interface over the worker
 * thread that owns sql.js. Hosts (the CLI, `sextant serve`, the Electron main
 * process, tests) create one with `openDatabase` and pass it to whatever needs
 * it; there is no global instance.
 */
import { Worker } from 'node:worker_threads'
import { DatabaseUnavailable, fromWire } from '../errors'
import type { DemoOptions } from '../demo/generate'
import type { ImportInput } from '../importer/inputs'
import type { ImportResult } from '../importer/run-import'
import type { ImportProgress } from '../importer/session'
import type { SyncPageArgs, SyncPageResult } from '../sync/apply-page'
import type { FeedPage } from '../sync/records-feed'
import type {
  OpenResult,
  OperationName,
  Operations,
  SaveResult,
  Statement,
  WorkerMessage,
  WriteResult,
} from './protocol'
import type { Columns, Params, Row } from './sqlite'

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
  onProgress?: (progress: ImportProgress) => void
}

/**
 * The worker's own heap cap. With a cap, running out of memory ends the worker (which the client
 * restarts) instead of aborting the whole process; sql.js's database lives in wasm memory,
 * outside this cap. `SEXTANT_DB_HEAP_MB` overrides it.
 */
function heapLimitMb(): number {
  const configured = Number(process.env.SEXTANT_DB_HEAP_MB)
  return Number.isInteger(configured) && configured > 0 ? configured : 4096
}

/**
 * Where the worker's code is. From TypeScript sources (tests, tsx) a small
 * shim registers tsx inside the worker first; from the built bundle the
 * worker is a plain module beside it.
 */
function spawnWorker(workerUrl?: URL): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapLimitMb() }
  if (workerUrl !== undefined) return new Worker(workerUrl, { resourceLimits })
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./ts-worker-shim.mjs', here), {
      workerData: { entry: new URL('./worker.ts', here).href },
      resourceLimits,
    })
  }
  return new Worker(new URL('./db-worker.mjs', here), { resourceLimits })
}

/** The operations that may change the analysed records (`write` unless it says otherwise). */
const WRITES: ReadonlySet<OperationName> = new Set(['open', 'write', 'import', 'demo', 'syncPage'])

/** What `/health` reports of the database. */
export type DatabaseHealth =
  | { readonly state: 'ok' }
  /** The worker died or stopped answering and is being started again from the saved file. */
  | { readonly state: 'restarting'; readonly reason: string }
  /** It could not be brought back; the host should stop. */
  | { readonly state: 'failed'; readonly reason: string }

export interface OpenOptions {
  /** Where the worker's code is (the Electron build). */
  readonly workerUrl?: URL
  /** Never write the file; writes are refused (`serve --read-only`, read commands). */
  readonly readOnly?: boolean
  /**
   * How long the worker may hold a request without a word (no answer, no progress) before it
   * counts as wedged and is restarted. Default 120 s (`SEXTANT_DB_STALL_MS`): longer than any
   * save or scan measured at 10M events.
   */
  readonly stallMs?: number
}

/** At most this many restarts within RESTART_WINDOW_MS; past that the database has failed. */
const MAX_RESTARTS = 3
const RESTART_WINDOW_MS = 5 * 60_000

function stallFromEnv(): number {
  const configured = Number(process.env.SEXTANT_DB_STALL_MS)
  return Number.isInteger(configured) && configured > 0 ? configured : 120_000
}

export class DbClient {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private failure: Error | undefined
  private writesSent = 0
  private readonly writeListeners = new Set<() => void>()
  private readonly fatalListeners = new Set<(reason: string) => void>()
  private worker: Worker
  private state: DatabaseHealth = { state: 'ok' }
  private closing = false
  /** The first open succeeded: from then on a lost worker is restarted. */
  private ready = false
  private readonly restarts: number[] = []
  /** When the worker last said anything while requests were waiting (performance.now()). */
  private heardAt = 0
  private readonly watchdog: ReturnType<typeof setInterval>

  private constructor(
    private readonly file: string | null,
    private readonly options: OpenOptions,
    /** What opening found. */
    public opened: OpenResult = { created: true, check: 'new', version: 0, migrationsApplied: [] },
  ) {
    this.worker = this.attach(spawnWorker(options.workerUrl))
    const stallMs = options.stallMs ?? stallFromEnv()
    this.watchdog = setInterval(
      () => {
        if (this.pending.size > 0 && performance.now() - this.heardAt > stallMs)
          this.lost(`the database worker stopped answering for ${(stallMs / 1000).toFixed(1)} s`)
      },
      Math.max(50, Math.min(5_000, stallMs / 4)),
    )
    this.watchdog.unref()
  }

  /**
   * Opens `file` (created when missing), or an in-memory database for null. A worker that dies
   * or wedges later is restarted from the last saved file (see `health`).
   */
  static async open(file: string | null, options: OpenOptions = {}): Promise<DbClient> {
    const client = new DbClient(file, options)
    try {
      client.opened = await client.call('open', { file, readOnly: options.readOnly })
      client.ready = true
    } catch (error) {
      client.closing = true
      clearInterval(client.watchdog)
      await client.worker.terminate()
      throw error
    }
    return client
  }

  private attach(worker: Worker): Worker {
    worker.on('message', (message: WorkerMessage) => {
      if (worker === this.worker) this.receive(message)
    })
    worker.on('error', (error) => {
      if (worker === this.worker) this.lost(`the database worker failed: ${error.message}`)
    })
    worker.on('exit', (code) => {
      if (worker === this.worker) this.lost(`the database worker stopped (exit code ${code})`)
    })
    return worker
  }

  /** Opened read-only: writes are refused and nothing is saved. */
  get readOnly(): boolean {
    return this.options.readOnly === true
  }

  /** The database's state, for `/health`. */
  get health(): DatabaseHealth {
    return this.state
  }

  /** Calls `listener` once the database has failed for good (the host should stop). */
  onFatal(listener: (reason: string) => void): () => void {
    this.fatalListeners.add(listener)
    return () => this.fatalListeners.delete(listener)
  }

  /**
   * The worker is gone or wedged: what it was doing fails, and a new one opens the last saved
   * file (every acknowledged write is in it). Too many restarts in a row: the database failed.
   */
  private lost(reason: string): void {
    if (this.closing || this.failure !== undefined) return
    const old = this.worker
    if (!this.ready) {
      // It never opened: there is no saved state to go back to, and `open` reports why.
      void old.terminate().catch(() => undefined)
      this.fail(new DatabaseUnavailable(reason))
      return
    }
    const error = new DatabaseUnavailable(`${reason}; restarting it from the last saved file`)
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
    // Whatever the caches hold may be ahead of the saved file now.
    this.writesSent++
    void old.terminate().catch(() => undefined)
    const now = performance.now()
    while (this.restarts.length > 0 && now - this.restarts[0]! > RESTART_WINDOW_MS)
      this.restarts.shift()
    if (this.restarts.length >= MAX_RESTARTS) {
      this.fail(new DatabaseUnavailable(`${reason}, ${MAX_RESTARTS + 1} times in a row`))
      return
    }
    this.restarts.push(now)
    this.state = { state: 'restarting', reason }
    this.worker = this.attach(spawnWorker(this.options.workerUrl))
    this.call('open', { file: this.file, readOnly: this.options.readOnly }).then(
      (opened) => {
        this.opened = opened
        this.state = { state: 'ok' }
      },
      (failure: Error) =>
        this.fail(
          new DatabaseUnavailable(`the database could not be reopened: ${failure.message}`),
        ),
    )
  }

  private receive(message: WorkerMessage): void {
    this.heardAt = performance.now()
    const pending = this.pending.get(message.id)
    if (pending === undefined) return
    if (message.kind === 'progress') {
      pending.onProgress?.(message.progress)
      return
    }
    this.pending.delete(message.id)
    if (message.kind === 'result') pending.resolve(message.result)
    else pending.reject(fromWire(message.error))
  }

  private fail(error: Error): void {
    if (this.failure !== undefined) return
    this.failure = error
    this.state = { state: 'failed', reason: error.message }
    clearInterval(this.watchdog)
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
    if (!this.closing) for (const listener of this.fatalListeners) listener(error.message)
  }

  private call<K extends OperationName>(
    op: K,
    args: Operations[K]['args'],
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<Operations[K]['result']> {
    if (this.failure !== undefined) return Promise.reject(this.failure)
    const id = this.nextId++
    const writes =
      WRITES.has(op) && !(op === 'write' && (args as Operations['write']['args']).records === false)
    if (writes) this.writesSent++
    if (this.pending.size === 0) this.heardAt = performance.now()
    const done = new Promise<Operations[K]['result']>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress })
      this.worker.postMessage({ id, op, args })
    })
    if (op !== 'open' && (writes || op === 'write' || op === 'save')) {
      // A failed save puts the worker back to the saved file, which may drop unsaved sync
      // pages too: a failed write of any kind moves the data version, so caches are rebuilt.
      const notify = (): void => this.writeListeners.forEach((listener) => listener())
      done.then(writes ? notify : () => undefined, () => {
        if (!writes) this.writesSent++
        notify()
      })
    }
    return done
  }

  /** Calls `listener` after every write settles (succeeded or not); returns the unsubscribe. */
  onWrite(listener: () => void): () => void {
    this.writeListeners.add(listener)
    return () => this.writeListeners.delete(listener)
  }

  /**
   * Changes whenever a write that may change the records is sent (not the console's own tables:
   * tokens, settings). The worker runs requests in the order they are sent, so a read sent while
   * `dataVersion` is v sees exactly the records of version v: caches of record-derived results
   * (the event streams) are keyed by it.
   */
  get dataVersion(): number {
    return this.writesSent
  }

  /** Rows of a read-only query. */
  query<T extends object = Row>(sql: string, params?: Params): Promise<T[]> {
    return this.call('query', { sql, params }) as Promise<T[]>
  }

  /** Every row of a long read-only scan, by column; `textColumns` are dictionary-coded. */
  columns(
    sql: string,
    params: Params | undefined,
    textColumns: readonly string[],
  ): Promise<Columns> {
    return this.call('columns', { sql, params, textColumns })
  }

  /** The first row of a query, or undefined. */
  async get<T extends object = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0]
  }

  /**
   * Statements in one transaction, on disk before this resolves. `records: false` says they
   * touch only the console's own tables (tokens, settings), so record caches stay valid.
   */
  write(
    statements: readonly Statement[],
    options: { records?: boolean } = {},
  ): Promise<WriteResult> {
    return this.call('write', { statements, records: options.records ?? true })
  }

  /**
   * Statements in one transaction, kept in memory and saved with the next save (the next
   * write, or closing): for bookkeeping that is not worth a whole-file save, such as a token's
   * "last used" time. Never touches records.
   */
  touch(statements: readonly Statement[]): Promise<WriteResult> {
    return this.call('touch', { statements })
  }

  /** Imports files all or nothing; on disk before this resolves. */
  import(
    inputs: readonly ImportInput[],
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult> {
    return this.call('import', { inputs }, onProgress)
  }

  /** Writes the demo dataset; on disk before this resolves. */
  demo(
    options: DemoOptions,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult> {
    return this.call('demo', options, onProgress)
  }

  /** Applies one fetched sync page (records + checkpoint, one transaction); see apply-page.ts. */
  syncPage(args: SyncPageArgs, options: { save: boolean }): Promise<SyncPageResult> {
    return this.call('syncPage', { ...args, save: options.save })
  }

  /** One page of the record feed (records-feed.ts), built in the worker as JSON text. */
  feedPage(entity: string, after: string | null, limit: number): Promise<FeedPage> {
    return this.call('feedPage', { entity, after, limit })
  }

  /** Saves if anything changed since the last save. */
  save(): Promise<SaveResult> {
    return this.call('save', {})
  }

  /**
   * Saves and stops the worker. Resolves with why the last save failed (a full disk), or null:
   * either way every acknowledged write is in the file.
   */
  async close(): Promise<{ unsaved: string | null }> {
    let outcome: { unsaved: string | null } = { unsaved: null }
    if (this.failure === undefined) {
      try {
        outcome = await this.call('close', {})
      } catch (error) {
        outcome = { unsaved: (error as Error).message }
      }
    }
    this.closing = true
    clearInterval(this.watchdog)
    this.failure ??= new Error('the database is closed')
    this.state = { state: 'failed', reason: 'the database is closed' }
    await this.worker.terminate()
    return outcome
  }
}
