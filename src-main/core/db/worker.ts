/**
 * The database worker: owns the one sql.js database and does every piece of
 * work on it (queries, imports, demo data, saves) off the host's main thread,
 * so the window and the HTTP server keep answering during a million-record
 * import or a save. Requests are handled one at a time, in order.
 */
import { parentPort } from 'node:worker_threads'
import { DatabaseUnreadable, ReadOnlyDatabase, SaveFailed, toWire } from '../errors'
import { runDemo } from '../demo/run-demo'
import { runImport } from '../importer/run-import'
import { SessionCache } from '../importer/session'
import { applySyncPage } from '../sync/apply-page'
import { buildFeedPage } from '../sync/records-feed'
import { loadMigrations } from './load-migrations'
import { foreignDatabase, openDatabaseFile, removeLeftovers, saveDatabaseFile } from './persistence'
import type {
  Operations,
  OperationName,
  SaveResult,
  Statement,
  WorkerMessage,
  WriteResult,
  WorkerRequest,
} from './protocol'
import { Sqlite, type Columns } from './sqlite'

const port = parentPort
if (port === null) throw new Error('worker.ts runs as a worker thread')

let sqlite: Sqlite | undefined
let file: string | null = null
let dirty = false
/** Opened with `readOnly`: nothing is ever written to the file, and writes are refused. */
let readOnly = false
/** What consecutive sync pages share (session.ts); dropped by any other write or a failure. */
let syncCache: SessionCache | undefined

function database(): Sqlite {
  if (sqlite === undefined) throw new Error('the database is not open')
  return sqlite
}

function writable(): Sqlite {
  if (readOnly) throw new ReadOnlyDatabase()
  return database()
}

function save(): SaveResult {
  if (!dirty || file === null || readOnly) return { saved: false, bytes: 0, ms: 0 }
  const started = performance.now()
  const bytes = database().export()
  saveDatabaseFile(file, bytes)
  dirty = false
  return { saved: true, bytes: bytes.length, ms: performance.now() - started }
}

/** Opens `path` (a new database when it is missing) and brings its schema up to date. */
async function load(path: string | null): Promise<Operations['open']['result']> {
  const opened =
    path === null
      ? { sqlite: await Sqlite.open(), created: true, check: 'new' as const }
      : await openDatabaseFile(path)
  const foreign = opened.created ? null : foreignDatabase(opened.sqlite)
  if (foreign !== null) {
    opened.sqlite.close()
    throw new DatabaseUnreadable(path!, foreign)
  }
  sqlite = opened.sqlite
  file = path
  syncCache = undefined
  const applied = sqlite.migrate(loadMigrations(new URL('./migrations/', import.meta.url)))
  dirty = opened.created || applied.length > 0
  return {
    created: opened.created,
    check: opened.check,
    version: sqlite.version,
    migrationsApplied: applied,
  }
}

/**
 * Saves, or when the save fails (a full disk) puts the memory back to the file on disk, the last
 * saved state: the request that changed it then fails and leaves no trace, in memory or on disk,
 * and no later save carries its change. Every acknowledged change is in that file already;
 * only unsaved bookkeeping (touches) and unsaved sync pages (with the checkpoint that covers
 * them) go, which is what a crash at that moment would lose too.
 */
async function persist(): Promise<SaveResult> {
  try {
    return save()
  } catch (error) {
    const reason = (error as Error).message
    sqlite?.close()
    sqlite = undefined
    try {
      await load(file)
    } catch (reopen) {
      // Neither the change nor the old state is at hand: stop, so the host restarts the worker
      // (or gives up) instead of answering from a database in an unknown state.
      console.error(`sextant: the database could not be reopened: ${(reopen as Error).message}`)
      process.exit(1)
    }
    throw new SaveFailed(reason)
  }
}

/** Runs a change and persists it before the caller hears of success. */
async function changing<T>(work: () => T): Promise<T> {
  writable()
  const result = work()
  dirty = true
  await persist()
  return result
}

function runAll(statements: readonly Statement[]): WriteResult {
  const db = writable()
  return db.transaction(() => {
    const changes = statements.reduce((sum, s) => sum + db.run(s.sql, s.params), 0)
    // Read in the same request: no other write can come between (the worker runs one at a time).
    const lastId = Number(db.get<{ id: number }>('SELECT last_insert_rowid() AS id')?.id ?? 0)
    return { changes, lastId }
  })
}

type Handlers = {
  [K in OperationName]: (
    args: Operations[K]['args'],
    id: number,
  ) => Promise<Operations[K]['result']> | Operations[K]['result']
}

const handlers: Handlers = {
  async open(args) {
    readOnly = args.readOnly === true
    // Temporary files of a writer killed mid-save (or of a save the disk refused) go first.
    if (args.file !== null && !readOnly) removeLeftovers(args.file)
    const opened = await load(args.file)
    if (dirty) save()
    return opened
  },
  query(args) {
    return database().all(args.sql, args.params)
  },
  columns(args) {
    return database().columns(args.sql, args.params, args.textColumns)
  },
  async write(args) {
    syncCache = undefined
    const result = runAll(args.statements)
    // A write that changed no row has nothing to put on disk (a start-up's "mark stale runs
    // interrupted" finds none almost always): no whole-file save for it. What was already
    // waiting (touches) is saved as before.
    if (result.changes > 0) dirty = true
    await persist()
    return result
  },
  touch(args) {
    // Bookkeeping (a token's last use) is not worth refusing a read-only console's requests.
    if (readOnly) return { changes: 0, lastId: 0 }
    const result = runAll(args.statements)
    dirty = true
    return result
  },
  import(args, id) {
    syncCache = undefined
    return changing(() =>
      runImport(database(), args.inputs, (progress) => post({ id, kind: 'progress', progress })),
    )
  },
  demo(args, id) {
    syncCache = undefined
    return changing(() =>
      runDemo(database(), args, (progress) => post({ id, kind: 'progress', progress })),
    )
  },
  async syncPage(args) {
    syncCache ??= new SessionCache()
    let result
    try {
      result = applySyncPage(writable(), args, syncCache)
    } catch (error) {
      syncCache = undefined
      throw error
    }
    dirty = true
    return args.save ? { ...result, savedMs: (await persist()).ms } : result
  },
  feedPage(args) {
    return buildFeedPage(database(), args)
  },
  save() {
    return persist()
  },
  close() {
    // A save the disk refuses on the way out loses only what was never acknowledged (touches):
    // the host hears why in one line, and the file keeps its last saved state.
    let unsaved: string | null = null
    try {
      save()
    } catch (error) {
      unsaved = (error as Error).message
    }
    sqlite?.close()
    sqlite = undefined
    return { unsaved }
  },
}

function post(message: WorkerMessage): void {
  port!.postMessage(message, transferables(message))
}

/** The buffers of a `columns` result move to the main thread instead of being copied. */
function transferables(message: WorkerMessage): ArrayBuffer[] {
  if (message.kind !== 'result' || !isColumns(message.result)) return []
  const { numbers, texts } = message.result
  return [
    ...Object.values(numbers).map((array) => array.buffer as ArrayBuffer),
    ...Object.values(texts).map((column) => column.codes.buffer as ArrayBuffer),
  ]
}

function isColumns(value: unknown): value is Columns {
  return typeof value === 'object' && value !== null && 'numbers' in value && 'texts' in value
}

let queue = Promise.resolve()
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const handler = handlers[request.op] as (args: unknown, id: number) => unknown
      post({ id: request.id, kind: 'result', result: await handler(request.args, request.id) })
    } catch (error) {
      post({ id: request.id, kind: 'error', error: toWire(error) })
    }
  })
})
