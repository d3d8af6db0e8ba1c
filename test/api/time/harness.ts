// A console for the day-boundary tests: a dataset imported into an in-memory database and served
// in-process (inject), with the timezone and "now" resolved the way `sextant serve` resolves
// them, from SEXTANT_TZ and SEXTANT_NOW (passed as an environment object, so the tests' own
// process environment stays untouched).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clockFromEnv } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer } from '../../../src-main/core/http/server'
import { TimeZoneSetting } from '../../../src-main/core/settings'
import { createToken } from '../../../src-main/core/tokens/tokens'

/** One record: column -> value. */
export type Rec = Readonly<Record<string, string | number | null>>

export interface Console {
  /** GET with a full-access token, expecting 200; answers the JSON body. */
  ok(url: string): Promise<unknown>
  close(): Promise<void>
}

export async function startConsole(
  dataset: Readonly<Record<string, readonly Rec[]>>,
  env: { SEXTANT_TZ: string; SEXTANT_NOW: string },
): Promise<Console> {
  const db = await DbClient.open(null)
  const dir = mkdtempSync(join(tmpdir(), 'sextant-time-'))
  try {
    for (const [entity, records] of Object.entries(dataset)) {
      const lines = records.map((record) => JSON.stringify(record)).join('\n')
      writeFileSync(join(dir, `${entity}.ndjson`), `${lines}\n`)
    }
    await db.import([{ path: dir }])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const clock = clockFromEnv(env)
  const setting = await TimeZoneSetting.load(db, env)
  const server = createServer({
    db,
    clock,
    version: 'test',
    port: () => 4477,
    settings: setting,
    timezone: () => setting.current,
  })
  const { token } = await createToken(db, clock, { name: 'full' })
  return {
    async ok(url) {
      const reply = await server.inject({
        method: 'GET',
        url,
        headers: { host: '127.0.0.1:4477', authorization: `Bearer ${token}` },
      })
      if (reply.statusCode !== 200)
        throw new Error(`GET ${url}: expected 200, got ${reply.statusCode} ${reply.body}`)
      return reply.json()
    },
    async close() {
      await server.close()
      await db.close()
    },
  }
}
