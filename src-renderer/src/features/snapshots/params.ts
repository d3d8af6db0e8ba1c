/**
 * Which report a dashboard page is and the filters it shows, as the `ReportParams` a snapshot
 * capture (or a capture schedule) sends. Pure: the store's choices in, the parameters out.
 */
import type { Report, ReportParams } from '../../../../src-shared/api/snapshots'
import { addDays, daysBetween } from '../../../../src-shared/domain/time'
import { REPORT_TITLES, describeParams } from '../../../../src-shared/reports/present'
import type { CampaignChoices } from '../../stores/store'
import { orderedRange } from '../bookings/shape'

/** The reports in the order of the navigation. */
export const REPORTS: readonly Report[] = [
  'overview',
  'workspace',
  'bookings',
  'campaigns',
  'calls',
]

export { REPORT_TITLES }

/** The report a page shows, or null for a page that is no dashboard (Data, Settings...). */
export function reportOfPage(page: string): Report | null {
  return (REPORTS as readonly string[]).includes(page) ? (page as Report) : null
}

/** What the analyst chose, as the store holds it. */
export interface Filters {
  readonly days: number
  readonly workspaceId: string | null
  readonly organisationHandle: string | null
  readonly spaceToken: string | null
  readonly bookingRange: { from: string; to: string } | null
  /** The console's today (YYYY-MM-DD). */
  readonly today: string
  readonly campaignChoices: CampaignChoices | null
}

/** The bookings page's range: the chosen one (in order), else the last `days` days. */
export function bookingsRange(filters: Filters): { from: string; to: string } {
  return orderedRange(
    filters.bookingRange ?? {
      from: addDays(filters.today, -(filters.days - 1)),
      to: filters.today,
    },
  )
}

/** The campaigns page's own choices, when they were made for the workspace now chosen. */
function campaignParams(filters: Filters): ReportParams {
  const choices = filters.campaignChoices
  if (choices === null || choices.workspace !== filters.workspaceId) return {}
  const params: ReportParams = {}
  if (choices.campaign !== undefined) params.campaign = choices.campaign
  if (choices.conversion !== undefined) params.conversion = choices.conversion
  if (choices.metric !== undefined) params.metric = choices.metric
  // fewer than two steps show no funnel on the page, so none is captured either
  if (choices.steps !== undefined && choices.steps.length >= 2) params.steps = [...choices.steps]
  return params
}

/** The parameters of a capture of `report` as its dashboard shows it now. */
export function captureParams(report: Report, filters: Filters): ReportParams {
  const workspace = filters.workspaceId === null ? {} : { workspace: filters.workspaceId }
  switch (report) {
    case 'overview':
      return { days: filters.days }
    case 'workspace':
      return { days: filters.days, ...workspace }
    case 'campaigns':
      return { days: filters.days, ...workspace, ...campaignParams(filters) }
    case 'bookings':
      return bookingsRange(filters)
    case 'calls': {
      // The page's daily chart follows the period.
      const params: ReportParams = { days: filters.days }
      if (filters.organisationHandle !== null) params.organisation = filters.organisationHandle
      if (filters.spaceToken !== null) params.space = filters.spaceToken
      return params
    }
  }
}

/**
 * The parameters of a capture schedule: the dashboard's filters, but relative to the day of
 * each capture (bookings: the chosen range's length in days, not its fixed dates).
 */
export function scheduleParams(report: Report, filters: Filters): ReportParams {
  if (report !== 'bookings') return captureParams(report, filters)
  const range = bookingsRange(filters)
  return { days: Math.min(3650, daysBetween(range.from, range.to) + 1) }
}

/** How a snapshot was taken, for the library's column and as a phrase. */
export const TRIGGERS: Record<string, { label: string; phrase: string }> = {
  manual: { label: 'By hand', phrase: 'by hand' },
  schedule: { label: 'Schedule', phrase: 'by a schedule' },
  api: { label: 'API', phrase: 'through the API' },
  cli: { label: 'Command line', phrase: 'from the command line' },
}

/** The filters in one line: "Period: Last 30 days · Workspace: acme". */
export function filtersText(report: Report, params: ReportParams): string {
  const pairs = describeParams(report, params)
  return pairs.length === 0
    ? 'Dashboard defaults'
    : pairs.map((pair) => `${pair.label}: ${pair.value}`).join(' · ')
}
