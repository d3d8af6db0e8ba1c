/**
 * What `sextant serve` and the desktop app both run on an open database: the loopback server
 * with the UI's sessions, the timezone setting and the per-actor event streams (kept warm),
 * listening on 127.0.0.1. Each host adds its own start and stop (signals and printed lines;
 * windows, menus and the discovery file).
 */
import { EventStreams } from './analytics/event-stream'
import type { Clock } from './clock'
import type { DbClient } from './db/client'
import type { LockHandle } from './db/lock'
import { listenOnLoopback } from './http/listen'
import { createServer, type SextantServer } from './http/server'
import { Sessions } from './http/session'
import { TimeZoneSetting } from './settings'

export { DEFAULT_PORT } from './settings'

export interface RunningConsole {
  readonly server: SextantServer
  readonly sessions: Sessions
  /** The port it listens on. */
  readonly port: number
  /** The preferred port was taken and another was used (only with `fallback`). */
  readonly fellBack: boolean
  /** Stops warming, closes the server and the database (which saves). */
  close(): Promise<void>
}

export async function startConsole(options: {
  readonly db: DbClient
  readonly lock: LockHandle
  readonly clock: Clock
  readonly version: string
  readonly uiRoot: string | undefined
  readonly port: number
  /** Take any free port when `port` is in use, instead of failing with EADDRINUSE. */
  readonly fallback: boolean
}): Promise<RunningConsole> {
  const { db, lock } = options
  try {
    const timeZone = await TimeZoneSetting.load(db)
    const sessions = new Sessions()
    const streams = new EventStreams(db)
    let port = options.port
    const server = createServer({
      db,
      clock: options.clock,
      version: options.version,
      port: () => port,
      controlSecret: lock.info.secret,
      sessions,
      streams,
      settings: timeZone,
      timezone: () => timeZone.current,
      uiRoot: options.uiRoot,
    })
    const listening = await listenOnLoopback(server, options.port, { fallback: options.fallback })
    port = listening.port
    lock.update({ port })
    // Per-actor endpoints read in-memory event streams: build them now and after each write.
    const stopWarming = streams.keepWarm()
    return {
      server,
      sessions,
      port,
      fellBack: listening.fellBack,
      async close() {
        stopWarming()
        await server.close()
        await db.close()
      },
    }
  } catch (error) {
    await db.close()
    throw error
  }
}
