/**
 * The entities of DATA.md as data: one definition drives the importer's
 * validation, the demo generator and the UI's record counts, so a column is
 * declared in exactly one place (the SQL migrations mirror it, and a test
 * checks that they agree).
 */

/** The column types DATA.md names. */
export type ColumnType = 'text' | 'int' | 'real' | 'ts' | 'enum'

/** One column of an entity. */
export interface ColumnDef {
  /** Column name, as in files and in SQL. */
  readonly name: string
  /** Declared type; `ts` is stored as integer epoch milliseconds (UTC). */
  readonly type: ColumnType
  /** `?` in DATA.md: an empty CSV field or JSON null is accepted as NULL. */
  readonly nullable: boolean
  /** For `enum`: the stored spellings; input is matched case-insensitively. */
  readonly values?: readonly string[]
  /** Extra input spellings of an enum value (lower case key -> stored value). */
  readonly synonyms?: Readonly<Record<string, string>>
  /** The entity whose `id` this column points at (must exist after import). */
  readonly references?: EntityName
  /** True for the one reference DATA.md lets dangle (bookings.event_id). */
  readonly mayDangle?: boolean
  /** Values must be unique across the table (besides the id). */
  readonly unique?: boolean
  /** Smallest allowed number (for `int` / `real`). */
  readonly min?: number
  /** A free-text normaliser applied on input (calls.outcome). */
  readonly normalize?: 'callOutcome'
}

/** One entity (table) of DATA.md. */
export interface EntityDef {
  readonly name: EntityName
  /** Type of the `id` primary key. */
  readonly idType: 'text' | 'int'
  /** Every column, `id` first, in the order of DATA.md. */
  readonly columns: readonly ColumnDef[]
}

export const ENTITY_NAMES = [
  'workspaces',
  'contacts',
  'rooms',
  'recordings',
  'booking_pages',
  'contact_events',
  'campaigns',
  'enrollments',
  'ab_tests',
  'ab_variants',
  'messages',
  'organisations',
  'spaces',
  'tasks',
  'calls',
  'hosts',
  'calendar_events',
  'bookings',
  'booking_activities',
] as const

export type EntityName = (typeof ENTITY_NAMES)[number]

const text = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: 'text',
  nullable: false,
  ...extra,
})
const textNull = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef =>
  text(name, { nullable: true, ...extra })
const int = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: 'int',
  nullable: false,
  ...extra,
})
const intNull = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef =>
  int(name, { nullable: true, ...extra })
const realNull = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: 'real',
  nullable: true,
  ...extra,
})
const ts = (name: string): ColumnDef => ({ name, type: 'ts', nullable: false })
const tsNull = (name: string): ColumnDef => ({ name, type: 'ts', nullable: true })
const enumOf = (
  name: string,
  values: readonly string[],
  synonyms?: Record<string, string>,
): ColumnDef => ({ name, type: 'enum', nullable: false, values, synonyms })
const ref = (entity: EntityName) => ({ references: entity })

export const CAMPAIGN_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED'] as const
export const ENROLLMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'EXITED'] as const
export const MESSAGE_CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'IN_APP', 'WEBHOOK'] as const
export const MESSAGE_STATUSES = [
  'QUEUED',
  'SENT',
  'DELIVERED',
  'OPENED',
  'CLICKED',
  'BOUNCED',
  'FAILED',
] as const
export const TASK_STATUSES = ['pending', 'in_progress', 'completed', 'failed'] as const
export const CALL_STATUSES = ['completed', 'failed', 'not_connected', 'in_progress'] as const
/** Outcomes the call analytics count by name; others count only in totals. */
export const CALL_OUTCOMES = [
  'interested',
  'call_back',
  'send_details',
  'not_interested',
  'not_connected',
  'failed',
] as const
export const BOOKING_STATUSES = [
  'scheduled',
  'completed',
  'cancelled',
  'pending',
  'rejected',
  'no_show',
] as const

const DEFS: readonly EntityDef[] = [
  { name: 'workspaces', idType: 'text', columns: [text('id'), text('name'), ts('created_at')] },
  {
    name: 'contacts',
    idType: 'text',
    columns: [
      text('id'),
      text('workspace_id', ref('workspaces')),
      textNull('email'),
      textNull('first_name'),
      textNull('last_name'),
      ts('created_at'),
    ],
  },
  {
    name: 'rooms',
    idType: 'int',
    columns: [
      int('id'),
      text('workspace_id', ref('workspaces')),
      text('name'),
      textNull('display_name'),
      ts('created_at'),
    ],
  },
  {
    name: 'recordings',
    idType: 'int',
    columns: [
      int('id'),
      int('room_id', ref('rooms')),
      int('duration', { min: 0 }),
      ts('created_at'),
    ],
  },
  {
    name: 'booking_pages',
    idType: 'int',
    columns: [
      int('id'),
      text('workspace_id', ref('workspaces')),
      text('title'),
      text('slug'),
      ts('created_at'),
    ],
  },
  {
    name: 'contact_events',
    idType: 'text',
    columns: [
      text('id'),
      text('workspace_id', ref('workspaces')),
      textNull('contact_id', ref('contacts')),
      textNull('visitor_id'),
      text('event_type'),
      intNull('room_id', ref('rooms')),
      intNull('booking_page_id', ref('booking_pages')),
      textNull('utm_source'),
      textNull('utm_medium'),
      textNull('utm_campaign'),
      ts('created_at'),
    ],
  },
  {
    name: 'campaigns',
    idType: 'text',
    columns: [
      text('id'),
      text('workspace_id', ref('workspaces')),
      text('name'),
      enumOf('status', CAMPAIGN_STATUSES),
      ts('created_at'),
    ],
  },
  {
    name: 'enrollments',
    idType: 'text',
    columns: [
      text('id'),
      text('campaign_id', ref('campaigns')),
      text('contact_id', ref('contacts')),
      enumOf('status', ENROLLMENT_STATUSES),
      ts('enrolled_at'),
      tsNull('completed_at'),
    ],
  },
  {
    name: 'ab_tests',
    idType: 'text',
    columns: [text('id'), text('campaign_id', ref('campaigns')), text('name')],
  },
  {
    name: 'ab_variants',
    idType: 'text',
    columns: [text('id'), text('ab_test_id', ref('ab_tests')), text('name')],
  },
  {
    name: 'messages',
    idType: 'text',
    columns: [
      text('id'),
      text('workspace_id', ref('workspaces')),
      textNull('campaign_id', ref('campaigns')),
      textNull('contact_id', ref('contacts')),
      textNull('variant_id', ref('ab_variants')),
      enumOf('channel', MESSAGE_CHANNELS),
      enumOf('status', MESSAGE_STATUSES),
      ts('created_at'),
      tsNull('sent_at'),
      tsNull('delivered_at'),
      tsNull('opened_at'),
      tsNull('clicked_at'),
    ],
  },
  {
    name: 'organisations',
    idType: 'text',
    columns: [text('id'), text('name'), text('domain_handle', { unique: true }), ts('created_at')],
  },
  {
    name: 'spaces',
    idType: 'text',
    columns: [
      text('id'),
      text('organisation_id', ref('organisations')),
      text('token', { unique: true }),
      text('name'),
      text('content_type'),
      ts('created_at'),
    ],
  },
  {
    name: 'tasks',
    idType: 'text',
    columns: [
      text('id'),
      text('space_id', ref('spaces')),
      textNull('run_id'),
      enumOf('status', TASK_STATUSES, { running: 'in_progress' }),
      ts('created_at'),
    ],
  },
  {
    name: 'calls',
    idType: 'text',
    columns: [
      text('id'),
      text('space_id', ref('spaces')),
      textNull('task_id', ref('tasks')),
      enumOf('status', CALL_STATUSES),
      textNull('outcome', { normalize: 'callOutcome' }),
      realNull('duration_seconds', { min: 0 }),
      realNull('success_score'),
      ts('created_at'),
    ],
  },
  { name: 'hosts', idType: 'int', columns: [int('id'), text('name'), textNull('email')] },
  {
    name: 'calendar_events',
    idType: 'int',
    columns: [
      int('id'),
      int('host_id', ref('hosts')),
      text('title'),
      intNull('duration_minutes', { min: 0 }),
    ],
  },
  {
    name: 'bookings',
    idType: 'int',
    columns: [
      int('id'),
      intNull('event_id', { references: 'calendar_events', mayDangle: true }),
      intNull('host_id', ref('hosts')),
      textNull('group_id'),
      enumOf('status', BOOKING_STATUSES),
      textNull('first_name'),
      textNull('last_name'),
      textNull('email'),
      ts('start_time'),
      ts('end_time'),
      ts('created_at'),
    ],
  },
  {
    name: 'booking_activities',
    idType: 'int',
    columns: [
      int('id'),
      intNull('booking_id', ref('bookings')),
      intNull('parent_id', ref('booking_activities')),
      intNull('created_by'),
      text('status'),
      text('type'),
      text('title'),
      textNull('description'),
      ts('created_at'),
      ts('updated_at'),
    ],
  },
]

/** Every entity, in an order where a referenced entity precedes its referrers. */
export const ENTITIES: readonly EntityDef[] = DEFS

const BY_NAME = new Map<string, EntityDef>(DEFS.map((entity) => [entity.name, entity]))

/** The entity of that name, or undefined. */
export function findEntity(name: string): EntityDef | undefined {
  return BY_NAME.get(name)
}

/** The import order of an entity (referenced entities come first). */
export function entityOrder(name: EntityName): number {
  return ENTITY_NAMES.indexOf(name)
}

/**
 * The calling platform's outcome labels as DATA.md normalises them:
 * lower case, spaces and hyphens to `_`; `InterestedIn` means `interested`.
 */
export function normalizeCallOutcome(raw: string): string {
  const label = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  return label === 'interestedin' ? 'interested' : label
}
