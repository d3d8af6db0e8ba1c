/**
 * The demo dataset: a pure, seeded generator of believable records for every
 * entity of DATA.md, so each dashboard has something to show before any real
 * data is imported (`sextant demo`). The output depends only on the size, the
 * seed and `now` (no clock, no Math.random, no I/O), so the same options always
 * give the same records. Records stream out through `emit`, entity by entity in
 * the order of `ENTITIES`, so a million contact events never sit in memory at
 * once: the events are generated day by day and handed over one at a time.
 *
 * The data cover the year before now and move like a business's year: a yearly
 * curve (a busy spring and autumn, a summer lull), weekdays busier than
 * weekends, steady growth (+80% over the year), the quiet week from Christmas
 * Eve to New Year, and a campaign launch about 13 weeks ago (Acme's Product
 * Launch) that steps messages, enrollments and events up. Rooms and contacts
 * arrive all year; bookings are made days to weeks before their meeting, so
 * the upcoming calendar was filled over the past weeks; calls run in office
 * hours on weekdays. Counts that the dashboards compare month on month
 * (rooms, statuses of bookings and tasks) are dealt evenly rather than drawn,
 * so two windows differ by the trend, not by luck.
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
  /** Epoch milliseconds of "now": the data covers the year before it (bookings also the weeks after). */
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
/** Days of history, today included: a year. */
const WINDOW_DAYS = 365
/** `now` must be a date whose ISO form is plain `YYYY-MM-DD...` for every generated timestamp. */
const EARLIEST_NOW = Date.UTC(1972, 0, 1)
const LATEST_NOW = Date.UTC(9990, 0, 1)

/** Relative activity per UTC weekday, Sunday first: weekends run at about 40%. */
const WEEKDAY_FACTOR = [0.36, 1, 1.08, 1.06, 1.02, 0.92, 0.42]
/** Outbound calling runs on weekdays; the odd weekend run catches up. */
const CALL_WEEKDAY_FACTOR = [0.08, 1, 1.05, 1.05, 1, 0.9, 0.12]
/** Relative activity per UTC hour: quiet nights, busy office hours. */
const HOUR_WEIGHTS = [
  1, 0.7, 0.5, 0.4, 0.4, 0.6, 1.2, 2.5, 4.5, 6, 6.5, 6.5, 6, 6.2, 6.4, 6, 5.2, 4.2, 3.4, 2.8, 2.4,
  2, 1.6, 1.2,
]
/** When calling runs start, per UTC hour: office hours only, a dip at lunch. */
const CALL_HOUR_WEIGHTS = [
  0, 0, 0, 0, 0, 0, 0, 0.2, 1.5, 4, 5, 5, 4, 4.5, 5, 5, 4, 2.5, 1, 0.3, 0.1, 0, 0, 0,
]
/**
 * The yearly curve, per calendar month (its middle; days in between are interpolated): a busy
 * spring, a summer lull, the year's peak in autumn, a softer December.
 */
const MONTH_FACTOR = [0.97, 1, 1.05, 1.04, 1.02, 0.96, 0.89, 0.87, 1, 1.07, 1.08, 1]
/** Growth over the year: the last day runs at this multiple of the day a year before it. */
const YEARLY_GROWTH = 1.8
/** From the campaign launch on, contact events run at this multiple (its opens, clicks, visits). */
const LAUNCH_TRAFFIC = 1.25
/** From the launch on, the launch campaign adds this share of the day's ordinary messages. */
const LAUNCH_MESSAGES = 0.6
/** The launch lands about this many days before today (13 weeks: outside the default windows). */
const LAUNCH_DAYS_AGO = 91

function weekdayOf(epochMs: number): number {
  return (((Math.floor(epochMs / DAY) + 4) % 7) + 7) % 7
}

/** The yearly curve on the UTC day starting at `dayStart`, interpolated between month middles. */
function seasonOf(dayStart: number): number {
  const date = new Date(dayStart)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth()
  const length = (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, 1)) / DAY
  // Months since the middle of January: -0.5 on the 1st of January, 11.5 on the 31st of December.
  const position = month + (date.getUTCDate() - 0.5) / length - 0.5
  const below = Math.floor(position)
  const from = MONTH_FACTOR[(below + 12) % 12]!
  const to = MONTH_FACTOR[(below + 13) % 12]!
  return from + (to - from) * (position - below)
}

/** The holidays: Christmas to New Year is the quiet week of the year, with half days either side. */
function holidayOf(dayStart: number): number {
  const date = new Date(dayStart)
  const month = date.getUTCMonth()
  const day = date.getUTCDate()
  if (month === 11) {
    if (day === 25 || day === 26) return 0.25
    if (day >= 24) return 0.5
    if (day === 23) return 0.8
  } else if (month === 0) {
    if (day === 1) return 0.25
    if (day === 2) return 0.75
  }
  return 1
}

/** `day` moved back to the Tuesday of its week (Monday's Tuesday is the day after: back 6). */
function tuesdayOnOrBefore(day: number): number {
  return day - ((weekdayOf(day) - 2 + 7) % 7) * DAY
}

/**
 * The window day of the campaign launch: a Tuesday about 13 weeks before today, so its step is
 * in the year's curve but outside the default 30-day windows the Overview compares. Never in the
 * nine weeks before Christmas Eve or the five after, where the quiet week would blur the step:
 * then it moves back to early autumn.
 */
function launchDayOf(firstDay: number, todayStart: number): number {
  let day = tuesdayOnOrBefore(todayStart - LAUNCH_DAYS_AGO * DAY)
  const year = new Date(day).getUTCFullYear()
  for (const eve of [Date.UTC(year - 1, 11, 24), Date.UTC(year, 11, 24)]) {
    if (day > eve - 63 * DAY && day < eve + 35 * DAY) day = tuesdayOnOrBefore(eve - 63 * DAY)
  }
  return Math.round((day - firstDay) / DAY)
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

/**
 * Draws in [0, 1) spread evenly over any run of consecutive calls (golden-ratio steps with a
 * little jitter from `random`): for outcomes whose share should hold month by month, not only
 * over the year, where a few hundred independent draws would wobble by a third.
 */
function createEvenDraw(random: Random): Random {
  let state = random()
  return () => {
    state = (state + 0.6180339887498949) % 1
    const draw = state + (random() - 0.5) * 0.01
    return draw - Math.floor(draw)
  }
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
const CALL_HOUR_CUMULATIVE = cumulativeOf(CALL_HOUR_WEIGHTS)

/** The share of a day's usual activity (its hourly profile, `cumulative`) before `offset` ms into it. */
function passedShare(cumulative: Float64Array, offset: number): number {
  if (offset >= DAY) return 1
  const hour = Math.floor(offset / HOUR)
  const before = hour === 0 ? 0 : cumulative[hour - 1]!
  return before + (cumulative[hour]! - before) * ((offset - hour * HOUR) / HOUR)
}

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
  /** The rooms it opens during the year: [slug prefix, display prefix, where the names come from]. */
  readonly newRooms: readonly (readonly [string, string, RoomWords])[]
}

/** The second word of an opened room: a person (client, interviewee), a project, a topic. */
type RoomWords = 'people' | 'projects' | 'topics'

const WORKSPACES: readonly WorkspacePlan[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    share: 0.5,
    ageDays: 1150,
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
    newRooms: [
      ['webinar', 'Webinar', 'topics'],
      ['client', 'Client', 'people'],
      ['project', 'Project', 'projects'],
      ['interview', 'Interview', 'people'],
      ['workshop', 'Workshop', 'topics'],
    ],
  },
  {
    id: 'globex',
    name: 'Globex Corporation',
    share: 0.3,
    ageDays: 960,
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
    newRooms: [
      ['client', 'Client', 'people'],
      ['deal', 'Deal room', 'people'],
      ['training', 'Training', 'topics'],
      ['project', 'Project', 'projects'],
    ],
  },
  {
    id: 'initech',
    name: 'Initech',
    share: 0.2,
    ageDays: 820,
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
    newRooms: [
      ['client', 'Client', 'people'],
      ['support', 'Support', 'people'],
      ['project', 'Project', 'projects'],
    ],
  },
]

type CampaignStatus = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ARCHIVED'

interface CampaignPlan {
  readonly workspace: number
  readonly name: string
  readonly status: CampaignStatus
  readonly abTest?: { readonly name: string; readonly variants: readonly string[] }
  /** The campaign launch of the year (see `launchDayOf`): exactly one plan has it. */
  readonly launch?: true
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
  {
    workspace: 0,
    name: 'Product Launch',
    status: 'ACTIVE',
    abTest: { name: 'Headline', variants: ['Meet the new Acme', 'Built for teams'] },
    launch: true,
  },
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

/**
 * Days before now a campaign of each status was created, and how long it sent (null = still).
 * The launch campaign is the exception (see `launchDayOf`); the other active ones are evergreen
 * and older, so the launch is the workspace's newest active campaign, the Campaigns page's first.
 */
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
  ACTIVE: { ageDays: [200, 330], runDays: null },
  PAUSED: { ageDays: [90, 260], runDays: [40, 80] },
  COMPLETED: { ageDays: [150, 330], runDays: [45, 90] },
  ARCHIVED: { ageDays: [300, 360], runDays: [20, 40] },
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
const PROJECT_NAMES = words(`
  apollo borealis cobalt delta ember falcon granite harbor indigo juniper kestrel lumen
  meridian nimbus orion pulsar quartz redwood sierra tundra
`)
const ROOM_TOPICS = words(`
  onboarding pricing analytics security roadmap integrations reporting automation compliance
  migration
`)
const ROOM_WORDS: Readonly<Record<RoomWords, readonly string[]>> = {
  people: LAST_NAMES,
  projects: PROJECT_NAMES,
  topics: ROOM_TOPICS,
}

/** [utm_source, utm_medium, utm_campaign] */
type Utm = readonly [string, string | null, string | null]

/** [utm_source, utm_medium, utm_campaign] with how often each drives a visit. */
const UTM_SOURCES = new WeightedChoice<Utm>([
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

/** What the launch campaign's audience does: opens and clicks its emails, visits, fills the form. */
const LAUNCH_EVENT_TYPES = new WeightedChoice([
  ['page_view', 45],
  ['email_open', 30],
  ['email_click', 15],
  ['form_submit', 10],
] as const)
/** Where the launch campaign's visits come from (null: typed in, no UTM). */
const LAUNCH_UTM = new WeightedChoice<Utm | null>([
  [['newsletter', 'email', 'product_launch'], 50],
  [['twitter', 'social', 'product_launch'], 20],
  [['linkedin', 'social', 'product_launch'], 15],
  [null, 15],
])

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
/** The launch campaign is mostly email. */
const LAUNCH_CHANNELS = new WeightedChoice<Channel>([
  ['EMAIL', 70],
  ['PUSH', 12],
  ['IN_APP', 12],
  ['SMS', 6],
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
  /** The year's curve (season, growth, the quiet week, noise) of each window day. */
  readonly trend: Float64Array
  /** Relative activity of each window day: its trend and the weekly rhythm; today only its passed part. */
  readonly dayWeights: Float64Array
  /** The window day of the campaign launch (see `launchDayOf`). */
  readonly launchDay: number
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
  const trend = dayTrend(random, firstDay)
  const context: Context = {
    random,
    iso: createIsoFormatter(),
    emit,
    now,
    events,
    firstDay,
    todayStart,
    trend,
    dayWeights: dayWeightsOf({ trend, firstDay, now }, WEEKDAY_FACTOR, HOUR_CUMULATIVE),
    launchDay: launchDayOf(firstDay, todayStart),
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

/**
 * The year's curve of each window day: the season of the calendar day, steady growth
 * (YEARLY_GROWTH over a year), the holidays, and a little day-to-day noise.
 */
function dayTrend(random: Random, firstDay: number): Float64Array {
  const trend = new Float64Array(WINDOW_DAYS)
  for (let day = 0; day < WINDOW_DAYS; day++) {
    const start = firstDay + day * DAY
    const growth = YEARLY_GROWTH ** (-(WINDOW_DAYS - 1 - day) / 365)
    const noise = 0.9 + 0.2 * random()
    trend[day] = seasonOf(start) * holidayOf(start) * growth * noise
  }
  return trend
}

/**
 * Relative activity of each window day for something with this weekly rhythm and hourly
 * profile: the trend times the weekday's factor, and today only the part of it already passed.
 */
function dayWeightsOf(
  context: Pick<Context, 'trend' | 'firstDay' | 'now'>,
  weekday: readonly number[],
  hours: Float64Array,
): Float64Array {
  const weights = new Float64Array(WINDOW_DAYS)
  for (let day = 0; day < WINDOW_DAYS; day++) {
    const start = context.firstDay + day * DAY
    weights[day] = context.trend[day]! * weekday[weekdayOf(start)]!
  }
  const today = WINDOW_DAYS - 1
  const passed = context.now - (context.firstDay + today * DAY)
  weights[today] = weights[today]! * passedShare(hours, passed)
  return weights
}

/**
 * A moment on window day `day` at an hour drawn from the profile
 * `cumulative`; today, only among the hours already passed, in the same proportions.
 */
function momentOn(context: Context, day: number, cumulative = HOUR_CUMULATIVE): number {
  const { random } = context
  const start = context.firstDay + day * DAY
  const limit = Math.min(DAY, context.now - start)
  let offset = chooseIndex(random, cumulative) * HOUR + randomInt(random, 3600) * SECOND
  for (let redraw = 0; offset >= limit && redraw < 12; redraw++) {
    offset = chooseIndex(random, cumulative) * HOUR + randomInt(random, 3600) * SECOND
  }
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
  /** Per workspace: its contacts' indices, in creation order. */
  readonly members: readonly Int32Array[]
  /** Per workspace: membersBefore[w][d] = its contacts created before window day d. */
  readonly membersBefore: readonly Int32Array[]
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
  const memberLists = WORKSPACES.map((): number[] => [])
  const membersBefore = WORKSPACES.map(() => new Int32Array(WINDOW_DAYS + 1))
  let index = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    createdBefore[day] = index
    buyersBefore[day] = buyerList.length
    memberLists.forEach(
      (list, workspaceIndex) => (membersBefore[workspaceIndex]![day] = list.length),
    )
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
      memberLists[home]!.push(index)
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
  memberLists.forEach(
    (list, workspaceIndex) => (membersBefore[workspaceIndex]![WINDOW_DAYS] = list.length),
  )
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
    members: memberLists.map((list) => Int32Array.from(list)),
    membersBefore,
  }
}

/** A contact of `workspace` created before window day `day`, recent ones likelier; -1 if none. */
function pickMember(random: Random, contacts: Contacts, workspace: number, day: number): number {
  const known = contacts.membersBefore[workspace]![day]!
  if (known === 0) return -1
  return contacts.members[workspace]![pickRecentLeaning(random, known)]!
}

/** Ids of something per workspace (booking pages, founding rooms), most popular first. */
type IdsByWorkspace = readonly (readonly number[])[]

/** The rooms: the founding ones every workspace had before the year, and those it opened since. */
interface Rooms {
  /** Per workspace: the founding rooms' ids, most popular first. */
  readonly founding: IdsByWorkspace
  /** Per workspace: the ids of the rooms opened during the window, in creation order. */
  readonly opened: readonly Int32Array[]
  /** Per workspace: openedBefore[w][d] = rooms it opened before window day d. */
  readonly openedBefore: readonly Int32Array[]
}

/**
 * The founding rooms (the most used; set up more than two years ago, so a comparison of the
 * year with the one before counts only the year's), then the rooms the workspaces open all
 * through the year (a webinar, a client, a project), about 2.5 a week at the medium size, on
 * the year's curve and in turn by their shares, so every month has some in each. Ids follow
 * emission: founding first, then the opened ones by creation.
 */
function emitRooms(context: Context): Rooms {
  const { random, iso } = context
  let id = 0
  const founding = WORKSPACES.map((workspace) =>
    workspace.rooms.map(([slug, displayName]) => {
      id++
      context.emit('rooms', {
        id,
        workspace_id: workspace.id,
        name: slug,
        display_name: displayName,
        created_at: iso(daysAgo(context, 2 * WINDOW_DAYS + 5, workspace.ageDays - 10)),
      })
      return id
    }),
  )
  const perDay = allocate(
    Math.min(160, Math.max(72, Math.round(context.events / 800))),
    context.dayWeights,
  )
  const slugs = WORKSPACES.map((workspace) => new Set(workspace.rooms.map(([slug]) => slug)))
  const opened = WORKSPACES.map((): number[] => [])
  const openedBefore = WORKSPACES.map(() => new Int32Array(WINDOW_DAYS + 1))
  let made = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    opened.forEach((ids, index) => (openedBefore[index]![day] = ids.length))
    for (let count = 0; count < perDay[day]!; count++) {
      // The workspace furthest behind its share opens the next one, so each opens rooms steadily.
      made++
      let home = 0
      let behind = Number.NEGATIVE_INFINITY
      WORKSPACES.forEach((workspace, index) => {
        const gap = workspace.share * made - opened[index]!.length + 0.3 * random()
        if (gap > behind) {
          behind = gap
          home = index
        }
      })
      const workspace = WORKSPACES[home]!
      const [prefix, label, source] = pickOne(random, workspace.newRooms)
      const word = pickOne(random, ROOM_WORDS[source])
      const base = `${prefix}-${word.toLowerCase()}`
      let slug = base
      for (let serial = 2; slugs[home]!.has(slug); serial++) slug = `${base}-${serial}`
      slugs[home]!.add(slug)
      id++
      context.emit('rooms', {
        id,
        workspace_id: workspace.id,
        name: slug,
        display_name:
          random() < 0.15 ? null : `${label}: ${word.charAt(0).toUpperCase()}${word.slice(1)}`,
        created_at: iso(momentOn(context, day)),
      })
      opened[home]!.push(id)
    }
  }
  WORKSPACES.forEach((_, index) => (openedBefore[index]![WINDOW_DAYS] = opened[index]!.length))
  return { founding, opened: opened.map((ids) => Int32Array.from(ids)), openedBefore }
}

/**
 * A room of `workspace` in use on window day `day`: mostly a founding one (the popular first),
 * a quarter of the time one it opened before that day (the recent likelier).
 */
function pickRoom(random: Random, rooms: Rooms, workspace: number, day: number): number {
  const opened = rooms.openedBefore[workspace]![day]!
  if (opened > 0 && random() < 0.25) {
    return rooms.opened[workspace]![pickRecentLeaning(random, opened)]!
  }
  const ids = rooms.founding[workspace]!
  return ids[pickPopular(random, ids.length)]!
}

function emitRecordings(context: Context, rooms: Rooms): void {
  const { random } = context
  const count = Math.min(3000, Math.max(150, Math.round(context.events / 100)))
  const perDay = allocate(count, context.dayWeights)
  let id = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    for (let made = 0; made < perDay[day]!; made++) {
      const room = pickRoom(random, rooms, pickWorkspace(random), day)
      const length = random()
      // A few recordings failed to capture anything; most run 5 to 90 minutes.
      const duration = random() < 0.02 ? 0 : Math.round(120 + length * length * 5280)
      context.emit('recordings', {
        id: ++id,
        room_id: room,
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
        created_at: context.iso(daysAgo(context, WINDOW_DAYS + 5, workspace.ageDays - 5)),
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
  rooms: Rooms,
  bookingPages: IdsByWorkspace,
): void {
  const { random, iso, emit, launchDay } = context
  const visitorCount = Math.max(100, Math.round(context.events / 12))
  const visitorWorkspace = new Uint8Array(visitorCount)
  for (let visitor = 0; visitor < visitorCount; visitor++)
    visitorWorkspace[visitor] = pickWorkspace(random)
  // From the launch on, a step up: the launch campaign's opens, clicks and visits.
  const trafficWeights = context.dayWeights.map((weight, day) =>
    day >= launchDay ? weight * LAUNCH_TRAFFIC : weight,
  )
  const trafficPerDay = allocate(context.events - 2 * contacts.trackedCount, trafficWeights)
  const launchShare = 1 - 1 / LAUNCH_TRAFFIC
  const launchWorkspace = CAMPAIGNS.find((plan) => plan.launch === true)!.workspace
  let serial = 0
  let day = 0

  const push = (
    workspace: number,
    contactId: string | null,
    visitorId: string | null,
    eventType: string,
    at: number,
    launchUtm?: Utm | null,
  ): void => {
    let roomId: number | null = null
    let bookingPageId: number | null = null
    if (eventType === 'room_join') {
      roomId = pickRoom(random, rooms, workspace, day)
    } else if (eventType === 'booking') {
      const ids = bookingPages[workspace]!
      bookingPageId = ids[pickPopular(random, ids.length)]!
    }
    let utm: Utm | null = null
    const utmShare = UTM_SHARE[eventType]
    if (launchUtm !== undefined) utm = launchUtm
    else if (utmShare !== undefined && random() < utmShare) utm = UTM_SOURCES.pick(random)
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

  for (day = 0; day < WINDOW_DAYS; day++) {
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
      if (day >= launchDay && random() < launchShare) {
        const index = pickMember(random, contacts, launchWorkspace, day)
        if (index >= 0) {
          const eventType = LAUNCH_EVENT_TYPES.pick(random)
          const utm =
            eventType === 'page_view' || eventType === 'form_submit'
              ? LAUNCH_UTM.pick(random)
              : null
          push(launchWorkspace, contacts.ids[index]!, null, eventType, at, utm)
          continue
        }
      }
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
  /** When it started sending: its creation, or for the launch campaign the launch day. */
  readonly startsAt: number
  /** When it stopped sending (now for ones still running, createdAt for drafts). */
  readonly endsAt: number
  readonly launch: boolean
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
    const launch = plan.launch === true
    // The launch campaign was drafted the week before the launch day and has sent since.
    const launchStart = context.firstDay + context.launchDay * DAY
    const createdAt = launch
      ? launchStart - 6 * DAY + 9 * HOUR + randomInt(context.random, 8 * 3600) * SECOND
      : daysAgo(context, lifetime.ageDays[0], lifetime.ageDays[1])
    const startsAt = launch ? launchStart : createdAt
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
    return {
      id,
      workspace: plan.workspace,
      status: plan.status,
      createdAt,
      startsAt,
      endsAt,
      launch,
      abTest,
    }
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

/**
 * About a third of the contacts join, within days of signing up, one campaign of their workspace
 * that was sending then (or started in the fortnight after), so enrollments follow signups. The
 * launch campaign adds its own: a wave of the workspace's existing contacts in the weeks after
 * the launch, then nearly half of those who sign up after it, so enrollments step up at the
 * launch.
 */
function emitEnrollments(
  context: Context,
  contacts: Contacts,
  campaigns: readonly Campaign[],
): void {
  const { random } = context
  const planned: { contact: number; campaign: Campaign; enrolledAt: number }[] = []
  const eligible: Campaign[] = []
  const launch = campaigns.find((campaign) => campaign.launch)!
  for (let index = 0; index < contacts.count; index++) {
    const created = contacts.createdAt[index]!
    let joined: Campaign | null = null
    if (random() < 0.35) {
      eligible.length = 0
      for (const campaign of campaigns) {
        if (
          campaign.workspace === contacts.workspace[index] &&
          campaign.status !== 'DRAFT' &&
          campaign.startsAt <= created + 14 * DAY &&
          campaign.endsAt > created
        ) {
          eligible.push(campaign)
        }
      }
      if (eligible.length > 0) {
        joined = pickOne(random, eligible)
        const from = Math.max(created, joined.startsAt)
        const enrolledAt = from + Math.floor(random() * Math.min(5 * DAY, joined.endsAt - from))
        planned.push({ contact: index, campaign: joined, enrolledAt })
      }
    }
    if (joined === launch || contacts.workspace[index] !== launch.workspace) continue
    if (created < launch.startsAt) {
      if (random() < 0.3) {
        const wave = random()
        const enrolledAt = clampToNow(context, launch.startsAt + Math.floor(wave * wave * 21 * DAY))
        planned.push({ contact: index, campaign: launch, enrolledAt })
      }
    } else if (random() < 0.45) {
      const enrolledAt = clampToNow(context, created + Math.floor(random() * 2 * DAY))
      planned.push({ contact: index, campaign: launch, enrolledAt })
    }
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
  const { random, iso, launchDay } = context
  const total = Math.max(300, Math.round(context.events / 5))
  const launch = campaigns.find((campaign) => campaign.launch)!
  // The launch campaign's sends on top of the ordinary ones: a blast on the day, then steady.
  const launchWeights = context.dayWeights.map((weight, day) =>
    day < launchDay
      ? 0
      : weight * LAUNCH_MESSAGES * (day === launchDay ? 3 : day === launchDay + 1 ? 1.8 : 1),
  )
  const perDay = allocate(
    total,
    context.dayWeights.map((weight, day) => weight + launchWeights[day]!),
  )
  const coverage = new Coverage(MESSAGE_STATUSES)
  const eligible: Campaign[] = []
  let serial = 0
  for (let day = 0; day < WINDOW_DAYS; day++) {
    const known = contacts.createdBefore[day]!
    const launchCount = Math.round(
      (perDay[day]! * launchWeights[day]!) / (context.dayWeights[day]! + launchWeights[day]! || 1),
    )
    for (let made = 0; made < perDay[day]!; made++) {
      const createdAt = momentOn(context, day)
      let contact = made < launchCount ? pickMember(random, contacts, launch.workspace, day) : -1
      let campaign: Campaign | null = null
      let channel: Channel
      let workspace = launch.workspace
      if (contact >= 0) {
        campaign = launch
        channel = LAUNCH_CHANNELS.pick(random)
      } else {
        if (known > 0 && random() >= 0.04) contact = pickRecentLeaning(random, known)
        workspace = contact >= 0 ? contacts.workspace[contact]! : pickWorkspace(random)
        if (random() < 0.85) {
          eligible.length = 0
          for (const candidate of campaigns) {
            if (
              candidate.workspace === workspace &&
              candidate.status !== 'DRAFT' &&
              candidate.startsAt <= createdAt &&
              createdAt <= candidate.endsAt
            ) {
              eligible.push(candidate)
            }
          }
          if (eligible.length > 0) campaign = pickOne(random, eligible)
        }
        channel = CHANNELS.pick(random)
      }
      const test = campaign?.abTest ?? null
      const variantId = test !== null && random() < 0.8 ? pickOne(random, test.variantIds) : null
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
      created_at: context.iso(daysAgo(context, WINDOW_DAYS + 40, WINDOW_DAYS + 140)),
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
        created_at: context.iso(daysAgo(context, WINDOW_DAYS + 2, WINDOW_DAYS + 35)),
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
 * leads to calls (retries until someone answers). Runs start in office hours on
 * weekdays, on the year's curve. Tasks of the last three hours are still pending
 * or in progress; a call takes minutes, so older ones are mostly done.
 */
function emitTasksAndCalls(context: Context, spaces: readonly Space[]): void {
  const { random, iso } = context
  const total = Math.min(4000, Math.max(480, Math.round(context.events / 40)))
  const perDay = allocate(total, dayWeightsOf(context, CALL_WEEKDAY_FACTOR, CALL_HOUR_CUMULATIVE))
  const contactSpaces = spaces.filter((space) => space.isContactSpace)
  const otherSpaces = spaces.filter((space) => !space.isContactSpace)
  const coverage = new Coverage(TASK_STATUSES)
  const tasks: Task[] = []
  let runSerial = 0
  let runs = 0
  // Finished tasks succeed and fail in steady shares, week by week.
  const olderDraw = createEvenDraw(random)
  for (let day = 0; day < WINDOW_DAYS; day++) {
    let left = perDay[day]!
    while (left > 0) {
      const size = Math.min(left, 1 + randomInt(random, 8))
      left -= size
      // Half the runs take the contact spaces in turn, so every one calls every week or so.
      const space =
        otherSpaces.length > 0 && random() < 0.08
          ? pickOne(random, otherSpaces)
          : random() < 0.5
            ? contactSpaces[runs % contactSpaces.length]!
            : pickOne(random, contactSpaces)
      runs++
      // Most tasks come from a run; a few were created by hand.
      const runId = random() < 0.9 ? padId('run_', ++runSerial, 5) : null
      const runStart = momentOn(context, day, CALL_HOUR_CUMULATIVE)
      for (let member = 0; member < size; member++) {
        const createdAt = clampToNow(context, runStart + member * randomInt(random, 60) * SECOND)
        const drawn =
          context.now - createdAt < 3 * HOUR
            ? RECENT_TASK_STATUSES.pick(random)
            : OLDER_TASK_STATUSES.pick(olderDraw)
        const status = coverage.take(drawn, total - tasks.length)
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
      const inbound = clampToNow(context, task.createdAt + Math.floor(random() * 6 * HOUR))
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
  ['completed', 72],
  ['cancelled', 12],
  ['no_show', 7],
  ['rejected', 4],
  ['pending', 2.5],
  ['scheduled', 2.5],
])
const UPCOMING_BOOKING_STATUSES = new WeightedChoice<BookingStatus>([
  ['scheduled', 80],
  ['pending', 10],
  ['cancelled', 7],
  ['rejected', 3],
])
const CALENDAR_EVENT_CHOICE = new WeightedChoice(
  CALENDAR_EVENTS.map((event) => [event, event.weight] as const),
)
/** The longest lead time, three weeks: with the slot's wait, upcoming meetings start within 25 days. */
const MAX_LEAD_DAYS = 21

interface Meeting {
  /** When its first guest booked it. */
  readonly bookedAt: number
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
 * The first bookable slot at or after `earliest`: half hours from 08:00 to 17:30 UTC on weekdays
 * (and the odd Saturday), busiest mid-day among the slots still open that day.
 */
function slotAfter(random: Random, earliest: number): number {
  for (let day = Math.floor(earliest / DAY) * DAY; ; day += DAY) {
    const weekday = weekdayOf(day)
    if (weekday === 0 || (weekday === 6 && random() >= 0.1)) continue
    const first = Math.max(0, Math.ceil((earliest - day - 8 * HOUR) / (30 * MINUTE)))
    if (first > 19) continue
    const slot = first + Math.floor(((random() + random()) / 2) * (20 - first))
    return day + 8 * HOUR + slot * 30 * MINUTE
  }
}

/**
 * Meetings as people book them: each booked on a window day, on the year's curve (the data
 * start a year ago, bookings too), for a slot a lead time later: the same day or the next for a
 * quarter, a few days for most, up to three weeks for a few. So the
 * upcoming calendar was filled over the past weeks and thins out the further ahead it is, and
 * bookings are created at the same pace up to today. About one in 16 is a group meeting of 2
 * to 4 guests: separate bookings sharing a group_id, booked between the first booking and the
 * meeting. Guests come from a pool, so emails repeat across bookings. A few bookings point at a
 * calendar event that was deleted.
 */
function emitBookingsAndActivities(context: Context): void {
  const { random, iso, now } = context
  const meetingCount = Math.min(6000, Math.max(600, Math.round(10 * Math.sqrt(context.events))))
  const perDay = allocate(meetingCount, context.dayWeights)
  const meetings: Meeting[] = []
  // The half hours each host is taken, as halfHourIndex * 16 + hostId: a host's meetings never overlap.
  const taken = new Set<number>()
  const halfHours = (start: number, minutes: number, hostId: number): number[] => {
    const first = Math.floor(start / (30 * MINUTE))
    return Array.from(
      { length: Math.ceil(minutes / 30) },
      (_, index) => (first + index) * 16 + hostId,
    )
  }
  for (let day = 0; day < WINDOW_DAYS; day++) {
    for (let made = 0; made < perDay[day]!; made++) {
      const bookedAt = momentOn(context, day)
      const event = CALENDAR_EVENT_CHOICE.pick(random)
      const minutes = event.durationMinutes ?? 30
      const lead = random()
      let start = slotAfter(
        random,
        bookedAt + HOUR + Math.floor(lead * lead * lead * MAX_LEAD_DAYS * DAY),
      )
      for (;;) {
        // A meeting running right now would be neither past nor upcoming: it moves to the same
        // time on the next weekday.
        if (start <= now && start + minutes * MINUTE > now) {
          start += DAY
          while (weekdayOf(start) === 0 || weekdayOf(start) === 6) start += DAY
        } else if (halfHours(start, minutes, event.hostId).some((slot) => taken.has(slot))) {
          start = slotAfter(random, start + 30 * MINUTE)
        } else break
      }
      for (const slot of halfHours(start, minutes, event.hostId)) taken.add(slot)
      meetings.push({
        bookedAt,
        start,
        end: start + minutes * MINUTE,
        eventId: event.id,
        hostId: random() < 0.03 ? null : event.hostId,
        isGroup: random() < 0.06,
        status: 'scheduled',
        upcoming: start > now,
      })
    }
  }
  // Statuses are dealt in booking order, so each month's bookings get their fair shares.
  const inBookingOrder = meetings.slice()
  meetings.sort((a, b) => a.start - b.start)
  const pastCount = meetings.filter((meeting) => !meeting.upcoming).length
  const upcomingCount = meetings.length - pastCount

  // Guarantees for the reports: a group meeting in the past and one among the next few
  // upcoming (the one booked longest ago, so its guests did not all book in the last days);
  // the next-but-one and two past meetings lost their calendar event.
  const forcedScheduled = new Set<Meeting>()
  if (pastCount > 0) meetings[Math.floor(pastCount / 2)]!.isGroup = true
  if (upcomingCount > 0) {
    let group = meetings[pastCount]!
    for (let index = pastCount + 2; index < Math.min(meetings.length, pastCount + 6); index++) {
      if (meetings[index]!.bookedAt < group.bookedAt) group = meetings[index]!
    }
    group.isGroup = true
    forcedScheduled.add(group)
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
  const pastDraw = createEvenDraw(random)
  const upcomingDraw = createEvenDraw(random)
  for (const meeting of inBookingOrder) {
    if (meeting.upcoming) {
      const remaining = upcomingCount - upcomingSeen++
      meeting.status = forcedScheduled.has(meeting)
        ? upcomingCoverage.take('scheduled', Number.POSITIVE_INFINITY)
        : upcomingCoverage.take(UPCOMING_BOOKING_STATUSES.pick(upcomingDraw), remaining)
    } else {
      meeting.status = pastCoverage.take(
        PAST_BOOKING_STATUSES.pick(pastDraw),
        pastCount - pastSeen++,
      )
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
    const guests = meeting.isGroup ? 2 + randomInt(random, 3) : 1
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
      // The first guest made the booking; the others, invited, booked within two days (before
      // the meeting, and before now).
      const createdAt =
        guestIndex === 0
          ? meeting.bookedAt
          : meeting.bookedAt +
            Math.floor(
              random() *
                Math.max(
                  0,
                  Math.min(meeting.bookedAt + 2 * DAY, meeting.start - HOUR, now) -
                    meeting.bookedAt,
                ),
            )
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
