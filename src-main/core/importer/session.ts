/**
 * The write side of an import: takes typed records entity by entity (in
 * ENTITIES order, so referenced records come first), checks references and
 * unique columns, and upserts them in multi-row batches. Files, the demo
 * generator and remote sync all feed records through here, so the rules of
 * DATA.md hold whichever door a record came in by. The caller owns the
 * transaction: an import that reports issues is rolled back whole.
 */
import type { SqlValue, Statement } from 'sql.js'
import {
  ENTITIES,
  findEntity,
  type EntityDef,
  type EntityName,
} from '../../../src-shared/domain/entities'
import type { ImportIssue } from '../errors'
import { EventRollups, rebuildEventRollups } from '../db/rollups'
import type { Sqlite } from '../db/sqlite'
import type { IssueSink } from './formats'

/** Records per INSERT statement: measured ~25% faster than one row per statement. */
const BATCH_ROWS = 50
/** Above this many incoming records (and more than the table holds), indexes are rebuilt once instead of updated per row. */
const BULK_THRESHOLD = 50_000
/** Progress is reported at most this often (records). */
const PROGRESS_EVERY = 10_000

/** Entities some column points at: only their ids need tracking during an import. */
const REFERENCED = new Set<EntityName>(
  ENTITIES.flatMap((entity) =>
    entity.columns.flatMap((column) =>
      column.references === undefined ? [] : [column.references],
    ),
  ),
)

/** Progress of a running import. */
export interface ImportProgress {
  readonly entity: EntityName
  /** Records written so far, all entities. */
  readonly done: number
  /** Records expected in all, all entities (an estimate until the end). */
  readonly total: number
}

/** What one entity received. */
export interface EntityCount {
  readonly entity: EntityName
  /** Records in the input (a record repeated in the input counts each time). */
  readonly records: number
  /** New rows in the table. */
  readonly added: number
  /** Input records that replaced an existing row. */
  readonly updated: number
}

/**
 * Collects the first `limit` issues in file order (DATA.md: report at most 20). Issues found
 * late (a forward reference that never resolved) are placed by their file and line, pushing
 * later ones out.
 */
export class IssueList implements IssueSink {
  readonly issues: ImportIssue[] = []
  private readonly fileRank = new Map<string, number>()
  constructor(private readonly limit = 20) {}

  private rank(issue: ImportIssue): number {
    let rank = this.fileRank.get(issue.file)
    if (rank === undefined) {
      rank = this.fileRank.size
      this.fileRank.set(issue.file, rank)
    }
    return rank
  }

  private before(a: ImportIssue, b: ImportIssue): boolean {
    const byFile = this.rank(a) - this.rank(b)
    if (byFile !== 0) return byFile < 0
    return a.line !== b.line ? a.line < b.line : a.column < b.column
  }

  add(issue: ImportIssue): void {
    this.rank(issue)
    let at = this.issues.length
    while (at > 0 && this.before(issue, this.issues[at - 1]!)) at--
    if (at >= this.limit) return
    this.issues.splice(at, 0, issue)
    if (this.issues.length > this.limit) this.issues.pop()
  }

  get full(): boolean {
    return this.issues.length >= this.limit
  }
}

class BatchWriter {
  private readonly many: Statement
  private readonly one: Statement
  private readonly buffer: SqlValue[]
  private readonly width: number
  private rows = 0
  /** Rows inserted or actually changed (an unchanged record coming again changes nothing). */
  changed = 0

  constructor(
    private readonly sqlite: Sqlite,
    private readonly entity: EntityDef,
    /** This write's value of the change clock (migration 005), stamped on every row. */
    private readonly seq: number,
  ) {
    this.width = entity.columns.length + 1
    this.buffer = new Array<SqlValue>(BATCH_ROWS * this.width).fill(null)
    this.many = sqlite.db.prepare(this.sql(BATCH_ROWS))
    this.one = sqlite.db.prepare(this.sql(1))
  }

  private sql(rows: number): string {
    const names = [...this.entity.columns.map((column) => column.name), 'sync_seq']
    const tuple = `(${names.map(() => '?').join(',')})`
    const updates = names.slice(1).map((name) => `${name} = excluded.${name}`)
    // A record that comes again unchanged keeps its change stamp: another console pulling
    // changes (GET /api/v1/records) is not sent it again.
    const fields = names.slice(1, -1)
    const changed = `(${fields.join(',')}) IS NOT (${fields.map((name) => `excluded.${name}`).join(',')})`
    return (
      `INSERT INTO ${this.entity.name} (${names.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}` +
      ` ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')} WHERE ${changed}`
    )
  }

  add(values: readonly SqlValue[]): void {
    const offset = this.rows * this.width
    const last = this.width - 1
    for (let index = 0; index < last; index++) this.buffer[offset + index] = values[index]!
    this.buffer[offset + last] = this.seq
    if (++this.rows === BATCH_ROWS) {
      this.many.run(this.buffer)
      this.changed += this.sqlite.db.getRowsModified()
      this.rows = 0
    }
  }

  finish(): void {
    for (let row = 0; row < this.rows; row++) {
      this.one.run(this.buffer.slice(row * this.width, (row + 1) * this.width))
      this.changed += this.sqlite.db.getRowsModified()
    }
    this.rows = 0
    this.many.free()
    this.one.free()
  }
}

interface OpenEntity {
  readonly entity: EntityDef
  readonly writer: BatchWriter
  /** Indexes of columns that reference another record (and must be checked). */
  readonly referenceColumns: readonly number[]
  /** Indexes of columns whose values must be unique. */
  readonly uniqueColumns: readonly number[]
  /** The ids of this entity, when anything references it; else null. */
  readonly ids: Set<SqlValue> | null
  /** Counts feeding the lifetime rollups (contact events only). */
  readonly rollups: EventRollups | null
  readonly rowsBefore: number
  readonly droppedIndexes: string[]
  readonly deferred: { value: SqlValue; column: number; file: string; line: number; at: number }[]
  /**
   * Small imports into a filled table take each replaced event's old counts out of the rollups
   * (a primary-key lookup each) instead of rebuilding them from the whole table afterwards:
   * the records this import wrote so far, by id, and the lookup of the stored ones.
   */
  readonly exact: { written: Map<SqlValue, SqlValue[]>; stored: Statement } | null
  /** New ids written, counted where the ids are known (tracked, or looked up one by one). */
  added: number
  records: number
}

/**
 * What one import may hand to the next when nothing else writes in between: the ids of
 * referenced entities, the unique columns' owners and the tables' row counts. A sync applies a
 * run as hundreds of page-sized imports; without this each page would reload every contact id
 * and count a million-row table twice. The owner drops it after any other write or a failure.
 */
export class SessionCache {
  readonly ids = new Map<EntityName, Set<SqlValue>>()
  readonly uniques = new Map<
    string,
    { owners: Map<SqlValue, SqlValue>; values: Map<SqlValue, SqlValue> }
  >()
  readonly rows = new Map<EntityName, number>()
}

export class ImportSession {
  private readonly known: Map<EntityName, Set<SqlValue>>
  /** Per unique column: value -> id and id -> value, so a value a record gives up can be taken. */
  private readonly uniques: SessionCache['uniques']
  private open: OpenEntity | undefined
  private lastReported = 0
  private seq: number | undefined
  /** Records written so far. */
  done = 0
  /** Rows inserted or changed, all entities (records that came again unchanged are not). */
  changed = 0
  readonly counts: EntityCount[] = []

  constructor(
    private readonly sqlite: Sqlite,
    readonly issues: IssueList,
    /** Records expected in all (for progress). */
    public total: number,
    private readonly onProgress?: (progress: ImportProgress) => void,
    private readonly cache?: SessionCache,
  ) {
    this.known = cache?.ids ?? new Map()
    this.uniques = cache?.uniques ?? new Map()
  }

  private idsOf(entity: EntityName): Set<SqlValue> {
    let ids = this.known.get(entity)
    if (ids === undefined) {
      ids = new Set(
        this.sqlite.all<{ id: SqlValue }>(`SELECT id FROM ${entity}`).map((row) => row.id),
      )
      this.known.set(entity, ids)
    }
    return ids
  }

  private uniqueOf(
    entity: EntityName,
    column: string,
  ): { owners: Map<SqlValue, SqlValue>; values: Map<SqlValue, SqlValue> } {
    const key = `${entity}.${column}`
    let unique = this.uniques.get(key)
    if (unique === undefined) {
      const rows = this.sqlite.all<{ value: SqlValue; id: SqlValue }>(
        `SELECT ${column} AS value, id FROM ${entity}`,
      )
      unique = {
        owners: new Map(rows.map((row) => [row.value, row.id])),
        values: new Map(rows.map((row) => [row.id, row.value])),
      }
      this.uniques.set(key, unique)
    }
    return unique
  }

  /** This import's value of the change clock (migration 005): taken once, at the first entity. */
  private changeSeq(): number {
    if (this.seq === undefined) {
      this.sqlite.run('UPDATE sync_clock SET value = value + 1')
      this.seq = Number(this.sqlite.get<{ value: number }>('SELECT value FROM sync_clock')!.value)
    }
    return this.seq
  }

  /** Starts taking records of `name`; `expected` sizes the bulk path. */
  beginEntity(name: EntityName, expected: number): void {
    if (this.open?.entity.name === name) return
    this.endEntity()
    const entity = findEntity(name)!
    const rowsBefore =
      this.cache?.rows.get(name) ??
      Number(this.sqlite.get<{ n: number }>(`SELECT count(*) AS n FROM ${name}`)?.n ?? 0)
    const droppedIndexes: string[] = []
    const bulk = expected > BULK_THRESHOLD && expected > rowsBefore
    if (bulk) {
      const indexes = this.sqlite.all<{ name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL",
        { table: name },
      )
      for (const index of indexes) {
        this.sqlite.exec(`DROP INDEX ${index.name}`)
        droppedIndexes.push(index.sql)
      }
    }
    const ids = REFERENCED.has(name) ? this.idsOf(name) : null
    const referenceColumns: number[] = []
    const uniqueColumns: number[] = []
    entity.columns.forEach((column, index) => {
      if (column.references !== undefined && column.mayDangle !== true) referenceColumns.push(index)
      if (column.unique === true) uniqueColumns.push(index)
    })
    this.open = {
      entity,
      writer: new BatchWriter(this.sqlite, entity, this.changeSeq()),
      referenceColumns,
      uniqueColumns,
      ids,
      rollups: name === 'contact_events' ? new EventRollups() : null,
      rowsBefore,
      droppedIndexes,
      deferred: [],
      exact:
        ids === null && !bulk && rowsBefore > 0
          ? {
              written: new Map(),
              stored: this.sqlite.db.prepare(`SELECT * FROM ${name} WHERE id = ?`),
            }
          : null,
      added: 0,
      records: 0,
    }
  }

  /**
   * Takes one typed record of the open entity. `columnOf(i)` says where
   * column i stands in the file, for messages.
   */
  add(
    values: readonly SqlValue[],
    file: string,
    line: number,
    columnOf: (index: number) => number,
  ): void {
    const open = this.open!
    const { entity } = open
    let ok = true
    for (const index of open.referenceColumns) {
      const value = values[index]
      if (value === null || value === undefined) continue
      const column = entity.columns[index]!
      if (column.references === entity.name) {
        if (!open.ids!.has(value))
          open.deferred.push({ value, column: index, file, line, at: columnOf(index) })
      } else if (!this.idsOf(column.references!).has(value)) {
        this.issues.add({
          file,
          line,
          column: columnOf(index),
          reason: `${column.name}: no ${column.references} record with id ${JSON.stringify(value)}`,
        })
        ok = false
      }
    }
    for (const index of open.uniqueColumns) {
      const value = values[index]
      if (value === null || value === undefined) continue
      const column = entity.columns[index]!
      const { owners, values: valueOf } = this.uniqueOf(entity.name, column.name)
      const id = values[0]!
      const owner = owners.get(value)
      if (owner !== undefined && owner !== id) {
        this.issues.add({
          file,
          line,
          column: columnOf(index),
          reason: `${column.name}: ${JSON.stringify(value)} is already used by ${entity.name} ${JSON.stringify(owner)}`,
        })
        ok = false
        continue
      }
      // A record that changes its value gives the old one up.
      const previous = valueOf.get(id)
      if (previous !== undefined && previous !== value && owners.get(previous) === id)
        owners.delete(previous)
      owners.set(value, id)
      valueOf.set(id, value)
    }
    open.records++
    if (!ok) return
    // A valid record is present for the references after it, even when another record
    // failed: otherwise one error would cascade into false "no such record" reports.
    const isNew = open.ids !== null && !open.ids.has(values[0]!)
    open.ids?.add(values[0]!)
    if (this.issues.issues.length > 0) return
    if (isNew) open.added++
    if (open.exact !== null) {
      // Looked up before the record joins the batch: a full batch is written at once.
      const id = values[0]!
      let before = open.exact.written.get(id)
      if (before === undefined) {
        const stored = open.exact.stored
        stored.bind([id])
        if (stored.step()) before = stored.get()
        else open.added++
        stored.reset()
      }
      if (before !== undefined) open.rollups?.remove(before)
      // Contact events keep the record for the rollups; other entities only that it exists.
      open.exact.written.set(id, open.rollups === null ? [] : values.slice())
    }
    open.writer.add(values)
    open.rollups?.add(values)
    this.done++
    if (this.onProgress !== undefined && this.done - this.lastReported >= PROGRESS_EVERY) {
      this.lastReported = this.done
      this.onProgress({
        entity: entity.name,
        done: this.done,
        total: Math.max(this.total, this.done),
      })
    }
  }

  /** Finishes the open entity: flushes, checks deferred self-references, rebuilds indexes. */
  endEntity(): void {
    const open = this.open
    if (open === undefined) return
    this.open = undefined
    open.writer.finish()
    this.changed += open.writer.changed
    open.exact?.stored.free()
    for (const pending of open.deferred) {
      if (!this.idsOf(open.entity.name).has(pending.value)) {
        const column = open.entity.columns[pending.column]!
        this.issues.add({
          file: pending.file,
          line: pending.line,
          column: pending.at,
          reason: `${column.name}: no ${open.entity.name} record with id ${JSON.stringify(pending.value)}`,
        })
      }
    }
    if (this.issues.issues.length > 0) return
    for (const sql of open.droppedIndexes) this.sqlite.exec(sql)
    // Counted as written where the ids were known; else from the table's size.
    const added =
      open.ids !== null || open.exact !== null
        ? open.added
        : Number(
            this.sqlite.get<{ n: number }>(`SELECT count(*) AS n FROM ${open.entity.name}`)?.n ?? 0,
          ) - open.rowsBefore
    this.cache?.rows.set(open.entity.name, open.rowsBefore + added)
    if (open.rollups !== null) {
      // Replaced rows took their old counts with them: only a pure append, or an import that
      // took each replaced row's counts out, can add deltas.
      if (added === open.records || open.exact !== null) open.rollups.applyDeltas(this.sqlite)
      else rebuildEventRollups(this.sqlite)
    }
    this.counts.push({
      entity: open.entity.name,
      records: open.records,
      added,
      updated: open.records - added,
    })
    this.onProgress?.({
      entity: open.entity.name,
      done: this.done,
      total: Math.max(this.total, this.done),
    })
  }
}
