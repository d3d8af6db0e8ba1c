// Rule (issue #7): a snapshot's CSV export is one long-form table `block,title,row,column,value`
// that reads back, filtered by `block`, as exactly the blocks the viewer shows (every row's
// value of every series or table column; numbers as the same numbers), in UTF-8 with CRLF line
// ends, a byte order mark only when asked for, RFC 4180 quoting (quotes, commas and newlines in
// text round-trip), and no text a spreadsheet would run: a text cell starting with = + - @ tab
// or CR gets a leading `'`; numbers (-5) are left alone.
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORTS, type Report, type Snapshot } from '../../src-shared/api/snapshots'
import { blocksOf, type Block, type Cell } from '../../src-shared/reports/blocks'
import { snapshotCsv } from '../../src-main/core/reports/snapshots'
import { openConsole, type Console } from './helpers'

const HEADER = ['block', 'title', 'row', 'column', 'value']

/** What a spreadsheet may see of a text: a leading `'` before = + - @ tab CR (OWASP). */
const inert = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

function parse(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { newline: '\r\n', skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

/** The records a block should become, as the CSV's text (independently of the exporter). */
function expectedRecords(block: Block): string[][] {
  const records: string[][] = []
  for (const row of block.rows)
    block.columns.forEach((column, index) => {
      if (index === 0 && block.kind !== 'table') return
      const label = row[0] ?? null
      records.push([
        inert(block.id),
        inert(block.title),
        label === null ? '' : typeof label === 'number' ? String(label) : inert(label),
        inert(column),
        cellText(row[index] ?? null),
      ])
    })
  return records
}

function cellText(cell: Cell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return String(cell)
  return inert(cell)
}

function groupByBlock(records: readonly string[][]): Map<string, string[][]> {
  const groups = new Map<string, string[][]>()
  for (const record of records) {
    const group = groups.get(record[0]!) ?? []
    group.push(record)
    groups.set(record[0]!, group)
  }
  return groups
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

  it.each(REPORTS)('%s: regrouped by block, the CSV is the blocks of the responses', (report) => {
    const snapshot = snapshots.get(report)!
    const blocks = snapshot.responses.flatMap((response) =>
      blocksOf(response.key, response.title, response.body),
    )
    expect(blocks.length).toBeGreaterThan(0)
    // The CSV reads back by `block` only if block ids are unique in a snapshot.
    const ids = blocks.map((block) => block.id)
    expect(new Set(ids).size, `duplicate block ids in ${ids.join(', ')}`).toBe(ids.length)

    const records = parse(snapshotCsv(snapshot, { bom: false }))
    expect(records[0]).toEqual(HEADER)
    for (const record of records) expect(record).toHaveLength(5)
    const groups = groupByBlock(records.slice(1))
    const withRows = blocks.filter((block) => expectedRecords(block).length > 0)
    expect([...groups.keys()]).toEqual(withRows.map((block) => inert(block.id)))
    let numbers = 0
    for (const block of withRows) {
      const got = groups.get(inert(block.id))!
      expect(got, block.id).toEqual(expectedRecords(block))
      // Numbers read back as the same numbers.
      let index = 0
      for (const row of block.rows)
        block.columns.forEach((_, column) => {
          if (column === 0 && block.kind !== 'table') return
          const cell = row[column]
          const text = got[index++]![4]!
          if (typeof cell === 'number') {
            expect(Number(text), `${block.id} ${text}`).toBe(cell)
            numbers++
          }
        })
    }
    expect(numbers).toBeGreaterThan(0)
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
