// Rule (API.md section 2, campaign-analytics.txt, docs/api.md): GET
// /api/workspaces/:wid/analytics/timeseries?days=N answers {period: "<N>d", series} with one entry
// for EVERY day of the window, ascending, zeros included: {date, events, contacts, messages,
// opens, clicks} = contact events, new contacts and messages created that day, and the
// workspace's messages by the day of opened_at / clicked_at (whenever they were created).
// Anything dated after now is outside the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApi, WORKSPACES, type Api, type Rec } from './helpers'

function event(id: string, createdAt: string, workspace = 'acme'): Rec {
  return { id, workspace_id: workspace, event_type: 'page_view', created_at: createdAt }
}

function contact(id: string, createdAt: string, workspace = 'acme'): Rec {
  return { id, workspace_id: workspace, created_at: createdAt }
}

function message(
  id: string,
  createdAt: string,
  openedAt: string | null,
  clickedAt: string | null,
  workspace = 'acme',
): Rec {
  return {
    id,
    workspace_id: workspace,
    channel: 'EMAIL',
    status: clickedAt !== null ? 'CLICKED' : openedAt !== null ? 'OPENED' : 'QUEUED',
    created_at: createdAt,
    sent_at: openedAt !== null ? createdAt : null,
    delivered_at: openedAt !== null ? createdAt : null,
    opened_at: openedAt,
    clicked_at: clickedAt,
  }
}

let api: Api

beforeAll(async () => {
  api = await startApi({
    workspaces: WORKSPACES,
    contacts: [
      contact('k0', '2026-03-01T00:00:00Z'),
      contact('k1', '2026-03-19T00:00:00Z'),
      contact('k2', '2026-03-21T15:00:00Z'),
      contact('k3', '2026-03-25T13:00:00Z'),
      contact('g1', '2026-03-21T15:00:00Z', 'globex'),
    ],
    contact_events: [
      event('e1', '2026-03-18T23:59:59Z'),
      event('e2', '2026-03-19T00:00:00Z'),
      event('e3', '2026-03-19T10:00:00Z'),
      event('e4', '2026-03-22T05:00:00Z'),
      event('e5', '2026-03-25T12:00:00Z'),
      event('e6', '2026-03-25T12:00:01Z'),
      event('g1', '2026-03-22T05:00:00Z', 'globex'),
    ],
    messages: [
      // created before the window, opened and clicked inside it
      message('m1', '2026-03-10T10:00:00Z', '2026-03-20T08:00:00Z', '2026-03-21T09:00:00Z'),
      message('m2', '2026-03-20T09:00:00Z', '2026-03-20T09:30:00Z', null),
      message('m3', '2026-03-24T10:00:00Z', null, null),
      // opened after now: the open is outside the window
      message('m4', '2026-03-25T11:00:00Z', '2026-03-25T12:30:00Z', null),
      // created the day before the window, opened at its first instant
      message('m5', '2026-03-18T23:00:00Z', '2026-03-19T00:00:00Z', null),
      message('m6', '2026-03-25T12:00:01Z', null, null),
      message(
        'gm',
        '2026-03-20T09:00:00Z',
        '2026-03-20T09:30:00Z',
        '2026-03-20T09:40:00Z',
        'globex',
      ),
    ],
  })
})

afterAll(async () => {
  await api.close()
})

function zero(date: string) {
  return { date, events: 0, contacts: 0, messages: 0, opens: 0, clicks: 0 }
}

describe('GET /api/workspaces/:wid/analytics/timeseries', () => {
  it('answers every day of a 7-day window, zeros included', async () => {
    expect(await api.ok('/api/workspaces/acme/analytics/timeseries?days=7')).toEqual({
      period: '7d',
      series: [
        { date: '2026-03-19', events: 2, contacts: 1, messages: 0, opens: 1, clicks: 0 },
        { date: '2026-03-20', events: 0, contacts: 0, messages: 1, opens: 2, clicks: 0 },
        { date: '2026-03-21', events: 0, contacts: 1, messages: 0, opens: 0, clicks: 1 },
        { date: '2026-03-22', events: 1, contacts: 0, messages: 0, opens: 0, clicks: 0 },
        zero('2026-03-23'),
        { date: '2026-03-24', events: 0, contacts: 0, messages: 1, opens: 0, clicks: 0 },
        { date: '2026-03-25', events: 1, contacts: 0, messages: 1, opens: 0, clicks: 0 },
      ],
    })
  })

  it('defaults to 30 days: 2026-02-24 .. 2026-03-25, one entry a day', async () => {
    const body = (await api.ok('/api/workspaces/acme/analytics/timeseries')) as {
      period: string
      series: { date: string }[]
    }
    expect(body.period).toBe('30d')
    expect(body.series).toHaveLength(30)
    const dates = body.series.map((entry) => entry.date)
    expect(dates[0]).toBe('2026-02-24')
    expect(dates[29]).toBe('2026-03-25')
    for (let i = 1; i < dates.length; i++) {
      const step = Date.parse(`${dates[i]}T00:00:00Z`) - Date.parse(`${dates[i - 1]}T00:00:00Z`)
      expect(step, dates[i]).toBe(86_400_000)
    }
    // the 30-day series holds the 7-day one as its tail, plus m1's creation and k0
    expect(body.series[5]).toEqual({
      date: '2026-03-01',
      events: 0,
      contacts: 1,
      messages: 0,
      opens: 0,
      clicks: 0,
    })
    expect(body.series[14]).toEqual({
      date: '2026-03-10',
      events: 0,
      contacts: 0,
      messages: 1,
      opens: 0,
      clicks: 0,
    })
    expect(body.series[23]).toEqual({
      date: '2026-03-19',
      events: 2,
      contacts: 1,
      messages: 0,
      opens: 1,
      clicks: 0,
    })
    // 2026-03-18 holds e1 (23:59:59) and m5's creation
    expect(body.series[22]).toEqual({
      date: '2026-03-18',
      events: 1,
      contacts: 0,
      messages: 1,
      opens: 0,
      clicks: 0,
    })
  })

  it('takes period the same way; days wins over period', async () => {
    const byDays = await api.ok('/api/workspaces/acme/analytics/timeseries?days=7')
    expect(await api.ok('/api/workspaces/acme/analytics/timeseries?period=7d')).toEqual(byDays)
    expect(await api.ok('/api/workspaces/acme/analytics/timeseries?period=30d&days=7')).toEqual(
      byDays,
    )
  })

  it('answers one day for days=1', async () => {
    expect(await api.ok('/api/workspaces/acme/analytics/timeseries?days=1')).toEqual({
      period: '1d',
      series: [{ date: '2026-03-25', events: 1, contacts: 0, messages: 1, opens: 0, clicks: 0 }],
    })
  })

  it('answers all-zero days for an empty workspace', async () => {
    expect(await api.ok('/api/workspaces/empty/analytics/timeseries?days=3')).toEqual({
      period: '3d',
      series: [zero('2026-03-23'), zero('2026-03-24'), zero('2026-03-25')],
    })
  })

  it('counts only the workspace asked for', async () => {
    expect(await api.ok('/api/workspaces/globex/analytics/timeseries?days=4')).toEqual({
      period: '4d',
      series: [
        { date: '2026-03-22', events: 1, contacts: 0, messages: 0, opens: 0, clicks: 0 },
        zero('2026-03-23'),
        zero('2026-03-24'),
        zero('2026-03-25'),
      ],
    })
  })
})
