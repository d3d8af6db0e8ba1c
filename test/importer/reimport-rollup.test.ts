// Rule (migration 004, importer/session.ts, docs/api.md "Workspace analytics"): the lifetime
// figures of a workspace (eventTypeBreakdown, kpis.bookings, topBookingPages, topRooms, and
// the console's event-types list) count each contact event once, however often it was
// imported. Re-importing more than 50,000 events over existing ids, some with a changed type,
// replaces them: the totals equal a count of the latest version of every id, computed here
// from the rows the test generated, never doubled. Three rounds cover the importer's paths:
// a first import into an empty table (bulk), the same 60,000 ids again (each replaced event's
// old counts taken out), and 61,000 rows mostly over existing ids (bulk again, rebuilt).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import { createToken } from '../../src-main/core/tokens/tokens'

const HOST = '127.0.0.1:4477'
const NOW = Date.parse('2026-03-25T12:00:00Z')
const TYPES = ['page_view', 'booking', 'room_join', 'signup'] as const
/** Each workspace's rooms and booking pages (ids). */
const ROOMS = { acme: [1, 2], globex: [3] } as const
const PAGES = { acme: [1, 2], globex: [3] } as const

type Workspace = keyof typeof ROOMS

interface Event {
  readonly id: string
  readonly workspace: Workspace
  readonly type: (typeof TYPES)[number]
  readonly room: number | null
  readonly page: number | null
}

/** Event `i` of a round: `shift` moves the type of every 7th event (a changed record). */
function event(i: number, shift: number): Event {
  const workspace: Workspace = i % 3 === 0 ? 'globex' : 'acme'
  const type = TYPES[(i + (i % 7 === 0 ? shift : 0)) % TYPES.length]!
  const rooms = ROOMS[workspace]
  const pages = PAGES[workspace]
  return {
    id: `e${i}`,
    workspace,
    type,
    room: type === 'room_join' ? rooms[i % rooms.length]! : null,
    page: type === 'booking' ? pages[i % pages.length]! : null,
  }
}

let folder: string
let db: DbClient
let server: SextantServer
let token: string
/** The latest version of every imported id: what the totals must count. */
const latest = new Map<string, Event>()

async function importRound(events: readonly Event[]): Promise<void> {
  const file = join(folder, 'contact_events.csv')
  const lines = events.map(
    (e) =>
      `${e.id},${e.workspace},${e.type},${e.room ?? ''},${e.page ?? ''},2026-03-0${1 + (Number(e.id.slice(1)) % 9)}T10:00:00Z`,
  )
  writeFileSync(
    file,
    `id,workspace_id,event_type,room_id,booking_page_id,created_at\n${lines.join('\n')}\n`,
  )
  const result = await db.import([{ path: file }])
  expect(result.records).toBe(events.length)
  for (const e of events) latest.set(e.id, e)
}

interface Expected {
  eventTypeBreakdown: { type: string; count: number }[]
  bookings: number
  pages: { id: number; count: number }[]
  rooms: { id: number; count: number }[]
}

/** The lifetime figures of a workspace, counted from the generated rows. */
function expected(workspace: Workspace): Expected {
  const types = new Map<string, number>()
  const pages = new Map<number, number>()
  const rooms = new Map<number, number>()
  for (const e of latest.values()) {
    if (e.workspace !== workspace) continue
    types.set(e.type, (types.get(e.type) ?? 0) + 1)
    if (e.page !== null) pages.set(e.page, (pages.get(e.page) ?? 0) + 1)
    if (e.room !== null) rooms.set(e.room, (rooms.get(e.room) ?? 0) + 1)
  }
  const ranked = (counts: Map<number, number>) =>
    [...counts]
      .map(([id, count]) => ({ id, count }))
      .sort((a, b) => b.count - a.count || a.id - b.id)
  return {
    eventTypeBreakdown: [...types]
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1)),
    bookings: types.get('booking') ?? 0,
    pages: ranked(pages),
    rooms: ranked(rooms),
  }
}

async function get<T>(url: string): Promise<T> {
  const reply = await server.inject({
    url,
    headers: { host: HOST, authorization: `Bearer ${token}` },
  })
  expect(reply.statusCode, reply.body).toBe(200)
  return reply.json() as T
}

async function expectTotals(): Promise<void> {
  let all = 0
  for (const workspace of ['acme', 'globex'] as const) {
    const want = expected(workspace)
    const analytics = await get<{
      kpis: { bookings: number }
      eventTypeBreakdown: { type: string; count: number }[]
      topBookingPages: { id: number; count: number }[]
      topRooms: { id: number; count: number }[]
    }>(`/api/workspaces/${workspace}/analytics`)
    expect(analytics.eventTypeBreakdown, workspace).toEqual(want.eventTypeBreakdown)
    expect(analytics.kpis.bookings, workspace).toBe(want.bookings)
    expect(
      analytics.topBookingPages.map(({ id, count }) => ({ id, count })),
      workspace,
    ).toEqual(want.pages)
    expect(
      analytics.topRooms.map(({ id, count }) => ({ id, count })),
      workspace,
    ).toEqual(want.rooms)
    const { eventTypes } = await get<{ eventTypes: { type: string; count: number }[] }>(
      `/api/v1/workspaces/${workspace}/event-types`,
    )
    expect(eventTypes, workspace).toEqual(want.eventTypeBreakdown)
    all += want.eventTypeBreakdown.reduce((sum, row) => sum + row.count, 0)
  }
  // Every id once: the figures add up to the number of distinct ids imported.
  expect(all).toBe(latest.size)
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'sextant-reimport-'))
  const base = join(folder, 'base')
  mkdirSync(base)
  writeFileSync(
    join(base, 'workspaces.csv'),
    'id,name,created_at\nacme,Acme,2026-01-01\nglobex,Globex,2026-01-01\n',
  )
  writeFileSync(
    join(base, 'rooms.csv'),
    'id,workspace_id,name,created_at\n1,acme,one,2026-01-01\n2,acme,two,2026-01-01\n3,globex,three,2026-01-01\n',
  )
  writeFileSync(
    join(base, 'booking_pages.csv'),
    'id,workspace_id,title,slug,created_at\n1,acme,One,one,2026-01-01\n2,acme,Two,two,2026-01-01\n3,globex,Three,three,2026-01-01\n',
  )
  db = await DbClient.open(null)
  await db.import([{ path: base }])
  const clock = fixedClock(NOW)
  token = (await createToken(db, clock, { name: 'full' })).token
  server = createServer({ db, clock, version: 'test', port: () => 4477, timezone: () => 'UTC' })
}, 60_000)

afterAll(async () => {
  await server?.close()
  await db?.close()
  rmSync(folder, { recursive: true, force: true })
})

const ids = (from: number, to: number): number[] =>
  Array.from({ length: to - from }, (_, index) => from + index)

describe('lifetime event totals across re-imports of more than 50,000 events', () => {
  it(
    'count every id once: first import, the same 60,000 ids again, then 61,000',
    { timeout: 180_000 },
    async () => {
      await importRound(ids(0, 60_000).map((i) => event(i, 0)))
      await expectTotals()
      // The same ids, every 7th with another type.
      await importRound(ids(0, 60_000).map((i) => event(i, 1)))
      await expectTotals()
      // Over the existing ids again (types moved once more) and 1,000 new ones.
      await importRound(ids(0, 61_000).map((i) => event(i, 2)))
      await expectTotals()
      expect(latest.size).toBe(61_000)
    },
  )
})
