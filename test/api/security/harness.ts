// Shared harness of the loopback API contract tests (calls, bookings, security): writes a
// hand-made dataset to a temporary folder, imports it into a fresh in-memory database and
// drives the server in-process with inject (no port is opened unless a test listens itself).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import { fixedClock, type Clock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import { createToken } from '../../../src-main/core/tokens/tokens'
import type { EntityName } from '../../../src-shared/domain/entities'

export const PORT = 4477
export const HOST = `127.0.0.1:${PORT}`
/** "Now" of every contract test: a Wednesday, before the 2026-03-29 switch to summer time. */
export const NOW = '2026-03-25T12:00:00Z'

/** One entity's records, as they would sit in `<entity>.json`. */
export type Dataset = Partial<Record<EntityName, readonly Record<string, unknown>[]>>

export interface Harness {
  readonly db: DbClient
  readonly clock: Clock
  readonly server: SextantServer
  /** A full-access token. */
  readonly token: string
  /** A token scoped to workspace `acme` and organisation `north.example`. */
  readonly scopedToken: string
  /** GET with Host set to the console and the given extra headers. */
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

/** Writes the dataset as one JSON file per entity and returns the folder. */
export function writeDataset(dataset: Dataset): string {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-api-test-'))
  for (const [entity, records] of Object.entries(dataset)) {
    writeFileSync(join(folder, `${entity}.json`), JSON.stringify(records))
  }
  return folder
}

export async function startHarness(
  dataset: Dataset,
  options: { timezone?: string; port?: () => number } = {},
): Promise<Harness> {
  const db = await DbClient.open(null)
  const folder = writeDataset(dataset)
  try {
    await db.import([{ path: folder }])
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  const clock = fixedClock(Date.parse(NOW))
  const timezone = options.timezone ?? 'UTC'
  const server = createServer({
    db,
    clock,
    version: 'test',
    port: options.port ?? (() => PORT),
    timezone: () => timezone,
  })
  const { token } = await createToken(db, clock, { name: 'full' })
  const scoped = await createToken(db, clock, {
    name: 's',
    workspaces: ['acme'],
    organisations: ['north.example'],
  })
  return {
    db,
    clock,
    server,
    token,
    scopedToken: scoped.token,
    get: (url, headers = {}) =>
      server.inject({ method: 'GET', url, headers: { host: HOST, ...headers } }),
    close: async () => {
      await server.close()
      await db.close()
    },
  }
}

/** The JSON body of a response, typed loosely for assertions. */
export function body(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json<Record<string, unknown>>()
}
