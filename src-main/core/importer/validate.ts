/**
 * Converts raw field values (strings from CSV, any JSON value) into the typed
 * values stored in SQL, one converter per column, built once per entity so the
 * per-record work is a function call per field. A converter answers the value
 * or an `Invalid` naming what is wrong.
 */
import type { SqlValue } from 'sql.js'
import {
  normalizeCallOutcome,
  type ColumnDef,
  type EntityDef,
} from '../../../src-shared/domain/entities'
import { parseTimestamp } from '../../../src-shared/domain/time'

/** Why a value was refused. */
export class Invalid {
  constructor(readonly reason: string) {}
}

export type Converter = (raw: unknown) => SqlValue | Invalid

const INTEGER = /^[+-]?\d+$/
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function show(raw: unknown): string {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw)
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)
}

function textOf(column: ColumnDef): Converter {
  const outcome = column.normalize === 'callOutcome'
  return (raw) => {
    if (typeof raw === 'string') {
      // A NUL ends C strings (exports, other tools); in a text file it means a binary one.
      if (raw.includes('\u0000')) return new Invalid(`holds a NUL character: ${show(raw)}`)
      return outcome ? normalizeCallOutcome(raw) : raw
    }
    if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw)
    return new Invalid(`expected text, found ${show(raw)}`)
  }
}

function intOf(column: ColumnDef): Converter {
  const min = column.min
  return (raw) => {
    let value: number
    if (typeof raw === 'number') value = raw
    else if (typeof raw === 'string' && INTEGER.test(raw.trim())) value = Number(raw)
    else return new Invalid(`expected an integer, found ${show(raw)}`)
    if (!Number.isSafeInteger(value)) return new Invalid(`expected an integer, found ${show(raw)}`)
    if (min !== undefined && value < min) return new Invalid(`must be >= ${min}, found ${value}`)
    return value
  }
}

function realOf(column: ColumnDef): Converter {
  const min = column.min
  return (raw) => {
    let value: number
    if (typeof raw === 'number') value = raw
    else if (typeof raw === 'string' && NUMBER.test(raw.trim())) value = Number(raw)
    else return new Invalid(`expected a number, found ${show(raw)}`)
    if (!Number.isFinite(value)) return new Invalid(`expected a number, found ${show(raw)}`)
    if (min !== undefined && value < min) return new Invalid(`must be >= ${min}, found ${value}`)
    return value
  }
}

function timestampOf(): Converter {
  return (raw) => {
    if (typeof raw === 'string') {
      const epoch = parseTimestamp(raw.trim())
      if (epoch !== null) return epoch
    }
    return new Invalid(
      `expected an ISO 8601 timestamp (2026-03-25T10:00:00Z, 2026-03-25 10:00:00 or 2026-03-25), found ${show(raw)}`,
    )
  }
}

function enumOf(column: ColumnDef): Converter {
  const lookup = new Map<string, string>()
  for (const value of column.values ?? []) lookup.set(value.toLowerCase(), value)
  for (const [synonym, value] of Object.entries(column.synonyms ?? {})) lookup.set(synonym, value)
  const expected = (column.values ?? []).join(', ')
  return (raw) => {
    const value = typeof raw === 'string' ? lookup.get(raw.trim().toLowerCase()) : undefined
    return value ?? new Invalid(`expected one of ${expected}, found ${show(raw)}`)
  }
}

function converterOf(column: ColumnDef): Converter {
  const convert =
    column.type === 'text'
      ? textOf(column)
      : column.type === 'int'
        ? intOf(column)
        : column.type === 'real'
          ? realOf(column)
          : column.type === 'ts'
            ? timestampOf()
            : enumOf(column)
  const nullable = column.nullable
  return (raw) => {
    if (raw === null || raw === undefined)
      return nullable ? null : new Invalid('required, but empty')
    return convert(raw)
  }
}

/**
 * The longest text id, in characters (UTF-16 code units, as JavaScript counts). Ids travel in
 * URL paths (`/api/workspaces/<id>/analytics`, `/campaigns/<id>`), and the router answers 414
 * to a path segment longer than this: an id that imports must be one whose routes answer.
 */
export const MAX_ID_LENGTH = 100

function textIdOf(column: ColumnDef): Converter {
  const convert = converterOf(column)
  return (raw) => {
    const value = convert(raw)
    if (typeof value === 'string' && value.length > MAX_ID_LENGTH) {
      return new Invalid(`longer than ${MAX_ID_LENGTH} characters (found ${value.length})`)
    }
    return value
  }
}

/** One converter per column of the entity, in column order. */
export function convertersOf(entity: EntityDef): Converter[] {
  return entity.columns.map((column) =>
    column.name === 'id' && entity.idType === 'text' ? textIdOf(column) : converterOf(column),
  )
}

/**
 * Converts one record (`raw[i]` belongs to column i) into `typed`, reporting every bad field
 * as `<column>: <reason>`; answers whether all fields were good. Files, the demo generator and
 * any other source of records go through here.
 */
export function convertRecord(
  entity: EntityDef,
  converters: readonly Converter[],
  raw: readonly unknown[],
  typed: SqlValue[],
  report: (index: number, reason: string) => void,
): boolean {
  let ok = true
  for (let index = 0; index < converters.length; index++) {
    const value = converters[index]!(raw[index])
    if (value instanceof Invalid) {
      report(index, `${entity.columns[index]!.name}: ${value.reason}`)
      ok = false
    } else typed[index] = value
  }
  return ok
}
