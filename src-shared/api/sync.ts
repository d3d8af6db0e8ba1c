/**
 * Contracts of remote sync (issue #6): the record feed one console serves another
 * (`GET /api/v1/records/:entity`), sync sources, their runs and the product API snapshots.
 * Secrets travel only inward: a source's answer names which secrets are set, never their values.
 */
import { Type, type Static } from 'typebox'
import { Count, HttpStatus, Id, Iso } from './kinds'

/** `GET /api/v1/records/:entity`: one page of the records written after a cursor, in change order. */
export const RecordsPage = Type.Object({
  entity: Type.String(),
  /** The records, in the canonical import format (timestamps ISO 8601 UTC). */
  data: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  /** Where the next page starts; null when this page reached the end. */
  next: Type.Union([Type.String(), Type.Null()]),
  /** The position after this page's last record (the `after` given when the page is empty). */
  cursor: Type.String(),
})
export type RecordsPage = Static<typeof RecordsPage>

export const SOURCE_KINDS = ['http', 'sextant', 'snapshot'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
const Kind = Type.Union([Type.Literal('http'), Type.Literal('sextant'), Type.Literal('snapshot')])

export const PRODUCTS = ['workspaces', 'campaigns', 'calls', 'bookings'] as const
export type Product = (typeof PRODUCTS)[number]

/** Where a value comes from in a remote record: a dot path, a constant, or a path transformed. */
export const FieldMapping = Type.Union([
  Type.String({ description: 'dot path into the remote record, e.g. attributes.email' }),
  Type.Object(
    {
      path: Type.Optional(Type.String()),
      const: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
      /** Remote value -> canonical value (enums); values not listed pass through. */
      map: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]))),
      /** How a timestamp is written remotely. */
      timestamp: Type.Optional(
        Type.Union([
          Type.Literal('iso'),
          Type.Literal('epoch-s'),
          Type.Literal('epoch-ms'),
          Type.Literal('date-dmy'),
          Type.Literal('date-mdy'),
        ]),
      ),
    },
    { additionalProperties: false },
  ),
])
export type FieldMapping = Static<typeof FieldMapping>

export const Pagination = Type.Union([
  Type.Object({ type: Type.Literal('none') }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('page'),
      param: Type.Optional(Type.String({ default: 'page' })),
      sizeParam: Type.Optional(Type.String({ default: 'per_page' })),
      size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 100 })),
      first: Type.Optional(Type.Integer({ minimum: 0, default: 1 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('offset'),
      param: Type.Optional(Type.String({ default: 'offset' })),
      sizeParam: Type.Optional(Type.String({ default: 'limit' })),
      size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 100 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('cursor'),
      /** Dot path of the next cursor in the body (absent, null or "" = last page). */
      cursorPath: Type.String(),
      param: Type.Optional(Type.String({ default: 'cursor' })),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('link') }, { additionalProperties: false }),
])
export type Pagination = Static<typeof Pagination>

/** An HTTP records source: one remote endpoint, one entity of DATA.md. */
export const HttpConfig = Type.Object(
  {
    url: Type.String({ description: 'http(s) URL of the first page' }),
    entity: Type.String({ description: 'the DATA.md entity the records are' }),
    format: Type.Optional(
      Type.Union([
        Type.Literal('auto'),
        Type.Literal('json'),
        Type.Literal('ndjson'),
        Type.Literal('csv'),
      ]),
    ),
    /** Dot path of the record array in a JSON body (default: the body, or its `data`). */
    recordsPath: Type.Optional(Type.String()),
    /** Canonical column -> where it comes from; absent columns map from the same name. */
    mapping: Type.Optional(Type.Record(Type.String(), FieldMapping)),
    pagination: Type.Optional(Pagination),
    incremental: Type.Optional(
      Type.Object(
        {
          /** Query parameter sent with the checkpoint, e.g. updated_since (inclusive on the remote). */
          param: Type.String(),
          /** Dot path of the change time in a remote record, e.g. updated_at. */
          field: Type.String(),
          /** The remote answers in ascending `field` order: the checkpoint then advances every page. */
          sorted: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
    /** Headers sent as they are (not secret). */
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
)
export type HttpConfig = Static<typeof HttpConfig>

/** Another Sextant console: every entity, pulled incrementally. */
export const SextantConfig = Type.Object(
  {
    url: Type.String({ description: 'base URL of the other console, e.g. http://127.0.0.1:4478' }),
    /** Entities to pull (default: all). */
    entities: Type.Optional(Type.Array(Type.String())),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
)
export type SextantConfig = Static<typeof SextantConfig>

/** Product API snapshots: the documented analytics endpoints of one product. */
export const SnapshotConfig = Type.Object(
  {
    product: Type.Union([
      Type.Literal('workspaces'),
      Type.Literal('campaigns'),
      Type.Literal('calls'),
      Type.Literal('bookings'),
    ]),
    url: Type.String({ description: 'base URL of the product API (or of a Sextant console)' }),
    /** workspaces, campaigns: the workspace ids to fetch. */
    workspaces: Type.Optional(Type.Array(Type.String())),
    /** campaigns: campaign ids as `<workspaceId>/<campaignId>`. */
    campaigns: Type.Optional(Type.Array(Type.String())),
    /** calls: the organisation handle sent as `Org-Handle`. */
    orgHandle: Type.Optional(Type.String()),
    /** calls: contact space tokens (one request each besides the whole organisation). */
    spaces: Type.Optional(Type.Array(Type.String())),
    /** bookings: a WordPress user for Basic auth (the application password is the secret). */
    username: Type.Optional(Type.String()),
    /** The window asked for (`period=<N>d`), default 30. */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
)
export type SnapshotConfig = Static<typeof SnapshotConfig>

/** A schedule: `manual`, `every <N>m`, `hourly` or `daily [HH:MM]` (console timezone). */
export const Schedule = Type.String({
  pattern: '^(manual|hourly|daily( ([01][0-9]|2[0-3]):[0-5][0-9])?|every [1-9][0-9]*m)$',
  description: 'manual | every <N>m | hourly | daily [HH:MM]',
})

/** Secret values by name: `token` (sextant, snapshot) or header names (http). */
export const Secrets = Type.Record(Type.String(), Type.String())

export const RunState = Type.Union([
  Type.Literal('running'),
  Type.Literal('ok'),
  Type.Literal('failed'),
  Type.Literal('offline'),
  Type.Literal('interrupted'),
])
export type RunState = Static<typeof RunState>

export const SyncRun = Type.Object({
  id: Id,
  sourceId: Id,
  trigger: Type.String({ description: 'manual | schedule | cli' }),
  state: RunState,
  startedAt: Iso,
  endedAt: Type.Union([Iso, Type.Null()]),
  pages: Count,
  added: Count,
  updated: Count,
  snapshots: Count,
  error: Type.Union([Type.String(), Type.Null()]),
  /** While running: what it is doing now. */
  progress: Type.Optional(Type.String()),
})
export type SyncRun = Static<typeof SyncRun>

export const Source = Type.Object({
  id: Id,
  name: Type.String(),
  kind: Kind,
  config: Type.Record(Type.String(), Type.Unknown()),
  /** The names of the secrets that are set (never their values). */
  secrets: Type.Array(Type.String()),
  schedule: Type.String(),
  /** When the schedule next runs it (null: manual). */
  nextRunAt: Type.Union([Iso, Type.Null()]),
  createdAt: Iso,
  updatedAt: Iso,
  lastRun: Type.Union([SyncRun, Type.Null()]),
})
export type Source = Static<typeof Source>

export const Sources = Type.Object({ sources: Type.Array(Source) })
export type Sources = Static<typeof Sources>

export const SourceInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' }),
    kind: Kind,
    config: Type.Record(Type.String(), Type.Unknown()),
    /** New secret values; "" removes one; absent names keep their stored value. */
    secrets: Type.Optional(Secrets),
    schedule: Type.Optional(Schedule),
  },
  { additionalProperties: false },
)
export type SourceInput = Static<typeof SourceInput>

export const SourcePatch = Type.Partial(SourceInput)
export type SourcePatch = Static<typeof SourcePatch>

export const SyncRuns = Type.Object({ runs: Type.Array(SyncRun) })
export type SyncRuns = Static<typeof SyncRuns>

export const ConnectionTest = Type.Object({
  ok: Type.Boolean(),
  /** What was tried and what came back, e.g. `HTTP 200, 100 records on the first page`. */
  message: Type.String(),
  state: Type.Union([Type.Literal('ok'), Type.Literal('offline'), Type.Literal('failed')]),
})
export type ConnectionTest = Static<typeof ConnectionTest>

/** Product snapshots of one source: each endpoint's numeric figures over its fetch times. */
export const RemoteFigures = Type.Object({
  sourceId: Id,
  product: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      endpoint: Type.String(),
      snapshots: Type.Array(
        Type.Object({
          fetchedAt: Iso,
          status: HttpStatus,
          /** Numeric leaves of the response by dot path (arrays by index). */
          figures: Type.Record(Type.String(), Type.Number()),
        }),
      ),
      /** The latest response as fetched. */
      latest: Type.Unknown(),
    }),
  ),
})
export type RemoteFigures = Static<typeof RemoteFigures>
