/**
 * What every KPI tile of the console means, declared once: what is counted, by which timestamp a
 * record is placed in a window, over which window, in which scope and unit. Every dashboard's
 * tile takes its label and its info popover from here, so one name always means one quantity:
 * two figures that count differently (bookings completed by booking date on the Overview, by
 * meeting end on the Bookings page) carry different labels, and a figure that ignores the period
 * chosen above it says "(all time)". The README's "What each figure means" lists them.
 */
import { CAMPAIGN_STATUSES } from './entities'
import { addDays } from './time'

/** How a tile's value reads. */
export type KpiUnit =
  /** An integer number of records. */
  | 'count'
  /** A ratio 0..1, shown as a percentage. */
  | 'rate'
  /** A value already in percent (0..100). */
  | 'percent'
  /** Seconds, shown as "3h 04m". */
  | 'duration'
  /** A mean of scores, as the data holds them. */
  | 'score'
  /** A status word, not a number. */
  | 'status'

/**
 * Which records a tile's window takes:
 * - `chosen`: the days chosen on the page (the period "last N days" above the page, or the
 *   Bookings page's From and To), calendar days in the console's timezone;
 * - `allTime`: every record, whatever days are chosen;
 * - `now`: each record's status as it is now, whatever days are chosen.
 */
export type KpiWindow = 'chosen' | 'allTime' | 'now'

/** Whose records a tile counts. */
export type KpiScope = 'everything' | 'bookings' | 'workspace' | 'campaign' | 'organisation'

export interface KpiDefinition {
  /** Stable id (`overview.callCompletionRate`), what tiles and tests name. */
  readonly id: string
  /** The tile's label; no two definitions share one. */
  readonly label: string
  /** What is counted (or divided), in an analyst's words. */
  readonly counts: string
  /** The timestamp that places a record in the window (or why none does). */
  readonly timestamp: string
  readonly window: KpiWindow
  readonly scope: KpiScope
  readonly unit: KpiUnit
  /** False when a rise is bad news (cancellations, failures, bounces). */
  readonly upIsGood?: boolean
  /** Where the figure comes from: route and field. */
  readonly source: string
}

type Entry = Omit<KpiDefinition, 'id'>

const NO_TIMESTAMP = 'none: every record counts, whenever it was made'

const DEFINITIONS = {
  // Overview: everything in the database, by created_at, the chosen days against the days before.
  'overview.roomsCreated': {
    label: 'Rooms created',
    counts: 'Video rooms created, in every workspace.',
    timestamp: 'when the room was created (rooms.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'count',
    source: 'GET /api/v1/overview · rooms',
  },
  'overview.recordings': {
    label: 'Recordings',
    counts: 'Recordings made, in every workspace.',
    timestamp: 'when the recording was made (recordings.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'count',
    source: 'GET /api/v1/overview · recordings',
  },
  'overview.recordedTime': {
    label: 'Recorded time',
    counts: 'The total length of the recordings made, in every workspace.',
    timestamp: 'when the recording was made (recordings.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'duration',
    source: 'GET /api/v1/overview · recordingDuration',
  },
  'overview.newContacts': {
    label: 'New contacts',
    counts: 'Contacts added, in every workspace.',
    timestamp: 'when the contact was added (contacts.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'count',
    source: 'GET /api/v1/overview · contacts',
  },
  'overview.bookingEvents': {
    label: 'Booking events',
    counts: 'Contact events of type "booking", in every workspace.',
    timestamp: 'when the event happened (contact_events.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'count',
    source: 'GET /api/v1/overview · bookings',
  },
  'overview.messagesSent': {
    label: 'Messages sent',
    counts: 'Campaign messages created in the window that have been sent, in every workspace.',
    timestamp: 'when the message was created (messages.created_at), not when it was sent',
    window: 'chosen',
    scope: 'everything',
    unit: 'count',
    source: 'GET /api/v1/overview · messagesSent',
  },
  'overview.openRate': {
    label: 'Open rate (of sent)',
    counts: 'Opened messages divided by sent messages, among the messages created in the window.',
    timestamp: 'when the message was created (messages.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'rate',
    source: 'GET /api/v1/overview · openRate',
  },
  'overview.clickRate': {
    label: 'Click rate (of sent)',
    counts: 'Clicked messages divided by sent messages, among the messages created in the window.',
    timestamp: 'when the message was created (messages.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'rate',
    source: 'GET /api/v1/overview · clickRate',
  },
  'overview.calls': {
    label: 'Calls',
    counts: "Calls made in the organisations' contact spaces (other spaces are left out).",
    timestamp: 'when the call was made (calls.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'count',
    source: 'GET /api/v1/overview · calls',
  },
  'overview.callCompletionRate': {
    label: 'Call completion rate',
    counts:
      'Calls with status completed divided by all calls, among the calls made in contact spaces.',
    timestamp: 'when the call was made (calls.created_at)',
    window: 'chosen',
    scope: 'everything',
    unit: 'rate',
    source: 'GET /api/v1/overview · callSuccessRate',
  },
  // Shared by the Overview and the Bookings page: the same quantity under one name.
  'bookings.made': {
    label: 'Bookings made',
    counts: 'Bookings of every status.',
    timestamp: 'when the booking was made (bookings.created_at)',
    window: 'chosen',
    scope: 'bookings',
    unit: 'count',
    source: 'GET /api/v1/overview · bookingTotal; GET /reports · Total Bookings',
  },
  'overview.bookingsCompletedByBookingDate': {
    label: 'Bookings completed (by booking date)',
    counts: 'Bookings made in the window whose status is now completed.',
    timestamp: 'when the booking was made (bookings.created_at), not when the meeting took place',
    window: 'chosen',
    scope: 'bookings',
    unit: 'count',
    source: 'GET /api/v1/overview · bookingsCompleted',
  },
  'overview.bookingsCancelledByBookingDate': {
    label: 'Bookings cancelled (by booking date)',
    counts: 'Bookings made in the window whose status is now cancelled.',
    timestamp: 'when the booking was made (bookings.created_at)',
    window: 'chosen',
    scope: 'bookings',
    unit: 'count',
    upIsGood: false,
    source: 'GET /api/v1/overview · bookingsCancelled',
  },
  // Bookings page: the booking reports, as FluentBooking counts them.
  'bookings.completedByMeetingEnd': {
    label: 'Bookings completed (by meeting end)',
    counts: 'Bookings with status completed whose meeting ended in the window.',
    timestamp: 'when the meeting ends (bookings.end_time), not when it was booked',
    window: 'chosen',
    scope: 'bookings',
    unit: 'count',
    source: 'GET /reports · Completed Bookings',
  },
  'bookings.cancelledByMeetingEnd': {
    label: 'Bookings cancelled (by meeting end)',
    counts: 'Bookings with status cancelled whose meeting would have ended in the window.',
    timestamp: 'when the meeting ends (bookings.end_time), not when it was cancelled',
    window: 'chosen',
    scope: 'bookings',
    unit: 'count',
    upIsGood: false,
    source: 'GET /reports · Cancelled Bookings',
  },
  'bookings.guests': {
    label: 'Guests',
    counts:
      'Distinct guest emails among the bookings made in the window (bookings without an email count as one guest).',
    timestamp: 'when the booking was made (bookings.created_at)',
    window: 'chosen',
    scope: 'bookings',
    unit: 'count',
    source: 'GET /reports · Total Guests',
  },
  // Workspace page: the chosen workspace; its product's lifetime KPIs beside the window's.
  'workspace.rooms': {
    label: 'Rooms (all time)',
    counts: 'Video rooms of the workspace.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'workspace',
    unit: 'count',
    source: 'GET /api/v1/workspaces/:id/analytics · kpis.rooms',
  },
  'workspace.recordings': {
    label: 'Recordings (all time)',
    counts: "Recordings of the workspace's rooms.",
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'workspace',
    unit: 'count',
    source: 'GET /api/v1/workspaces/:id/analytics · kpis.recordings',
  },
  'workspace.recordedTime': {
    label: 'Recorded time (all time)',
    counts: "The total length of the recordings of the workspace's rooms.",
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'workspace',
    unit: 'duration',
    source: 'GET /api/v1/workspaces/:id/analytics · kpis.recordingDuration',
  },
  'workspace.contacts': {
    label: 'Contacts (all time)',
    counts: 'Contacts of the workspace.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'workspace',
    unit: 'count',
    source: 'GET /api/v1/workspaces/:id/analytics · kpis.contacts',
  },
  'workspace.bookingEvents': {
    label: 'Booking events (all time)',
    counts: 'Contact events of type "booking" in the workspace.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'workspace',
    unit: 'count',
    source: 'GET /api/v1/workspaces/:id/analytics · kpis.bookings',
  },
  'workspace.newContacts': {
    label: 'New contacts in workspace',
    counts: 'Contacts added to the workspace.',
    timestamp: 'when the contact was added (contacts.created_at)',
    window: 'chosen',
    scope: 'workspace',
    unit: 'count',
    source: 'GET /api/v1/workspaces/:id/analytics · contacts.new',
  },
  'workspace.events': {
    label: 'Contact events in workspace',
    counts: 'Contact events of every type in the workspace.',
    timestamp: 'when the event happened (contact_events.created_at)',
    window: 'chosen',
    scope: 'workspace',
    unit: 'count',
    source: 'GET /api/v1/workspaces/:id/analytics · events.total',
  },
  'workspace.openRate': {
    label: 'Open rate in workspace (of sent)',
    counts:
      "Opened messages divided by sent messages, among the workspace's messages created in the window.",
    timestamp: 'when the message was created (messages.created_at)',
    window: 'chosen',
    scope: 'workspace',
    unit: 'rate',
    source: 'GET /api/v1/workspaces/:id/analytics · messages.openRate',
  },
  // Campaigns page: the workspace's campaigns, then the chosen campaign.
  'campaigns.count': {
    label: 'Campaigns (all time)',
    counts: 'Campaigns of the workspace, of every status.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'workspace',
    unit: 'count',
    source: 'GET /api/v1/workspaces/:id/campaigns',
  },
  ...campaignStatusEntries(),
  'campaign.status': {
    label: 'Campaign status',
    counts: "The chosen campaign's status.",
    timestamp: 'none: the status as it is now',
    window: 'now',
    scope: 'campaign',
    unit: 'status',
    source: 'GET /api/v1/workspaces/:id/campaigns · status',
  },
  'campaign.enrollments': {
    label: 'Enrollments',
    counts: 'Contacts enrolled in the campaign.',
    timestamp: 'when the contact was enrolled (enrollments.enrolled_at)',
    window: 'chosen',
    scope: 'campaign',
    unit: 'count',
    source: 'GET /api/workspaces/:id/analytics/campaigns/:campaignId · enrollments.total',
  },
  'campaign.activeEnrollments': {
    label: 'Active enrollments',
    counts: 'Enrollments made in the window whose status is now ACTIVE.',
    timestamp: 'when the contact was enrolled (enrollments.enrolled_at)',
    window: 'chosen',
    scope: 'campaign',
    unit: 'count',
    source: 'GET /api/workspaces/:id/analytics/campaigns/:campaignId · enrollments.active',
  },
  'campaign.completedEnrollments': {
    label: 'Completed enrollments',
    counts: 'Enrollments made in the window whose status is now COMPLETED.',
    timestamp: 'when the contact was enrolled (enrollments.enrolled_at)',
    window: 'chosen',
    scope: 'campaign',
    unit: 'count',
    source: 'GET /api/workspaces/:id/analytics/campaigns/:campaignId · enrollments.completed',
  },
  'campaign.messages': {
    label: 'Messages created',
    counts: "The campaign's messages, sent or not.",
    timestamp: 'when the message was created (messages.created_at)',
    window: 'chosen',
    scope: 'campaign',
    unit: 'count',
    source: 'GET /api/workspaces/:id/analytics/campaigns/:campaignId · messages.total',
  },
  'campaign.openRate': {
    label: 'Open rate (of delivered)',
    counts:
      "Opened messages divided by delivered messages, among the campaign's messages created in the window.",
    timestamp: 'when the message was created (messages.created_at)',
    window: 'chosen',
    scope: 'campaign',
    unit: 'rate',
    source: 'GET /api/workspaces/:id/analytics/campaigns/:campaignId · messages.openRate',
  },
  'campaign.clickRate': {
    label: 'Click rate (of delivered)',
    counts:
      "Clicked messages divided by delivered messages, among the campaign's messages created in the window.",
    timestamp: 'when the message was created (messages.created_at)',
    window: 'chosen',
    scope: 'campaign',
    unit: 'rate',
    source: 'GET /api/workspaces/:id/analytics/campaigns/:campaignId · messages.clickRate',
  },
  'campaign.bounceRate': {
    label: 'Bounce rate (of delivered)',
    counts:
      "Messages with status BOUNCED divided by delivered messages, among the campaign's messages created in the window.",
    timestamp: 'when the message was created (messages.created_at)',
    window: 'chosen',
    scope: 'campaign',
    unit: 'rate',
    upIsGood: false,
    source: 'GET /api/workspaces/:id/analytics/campaigns/:campaignId · messages.bounceRate',
  },
  // Calls page: the organisation call analytics, lifetime as the original service counts.
  'calls.total': {
    label: 'Calls (all time)',
    counts: "Calls in the organisation's contact spaces (or the one space chosen).",
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'organisation',
    unit: 'count',
    source: 'GET /api/v2/platform/organisation/analytics · total_calls',
  },
  'calls.completed': {
    label: 'Completed calls (all time)',
    counts: 'Calls with status completed.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'organisation',
    unit: 'count',
    source: 'GET /api/v2/platform/organisation/analytics · completed_calls',
  },
  'calls.failed': {
    label: 'Failed calls (all time)',
    counts: 'Calls with status failed.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'organisation',
    unit: 'count',
    upIsGood: false,
    source: 'GET /api/v2/platform/organisation/analytics · failed_calls',
  },
  'calls.taskSuccessRate': {
    label: 'Task success rate (all time)',
    counts: 'Calling tasks with status completed divided by all tasks (tasks, not calls).',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'organisation',
    unit: 'percent',
    source: 'GET /api/v2/platform/organisation/analytics · call_status.success_rate',
  },
  'calls.averageDuration': {
    label: 'Average call duration (all time)',
    counts: 'The mean duration of the completed calls that have one.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'organisation',
    unit: 'duration',
    source: 'GET /api/v2/platform/organisation/analytics · avg_duration_seconds',
  },
  'calls.averageSuccessScore': {
    label: 'Average success score (all time)',
    counts: 'The mean success score of the calls that have one.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'organisation',
    unit: 'score',
    source: 'GET /api/v2/platform/organisation/analytics · call_analytics.avg_success_score',
  },
  'calls.tasks': {
    label: 'Tasks (all time)',
    counts: 'Calling tasks of every status.',
    timestamp: NO_TIMESTAMP,
    window: 'allTime',
    scope: 'organisation',
    unit: 'count',
    source: 'GET /api/v2/platform/organisation/analytics · total_tasks',
  },
} as const satisfies Record<string, Entry>

/** The campaign summary's one tile per status (`campaigns.status.ACTIVE`: "Active now"). */
function campaignStatusEntries(): Record<`campaigns.status.${CampaignStatus}`, Entry> {
  return Object.fromEntries(
    CAMPAIGN_STATUSES.map((status) => [
      `campaigns.status.${status}`,
      {
        label: `${status.charAt(0)}${status.slice(1).toLowerCase()} now`,
        counts: `Campaigns of the workspace whose status is ${status} now.`,
        timestamp: 'none: the status as it is now, whenever the campaign was created',
        window: 'now',
        scope: 'workspace',
        unit: 'count',
        source: 'GET /api/v1/workspaces/:id/campaigns · status',
      } satisfies Entry,
    ]),
  ) as Record<`campaigns.status.${CampaignStatus}`, Entry>
}

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]
export type KpiId = keyof typeof DEFINITIONS

/** Every definition by id. */
export const KPI_DEFINITIONS: Readonly<Record<KpiId, KpiDefinition>> = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([id, entry]) => [id, { id, ...entry }]),
) as Record<KpiId, KpiDefinition>

export function kpiDefinition(id: KpiId): KpiDefinition {
  return KPI_DEFINITIONS[id]
}

/**
 * A tile for a figure an API answers that this version has no definition for (a newer server):
 * shown under its own name, saying so, rather than dropped.
 */
export function undefinedKpi(name: string, source: string): KpiDefinition {
  return {
    id: `unknown.${name}`,
    label: name,
    counts: 'A figure this version of the console does not describe yet.',
    timestamp: 'unknown',
    window: 'chosen',
    scope: 'everything',
    unit: 'count',
    source,
  }
}

/** The definition of a campaign status tile; undefined for a status DATA.md does not know. */
export function campaignStatusKpi(status: string): KpiDefinition | undefined {
  return (CAMPAIGN_STATUSES as readonly string[]).includes(status)
    ? KPI_DEFINITIONS[`campaigns.status.${status as CampaignStatus}`]
    : undefined
}

/**
 * The Overview's tiles: the `key` of each figure `GET /api/v1/overview` answers, its definition
 * and the group it is shown in, in the answer's order.
 */
export const OVERVIEW_TILES: Readonly<
  Record<string, { readonly kpi: KpiId; readonly group: string }>
> = {
  rooms: { kpi: 'overview.roomsCreated', group: 'Video rooms' },
  recordings: { kpi: 'overview.recordings', group: 'Video rooms' },
  recordingDuration: { kpi: 'overview.recordedTime', group: 'Video rooms' },
  contacts: { kpi: 'overview.newContacts', group: 'Contacts' },
  bookings: { kpi: 'overview.bookingEvents', group: 'Contacts' },
  messagesSent: { kpi: 'overview.messagesSent', group: 'Campaigns' },
  openRate: { kpi: 'overview.openRate', group: 'Campaigns' },
  clickRate: { kpi: 'overview.clickRate', group: 'Campaigns' },
  calls: { kpi: 'overview.calls', group: 'Calls' },
  callSuccessRate: { kpi: 'overview.callCompletionRate', group: 'Calls' },
  bookingTotal: { kpi: 'bookings.made', group: 'Bookings' },
  bookingsCompleted: { kpi: 'overview.bookingsCompletedByBookingDate', group: 'Bookings' },
  bookingsCancelled: { kpi: 'overview.bookingsCancelledByBookingDate', group: 'Bookings' },
}

/** The Bookings page's tiles: the `title` of each `GET /reports` overview widget. */
export const BOOKING_WIDGET_TILES: Readonly<Record<string, KpiId>> = {
  'Total Bookings': 'bookings.made',
  'Completed Bookings': 'bookings.completedByMeetingEnd',
  'Cancelled Bookings': 'bookings.cancelledByMeetingEnd',
  'Total Guests': 'bookings.guests',
}

// Reading a definition ------------------------------------------------------------------------

/** The days a page has chosen, for the window line of a popover. */
export interface ChosenDays {
  /** First local date, `YYYY-MM-DD`. */
  readonly from: string
  /** Last local date, `YYYY-MM-DD`, included. */
  readonly to: string
  /** How many days that is. */
  readonly days: number
  /** The console's timezone, which the days are cut in. */
  readonly timeZone: string
  /** True when the last day ends now (the period "last N days"), not at its midnight. */
  readonly upToNow: boolean
  /** How the page names these days: "the last 30 days", "the 30 days chosen above". */
  readonly name: string
}

/** The period "the last N days" ending today, as the Overview, Workspace and Campaigns take it. */
export function lastDaysChosen(today: string, days: number, timeZone: string): ChosenDays {
  return {
    from: addDays(today, -(days - 1)),
    to: today,
    days,
    timeZone,
    upToNow: true,
    name: `the last ${days} days`,
  }
}

const SCOPES: Record<KpiScope, string> = {
  everything: 'Every workspace and organisation in the database.',
  bookings: 'Every booking in the database.',
  workspace: 'The workspace chosen above.',
  campaign: 'The campaign chosen above.',
  organisation: 'The organisation chosen above, or its one contact space chosen.',
}

const UNITS: Record<KpiUnit, string> = {
  count: 'a number of records',
  rate: 'a percentage (of the records named above)',
  percent: 'a percentage',
  duration: 'a duration',
  score: 'an average of scores',
  status: 'a status',
}

/**
 * The popover's lines of a definition: what is counted, the timestamp, the window (with the
 * page's days when the window is theirs; `compared` when the tile shows a change), the scope and
 * the unit. Pure, so the README, the tiles and the tests read the same words.
 */
export function describeKpi(
  definition: KpiDefinition,
  chosen?: ChosenDays,
  compared = false,
): { term: string; text: string }[] {
  return [
    { term: 'Counts', text: definition.counts },
    { term: 'Placed by', text: definition.timestamp },
    { term: 'Window', text: describeWindow(definition.window, chosen, compared) },
    { term: 'Scope', text: SCOPES[definition.scope] },
    { term: 'Shown as', text: UNITS[definition.unit] },
  ]
}

export function describeWindow(window: KpiWindow, chosen?: ChosenDays, compared = false): string {
  if (window === 'allTime') return 'All time: every record, whatever days are chosen above.'
  if (window === 'now') return 'Now: the status as it is today, whatever days are chosen above.'
  if (chosen === undefined) return "The days chosen above: calendar days in the console's timezone."
  const end = chosen.upToNow ? `${chosen.to} up to now` : `${chosen.to} included`
  const days = chosen.days === 1 ? '1 day' : `${chosen.days} days`
  const comparison = compared ? `, against the ${days} before` : ''
  return `${capitalize(chosen.name)}: ${chosen.from} to ${end} (calendar days in ${chosen.timeZone})${comparison}.`
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
