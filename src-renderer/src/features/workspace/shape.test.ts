// Rule: sparse timelines become one entry per day of the window, today included.
import { describe, expect, it } from 'vitest'
import { lastDates } from '../../../../src-shared/domain/time'
import { fillDates } from './shape'

describe('workspace timelines', () => {
  it('lists the last N dates ending today, across a month end', () => {
    expect(lastDates('2026-03-02', 4)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ])
  })
  it('fills the missing days and drops rows outside the window', () => {
    const rows = [
      { date: '2026-02-20', n: 9 },
      { date: '2026-02-28', n: 1 },
      { date: '2026-03-02', n: 2 },
    ]
    expect(fillDates(rows, lastDates('2026-03-02', 3)).map((row) => row?.n ?? 0)).toEqual([1, 0, 2])
  })
})
