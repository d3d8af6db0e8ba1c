// Rule (issue #7): a snapshot's CSV export is one long-form table `block,title,row,column,value`:
// every value of every table column and chart series (a chart's first column names the row),
// nested fields as `a.b` columns (a next meeting's `author.name`, `slot.title`), in UTF-8
// with CRLF line ends, a byte order mark only when asked for, RFC 4180 quoting (quotes, commas
// and newlines in text round-trip), and no text a spreadsheet would run: a text cell starting
// with = + - @ tab or CR gets a leading `'`; numbers (-5) are left alone. Expected rows are
// written by hand or read straight from the captured responses, never from blocksOf().
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORTS, type Report, type Snapshot } from '../../src-shared/api/snapshots'
import { snapshotCsv } from '../../src-main/core/reports/snapshots'
import { openConsole, type Console } from './helpers'

const HEADER = ['block', 'title', 'row', 'column', 'value']

function parse(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

describe('the CSV of a hand-written snapshot', () => {
  const snapshot: Snapshot = {
    id: 4,
    name: 'By hand',
    report: 'bookings',
    params: {},
    timezone: 'UTC',
    capturedAt: '2026-11-23T12:00:00.000Z',
    trigger: 'api',
    responses: [
      {
        key: 'reports',
        title: 'Bookings overview',
        request: '/reports',
        status: 200,
        body: {
          next_meetings: [
            {
              id: 7,
              status: 'booked',
              title: 'Intro call with Ada Lovelace',
              author: { name: 'Grace Hopper' },
              slot: { id: 3, title: 'Intro call' },
            },
            // A deleted calendar event (docs/api.md): `slot: {}`, author "unknown".
            {
              id: 9,
              status: 'booked',
              title: 'Unknown event with Alan Turing',
              author: { name: 'unknown' },
              slot: {},
            },
          ],
        },
      },
      {
        key: 'graph',
        title: 'Bookings over time',
        request: '/reports/graph-reports',
        status: 200,
        body: {
          booked_stats: { '2026-11-01': 3, '2026-11-02': 1 },
          completed_stats: { '2026-11-01': 2, '2026-11-02': 0 },
        },
      },
      {
        key: 'cohorts',
        title: 'Cohorts (events)',
        request: '/cohorts',
        status: 200,
        body: {
          cohorts: [{ cohort: '2026-11-02', size: 4, retention: { week_0: 1, week_1: 0.5 } }],
        },
      },
    ],
  }

  it('is exactly these rows: a table with every column, nested ones as a.b; charts by row label', () => {
    const meetings = 'reports:next_meetings,Bookings overview: Next meetings'
    const expected = [
      'block,title,row,column,value',
      // A table: every column, the first one (the id) too.
      `${meetings},7,id,7`,
      `${meetings},7,status,booked`,
      `${meetings},7,title,Intro call with Ada Lovelace`,
      `${meetings},7,author.name,Grace Hopper`,
      `${meetings},7,slot.id,3`,
      `${meetings},7,slot.title,Intro call`,
      `${meetings},9,id,9`,
      `${meetings},9,status,booked`,
      `${meetings},9,title,Unknown event with Alan Turing`,
      `${meetings},9,author.name,unknown`,
      `${meetings},9,slot.id,`,
      `${meetings},9,slot.title,`,
      // Date-keyed siblings: one line chart; the date names the row.
      'graph:series,Bookings over time,2026-11-01,booked_stats,3',
      'graph:series,Bookings over time,2026-11-01,completed_stats,2',
      'graph:series,Bookings over time,2026-11-02,booked_stats,1',
      'graph:series,Bookings over time,2026-11-02,completed_stats,0',
      // Rows by cohort date with a few numbers: a line chart, the nested retention as a.b.
      'cohorts:cohorts,Cohorts (events): Cohorts,2026-11-02,size,4',
      'cohorts:cohorts,Cohorts (events): Cohorts,2026-11-02,retention.week_0,1',
      'cohorts:cohorts,Cohorts (events): Cohorts,2026-11-02,retention.week_1,0.5',
    ]
    expect(snapshotCsv(snapshot, { bom: false })).toBe(`${expected.join('\r\n')}\r\n`)
  })
})

interface Figure {
  readonly block: string
  readonly title: string
  readonly row: string
  readonly column: string
  readonly value: string
}

function bodyOf<T>(snapshot: Snapshot, key: string): T {
  const response = snapshot.responses.find((item) => item.key === key)
  if (response === undefined) throw new Error(`no ${key} response in ${snapshot.report}`)
  return response.body as T
}

/** Figures of each report read straight from its captured responses, with their CSV place. */
function figuresOf(report: Report, snapshot: Snapshot): Figure[] {
  const figure = (
    block: string,
    title: string,
    row: string | number,
    column: string,
    value: string | number,
  ): Figure => ({ block, title, row: String(row), column, value: String(value) })
  switch (report) {
    case 'overview': {
      const { kpis } = bodyOf<{ kpis: { key: string; value: number }[] }>(snapshot, 'overview')
      return kpis.map((kpi) =>
        figure('overview:kpis', 'Overview: KPIs', kpi.key, 'value', kpi.value),
      )
    }
    case 'workspace': {
      const body = bodyOf<{
        kpis: Record<string, number>
        topRooms: { id: number; name: string; count: number }[]
      }>(snapshot, 'workspace')
      const title = 'Workspace activity: Top Rooms'
      return [
        figure(
          'workspace:kpis',
          'Workspace activity: KPIs',
          'bookings',
          'value',
          body.kpis.bookings!,
        ),
        ...body.topRooms.flatMap((room) => [
          figure('workspace:topRooms', title, room.id, 'name', room.name),
          figure('workspace:topRooms', title, room.id, 'count', room.count),
        ]),
      ]
    }
    case 'bookings': {
      const { next_meetings: meetings } = bodyOf<{
        next_meetings: { id: number; author: { name: string }; slot: { title?: string } }[]
      }>(snapshot, 'reports')
      const title = 'Bookings overview: Next meetings'
      return meetings.flatMap((meeting) => [
        figure('reports:next_meetings', title, meeting.id, 'author.name', meeting.author.name),
        figure('reports:next_meetings', title, meeting.id, 'slot.title', meeting.slot.title ?? ''),
      ])
    }
    case 'campaigns': {
      const { cohorts } = bodyOf<{
        cohorts: { cohort: string; retention: Record<string, number> }[]
      }>(snapshot, 'cohorts')
      const attribution = bodyOf<{ totalAttributedEvents: number }>(snapshot, 'attribution')
      return [
        figure(
          'attribution:',
          'Attribution (purchase)',
          'totalAttributedEvents',
          'value',
          attribution.totalAttributedEvents,
        ),
        ...cohorts.map((cohort) =>
          figure(
            'cohorts:cohorts',
            'Cohorts (events): Cohorts',
            cohort.cohort,
            'retention.week_0',
            cohort.retention.week_0!,
          ),
        ),
      ]
    }
    case 'calls': {
      const { data } = bodyOf<{ data: { call_analytics: Record<string, number> } }>(
        snapshot,
        'calls',
      )
      return Object.entries(data.call_analytics).map(([key, value]) =>
        figure(
          'calls:data.call_analytics',
          'Organisation calls: Data · Call analytics',
          key,
          'value',
          value,
        ),
      )
    }
  }
}

describe('the CSV of every report', () => {
  let c: Console
  const snapshots = new Map<Report, Snapshot>()
  beforeAll(async () => {
    c = await openConsole()
    for (const report of REPORTS) {
      const params = report === 'campaigns' ? { steps: ['page_view', 'signup', 'booking'] } : {}
      const summary = await c.server.snapshots.capture(report, params, { trigger: 'api' })
      snapshots.set(report, await c.server.snapshots.get(summary.id))
    }
  })
  afterAll(async () => {
    await c.close()
  })

  it.each(REPORTS)('%s: holds the figures of its responses where they belong', (report) => {
    const snapshot = snapshots.get(report)!
    const records = parse(snapshotCsv(snapshot, { bom: false }))
    expect(records[0]).toEqual(HEADER)
    for (const record of records) expect(record).toHaveLength(5)
    const figures = figuresOf(report, snapshot)
    // Every report of the small demo has figures of these kinds (next meetings, top rooms ...).
    expect(figures.length).toBeGreaterThan(1)
    for (const { block, title, row, column, value } of figures)
      expect(records, `${block} ${row} ${column}`).toContainEqual([
        block,
        title,
        row,
        column,
        value,
      ])
  })

  it('starts with a byte order mark only when asked, and ends every line with CRLF', () => {
    for (const snapshot of snapshots.values()) {
      const plain = snapshotCsv(snapshot, { bom: false })
      const excel = snapshotCsv(snapshot, { bom: true })
      expect(plain.startsWith('block,title,row,column,value\r\n')).toBe(true)
      expect(plain.charCodeAt(0)).not.toBe(0xfeff)
      expect(excel).toBe(`\uFEFF${plain}`)
      expect(Buffer.from(excel).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
      expect(plain.endsWith('\r\n')).toBe(true)
      expect(plain.endsWith('\r\n\r\n')).toBe(false)
      // The demo's text holds no line breaks: every LF is a CRLF line end.
      expect(plain.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
      expect(plain.split('\r\n').length - 1).toBe(parse(plain).length)
    }
  })
})

describe('text a spreadsheet would run', () => {
  const hostile = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']
  const awkward = 'say "hi", then\nleave\r\nnow'
  const snapshot: Snapshot = {
    id: 1,
    name: 'Hostile',
    report: 'overview',
    params: {},
    timezone: 'UTC',
    capturedAt: '2026-11-23T12:00:00.000Z',
    trigger: 'api',
    responses: [
      {
        key: 'ledger',
        title: '=Ledger',
        request: '/x',
        status: 200,
        body: {
          balance: -5,
          '=risky': 2,
          items: [
            ...hostile.map((label, index) => ({
              id: index + 1,
              label,
              amount: index === 0 ? -5 : index,
            })),
            { id: 7, label: awkward, amount: -0.25 },
            { id: 8, label: 'plain, with a comma', amount: 1234567.5 },
            { id: 9, label: null, amount: null },
          ],
        },
      },
    ],
  }

  it('makes hostile text inert, leaves numbers alone and round-trips quotes, commas, newlines', () => {
    const csv = snapshotCsv(snapshot, { bom: false })
    const records = parse(csv)
    expect(records[0]).toEqual(HEADER)
    const rows = records.slice(1)
    const table = rows.filter((record) => record[0] === 'ledger:items')
    const label = (id: number): string =>
      table.find((record) => record[2] === String(id) && record[3] === 'label')![4]!
    const amount = (id: number): string =>
      table.find((record) => record[2] === String(id) && record[3] === 'amount')![4]!

    hostile.forEach((text, index) => expect(label(index + 1)).toBe(`'${text}`))
    expect(amount(1)).toBe('-5')
    expect(Number(amount(1))).toBe(-5)
    expect(label(7)).toBe(awkward)
    expect(amount(7)).toBe('-0.25')
    expect(label(8)).toBe('plain, with a comma')
    expect(Number(amount(8))).toBe(1234567.5)
    expect(label(9)).toBe('')
    expect(amount(9)).toBe('')
    // RFC 4180: the awkward text quoted, its quotes doubled.
    expect(csv).toContain(`"say ""hi"", then\nleave\r\nnow"`)

    // The KPIs: -5 stays a number; a figure named like a formula is inert, so is the title.
    const kpis = rows.filter((record) => record[0] === 'ledger:')
    expect(kpis).toEqual([
      ['ledger:', "'=Ledger", 'balance', 'value', '-5'],
      ['ledger:', "'=Ledger", "'=risky", 'value', '2'],
    ])

    // No field of the file starts a formula, unless it is a number.
    for (const record of rows)
      for (const field of record)
        if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(field))
          expect(field, JSON.stringify(record)).not.toMatch(/^[=+\-@\t\r]/)
  })
})
