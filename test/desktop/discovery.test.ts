// Rule (issue #5): local apps find a running console through <user-data>/sextant.json, readable
// by its owner only (0600), holding the port and address; the file goes when the console stops.
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { DISCOVERY_FILE, removeDiscovery, writeDiscovery } from '../../src-main/core/discovery'
import { listenOnLoopback } from '../../src-main/core/http/listen'
import { createServer } from '../../src-main/core/http/server'

let folder: string | undefined
afterEach(() => {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

describe('discovery file', () => {
  it('is 0600 JSON with the port, address, pid and database, and is removed at the end', () => {
    folder = mkdtempSync(join(tmpdir(), 'sextant-discovery-'))
    const file = writeDiscovery(folder, {
      port: 4477,
      url: 'http://127.0.0.1:4477',
      pid: 1234,
      version: '0.1.0',
      database: '/data/sextant.db',
      startedAt: '2026-11-23T12:00:00.000Z',
    })
    expect(file).toBe(join(folder, DISCOVERY_FILE))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      port: 4477,
      url: 'http://127.0.0.1:4477',
      pid: 1234,
      version: '0.1.0',
      database: '/data/sextant.db',
      startedAt: '2026-11-23T12:00:00.000Z',
    })
    // Rewriting replaces it whole (no partial file is ever visible: temp file + rename).
    writeDiscovery(folder, {
      port: 5000,
      url: 'http://127.0.0.1:5000',
      pid: 1,
      version: '0.1.0',
      database: '/d',
      startedAt: '2026-11-23T12:00:00.000Z',
    })
    expect(JSON.parse(readFileSync(file, 'utf8')).port).toBe(5000)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    removeDiscovery(file)
    expect(existsSync(file)).toBe(false)
    removeDiscovery(file) // twice is fine
  })
})

describe('port fallback', () => {
  it('uses the chosen port when free, and another one (saying so) when it is taken', async () => {
    const blocker = createNetServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const taken = (blocker.address() as { port: number }).port
    const db = await DbClient.open(null)
    const make = () =>
      createServer({ db, clock: fixedClock(0), version: 't', port: () => 0, logger: false })
    const first = make()
    const second = make()
    try {
      const fallen = await listenOnLoopback(first, taken, { fallback: true })
      expect(fallen.fellBack).toBe(true)
      expect(fallen.port).not.toBe(taken)
      expect(fallen.port).toBeGreaterThan(0)
      await expect(listenOnLoopback(second, taken, { fallback: false })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      })
    } finally {
      await first.close()
      await second.close()
      blocker.close()
      await db.close()
    }
  })
})
