/**
 * How the UI and the exports write numbers, rates, durations and dates. Pure and
 * locale-fixed (en-US grouping) so screenshots, exports and tests agree everywhere.
 */
import { localDateTime } from './domain/time'

/** "12.50" -> "12.5", "3.00" -> "3", "250" stays. */
const trimZeros = (text: string): string =>
  text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/** 1234567 -> "1,234,567"; non-integers keep up to 2 decimals. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value)
}

/** 12345 -> "12.3k", 1234567 -> "1.23M": for axis labels and tight KPI tiles. */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return '–'
  const magnitude = Math.abs(value)
  if (magnitude < 10_000) return formatNumber(Math.round(value * 100) / 100)
  const [divisor, suffix] =
    magnitude >= 1e9 ? [1e9, 'B'] : magnitude >= 1e6 ? [1e6, 'M'] : [1e3, 'k']
  const scaled = value / divisor
  const digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2
  return `${trimZeros(scaled.toFixed(digits))}${suffix}`
}

/** A ratio (0.1234) as a percentage: "12.34%". */
export function formatRate(ratio: number, decimals = 2): string {
  if (!Number.isFinite(ratio)) return '–'
  return `${trimZeros((ratio * 100).toFixed(decimals))}%`
}

/** A value already in percent (12.5) as "12.5%". */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) return '–'
  return `${decimal.format(percent)}%`
}

/**
 * A figure against its previous period: the change ratio, `'new'` when the previous value is 0
 * and this one is not, `'none'` when both are 0.
 */
export type PeriodChange = number | 'new' | 'none'

/**
 * The one rule every dashboard reads a change by: (value - previous) / previous, rounded to 4
 * decimals as the APIs round their own; against a previous 0 it is `'new'` (never "+100%"), and
 * `'none'` when both are 0 (never "0%", which would claim a comparison that was not made).
 */
export function periodChange(value: number, previous: number): PeriodChange {
  if (previous === 0) return value === 0 ? 'none' : 'new'
  const ratio = (value - previous) / previous
  const rounded = Math.round(Math.abs(ratio) * 10_000 + Number.EPSILON * 10_000) / 10_000
  return ratio < 0 ? -rounded : rounded
}

/**
 * A change with its sign: 0.125 -> "+12.5%", -0.5 -> "−50%", "new" (or null, an API's "previous
 * was 0") -> "new", "none" -> "–".
 */
export function formatChange(change: PeriodChange | null): string {
  if (change === null || change === 'new') return 'new'
  if (change === 'none') return '–'
  if (!Number.isFinite(change)) return '–'
  if (change === 0) return '0%'
  const text = formatRate(Math.abs(change), 1)
  return change > 0 ? `+${text}` : `−${text}`
}

/** Seconds as "45s", "12m 05s", "3h 04m", "2d 3h". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '–'
  const seconds = Math.round(totalSeconds)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`
  return `${Math.floor(hours / 24)}d ${hours % 24}h`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2026-03-05" -> "Mar 5" (with the year when `withYear`). */
export function formatDate(date: string, withYear = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date)
  if (match === null) return date
  const text = `${MONTHS[Number(match[2]) - 1]} ${Number(match[3])}`
  return withYear ? `${text}, ${match[1]}` : text
}

/** An instant as local "YYYY-MM-DD HH:mm" in `timeZone`. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  if (!Number.isFinite(epochMs)) return '–'
  return localDateTime(epochMs, timeZone).slice(0, 16)
}
