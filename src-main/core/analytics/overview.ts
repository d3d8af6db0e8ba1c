/**
 * The console's Overview dashboard: headline figures across every workspace and organisation,
 * for "the last N days" against the N local days before them, each with a per-day trend.
 *
 * Each table is read once, over both windows together, grouped by slot (a slot never straddles a
 * local midnight, see `countByDay`); the slots fold into local dates, and a window's figure is the
 * sum of its dates. So the two windows and the trend agree by construction, and the whole
 * dashboard costs one statement per table.
 */
import type { Overview } from '../../../src-shared/api/overview'
import { addDays, startOfLocalDay } from '../../../src-shared/domain/time'
import {
  countByDay,
  datesOf,
  lastDays,
  rate,
  round,
  type AnalyticsContext,
  type SlotSql,
} from './context'

/**
 * What is counted in one table, by `created_at`: measure name -> SQL aggregate. What each figure
 * means on screen is src-shared/domain/kpi-definitions.ts (`OVERVIEW_TILES`).
 */
interface TableMeasures {
  readonly table: string
  /** An extra condition on the rows, beside the window. */
  readonly where?: string
  readonly measures: Readonly<Record<string, string>>
}

const TABLES: readonly TableMeasures[] = [
  { table: 'rooms', measures: { rooms: 'count(*)' } },
  {
    table: 'recordings',
    measures: { recordings: 'count(*)', recordingDuration: 'coalesce(sum(duration), 0)' },
  },
  { table: 'contacts', measures: { contacts: 'count(*)' } },
  { table: 'contact_events', where: "event_type = 'booking'", measures: { bookings: 'count(*)' } },
  {
    table: 'messages',
    measures: {
      messagesSent: 'count(sent_at)',
      messagesOpened: 'count(opened_at)',
      messagesClicked: 'count(clicked_at)',
    },
  },
  {
    table: 'calls',
    // DATA.md: spaces of other content types "are ignored by analytics", as the organisation
    // call analytics ignore them.
    where: "space_id IN (SELECT id FROM spaces WHERE content_type = 'contact')",
    measures: { calls: 'count(*)', callsCompleted: "coalesce(sum(status = 'completed'), 0)" },
  },
  {
    table: 'bookings',
    measures: {
      bookingTotal: 'count(*)',
      bookingsCompleted: "coalesce(sum(status = 'completed'), 0)",
      bookingsCancelled: "coalesce(sum(status = 'cancelled'), 0)",
    },
  },
]

/** A figure of the dashboard: a measure, or a ratio of two measures of the same rows. */
interface KpiDefinition {
  readonly key: string
  readonly unit: 'count' | 'rate' | 'seconds'
  readonly measure: string
  /** For a rate: the measure `measure` is divided by. */
  readonly per?: string
}

const KPIS: readonly KpiDefinition[] = [
  { key: 'rooms', unit: 'count', measure: 'rooms' },
  { key: 'recordings', unit: 'count', measure: 'recordings' },
  { key: 'recordingDuration', unit: 'seconds', measure: 'recordingDuration' },
  { key: 'contacts', unit: 'count', measure: 'contacts' },
  { key: 'bookings', unit: 'count', measure: 'bookings' },
  { key: 'messagesSent', unit: 'count', measure: 'messagesSent' },
  // As API.md section 1 (the workspace's campaign keys): over the messages created in the
  // window, opened / sent and clicked / sent.
  { key: 'openRate', unit: 'rate', measure: 'messagesOpened', per: 'messagesSent' },
  { key: 'clickRate', unit: 'rate', measure: 'messagesClicked', per: 'messagesSent' },
  { key: 'calls', unit: 'count', measure: 'calls' },
  { key: 'callSuccessRate', unit: 'rate', measure: 'callsCompleted', per: 'calls' },
  { key: 'bookingTotal', unit: 'count', measure: 'bookingTotal' },
  { key: 'bookingsCompleted', unit: 'count', measure: 'bookingsCompleted' },
  { key: 'bookingsCancelled', unit: 'count', measure: 'bookingsCancelled' },
]

/**
 * One statement over a table: its measures per slot, aggregated in one pass, then unpivoted to
 * one (slot, measure, n) row each, the shape `countByDay` folds. Table, condition and measures
 * are the constants above, never request values.
 */
function measuresPerSlotSql(tableMeasures: TableMeasures): SlotSql {
  const { table, where, measures } = tableMeasures
  const names = Object.keys(measures)
  const aggregates = names.map((name, index) => `${measures[name]} AS m${index}`).join(', ')
  const rows = names
    .map((name, index) => `SELECT slot, '${name}' AS measure, m${index} AS n FROM per_slot`)
    .join(' UNION ALL ')
  return (slot) => `WITH per_slot AS MATERIALIZED (
            SELECT ${slot('created_at')} AS slot, ${aggregates} FROM ${table}
            WHERE created_at BETWEEN :start AND :end${where === undefined ? '' : ` AND ${where}`}
            GROUP BY slot)
          ${rows}`
}

/** `days` >= 1 (the route validates it). */
export async function overview(context: AnalyticsContext, days: number): Promise<Overview> {
  const window = lastDays(context, days)
  const previousFirstDate = addDays(window.firstDate, -days)
  const previousStart = startOfLocalDay(previousFirstDate, context.timeZone)
  const previousEnd = window.start - 1
  const params = { start: previousStart, end: window.end }
  const perTable = await Promise.all(
    TABLES.map((table) =>
      countByDay(context, measuresPerSlotSql(table), params, (row) => String(row.measure)),
    ),
  )
  // Measure names are unique across tables, so the tables' date -> measure -> n maps merge.
  const measuresByDate = new Map<string, Map<string, number>>()
  for (const byDay of perTable) {
    for (const [date, counts] of byDay) {
      const merged = measuresByDate.get(date)
      if (merged === undefined) measuresByDate.set(date, counts)
      else for (const [measure, n] of counts) merged.set(measure, n)
    }
  }
  const on = (measure: string, date: string): number => measuresByDate.get(date)?.get(measure) ?? 0
  const dates = datesOf(window)
  const previousDates = Array.from({ length: days }, (_, index) =>
    addDays(previousFirstDate, index),
  )
  const total = (measure: string, over: readonly string[]): number =>
    over.reduce((sum, date) => sum + on(measure, date), 0)
  const valueOver = (kpi: KpiDefinition, over: readonly string[]): number =>
    kpi.per === undefined
      ? total(kpi.measure, over)
      : rate(total(kpi.measure, over), total(kpi.per, over))

  return {
    period: `${days}d`,
    days,
    current: { from: iso(window.start), to: iso(window.end) },
    previous: { from: iso(previousStart), to: iso(previousEnd) },
    dates,
    kpis: KPIS.map((kpi) => {
      const value = valueOver(kpi, dates)
      const previous = valueOver(kpi, previousDates)
      return {
        key: kpi.key,
        unit: kpi.unit,
        value,
        previous,
        // Of the reported (rounded) figures, so a client can check it.
        change: previous === 0 ? null : round((value - previous) / previous, 4),
        trend: dates.map((date) => valueOver(kpi, [date])),
      }
    }),
  }
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString()
}
