/**
 * `runImport`: files -> validated records -> one transaction. Either every
 * record of every file is written, or nothing is and the first problems come
 * back as an ImportFailed with `file:line:column: reason` issues (or, past a
 * size limit, an ImportRefused naming the file and the limit). Files are read
 * one at a time, in entity order, so the import holds one file's text at once.
 */
import type { SqlValue } from 'sql.js'
import { entityOrder, findEntity, type EntityName } from '../../../src-shared/domain/entities'
import { ImportFailed } from '../errors'
import type { Sqlite } from '../db/sqlite'
import { estimateRecords, guessRecords, readRecords } from './formats'
import { readInputs, type ImportInput } from './inputs'
import { ImportSession, IssueList, type EntityCount, type ImportProgress } from './session'
import { convertRecord, convertersOf } from './validate'

/** The outcome of a successful import. */
export interface ImportResult {
  /** One entry per entity that had a file, in import order. */
  readonly entities: readonly EntityCount[]
  /** Records written, all entities. */
  readonly records: number
}

export function runImport(
  sqlite: Sqlite,
  inputs: readonly ImportInput[],
  onProgress?: (progress: ImportProgress) => void,
): ImportResult {
  const listed = readInputs(inputs)
  try {
    if (listed.issues.length > 0) throw new ImportFailed(listed.issues.slice(0, 20))
    const sources = [...listed.sources].sort(
      (a, b) => entityOrder(a.entity) - entityOrder(b.entity),
    )
    // Guesses from the sizes until a file is read; then its own estimate.
    const estimates = sources.map((source) => guessRecords(source.declaredBytes))
    const expectedOf = (entity: EntityName): number =>
      sources.reduce(
        (sum, source, index) => sum + (source.entity === entity ? estimates[index]! : 0),
        0,
      )
    const issues = new IssueList()
    const total = estimates.reduce((sum, n) => sum + n, 0)
    return sqlite.transaction(() => {
      const session = new ImportSession(sqlite, issues, total, onProgress)
      for (let index = 0; index < sources.length && !issues.full; index++) {
        const file = sources[index]!.load(issues)
        if (file === null) continue
        const estimate = estimateRecords(file)
        session.total += estimate - estimates[index]!
        estimates[index] = estimate
        const entity = findEntity(file.entity)!
        session.beginEntity(entity.name, expectedOf(entity.name))
        const converters = convertersOf(entity)
        const typed: SqlValue[] = new Array(converters.length)
        readRecords(
          file,
          entity,
          (values, line, columnOf) => {
            const ok = convertRecord(entity, converters, values, typed, (column, reason) =>
              issues.add({ file: file.name, line, column: columnOf(column), reason }),
            )
            if (ok) session.add(typed, file.name, line, columnOf)
          },
          issues,
        )
      }
      session.endEntity()
      if (issues.issues.length > 0) throw new ImportFailed(issues.issues)
      return { entities: session.counts, records: session.done }
    })
  } finally {
    listed.close()
  }
}
