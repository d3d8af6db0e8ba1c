/**
 * Contracts of report snapshots (issue #7): a named, timestamped capture of a dashboard, its
 * parameters and the API responses behind it, kept in the database so it reopens as it was.
 */
import { Type, type Static } from 'typebox'
import { Change, FIGURE_KINDS, HttpStatus, Id, Iso, KindFrom } from './kinds'

export const REPORTS = ['overview', 'workspace', 'bookings', 'campaigns', 'calls'] as const
export type Report = (typeof REPORTS)[number]
export const ReportName = Type.Union([
  Type.Literal('overview'),
  Type.Literal('workspace'),
  Type.Literal('bookings'),
  Type.Literal('campaigns'),
  Type.Literal('calls'),
])

/** What a report shows: the dashboard's filters. */
export const ReportParams = Type.Object(
  {
    /** The last N days (overview, workspace, campaigns; bookings without from/to). */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    workspace: Type.Optional(Type.String({ minLength: 1 })),
    campaign: Type.Optional(Type.String({ minLength: 1 })),
    /** Attribution's conversion event type (default: booking when present). */
    conversion: Type.Optional(Type.String({ minLength: 1 })),
    /** Cohorts' metric (default: events). */
    metric: Type.Optional(Type.String({ minLength: 1 })),
    /** Funnel steps (at least two to fetch a funnel). */
    steps: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** calls: the organisation handle and an optional contact space token. */
    organisation: Type.Optional(Type.String({ minLength: 1 })),
    space: Type.Optional(Type.String({ minLength: 1 })),
    /** bookings: the date range (YYYY-MM-DD, console timezone). */
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
)
export type ReportParams = Static<typeof ReportParams>

/** One API response behind a report. */
export const CapturedResponse = Type.Object({
  /** A stable key of the request, e.g. `timeseries`. */
  key: Type.String(),
  title: Type.String(),
  /** The request as made: path and query. */
  request: Type.String(),
  status: HttpStatus,
  body: Type.Unknown(),
})
export type CapturedResponse = Static<typeof CapturedResponse>

export const SnapshotSummary = Type.Object({
  id: Id,
  name: Type.String(),
  report: ReportName,
  params: ReportParams,
  timezone: Type.String(),
  /** The console's now when it was captured. */
  capturedAt: Iso,
  /** manual | schedule | api | cli */
  trigger: Type.String(),
})
export type SnapshotSummary = Static<typeof SnapshotSummary>

export const Snapshot = Type.Intersect([
  SnapshotSummary,
  Type.Object({ responses: Type.Array(CapturedResponse) }),
])
export type Snapshot = Static<typeof Snapshot>

export const Snapshots = Type.Object({ snapshots: Type.Array(SnapshotSummary) })
export type Snapshots = Static<typeof Snapshots>

export const SnapshotInput = Type.Object(
  {
    report: ReportName,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    params: Type.Optional(ReportParams),
  },
  { additionalProperties: false },
)
export type SnapshotInput = Static<typeof SnapshotInput>

const FigureKindName = Type.Union([Type.Enum(FIGURE_KINDS), Type.Null()])
/** A compared figure's values are of the figure's `kind`. */
const FigureValue = KindFrom('kind')

/** Two snapshots of one report, figure by figure. */
export const SnapshotComparison = Type.Object({
  a: SnapshotSummary,
  b: SnapshotSummary,
  figures: Type.Array(
    Type.Object({
      /** The response's title and the figure's path in it. */
      section: Type.String(),
      figure: Type.String(),
      /** What the figure is, from its response's contract; null when that is not known. */
      kind: FigureKindName,
      a: Type.Union([FigureValue, Type.Null()]),
      b: Type.Union([FigureValue, Type.Null()]),
      /** b - a (null when either is missing). */
      delta: Type.Union([FigureValue, Type.Null()]),
      /** (b - a) / |a|, 4 decimals; null when a is 0 or missing. */
      change: Type.Union([Change, Type.Null()]),
    }),
  ),
})
export type SnapshotComparison = Static<typeof SnapshotComparison>

export const EXPORT_FORMATS = ['json', 'csv', 'html', 'pdf', 'png'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** A capture schedule: "every Monday 09:00, the Overview". */
export const SnapshotSchedule = Type.Object({
  id: Id,
  report: ReportName,
  params: ReportParams,
  /** `daily HH:MM`, `weekly <Mon..Sun> HH:MM`, `every <N>m`, `hourly` (console timezone). */
  schedule: Type.String(),
  /** The name each capture gets (the capture time is added). */
  name: Type.String(),
  nextRunAt: Type.Union([Iso, Type.Null()]),
  lastRunAt: Type.Union([Iso, Type.Null()]),
})
export type SnapshotSchedule = Static<typeof SnapshotSchedule>
