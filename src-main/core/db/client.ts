/**
 * The host's handle on the database: a typed async interface over the worker
 * thread that owns sql.js. Hosts (the CLI, `sextant serve`, the Electron main
 * process, tests) create one with `openDatabase` and pass it to whatever needs
 * it; there is no global instance.
 */
import { Worker } from 'node:worker_threads'
import { fromWire } from '../errors'
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
 * Where the worker's code is. From TypeScript sources (tests, tsx) a small
 * shim registers tsx inside the worker first; from the built bundle the
 * worker is a plain module beside it.
 */
function spawnWorker(workerUrl?: URL): Worker {
  if (workerUrl !== undefined) return new Worker(workerUrl)
  const here = import.meta.url
  if (here.endsWith('.ts')) {
    return new Worker(new URL('./ts-worker-shim.mjs', here), {
      workerData: { entry: new URL('./worker.ts', here).href },
    })
  }
  return new Worker(new URL('./db-worker.mjs', here))
}

/** The operations that may change the analysed records (`write` unless it says otherwise). */
const WRITES: ReadonlySet<OperationName> = new Set(['open', 'write', 'import', 'demo', 'syncPage'])

export class DbClient {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private failure: Error | undefined
  private writesSent = 0
  private readonly writeListeners = new Set<() => void>()

  private constructor(
    private readonly worker: Worker,
    /** What opening found. */
    public opened: OpenResult = { created: true, check: 'new', version: 0, migrationsApplied: [] },
  ) {
    worker.on('message', (message: WorkerMessage) => this.receive(message))
    worker.on('error', (error) => this.fail(error))
    worker.on('exit', (code) =>
      this.fail(new Error(`the database worker stopped (exit code ${code})`)),
    )
  }

  /**
   * Opens `file` (created when missing), or an in-memory database for null.
   * `workerUrl` overrides where the worker's code is (the Electron build).
   */
  static async open(file: string | null, options: { workerUrl?: URL } = {}): Promise<DbClient> {
    const client = new DbClient(spawnWorker(options.workerUrl))
    try {
      client.opened = await client.call('open', { file })
    } catch (error) {
      await client.worker.terminate()
      throw error
    }
    return client
  }

  private receive(message: WorkerMessage): void {
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
    this.failure ??= error
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
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
    const done = new Promise<Operations[K]['result']>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress })
      this.worker.postMessage({ id, op, args })
    })
    if (writes && op !== 'open') {
      const notify = (): void => this.writeListeners.forEach((listener) => listener())
      done.then(notify, notify)
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

  /** Saves and stops the worker. */
  async close(): Promise<void> {
    if (this.failure === undefined) await this.call('close', {})
    this.failure ??= new Error('the database is closed')
    await this.worker.terminate()
  }
}
