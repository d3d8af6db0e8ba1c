/**
 * How a report snapshot presents itself, shared by the standalone HTML viewer (in the browser)
 * and the console's exports (in Node): the reports' titles, the filters as `label: value`
 * pairs, figure names and values as people read them (each value by its contract's kind), and
 * blocks as CSV that a spreadsheet opens safely (no formula injection, UTF-8 with a BOM for
 * Excel). Pure: no DOM, no Node.
 */
import type { FigureKind } from '../api/kinds'
import type { Report, ReportParams } from '../api/snapshots'
import { formatChange, formatDuration, formatNumber, formatPercent, formatRate } from '../format'
import type { Block, Cell } from './blocks'

export const REPORT_TITLES: Record<Report, string> = {
  overview: 'Overview',
  workspace: 'Workspace activity',
  bookings: 'Bookings',
  campaigns: 'Campaigns',
  calls: 'Calls',
}

export interface ParamLabel {
  readonly label: string
  readonly value: string
}

/**
 * A report's filters as `label: value` pairs, in a fixed order. Parameters the report ignores
 * are left out: `days` for calls, and for bookings when a date range is given.
 */
export function describeParams(report: Report, params: ReportParams): ParamLabel[] {
  const pairs: ParamLabel[] = []
  const hasRange = params.from !== undefined || params.to !== undefined
  if (params.days !== undefined && report !== 'calls' && !(report === 'bookings' && hasRange))
    pairs.push({
      label: 'Period',
      value: params.days === 1 ? 'Last day' : `Last ${params.days} days`,
    })
  if (params.from !== undefined && params.to !== undefined)
    pairs.push({ label: 'Dates', value: `${params.from} – ${params.to}` })
  else if (params.from !== undefined) pairs.push({ label: 'From', value: params.from })
  else if (params.to !== undefined) pairs.push({ label: 'Until', value: params.to })
  if (params.workspace !== undefined) pairs.push({ label: 'Workspace', value: params.workspace })
  if (params.campaign !== undefined) pairs.push({ label: 'Campaign', value: params.campaign })
  if (params.conversion !== undefined) pairs.push({ label: 'Conversion', value: params.conversion })
  if (params.metric !== undefined) pairs.push({ label: 'Cohort metric', value: params.metric })
  if (params.steps !== undefined && params.steps.length > 0)
    pairs.push({ label: 'Funnel steps', value: params.steps.join(' → ') })
  if (params.organisation !== undefined)
    pairs.push({ label: 'Organisation', value: params.organisation })
  if (params.space !== undefined) pairs.push({ label: 'Space', value: params.space })
  return pairs
}

/** A capture instant as local "Nov 23, 2026, 14:05" in `timeZone` (UTC if it is unknown). */
export function formatCapturedAt(iso: string, timeZone: string): string {
  const time = Date.parse(iso)
  if (!Number.isFinite(time)) return iso
  const format = (zone: string): string =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(time)
  try {
    return format(timeZone)
  } catch {
    return format('UTC')
  }
}

/** A figure's key as words: `messagesSent` -> "Messages sent", `retention.week_0` -> "Retention week 0". */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * A block's heading inside its response's section: the section's title is not repeated
 * ("Overview: KPIs" reads "KPIs" under "Overview"); a response's own figures read "Key figures".
 */
export function blockHeading(block: Pick<Block, 'title' | 'kind'>, section?: string): string {
  if (section !== undefined && section !== '') {
    if (block.title.startsWith(`${section}: `)) return block.title.slice(section.length + 2)
    if (block.title === section && block.kind === 'kpis') return 'Key figures'
  }
  return block.title.replace(/^Kpis\b/, 'KPIs')
}

const money = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})

/**
 * A figure's value as shown for its kind (its contract's, see units.ts): rates and percents as
 * percentages, durations as "1d 13h", changes signed, money with 2 decimals, ids as written,
 * counts and scores as "1,234"; a figure whose kind is not known as the plain number it is.
 */
export function formatFigure(kind: FigureKind | null, value: number): string {
  switch (kind) {
    case 'rate':
      return formatRate(value)
    case 'percent':
      return formatPercent(value)
    case 'duration':
      return formatDuration(value)
    case 'change':
      return formatChange(value)
    case 'money':
      return Number.isFinite(value) ? money.format(value) : '–'
    case 'id':
      return String(value)
    default:
      return formatNumber(value)
  }
}

/** A change ratio as "+12.5 %", "−3.0 %" (one decimal, a true minus sign), "0.0 %". */
export function formatChangePercent(change: number): string {
  if (!Number.isFinite(change)) return '–'
  const text = `${(Math.abs(change) * 100).toFixed(1)} %`
  if (text === '0.0 %') return text
  return change > 0 ? `+${text}` : `\u2212${text}`
}

/**
 * A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'` (OWASP's CSV injection advice). Numbers and null pass unchanged.
 */
export function neutralizeCsvCell(cell: Cell): Cell {
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell)) return `'${cell}`
  return cell
}

/** One CSV field: neutralized, then quoted (RFC 4180) when it holds `"`, `,`, CR or LF. */
export function csvField(cell: Cell): string {
  const value = neutralizeCsvCell(cell)
  if (value === null) return ''
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A block as CSV: its columns as the header row, then its rows; CRLF line ends (the last line
 * too), and a UTF-8 byte order mark first when `bom` (Excel reads the file as UTF-8 then).
 */
export function blockCsv(
  block: Pick<Block, 'columns' | 'rows'>,
  options: { bom: boolean },
): string {
  const lines = [block.columns, ...block.rows].map((row) => row.map(csvField).join(','))
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`
}
