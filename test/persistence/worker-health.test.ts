// Rule (issue #12, item 2): a dead database worker is never reported healthy. When the worker
// exits (out of memory, a crash) or stops answering (a wedged query), `/health` answers 503 and
// the client starts a new worker from the last saved file, which holds every acknowledged write;
// requests work again once it is open. When it cannot be brought back, `/health` says "failed"
// and the host hears of it (serve and the desktop app exit with one line).
//
// Driven in-process: a real worker thread, a real file, the real server answering `inject`.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import { removeTempDirs, tempDir } from './helpers'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const CONTROL = 'control-secret-for-worker-tests'
/** A recursive CTE that never ends: the worker is busy in sql.js forever. */
const ENDLESS =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c'

afterAll(() => removeTempDirs())

function serverOn(db: DbClient): SextantServer {
  return createServer({
    db,
    clock: fixedClock(Date.UTC(2026, 10, 23, 12)),
    version: '1.2.3',
    port: () => PORT,
    controlSecret: CONTROL,
  })
}

const health = (server: SextantServer) =>
  server.inject({ method: 'GET', url: '/health', headers: { host: HOST } })

const tokens = (server: SextantServer) =>
  server.inject({
    method: 'GET',
    url: '/api/v1/tokens',
    headers: { host: HOST, authorization: `Bearer ${CONTROL}` },
  })

/** The worker thread inside the client: the test stands in for what kills it in real life. */
const workerOf = (db: DbClient): Worker => (db as unknown as { worker: Worker }).worker

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('condition not reached in 10 s')
}

async function openWithToken(stallMs?: number): Promise<{ db: DbClient; server: SextantServer }> {
  const file = join(tempDir('sextant-worker-'), 'worker.db')
  const db = await DbClient.open(file, stallMs === undefined ? {} : { stallMs })
  const server = serverOn(db)
  const created = await server.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { host: HOST, authorization: `Bearer ${CONTROL}` },
    payload: { name: 'acknowledged' },
  })
  expect(created.statusCode).toBe(201)
  return { db, server }
}

describe('a database worker that exits', () => {
  it('is reported by /health (503), restarted from the saved file, and serves again', async () => {
    const { db, server } = await openWithToken()
    expect((await health(server)).statusCode).toBe(200)
    const crashed = workerOf(db)
    await crashed.terminate()
    // Right after the exit the client is restarting: /health must not say ok meanwhile.
    const during = await health(server)
    expect(during.statusCode).toBe(503)
    expect(during.json()).toMatchObject({ status: 'restarting', version: '1.2.3' })
    expect(during.json().reason).toMatch(/stopped \(exit code/)
    const after = await until(
      () => health(server),
      (response) => response.statusCode === 200,
    )
    expect(after.json()).toEqual({ status: 'ok', version: '1.2.3' })
    expect(workerOf(db)).not.toBe(crashed)
    // The acknowledged token came back with the file.
    const listed = await tokens(server)
    expect(listed.statusCode).toBe(200)
    expect(listed.json().tokens.map((t: { name: string }) => t.name)).toEqual(['acknowledged'])
    await server.close()
    await db.close()
  })

  it('that runs out of memory takes only itself down (its heap is capped)', async () => {
    const previous = process.env.SEXTANT_DB_HEAP_MB
    process.env.SEXTANT_DB_HEAP_MB = '48'
    let db: DbClient
    try {
      db = await DbClient.open(join(tempDir('sextant-worker-oom-'), 'oom.db'))
    } finally {
      if (previous === undefined) delete process.env.SEXTANT_DB_HEAP_MB
      else process.env.SEXTANT_DB_HEAP_MB = previous
    }
    const server = serverOn(db)
    // Four million row objects do not fit a 48 MB heap.
    const huge = db.query(
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 4000000) SELECT x, x * 2 AS y FROM c',
    )
    await expect(huge).rejects.toThrow(/restarting it from the last saved file/)
    await until(
      () => health(server),
      (response) => response.statusCode === 200,
    )
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }])
    await server.close()
    await db.close()
  })
})

describe('a database worker that stops answering', () => {
  it('is declared wedged after the stall time, restarted, and the next request is answered', async () => {
    const { db, server } = await openWithToken(3_000)
    const wedged = db.query(ENDLESS)
    await expect(wedged).rejects.toThrow(/stopped answering for 3\.0 s; restarting it/)
    await until(
      () => health(server),
      (response) => response.statusCode === 200,
    )
    const listed = await tokens(server)
    expect(listed.json().tokens.map((t: { name: string }) => t.name)).toEqual(['acknowledged'])
    await server.close()
    await db.close()
  })

  it('is not declared wedged while it answers within the stall time', async () => {
    const { db, server } = await openWithToken(10_000)
    // A write that takes a while but well under the stall time.
    const rows = await db.query(
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000) SELECT count(*) AS n FROM c',
    )
    expect(rows).toEqual([{ n: 200000 }])
    expect((await health(server)).statusCode).toBe(200)
    await server.close()
    await db.close()
  })
})

describe('a database worker that cannot be brought back', () => {
  it('is reported "failed" and the host is told once', async () => {
    const file = join(tempDir('sextant-worker-fatal-'), 'fatal.db')
    const db = await DbClient.open(file)
    const server = serverOn(db)
    const reasons: string[] = []
    db.onFatal((reason) => reasons.push(reason))
    // The saved file is gone bad: every reopen fails, so restarting cannot succeed.
    writeFileSync(file, 'this is no longer a database')
    await workerOf(db).terminate()
    const failed = await until(
      () => health(server),
      (response) => response.json().status === 'failed',
    )
    expect(failed.statusCode).toBe(503)
    expect(failed.json().reason).toMatch(/does not open: not a SQLite database/)
    expect(reasons).toHaveLength(1)
    // Data routes answer the failure in their family's shape, not a bare 500.
    const listed = await tokens(server)
    expect(listed.statusCode).toBe(503)
    expect(listed.json().error.code).toBe('database_unavailable')
    await server.close()
    await db.close()
  })
})
