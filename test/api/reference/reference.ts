// Rule checked: API.md sections 1-4, DATA.md (actor, "the last N days") and docs/api.md
// (rounding half away from zero, rates 4 decimals, percentages and averages 2). A second,
// independent implementation of every analytics endpoint, written straight from the spec over
// plain arrays of records (no SQL, no code shared with src-main/core/analytics), in the simplest
// possible way: loops and filters, clarity over speed. The random comparison test
// (random.test.ts) runs it against the server. The local timezone is UTC (local day = UTC day);
// every piece of day logic goes through the calendar helpers below.

// ---------------------------------------------------------------------------------------------
// Records, as they sit in the dataset files (timestamps as ISO strings).

export interface WorkspaceRecord {
  id: string
  name: string
  created_at: string
}
export interface ContactRecord {
  id: string
  workspace_id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  created_at: string
}
export interface RoomRecord {
  id: number
  workspace_id: string
  name: string
  display_name: string | null
  created_at: string
}
export interface RecordingRecord {
  id: number
  room_id: number
  duration: number
  created_at: string
}
export interface BookingPageRecord {
  id: number
  workspace_id: string
  title: string
  slug: string
  created_at: string
}
export interface ContactEventRecord {
  id: string
  workspace_id: string
  contact_id: string | null
  visitor_id: string | null
  event_type: string
  room_id: number | null
  booking_page_id: number | null
  utm_source: string | null
  utm_medium: string | null
  utm_campaign: string | null
  created_at: string
}
export interface CampaignRecord {
  id: string
  workspace_id: string
  name: string
  status: string
  created_at: string
}
export interface EnrollmentRecord {
  id: string
  campaign_id: string
  contact_id: string
  status: string
  enrolled_at: string
  completed_at: string | null
}
export interface AbTestRecord {
  id: string
  campaign_id: string
  name: string
}
export interface AbVariantRecord {
  id: string
  ab_test_id: string
  name: string
}
export interface MessageRecord {
  id: string
  workspace_id: string
  campaign_id: string | null
  contact_id: string | null
  variant_id: string | null
  channel: string
  status: string
  created_at: string
  sent_at: string | null
  delivered_at: string | null
  opened_at: string | null
  clicked_at: string | null
}
export interface OrganisationRecord {
  id: string
  name: string
  domain_handle: string
  created_at: string
}
export interface SpaceRecord {
  id: string
  organisation_id: string
  token: string
  name: string
  content_type: string
  created_at: string
}
export interface TaskRecord {
  id: string
  space_id: string
  run_id: string | null
  /** As written in the file: `running` is a synonym of `in_progress` (DATA.md). */
  status: string
  created_at: string
}
export interface CallRecord {
  id: string
  space_id: string
  task_id: string | null
  status: string
  /** As the calling platform writes it (`Call Back`, `InterestedIn`, ...): normalised here. */
  outcome: string | null
  duration_seconds: number | null
  success_score: number | null
  created_at: string
}
export interface HostRecord {
  id: number
  name: string
  email: string | null
}
export interface CalendarEventRecord {
  id: number
  host_id: number
  title: string
  duration_minutes: number | null
}
export interface BookingRecord {
  id: number
  event_id: number | null
  host_id: number | null
  group_id: string | null
  status: string
  first_name: string | null
  last_name: string | null
  email: string | null
  start_time: string
  end_time: string
  created_at: string
}
export interface BookingActivityRecord {
  id: number
  booking_id: number | null
  parent_id: number | null
  created_by: number | null
  status: string
  type: string
  title: string
  description: string | null
  created_at: string
  updated_at: string
}

/** One array per entity: what the dataset folder holds. */
export interface ReferenceDataset {
  workspaces: WorkspaceRecord[]
  contacts: ContactRecord[]
  rooms: RoomRecord[]
  recordings: RecordingRecord[]
  booking_pages: BookingPageRecord[]
  contact_events: ContactEventRecord[]
  campaigns: CampaignRecord[]
  enrollments: EnrollmentRecord[]
  ab_tests: AbTestRecord[]
  ab_variants: AbVariantRecord[]
  messages: MessageRecord[]
  organisations: OrganisationRecord[]
  spaces: SpaceRecord[]
  tasks: TaskRecord[]
  calls: CallRecord[]
  hosts: HostRecord[]
  calendar_events: CalendarEventRecord[]
  bookings: BookingRecord[]
  booking_activities: BookingActivityRecord[]
}

// ---------------------------------------------------------------------------------------------
// The calendar: local days in UTC. A day is written 'YYYY-MM-DD'.

const DAY_MS = 86_400_000

/**
 * Epoch milliseconds of a timestamp as DATA.md accepts it: ISO 8601 with a zone, or
 * 'YYYY-MM-DD HH:mm:ss' / 'YYYY-MM-DD' meaning UTC.
 */
export function ms(timestamp: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(timestamp)) return Date.parse(`${timestamp}T00:00:00Z`)
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(timestamp)) {
    return Date.parse(`${timestamp.replace(' ', 'T')}Z`)
  }
  return Date.parse(timestamp)
}

/** The local day holding an instant. */
export function dayOf(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10)
}

/** The instant a local day starts (00:00:00.000). */
export function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`)
}

/** The day `count` days after `day` (before, when negative). */
export function addDays(day: string, count: number): string {
  return dayOf(startOfDay(day) + count * DAY_MS)
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfDay(to) - startOfDay(from)) / DAY_MS)
}

/** 'YYYY-MM-DD HH:mm:ss', the local time of an instant (booking reports). */
export function localDateTime(instant: number): string {
  return new Date(instant).toISOString().slice(0, 19).replace('T', ' ')
}

/** ISO 8601 with the zone's offset (activities): '2026-03-25T10:30:00+00:00'. */
export function isoWithOffset(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}+00:00`
}

/** A local 'YYYY-MM-DD HH:mm:ss' or 'YYYY-MM-DD' (= 00:00:00) as an instant. */
export function parseLocalDateTime(text: string): number {
  const [date, time] = text.split(' ')
  return Date.parse(`${date}T${time ?? '00:00:00'}Z`)
}

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

/** 'Mon YYYY' of a day ('Jan 2025'). */
export function monthLabel(day: string): string {
  return `${MONTH_NAMES[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`
}

// ---------------------------------------------------------------------------------------------
// Numbers and small helpers.

/** Half away from zero on the decimal value (docs/api.md), never -0. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals
  const scaled = Number((Math.abs(value) * factor).toPrecision(12))
  const rounded = Math.floor(scaled + 0.5)
  if (rounded === 0) return 0
  return (Math.sign(value) * rounded) / factor
}

/** a / b rounded, 0 when b is 0. */
function ratio(numerator: number, denominator: number, decimals: number): number {
  return denominator === 0 ? 0 : round(numerator / denominator, decimals)
}

/** Plain code-unit order of two strings (SQLite's BINARY collation for ASCII). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** NULLs first, then text order. */
function compareNullableText(a: string | null, b: string | null): number {
  if (a === null && b === null) return 0
  if (a === null) return -1
  if (b === null) return 1
  return compareText(a, b)
}

/** DATA.md: the actor is contact_id when present, else visitor_id; null when neither. */
export function actorOf(event: ContactEventRecord): string | null {
  return event.contact_id ?? event.visitor_id
}

/** DATA.md's outcome normalisation: lower case, spaces and hyphens to `_`, InterestedIn. */
function normaliseOutcome(raw: string | null): string | null {
  if (raw === null) return null
  const label = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  return label === 'interestedin' ? 'interested' : label
}

function normaliseTaskStatus(raw: string): string {
  const status = raw.toLowerCase()
  return status === 'running' ? 'in_progress' : status
}

/** Group-and-count, returned as [key, count] pairs. */
function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts.entries()]
}

// ---------------------------------------------------------------------------------------------
// Response shapes.

export interface WorkspaceAnalyticsBody {
  period: string
  kpis: {
    rooms: number
    recordings: number
    recordingDuration: number
    contacts: number
    bookings: number
  }
  activityTimeline: { date: string; bookings: number; room_joins: number }[]
  eventTypeBreakdown: { type: string; count: number }[]
  topBookingPages: { id: number; title: string; slug: string; count: number }[]
  newContactsTimeline: { date: string; count: number }[]
  topRooms: { id: number; name: string; display_name: string | null; count: number }[]
  contacts: { total: number; new: number }
  campaigns: { total: number; active: number }
  messages: {
    total: number
    sent: number
    opened: number
    clicked: number
    openRate: number
    clickRate: number
  }
  events: { total: number }
}

/** campaign-analytics.txt's campaign detail: no period, the campaign `{id, name}` (#13 item 8). */
export interface CampaignAnalyticsBody {
  campaign: { id: string; name: string }
  enrollments: { total: number; active: number; completed: number }
  messages: {
    total: number
    sent: number
    delivered: number
    opened: number
    clicked: number
    bounced: number
    failed: number
    openRate: number
    clickRate: number
    bounceRate: number
  }
  statusBreakdown: { status: string; _count: number }[]
  channelBreakdown: { channel: string; _count: number }[]
  abTests: {
    id: string
    name: string
    variants: { name: string; sent: number; opened: number }[]
  }[]
}

export interface TimeseriesBody {
  period: string
  series: {
    date: string
    events: number
    contacts: number
    messages: number
    opens: number
    clicks: number
  }[]
}

export interface AttributionSource {
  source: string
  medium: string | null
  campaign: string | null
  uniqueVisitors: number
  totalEvents: number
  conversions: number
}
export interface AttributionBody {
  period: string
  sources: AttributionSource[]
  totalAttributedEvents: number
  conversions: number
}

export interface FunnelBody {
  period: string
  steps: { step: string; count: number; dropoff: number; conversionFromPrevious: number }[]
  overallConversion: number
}

export interface CohortsBody {
  period: string
  metric: string
  cohorts: {
    cohort: string
    size: number
    activeContacts: number
    retentionRate: number
    retention: Record<string, number>
  }[]
}

export interface CallAnalyticsBody {
  call_analytics: {
    total_calls: number
    interested: number
    call_back: number
    send_details: number
    not_interested: number
    not_connected: number
    failed: number
    avg_success_score: number
  }
  call_status: {
    total_tasks: number
    completed: number
    failed: number
    pending: number
    in_progress: number
    success_rate: number
  }
  total_calls: number
  completed_calls: number
  failed_calls: number
  avg_duration_seconds: number
  total_tasks: number
  task_status_breakdown: { pending: number; running: number; completed: number; failed: number }
}

/** An overview widget without its opaque `icon`. */
export interface OverviewWidget {
  title: string
  period?: string
  number: number
  content: string
  stat: number
}
export interface BookingBody {
  id: number
  event_id: number | null
  host_id: number | null
  group_id: string | null
  status: string
  first_name: string | null
  last_name: string | null
  email: string | null
  event_type: string
  start_time: string
  end_time: string
  created_at: string
}
export interface NextMeetingBody extends BookingBody {
  title: string
  author: { name: string }
  slot: { id: number; title: string } | Record<string, never>
  booked_count?: number
}
export interface ReportsBody {
  overview: OverviewWidget[]
  latest_books: BookingBody[]
  next_meetings: NextMeetingBody[]
}
export interface GraphReportsBody {
  booked_stats: Record<string, number>
  completed_stats: Record<string, number>
  cancelled_stats: Record<string, number>
}
export interface ActivityBody {
  id: number
  booking_id: number | null
  parent_id: number | null
  created_by: number | null
  status: string
  type: string
  title: string
  description: string | null
  created_at: string
  updated_at: string
}

/** DATA.md: enums are case-insensitive on input and stored as the spec writes them. */
function canonicalEnums(input: ReferenceDataset): ReferenceDataset {
  const upper = <T extends { status: string }>(record: T): T => ({
    ...record,
    status: record.status.toUpperCase(),
  })
  return {
    ...input,
    campaigns: input.campaigns.map(upper),
    enrollments: input.enrollments.map(upper),
    messages: input.messages.map((message) => ({
      ...upper(message),
      channel: message.channel.toUpperCase(),
    })),
    tasks: input.tasks.map((task) => ({ ...task, status: normaliseTaskStatus(task.status) })),
    calls: input.calls.map((call) => ({
      ...call,
      status: call.status.toLowerCase(),
      outcome: normaliseOutcome(call.outcome),
    })),
    bookings: input.bookings.map((booking) => ({
      ...booking,
      status: booking.status.toLowerCase(),
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// The reference.

/** An instant range; `to` is inclusive unless `toExclusive`. */
interface Range {
  from: number
  to: number
  toExclusive?: boolean
}

function inRange(instant: number, range: Range): boolean {
  if (instant < range.from) return false
  return range.toExclusive === true ? instant < range.to : instant <= range.to
}

export class Reference {
  private readonly today: string

  private readonly data: ReferenceDataset

  constructor(
    input: ReferenceDataset,
    private readonly now: number,
  ) {
    this.today = dayOf(now)
    this.data = canonicalEnums(input)
  }

  /** DATA.md: the last N days = from the start of local day today-(N-1) to now, inclusive. */
  lastDays(days: number): Range {
    return { from: startOfDay(addDays(this.today, -(days - 1))), to: this.now }
  }

  /** The N days of that window, ascending. */
  private windowDays(days: number): string[] {
    const result: string[] = []
    for (let offset = days - 1; offset >= 0; offset--) result.push(addDays(this.today, -offset))
    return result
  }

  private eventsOf(workspaceId: string): ContactEventRecord[] {
    return this.data.contact_events.filter((event) => event.workspace_id === workspaceId)
  }

  // --- Section 1 ------------------------------------------------------------------------------

  /** docs/api.md: section 1's "last 30 days" is the default window; `days` changes it. */
  workspaceAnalytics(workspaceId: string, days = 30): WorkspaceAnalyticsBody {
    const window = this.lastDays(days)
    const events = this.eventsOf(workspaceId)
    const rooms = this.data.rooms.filter((room) => room.workspace_id === workspaceId)
    const recordings = this.data.recordings.filter((recording) =>
      rooms.some((room) => room.id === recording.room_id),
    )
    const contacts = this.data.contacts.filter((contact) => contact.workspace_id === workspaceId)
    const bookingEvents = events.filter((event) => event.event_type === 'booking')
    const roomJoinEvents = events.filter((event) => event.event_type === 'room_join')

    const activityTimeline: WorkspaceAnalyticsBody['activityTimeline'] = []
    for (const day of this.windowDays(days)) {
      const onDay = (event: ContactEventRecord): boolean =>
        inRange(ms(event.created_at), window) && dayOf(ms(event.created_at)) === day
      const bookings = bookingEvents.filter(onDay).length
      const roomJoins = roomJoinEvents.filter(onDay).length
      if (bookings + roomJoins > 0)
        activityTimeline.push({ date: day, bookings, room_joins: roomJoins })
    }

    const eventTypeBreakdown = countBy(events, (event) => event.event_type)
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || compareText(a.type, b.type))

    const topBookingPages = this.data.booking_pages
      .filter((page) => page.workspace_id === workspaceId)
      .map((page) => ({
        id: page.id,
        title: page.title,
        slug: page.slug,
        count: bookingEvents.filter((event) => event.booking_page_id === page.id).length,
      }))
      .filter((page) => page.count > 0)
      .sort((a, b) => b.count - a.count || a.id - b.id)
      .slice(0, 5)

    const newContactsTimeline: WorkspaceAnalyticsBody['newContactsTimeline'] = []
    for (const day of this.windowDays(days)) {
      const count = contacts.filter(
        (contact) =>
          inRange(ms(contact.created_at), window) && dayOf(ms(contact.created_at)) === day,
      ).length
      if (count > 0) newContactsTimeline.push({ date: day, count })
    }

    const topRooms = rooms
      .map((room) => ({
        id: room.id,
        name: room.name,
        display_name: room.display_name,
        count: roomJoinEvents.filter((event) => event.room_id === room.id).length,
      }))
      .filter((room) => room.count > 0)
      .sort((a, b) => b.count - a.count || a.id - b.id)
      .slice(0, 5)

    const campaigns = this.data.campaigns.filter(
      (campaign) => campaign.workspace_id === workspaceId,
    )
    const messages = this.data.messages.filter(
      (message) => message.workspace_id === workspaceId && inRange(ms(message.created_at), window),
    )
    const sent = messages.filter((message) => message.sent_at !== null).length
    const opened = messages.filter((message) => message.opened_at !== null).length
    const clicked = messages.filter((message) => message.clicked_at !== null).length

    return {
      period: `${days}d`,
      kpis: {
        rooms: rooms.length,
        recordings: recordings.length,
        recordingDuration: recordings.reduce((sum, recording) => sum + recording.duration, 0),
        contacts: contacts.length,
        bookings: bookingEvents.length,
      },
      activityTimeline,
      eventTypeBreakdown,
      topBookingPages,
      newContactsTimeline,
      topRooms,
      contacts: {
        total: contacts.length,
        new: contacts.filter((contact) => inRange(ms(contact.created_at), window)).length,
      },
      campaigns: {
        total: campaigns.length,
        active: campaigns.filter((campaign) => campaign.status === 'ACTIVE').length,
      },
      messages: {
        total: messages.length,
        sent,
        opened,
        clicked,
        openRate: ratio(opened, sent, 4),
        clickRate: ratio(clicked, sent, 4),
      },
      events: {
        total: events.filter((event) => inRange(ms(event.created_at), window)).length,
      },
    }
  }

  // --- Section 2 ------------------------------------------------------------------------------

  campaignAnalytics(workspaceId: string, campaignId: string, days: number): CampaignAnalyticsBody {
    const window = this.lastDays(days)
    const campaign = this.data.campaigns.find(
      (candidate) => candidate.id === campaignId && candidate.workspace_id === workspaceId,
    )
    if (campaign === undefined) throw new Error(`no campaign ${campaignId} in ${workspaceId}`)
    const enrollments = this.data.enrollments.filter(
      (enrollment) =>
        enrollment.campaign_id === campaignId && inRange(ms(enrollment.enrolled_at), window),
    )
    const messages = this.data.messages.filter(
      (message) => message.campaign_id === campaignId && inRange(ms(message.created_at), window),
    )
    const count = (predicate: (message: MessageRecord) => boolean): number =>
      messages.filter(predicate).length
    const delivered = count((message) => message.delivered_at !== null)
    const opened = count((message) => message.opened_at !== null)
    const clicked = count((message) => message.clicked_at !== null)
    const bounced = count((message) => message.status === 'BOUNCED')

    const abTests = this.data.ab_tests
      .filter((test) => test.campaign_id === campaignId)
      .sort((a, b) => compareText(a.id, b.id))
      .map((test) => ({
        id: test.id,
        name: test.name,
        variants: this.data.ab_variants
          .filter((variant) => variant.ab_test_id === test.id)
          .sort((a, b) => compareText(a.id, b.id))
          .map((variant) => ({
            name: variant.name,
            sent: count((message) => message.variant_id === variant.id && message.sent_at !== null),
            opened: count(
              (message) => message.variant_id === variant.id && message.opened_at !== null,
            ),
          })),
      }))

    return {
      campaign: { id: campaign.id, name: campaign.name },
      enrollments: {
        total: enrollments.length,
        active: enrollments.filter((enrollment) => enrollment.status === 'ACTIVE').length,
        completed: enrollments.filter((enrollment) => enrollment.status === 'COMPLETED').length,
      },
      messages: {
        total: messages.length,
        sent: count((message) => message.sent_at !== null),
        delivered,
        opened,
        clicked,
        bounced,
        failed: count((message) => message.status === 'FAILED'),
        openRate: ratio(opened, delivered, 4),
        clickRate: ratio(clicked, delivered, 4),
        bounceRate: ratio(bounced, delivered, 4),
      },
      statusBreakdown: countBy(messages, (message) => message.status)
        .map(([status, total]) => ({ status, _count: total }))
        .sort((a, b) => b._count - a._count || compareText(a.status, b.status)),
      channelBreakdown: countBy(messages, (message) => message.channel)
        .map(([channel, total]) => ({ channel, _count: total }))
        .sort((a, b) => b._count - a._count || compareText(a.channel, b.channel)),
      abTests,
    }
  }

  timeseries(workspaceId: string, days: number): TimeseriesBody {
    const window = this.lastDays(days)
    /** How many of the timestamps fall on each day of the window. */
    const perDay = (timestamps: (string | null)[]): Map<string, number> => {
      const counts = new Map<string, number>()
      for (const timestamp of timestamps) {
        if (timestamp === null || !inRange(ms(timestamp), window)) continue
        const day = dayOf(ms(timestamp))
        counts.set(day, (counts.get(day) ?? 0) + 1)
      }
      return counts
    }
    const messages = this.data.messages.filter((message) => message.workspace_id === workspaceId)
    const events = perDay(this.eventsOf(workspaceId).map((event) => event.created_at))
    const contacts = perDay(
      this.data.contacts
        .filter((contact) => contact.workspace_id === workspaceId)
        .map((contact) => contact.created_at),
    )
    const created = perDay(messages.map((message) => message.created_at))
    const opens = perDay(messages.map((message) => message.opened_at))
    const clicks = perDay(messages.map((message) => message.clicked_at))
    return {
      period: `${days}d`,
      series: this.windowDays(days).map((day) => ({
        date: day,
        events: events.get(day) ?? 0,
        contacts: contacts.get(day) ?? 0,
        messages: created.get(day) ?? 0,
        opens: opens.get(day) ?? 0,
        clicks: clicks.get(day) ?? 0,
      })),
    }
  }

  attribution(workspaceId: string, days: number, conversion = 'purchase'): AttributionBody {
    const window = this.lastDays(days)
    const inWindow = this.eventsOf(workspaceId).filter((event) =>
      inRange(ms(event.created_at), window),
    )
    const attributed = inWindow.filter((event) => event.utm_source !== null)
    const keyOf = (event: ContactEventRecord): string =>
      JSON.stringify([event.utm_source, event.utm_medium, event.utm_campaign])

    const sources = new Map<string, AttributionSource & { actors: Set<string> }>()
    for (const event of attributed) {
      const key = keyOf(event)
      let row = sources.get(key)
      if (row === undefined) {
        row = {
          source: event.utm_source ?? '',
          medium: event.utm_medium,
          campaign: event.utm_campaign,
          uniqueVisitors: 0,
          totalEvents: 0,
          conversions: 0,
          actors: new Set(),
        }
        sources.set(key, row)
      }
      row.totalEvents++
      const actor = actorOf(event)
      if (actor !== null) row.actors.add(actor)
    }

    let conversions = 0
    for (const conversionEvent of inWindow) {
      if (conversionEvent.event_type !== conversion) continue
      const actor = actorOf(conversionEvent)
      if (actor === null) continue
      const touches = attributed.filter(
        (event) =>
          actorOf(event) === actor && ms(event.created_at) <= ms(conversionEvent.created_at),
      )
      if (touches.length === 0) continue
      // Last touch wins; ties on time: the greater id.
      touches.sort((a, b) => ms(b.created_at) - ms(a.created_at) || compareText(b.id, a.id))
      const lastTouch = touches[0]!
      sources.get(keyOf(lastTouch))!.conversions++
      conversions++
    }

    const rows = [...sources.values()]
      .sort(
        (a, b) =>
          b.totalEvents - a.totalEvents ||
          compareText(a.source, b.source) ||
          compareNullableText(a.medium, b.medium) ||
          compareNullableText(a.campaign, b.campaign),
      )
      .map((row) => ({
        source: row.source,
        medium: row.medium,
        campaign: row.campaign,
        uniqueVisitors: row.actors.size,
        totalEvents: row.totalEvents,
        conversions: row.conversions,
      }))
    return {
      period: `${days}d`,
      sources: rows,
      totalAttributedEvents: attributed.length,
      conversions,
    }
  }

  funnel(workspaceId: string, days: number, rawSteps: readonly string[]): FunnelBody {
    const steps = rawSteps.map((step) => step.trim())
    const window = this.lastDays(days)
    const events = this.eventsOf(workspaceId).filter(
      (event) => actorOf(event) !== null && inRange(ms(event.created_at), window),
    )
    const actors = new Set(events.map((event) => actorOf(event)!))
    const counts = steps.map(() => 0)
    for (const actor of actors) {
      const own = events.filter((event) => actorOf(event) === actor)
      let reachedAt = -Infinity
      for (let index = 0; index < steps.length; index++) {
        const candidates = own
          .filter((event) => event.event_type === steps[index] && ms(event.created_at) >= reachedAt)
          .map((event) => ms(event.created_at))
        if (candidates.length === 0) break
        reachedAt = Math.min(...candidates)
        counts[index]!++
      }
    }
    const first = counts[0]!
    const last = counts[counts.length - 1]!
    return {
      period: `${days}d`,
      steps: steps.map((step, index) => {
        const count = counts[index]!
        if (index === 0) return { step, count, dropoff: 0, conversionFromPrevious: 1 }
        const previous = counts[index - 1]!
        return {
          step,
          count,
          dropoff: previous - count,
          conversionFromPrevious: ratio(count, previous, 4),
        }
      }),
      overallConversion: ratio(last, first, 4),
    }
  }

  cohorts(workspaceId: string, days: number, metric: string): CohortsBody {
    const window = this.lastDays(days)
    const contacts = this.data.contacts.filter(
      (contact) => contact.workspace_id === workspaceId && inRange(ms(contact.created_at), window),
    )
    const activity = this.eventsOf(workspaceId).filter(
      (event) => metric === 'events' || event.event_type === metric,
    )
    const cohorts: CohortsBody['cohorts'] = []
    for (const day of this.windowDays(days)) {
      const members = contacts.filter((contact) => dayOf(ms(contact.created_at)) === day)
      if (members.length === 0) continue
      const retention: Record<string, number> = {}
      let lastWeek = 0
      for (let week = 0; addDays(day, 7 * week) <= this.today; week++) {
        // Days [cohort + 7k, cohort + 7k + 6]; records after now are outside every window.
        const weekRange: Range = {
          from: startOfDay(addDays(day, 7 * week)),
          to: Math.min(startOfDay(addDays(day, 7 * week + 7)) - 1, this.now),
        }
        lastWeek = members.filter((member) =>
          activity.some(
            (event) => event.contact_id === member.id && inRange(ms(event.created_at), weekRange),
          ),
        ).length
        retention[`week_${week}`] = lastWeek
      }
      cohorts.push({
        cohort: day,
        size: members.length,
        activeContacts: lastWeek,
        retentionRate: ratio(lastWeek, members.length, 4),
        retention,
      })
    }
    return { period: `${days}d`, metric, cohorts }
  }

  // --- Section 3 ------------------------------------------------------------------------------

  callAnalytics(orgHandle: string, spaceToken?: string): CallAnalyticsBody {
    const organisation = this.data.organisations.find((org) => org.domain_handle === orgHandle)
    if (organisation === undefined) throw new Error(`no organisation ${orgHandle}`)
    const spaces = this.data.spaces.filter(
      (space) =>
        space.organisation_id === organisation.id &&
        space.content_type === 'contact' &&
        (spaceToken === undefined || space.token === spaceToken),
    )
    const inSpaces = (spaceId: string): boolean => spaces.some((space) => space.id === spaceId)
    const calls = this.data.calls.filter((call) => inSpaces(call.space_id))
    const tasks = this.data.tasks.filter((task) => inSpaces(task.space_id))
    const withOutcome = (outcome: string): number =>
      calls.filter((call) => call.outcome === outcome).length
    const tasksWith = (status: string): number =>
      tasks.filter((task) => task.status === status).length
    const scores = calls.flatMap((call) =>
      call.success_score === null ? [] : [call.success_score],
    )
    const durations = calls.flatMap((call) =>
      call.status === 'completed' && call.duration_seconds !== null ? [call.duration_seconds] : [],
    )
    const mean = (values: number[]): number =>
      values.length === 0 ? 0 : round(values.reduce((sum, v) => sum + v, 0) / values.length, 2)
    const completedTasks = tasksWith('completed')
    return {
      call_analytics: {
        total_calls: calls.length,
        interested: withOutcome('interested'),
        call_back: withOutcome('call_back'),
        send_details: withOutcome('send_details'),
        not_interested: withOutcome('not_interested'),
        not_connected: withOutcome('not_connected'),
        failed: withOutcome('failed'),
        avg_success_score: mean(scores),
      },
      call_status: {
        total_tasks: tasks.length,
        completed: completedTasks,
        failed: tasksWith('failed'),
        pending: tasksWith('pending'),
        in_progress: tasksWith('in_progress'),
        success_rate: tasks.length === 0 ? 0 : round((completedTasks / tasks.length) * 100, 2),
      },
      total_calls: calls.length,
      completed_calls: calls.filter((call) => call.status === 'completed').length,
      failed_calls: calls.filter((call) => call.status === 'failed').length,
      avg_duration_seconds: mean(durations),
      total_tasks: tasks.length,
      task_status_breakdown: {
        pending: tasksWith('pending'),
        running: tasksWith('in_progress'),
        completed: completedTasks,
        failed: tasksWith('failed'),
      },
    }
  }

  // --- Section 4 ------------------------------------------------------------------------------

  private bookingBody(booking: BookingRecord): BookingBody {
    return {
      id: booking.id,
      event_id: booking.event_id,
      host_id: booking.host_id,
      group_id: booking.group_id,
      status: booking.status,
      first_name: booking.first_name,
      last_name: booking.last_name,
      email: booking.email,
      event_type: booking.group_id === null ? 'single' : 'group',
      start_time: localDateTime(ms(booking.start_time)),
      end_time: localDateTime(ms(booking.end_time)),
      created_at: localDateTime(ms(booking.created_at)),
    }
  }

  /**
   * FluentBooking's ReportController (issue #13): with both times, the period [start, end]
   * against [start - length, start], both ends included (whereBetween); otherwise `number` is
   * all-time and `stat` compares [now - 30 days, now] with the 30 days before, sharing the
   * boundary. Guests in a range as PHP's unique (case kept, a missing email one value), all-time
   * as MySQL's distinct count (case folded, missing left out); 100 whenever the comparison is 0.
   */
  reports(startTime?: string, endTime?: string): ReportsBody {
    let numberRange: Range
    let statRange: Range
    let comparisonRange: Range
    if (startTime !== undefined && endTime !== undefined) {
      const start = parseLocalDateTime(startTime)
      const end = parseLocalDateTime(endTime)
      numberRange = { from: start, to: end }
      statRange = numberRange
      comparisonRange = { from: start - (end - start), to: start }
    } else {
      numberRange = { from: -Infinity, to: Infinity }
      statRange = { from: this.now - 30 * DAY_MS, to: this.now }
      comparisonRange = { from: this.now - 60 * DAY_MS, to: this.now - 30 * DAY_MS }
    }
    const bookings = this.data.bookings
    const total = (range: Range): BookingRecord[] =>
      bookings.filter((booking) => inRange(ms(booking.created_at), range))
    const byEnd =
      (status: string) =>
      (range: Range): BookingRecord[] =>
        bookings.filter(
          (booking) => booking.status === status && inRange(ms(booking.end_time), range),
        )
    const guests = (range: Range): string[] =>
      range.from === -Infinity
        ? [
            ...new Set(
              total(range).flatMap((booking) =>
                booking.email === null ? [] : [booking.email.toLowerCase()],
              ),
            ),
          ]
        : [...new Set(total(range).map((booking) => booking.email ?? ''))]
    const widget = (
      title: string,
      period: string | undefined,
      measure: (range: Range) => readonly unknown[],
    ): OverviewWidget => {
      const current = measure(statRange).length
      const previous = measure(comparisonRange).length
      const stat = previous === 0 ? 100 : round(((current - previous) / previous) * 100, 2)
      const content =
        stat > 0 ? 'More than last month' : stat < 0 ? 'Less than last month' : 'Same as last month'
      const result: OverviewWidget = { title, number: measure(numberRange).length, content, stat }
      if (period !== undefined) result.period = period
      return result
    }
    const overview = [
      widget('Total Bookings', 'all', total),
      widget('Completed Bookings', 'completed', byEnd('completed')),
      widget('Cancelled Bookings', 'cancelled', byEnd('cancelled')),
      widget('Total Guests', undefined, guests),
    ]

    const latestBooks = bookings
      .filter((booking) => ['pending', 'scheduled', 'completed'].includes(booking.status))
      .sort((a, b) => ms(b.created_at) - ms(a.created_at) || b.id - a.id)
      .slice(0, 5)
      .map((booking) => this.bookingBody(booking))

    const upcoming = bookings
      .filter((booking) => booking.status === 'scheduled' && ms(booking.end_time) >= this.now)
      .sort(
        (a, b) =>
          ms(a.start_time) - ms(b.start_time) || ms(b.created_at) - ms(a.created_at) || a.id - b.id,
      )
    const seenGroups = new Set<string>()
    const nextMeetings: NextMeetingBody[] = []
    for (const booking of upcoming) {
      if (booking.group_id !== null) {
        if (seenGroups.has(booking.group_id)) continue
        seenGroups.add(booking.group_id)
      }
      const event = this.data.calendar_events.find((candidate) => candidate.id === booking.event_id)
      const host =
        event === undefined ? undefined : this.data.hosts.find((h) => h.id === event.host_id)
      const meeting: NextMeetingBody = {
        ...this.bookingBody(booking),
        title: `${event?.title ?? 'Unknown event'} with ${booking.first_name} ${booking.last_name}`,
        author: { name: host?.name ?? 'unknown' },
        slot: event === undefined ? {} : { id: event.id, title: event.title },
      }
      if (booking.group_id !== null) {
        meeting.booked_count = bookings.filter(
          (guest) =>
            guest.group_id === booking.group_id &&
            (guest.status === 'scheduled' || guest.status === 'completed'),
        ).length
      }
      nextMeetings.push(meeting)
      if (nextMeetings.length === 5) break
    }
    return { overview, latest_books: latestBooks, next_meetings: nextMeetings }
  }

  /**
   * FluentBooking's getGraphReports (issue #13): the DatePeriod from `firstDay` to `endDay`,
   * the end day excluded (default: the 7 days to today); by the days between the ends, daily up
   * to 62, 7-day steps up to 92, else month steps as PHP adds one month (Jan 31 + 1 month =
   * Mar 3); each key counts the bookings from its point to the next. Booked = scheduled.
   */
  graphReports(firstDay?: string, endDay?: string): GraphReportsBody {
    const from = firstDay ?? addDays(this.today, -6)
    const end = endDay ?? addDays(this.today, 1)
    const numDays = daysBetween(from, end)
    const points: string[] = []
    const nextPoint = (day: string): string => {
      if (numDays <= 62) return addDays(day, 1)
      if (numDays <= 92) return addDays(day, 7)
      const next = new Date(startOfDay(day))
      next.setUTCMonth(next.getUTCMonth() + 1) // overflows as PHP does: Oct 31 -> Dec 1
      return dayOf(next.getTime())
    }
    for (let day = from; day < end; day = nextPoint(day)) points.push(day)
    const buckets = points.map((point, index) => ({
      key: numDays > 92 ? monthLabel(point) : point,
      range: {
        from: startOfDay(point),
        to: startOfDay(points[index + 1] ?? end),
        toExclusive: true,
      },
    }))
    const stats = (status: string): Record<string, number> => {
      const result: Record<string, number> = {}
      for (const bucket of buckets) {
        result[bucket.key] = this.data.bookings.filter(
          (booking) => booking.status === status && inRange(ms(booking.created_at), bucket.range),
        ).length
      }
      return result
    }
    return {
      booked_stats: stats('scheduled'),
      completed_stats: stats('completed'),
      cancelled_stats: stats('cancelled'),
    }
  }

  activities(): { activities: ActivityBody[] } {
    return {
      activities: [...this.data.booking_activities]
        .sort((a, b) => ms(b.created_at) - ms(a.created_at) || b.id - a.id)
        .slice(0, 100)
        .map((activity) => ({
          ...activity,
          created_at: isoWithOffset(ms(activity.created_at)),
          updated_at: isoWithOffset(ms(activity.updated_at)),
        })),
    }
  }
}
