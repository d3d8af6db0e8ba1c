/**
 * Pure data shaping for the campaigns page: which campaign, conversion event, cohort metric and
 * funnel steps to start from, the funnel step list's edits, and the chart inputs built from the
 * campaign analytics responses (API.md section 2). No React, no fetching: unit-tested alone.
 */
import type { Series } from '../../charts/options'
import type { Campaigns } from '../../../../src-shared/api/console'
import type {
  Attribution,
  CampaignAnalytics,
  Cohorts,
  Funnel,
  Timeseries,
} from '../../../../src-shared/api/workspaces'

export type Campaign = Campaigns['campaigns'][number]
export type AttributionSource = Attribution['sources'][number]
export type AbTest = CampaignAnalytics['abTests'][number]

/** Categories and series for `lineChart` / `barChart` (the theme is added by the page). */
export interface CategoryChartInput {
  readonly categories: string[]
  readonly series: Series[]
}

/** Shown for a null UTM medium or campaign. */
export const NONE = '—'

/** "IN_APP" -> "In app", "page_view" -> "Page view". */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

// Campaigns ------------------------------------------------------------------------------

/** The analyst's choice while it is still in the list, else the default. */
export function pickCampaignId(
  campaigns: readonly Campaign[],
  chosen: string | null,
): string | null {
  if (chosen !== null && campaigns.some((campaign) => campaign.id === chosen)) return chosen
  return defaultCampaignId(campaigns)
}

/** Lifecycle order, so the tiles read like the campaigns' life; unknown statuses follow. */
const CAMPAIGN_STATUS_ORDER = ['ACTIVE', 'PAUSED', 'DRAFT', 'COMPLETED', 'ARCHIVED']

/**
 * Campaigns per status: ACTIVE always (zero is news), the other known statuses when present,
 * in lifecycle order, then any other status alphabetically.
 */
export function campaignStatusCounts(
  campaigns: readonly Campaign[],
): { status: string; count: number }[] {
  const counts = new Map<string, number>([['ACTIVE', 0]])
  for (const campaign of campaigns)
    counts.set(campaign.status, (counts.get(campaign.status) ?? 0) + 1)
  const rank = (status: string): number => {
    const index = CAMPAIGN_STATUS_ORDER.indexOf(status)
    return index === -1 ? CAMPAIGN_STATUS_ORDER.length : index
  }
  return [...counts]
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => rank(a.status) - rank(b.status) || a.status.localeCompare(b.status))
}

// Campaign detail ------------------------------------------------------------------------

/** Messages reaching each milestone, in the order a message reaches them. */
export function messageMilestones(messages: CampaignAnalytics['messages']): CategoryChartInput {
  return {
    categories: ['Sent', 'Delivered', 'Opened', 'Clicked'],
    series: [
      {
        name: 'Messages',
        data: [messages.sent, messages.delivered, messages.opened, messages.clicked],
      },
    ],
  }
}

/** A `[{status | channel, _count}]` breakdown as pie items, labels humanized. */
export function breakdownItems<K extends 'status' | 'channel'>(
  rows: readonly (Record<K, string> & { _count: number })[],
  key: K,
): { name: string; value: number }[] {
  return rows.map((row) => ({ name: humanize(row[key]), value: row._count }))
}

export interface VariantRow {
  readonly test: string
  readonly variant: string
  readonly sent: number
  readonly opened: number
  /** opened / sent; null when nothing was sent (no rate to show, rather than a false 0%). */
  readonly openRate: number | null
}

/** Every variant of every test, in the API's order (tests, then variants, by id). */
export function abVariantRows(tests: readonly AbTest[]): VariantRow[] {
  return tests.flatMap((test) =>
    test.variants.map((variant) => ({
      test: test.name,
      variant: variant.name,
      sent: variant.sent,
      opened: variant.opened,
      openRate: variant.sent > 0 ? variant.opened / variant.sent : null,
    })),
  )
}

/**
 * Sent and opened per variant, side by side; with several tests each category names its test
 * too ("Subject line · B"), so one chart holds them all.
 */
export function abChartInput(tests: readonly AbTest[]): CategoryChartInput {
  const rows = abVariantRows(tests)
  return {
    categories: rows.map((row) =>
      tests.length > 1 ? `${row.test} · ${row.variant}` : row.variant,
    ),
    series: [
      { name: 'Sent', data: rows.map((row) => row.sent) },
      { name: 'Opened', data: rows.map((row) => row.opened) },
    ],
  }
}

// Time series ----------------------------------------------------------------------------

/** The daily series as chart lines; categories stay YYYY-MM-DD (the page labels them). */
export function timeseriesChartInput(series: Timeseries['series']): CategoryChartInput {
  return {
    categories: series.map((day) => day.date),
    series: [
      { name: 'Events', data: series.map((day) => day.events) },
      { name: 'New contacts', data: series.map((day) => day.contacts) },
      { name: 'Messages', data: series.map((day) => day.messages) },
      { name: 'Opens', data: series.map((day) => day.opens) },
      { name: 'Clicks', data: series.map((day) => day.clicks) },
    ],
  }
}

/** The API lists every day, zeros included: a window of zeros is an empty panel. */
export function hasActivity(series: Timeseries['series']): boolean {
  return series.some(
    (day) =>
      day.events > 0 || day.contacts > 0 || day.messages > 0 || day.opens > 0 || day.clicks > 0,
  )
}

// Attribution ----------------------------------------------------------------------------

/** "google / cpc / spring_sale"; a null medium or campaign reads "—". */
export function sourceLabel(source: AttributionSource): string {
  return `${source.source} / ${source.medium ?? NONE} / ${source.campaign ?? NONE}`
}

/** The analyst's conversion event while the workspace has it, else the default. */
export function pickConversion(eventTypes: readonly string[], chosen: string | null): string {
  return chosen !== null && eventTypes.includes(chosen) ? chosen : defaultConversion(eventTypes)
}

/**
 * Conversions per source, most first (ties keep the API's order); past `limit` sources the
 * rest are summed into one "Other sources (n)" bar, so a long tail neither crowds the axis nor
 * disappears from the total.
 */
export function attributionChartInput(
  sources: readonly AttributionSource[],
  limit = 10,
): CategoryChartInput {
  const ranked = [...sources].sort((a, b) => b.conversions - a.conversions)
  const shown = ranked.length > limit ? ranked.slice(0, limit - 1) : ranked
  const rest = ranked.slice(shown.length)
  const categories = shown.map(sourceLabel)
  const data = shown.map((source) => source.conversions)
  if (rest.length > 0) {
    categories.push(`Other sources (${rest.length})`)
    data.push(rest.reduce((sum, source) => sum + source.conversions, 0))
  }
  return { categories, series: [{ name: 'Conversions', data }] }
}

// Funnel builder -------------------------------------------------------------------------

export { defaultCampaignId, defaultConversion, defaultFunnelSteps }
import {
  defaultCampaignId,
  defaultConversion,
  defaultFunnelSteps,
} from '../../../../src-shared/domain/campaign-defaults'

export const MIN_FUNNEL_STEPS = 2
export const MAX_FUNNEL_STEPS = 10

/** Whether `type` can still be added: not already a step, and fewer than 10 steps. */
export function canAddStep(steps: readonly string[], type: string): boolean {
  return steps.length < MAX_FUNNEL_STEPS && !steps.includes(type)
}

/** Appends `type` as the last step (unchanged when it cannot be added). */
export function addStep(steps: readonly string[], type: string): string[] {
  return canAddStep(steps, type) ? [...steps, type] : [...steps]
}

/** Drops the step at `index` (unchanged when out of range). */
export function removeStep(steps: readonly string[], index: number): string[] {
  return steps.filter((_, position) => position !== index)
}

/** Moves the step at `index` by `offset` places (-1 = up); unchanged when it would leave the list. */
export function moveStep(steps: readonly string[], index: number, offset: number): string[] {
  const target = index + offset
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return [...steps]
  const next = [...steps]
  const [moved] = next.splice(index, 1)
  next.splice(target, 0, moved!)
  return next
}

/** The funnel response as funnel chart steps. */
export function funnelChartSteps(funnel: Funnel): { name: string; value: number }[] {
  return funnel.steps.map((step) => ({ name: step.step, value: step.count }))
}

// Cohorts --------------------------------------------------------------------------------

/** 'events' (any activity) or one of the workspace's event types; else back to 'events'. */
export function pickMetric(eventTypes: readonly string[], chosen: string | null): string {
  return chosen !== null && eventTypes.includes(chosen) ? chosen : 'events'
}

export interface HeatmapInput {
  readonly rows: string[]
  readonly columns: string[]
  /** [column, row, active / size, active] */
  readonly cells: [number, number, number, number][]
}

/**
 * Rows = cohort dates, columns = week_0 .. the latest week any cohort reached; a cohort gets a
 * cell only for the weeks the API lists for it (weeks it has not reached stay blank, not 0%).
 */
export function cohortHeatmapInput(cohorts: Cohorts['cohorts']): HeatmapInput {
  let lastWeek = -1
  const cells: [number, number, number, number][] = []
  cohorts.forEach((cohort, row) => {
    for (const [key, active] of Object.entries(cohort.retention)) {
      const match = /^week_(\d+)$/.exec(key)
      if (match === null) continue
      const week = Number(match[1])
      lastWeek = Math.max(lastWeek, week)
      cells.push([week, row, cohort.size > 0 ? active / cohort.size : 0, active])
    }
  })
  cells.sort((a, b) => a[1] - b[1] || a[0] - b[0])
  return {
    rows: cohorts.map((cohort) => cohort.cohort),
    columns: Array.from({ length: lastWeek + 1 }, (_, week) => `week_${week}`),
    cells,
  }
}
