/**
 * Reads the records of one entity file (CSV, NDJSON or JSON) into arrays
 * aligned with the entity's columns, and says where each record stands in the
 * file so that every message can be `file:line:column: reason`. For CSV the
 * column is the field's position in the row (as a spreadsheet counts); for
 * NDJSON and JSON it is the character column where the record begins.
 */
import Papa from 'papaparse'
import type { EntityDef } from '../../../src-shared/domain/entities'
import type { ImportIssue } from '../errors'
import type { ImportFile } from './inputs'

/** Receives one record; `values[i]` belongs to `entity.columns[i]` (undefined = absent). */
export type RecordVisitor = (
  values: unknown[],
  line: number,
  columnOf: (index: number) => number,
) => void

/** Collects issues and says when there are enough to stop. */
export interface IssueSink {
  add(issue: ImportIssue): void
  readonly full: boolean
}

function countLines(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return text.length > 0 && !text.endsWith('\n') ? count + 1 : count
}

/** A guess at the records in a file not read yet, from its size: for progress totals. */
export function guessRecords(bytes: number): number {
  return Math.round(bytes / 100)
}

/** A quick estimate of the records in a file, for progress totals. */
export function estimateRecords(file: ImportFile): number {
  if (file.format === 'csv') return Math.max(0, countLines(file.text) - 1)
  if (file.format === 'ndjson') return countLines(file.text)
  return Math.max(1, Math.round(file.text.length / 200))
}

/** DATA.md: `,` unless the header line shows `;` or tab. */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n')
  const header = end === -1 ? text : text.slice(0, end)
  const counts = [',', ';', '\t'].map((delimiter) => header.split(delimiter).length - 1)
  const best = Math.max(...counts)
  if (best === 0 || counts[0] === best) return ','
  return counts[1] === best ? ';' : '\t'
}

/** Incremental offset -> 1-based line / column, for offsets visited in ascending order. */
class LineCounter {
  private line = 1
  private lineStart = 0
  private scanned = 0
  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    let next = this.text.indexOf('\n', this.scanned)
    while (next !== -1 && next < offset) {
      this.line++
      this.lineStart = next + 1
      next = this.text.indexOf('\n', next + 1)
    }
    this.scanned = Math.max(this.scanned, this.lineStart)
    return { line: this.line, column: offset - this.lineStart + 1 }
  }
}

function readCsv(
  file: ImportFile,
  entity: EntityDef,
  visit: RecordVisitor,
  issues: IssueSink,
): void {
  const names = entity.columns.map((column) => column.name)
  const lines = new LineCounter(file.text)
  let fieldOfColumn: number[] | null = null
  let headerLength = 0
  let rowStart = 0
  const columnOf = (index: number): number => (fieldOfColumn?.[index] ?? -1) + 1
  const values: unknown[] = new Array(names.length)
  Papa.parse<string[]>(file.text, {
    delimiter: detectDelimiter(file.text),
    skipEmptyLines: true,
    step(results, parser) {
      const row = results.data
      const start = rowStart
      rowStart = results.meta.cursor
      // skipEmptyLines leaves the separator before a row; its line is the next one.
      let offset = start
      while (file.text[offset] === '\n' || file.text[offset] === '\r') offset++
      const line = lines.at(offset).line
      for (const error of results.errors) {
        issues.add({ file: file.name, line, column: 1, reason: `CSV: ${error.message}` })
      }
      if (fieldOfColumn === null) {
        fieldOfColumn = names.map(() => -1)
        headerLength = row.length
        row.forEach((raw, field) => {
          const name = raw.trim()
          const index = names.indexOf(name)
          if (index === -1) {
            issues.add({
              file: file.name,
              line,
              column: field + 1,
              reason: `unknown column ${JSON.stringify(name)} for ${entity.name} (expected: ${names.join(', ')})`,
            })
          } else if (fieldOfColumn![index] !== -1) {
            issues.add({
              file: file.name,
              line,
              column: field + 1,
              reason: `column ${JSON.stringify(name)} appears twice`,
            })
          } else fieldOfColumn![index] = field
        })
        entity.columns.forEach((column, index) => {
          if (!column.nullable && fieldOfColumn![index] === -1) {
            issues.add({
              file: file.name,
              line,
              column: 0,
              reason: `missing column ${JSON.stringify(column.name)}`,
            })
          }
        })
        if (
          issues.full ||
          fieldOfColumn.some((field, index) => field === -1 && !entity.columns[index]!.nullable)
        ) {
          parser.abort()
        }
        return
      }
      if (row.length !== headerLength) {
        issues.add({
          file: file.name,
          line,
          column: Math.min(row.length, headerLength) + 1,
          reason: `expected ${headerLength} fields, found ${row.length}`,
        })
      } else if (results.errors.length === 0) {
        for (let index = 0; index < values.length; index++) {
          const field = fieldOfColumn[index]!
          const raw = field === -1 ? undefined : row[field]
          values[index] = raw === '' ? null : raw
        }
        visit(values, line, columnOf)
      }
      if (issues.full) parser.abort()
    },
  })
  if (fieldOfColumn === null)
    issues.add({ file: file.name, line: 0, column: 0, reason: 'the file is empty (no header row)' })
}

function alignObject(
  file: ImportFile,
  entity: EntityDef,
  record: unknown,
  line: number,
  column: number,
  values: unknown[],
  issues: IssueSink,
): boolean {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    issues.add({ file: file.name, line, column, reason: 'expected a JSON object for each record' })
    return false
  }
  const object = record as Record<string, unknown>
  let known = 0
  for (let index = 0; index < entity.columns.length; index++) {
    const value = object[entity.columns[index]!.name]
    if (value !== undefined) known++
    values[index] = value
  }
  if (known !== Object.keys(object).length) {
    for (const key of Object.keys(object)) {
      if (!entity.columns.some((c) => c.name === key)) {
        issues.add({
          file: file.name,
          line,
          column,
          reason: `unknown column ${JSON.stringify(key)} for ${entity.name}`,
        })
      }
    }
    return false
  }
  return true
}

/**
 * How deep JSON may nest: a record is a flat object, in an array, perhaps under a key of a root
 * object (3 levels); anything deeper than this is refused before JSON.parse sees it, at the
 * bracket that passes it. Deeper values used to end the import in "Maximum call stack size
 * exceeded" (printing them) with no position.
 */
export const MAX_JSON_DEPTH = 64

/** The offset of the first `[` or `{` in text[start, end) that opens level MAX_JSON_DEPTH + 1, or -1. */
export function tooDeepAt(text: string, start = 0, end = text.length): number {
  let depth = 0
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at)
    if (code === 0x22) {
      // Skip the string: to the next quote not escaped by an odd run of backslashes.
      let close = text.indexOf('"', at + 1)
      while (close !== -1 && close < end) {
        let slashes = 0
        while (text.charCodeAt(close - 1 - slashes) === 0x5c) slashes++
        if (slashes % 2 === 0) break
        close = text.indexOf('"', close + 1)
      }
      if (close === -1 || close >= end) return -1
      at = close
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return at
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return -1
}

const TOO_DEEP = `JSON nested deeper than ${MAX_JSON_DEPTH} levels (records are flat objects)`

function jsonErrorPosition(text: string, error: Error): { line: number; column: number } {
  const match = /position (\d+)/.exec(error.message)
  // "Unexpected end of JSON input" has no position: the text ended where more was due.
  if (match === null) {
    return new LineCounter(text).at(/end of JSON input/.test(error.message) ? text.length : 0)
  }
  return new LineCounter(text).at(Number(match[1]))
}

function readNdjson(
  file: ImportFile,
  entity: EntityDef,
  visit: RecordVisitor,
  issues: IssueSink,
): void {
  const values: unknown[] = new Array(entity.columns.length)
  const lines = file.text.split('\n')
  for (let index = 0; index < lines.length && !issues.full; index++) {
    const raw = lines[index]!
    const text = raw.trim()
    if (text === '') continue
    const column = raw.length - raw.trimStart().length + 1
    const columnOf = (): number => column
    const deep = tooDeepAt(text)
    if (deep !== -1) {
      issues.add({ file: file.name, line: index + 1, column: deep + column, reason: TOO_DEEP })
      continue
    }
    let record: unknown
    try {
      record = JSON.parse(text)
    } catch (error) {
      const at = jsonErrorPosition(text, error as Error)
      issues.add({
        file: file.name,
        line: index + 1,
        column: at.column + column - 1,
        reason: `invalid JSON: ${(error as Error).message}`,
      })
      continue
    }
    if (alignObject(file, entity, record, index + 1, column, values, issues))
      visit(values, index + 1, columnOf)
  }
}

/**
 * Offsets where the records of a JSON document begin: the elements of the
 * root array, or of the array under `key` in the root object.
 */
export function recordOffsets(text: string, key: string | null): number[] {
  const offsets: number[] = []
  let depth = 0
  let lastKey: string | null = null
  let targetDepth = key === null ? 1 : -1
  let expectValue = false
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!
    if (char === '"') {
      let end = at + 1
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      if (expectValue && depth === targetDepth) offsets.push(at)
      expectValue = false
      if (depth === 1) lastKey = text.slice(at + 1, end)
      at = end
      continue
    }
    if (char === ' ' || char === '\n' || char === '\r' || char === '\t') continue
    if (char === '[' || char === '{') {
      if (expectValue && depth === targetDepth) offsets.push(at)
      if (key !== null && char === '[' && depth === 1 && lastKey === key && targetDepth === -1) {
        targetDepth = 2
        depth++
        expectValue = true
        continue
      }
      depth++
      expectValue = char === '[' && depth === targetDepth
      continue
    }
    if (char === ']' || char === '}') {
      if (depth === targetDepth && key !== null) targetDepth = -2
      depth--
      expectValue = false
      continue
    }
    if (char === ',') {
      expectValue = depth === targetDepth
      continue
    }
    if (char === ':') continue
    if (expectValue && depth === targetDepth) offsets.push(at)
    expectValue = false
  }
  return offsets
}

function readJson(
  file: ImportFile,
  entity: EntityDef,
  visit: RecordVisitor,
  issues: IssueSink,
): void {
  const deep = tooDeepAt(file.text)
  if (deep !== -1) {
    issues.add({ file: file.name, ...new LineCounter(file.text).at(deep), reason: TOO_DEEP })
    return
  }
  let document: unknown
  try {
    document = JSON.parse(file.text)
  } catch (error) {
    const at = jsonErrorPosition(file.text, error as Error)
    issues.add({ file: file.name, ...at, reason: `invalid JSON: ${(error as Error).message}` })
    return
  }
  let records: unknown
  let key: string | null = null
  if (Array.isArray(document)) records = document
  else if (document !== null && typeof document === 'object') {
    const wrapper = document as Record<string, unknown>
    key = Array.isArray(wrapper.data)
      ? 'data'
      : Array.isArray(wrapper[entity.name])
        ? entity.name
        : null
    records = key === null ? undefined : wrapper[key]
  }
  if (!Array.isArray(records)) {
    issues.add({
      file: file.name,
      line: 1,
      column: 1,
      reason: `expected an array of records, or an object with the array under "data" or "${entity.name}"`,
    })
    return
  }
  const offsets = recordOffsets(file.text, key)
  const lines = new LineCounter(file.text)
  const values: unknown[] = new Array(entity.columns.length)
  for (let index = 0; index < records.length && !issues.full; index++) {
    const at =
      offsets.length === records.length ? lines.at(offsets[index]!) : { line: 1, column: 1 }
    const columnOf = (): number => at.column
    if (alignObject(file, entity, records[index], at.line, at.column, values, issues)) {
      visit(values, at.line, columnOf)
    }
  }
}

/** Reads every record of the file, in order, reporting problems to `issues`. */
export function readRecords(
  file: ImportFile,
  entity: EntityDef,
  visit: RecordVisitor,
  issues: IssueSink,
): void {
  if (file.format === 'csv') readCsv(file, entity, visit, issues)
  else if (file.format === 'ndjson') readNdjson(file, entity, visit, issues)
  else readJson(file, entity, visit, issues)
}
