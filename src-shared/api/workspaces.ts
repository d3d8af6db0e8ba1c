/**
 * Contracts of the workspace family (API.md sections 1 and 2): the response shapes of the
 * original products' docs, as TypeBox schemas. The routes serialise with them, the OpenAPI
 * document is generated from them, and the UI's client takes its types from them. Each
 * CampaignOS and workspace body has exactly its seed doc's keys (`additionalProperties: false`,
 * issue #13 item 8); the console's own combined body is `WorkspaceAnalytics`.
 */
import { Type, type Static, type TSchema } from 'typebox'
import { Count, DateString, Difference, Id, KIND_KEYWORD, Rate, WholeSeconds } from './kinds'

/** Exactly these keys, and no more: the serialiser cannot add one (issue #13 item 8). */
const exact = { additionalProperties: false } as const

/** The six keys of workspace-analytics.txt (the video-room product). */
const ROOMS_PROPERTIES = {
  kpis: Type.Object(
    {
      rooms: Count,
      recordings: Count,
      recordingDuration: WholeSeconds,
      contacts: Count,
      bookings: Count,
    },
    exact,
  ),
  activityTimeline: Type.Array(
    Type.Object({ date: DateString, bookings: Count, room_joins: Count }, exact),
  ),
  eventTypeBreakdown: Type.Array(Type.Object({ type: Type.String(), count: Count }, exact)),
  topBookingPages: Type.Array(
    Type.Object({ id: Id, title: Type.String(), slug: Type.String(), count: Count }, exact),
  ),
  newContactsTimeline: Type.Array(Type.Object({ date: DateString, count: Count }, exact)),
  topRooms: Type.Array(
    Type.Object(
      {
        id: Id,
        name: Type.String(),
        display_name: Type.Union([Type.String(), Type.Null()]),
        count: Count,
      },
      exact,
    ),
  ),
}

/** The four keys of CampaignOS's overview (campaign-analytics.txt, "Overview Dashboard"). */
const OVERVIEW_PROPERTIES = {
  contacts: Type.Object({ total: Count, new: Count }, exact),
  campaigns: Type.Object({ total: Count, active: Count }, exact),
  messages: Type.Object(
    {
      total: Count,
      sent: Count,
      opened: Count,
      clicked: Count,
      openRate: Rate,
      clickRate: Rate,
    },
    exact,
  ),
  events: Type.Object({ total: Count }, exact),
}

/** `GET /api/workspaces/:id/analytics` without `key`: the video-room product's dashboard. */
export const WorkspaceRoomsAnalytics = Type.Object(ROOMS_PROPERTIES, exact)
export type WorkspaceRoomsAnalytics = Static<typeof WorkspaceRoomsAnalytics>

/** The same path with `?key=`, and `/campaignos/api/workspaces/:id/analytics`: CampaignOS's. */
export const CampaignOsOverview = Type.Object(OVERVIEW_PROPERTIES, exact)
export type CampaignOsOverview = Static<typeof CampaignOsOverview>

/** `GET /api/v1/workspaces/:id/analytics` (the console's own): both key sets and the window. */
export const WorkspaceAnalytics = Type.Object({
  period: Type.String({ description: 'the window of the windowed parts, <N>d (default 30d)' }),
  ...ROOMS_PROPERTIES,
  ...OVERVIEW_PROPERTIES,
})
export type WorkspaceAnalytics = Static<typeof WorkspaceAnalytics>

/** Campaign detail: exactly the seed's keys (no `period`; `campaign` is `{id, name}`). */
export const CampaignAnalytics = Type.Object(
  {
    campaign: Type.Object({ id: Type.String(), name: Type.String() }, exact),
    enrollments: Type.Object({ total: Count, active: Count, completed: Count }, exact),
    messages: Type.Object(
      {
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
      },
      exact,
    ),
    statusBreakdown: Type.Array(Type.Object({ status: Type.String(), _count: Count }, exact)),
    channelBreakdown: Type.Array(Type.Object({ channel: Type.String(), _count: Count }, exact)),
    abTests: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          name: Type.String(),
          variants: Type.Array(
            Type.Object({ name: Type.String(), sent: Count, opened: Count }, exact),
          ),
        },
        exact,
      ),
    ),
  },
  exact,
)
export type CampaignAnalytics = Static<typeof CampaignAnalytics>

export const Timeseries = Type.Object(
  {
    period: Type.String(),
    series: Type.Array(
      Type.Object(
        {
          date: DateString,
          events: Count,
          contacts: Count,
          messages: Count,
          opens: Count,
          clicks: Count,
        },
        exact,
      ),
    ),
  },
  exact,
)
export type Timeseries = Static<typeof Timeseries>

const Nullable = Type.Union([Type.String(), Type.Null()])

/** Attribution; `perSource`: each source carries its `conversions` (not in the seed's rows). */
const attributionSchema = <Row extends TSchema>(conversions: Row) =>
  Type.Object(
    {
      period: Type.String(),
      sources: Type.Array(
        Type.Object(
          {
            source: Type.String(),
            medium: Nullable,
            campaign: Nullable,
            uniqueVisitors: Count,
            totalEvents: Count,
            conversions,
          },
          exact,
        ),
      ),
      totalAttributedEvents: Count,
      conversions: Count,
    },
    exact,
  )

const SourceConversions = Type.Integer({
  minimum: 0,
  [KIND_KEYWORD]: 'count',
  description:
    'conversions credited to this source; only when the request names `conversion` (a Sextant extension)',
})

/**
 * What the attribution route answers: the seed's keys, and each source's `conversions` only when
 * the request names `conversion` (issue #13 item 8).
 */
export const AttributionAnswer = attributionSchema(Type.Optional(SourceConversions))
export type AttributionAnswer = Static<typeof AttributionAnswer>

/** The answer to a request that names `conversion` (the console's Campaigns page always does). */
export const Attribution = attributionSchema(SourceConversions)
export type Attribution = Static<typeof Attribution>

export const Funnel = Type.Object(
  {
    period: Type.String(),
    steps: Type.Array(
      Type.Object(
        {
          step: Type.String(),
          count: Count,
          dropoff: Difference,
          conversionFromPrevious: Rate,
        },
        exact,
      ),
    ),
    overallConversion: Rate,
  },
  exact,
)
export type Funnel = Static<typeof Funnel>

export const Cohorts = Type.Object(
  {
    period: Type.String(),
    metric: Type.String(),
    cohorts: Type.Array(
      Type.Object(
        {
          cohort: DateString,
          size: Count,
          activeContacts: Count,
          retentionRate: Rate,
          retention: Type.Record(Type.String({ pattern: '^week_[0-9]+$' }), Count),
        },
        exact,
      ),
    ),
  },
  exact,
)
export type Cohorts = Static<typeof Cohorts>
