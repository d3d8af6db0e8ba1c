// Rule (issue #14 item 8): a report's cover line names its filters as a reader knows them (the
// workspace, campaign, organisation and contact space by name, from the lists the snapshot
// captured; the id only when the name was not captured), the period as dates ending on the
// capture's day in its timezone, and the capture time with its timezone. Written by hand.
import { describe, expect, it } from 'vitest'
import type { CapturedResponse, Snapshot } from '../api/snapshots'
import { formatDays, reportCover } from './cover'

const captured = (key: string, body: unknown): CapturedResponse => ({
  key,
  title: key,
  request: `/${key}`,
  status: 200,
  body,
})

const base: Omit<Snapshot, 'report' | 'params' | 'responses'> = {
  id: 1,
  name: 'Monday review',
  timezone: 'Asia/Tokyo',
  // 23:30 UTC on Nov 22 is 08:30 on Nov 23 in Tokyo.
  capturedAt: '2026-11-22T23:30:00.000Z',
  trigger: 'manual',
}

describe('reportCover', () => {
  it('names the workspace and campaign, dates the period in the capture timezone', () => {
    const cover = reportCover({
      ...base,
      report: 'campaigns',
      params: {
        days: 7,
        workspace: 'acme',
        campaign: 'c2',
        conversion: 'booking',
        metric: 'events',
      },
      responses: [
        captured('workspaces', { workspaces: [{ id: 'acme', name: 'Acme Corp' }] }),
        captured('campaigns-list', {
          campaigns: [
            { id: 'c1', name: 'Spring' },
            { id: 'c2', name: 'Product Launch' },
          ],
        }),
      ],
    })
    expect(cover).toEqual({
      report: 'Campaigns',
      name: 'Monday review',
      filters: [
        { label: 'Period', value: 'Last 7 days (Nov 17 – Nov 23, 2026)' },
        { label: 'Workspace', value: 'Acme Corp' },
        { label: 'Campaign', value: 'Product Launch' },
        { label: 'Conversion event', value: 'booking' },
        { label: 'Cohort activity', value: 'Any event' },
      ],
      captured: 'Captured Nov 23, 2026, 08:30 (Asia/Tokyo)',
    })
  })

  it('falls back to the id when the name was not captured (an older snapshot)', () => {
    const cover = reportCover({
      ...base,
      report: 'workspace',
      params: { days: 30, workspace: 'acme' },
      responses: [],
    })
    expect(cover.filters).toContainEqual({ label: 'Workspace', value: 'acme' })
  })

  it('names the organisation and its contact space; bookings show their dates', () => {
    const calls = reportCover({
      ...base,
      report: 'calls',
      params: { organisation: 'bluebird', space: 'tok1' },
      responses: [
        captured('organisations', {
          organisations: [
            {
              domain_handle: 'bluebird',
              name: 'Bluebird Realty',
              spaces: [{ token: 'tok1', name: 'Leads' }],
            },
          ],
        }),
      ],
    })
    expect(calls.filters).toEqual([
      { label: 'Organisation', value: 'Bluebird Realty' },
      { label: 'Contact space', value: 'Leads' },
    ])
    const bookings = reportCover({
      ...base,
      report: 'bookings',
      params: { days: 30, from: '2025-12-20', to: '2026-01-18' },
      responses: [],
    })
    expect(bookings.filters).toEqual([{ label: 'Period', value: 'Dec 20, 2025 – Jan 18, 2026' }])
  })
})

describe('formatDays', () => {
  it('writes the year once when both days share it', () => {
    expect(formatDays('2026-11-01', '2026-11-07')).toBe('Nov 1 – Nov 7, 2026')
    expect(formatDays('2026-11-07', '2026-11-07')).toBe('Nov 7, 2026')
  })
})
