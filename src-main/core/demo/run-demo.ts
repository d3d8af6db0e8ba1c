/**
 * Writes the demo dataset through the importer's session, so demo records obey
 * exactly the rules imported ones do (types, enums, references, upsert).
 */
import type { SqlValue } from 'sql.js'
import { findEntity, type EntityName } from '../../../src-shared/domain/entities'
import { ImportFailed } from '../errors'
import type { Sqlite } from '../db/sqlite'
import type { ImportResult } from '../importer/run-import'
import { ImportSession, IssueList, type ImportProgress } from '../importer/session'
import { Invalid, convertersOf, type Converter } from '../importer/validate'
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
    let converters: Converter[] = []
    let names: string[] = []
    let line = 0
    const typed: SqlValue[] = []
    const columnOf = (): number => 0
    generateDemo(options, (entity, record) => {
      if (entity !== current) {
        current = entity
        const definition = findEntity(entity)!
        converters = convertersOf(definition)
        names = definition.columns.map((column) => column.name)
        typed.length = names.length
        line = 0
        session.beginEntity(entity, entity === 'contact_events' ? events : 0)
      }
      line++
      for (let index = 0; index < names.length; index++) {
        const value = converters[index]!(record[names[index]!])
        if (value instanceof Invalid) {
          issues.add({
            file: `demo:${entity}`,
            line,
            column: index + 1,
            reason: `${names[index]}: ${value.reason}`,
          })
          return
        }
        typed[index] = value
      }
      session.add(typed, `demo:${entity}`, line, columnOf)
    })
    session.endEntity()
    if (issues.issues.length > 0) throw new ImportFailed(issues.issues)
    return { entities: session.counts, records: session.done }
  })
}
