/**
 * The demo dataset: a pure, seeded generator of believable records for every
 * entity of DATA.md, so each dashboard has something to show before any real
 * data is imported (`sextant demo`). The output depends only on the size, the
 * seed and `now` (no clock, no Math.random, no I/O), so the same options always
 * give the same records. Records stream out through `emit`, entity by entity in
 * the order of `ENTITIES`, so a million contact events never sit in memory at
 * once: the events are generated day by day and handed over one at a time.
 */
import {
  ENROLLMENT_STATUSES,
  MESSAGE_STATUSES,
  TASK_STATUSES,
  type BOOKING_STATUSES,
  type EntityName,
} from '../../../src-shared/domain/entities'

/** How much demo data: a preset, or the exact number of contact events. */
export type DemoSize = 'small' | 'medium' | 'large' | number

/** What `generateDemo` generates. */
export interface DemoOptions {
  /** The preset or the number of contact events; the other entities scale with it. */
  size: DemoSize
  /** Seeds the generator: the same seed (with the same size and now) gives the same records. */
  seed: number
  /** Epoch milliseconds of "now": the data covers the ~180 days before it (bookings also the 30 after). */
  now: number
}

/**
 * A record in the canonical import form: timestamps as ISO 8601 strings ending
 * in Z, ints as numbers, nullable columns may be null or omitted.
 */
export type DemoRecord = Record<string, string | number | null>

/** Receives each generated record, in the order of `ENTITIES`. */
export type DemoEmit = (entity: EntityName, record: DemoRecord) => void

const SIZE_PRESETS: Readonly<Record<string, number>> = {
  small: 5_000,
  medium: 100_000,
  large: 1_000_000,
}
const MIN_EVENTS = 100
const MAX_EVENTS = 5_000_000

/**
 * The number of contact events a size asks for: small 5,000, medium 100,000,
 * large 1,000,000, or the number itself (an integer from 100 to 5,000,000).
 * Throws an Error naming the size when it is none of these.
 */
export function demoEventCount(size: DemoSize): number {
  if (typeof size === 'number') {
    if (!Number.isInteger(size) || size < MIN_EVENTS || size > MAX_EVENTS) {
      throw new Error(
        `Invalid demo size ${String(size)}: give small, medium, large or a whole number of events from ${MIN_EVENTS} to ${MAX_EVENTS}.`,
      )
    }
    return size
  }
  if (typeof size === 'string' && Object.hasOwn(SIZE_PRESETS, size)) return SIZE_PRESETS[size]!
  throw new Error(
    `Invalid demo size ${JSON.stringify(size)}: give small, medium, large or a whole number of events from ${MIN_EVENTS} to ${MAX_EVENTS}.`,
  )
}

// ---------------------------------------------------------------------------
// Time

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Days of history, today included. */
const WINDOW_DAYS = 180
/** Days after today that hold upcoming bookings. */
const FUTURE_DAYS = 30
/** `now` must be a date whose ISO form is plain `YYYY-MM-DD...` for every generated timestamp. */
const EARLIEST_NOW = Date.UTC(1972, 0, 1)
const LATEST_NOW = Date.UTC(9990, 0, 1)

/** Relative activity per UTC weekday, Sunday first: weekends run at about 40%. */
const WEEKDAY_FACTOR = [0.36, 1, 1.08, 1.06, 1.02, 0.92, 0.42]
/** Relative activity per UTC hour: quiet nights, busy office hours. */
const HOUR_WEIGHTS = [
  1, 0.7, 0.5, 0.4, 0.4, 0.6, 1.2, 2.5, 4.5, 6, 6.5, 6.5, 6, 6.2, 6.4, 6, 5.2, 4.2, 3.4, 2.8, 2.4,
  2, 1.6, 1.2,
]

function weekdayOf(epochMs: number): number {
  return (((Math.floor(epochMs / DAY) + 4) % 7) + 7) % 7
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'))

/**
 * A formatter of epoch milliseconds as `2026-03-25T10:00:00Z` (whole seconds,
 * rounded down). The date part is cached per day: formatting is the hot path
 * of a million events, and `toISOString` per record would dominate it.
 */
function createIsoFormatter(): (epochMs: number) => string {
  const prefixes = new Map<number, string>()
  return (epochMs) => {
    const day = Math.floor(epochMs / DAY)
    let prefix = prefixes.get(day)
    if (prefix === undefined) {
      prefix = new Date(day * DAY).toISOString().slice(0, 11)
      prefixes.set(day, prefix)
    }
    let seconds = Math.floor((epochMs - day * DAY) / SECOND)
    const hours = Math.floor(seconds / 3600)
    seconds -= hours * 3600
    const minutes = Math.floor(seconds / 60)
    seconds -= minutes * 60
    return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}Z`
  }
}

// ---------------------------------------------------------------------------
// Randomness

/** A seeded source of uniform numbers in [0, 1). */
type Random = () => number

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator), its 128-bit
 * state filled by splitmix32 from the seed: fast, well mixed, and the same
 * sequence on every platform.
 */
function createRandom(seed: number): Random {
  const whole = Math.trunc(seed)
  let state =
    (whole >>> 0) ^
    Math.imul(Math.floor(whole / 4294967296) >>> 0, 0x9e3779b1) ^
    (Math.floor((seed - whole) * 4294967296) >>> 0)
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) | 0
    let mixed = state
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b)
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35)
    return (mixed ^ (mixed >>> 16)) | 0
  }
  let a = splitmix()
  let b = splitmix()
  let c = splitmix()
  let d = splitmix()
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let warmUp = 0; warmUp < 15; warmUp++) next()
  return next
}

function randomInt(random: Random, count: number): number {
  return Math.floor(random() * count)
}

function randomBetween(random: Random, low: number, high: number): number {
  return low + random() * (high - low)
}

function pickOne<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** Picks index i with probability weights[i] / sum, through a normalised cumulative table. */
class WeightedChoice<T> {
  private readonly cumulative: Float64Array
  readonly items: readonly T[]

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map(([item]) => item)
    this.cumulative = cumulativeOf(entries.map(([, weight]) => weight))
  }

  pick(random: Random): T {
    return this.items[chooseIndex(random, this.cumulative)]!
  }
}

function cumulativeOf(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const cumulative = new Float64Array(weights.length)
  let running = 0
  weights.forEach((weight, index) => {
    running += weight
    cumulative[index] = running / total
  })
  return cumulative
}

function chooseIndex(random: Random, cumulative: Float64Array): number {
  const draw = random()
  const last = cumulative.length - 1
  let index = 0
  while (index < last && draw >= cumulative[index]!) index++
  return index
}

const HOUR_CUMULATIVE = cumulativeOf(HOUR_WEIGHTS)

/**
 * Splits `total` over slots in proportion to their weights, exactly: the
 * counts are differences of rounded cumulative shares, so they sum to `total`.
 */
function allocate(total: number, weights: Float64Array): Int32Array {
  let sum = 0
  for (const weight of weights) sum += weight
  const counts = new Int32Array(weights.length)
  let running = 0
  let assigned = 0
  for (let index = 0; index < weights.length; index++) {
    running += weights[index]!
    const upTo = index === weights.length - 1 ? total : Math.round((total * running) / sum)
    counts[index] = upTo - assigned
    assigned = upTo
  }
  return counts
}

/**
 * Makes every value of an enum appear at least once: once the records left
 * (this one included) are no more than the values not yet used, an unused
 * value replaces the drawn one. Streams run oldest first, so the forced values
 * land on the most recent records, where a queued message or a pending task
 * is most believable.
 */
class Coverage<T extends string> {
  private readonly missing: T[]

  constructor(values: readonly T[]) {
    this.missing = [...values]
  }

  take(drawn: T, remaining: number): T {
    if (this.missing.length === 0) return drawn
    let value = drawn
    if (this.missing.length >= remaining && !this.missing.includes(value)) value = this.missing[0]!
    const at = this.missing.indexOf(value)
    if (at >= 0) this.missing.splice(at, 1)
    return value
  }
}

// ---------------------------------------------------------------------------
// The fixed cast: workspaces, rooms, booking pages, campaigns, organisations, hosts

interface WorkspacePlan {
  readonly id: string
  readonly name: string
  /** Share of contacts, visitors and anonymous traffic. */
  readonly share: number
  readonly ageDays: number
  /** [slug, display name] */
  readonly rooms: readonly (readonly [string, string | null])[]
  /** [title, slug] */
  readonly bookingPages: readonly (readonly [string, string])[]
}

const WORKSPACES: readonly WorkspacePlan[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    share: 0.5,
    ageDays: 420,
    rooms: [
      ['daily-standup', 'Daily Standup'],
      ['sales-demo', 'Sales Demo'],
      ['all-hands', 'All Hands'],
      ['support-desk', 'Support Desk'],
      ['design-review', null],
      ['customer-onboarding', 'Customer Onboarding'],
      ['monthly-webinar', 'Monthly Webinar'],
      ['interviews', null],
    ],
    bookingPages: [
      ['Intro Call', 'intro-call'],
      ['Product Demo', 'product-demo'],
      ['Consultation', 'consultation'],
      ['Onboarding Session', 'onboarding'],
      ['Support Session', 'support'],
    ],
  },
  {
    id: 'globex',
    name: 'Globex Corporation',
    share: 0.3,
    ageDays: 380,
    rooms: [
      ['war-room', 'War Room'],
      ['product-demo', 'Product Demo'],
      ['partner-sync', null],
      ['training', 'Training Room'],
      ['board-room', 'Board Room'],
    ],
    bookingPages: [
      ['Discovery Call', 'discovery-call'],
      ['Enterprise Demo', 'enterprise-demo'],
      ['Partner Meeting', 'partner-meeting'],
      ['Office Hours', 'office-hours'],
    ],
  },
  {
    id: 'initech',
    name: 'Initech',
    share: 0.2,
    ageDays: 300,
    rooms: [
      ['tps-review', 'TPS Review'],
      ['help-desk', 'Help Desk'],
      ['team-sync', null],
      ['client-calls', 'Client Calls'],
    ],
    bookingPages: [
      ['Quick Chat', 'quick-chat'],
      ['Consulting Hour', 'consulting-hour'],
      ['Support Call', 'support-call'],
    ],
  },
]

type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ARCHIVED'

interface CampaignPlan {
  readonly workspace: number
  readonly name: string
  readonly status: CampaignStatus
  readonly abTest?: { readonly name: string; readonly variants: readonly string[] }
}

const CAMPAIGNS: readonly CampaignPlan[] = [
  {
    workspace: 0,
    name: 'Spring Sale',
    status: 'ACTIVE',
    abTest: { name: 'Subject line', variants: ['A', 'B'] },
  },
  {
    workspace: 0,
    name: 'Welcome Series',
    status: 'ACTIVE',
    abTest: { name: 'Send time', variants: ['Morning', 'Afternoon', 'Evening'] },
  },
  {
    workspace: 0,
    name: 'Winter Promo',
    status: 'COMPLETED',
    abTest: { name: 'Discount size', variants: ['10% off', '20% off'] },
  },
  { workspace: 0, name: 'Product Launch', status: 'PAUSED' },
  {
    workspace: 0,
    name: 'Re-engagement',
    status: 'DRAFT',
    abTest: { name: 'Subject line', variants: ['We miss you', 'Come back'] },
  },
  { workspace: 0, name: 'Legacy Newsletter', status: 'ARCHIVED' },
  {
    workspace: 1,
    name: 'Enterprise Nurture',
    status: 'ACTIVE',
    abTest: { name: 'Call to action', variants: ['Book a demo', 'Start a trial', 'Talk to sales'] },
  },
  {
    workspace: 1,
    name: 'Webinar Invites',
    status: 'COMPLETED',
    abTest: { name: 'Subject line', variants: ['A', 'B'] },
  },
  { workspace: 1, name: 'Q3 Upsell', status: 'DRAFT' },
  { workspace: 1, name: 'Partner Outreach', status: 'PAUSED' },
  { workspace: 1, name: 'Old Onboarding', status: 'ARCHIVED' },
  { workspace: 2, name: 'Customer Survey', status: 'ACTIVE' },
  {
    workspace: 2,
    name: 'TPS Reminders',
    status: 'COMPLETED',
    abTest: { name: 'Tone', variants: ['Friendly', 'Formal'] },
  },
  { workspace: 2, name: 'Holiday Greetings', status: 'ARCHIVED' },
  { workspace: 2, name: 'Beta Invite', status: 'DRAFT' },
]

/** Days before now a campaign of each status was created, and how long it sent (null = still). */
const CAMPAIGN_LIFETIME: Readonly<
  Record<
    CampaignStatus,
    {
      readonly ageDays: readonly [number, number]
      readonly runDays: readonly [number, number] | null
    }
  >
> = {
  DRAFT: { ageDays: [1, 12], runDays: [0, 0] },
  ACTIVE: { ageDays: [30, 120], runDays: null },
  PAUSED: { ageDays: [60, 140], runDays: [30, 50] },
  COMPLETED: { ageDays: [100, 170], runDays: [45, 70] },
  ARCHIVED: { ageDays: [160, 178], runDays: [20, 40] },
}

interface OrganisationPlan {
  readonly id: string
  readonly name: string
  readonly handle: string
  /** [name, content_type] */
  readonly spaces: readonly (readonly [string, string])[]
}

const ORGANISATIONS: readonly OrganisationPlan[] = [
  {
    id: 'org_northwind',
    name: 'Northwind Health',
    handle: 'northwind-health',
    spaces: [
      ['Inbound leads', 'contact'],
      ['Appointment reminders', 'contact'],
      ['Win-back', 'contact'],
      ['Clinic FAQ', 'knowledge'],
    ],
  },
  {
    id: 'org_bluebird',
    name: 'Bluebird Realty',
    handle: 'bluebird-realty',
    spaces: [
      ['Open house follow-up', 'contact'],
      ['Seller outreach', 'contact'],
      ['Listings knowledge base', 'knowledge'],
    ],
  },
]

const HOSTS: readonly (readonly [number, string, string | null])[] = [
  [1, 'Maya Patel', 'maya.patel@acme.example'],
  [2, 'Jonas Weber', 'jonas.weber@acme.example'],
  [3, 'Sofia Rossi', 'sofia.rossi@globex.example'],
  [4, 'Liam Chen', 'liam.chen@globex.example'],
  [5, 'Aisha Bello', null],
  [6, 'Noah Kim', 'noah.kim@initech.example'],
]

interface CalendarEventPlan {
  readonly id: number
  readonly hostId: number
  readonly title: string
  readonly durationMinutes: number | null
  /** How popular it is among bookings. */
  readonly weight: number
}

const CALENDAR_EVENTS: readonly CalendarEventPlan[] = [
  { id: 1, hostId: 1, title: 'Intro Call', durationMinutes: 15, weight: 8 },
  { id: 2, hostId: 1, title: 'Product Demo', durationMinutes: 45, weight: 6 },
  { id: 3, hostId: 2, title: 'Consultation', durationMinutes: 60, weight: 4 },
  { id: 4, hostId: 2, title: 'Onboarding Session', durationMinutes: 30, weight: 5 },
  { id: 5, hostId: 3, title: 'Discovery Call', durationMinutes: 30, weight: 6 },
  { id: 6, hostId: 3, title: 'Team Workshop', durationMinutes: 90, weight: 2 },
  { id: 8, hostId: 4, title: 'Support Call', durationMinutes: 30, weight: 5 },
  { id: 9, hostId: 5, title: 'Office Hours', durationMinutes: null, weight: 3 },
  { id: 10, hostId: 5, title: 'Webinar Q&A', durationMinutes: 60, weight: 2 },
  { id: 11, hostId: 6, title: 'Quick Chat', durationMinutes: 15, weight: 6 },
  { id: 12, hostId: 6, title: 'Portfolio Review', durationMinutes: 45, weight: 3 },
  { id: 13, hostId: 2, title: 'Group Onboarding', durationMinutes: 60, weight: 2 },
]
/** A calendar event that was deleted: a few bookings still point at it (DATA.md lets it dangle). */
const DELETED_CALENDAR_EVENT = { id: 7, hostId: 4 }

/** Words of a multi-line list, split on any white space. */
function words(text: string): string[] {
  return text.trim().split(/\s+/)
}

const FIRST_NAMES = words(`
  Olivia Liam Emma Noah Ava Elijah Sophia Lucas Mia Mateo Amelia Leo Harper Ethan
  Aria James Chloe Daniel Zoe Omar Priya Kenji Fatima Diego Ingrid Tomasz Nadia
  Kwame Hannah Ravi Elena Samuel Yuki Lena Marco Grace Ahmed Julia Felix Sara
`)
const LAST_NAMES = words(`
  Smith Johnson Garcia Martinez Brown Nguyen Kim Muller Rossi Silva Kowalski
  Okafor Haddad Tanaka Andersen Dubois Novak Costa Schmidt Patel Lopez Wilson
  Moreau Ivanova Jensen Fischer Romero Sato Murphy Cohen Park Mensah Berg Santos
  Walker Ali Bianchi Kaur Lindqvist Reyes
`)
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example']

/** [utm_source, utm_medium, utm_campaign] with how often each drives a visit. */
const UTM_SOURCES = new WeightedChoice<readonly [string, string | null, string | null]>([
  [['google', 'cpc', 'brand_search'], 18],
  [['google', 'cpc', 'spring_sale'], 12],
  [['newsletter', 'email', 'weekly_digest'], 14],
  [['newsletter', 'email', 'product_launch'], 8],
  [['twitter', 'social', 'product_launch'], 8],
  [['twitter', 'social', null], 4],
  [['linkedin', 'social', 'webinar_series'], 12],
  [['linkedin', 'social', null], 4],
  [['partner', null, 'referral_program'], 5],
  [['bing', 'cpc', null], 3],
])
/** Share of each event type that arrives with UTM parameters. */
const UTM_SHARE: Readonly<Record<string, number>> = {
  page_view: 0.3,
  booking: 0.15,
  form_submit: 0.2,
}

const CONTACT_EVENT_TYPES = new WeightedChoice([
  ['page_view', 44],
  ['email_open', 14],
  ['email_click', 5],
  ['room_join', 12],
  ['booking', 7],
  ['purchase', 7],
  ['form_submit', 5],
  ['file_download', 6],
] as const)
const VISITOR_EVENT_TYPES = new WeightedChoice([
  ['page_view', 68],
  ['room_join', 10],
  ['booking', 5],
  ['form_submit', 5],
  ['file_download', 6],
  ['video_play', 6],
] as const)
const ANONYMOUS_EVENT_TYPES = new WeightedChoice([
  ['page_view', 82],
  ['room_join', 8],
  ['file_download', 10],
] as const)

type Channel = 'EMAIL' | 'SMS' | 'PUSH' | 'IN_APP' | 'WEBHOOK'
type MessageStatus = (typeof MESSAGE_STATUSES)[number]

const CHANNELS = new WeightedChoice<Channel>([
  ['EMAIL', 55],
  ['SMS', 15],
  ['PUSH', 12],
  ['IN_APP', 12],
  ['WEBHOOK', 6],
])
/** Message outcomes per channel: texts and webhooks are never opened or clicked, only emails and texts bounce. */
const STATUSES_BY_CHANNEL: Readonly<Record<Channel, WeightedChoice<MessageStatus>>> = {
  EMAIL: new WeightedChoice<MessageStatus>([
    ['QUEUED', 2],
    ['SENT', 5],
    ['DELIVERED', 38],
    ['OPENED', 28],
    ['CLICKED', 14],
    ['BOUNCED', 8],
    ['FAILED', 5],
  ]),
  SMS: new WeightedChoice<MessageStatus>([
    ['QUEUED', 2],
    ['SENT', 10],
    ['DELIVERED', 78],
    ['BOUNCED', 5],
    ['FAILED', 5],
  ]),
  PUSH: new WeightedChoice<MessageStatus>([
    ['QUEUED', 2],
    ['SENT', 8],
    ['DELIVERED', 50],
    ['OPENED', 28],
    ['CLICKED', 8],
    ['FAILED', 4],
  ]),
  IN_APP: new WeightedChoice<MessageStatus>([
    ['QUEUED', 2],
    ['SENT', 4],
    ['DELIVERED', 44],
    ['OPENED', 34],
    ['CLICKED', 14],
    ['FAILED', 2],
  ]),
  WEBHOOK: new WeightedChoice<MessageStatus>([
    ['QUEUED', 3],
    ['SENT', 5],
    ['DELIVERED', 85],
    ['FAILED', 7],
  ]),
}

// ---------------------------------------------------------------------------
// Generation

/** What every part of the generation shares. */
interface Context {
  readonly random: Random
  readonly iso: (epochMs: number) => string
  readonly emit: DemoEmit
  readonly now: number
  /** Contact events asked for. */
  readonly events: number
  /** Start of the first day of the window (UTC midnight). */
  readonly firstDay: number
  /** Start of the day holding now. */
  readonly todayStart: number
  /** Relative activity of each window day: weekday seasonality, growth, noise; today scaled by how much of it has passed. */
  readonly dayWeights: Float64Array
}

/**
 * Generates the demo dataset for `options` and hands every record to `emit`:
 * all records of one entity before the next, in the order of `ENTITIES`, so a
 * reference always points at a record already emitted (except the few
 * bookings whose calendar event was deleted). Pure and deterministic.
 */
export function generateDemo(options: DemoOptions, emit: DemoEmit): void {
  const events = demoEventCount(options.size)
  const { seed, now } = options
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new Error(`Invalid demo seed ${String(seed)}: give a finite number.`)
  }
  if (typeof now !== 'number' || !Number.isFinite(now) || now < EARLIEST_NOW || now > LATEST_NOW) {
    throw new Error(
      `Invalid demo time ${String(now)}: give epoch milliseconds between 1972 and 9990.`,
    )
  }
  const random = createRandom(seed)
  const todayStart = Math.floor(now / DAY) * DAY
  const firstDay = todayStart - (WINDOW_DAYS - 1) * DAY
  const context: Context = {
    random,
    iso: createIsoFormatter(),
    emit,
    now,
    events,
    firstDay,
    todayStart,
    dayWeights: windowDayWeights(random, firstDay, now),
  }

  emitWorkspaces(context)
  const contacts = emitContacts(context)
  const rooms = emitRooms(context)
  emitRecordings(context, rooms)
  const bookingPages = emitBookingPages(context)
  emitContactEvents(context, contacts, rooms, bookingPages)
  const campaigns = emitCampaigns(context)
  emitEnrollments(context, contacts, campaigns)
  emitAbTests(context, campaigns)
  emitMessages(context, contacts, campaigns)
  const spaces = emitOrganisationsAndSpaces(context)
  emitTasksAndCalls(context, spaces)
  emitHostsAndCalendarEvents(context)
  emitBookingsAndActivities(context)
}

function windowDayWeights(random: Random, firstDay: number, now: number): Float64Array {
  const weights = new Float64Array(WINDOW_DAYS)
  for (let day = 0; day < WINDOW_DAYS; day++) {
    const start = firstDay + day * DAY
    const growth = 0.75 + (0.5 * day) / (WINDOW_DAYS - 1)
    const noise = 0.88 + 0.24 * random()
    weights[day] = WEEKDAY_FACTOR[weekdayOf(start)]! * growth * noise
  }
  const today = WINDOW_DAYS - 1
  weights[today] = weights[today]! * ((now - (firstDay + today * DAY)) / DAY)
  return weights
}

/** A moment on window day `day` at a typical hour, never after now. */
function momentOn(context: Context, day: number): number {
  const { random } = context
  const start = context.firstDay + day * DAY
  const limit = Math.min(DAY, context.now - start)
  let offset = chooseIndex(random, HOUR_CUMULATIVE) * HOUR + randomInt(random, 3600) * SECOND
  if (offset >= limit) offset = randomInt(random, Math.floor(limit / SECOND)) * SECOND
  return start + offset
}

function clampToNow(context: Context, epochMs: number): number {
  return epochMs > context.now ? context.now : epochMs
}

function daysAgo(context: Context, low: number, high: number): number {
  return context.now - Math.floor(randomBetween(context.random, low, high) * DAY)
}

function pickWorkspace(random: Random): number {
  const draw = random()
  let running = 0
  for (let index = 0; index < WORKSPACES.length - 1; index++) {
    running += WORKSPACES[index]!.share
    if (draw < running) return index
  }
  return WORKSPACES.length - 1
}

/** An index below `count`, leaning towards the high (recent) end. */
function pickRecentLeaning(random: Random, count: number): number {
  if (random() < 0.5) return randomInt(random, count)
  const draw = random()
  return count - 1 - Math.floor(draw * draw * draw * count)
}

/** An index below `count`, leaning towards the first items (the popular ones). */
function pickPopular(random: Random, count: number): number {
  const draw = random()
  return Math.floor(draw * draw * count)
}

function padId(prefix: string, number: number, width: number): string {
  return prefix + String(number).padStart(width, '0')
}

function emitWorkspaces(context: Context): void {
  for (const workspace of WORKSPACES) {
    context.emit('workspaces', {
      id: workspace.id,
      name: workspace.name,
      created_at: context.iso(daysAgo(context, workspace.ageDays, workspace.ageDays + 1)),
    })
  }
}

/** The contacts, kept as columns so the event and message streams can pick among them cheaply. */
interface Contacts {
  readonly count: number
  readonly ids: readonly string[]
  readonly createdAt: Float64Array
  readonly workspace: Uint8Array
  /** 1 when the contact's signup (and the page view before it) is among the events. */
  readonly tracked: Uint8Array
  /** createdBefore[d] = contacts created before window day d (contacts are in creation-day order). */
  readonly createdBefore: Int32Array
  /** Tracked contacts who go on to buy, in creation order. */
  readonly buyers: Int32Array
  /** buyersBefore[d] = buyers created before window day d. */
  readonly buyersBefore: Int32Array
  /** Contacts whose signup is tracked: each adds a page view and a signup event. */
  readonly trackedCount: number
}

function emitContacts(context: Context): Contacts {
  const { random, iso } = context
  const count = Math.max(50, Math.round(context.events / 20))
  // Two structured events per tracked contact, and never more than 30% of all events.
  const trackedCount = Math.floor(Math.min(2 * count, Math.floor(context.events * 0.3)) / 2)
  const perDay = allocate(count, context.dayWeights)
  const ids: string[] = new Array<string>(count)
  const createdAt = new Float64Array(count)
  const workspace = new Uint8Array(count)
  const tracked = new Uint8Array(count)
  const createdBefore = new Int32Array(WINDOW_DAYS + 1)
  const buyerList: number[] = []
  const buyersBefore = new Int32Array(WINDOW_DAYS + 1)
  let index = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    createdBefore[day] = index
    buyersBefore[day] = buyerList.length
    for (let made = 0; made < perDay[day]!; made++, index++) {
      const id = padId('con_', index + 1, 6)
      const created = momentOn(context, day)
      const home = pickWorkspace(random)
      const isTracked =
        Math.floor(((index + 1) * trackedCount) / count) >
        Math.floor((index * trackedCount) / count)
      ids[index] = id
      createdAt[index] = created
      workspace[index] = home
      tracked[index] = isTracked ? 1 : 0
      if (isTracked && random() < 0.35) buyerList.push(index)
      const first = pickOne(random, FIRST_NAMES)
      const last = pickOne(random, LAST_NAMES)
      const email =
        random() < 0.08
          ? null
          : `${first.toLowerCase()}.${last.toLowerCase()}${index + 1}@${pickOne(random, EMAIL_DOMAINS)}`
      context.emit('contacts', {
        id,
        workspace_id: WORKSPACES[home]!.id,
        email,
        first_name: random() < 0.05 ? null : first,
        last_name: random() < 0.07 ? null : last,
        created_at: iso(created),
      })
    }
  }
  createdBefore[WINDOW_DAYS] = index
  buyersBefore[WINDOW_DAYS] = buyerList.length
  return {
    count,
    ids,
    createdAt,
    workspace,
    tracked,
    createdBefore,
    buyers: Int32Array.from(buyerList),
    buyersBefore,
    trackedCount,
  }
}

/** Ids of something per workspace (rooms, booking pages), most popular first. */
type IdsByWorkspace = readonly (readonly number[])[]

function emitRooms(context: Context): IdsByWorkspace {
  let id = 0
  return WORKSPACES.map((workspace) =>
    workspace.rooms.map(([slug, displayName]) => {
      id++
      context.emit('rooms', {
        id,
        workspace_id: workspace.id,
        name: slug,
        display_name: displayName,
        created_at: context.iso(daysAgo(context, 200, workspace.ageDays - 10)),
      })
      return id
    }),
  )
}

function emitRecordings(context: Context, rooms: IdsByWorkspace): void {
  const { random } = context
  const count = Math.min(3000, Math.max(150, Math.round(context.events / 100)))
  const perDay = allocate(count, context.dayWeights)
  let id = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    for (let made = 0; made < perDay[day]!; made++) {
      const roomIds = rooms[pickWorkspace(random)]!
      const length = random()
      // A few recordings failed to capture anything; most run 5 to 90 minutes.
      const duration = random() < 0.02 ? 0 : Math.round(120 + length * length * 5280)
      context.emit('recordings', {
        id: ++id,
        room_id: roomIds[pickPopular(random, roomIds.length)]!,
        duration,
        created_at: context.iso(momentOn(context, day)),
      })
    }
  }
}

function emitBookingPages(context: Context): IdsByWorkspace {
  let id = 0
  return WORKSPACES.map((workspace) =>
    workspace.bookingPages.map(([title, slug]) => {
      id++
      context.emit('booking_pages', {
        id,
        workspace_id: workspace.id,
        title,
        slug,
        created_at: context.iso(daysAgo(context, 190, workspace.ageDays - 5)),
      })
      return id
    }),
  )
}

/**
 * The contact events, day by day. Each tracked contact views a page and then
 * signs up at its creation time; buyers (a third of them) purchase on later
 * days, so page_view -> signup -> purchase is a converting funnel. The rest of
 * each day's budget is ordinary traffic from earlier contacts, anonymous
 * visitors and actor-less hits.
 */
function emitContactEvents(
  context: Context,
  contacts: Contacts,
  rooms: IdsByWorkspace,
  bookingPages: IdsByWorkspace,
): void {
  const { random, iso, emit } = context
  const visitorCount = Math.max(100, Math.round(context.events / 12))
  const visitorWorkspace = new Uint8Array(visitorCount)
  for (let visitor = 0; visitor < visitorCount; visitor++)
    visitorWorkspace[visitor] = pickWorkspace(random)
  const trafficPerDay = allocate(context.events - 2 * contacts.trackedCount, context.dayWeights)
  let serial = 0

  const push = (
    workspace: number,
    contactId: string | null,
    visitorId: string | null,
    eventType: string,
    at: number,
  ): void => {
    let roomId: number | null = null
    let bookingPageId: number | null = null
    if (eventType === 'room_join') {
      const ids = rooms[workspace]!
      roomId = ids[pickPopular(random, ids.length)]!
    } else if (eventType === 'booking') {
      const ids = bookingPages[workspace]!
      bookingPageId = ids[pickPopular(random, ids.length)]!
    }
    let utm: readonly [string, string | null, string | null] | null = null
    const utmShare = UTM_SHARE[eventType]
    if (utmShare !== undefined && random() < utmShare) utm = UTM_SOURCES.pick(random)
    serial++
    emit('contact_events', {
      id: padId('evt_', serial, 7),
      workspace_id: WORKSPACES[workspace]!.id,
      contact_id: contactId,
      visitor_id: visitorId,
      event_type: eventType,
      room_id: roomId,
      booking_page_id: bookingPageId,
      utm_source: utm === null ? null : utm[0],
      utm_medium: utm === null ? null : utm[1],
      utm_campaign: utm === null ? null : utm[2],
      created_at: iso(at),
    })
  }

  for (let day = 0; day < WINDOW_DAYS; day++) {
    const dayStart = context.firstDay + day * DAY
    // Signups of the contacts created today, each after a page view the same day.
    for (
      let index = contacts.createdBefore[day]!;
      index < contacts.createdBefore[day + 1]!;
      index++
    ) {
      if (contacts.tracked[index] === 0) continue
      const signedUp = contacts.createdAt[index]!
      const viewed =
        dayStart + randomInt(random, Math.floor((signedUp - dayStart) / SECOND) + 1) * SECOND
      const home = contacts.workspace[index]!
      const id = contacts.ids[index]!
      push(home, id, null, 'page_view', viewed)
      push(home, id, null, 'signup', signedUp)
    }
    // Ordinary traffic, from contacts created before today only (so after their signup).
    const known = contacts.createdBefore[day]!
    const buyers = contacts.buyersBefore[day]!
    for (let made = 0; made < trafficPerDay[day]!; made++) {
      const at = momentOn(context, day)
      const actor = random()
      if (actor < 0.52 && known > 0) {
        let index = pickRecentLeaning(random, known)
        let eventType: string = CONTACT_EVENT_TYPES.pick(random)
        if (eventType === 'purchase') {
          if (buyers > 0) index = contacts.buyers[pickRecentLeaning(random, buyers)]!
          else eventType = 'page_view'
        }
        push(contacts.workspace[index]!, contacts.ids[index]!, null, eventType, at)
      } else if (actor < 0.93) {
        const visitor = randomInt(random, visitorCount)
        // A bijective scramble of the index: stable, unique, opaque-looking ids.
        const visitorId = `vis_${(Math.imul(visitor + 1, 0x9e3779b1) >>> 0).toString(36)}`
        push(visitorWorkspace[visitor]!, null, visitorId, VISITOR_EVENT_TYPES.pick(random), at)
      } else {
        push(pickWorkspace(random), null, null, ANONYMOUS_EVENT_TYPES.pick(random), at)
      }
    }
  }
}

interface Campaign {
  readonly id: string
  readonly workspace: number
  readonly status: CampaignStatus
  readonly createdAt: number
  /** When it stopped sending (now for ones still running, createdAt for drafts). */
  readonly endsAt: number
  readonly abTest: {
    readonly id: string
    readonly name: string
    readonly variantIds: readonly string[]
    readonly variantNames: readonly string[]
  } | null
}

function emitCampaigns(context: Context): Campaign[] {
  const perWorkspace = new Map<number, number>()
  let testSerial = 0
  let variantSerial = 0
  return CAMPAIGNS.map((plan) => {
    const number = (perWorkspace.get(plan.workspace) ?? 0) + 1
    perWorkspace.set(plan.workspace, number)
    const lifetime = CAMPAIGN_LIFETIME[plan.status]
    const createdAt = daysAgo(context, lifetime.ageDays[0], lifetime.ageDays[1])
    const endsAt =
      lifetime.runDays === null
        ? context.now
        : Math.min(
            context.now,
            createdAt + Math.floor(randomBetween(context.random, ...lifetime.runDays) * DAY),
          )
    const id = `cmp_${WORKSPACES[plan.workspace]!.id}_${String(number).padStart(2, '0')}`
    context.emit('campaigns', {
      id,
      workspace_id: WORKSPACES[plan.workspace]!.id,
      name: plan.name,
      status: plan.status,
      created_at: context.iso(createdAt),
    })
    const abTest =
      plan.abTest === undefined
        ? null
        : {
            id: padId('abt_', ++testSerial, 3),
            name: plan.abTest.name,
            variantIds: plan.abTest.variants.map(() => padId('abv_', ++variantSerial, 3)),
            variantNames: plan.abTest.variants,
          }
    return { id, workspace: plan.workspace, status: plan.status, createdAt, endsAt, abTest }
  })
}

type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]

const ENROLLMENT_OUTCOMES: Readonly<Record<CampaignStatus, WeightedChoice<EnrollmentStatus>>> = {
  DRAFT: new WeightedChoice<EnrollmentStatus>([['ACTIVE', 1]]),
  ACTIVE: new WeightedChoice<EnrollmentStatus>([
    ['ACTIVE', 60],
    ['COMPLETED', 25],
    ['EXITED', 15],
  ]),
  PAUSED: new WeightedChoice<EnrollmentStatus>([
    ['ACTIVE', 50],
    ['COMPLETED', 20],
    ['EXITED', 30],
  ]),
  COMPLETED: new WeightedChoice<EnrollmentStatus>([
    ['COMPLETED', 72],
    ['EXITED', 28],
  ]),
  ARCHIVED: new WeightedChoice<EnrollmentStatus>([
    ['COMPLETED', 65],
    ['EXITED', 35],
  ]),
}

/** About a third of the contacts join one campaign of their workspace that was sending after they arrived. */
function emitEnrollments(
  context: Context,
  contacts: Contacts,
  campaigns: readonly Campaign[],
): void {
  const { random } = context
  const planned: { contact: number; campaign: Campaign; enrolledAt: number }[] = []
  const eligible: Campaign[] = []
  for (let index = 0; index < contacts.count; index++) {
    if (random() >= 0.35) continue
    const created = contacts.createdAt[index]!
    eligible.length = 0
    for (const campaign of campaigns) {
      if (
        campaign.workspace === contacts.workspace[index] &&
        campaign.status !== 'DRAFT' &&
        campaign.endsAt > created
      ) {
        eligible.push(campaign)
      }
    }
    if (eligible.length === 0) continue
    const campaign = pickOne(random, eligible)
    const from = Math.max(created, campaign.createdAt)
    const enrolledAt = from + Math.floor(random() * Math.min(5 * DAY, campaign.endsAt - from))
    planned.push({ contact: index, campaign, enrolledAt })
  }
  const coverage = new Coverage(ENROLLMENT_STATUSES)
  planned.forEach(({ contact, campaign, enrolledAt }, position) => {
    const status = coverage.take(
      ENROLLMENT_OUTCOMES[campaign.status].pick(random),
      planned.length - position,
    )
    const completedAt =
      status === 'COMPLETED'
        ? clampToNow(context, enrolledAt + HOUR + Math.floor(random() * 20 * DAY))
        : null
    context.emit('enrollments', {
      id: padId('enr_', position + 1, 6),
      campaign_id: campaign.id,
      contact_id: contacts.ids[contact]!,
      status,
      enrolled_at: context.iso(enrolledAt),
      completed_at: completedAt === null ? null : context.iso(completedAt),
    })
  })
}

function emitAbTests(context: Context, campaigns: readonly Campaign[]): void {
  for (const campaign of campaigns) {
    if (campaign.abTest === null) continue
    context.emit('ab_tests', {
      id: campaign.abTest.id,
      campaign_id: campaign.id,
      name: campaign.abTest.name,
    })
  }
  for (const campaign of campaigns) {
    const test = campaign.abTest
    if (test === null) continue
    test.variantIds.forEach((id, index) => {
      context.emit('ab_variants', { id, ab_test_id: test.id, name: test.variantNames[index]! })
    })
  }
}

/**
 * Messages, day by day. Each one's status is its latest state and its
 * milestone timestamps follow it: sent <= delivered <= opened <= clicked, a
 * queued or failed message was never sent, a bounced one never delivered.
 */
function emitMessages(context: Context, contacts: Contacts, campaigns: readonly Campaign[]): void {
  const { random, iso } = context
  const total = Math.max(300, Math.round(context.events / 5))
  const perDay = allocate(total, context.dayWeights)
  const coverage = new Coverage(MESSAGE_STATUSES)
  const eligible: Campaign[] = []
  let serial = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    const known = contacts.createdBefore[day]!
    for (let made = 0; made < perDay[day]!; made++) {
      const createdAt = momentOn(context, day)
      let contact = -1
      if (known > 0 && random() >= 0.04) contact = pickRecentLeaning(random, known)
      const workspace = contact >= 0 ? contacts.workspace[contact]! : pickWorkspace(random)
      let campaign: Campaign | null = null
      if (random() < 0.85) {
        eligible.length = 0
        for (const candidate of campaigns) {
          if (
            candidate.workspace === workspace &&
            candidate.status !== 'DRAFT' &&
            candidate.createdAt <= createdAt &&
            createdAt <= candidate.endsAt
          ) {
            eligible.push(candidate)
          }
        }
        if (eligible.length > 0) campaign = pickOne(random, eligible)
      }
      const test = campaign?.abTest ?? null
      const variantId = test !== null && random() < 0.8 ? pickOne(random, test.variantIds) : null
      let channel = CHANNELS.pick(random)
      const drawn = STATUSES_BY_CHANNEL[channel].pick(random)
      const status = coverage.take(drawn, total - serial)
      // A value forced in for coverage may not exist on the drawn channel; email has them all.
      if (status !== drawn && !STATUSES_BY_CHANNEL[channel].items.includes(status)) {
        channel = 'EMAIL'
      }

      let sentAt: number | null = null
      let deliveredAt: number | null = null
      let openedAt: number | null = null
      let clickedAt: number | null = null
      if (status !== 'QUEUED' && status !== 'FAILED') {
        sentAt = clampToNow(context, createdAt + (5 + randomInt(random, 600)) * SECOND)
      }
      if (status === 'DELIVERED' || status === 'OPENED' || status === 'CLICKED') {
        deliveredAt = clampToNow(context, sentAt! + (1 + randomInt(random, 120)) * SECOND)
      }
      if (status === 'OPENED' || status === 'CLICKED') {
        const delay = random()
        openedAt = clampToNow(context, deliveredAt! + MINUTE + Math.floor(delay * delay * 2 * DAY))
      }
      if (status === 'CLICKED') {
        clickedAt = clampToNow(context, openedAt! + (5 + randomInt(random, 1800)) * SECOND)
      }
      serial++
      context.emit('messages', {
        id: padId('msg_', serial, 7),
        workspace_id: WORKSPACES[workspace]!.id,
        campaign_id: campaign === null ? null : campaign.id,
        contact_id: contact >= 0 ? contacts.ids[contact]! : null,
        variant_id: variantId,
        channel,
        status,
        created_at: iso(createdAt),
        sent_at: sentAt === null ? null : iso(sentAt),
        delivered_at: deliveredAt === null ? null : iso(deliveredAt),
        opened_at: openedAt === null ? null : iso(openedAt),
        clicked_at: clickedAt === null ? null : iso(clickedAt),
      })
    }
  }
}

interface Space {
  readonly id: string
  readonly isContactSpace: boolean
}

function emitOrganisationsAndSpaces(context: Context): Space[] {
  const { random } = context
  for (const organisation of ORGANISATIONS) {
    context.emit('organisations', {
      id: organisation.id,
      name: organisation.name,
      domain_handle: organisation.handle,
      created_at: context.iso(daysAgo(context, 300, 400)),
    })
  }
  const spaces: Space[] = []
  for (const organisation of ORGANISATIONS) {
    for (const [name, contentType] of organisation.spaces) {
      const number = spaces.length + 1
      let secret = ''
      for (let digit = 0; digit < 16; digit++) secret += randomInt(random, 16).toString(16)
      const id = padId('spc_', number, 3)
      context.emit('spaces', {
        id,
        organisation_id: organisation.id,
        // The serial keeps tokens unique whatever the random part.
        token: `tok_${secret}${String(number).padStart(2, '0')}`,
        name,
        content_type: contentType,
        created_at: context.iso(daysAgo(context, 185, 290)),
      })
      spaces.push({ id, isContactSpace: contentType === 'contact' })
    }
  }
  return spaces
}

type TaskStatus = (typeof TASK_STATUSES)[number]

const RECENT_TASK_STATUSES = new WeightedChoice<TaskStatus>([
  ['pending', 30],
  ['in_progress', 35],
  ['completed', 30],
  ['failed', 5],
])
const OLDER_TASK_STATUSES = new WeightedChoice<TaskStatus>([
  ['completed', 84],
  ['failed', 12],
  ['pending', 2],
  ['in_progress', 2],
])
/** What a connected call ended with; voicemail and wrong_number are kept but not counted by name. */
const CONNECTED_OUTCOMES = new WeightedChoice<string | null>([
  ['interested', 22],
  ['call_back', 15],
  ['send_details', 12],
  ['not_interested', 28],
  ['voicemail', 8],
  ['wrong_number', 4],
  [null, 11],
])
/** success_score range per outcome. */
const SCORE_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  interested: [7, 10],
  call_back: [5, 8],
  send_details: [5, 8],
  not_interested: [1, 4],
  voicemail: [2, 5],
  wrong_number: [0, 2],
}

interface Task {
  readonly id: string
  readonly space: Space
  readonly createdAt: number
  readonly status: TaskStatus
}

/**
 * Calling runs: each run creates a batch of tasks in one space, and each task
 * leads to calls (retries until someone answers). The most recent tasks are
 * still pending or in progress.
 */
function emitTasksAndCalls(context: Context, spaces: readonly Space[]): void {
  const { random, iso } = context
  const total = Math.min(2500, Math.max(120, Math.round(context.events / 40)))
  const perDay = allocate(total, context.dayWeights)
  const contactSpaces = spaces.filter((space) => space.isContactSpace)
  const otherSpaces = spaces.filter((space) => !space.isContactSpace)
  const coverage = new Coverage(TASK_STATUSES)
  const tasks: Task[] = []
  let runSerial = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    let left = perDay[day]!
    while (left > 0) {
      const size = Math.min(left, 1 + randomInt(random, 8))
      left -= size
      const space =
        otherSpaces.length > 0 && random() < 0.08
          ? pickOne(random, otherSpaces)
          : pickOne(random, contactSpaces)
      // Most tasks come from a run; a few were created by hand.
      const runId = random() < 0.9 ? padId('run_', ++runSerial, 5) : null
      const runStart = momentOn(context, day)
      for (let member = 0; member < size; member++) {
        const createdAt = clampToNow(context, runStart + member * randomInt(random, 60) * SECOND)
        const table = context.now - createdAt < 2 * DAY ? RECENT_TASK_STATUSES : OLDER_TASK_STATUSES
        const status = coverage.take(table.pick(random), total - tasks.length)
        const task: Task = { id: padId('tsk_', tasks.length + 1, 5), space, createdAt, status }
        tasks.push(task)
        context.emit('tasks', {
          id: task.id,
          space_id: space.id,
          run_id: runId,
          status,
          created_at: iso(createdAt),
        })
      }
    }
  }

  let callSerial = 0
  const pushCall = (
    task: Task | null,
    space: Space,
    status: string,
    outcome: string | null,
    at: number,
  ): void => {
    let duration: number | null = null
    let score: number | null = null
    if (status === 'completed') {
      duration = Math.round(randomBetween(random, 20, 600) * 10) / 10
      const range = outcome === null ? undefined : SCORE_RANGE[outcome]
      if (range !== undefined && random() < 0.95) {
        score = Math.round(randomBetween(random, range[0], range[1]) * 10) / 10
      }
    } else if (status === 'not_connected') {
      duration = random() < 0.6 ? 0 : null
    } else if (status === 'failed') {
      duration = random() < 0.3 ? Math.round(random() * 50) / 10 : null
    }
    context.emit('calls', {
      id: padId('call_', ++callSerial, 6),
      space_id: space.id,
      task_id: task === null ? null : task.id,
      status,
      outcome,
      duration_seconds: duration,
      success_score: score,
      created_at: iso(at),
    })
  }
  const unanswered = (task: Task, at: number): void => {
    if (random() < 0.7) {
      pushCall(task, task.space, 'not_connected', random() < 0.85 ? 'not_connected' : null, at)
    } else {
      pushCall(task, task.space, 'failed', random() < 0.8 ? 'failed' : null, at)
    }
  }

  for (const task of tasks) {
    let at = task.createdAt
    const nextAttempt = (): number => {
      at = clampToNow(context, at + (2 + randomInt(random, 88)) * MINUTE)
      return at
    }
    if (task.status === 'completed') {
      const retries = randomInt(random, 3)
      for (let attempt = 0; attempt < retries; attempt++) unanswered(task, nextAttempt())
      pushCall(task, task.space, 'completed', CONNECTED_OUTCOMES.pick(random), nextAttempt())
    } else if (task.status === 'failed') {
      const attempts = 1 + randomInt(random, 3)
      for (let attempt = 0; attempt < attempts; attempt++) unanswered(task, nextAttempt())
    } else if (task.status === 'in_progress') {
      if (random() < 0.5) unanswered(task, nextAttempt())
      pushCall(task, task.space, 'in_progress', null, nextAttempt())
    }
    // Now and then someone calls in: a call without a task.
    if (random() < 0.06) {
      const inbound = clampToNow(context, task.createdAt + Math.floor(random() * DAY))
      pushCall(null, task.space, 'completed', CONNECTED_OUTCOMES.pick(random), inbound)
    }
  }
}

function emitHostsAndCalendarEvents(context: Context): void {
  for (const [id, name, email] of HOSTS) context.emit('hosts', { id, name, email })
  for (const event of CALENDAR_EVENTS) {
    context.emit('calendar_events', {
      id: event.id,
      host_id: event.hostId,
      title: event.title,
      duration_minutes: event.durationMinutes,
    })
  }
}

type BookingStatus = (typeof BOOKING_STATUSES)[number]

const PAST_BOOKING_STATUSES = new WeightedChoice<BookingStatus>([
  ['completed', 68],
  ['cancelled', 12],
  ['no_show', 8],
  ['rejected', 6],
  ['pending', 3],
  ['scheduled', 3],
])
const UPCOMING_BOOKING_STATUSES = new WeightedChoice<BookingStatus>([
  ['scheduled', 72],
  ['pending', 14],
  ['cancelled', 9],
  ['rejected', 5],
])
const CALENDAR_EVENT_CHOICE = new WeightedChoice(
  CALENDAR_EVENTS.map((event) => [event, event.weight] as const),
)

interface Meeting {
  start: number
  end: number
  eventId: number
  hostId: number | null
  isGroup: boolean
  status: BookingStatus
  readonly upcoming: boolean
}

interface Guest {
  readonly firstName: string | null
  readonly lastName: string | null
  readonly email: string | null
}

interface Booking {
  readonly id: number
  readonly status: BookingStatus
  readonly hostId: number | null
  readonly createdAt: number
  readonly start: number
  readonly end: number
}

/**
 * Meetings over the window and the next 30 days, on weekday office hours.
 * About one in twelve is a group meeting: its guests are separate bookings
 * sharing a group_id. Guests come from a pool, so emails repeat across
 * bookings. A few bookings point at a calendar event that was deleted.
 */
function emitBookingsAndActivities(context: Context): void {
  const { random, iso, now } = context
  const meetingCount = Math.min(3000, Math.max(300, Math.round(4 * Math.sqrt(context.events))))
  const dayWeights = new Float64Array(WINDOW_DAYS + FUTURE_DAYS)
  for (let day = 0; day < dayWeights.length; day++) {
    const weekday = WEEKDAY_FACTOR[weekdayOf(context.firstDay + day * DAY)]! ** 2
    const noise = 0.85 + 0.3 * random()
    const ahead = day - (WINDOW_DAYS - 1)
    // Past days follow the growth trend; the calendar fills up less the further ahead it is.
    const trend = ahead <= 0 ? 0.75 + (0.5 * day) / (WINDOW_DAYS - 1) : 1.25 * (1 - ahead / 36)
    dayWeights[day] = weekday * trend * noise
  }
  const perDay = allocate(meetingCount, dayWeights)
  const meetings: Meeting[] = []
  for (let day = 0; day < dayWeights.length; day++) {
    const dayStart = context.firstDay + day * DAY
    for (let made = 0; made < perDay[day]!; made++) {
      const event = CALENDAR_EVENT_CHOICE.pick(random)
      const minutes = event.durationMinutes ?? 30
      // Half-hour slots from 08:00 to 17:30 UTC, busiest mid-day.
      const slot = Math.floor(((random() + random()) / 2) * 20)
      let start = dayStart + 8 * HOUR + slot * 30 * MINUTE
      // A meeting running right now would be neither past nor upcoming: move it later.
      while (start <= now && start + minutes * MINUTE > now) start += 30 * MINUTE
      meetings.push({
        start,
        end: start + minutes * MINUTE,
        eventId: event.id,
        hostId: random() < 0.03 ? null : event.hostId,
        isGroup: random() < 0.08,
        status: 'scheduled',
        upcoming: start > now,
      })
    }
  }
  meetings.sort((a, b) => a.start - b.start)
  const pastCount = meetings.filter((meeting) => !meeting.upcoming).length
  const upcomingCount = meetings.length - pastCount

  // Guarantees for the reports: a group meeting in the past and the next upcoming
  // meeting a group; the next-but-one and two past meetings lost their calendar event.
  const forcedScheduled = new Set<Meeting>()
  if (pastCount > 0) meetings[Math.floor(pastCount / 2)]!.isGroup = true
  if (upcomingCount > 0) {
    meetings[pastCount]!.isGroup = true
    forcedScheduled.add(meetings[pastCount]!)
  }
  const orphans: Meeting[] = []
  if (upcomingCount > 1) orphans.push(meetings[pastCount + 1]!)
  for (const share of [0.3, 0.8]) {
    const index = Math.floor(pastCount * share)
    if (pastCount > 2 && index !== Math.floor(pastCount / 2)) orphans.push(meetings[index]!)
  }
  if (orphans.length === 0) orphans.push(meetings[meetings.length - 1]!)
  for (const orphan of orphans) {
    orphan.eventId = DELETED_CALENDAR_EVENT.id
    orphan.hostId = DELETED_CALENDAR_EVENT.hostId
    orphan.isGroup = false
    if (orphan.upcoming) forcedScheduled.add(orphan)
  }

  const pastCoverage = new Coverage<BookingStatus>([
    'completed',
    'cancelled',
    'no_show',
    'rejected',
  ])
  const upcomingCoverage = new Coverage<BookingStatus>([
    'scheduled',
    'pending',
    'cancelled',
    'rejected',
  ])
  let pastSeen = 0
  let upcomingSeen = 0
  for (const meeting of meetings) {
    if (meeting.upcoming) {
      const remaining = upcomingCount - upcomingSeen++
      meeting.status = forcedScheduled.has(meeting)
        ? upcomingCoverage.take('scheduled', Number.POSITIVE_INFINITY)
        : upcomingCoverage.take(UPCOMING_BOOKING_STATUSES.pick(random), remaining)
    } else {
      meeting.status = pastCoverage.take(PAST_BOOKING_STATUSES.pick(random), pastCount - pastSeen++)
    }
  }

  const guestPool: Guest[] = []
  const poolSize = Math.max(60, Math.round(meetingCount * 0.7))
  for (let index = 0; index < poolSize; index++) {
    const first = pickOne(random, FIRST_NAMES)
    const last = pickOne(random, LAST_NAMES)
    guestPool.push({
      firstName: random() < 0.03 ? null : first,
      lastName: random() < 0.05 ? null : last,
      email:
        random() < 0.03
          ? null
          : `${first.toLowerCase()}.${last.toLowerCase()}${index + 1}@${pickOne(random, EMAIL_DOMAINS)}`,
    })
  }
  const pickGuest = (): Guest => guestPool[pickPopular(random, guestPool.length)]!

  const bookings: Booking[] = []
  meetings.forEach((meeting, meetingIndex) => {
    const guests = meeting.isGroup ? 2 + randomInt(random, 4) : 1
    const groupId = meeting.isGroup ? padId('grp_', meetingIndex + 1, 5) : null
    const invited = new Set<Guest>()
    for (let guestIndex = 0; guestIndex < guests; guestIndex++) {
      // The same person twice in one meeting would be odd; a few redraws make it rare enough to ignore.
      let guest = pickGuest()
      for (let redraw = 0; redraw < 5 && invited.has(guest); redraw++) guest = pickGuest()
      invited.add(guest)
      let status = meeting.status
      // In a group, the odd guest cancels or does not turn up; the first guest keeps the meeting's status.
      if (guestIndex > 0 && random() < 0.12) {
        status = meeting.upcoming ? 'cancelled' : status === 'completed' ? 'no_show' : 'cancelled'
      }
      const lead = random()
      let createdAt = meeting.start - HOUR - Math.floor(lead * lead * 20 * DAY)
      if (createdAt > now) createdAt = now - Math.floor(random() * 2 * DAY)
      createdAt = Math.max(createdAt, context.firstDay)
      // Some guests type their address with capitals; reports count emails case-insensitively.
      const email =
        guest.email !== null && random() < 0.04
          ? guest.email.charAt(0).toUpperCase() + guest.email.slice(1)
          : guest.email
      const booking: Booking = {
        id: bookings.length + 1,
        status,
        hostId: meeting.hostId,
        createdAt,
        start: meeting.start,
        end: meeting.end,
      }
      bookings.push(booking)
      context.emit('bookings', {
        id: booking.id,
        event_id: meeting.eventId,
        host_id: meeting.hostId,
        group_id: groupId,
        status,
        first_name: guest.firstName,
        last_name: guest.lastName,
        email,
        start_time: iso(meeting.start),
        end_time: iso(meeting.end),
        created_at: iso(createdAt),
      })
    }
  })

  emitBookingActivities(context, bookings)
}

/**
 * The activity log of each booking: its creation, then follow-ups pointing
 * at it (confirmation, reminder, the outcome), plus the odd system entry
 * that belongs to no booking. Nothing is logged after now.
 */
function emitBookingActivities(context: Context, bookings: readonly Booking[]): void {
  const { random, iso, now } = context
  let serial = 0
  const log = (
    bookingId: number | null,
    parentId: number | null,
    createdBy: number | null,
    status: string,
    type: string,
    title: string,
    description: string | null,
    at: number,
  ): number => {
    const createdAt = clampToNow(context, at)
    const updatedAt =
      random() < 0.2 ? clampToNow(context, createdAt + Math.floor(random() * 3 * DAY)) : createdAt
    serial++
    context.emit('booking_activities', {
      id: serial,
      booking_id: bookingId,
      parent_id: parentId,
      created_by: createdBy,
      status,
      type,
      title,
      description,
      created_at: iso(createdAt),
      updated_at: iso(updatedAt),
    })
    return serial
  }

  for (const booking of bookings) {
    const { id, hostId, createdAt, start, end } = booking
    const root = log(
      id,
      null,
      null,
      'success',
      'activity',
      'Booking created',
      random() < 0.5 ? 'Booked via booking page' : null,
      createdAt,
    )
    const untilStart = Math.max(0, Math.min(start, now) - createdAt)
    switch (booking.status) {
      case 'scheduled':
      case 'completed':
      case 'no_show': {
        if (random() < 0.6) {
          log(
            id,
            root,
            hostId,
            'success',
            'activity',
            'Booking confirmed',
            null,
            createdAt + Math.floor(random() * Math.min(untilStart, 2 * HOUR)),
          )
        }
        const reminder = start - DAY
        if (reminder > createdAt && reminder <= now) {
          const delivered = random() >= 0.03
          log(
            id,
            root,
            null,
            delivered ? 'success' : 'failed',
            'email',
            'Reminder email sent',
            delivered ? null : 'Mailbox unavailable',
            reminder,
          )
        }
        if (booking.status === 'completed' && end <= now) {
          log(id, root, hostId, 'success', 'activity', 'Meeting completed', null, end)
        } else if (booking.status === 'no_show' && end + 5 * MINUTE <= now) {
          log(
            id,
            root,
            hostId,
            'info',
            'activity',
            'Guest marked as no-show',
            null,
            end + 5 * MINUTE,
          )
        }
        break
      }
      case 'cancelled': {
        const byHost = random() < 0.3
        log(
          id,
          root,
          byHost ? hostId : null,
          'info',
          'activity',
          'Booking cancelled',
          byHost ? 'Cancelled by host' : random() < 0.5 ? 'Cancelled by guest' : null,
          createdAt + Math.floor(random() * untilStart),
        )
        break
      }
      case 'rejected':
        log(
          id,
          root,
          hostId,
          'info',
          'activity',
          'Booking rejected',
          random() < 0.5 ? 'Slot no longer available' : null,
          createdAt + Math.floor(random() * Math.min(untilStart, DAY)),
        )
        break
      case 'pending':
        log(
          id,
          root,
          null,
          'info',
          'email',
          'Approval request sent to host',
          null,
          createdAt + MINUTE,
        )
        break
    }
    if (random() < 0.02) {
      log(
        null,
        null,
        null,
        'success',
        'log',
        'Calendar sync completed',
        null,
        createdAt + Math.floor(random() * DAY),
      )
    }
  }
}
