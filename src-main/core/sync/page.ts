/**
 * One page of remote records, from bytes to the importer's raw values: the body's format (JSON,
 * wrapped JSON, NDJSON, CSV), the record array inside it, the field mapping (dot paths,
 * constants, enum maps, timestamp formats) and where the next page starts. Pure: the database
 * worker runs it inside the page's transaction (see apply-page.ts), tests run it directly.
 */
import Papa from 'papaparse'
import { SextantError } from '../errors'
import { parseTimestamp } from '../../../src-shared/domain/time'
import type { EntityDef } from '../../../src-shared/domain/entities'
import type { FieldMapping, HttpConfig, Pagination } from '../../../src-shared/api/sync'

/** A page that cannot be read; the message names the page. */
export class MalformedPage extends SextantError {
  constructor(label: string, reason: string) {
    super('malformed_page', `${label}: ${reason}`, 502)
  }
}

/** How a page is read. */
export interface PageReader {
  readonly format: NonNullable<HttpConfig['format']>
  readonly recordsPath?: string
  /** Canonical column -> source; null = the records are canonical already (another Sextant). */
  readonly mapping: Readonly<Record<string, FieldMapping>> | null
  /** Dot path of the change time in a record (incremental pulls). */
  readonly incrementalField?: string
}

export interface ReadPage {
  /** The records as objects, as the remote sent them. */
  readonly records: readonly unknown[]
  /** The parsed body (JSON), for cursors. */
  readonly body: unknown
}

/** The value at a dot path (`a.b.0.c`); undefined when any step is missing. */
export function valueAt(value: unknown, path: string): unknown {
  if (path === '' || path === '.') return value
  let current = value
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[step]
  }
  return current
}

function formatOf(
  reader: PageReader,
  contentType: string | null,
  text: string,
): 'json' | 'ndjson' | 'csv' {
  if (reader.format !== 'auto') return reader.format
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('ndjson') || type.includes('jsonl') || type.includes('json-seq'))
    return 'ndjson'
  if (type.includes('json')) return 'json'
  if (type.includes('csv') || type.includes('tab-separated')) return 'csv'
  const first = text.trimStart()[0]
  if (first === '[') return 'json'
  if (first === '{') {
    // One object per line is NDJSON; one object over the whole body is JSON.
    const lines = text.trim().split('\n')
    return lines.length > 1 &&
      lines.every((line) => line.trim() === '' || /^\s*\{.*\}\s*$/.test(line))
      ? 'ndjson'
      : 'json'
  }
  return 'csv'
}

/** The formats a source may expect of a body. */
export type ExpectedFormat = NonNullable<HttpConfig['format']>

const FORMAT_NAMES: Record<ExpectedFormat, string> = {
  auto: 'JSON, NDJSON or CSV',
  json: 'JSON',
  ndjson: 'NDJSON',
  csv: 'CSV',
}

/** Whether a body starts (after a BOM and blanks) the way an HTML document does. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase()
  return head.startsWith('<!doctype html') || head.startsWith('<html')
}

/** Media types that are never records in `expected` (besides HTML, which never is). */
function mismatches(expected: ExpectedFormat, type: string): boolean {
  if (type === 'text/xml' || type === 'application/xml' || type.endsWith('+xml')) return true
  const json = type === 'application/json' || type === 'text/json' || type.endsWith('+json')
  const ndjson = /ndjson|jsonl|json-seq/.test(type)
  const csv = type === 'text/csv' || type === 'text/tab-separated-values'
  if (expected === 'json') return csv
  if (expected === 'ndjson') return csv
  if (expected === 'csv') return json || ndjson
  return false
}

/**
 * Refuses an answer that is not the format the source reads: a login page or captive portal
 * (HTML by its Content-Type or by its look), CSV for a JSON source, JSON for a CSV one. Read
 * as records it would be "0 records" or nonsense; the run fails instead, naming the URL, the
 * status and the content type, before anything of the answer is written.
 */
export function checkFormat(
  what: string,
  url: string,
  answer: {
    readonly url: string
    readonly status: number
    readonly headers: Record<string, string>
    readonly body: Uint8Array
  },
  expected: ExpectedFormat,
): void {
  const declared = answer.headers['content-type'] ?? null
  const type = declared === null ? '' : declared.split(';')[0]!.trim().toLowerCase()
  const html = type === 'text/html' || type === 'application/xhtml+xml'
  const sniffed = !html && looksLikeHtml(answer.body)
  if (!html && !sniffed && !mismatches(expected, type)) return
  const named = type === '' ? 'no Content-Type' : type
  const body = sniffed ? ` but an HTML page` : ''
  const moved = answer.url !== url ? ` (redirected to ${answer.url})` : ''
  throw new SextantError(
    'wrong_format',
    `${what}: GET ${url} answered ${answer.status}${moved} with ${named}${body}, expected ${FORMAT_NAMES[expected]}`,
    502,
  )
}

/** Parses a page's body and finds its records. */
export function readPage(
  label: string,
  bytes: Uint8Array,
  contentType: string | null,
  reader: PageReader,
): ReadPage {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const format = formatOf(reader, contentType, text)
  if (format === 'ndjson') {
    const records: unknown[] = []
    const lines = text.split('\n')
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!.trim()
      if (line === '') continue
      try {
        records.push(JSON.parse(line))
      } catch (error) {
        throw new MalformedPage(
          label,
          `line ${index + 1} is not JSON (${(error as Error).message})`,
        )
      }
    }
    return { records, body: null }
  }
  if (format === 'csv') {
    const parsed = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: 'greedy',
    })
    const bad = parsed.errors.find((error) => error.type !== 'Delimiter')
    if (bad !== undefined)
      throw new MalformedPage(label, `CSV row ${(bad.row ?? 0) + 2}: ${bad.message}`)
    // An empty CSV field is NULL (DATA.md).
    const records = parsed.data.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, value === '' ? null : value]),
      ),
    )
    return { records, body: null }
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    const reason = text.trim() === '' ? 'the body is empty' : (error as Error).message
    throw new MalformedPage(label, `the body is not valid JSON (${reason})`)
  }
  let records: unknown
  if (reader.recordsPath !== undefined) records = valueAt(body, reader.recordsPath)
  else if (Array.isArray(body)) records = body
  else records = valueAt(body, 'data')
  if (!Array.isArray(records))
    throw new MalformedPage(
      label,
      reader.recordsPath === undefined
        ? 'expected an array of records, or an object with the array under "data"'
        : `expected an array of records at "${reader.recordsPath}"`,
    )
  return { records, body }
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/

/** A remote timestamp in a canonical form the importer reads, or the value as it was. */
function timestampOf(
  value: unknown,
  format: NonNullable<Exclude<FieldMapping, string>['timestamp']>,
): unknown {
  if (value === null || value === undefined || value === '') return null
  if (format === 'epoch-s' || format === 'epoch-ms') {
    const number = typeof value === 'number' ? value : Number(value)
    if (!Number.isFinite(number)) return value
    return new Date(format === 'epoch-s' ? number * 1000 : number).toISOString()
  }
  if (format === 'date-dmy' || format === 'date-mdy') {
    const match = typeof value === 'string' ? DMY.exec(value.trim()) : null
    if (match === null) return value
    const [first, second, year] = [match[1]!, match[2]!, match[3]!]
    const [day, month] = format === 'date-dmy' ? [first, second] : [second, first]
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  }
  return value
}

/** Builds the function that turns a remote record into raw values by column. */
export function recordMapper(
  entity: EntityDef,
  mapping: Readonly<Record<string, FieldMapping>> | null,
): (record: unknown) => { values: unknown[] } | { problem: string } {
  const columns = entity.columns.map((column) => column.name)
  if (mapping === null) {
    // Canonical records: exactly the importer's rules (unknown columns are an error).
    const known = new Set(columns)
    return (record) => {
      if (record === null || typeof record !== 'object' || Array.isArray(record))
        return { problem: 'expected an object' }
      const fields = record as Record<string, unknown>
      for (const key of Object.keys(fields))
        if (!known.has(key)) return { problem: `unknown column "${key}"` }
      return { values: columns.map((name) => fields[name]) }
    }
  }
  const getters = columns.map((name): ((record: unknown) => unknown) => {
    const spec = mapping[name] ?? name
    if (typeof spec === 'string') return (record) => valueAt(record, spec)
    if (spec.const !== undefined) {
      const constant = spec.const
      return () => constant
    }
    const path = spec.path ?? name
    const map = spec.map
    const timestamp = spec.timestamp
    return (record) => {
      let value = valueAt(record, path)
      if (map !== undefined && value !== null && value !== undefined) {
        const key = String(value)
        if (Object.hasOwn(map, key)) value = map[key]
      }
      if (timestamp !== undefined) value = timestampOf(value, timestamp)
      return value
    }
  })
  return (record) => {
    if (record === null || typeof record !== 'object') return { problem: 'expected an object' }
    return { values: getters.map((get) => get(record)) }
  }
}

/** Checks a mapping against the entity: every key must be one of its columns. */
export function mappingProblems(
  entity: EntityDef,
  mapping: Readonly<Record<string, FieldMapping>> | undefined,
): string[] {
  if (mapping === undefined) return []
  const columns = new Set(entity.columns.map((column) => column.name))
  return Object.keys(mapping)
    .filter((key) => !columns.has(key))
    .map((key) => `mapping: "${key}" is not a column of ${entity.name}`)
}

/** Where a page of an HTTP source starts. */
export interface Position {
  readonly url: string
  readonly page?: number
  readonly offset?: number
  readonly cursor?: string
  /** A URL the remote gave (`Link: rel="next"`): fetched as it is. */
  readonly linked?: boolean
}

/** The first page's position. */
export function firstPosition(url: string, pagination: Pagination): Position {
  switch (pagination.type) {
    case 'page':
      return { url, page: pagination.first ?? 1 }
    case 'offset':
      return { url, offset: 0 }
    default:
      return { url }
  }
}

/** The URL to fetch for a position, with the incremental parameter when there is a checkpoint. */
export function pageUrl(
  position: Position,
  pagination: Pagination,
  incremental: { param: string; since: string | null } | null,
): string {
  if (position.linked === true) return position.url
  const url = new URL(position.url)
  if (incremental !== null && incremental.since !== null)
    url.searchParams.set(incremental.param, incremental.since)
  switch (pagination.type) {
    case 'page':
      url.searchParams.set(pagination.param ?? 'page', String(position.page))
      url.searchParams.set(pagination.sizeParam ?? 'per_page', String(pagination.size ?? 100))
      break
    case 'offset':
      url.searchParams.set(pagination.param ?? 'offset', String(position.offset))
      url.searchParams.set(pagination.sizeParam ?? 'limit', String(pagination.size ?? 100))
      break
    case 'cursor':
      if (position.cursor !== undefined)
        url.searchParams.set(pagination.param ?? 'cursor', position.cursor)
      break
    default:
      break
  }
  return url.toString()
}

/**
 * Where the page after this one starts, or null when this was the last: an empty page, no
 * cursor in the body, no `Link: rel="next"`.
 */
export function nextPosition(
  position: Position,
  pagination: Pagination,
  facts: { count: number; body: unknown; linkNext: string | null },
): Position | null {
  switch (pagination.type) {
    case 'none':
      return null
    // An empty page ends page and offset pagination: a remote may cap the page size below the
    // one asked for, so a short page alone proves nothing.
    case 'page':
      return facts.count === 0 ? null : { url: position.url, page: position.page! + 1 }
    case 'offset':
      return facts.count === 0
        ? null
        : { url: position.url, offset: position.offset! + facts.count }
    case 'cursor': {
      const cursor = valueAt(facts.body, pagination.cursorPath)
      if (cursor === null || cursor === undefined || cursor === '' || facts.count === 0) return null
      return { url: position.url, cursor: String(cursor) }
    }
    case 'link':
      return facts.linkNext === null || facts.count === 0
        ? null
        : { url: facts.linkNext, linked: true }
  }
}

/** The `rel="next"` target of a Link header, resolved against the page's URL. */
export function linkNext(header: string | undefined, base: string): string | null {
  if (header === undefined) return null
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part)
    if (match === null) continue
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]!)
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/)
    if (relations.includes('next')) return new URL(match[1]!, base).toString()
  }
  return null
}

/**
 * Orders change times: numbers (also written as text) as numbers, timestamps by instant (ISO
 * strings with any offset), other text as text. Answers a key that sorts the way the values do.
 */
export function changeKey(value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'number') return value
  const text = String(value)
  // A number written as text (CSV has nothing else) orders as the number: "99" before "100".
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(text)) return Number(text)
  return parseTimestamp(text.trim()) ?? text
}
