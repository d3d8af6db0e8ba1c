/**
 * What `sextant serve` and the desktop app both run on an open database: the loopback server
 * with the UI's sessions, the timezone setting and the per-actor event streams (kept warm),
 * listening on 127.0.0.1. Each host adds its own start and stop (signals and printed lines;
 * windows, menus and the discovery file).
 */
import { AllowedOrigins } from './allowed-origins'
import { EventStreams } from './analytics/event-stream'
import type { Clock } from './clock'
import type { DbClient } from './db/client'
import type { LockHandle } from './db/lock'
import { listenOnLoopback } from './http/listen'
import { createServer, type SextantServer } from './http/server'
import { Sessions } from './http/session'
import { TimeZoneSetting } from './settings'
import { SyncService } from './sync/runner'
import type { ReportRenderer } from './reports/render'
import { loadSecretBox, SecretsUnavailable, type KeyWrap, type SecretBox } from './sync/secrets'
import { SourceStore } from './sync/sources'
import { dirname } from 'node:path'

export { DEFAULT_PORT } from './settings'

export interface RunningConsole {
  readonly server: SextantServer
  readonly sessions: Sessions
  /** The sync sources' runner (its scheduler runs while the console does). */
  readonly sync: SyncService
  /** The port it listens on. */
  readonly port: number
  /** The CORS allow-list it answers for (the setting and this run's `--allow-origin`). */
  readonly allowedOrigins: AllowedOrigins
  /** The preferred port was taken and another was used (only with `fallback`). */
  readonly fellBack: boolean
  /**
   * Stops warming, closes the server and the database (which saves); resolves with why that
   * last save failed (a full disk), or null. Every acknowledged write is on disk either way.
   */
  close(): Promise<{ unsaved: string | null }>
}

export async function startConsole(options: {
  readonly db: DbClient
  /** The database's lock; none for a read-only console (`serve --read-only`), which writes nothing. */
  readonly lock: LockHandle | null
  readonly clock: Clock
  readonly version: string
  readonly uiRoot: string | undefined
  readonly port: number
  /** Take any free port when `port` is in use, instead of failing with EADDRINUSE. */
  readonly fallback: boolean
  /** The database file (its folder keeps the secret key); null for an in-memory database. */
  readonly databaseFile: string | null
  /** The OS's encryption for the secret key (the desktop app's safeStorage). */
  readonly keyWrap?: KeyWrap
  /** Renders PDF and PNG exports (the desktop app's hidden window); default: a local Chromium. */
  readonly renderer?: () => ReportRenderer | null
  /** Origins allowed for this run only (`serve --allow-origin`), beside the stored setting. */
  readonly allowOrigins?: readonly string[]
}): Promise<RunningConsole> {
  const { db, lock } = options
  try {
    const timeZone = await TimeZoneSetting.load(db)
    const allowedOrigins = await AllowedOrigins.load(db, options.allowOrigins ?? [])
    const sessions = new Sessions(options.clock)
    const streams = new EventStreams(db)
    const sync = createSyncService({
      db,
      clock: options.clock,
      timeZone: () => timeZone.current,
      databaseFile: options.databaseFile,
      keyWrap: options.keyWrap,
    })
    const readOnly = lock === null
    if (!readOnly) await sync.recover()
    let port = options.port
    const server = createServer({
      db,
      clock: options.clock,
      version: options.version,
      port: () => port,
      controlSecret: lock?.info.secret,
      sessions,
      streams,
      settings: timeZone,
      timezone: () => timeZone.current,
      uiRoot: options.uiRoot,
      sync,
      renderer: options.renderer,
      allowedOrigins,
    })
    const listening = await listenOnLoopback(server, options.port, { fallback: options.fallback })
    port = listening.port
    lock?.update({ port })
    // Per-actor endpoints read in-memory event streams: build them now and after each write.
    const stopWarming = streams.keepWarm()
    // Schedules write (sync runs, captures): a read-only console runs none.
    const stopScheduler = readOnly ? () => undefined : sync.startScheduler()
    const stopCaptures = readOnly ? () => undefined : server.snapshots.startScheduler()
    return {
      server,
      sessions,
      sync,
      port,
      allowedOrigins,
      fellBack: listening.fellBack,
      async close() {
        // The UI's sessions end with the console (they live only in memory anyway).
        sessions.clear()
        stopScheduler()
        stopCaptures()
        await sync.close()
        stopWarming()
        await server.close()
        return db.close()
      },
    }
  } catch (error) {
    await db.close()
    throw error
  }
}

/** The sync runner of a database: sources, their sealed secrets (key beside the file). */
export function createSyncService(options: {
  readonly db: DbClient
  readonly clock: Clock
  readonly timeZone: () => string
  readonly databaseFile: string | null
  readonly keyWrap?: KeyWrap
}): SyncService {
  let box: SecretBox | undefined
  const file = options.databaseFile
  const store = new SourceStore(options.db, options.clock, () => {
    if (file === null) throw new SecretsUnavailable('an in-memory database keeps no secrets')
    box ??= loadSecretBox(dirname(file), options.keyWrap)
    return box
  })
  // SEXTANT_SYNC_SAVE_EVERY_MS: how often a running sync saves (default 5 s; 0 = every page).
  const saveEvery = process.env.SEXTANT_SYNC_SAVE_EVERY_MS
  return new SyncService({
    db: options.db,
    clock: options.clock,
    store,
    timeZone: options.timeZone,
    ...(saveEvery !== undefined && /^[0-9]+$/.test(saveEvery)
      ? { saveEveryMs: Number(saveEvery) }
      : {}),
  })
}
