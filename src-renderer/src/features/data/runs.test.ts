// Rule: a run reads as its counts (records or snapshots), its duration and its times in the
// console's timezone; the newer of two runs is the one with the higher id.
import { describe, expect, it } from 'vitest'
import type { SyncRun } from '../../../../src-shared/api/sync'
import { newerRun, runCounts, runDuration, runSeconds, when } from './runs'

const run = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  id: 1,
  sourceId: 1,
  trigger: 'manual',
  state: 'ok',
  startedAt: '2026-11-23T12:00:00.000Z',
  endedAt: '2026-11-23T12:04:05.000Z',
  pages: 3,
  added: 12_345,
  updated: 1,
  snapshots: 0,
  error: null,
  ...overrides,
})

describe('sync runs', () => {
  it('counts records or snapshots', () => {
    expect(runCounts(run(), 'sextant')).toBe('12,345 added, 1 updated, 3 pages')
    expect(runCounts(run({ pages: 1 }), 'http')).toBe('12,345 added, 1 updated, 1 page')
    expect(runCounts(run({ snapshots: 1 }), 'snapshot')).toBe('1 snapshot')
    expect(runCounts(run({ snapshots: 4 }), 'snapshot')).toBe('4 snapshots')
  })

  it('times a run', () => {
    expect(runSeconds(run())).toBe(245)
    expect(runDuration(run())).toBe('4m 05s')
    expect(runSeconds(run({ endedAt: null, state: 'running' }))).toBeNull()
    expect(runDuration(run({ endedAt: null, state: 'running' }))).toBe('–')
    expect(runDuration(run({ endedAt: '2026-11-23T12:00:00.000Z' }))).toBe('0s')
  })

  it('writes instants in the console timezone', () => {
    expect(when('2026-11-23T12:00:00.000Z', 'UTC')).toBe('Nov 23, 2026, 12:00')
    expect(when('2026-11-23T12:00:00.000Z', 'Asia/Tokyo')).toBe('Nov 23, 2026, 21:00')
    expect(when('2026-11-23T12:00:00.000Z', 'Europe/Berlin', 'de-DE')).toBe('23. Nov. 2026, 13:00')
    expect(when(null, 'UTC')).toBe('–')
  })

  it('picks the newer run', () => {
    const older = run({ id: 4, state: 'ok' })
    const newer = run({ id: 5, state: 'running' })
    expect(newerRun(older, newer)).toBe(newer)
    expect(newerRun(newer, older)).toBe(newer)
    expect(newerRun(undefined, older)).toBe(older)
    expect(newerRun(older, null)).toBe(older)
    expect(newerRun(null, undefined)).toBeNull()
    // the same run: the first (the polled one) wins
    const polled = run({ id: 5, state: 'ok' })
    expect(newerRun(polled, newer)).toBe(polled)
  })
})
