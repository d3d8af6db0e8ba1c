/**
 * Contracts of the workspace family (API.md sections 1 and 2): the response shapes of the
 * original products' docs, as TypeBox schemas. The routes serialise with them, the OpenAPI
 * document is generated from them, and the UI's client takes its types from them.
 */
import { Type, type Static } from 'typebox'

const Count = Type.Integer({ minimum: 0 })
const Rate = Type.Number({ description: 'a ratio rounded to 4 decimals' })
const DateString = Type.String({ description: 'local date YYYY-MM-DD' })

export const WorkspaceAnalytics = Type.Object({
  period: Type.String({ description: 'the window of the windowed parts, <N>d (default 30d)' }),
  kpis: Type.Object({
    rooms: Count,
    recordings: Count,
    recordingDuration: Type.Integer({ description: 'seconds' }),
    contacts: Count,
    bookings: Count,
  }),
  activityTimeline: Type.Array(
    Type.Object({ date: DateString, bookings: Count, room_joins: Count }),
  ),
  eventTypeBreakdown: Type.Array(Type.Object({ type: Type.String(), count: Count })),
  topBookingPages: Type.Array(
    Type.Object({ id: Type.Integer(), title: Type.String(), slug: Type.String(), count: Count }),
  ),
  newContactsTimeline: Type.Array(Type.Object({ date: DateString, count: Count })),
  topRooms: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      display_name: Type.Union([Type.String(), Type.Null()]),
      count: Count,
    }),
  ),
  contacts: Type.Object({ total: Count, new: Count }),
  campaigns: Type.Object({ total: Count, active: Count }),
  messages: Type.Object({
    total: Count,
    sent: Count,
    opened: Count,
    clicked: Count,
    openRate: Rate,
    clickRate: Rate,
  }),
  events: Type.Object({ total: Count }),
})
export type WorkspaceAnalytics = Static<typeof WorkspaceAnalytics>

export const CampaignAnalytics = Type.Object({
  period: Type.String(),
  campaign: Type.Object({ id: Type.String(), name: Type.String(), status: Type.String() }),
  enrollments: Type.Object({ total: Count, active: Count, completed: Count }),
  messages: Type.Object({
    total: Count,
    sent: Count,
    delivered: Count,
    opened: Count,
    clicked: Count,
    bounced: Count,
    failed: Count,
    openRate: Rate,
    clickRate: Rate,
    bounceRate: Rate,
  }),
  statusBreakdown: Type.Array(Type.Object({ status: Type.String(), _count: Count })),
  channelBreakdown: Type.Array(Type.Object({ channel: Type.String(), _count: Count })),
  abTests: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      variants: Type.Array(Type.Object({ name: Type.String(), sent: Count, opened: Count })),
    }),
  ),
})
export type CampaignAnalytics = Static<typeof CampaignAnalytics>

export const Timeseries = Type.Object({
  period: Type.String(),
  series: Type.Array(
    Type.Object({
      date: DateString,
      events: Count,
      contacts: Count,
      messages: Count,
      opens: Count,
      clicks: Count,
    }),
  ),
})
export type Timeseries = Static<typeof Timeseries>

const Nullable = Type.Union([Type.String(), Type.Null()])

export const Attribution = Type.Object({
  period: Type.String(),
  sources: Type.Array(
    Type.Object({
      source: Type.String(),
      medium: Nullable,
      campaign: Nullable,
      uniqueVisitors: Count,
      totalEvents: Count,
      conversions: Count,
    }),
  ),
  totalAttributedEvents: Count,
  conversions: Count,
})
export type Attribution = Static<typeof Attribution>

export const Funnel = Type.Object({
  period: Type.String(),
  steps: Type.Array(
    Type.Object({
      step: Type.String(),
      count: Count,
      dropoff: Type.Integer(),
      conversionFromPrevious: Rate,
    }),
  ),
  overallConversion: Rate,
})
export type Funnel = Static<typeof Funnel>

export const Cohorts = Type.Object({
  period: Type.String(),
  metric: Type.String(),
  cohorts: Type.Array(
    Type.Object({
      cohort: DateString,
      size: Count,
      activeContacts: Count,
      retentionRate: Rate,
      retention: Type.Record(Type.String({ pattern: '^week_[0-9]+$' }), Count),
    }),
  ),
})
export type Cohorts = Static<typeof Cohorts>
