/**
 * The snapshot library (`report_snapshots`): capture, list, fetch, rename, delete, compare and
 * the data exports (JSON, long-form CSV); capture schedules (`snapshot_schedules`). The console's
 * own tables are written with `records: false`. Renderings (HTML, PDF, PNG) live in html.ts and
 * render.ts.
 */
import Papa from 'papaparse'
import type {
  CapturedResponse,
  Report,
  ReportParams,
  Snapshot,
  SnapshotComparison,
  SnapshotSchedule,
  SnapshotSummary,
} from '../../../src-shared/api/snapshots'
import {
  blocksOf,
  cellKind,
  responseBlocks,
  type Block,
  type Cell,
} from '../../../src-shared/reports/blocks'
import type { FigureKind } from '../../../src-shared/reports/units'
import { neutralizeCsvCell, REPORT_TITLES } from '../../../src-shared/reports/present'
import { nextRunAt, parseSchedule } from '../../../src-shared/domain/schedule'
import { localDateTime } from '../../../src-shared/domain/time'
import type { Clock } from '../clock'
import type { DbClient } from '../db/client'
import { BadRequest, NotFound } from '../errors'
import { captureResponses, reportRequests, resolveParams, type Answer } from './capture'

interface StoredSnapshot {
  id: number
  name: string
  report: string
  params: string
  timezone: string
  captured_at: number
  trigger: string
  responses?: string
}

function summary(row: StoredSnapshot): SnapshotSummary {
  return {
    id: row.id,
    name: row.name,
    report: row.report as Report,
    params: JSON.parse(row.params) as ReportParams,
    timezone: row.timezone,
    capturedAt: new Date(row.captured_at).toISOString(),
    trigger: row.trigger,
  }
}

export class SnapshotLibrary {
  constructor(
    private readonly db: DbClient,
    private readonly clock: Clock,
    private readonly timeZone: () => string,
    /** Answers a report's requests in-process (the server's inject). */
    private readonly answer: Answer,
  ) {}

  /** Captures a report now and keeps it. */
  async capture(
    report: Report,
    params: ReportParams,
    options: { name?: string; trigger: string },
  ): Promise<SnapshotSummary> {
    const now = this.clock.now()
    const timeZone = this.timeZone()
    const resolved = await resolveParams(this.db, report, params, now, timeZone)
    const responses = await captureResponses(
      reportRequests(report, resolved, timeZone),
      this.answer,
    )
    const name =
      options.name ?? `${REPORT_TITLES[report]} ${localDateTime(now, timeZone).slice(0, 16)}`
    const { lastId } = await this.db.write(
      [
        {
          sql: `INSERT INTO report_snapshots (name, report, params, timezone, captured_at, trigger, responses)
                VALUES (:name, :report, :params, :timezone, :at, :trigger, :responses)`,
          params: {
            name,
            report,
            params: JSON.stringify(resolved),
            timezone: timeZone,
            at: now,
            trigger: options.trigger,
            responses: JSON.stringify(responses),
          },
        },
      ],
      { records: false },
    )
    const row = await this.db.get<StoredSnapshot>(
      'SELECT id, name, report, params, timezone, captured_at, trigger FROM report_snapshots WHERE id = :id',
      { id: lastId },
    )
    return summary(row!)
  }

  async list(): Promise<SnapshotSummary[]> {
    const rows = await this.db.query<StoredSnapshot>(
      'SELECT id, name, report, params, timezone, captured_at, trigger FROM report_snapshots ORDER BY captured_at DESC, id DESC',
    )
    return rows.map(summary)
  }

  async get(id: number): Promise<Snapshot> {
    const row = await this.db.get<StoredSnapshot>('SELECT * FROM report_snapshots WHERE id = :id', {
      id,
    })
    if (row === undefined) throw new NotFound(`no snapshot ${id}`)
    return { ...summary(row), responses: JSON.parse(row.responses!) as CapturedResponse[] }
  }

  async rename(id: number, name: string): Promise<SnapshotSummary> {
    await this.get(id)
    await this.db.write(
      [{ sql: 'UPDATE report_snapshots SET name = :name WHERE id = :id', params: { id, name } }],
      {
        records: false,
      },
    )
    return summary(
      (await this.db.get<StoredSnapshot>('SELECT * FROM report_snapshots WHERE id = :id', { id }))!,
    )
  }

  async remove(id: number): Promise<void> {
    await this.get(id)
    await this.db.write([{ sql: 'DELETE FROM report_snapshots WHERE id = :id', params: { id } }], {
      records: false,
    })
  }

  /** Two snapshots of one report, every figure side by side. */
  async compare(a: number, b: number): Promise<SnapshotComparison> {
    const [first, second] = await Promise.all([this.get(a), this.get(b)])
    if (first.report !== second.report)
      throw new BadRequest(
        `snapshots ${a} (${first.report}) and ${b} (${second.report}) are of different reports`,
      )
    const left = figuresOf(first)
    const right = figuresOf(second)
    const keys = [...left.keys(), ...[...right.keys()].filter((key) => !left.has(key))]
    const kindOf = (key: string): FigureKind | null =>
      left.get(key)?.kind ?? right.get(key)?.kind ?? null
    return {
      a: summaryOf(first),
      b: summaryOf(second),
      figures: keys.map((key) => {
        const [section, figure] = JSON.parse(key) as [string, string]
        const valueA = left.get(key)?.value ?? null
        const valueB = right.get(key)?.value ?? null
        const delta = valueA === null || valueB === null ? null : round(valueB - valueA, 6)
        // Relative to |a|, so a rise from a negative value reads as a rise.
        const change =
          valueA === null || valueB === null || valueA === 0
            ? null
            : round((valueB - valueA) / Math.abs(valueA), 4)
        return { section, figure, kind: kindOf(key), a: valueA, b: valueB, delta, change }
      }),
    }
  }

  // Schedules ---------------------------------------------------------------------------

  async schedules(): Promise<SnapshotSchedule[]> {
    const rows = await this.db.query<{
      id: number
      report: string
      params: string
      schedule: string
      name: string
      created_at: number
      last_run_at: number | null
    }>('SELECT * FROM snapshot_schedules ORDER BY id')
    return rows.map((row) => {
      const parsed = parseSchedule(row.schedule)
      const next =
        parsed === null ? null : nextRunAt(parsed, row.last_run_at, row.created_at, this.timeZone())
      return {
        id: row.id,
        report: row.report as Report,
        params: JSON.parse(row.params) as ReportParams,
        schedule: row.schedule,
        name: row.name,
        nextRunAt: next === null ? null : new Date(next).toISOString(),
        lastRunAt: row.last_run_at === null ? null : new Date(row.last_run_at).toISOString(),
      }
    })
  }

  async addSchedule(input: {
    report: Report
    params: ReportParams
    schedule: string
    name?: string
  }): Promise<SnapshotSchedule> {
    const parsed = parseSchedule(input.schedule)
    if (parsed === null || parsed.kind === 'manual')
      throw new BadRequest(
        `schedule: ${JSON.stringify(input.schedule)} is not "weekly <Mon..Sun> HH:MM", "daily HH:MM", daily, hourly or "every <N>m"`,
      )
    // A schedule that could never capture is refused now, not silently every week.
    await resolveParams(this.db, input.report, input.params, this.clock.now(), this.timeZone())
    const { lastId } = await this.db.write(
      [
        {
          sql: `INSERT INTO snapshot_schedules (report, params, schedule, name, created_at)
                VALUES (:report, :params, :schedule, :name, :now)`,
          params: {
            report: input.report,
            params: JSON.stringify(input.params),
            schedule: input.schedule,
            name: input.name ?? REPORT_TITLES[input.report],
            now: this.clock.now(),
          },
        },
      ],
      { records: false },
    )
    return (await this.schedules()).find((schedule) => schedule.id === lastId)!
  }

  async removeSchedule(id: number): Promise<void> {
    const changed = await this.db.write(
      [{ sql: 'DELETE FROM snapshot_schedules WHERE id = :id', params: { id } }],
      { records: false },
    )
    if (changed.changes === 0) throw new NotFound(`no snapshot schedule ${id}`)
  }

  /** Captures every schedule that is due; answers how many were captured. */
  async runDue(): Promise<number> {
    const now = this.clock.now()
    let captured = 0
    for (const schedule of await this.schedules()) {
      if (schedule.nextRunAt === null || Date.parse(schedule.nextRunAt) > now) continue
      const name = `${schedule.name} ${localDateTime(now, this.timeZone()).slice(0, 16)}`
      const ok = await this.capture(schedule.report, schedule.params, {
        name,
        trigger: 'schedule',
      }).then(
        () => true,
        () => false,
      )
      // Moves on even when the capture failed (say the workspace is gone): no retry storm.
      await this.db.write(
        [
          {
            sql: 'UPDATE snapshot_schedules SET last_run_at = :now WHERE id = :id',
            params: { now, id: schedule.id },
          },
        ],
        { records: false },
      )
      if (ok) captured++
    }
    return captured
  }

  /** Checks the schedules now and every minute until the returned function is called. */
  startScheduler(onError: (error: unknown) => void = () => {}): () => void {
    const tick = (): void => void this.runDue().catch(onError)
    tick()
    const timer = setInterval(tick, 60_000)
    timer.unref?.()
    return () => clearInterval(timer)
  }
}

function summaryOf(snapshot: Snapshot): SnapshotSummary {
  const { id, name, report, params, timezone, capturedAt, trigger } = snapshot
  return { id, name, report, params, timezone, capturedAt, trigger }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

/** Ids are references, not figures: never compared. */
const isId = (column: string): boolean =>
  column === 'id' || column.endsWith('_id') || column.endsWith('.id')

/**
 * Every figure of a snapshot: (section, `row · column`) -> number and kind (from the response's
 * contract), read through its blocks. A row is named by its label (the first column of a chart
 * or KPI list, the first text column of a table, so top booking pages are keyed by title rather
 * than by id).
 */
function figuresOf(snapshot: Snapshot): Map<string, { value: number; kind: FigureKind | null }> {
  const figures = new Map<string, { value: number; kind: FigureKind | null }>()
  for (const response of snapshot.responses) {
    for (const block of responseBlocks(response)) {
      const labelColumn =
        block.kind === 'table'
          ? Math.max(
              0,
              block.columns.findIndex(
                (column, index) =>
                  !isId(column) && block.rows.some((row) => typeof row[index] === 'string'),
              ),
            )
          : 0
      block.rows.forEach((row, rowIndex) => {
        const label = String(row[labelColumn])
        block.columns.forEach((column, index) => {
          const value = row[index]
          if (index === labelColumn || isId(column) || typeof value !== 'number') return
          const figure =
            block.kind === 'kpis' && column === 'value' ? label : `${label} · ${column}`
          figures.set(JSON.stringify([block.title, figure]), {
            value,
            kind: cellKind(block, rowIndex, index),
          })
        })
      })
    }
  }
  return figures
}

/** Every block of a snapshot, in order. */
export function snapshotBlocks(snapshot: Snapshot): Block[] {
  return snapshot.responses.flatMap((response) =>
    blocksOf(response.key, response.title, response.body),
  )
}

/** The JSON export: metadata and the API responses as captured. */
export function snapshotJson(snapshot: Snapshot): string {
  const { responses, ...meta } = snapshot
  return `${JSON.stringify({ format: 'sextant-snapshot', version: 1, ...meta, responses }, null, 2)}\n`
}

/**
 * The CSV export: every table and chart series of the snapshot in one long-form table
 * (`block, title, row, column, value`), so any block reads back by filtering on `block`.
 * UTF-8, CRLF, an optional BOM for Excel; text cells a spreadsheet would run are made inert.
 */
export function snapshotCsv(snapshot: Snapshot, options: { bom: boolean }): string {
  const rows: Cell[][] = []
  for (const block of snapshotBlocks(snapshot)) {
    for (const row of block.rows) {
      block.columns.forEach((column, index) => {
        if (index === 0 && block.kind !== 'table') return
        rows.push(
          [block.id, block.title, row[0] ?? null, column, row[index] ?? null].map(
            neutralizeCsvCell,
          ),
        )
      })
    }
  }
  const text = Papa.unparse(
    { fields: ['block', 'title', 'row', 'column', 'value'], data: rows },
    { newline: '\r\n', quotes: false },
  )
  return `${options.bom ? '\uFEFF' : ''}${text}\r\n`
}
