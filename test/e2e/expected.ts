// What each dashboard must show, built from the API's answers for the same parameters (and the
// harness's independent formatting), and the checks that poll the page until it shows exactly
// that. Polling, not sleeping: a panel refetching after a change is "not there yet", and a
// page that never gets there fails with the last difference.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { GraphReports, Reports } from '../../src-shared/api/bookings'
import { addDays } from '../../src-shared/domain/time'
import type { CallAnalyticsData } from '../../src-shared/api/calls'
import type { Campaigns, Organisations, Workspaces } from '../../src-shared/api/console'
import type { Overview } from '../../src-shared/api/overview'
import type {
  Attribution,
  CampaignAnalytics,
  Cohorts,
  Funnel,
  Timeseries,
  WorkspaceAnalytics,
} from '../../src-shared/api/workspaces'
import {
  change,
  chartCategories,
  chartItems,
  chartOption,
  chartValues,
  dayLabel,
  duration,
  humanize,
  kpiChanges,
  kpiTiles,
  lastDates,
  number,
  percent,
  rate,
  type Console,
} from './harness'

const POLL = { timeout: 15_000, interval: 100 }

const panel = (id: string): string => `main.content section.panel[data-panel="${id}"]`

// Overview --------------------------------------------------------------------------------

/** The tile label of each overview KPI (what the analyst reads). */
export const OVERVIEW_LABELS: Record<string, string> = {
  rooms: 'Rooms created',
  recordings: 'Recordings',
  recordingDuration: 'Recorded time',
  contacts: 'New contacts',
  bookings: 'Booking events',
  messagesSent: 'Messages sent',
  openRate: 'Open rate (of sent)',
  clickRate: 'Click rate (of sent)',
  calls: 'Calls',
  callSuccessRate: 'Call completion rate',
  bookingTotal: 'Bookings made',
  bookingsCompleted: 'Bookings completed (by booking date)',
  bookingsCancelled: 'Bookings cancelled (by booking date)',
}

function overviewFigure(kpi: Overview['kpis'][number]): string {
  return kpi.unit === 'rate'
    ? rate(kpi.value)
    : kpi.unit === 'seconds'
      ? duration(kpi.value)
      : number(kpi.value)
}

/** Overview tiles and sparklines equal `GET /api/v1/overview?days=N`. */
export async function expectOverview(page: Page, sextant: Console, days: number): Promise<void> {
  const api = await sextant.api<Overview>(`/api/v1/overview?days=${days}`)
  expect(api.kpis.map((kpi) => kpi.key).sort()).toEqual(Object.keys(OVERVIEW_LABELS).sort())
  const expected = {
    title: `The last ${days} days against the ${days} before`,
    tiles: Object.fromEntries(
      api.kpis.map((kpi) => [OVERVIEW_LABELS[kpi.key], overviewFigure(kpi)]),
    ),
    changes: Object.fromEntries(
      api.kpis.map((kpi) => [
        OVERVIEW_LABELS[kpi.key],
        // Against 0: "new", or "–" when both are 0 (issue #14 item 6).
        kpi.previous === 0 ? (kpi.value === 0 ? '–' : 'new') : change(kpi.change),
      ]),
    ),
    trends: Object.fromEntries(api.kpis.map((kpi) => [kpi.key, [kpi.trend]])),
  }
  expect(Object.values(expected.trends).every(([trend]) => trend!.length === days)).toBe(true)
  await expect
    .poll(async () => {
      const trends: Record<string, number[][] | null> = {}
      for (const kpi of api.kpis) trends[kpi.key] = await chartValues(page, `overview.${kpi.key}`)
      return {
        title: (await page.locator(`${panel('overview')} h2`).textContent())?.trim(),
        tiles: await kpiTiles(page, panel('overview')),
        changes: await kpiChanges(page, panel('overview')),
        trends,
      }
    }, POLL)
    .toEqual(expected)
}

// Workspace -------------------------------------------------------------------------------

/** Workspace KPI tiles and its five charts equal `/api/v1/workspaces/<id>/analytics?days=N`. */
export async function expectWorkspace(
  page: Page,
  sextant: Console,
  workspaceId: string,
  days: number,
): Promise<WorkspaceAnalytics> {
  const api = await sextant.api<WorkspaceAnalytics>(
    `/api/v1/workspaces/${workspaceId}/analytics?days=${days}`,
  )
  expect(api.period).toBe(`${days}d`)
  const dates = lastDates(days)
  const activity = new Map(api.activityTimeline.map((row) => [row.date, row]))
  const contacts = new Map(api.newContactsTimeline.map((row) => [row.date, row.count]))
  const expected = {
    workspace: workspaceId,
    tiles: {
      'Rooms (all time)': number(api.kpis.rooms),
      'Recordings (all time)': number(api.kpis.recordings),
      'Recorded time (all time)': duration(api.kpis.recordingDuration),
      'Contacts (all time)': number(api.kpis.contacts),
      'Booking events (all time)': number(api.kpis.bookings),
      'New contacts in workspace': number(api.contacts.new),
      'Contact events in workspace': number(api.events.total),
      'Open rate in workspace (of sent)': rate(api.messages.openRate),
    },
    activity: [
      dates.map((date) => activity.get(date)?.bookings ?? 0),
      dates.map((date) => activity.get(date)?.room_joins ?? 0),
    ],
    activityDays: dates.map(dayLabel),
    types: api.eventTypeBreakdown.map((row) => ({ name: row.type, value: row.count })),
    contacts: [dates.map((date) => contacts.get(date) ?? 0)],
    pages: [api.topBookingPages.map((row) => row.count)],
    pageTitles: api.topBookingPages.map((row) => row.title),
    rooms: [api.topRooms.map((row) => row.count)],
    roomNames: api.topRooms.map((row) => row.display_name ?? row.name),
  }
  await expect
    .poll(
      async () => ({
        workspace: await page.locator('[data-testid=workspace]').inputValue(),
        tiles: await kpiTiles(page, panel('workspace.kpis')),
        activity: await chartValues(page, 'workspace.activity'),
        activityDays: await chartCategories(page, 'workspace.activity'),
        types: await chartItems(page, 'workspace.types'),
        contacts: await chartValues(page, 'workspace.contacts'),
        pages: await chartValues(page, 'workspace.pages'),
        pageTitles: await chartCategories(page, 'workspace.pages'),
        rooms: await chartValues(page, 'workspace.rooms'),
        roomNames: await chartCategories(page, 'workspace.rooms'),
      }),
      POLL,
    )
    .toEqual(expected)
  return api
}

// Bookings --------------------------------------------------------------------------------

/** The tile label of each booking widget (the console's names, issue #14 item 4). */
const BOOKING_LABELS: Record<string, string> = {
  'Total Bookings': 'Bookings made',
  'Completed Bookings': 'Bookings completed (by meeting end)',
  'Cancelled Bookings': 'Bookings cancelled (by meeting end)',
  'Total Guests': 'Guests',
}

/** The range inputs, the four widgets and the chart equal `/reports` and `/reports/graph-reports`. */
export async function expectBookings(
  page: Page,
  sextant: Console,
  from: string,
  to: string,
): Promise<GraphReports> {
  const reports = await sextant.api<Reports>(
    `/reports?startTime=${encodeURIComponent(`${from} 00:00:00`)}&endTime=${encodeURIComponent(`${to} 23:59:59`)}`,
  )
  // The plugin's date_range excludes its end day (DatePeriod; issue #13 item 3): the page asks
  // for the day after `to`.
  const graph = await sextant.api<GraphReports>(
    `/reports/graph-reports?date_range[0]=${from}&date_range[1]=${addDays(to, 1)}`,
  )
  // The comparison period, asked for its numbers: [from 00:00:00, to 23:59:59] (UTC) is `days`
  // days less a second, and the period before it as long, ending at from 00:00:00.
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1
  const before = await sextant.api<Reports>(
    `/reports?startTime=${encodeURIComponent(`${addDays(from, -days)} 00:00:01`)}&endTime=${encodeURIComponent(`${from} 00:00:00`)}`,
  )
  const previous = (title: string): number =>
    before.overview.find((widget) => widget.title === title)!.number
  const buckets = Object.keys(graph.booked_stats)
  const expected = {
    range: [from, to],
    widgets: Object.fromEntries(
      reports.overview.map((w) => [BOOKING_LABELS[w.title], number(w.number)]),
    ),
    // Against 0: "new", or "–" when both are 0 (issue #14 item 6), never the plugin's stat 100.
    changes: Object.fromEntries(
      reports.overview.map((w) => [
        BOOKING_LABELS[w.title],
        previous(w.title) === 0
          ? w.number === 0
            ? '–'
            : 'new'
          : change(Math.round(((w.number - previous(w.title)) / previous(w.title)) * 1e4) / 1e4),
      ]),
    ),
    series: [graph.booked_stats, graph.completed_stats, graph.cancelled_stats].map((stats) =>
      buckets.map((bucket) => stats[bucket] ?? 0),
    ),
    labels: buckets.map(dayLabel),
  }
  expect(reports.overview.map((widget) => widget.title)).toEqual(Object.keys(BOOKING_LABELS))
  await expect
    .poll(
      async () => ({
        range: [
          await page.locator('[data-testid=booking-from]').inputValue(),
          await page.locator('[data-testid=booking-to]').inputValue(),
        ],
        widgets: await kpiTiles(page, panel('bookings.overview')),
        changes: await kpiChanges(page, panel('bookings.overview')),
        series: await chartValues(page, 'bookings.graph'),
        labels: await chartCategories(page, 'bookings.graph'),
      }),
      POLL,
    )
    .toEqual(expected)
  return graph
}

// Calls -----------------------------------------------------------------------------------

const OUTCOMES = [
  'interested',
  'call_back',
  'send_details',
  'not_interested',
  'not_connected',
  'failed',
] as const

/** The first organisation the API lists (the page's default). */
export async function firstOrganisation(sextant: Console): Promise<string> {
  const list = await sextant.api<Organisations>('/api/v1/organisations')
  return list.organisations[0]!.domain_handle
}

/** Calls tiles and charts equal the org analytics endpoint for that organisation (and space). */
export async function expectCalls(
  page: Page,
  sextant: Console,
  handle: string,
  spaceToken: string | null = null,
): Promise<CallAnalyticsData> {
  const { data } = await sextant.api<{ data: CallAnalyticsData }>(
    `/api/v2/platform/organisation/analytics/${spaceToken === null ? '' : `?space_token=${spaceToken}`}`,
    { 'Org-Handle': handle },
  )
  const expected = {
    organisation: handle,
    space: spaceToken ?? '',
    tiles: {
      'Calls (all time)': number(data.total_calls),
      'Completed calls (all time)': number(data.completed_calls),
      'Failed calls (all time)': number(data.failed_calls),
      'Task success rate (all time)': percent(data.call_status.success_rate),
      'Average call duration (all time)': duration(data.avg_duration_seconds),
      'Average success score (all time)': number(data.call_analytics.avg_success_score),
      'Tasks (all time)': number(data.total_tasks),
    },
    outcomes: [OUTCOMES.map((outcome) => data.call_analytics[outcome])],
    tasks: [
      { name: 'Completed', value: data.call_status.completed },
      { name: 'In progress', value: data.call_status.in_progress },
      { name: 'Pending', value: data.call_status.pending },
      { name: 'Failed', value: data.call_status.failed },
    ],
  }
  await expect
    .poll(
      async () => ({
        organisation: await page.locator('[data-testid=organisation]').inputValue(),
        space: await page.locator('[data-testid=space]').inputValue(),
        tiles: await kpiTiles(page, panel('calls.kpis')),
        outcomes: await chartValues(page, 'calls.outcomes'),
        tasks: await chartItems(page, 'calls.tasks'),
      }),
      POLL,
    )
    .toEqual(expected)
  return data
}

// Campaigns -------------------------------------------------------------------------------

export async function firstWorkspace(sextant: Console): Promise<string> {
  return (await sextant.api<Workspaces>('/api/v1/workspaces')).workspaces[0]!.id
}

/** The picker's documented default: the first ACTIVE campaign the API lists, else the first. */
export async function defaultCampaign(sextant: Console, workspaceId: string): Promise<string> {
  const { campaigns } = await sextant.api<Campaigns>(`/api/v1/workspaces/${workspaceId}/campaigns`)
  return (campaigns.find((campaign) => campaign.status === 'ACTIVE') ?? campaigns[0])!.id
}

/**
 * The campaign's tiles and its four charts equal `.../analytics/campaigns/<id>?days=N`; the
 * Status tile is the console's campaign list's (the seed's campaign detail has no status).
 */
export async function expectCampaign(
  page: Page,
  sextant: Console,
  workspaceId: string,
  campaignId: string,
  days: number,
): Promise<CampaignAnalytics> {
  const api = await sextant.api<CampaignAnalytics>(
    `/api/workspaces/${workspaceId}/analytics/campaigns/${campaignId}?days=${days}`,
  )
  const { campaigns } = await sextant.api<Campaigns>(`/api/v1/workspaces/${workspaceId}/campaigns`)
  const status = campaigns.find((campaign) => campaign.id === campaignId)!.status
  const variants = api.abTests.flatMap((test) => test.variants)
  const expected = {
    campaign: campaignId,
    title: `Campaign: ${api.campaign.name}`,
    tiles: {
      'Campaign status': humanize(status),
      Enrollments: number(api.enrollments.total),
      'Active enrollments': number(api.enrollments.active),
      'Completed enrollments': number(api.enrollments.completed),
      'Messages created': number(api.messages.total),
      'Open rate (of delivered)': rate(api.messages.openRate),
      'Click rate (of delivered)': rate(api.messages.clickRate),
      'Bounce rate (of delivered)': rate(api.messages.bounceRate),
    },
    messages: [
      [api.messages.sent, api.messages.delivered, api.messages.opened, api.messages.clicked],
    ],
    status: api.statusBreakdown.map((row) => ({ name: humanize(row.status), value: row._count })),
    channels: api.channelBreakdown.map((row) => ({
      name: humanize(row.channel),
      value: row._count,
    })),
    ab:
      api.abTests.length === 0
        ? null
        : [variants.map((variant) => variant.sent), variants.map((variant) => variant.opened)],
  }
  await expect
    .poll(
      async () => ({
        campaign: await page.locator('[data-testid=campaign]').inputValue(),
        title: (await page.locator(`${panel('campaigns.campaign')} h2`).textContent())?.trim(),
        tiles: await kpiTiles(page, panel('campaigns.campaign')),
        messages: await chartValues(page, 'campaigns.messages'),
        status: await chartItems(page, 'campaigns.status'),
        channels: await chartItems(page, 'campaigns.channels'),
        ab: await chartValues(page, 'campaigns.ab'),
      }),
      POLL,
    )
    .toEqual(expected)
  return api
}

/** The daily activity chart equals `/timeseries?days=N` (every day, five series). */
export async function expectTimeseries(
  page: Page,
  sextant: Console,
  workspaceId: string,
  days: number,
): Promise<void> {
  const api = await sextant.api<Timeseries>(
    `/api/workspaces/${workspaceId}/analytics/timeseries?days=${days}`,
  )
  expect(api.series.map((day) => day.date)).toEqual(lastDates(days))
  const keys = ['events', 'contacts', 'messages', 'opens', 'clicks'] as const
  const expected = {
    values: keys.map((key) => api.series.map((day) => day[key])),
    labels: api.series.map((day) => dayLabel(day.date)),
  }
  await expect
    .poll(
      async () => ({
        values: await chartValues(page, 'campaigns.timeseries'),
        labels: await chartCategories(page, 'campaigns.timeseries'),
      }),
      POLL,
    )
    .toEqual(expected)
}

/** The funnel chart equals `/funnel?steps=...&days=N`, and the builder lists those steps. */
export async function expectFunnel(
  page: Page,
  sextant: Console,
  workspaceId: string,
  steps: readonly string[],
  days: number,
): Promise<Funnel> {
  const api = await sextant.api<Funnel>(
    `/api/workspaces/${workspaceId}/analytics/funnel?steps=${steps.join(',')}&days=${days}`,
  )
  expect(api.steps.map((step) => step.step)).toEqual(steps)
  const expected = {
    steps: [...steps],
    funnel: api.steps.map((step) => ({ name: step.step, value: step.count })),
  }
  await expect
    .poll(
      async () => ({
        steps: (await page.locator('[data-testid=funnel-steps] li > span').allTextContents()).map(
          (text) => text.trim(),
        ),
        funnel: await chartItems(page, 'campaigns.funnel'),
      }),
      POLL,
    )
    .toEqual(expected)
  return api
}

/**
 * The attribution chart equals `/attribution?days=N&conversion=<event>`: conversions per
 * source, most first (ties in the API's order), past 10 sources the rest summed in one
 * "Other sources (n)" bar; the table lists every source as the API does.
 */
export async function expectAttribution(
  page: Page,
  sextant: Console,
  workspaceId: string,
  conversion: string,
  days: number,
): Promise<Attribution> {
  const api = await sextant.api<Attribution>(
    `/api/workspaces/${workspaceId}/analytics/attribution?days=${days}&conversion=${conversion}`,
  )
  const label = (source: Attribution['sources'][number]): string =>
    `${source.source} / ${source.medium ?? '—'} / ${source.campaign ?? '—'}`
  const ranked = api.sources
    .map((source, index) => ({ source, index }))
    .sort((a, b) => b.source.conversions - a.source.conversions || a.index - b.index)
    .map(({ source }) => source)
  const shown = ranked.length > 10 ? ranked.slice(0, 9) : ranked
  const rest = ranked.slice(shown.length)
  const expected = {
    conversion,
    categories: [
      ...shown.map(label),
      ...(rest.length > 0 ? [`Other sources (${rest.length})`] : []),
    ],
    values: [
      [
        ...shown.map((source) => source.conversions),
        ...(rest.length > 0 ? [rest.reduce((sum, source) => sum + source.conversions, 0)] : []),
      ],
    ],
    rows: api.sources.map((source) => [
      source.source,
      source.medium ?? '—',
      source.campaign ?? '—',
      number(source.uniqueVisitors),
      number(source.totalEvents),
      number(source.conversions),
    ]),
  }
  await expect
    .poll(
      async () => ({
        conversion: await page.locator('[data-testid=conversion]').inputValue(),
        categories: await chartCategories(page, 'campaigns.attribution'),
        values: await chartValues(page, 'campaigns.attribution'),
        rows: await tableRows(page, `${panel('campaigns.attribution')} table`),
      }),
      POLL,
    )
    .toEqual(expected)
  return api
}

/** The retention heatmap equals `/cohorts?days=N&metric=<metric>`: a cell per listed week. */
export async function expectCohorts(
  page: Page,
  sextant: Console,
  workspaceId: string,
  metric: string,
  days: number,
): Promise<Cohorts> {
  const api = await sextant.api<Cohorts>(
    `/api/workspaces/${workspaceId}/analytics/cohorts?days=${days}&metric=${metric}`,
  )
  const cells: number[][] = []
  api.cohorts.forEach((cohort, row) => {
    for (const [week, active] of Object.entries(cohort.retention))
      cells.push([Number(week.replace('week_', '')), row, active / cohort.size, active])
  })
  cells.sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!)
  const expected = {
    metric,
    rows: api.cohorts.map((cohort) => dayLabel(cohort.cohort)),
    cells,
  }
  await expect
    .poll(async () => {
      const option = await chartOption(page, 'campaigns.cohorts')
      return {
        metric: await page.locator('[data-testid=cohort-metric]').inputValue(),
        rows: (option?.yAxis?.[0]?.data ?? []).map(String),
        cells: option?.series?.[0]?.data ?? null,
      }
    }, POLL)
    .toEqual(expected)
  return api
}

/** The text of every body cell of a table, row by row. */
export async function tableRows(page: Page, table: string): Promise<string[][]> {
  const rows = page.locator(`${table} tbody tr`)
  const result: string[][] = []
  for (let index = 0; index < (await rows.count()); index++)
    result.push((await rows.nth(index).locator('td').allTextContents()).map((text) => text.trim()))
  return result
}
