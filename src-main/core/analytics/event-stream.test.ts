// Rule: the in-memory event streams behind attribution, funnels and cohorts are exact copies of
// contact_events in (created_at, id) order, and never outlive a write: a read sent after a write
// (even one still running) sees the written data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DbClient } from '../db/client'
import { EventStreams, loadEventStream, slice, sameInstantEnd } from './event-stream'

const T0 = Date.parse('2026-03-01T10:00:00Z')

function insertEvent(
  id: string,
  fields: {
    contact?: string
    visitor?: string
    type: string
    at: number
    utm?: string[]
    ws?: string
  },
): { sql: string; params: Record<string, string | number | null> } {
  return {
    sql: `INSERT INTO contact_events (id, workspace_id, contact_id, visitor_id, event_type, utm_source, utm_medium, utm_campaign, created_at)
          VALUES (:id, :ws, :contact, :visitor, :type, :s, :m, :c, :at)`,
    params: {
      id,
      ws: fields.ws ?? 'acme',
      contact: fields.contact ?? null,
      visitor: fields.visitor ?? null,
      type: fields.type,
      s: fields.utm?.[0] ?? null,
      m: fields.utm?.[1] ?? null,
      c: fields.utm?.[2] ?? null,
      at: fields.at,
    },
  }
}

describe('event streams', () => {
  let db: DbClient
  beforeEach(async () => {
    db = await DbClient.open(null)
    await db.write([
      insertEvent('e3', { contact: 'c1', type: 'signup', at: T0 + 60_000 }),
      insertEvent('e2', {
        visitor: 'v1',
        type: 'page_view',
        at: T0,
        utm: ['google', 'cpc', 'spring'],
      }),
      insertEvent('e1', {
        contact: 'c1',
        visitor: 'v9',
        type: 'page_view',
        at: T0,
        utm: ['news', '', ''],
      }),
      insertEvent('e4', { type: 'page_view', at: T0 + 120_000 }),
      insertEvent('x1', { contact: 'c1', type: 'purchase', at: T0, ws: 'globex' }),
    ])
  })
  afterEach(async () => {
    await db.close()
  })

  it('holds one workspace in (created_at, id) order with actors, types and UTM coded', async () => {
    const stream = await loadEventStream(db, 'acme')
    expect(stream.length).toBe(4)
    expect([...stream.at]).toEqual([T0, T0, T0 + 60_000, T0 + 120_000])
    // e1 before e2 (same instant, id order), then e3, e4
    const actors = [...stream.actor].map((code) => (code < 0 ? null : stream.actors[code]))
    expect(actors).toEqual(['c1', 'v1', 'c1', null])
    expect([...stream.fromContact]).toEqual([1, 0, 1, 0])
    const types = [...stream.type].map((code) => stream.types[code])
    expect(types).toEqual(['page_view', 'page_view', 'signup', 'page_view'])
    const utms = [...stream.utm].map((code) => (code < 0 ? null : JSON.parse(stream.utms[code]!)))
    expect(utms).toEqual([['news', '', ''], ['google', 'cpc', 'spring'], null, null])
  })

  it('slices a window inclusively and finds runs of one instant', async () => {
    const stream = await loadEventStream(db, 'acme')
    expect(slice(stream, T0, T0)).toEqual([0, 2])
    expect(slice(stream, T0 + 1, T0 + 120_000)).toEqual([2, 4])
    expect(slice(stream, T0 + 120_001, T0 + 999_999)).toEqual([4, 4])
    expect(sameInstantEnd(stream, 0, 4)).toBe(2)
    expect(sameInstantEnd(stream, 2, 4)).toBe(3)
  })

  it('an empty workspace is an empty stream', async () => {
    const stream = await loadEventStream(db, 'nobody')
    expect(stream.length).toBe(0)
    expect(slice(stream, 0, Number.MAX_SAFE_INTEGER)).toEqual([0, 0])
  })

  it('drops a stream as soon as a write is sent, even before it finishes', async () => {
    const streams = new EventStreams(db)
    expect((await streams.get('acme')).length).toBe(4)
    expect(await streams.get('acme')).toBe(await streams.get('acme'))
    const writing = db.write([insertEvent('e5', { contact: 'c2', type: 'signup', at: T0 })])
    const after = streams.get('acme') // sent while the write is in flight
    await writing
    expect((await after).length).toBe(5)
  })

  it('keeps its streams through writes to the console tables (tokens, settings)', async () => {
    const streams = new EventStreams(db)
    const first = await streams.get('acme')
    await db.write([{ sql: "INSERT INTO settings (key, value) VALUES ('timezone', 'UTC')" }], {
      records: false,
    })
    expect(await streams.get('acme')).toBe(first)
    await db.write([insertEvent('e9', { contact: 'c9', type: 'signup', at: T0 })])
    expect(await streams.get('acme')).not.toBe(first)
  })

  it('keepWarm rebuilds every workspace after each write', async () => {
    // Warming lists workspaces from the lifetime rollup that imports maintain.
    await db.write([
      {
        sql: `INSERT INTO event_type_totals (workspace_id, event_type, n)
              SELECT workspace_id, event_type, count(*) FROM contact_events GROUP BY 1, 2`,
      },
    ])
    const streams = new EventStreams(db)
    const stop = streams.keepWarm()
    await streams.idle()
    await db.write([insertEvent('x2', { contact: 'c3', type: 'signup', at: T0, ws: 'globex' })])
    await streams.idle()
    // Both workspaces were rebuilt in the background: asking now issues no new scan.
    let scans = 0
    const columns = db.columns.bind(db)
    db.columns = (...args) => {
      scans++
      return columns(...args)
    }
    expect((await streams.get('globex')).length).toBe(2)
    expect((await streams.get('acme')).length).toBe(4)
    expect(scans).toBe(0)
    stop()
    await db.write([insertEvent('x3', { contact: 'c3', type: 'signup', at: T0, ws: 'globex' })])
    await streams.idle()
    expect((await streams.get('globex')).length).toBe(3)
    expect(scans).toBe(1)
  })
})
