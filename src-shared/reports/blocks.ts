/**
 * What a captured API response shows, as presentable blocks: KPI lists, line charts over dates,
 * bar charts over labels and plain tables. Every block is also a table (`columns`, `rows`), so
 * one walk of the responses feeds the snapshot viewer (charts and tables), the CSV export and
 * the comparison. The walk reads shapes, not endpoint names, so every documented response
 * (and a new one) is shown without a renderer of its own:
 * - an object of numbers -> KPIs; a list of `{key, value, previous, change, trend}` -> KPIs and
 *   their trends over the sibling `dates`;
 * - a list of objects with a date (`date`, `cohort`, ...) and numbers -> a line chart;
 * - a list of objects with text labels and numbers -> a bar chart;
 * - sibling objects keyed by dates (or `Mon YYYY`) holding numbers -> one line chart;
 * - any other list of objects -> a table. Markup (the booking reports' SVG icons) is left out.
 *
 * `responseBlocks` also gives each cell its kind (count, rate, duration, ...) from the contract
 * of the route the response answered (units.ts), so views format and chart figures by what
 * they are, never by their names.
 */
import type { TSchema } from 'typebox'
import type { CapturedResponse } from '../api/snapshots'
import { responseSchemaOf } from '../api/routes'
import { kindAt, type FigureKind, type PathStep } from './units'

export type Cell = string | number | null
/** Where a cell's value is in its response (null: a label made of several fields). */
type CellPath = readonly PathStep[] | null

export interface Block {
  /** Unique in a snapshot: `<response key>:<path>`. */
  readonly id: string
  readonly title: string
  readonly kind: 'kpis' | 'line' | 'bar' | 'table'
  /** For charts: column 0 is the x axis or label, the numeric columns after it are series. */
  readonly columns: readonly string[]
  readonly rows: readonly (readonly Cell[])[]
  /**
   * Each cell's kind, row by row like `rows`, from the response's contract (null for text and
   * where the contract declares none); given by `responseBlocks`.
   */
  readonly kinds?: readonly (readonly (FigureKind | null)[])[]
}

/** A block while it is built: each cell's path in the response beside it. */
interface Draft extends Block {
  readonly paths: readonly (readonly CellPath[])[]
}

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$|^[A-Z][a-z]{2} \d{4}$/
const X_FIELDS = ['date', 'day', 'week', 'month', 'cohort', 'bucket', 'period']
const METADATA = ['days', 'status_code']

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isMarkup(value: unknown): boolean {
  return typeof value === 'string' && /^\s*<[a-z!]/i.test(value)
}

function humanize(path: string): string {
  const last = path.split('.').pop() ?? path
  const words = last
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
  const title = words.charAt(0).toUpperCase() + words.slice(1)
  return title === 'Kpis' ? 'KPIs' : title
}

interface FlatRow {
  readonly cells: Record<string, Cell>
  /** Each cell's path inside the item. */
  readonly paths: Record<string, readonly PathStep[]>
}

/** An object's scalar fields, with nested objects of scalars flattened one level (`a.b`). */
function flatRow(item: Record<string, unknown>): FlatRow {
  const cells: Record<string, Cell> = {}
  const paths: Record<string, readonly PathStep[]> = {}
  for (const [key, value] of Object.entries(item)) {
    if (isMarkup(value)) continue
    if (value === null || typeof value === 'string' || typeof value === 'number') {
      cells[key] = value
      paths[key] = [key]
    } else if (typeof value === 'boolean') {
      cells[key] = String(value)
      paths[key] = [key]
    } else if (isRecord(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (
          innerValue === null ||
          typeof innerValue === 'number' ||
          typeof innerValue === 'string'
        ) {
          cells[`${key}.${inner}`] = innerValue
          paths[`${key}.${inner}`] = [key, inner]
        }
      }
    }
  }
  return { cells, paths }
}

function columnsOf(rows: readonly Record<string, Cell>[]): string[] {
  const columns: string[] = []
  for (const row of rows)
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key)
  return columns
}

/** The `dates` beside a list, and where they are. */
interface Dates {
  readonly value: unknown
  readonly path: readonly PathStep[]
}

function listBlocks(
  id: string,
  title: string,
  items: readonly Record<string, unknown>[],
  dates: Dates,
  path: readonly PathStep[],
): Draft[] {
  // KPI lists ({key, value, previous, change, trend}).
  if (items.every((item) => typeof item.key === 'string' && typeof item.value === 'number')) {
    const blocks: Draft[] = [
      {
        id,
        title,
        kind: 'kpis',
        columns: ['figure', 'value', 'previous', 'change'],
        rows: items.map((item) => [
          item.key as string,
          item.value as number,
          typeof item.previous === 'number' ? item.previous : null,
          typeof item.change === 'number' ? item.change : null,
        ]),
        paths: items.map((_, index) => [
          [...path, index, 'key'],
          [...path, index, 'value'],
          [...path, index, 'previous'],
          [...path, index, 'change'],
        ]),
      },
    ]
    const days = dates.value
    if (Array.isArray(days) && items.every((item) => Array.isArray(item.trend))) {
      // One chart per unit: counts, rates and durations do not share an axis.
      const units = [...new Set(items.map((item) => String(item.unit ?? '')))]
      for (const unit of units) {
        const group = items
          .map((item, index) => ({ item, index }))
          .filter(({ item }) => String(item.unit ?? '') === unit)
        blocks.push({
          id: `${id}.trend${unit === '' ? '' : `.${unit}`}`,
          title: `${title}: daily trend${unit === '' ? '' : ` (${unit})`}`,
          kind: 'line',
          columns: ['date', ...group.map(({ item }) => item.key as string)],
          rows: days.map((date, day) => [
            String(date),
            ...group.map(({ item }) => {
              const value = (item.trend as unknown[])[day]
              return typeof value === 'number' ? value : null
            }),
          ]),
          paths: days.map((_, day) => [
            [...dates.path, day],
            ...group.map(({ index }) => [...path, index, 'trend', day]),
          ]),
        })
      }
    }
    return blocks
  }
  const flat = items.map(flatRow)
  const rows = flat.map((row) => row.cells)
  const cellPath = (index: number, column: string): CellPath => {
    const inner = flat[index]!.paths[column]
    return inner === undefined ? null : [...path, index, ...inner]
  }
  const columns = columnsOf(rows)
  const isId = (column: string): boolean => column === 'id' || column.endsWith('_id')
  // Ids are numbers, not figures: they never become series.
  const numeric = columns.filter(
    (column) => !isId(column) && rows.some((row) => typeof row[column] === 'number'),
  )
  const text = columns.filter((column) => !numeric.includes(column) && !isId(column))
  const xField = columns.find(
    (column) =>
      X_FIELDS.includes(column) &&
      rows.every((row) => typeof row[column] === 'string' && DATE_KEY.test(row[column] as string)),
  )
  const table = (kind: Block['kind'], first: string[]): Draft => {
    const ordered = [...first, ...columns.filter((column) => !first.includes(column))]
    return {
      id,
      title,
      kind,
      columns: ordered,
      rows: rows.map((row) => ordered.map((column) => row[column] ?? null)),
      paths: rows.map((_, index) => ordered.map((column) => cellPath(index, column))),
    }
  }
  // A chart reads well with a few series; wider lists (cohorts' weeks) stay tables.
  const chartable = numeric.length > 0 && numeric.length <= 6 && columns.every((c) => !isId(c))
  if (xField !== undefined && chartable) return [table('line', [xField])]
  if (text.length > 0 && text.length <= 3 && chartable && rows.length <= 50) {
    // A label of all text fields (source / medium / campaign), then the numbers.
    const labelled = rows.map((row) => [
      text
        .map((column) =>
          row[column] === null || row[column] === undefined ? '(none)' : String(row[column]),
        )
        .join(' / '),
      ...numeric.map((column) => row[column] ?? null),
    ])
    return [
      {
        id,
        title,
        kind: 'bar',
        columns: [text.join(' / '), ...numeric],
        rows: labelled,
        paths: rows.map((_, index) => [
          text.length === 1 ? cellPath(index, text[0]!) : null,
          ...numeric.map((column) => cellPath(index, column)),
        ]),
      },
    ]
  }
  return [table('table', [])]
}

function walk(
  id: string,
  title: string,
  value: unknown,
  blocks: Draft[],
  dates: Dates,
  path: readonly PathStep[],
): void {
  if (Array.isArray(value)) {
    const items = value.filter(isRecord)
    if (items.length > 0 && items.length === value.length)
      blocks.push(...listBlocks(id, title, items, dates, path))
    return
  }
  if (!isRecord(value)) return
  const entries = Object.entries(value)
  // A response's own bookkeeping (`days`, `status_code`) is not a figure of the report.
  const numbers = entries.filter(
    ([key, inner]) => typeof inner === 'number' && !(id.endsWith(':') && METADATA.includes(key)),
  ) as [string, number][]
  const dated = entries.filter(
    ([, inner]) =>
      isRecord(inner) &&
      Object.keys(inner).length > 0 &&
      Object.keys(inner).every((key) => DATE_KEY.test(key)) &&
      Object.values(inner).every((cell) => typeof cell === 'number' || cell === null),
  ) as [string, Record<string, number | null>][]
  if (numbers.length > 0)
    blocks.push({
      id,
      title,
      kind: 'kpis',
      columns: ['figure', 'value'],
      rows: numbers.map(([key, number]) => [key, number]),
      paths: numbers.map(([key]) => [null, [...path, key]]),
    })
  if (dated.length > 0) {
    const keys = [...new Set(dated.flatMap(([, series]) => Object.keys(series)))]
    blocks.push({
      id: `${id}.series`,
      title: dated.length === 1 ? humanize(dated[0]![0]) : title,
      kind: 'line',
      columns: ['date', ...dated.map(([name]) => name)],
      rows: keys.map((key) => [key, ...dated.map(([, series]) => series[key] ?? null)]),
      paths: keys.map((key) => [null, ...dated.map(([name]): CellPath => [...path, name, key])]),
    })
  }
  for (const [key, inner] of entries) {
    if (typeof inner === 'number' || dated.some(([name]) => name === key)) continue
    // Nested parts are named after their response too: `Overview: KPIs`, not `KPIs`.
    const root = id.endsWith(':')
    walk(
      `${id}.${key}`,
      root ? `${title}: ${humanize(key)}` : `${title} · ${humanize(key)}`,
      inner,
      blocks,
      { value: value.dates, path: [...path, 'dates'] },
      [...path, key],
    )
  }
}

function drafts(key: string, title: string, body: unknown): Draft[] {
  const blocks: Draft[] = []
  walk(
    `${key}:`,
    title,
    body,
    blocks,
    { value: isRecord(body) ? body.dates : undefined, path: ['dates'] },
    [],
  )
  // The root's id is `<key>:`; nested ones `<key>:.a.b` read better as `<key>:a.b`.
  return blocks.map((block) => ({ ...block, id: block.id.replace(':.', ':') }))
}

const plain = ({ paths: _paths, ...block }: Draft): Block => block

/** The blocks of one captured response (`key` and `title` name it), without kinds. */
export function blocksOf(key: string, title: string, body: unknown): Block[] {
  return drafts(key, title, body).map(plain)
}

/** The blocks of a response of `schema`, each cell with the kind the schema declares for it. */
export function blocksWithKinds(
  key: string,
  title: string,
  body: unknown,
  schema: TSchema | undefined,
): Block[] {
  return drafts(key, title, body).map((draft) => ({
    ...plain(draft),
    kinds: draft.paths.map((row) =>
      row.map((path) => (path === null ? null : kindAt(schema, body, path))),
    ),
  }))
}

/**
 * Responses a snapshot keeps only so its page can be drawn as it was (the names of the filters,
 * the lists the page picks its defaults from, the period a change is read against): they are no
 * figures of the report, so the CSV and the comparison leave them out.
 */
export const SUPPORTING_RESPONSES: ReadonlySet<string> = new Set([
  'workspaces',
  'organisations',
  'event-types',
  'reports-before',
])

/**
 * The blocks of a captured response with each cell's kind, from the contract of the route it
 * answered (src-shared/api/routes.ts); kinds are null throughout for a route it does not know.
 */
export function responseBlocks(
  response: Pick<CapturedResponse, 'key' | 'title' | 'request' | 'body'>,
): Block[] {
  if (SUPPORTING_RESPONSES.has(response.key)) return []
  return blocksWithKinds(
    response.key,
    response.title,
    response.body,
    responseSchemaOf(response.request),
  )
}

/** The kind of a block's cell (null without kinds). */
export function cellKind(
  block: Pick<Block, 'kinds'>,
  row: number,
  column: number,
): FigureKind | null {
  return block.kinds?.[row]?.[column] ?? null
}

/** The kind of a block's column: its cells' kind (the first declared one), or null. */
export function columnKind(block: Pick<Block, 'kinds'>, column: number): FigureKind | null {
  for (const row of block.kinds ?? []) {
    const kind = row[column]
    if (kind !== null && kind !== undefined) return kind
  }
  return null
}

/** Every number in a JSON value by dot path (array items by index), at most `limit` of them. */
export function numericLeaves(value: unknown, limit = 2000): Record<string, number> {
  const figures: Record<string, number> = {}
  let count = 0
  const visit = (node: unknown, path: string): void => {
    if (count >= limit) return
    if (typeof node === 'number' && Number.isFinite(node)) {
      figures[path] = node
      count++
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, path === '' ? String(index) : `${path}.${index}`))
    } else if (isRecord(node)) {
      for (const [key, item] of Object.entries(node))
        visit(item, path === '' ? key : `${path}.${key}`)
    }
  }
  visit(value, '')
  return figures
}
