/**
 * `runImport`: files -> validated records -> one transaction. Either every
 * record of every file is written, or nothing is and the first problems come
 * back as an ImportFailed with `file:line:column: reason` issues.
 */
import type { SqlValue } from 'sql.js'
import { entityOrder, findEntity, type EntityName } from '../../../src-shared/domain/entities'
import { ImportFailed } from '../errors'
import type { Sqlite } from '../db/sqlite'
import { estimateRecords, readRecords } from './formats'
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
  const { files, issues: inputIssues } = readInputs(inputs)
  if (inputIssues.length > 0) throw new ImportFailed(inputIssues.slice(0, 20))
  files.sort((a, b) => entityOrder(a.entity) - entityOrder(b.entity))
  const estimates = files.map(estimateRecords)
  const expectedByEntity = new Map<EntityName, number>()
  files.forEach((file, index) =>
    expectedByEntity.set(file.entity, (expectedByEntity.get(file.entity) ?? 0) + estimates[index]!),
  )
  const issues = new IssueList()
  const total = estimates.reduce((sum, n) => sum + n, 0)
  return sqlite.transaction(() => {
    const session = new ImportSession(sqlite, issues, total, onProgress)
    for (const file of files) {
      const entity = findEntity(file.entity)!
      session.beginEntity(entity.name, expectedByEntity.get(entity.name)!)
      const converters = convertersOf(entity)
      const typed: SqlValue[] = new Array(converters.length)
      readRecords(
        file,
        entity,
        (values, line, columnOf) => {
          const ok = convertRecord(entity, converters, values, typed, (index, reason) =>
            issues.add({ file: file.name, line, column: columnOf(index), reason }),
          )
          if (ok) session.add(typed, file.name, line, columnOf)
        },
        issues,
      )
      if (issues.full) break
    }
    session.endEntity()
    if (issues.issues.length > 0) throw new ImportFailed(issues.issues)
    return { entities: session.counts, records: session.done }
  })
}
