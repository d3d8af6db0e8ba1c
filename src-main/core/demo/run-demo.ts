/**
 * Writes the demo dataset through the importer's session, so demo records obey
 * exactly the rules imported ones do (types, enums, references, upsert).
 */
import type { SqlValue } from 'sql.js'
import { findEntity, type EntityDef, type EntityName } from '../../../src-shared/domain/entities'
import { ImportFailed } from '../errors'
import type { Sqlite } from '../db/sqlite'
import type { ImportResult } from '../importer/run-import'
import { ImportSession, IssueList, type ImportProgress } from '../importer/session'
import { convertRecord, convertersOf, type Converter } from '../importer/validate'
import { demoEventCount, generateDemo, type DemoOptions } from './generate'

export function runDemo(
  sqlite: Sqlite,
  options: DemoOptions,
  onProgress?: (progress: ImportProgress) => void,
): ImportResult {
  const events = demoEventCount(options.size)
  const issues = new IssueList()
  // Events dominate; the other entities add roughly a fifth.
  const session = new ImportSession(sqlite, issues, Math.round(events * 1.2), onProgress)
  return sqlite.transaction(() => {
    let current: EntityName | undefined
    let definition: EntityDef | undefined
    let converters: Converter[] = []
    let line = 0
    const raw: unknown[] = []
    const typed: SqlValue[] = []
    const columnOf = (index: number): number => index + 1
    generateDemo(options, (entity, record) => {
      if (entity !== current) {
        current = entity
        definition = findEntity(entity)!
        converters = convertersOf(definition)
        raw.length = typed.length = definition.columns.length
        line = 0
        session.beginEntity(entity, entity === 'contact_events' ? events : 0)
      }
      line++
      const { columns } = definition!
      for (let index = 0; index < columns.length; index++) raw[index] = record[columns[index]!.name]
      const file = `demo:${entity}`
      const ok = convertRecord(definition!, converters, raw, typed, (index, reason) =>
        issues.add({ file, line, column: columnOf(index), reason }),
      )
      if (ok) session.add(typed, file, line, columnOf)
    })
    session.endEntity()
    if (issues.issues.length > 0) throw new ImportFailed(issues.issues)
    return { entities: session.counts, records: session.done }
  })
}
