// Shared harness for the workspace-family API contract tests (API.md sections "Server", 1, 2):
// a dataset written to a temporary folder (or a fixture folder), imported into an in-memory
// database, served in-process (inject, no port) with "now" fixed at 2026-03-25T12:00:00Z.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fixedClock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import type { LoggerSetting } from '../../../src-main/core/http/auth'
import { createToken } from '../../../src-main/core/tokens/tokens'
import type { EntityName } from '../../../src-shared/domain/entities'

/** "Now" in every test of this folder. */
export const NOW = Date.parse('2026-03-25T12:00:00Z')
export const PORT = 4477
export const HOST = `127.0.0.1:${PORT}`
export const JSON_TYPE = 'application/json; charset=utf-8'

/** One record of a dataset: column -> value (null = NULL; absent nullable columns = NULL). */
export type Rec = Readonly<Record<string, string | number | null>>
/** A dataset: entity -> records, written as `<entity>.ndjson`. */
export type Dataset = Partial<Record<EntityName, readonly Rec[]>>

/** The part of an inject response the tests read. */
export interface Reply {
  readonly statusCode: number
  readonly headers: Readonly<Record<string, unknown>>
  readonly body: string
  json(): unknown
}

export interface Api {
  readonly server: SextantServer
  /** A full-access token. */
  readonly token: string
  /** A token scoped to the workspaces `acme` and `ghost` (which no dataset holds). */
  readonly scopedToken: string
  /** GET with the Host header set and, unless `auth` is null, `Bearer <full token>`. */
  get(url: string, auth?: string | null, headers?: Record<string, string>): Promise<Reply>
  /** GET, expecting 200 with the JSON content type; answers the body. */
  ok(url: string): Promise<unknown>
  close(): Promise<void>
}

/** Absolute path of a fixture folder of this directory. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
}

/** The three workspaces most datasets start from: `empty` holds nothing else. */
export const WORKSPACES: readonly Rec[] = [
  { id: 'acme', name: 'Acme', created_at: '2026-01-01T00:00:00Z' },
  { id: 'globex', name: 'Globex', created_at: '2026-01-01T00:00:00Z' },
  { id: 'empty', name: 'Empty', created_at: '2026-01-01T00:00:00Z' },
]

function writeDataset(dataset: Dataset): string {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-api-ws-'))
  for (const [entity, records] of Object.entries(dataset)) {
    if (records === undefined) continue
    const lines = records.map((record) => JSON.stringify(record)).join('\n')
    writeFileSync(join(dir, `${entity}.ndjson`), lines + '\n')
  }
  return dir
}

/** Imports the dataset (records or a folder path) and starts a server on it. */
export async function startApi(
  dataset: Dataset | string,
  options: { timezone?: string; logger?: LoggerSetting } = {},
): Promise<Api> {
  const db = await DbClient.open(null)
  let dir: string | null = null
  try {
    if (typeof dataset === 'string') await db.import([{ path: dataset }])
    else {
      dir = writeDataset(dataset)
      await db.import([{ path: dir }])
    }
  } finally {
    if (dir !== null) rmSync(dir, { recursive: true, force: true })
  }
  const clock = fixedClock(NOW)
  const timezone = options.timezone ?? 'UTC'
  const server = createServer({
    db,
    clock,
    version: 'test',
    port: () => PORT,
    timezone: () => timezone,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })
  const { token } = await createToken(db, clock, { name: 'full' })
  const scoped = await createToken(db, clock, { name: 'scoped', workspaces: ['acme', 'ghost'] })

  async function get(
    url: string,
    auth: string | null = `Bearer ${token}`,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const all: Record<string, string> = { host: HOST, ...headers }
    if (auth !== null) all.authorization = auth
    return server.inject({ method: 'GET', url, headers: all })
  }

  return {
    server,
    token,
    scopedToken: scoped.token,
    get,
    async ok(url: string): Promise<unknown> {
      const reply = await get(url)
      if (reply.statusCode !== 200) {
        throw new Error(`GET ${url}: expected 200, got ${reply.statusCode} ${reply.body}`)
      }
      if (reply.headers['content-type'] !== JSON_TYPE) {
        throw new Error(`GET ${url}: content-type ${String(reply.headers['content-type'])}`)
      }
      return reply.json()
    },
    async close(): Promise<void> {
      await server.close()
      await db.close()
    },
  }
}
