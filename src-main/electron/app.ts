/**
 * Wires the core into Electron: one database client, one loopback server, one
 * window with Electron's security checklist settings.
 */
import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { clockFromEnv } from '../core/clock'
import { DbClient } from '../core/db/client'
import { acquireLock } from '../core/db/lock'
import { createServer } from '../core/http/server'
import { EventStreams } from '../core/analytics/event-stream'
import { TimeZoneSetting } from '../core/settings'
import { Sessions, loginUrl } from '../core/http/session'

const here = fileURLToPath(new URL('.', import.meta.url))

export async function startDesktop(): Promise<void> {
  const file = process.env.SEXTANT_DB || join(app.getPath('userData'), 'sextant.db')
  const lock = acquireLock(file, 'desktop')
  const db = await DbClient.open(file, { workerUrl: new URL('./db-worker.js', import.meta.url) })
  let port = Number(process.env.SEXTANT_PORT || 4477)
  const timeZone = await TimeZoneSetting.load(db)
  const sessions = new Sessions()
  const streams = new EventStreams(db)
  const server = createServer({
    streams,
    sessions,
    settings: timeZone,
    uiRoot: fileURLToPath(new URL('../renderer/', import.meta.url)),
    timezone: () => timeZone.current,
    db,
    clock: clockFromEnv(),
    version: app.getVersion(),
    port: () => port,
    controlSecret: lock.info.secret,
  })
  await server.listen({ host: '127.0.0.1', port })
  const address = server.server.address()
  if (address !== null && typeof address === 'object') port = address.port
  lock.update({ port })
  // Per-actor endpoints read in-memory event streams: build them now and after each write.
  const stopWarming = streams.keepWarm()
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  await window.loadURL(loginUrl(port, sessions.createLoginCode()))
  app.on('before-quit', (event) => {
    event.preventDefault()
    void (async () => {
      stopWarming()
      await server.close()
      await db.close()
      lock.release()
      app.exit(0)
    })()
  })
}
