// A seeded random dataset for the reference comparison (random.test.ts): small, but built to hit
// the edges the spec names. Rule behind each choice: DATA.md (actor = contact_id else
// visitor_id; "the last N days" starts at local midnight of today-(N-1) and ends at now;
// bookings.event_id may dangle) and API.md sections 1-4 (window boundaries, ties, NULL UTM
// values, repeated funnel steps, group bookings, equal created_at among activities). Records
// are written exactly as the import format takes them: JSON arrays, ISO timestamps.
import type {
  AbTestRecord,
  AbVariantRecord,
  BookingActivityRecord,
  BookingRecord,
  CallRecord,
  CampaignRecord,
  ContactEventRecord,
  ContactRecord,
  MessageRecord,
  ReferenceDataset,
  TaskRecord,
} from './reference'
import { addDays, dayOf, startOfDay } from './reference'

/** "Now" of the comparison: a Wednesday. */
export const NOW = Date.parse('2026-03-25T12:00:00Z')
export const TODAY = dayOf(NOW)
/** The windows the comparison asks for. */
export const WINDOW_DAYS = [1, 7, 30, 90, 365] as const
export const EVENT_TYPES = [
  'page_view',
  'signup',
  'booking',
  'room_join',
  'purchase',
  'download',
  'trial',
] as const

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** mulberry32: small, fast, good enough for test data. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Random {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = randomSource(seed)
  }
  float(): number {
    return this.next()
  }
  chance(probability: number): boolean {
    return this.next() < probability
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing')
    return items[Math.floor(this.next() * items.length)]!
  }
  pickOrNull<T>(items: readonly T[]): T | null {
    return items.length === 0 ? null : this.pick(items)
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1))
      ;[copy[index], copy[other]] = [copy[other]!, copy[index]!]
    }
    return copy
  }
  /**
   * An instant between `daysAgo` days before today and `daysAhead` days after: often exactly at
   * a day boundary (00:00:00.000 or the day's last millisecond / second), at now or just after
   * it; else a whole second of the day.
   */
  instant(daysAgo: number, daysAhead: number, wholeSeconds = false): number {
    const day = addDays(TODAY, this.int(-daysAgo, daysAhead))
    const start = startOfDay(day)
    const roll = this.next()
    if (roll < 0.08) return start
    if (roll < 0.14) return start + DAY - (wholeSeconds ? SECOND : 1)
    if (roll < 0.16) return NOW
    if (roll < 0.18) return NOW + (wholeSeconds ? SECOND : 1)
    return start + this.int(0, 86_399) * SECOND
  }
}

/** The first instant of the window of the last N days. */
function windowStart(days: number): number {
  return startOfDay(addDays(TODAY, -(days - 1)))
}

export function generateDataset(seed: number): ReferenceDataset {
  const random = new Random(seed)
  /** A timestamp in one of the spellings DATA.md accepts; mostly ISO with Z. */
  const iso = (instant: number): string => {
    const utc = new Date(instant).toISOString()
    const roll = random.float()
    if (roll < 0.15) {
      const offsetMinutes = random.pick([120, -300, 330, 840, -720])
      const local = new Date(instant + offsetMinutes * MINUTE).toISOString().slice(0, 23)
      const sign = offsetMinutes < 0 ? '-' : '+'
      const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0')
      const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0')
      return `${local}${sign}${hours}:${minutes}`
    }
    if (roll < 0.25 && instant % SECOND === 0) {
      if (instant % DAY === 0) return utc.slice(0, 10)
      return utc.slice(0, 19).replace('T', ' ')
    }
    return utc
  }
  /** An enum value in the case the source happened to write it. */
  const spelled = (value: string): string => {
    const roll = random.float()
    if (roll < 0.08) return value.toLowerCase()
    if (roll < 0.12) return value.toUpperCase()
    if (roll < 0.15) return value.charAt(0).toUpperCase() + value.slice(1).toLowerCase()
    return value
  }
  const data: ReferenceDataset = {
    workspaces: [],
    contacts: [],
    rooms: [],
    recordings: [],
    booking_pages: [],
    contact_events: [],
    campaigns: [],
    enrollments: [],
    ab_tests: [],
    ab_variants: [],
    messages: [],
    organisations: [],
    spaces: [],
    tasks: [],
    calls: [],
    hosts: [],
    calendar_events: [],
    bookings: [],
    booking_activities: [],
  }

  // --- Workspaces: two busy ones and a small one ---------------------------------------------
  const workspaceIds = ['ws-alpha', 'ws-beta', 'ws-gamma']
  // A workspace with nothing but one idle campaign: every ratio divides by zero.
  const allWorkspaceIds = [...workspaceIds, 'ws-empty']
  const pickWorkspace = (): string => {
    const roll = random.float()
    return roll < 0.5 ? 'ws-alpha' : roll < 0.9 ? 'ws-beta' : 'ws-gamma'
  }
  for (const id of allWorkspaceIds) {
    data.workspaces.push({ id, name: `Workspace ${id}`, created_at: '2024-01-01T00:00:00Z' })
  }

  // --- Contacts: recent, some at window boundaries, some after now, some old -----------------
  const contactsOf = new Map<string, ContactRecord[]>(workspaceIds.map((id) => [id, []]))
  const addContact = (workspaceId: string, createdAt: number): void => {
    const n = data.contacts.length + 1
    const contact: ContactRecord = {
      id: `ct${n}`,
      workspace_id: workspaceId,
      email: random.chance(0.1) ? null : `person${n}@example.com`,
      first_name: random.chance(0.1) ? null : `First${n}`,
      last_name: random.chance(0.1) ? null : `Last${n}`,
      created_at: iso(createdAt),
    }
    data.contacts.push(contact)
    contactsOf.get(workspaceId)!.push(contact)
  }
  // Cohorts: most contacts arrive on a few busy days.
  const busyDays = Array.from({ length: 12 }, () => random.int(0, 45))
  for (let index = 0; index < 50; index++) {
    const day = addDays(TODAY, -random.pick(busyDays))
    const instant = startOfDay(day) + random.int(0, 86_399) * SECOND
    addContact(pickWorkspace(), random.chance(0.1) ? startOfDay(day) : instant)
  }
  for (let index = 0; index < 26; index++) addContact(pickWorkspace(), random.instant(125, 1))
  for (let index = 0; index < 4; index++) addContact(pickWorkspace(), random.instant(500, -200))
  for (const days of WINDOW_DAYS) {
    addContact(random.pick(workspaceIds), windowStart(days))
    addContact(random.pick(workspaceIds), windowStart(days) - 1)
  }
  for (const id of workspaceIds) {
    if (contactsOf.get(id)!.length === 0) addContact(id, random.instant(20, 0))
  }

  // --- Rooms, recordings, booking pages --------------------------------------------------------
  let roomId = random.int(1, 50)
  let pageId = random.int(1, 50)
  for (const workspaceId of workspaceIds) {
    const roomCount = workspaceId === 'ws-gamma' ? 1 : random.int(3, 7)
    for (let index = 0; index < roomCount; index++) {
      roomId += random.int(1, 3)
      data.rooms.push({
        id: roomId,
        workspace_id: workspaceId,
        name: `room-${roomId}`,
        display_name: random.chance(0.3) ? null : `Room ${roomId}`,
        created_at: iso(random.instant(300, 0)),
      })
      for (let recording = random.int(0, 4); recording > 0; recording--) {
        data.recordings.push({
          id: data.recordings.length + 1,
          room_id: roomId,
          duration: random.chance(0.15) ? 0 : random.int(1, 3600),
          created_at: iso(random.instant(300, 0)),
        })
      }
    }
    const pageCount = workspaceId === 'ws-gamma' ? 1 : random.int(3, 8)
    for (let index = 0; index < pageCount; index++) {
      pageId += random.int(1, 3)
      data.booking_pages.push({
        id: pageId,
        workspace_id: workspaceId,
        title: `Page ${pageId}`,
        slug: `page-${pageId}`,
        created_at: iso(random.instant(300, 0)),
      })
    }
  }

  // --- Contact events ----------------------------------------------------------------------------
  const visitorsOf = (workspaceId: string): string[] =>
    Array.from({ length: 10 }, (_, index) => `v-${workspaceId}-${index}`)
  const utmSources = ['google', 'newsletter', 'linkedin', 'Google']
  const utmMediums = [null, 'cpc', 'email', 'social']
  const utmCampaigns = [null, 'spring', 'launch']
  const events: ContactEventRecord[] = []
  const addEvent = (
    workspaceId: string,
    eventType: string,
    createdAt: number | null,
    forceUtm = false,
  ): void => {
    const contacts = contactsOf.get(workspaceId)!
    const roll = random.float()
    let contactId: string | null = null
    let visitorId: string | null = null
    if (roll < 0.65 && contacts.length > 0) {
      contactId = random.pick(contacts).id
      if (random.chance(0.15)) visitorId = random.pick(visitorsOf(workspaceId))
    } else if (roll < 0.9) {
      visitorId = random.pick(visitorsOf(workspaceId))
    }
    let timestamp = createdAt
    if (timestamp === null) {
      // Ties: the same actor acting twice in one instant.
      const actor = contactId ?? visitorId
      const earlier = events.filter(
        (event) =>
          event.workspace_id === workspaceId && (event.contact_id ?? event.visitor_id) === actor,
      )
      timestamp =
        earlier.length > 0 && random.chance(0.12)
          ? Date.parse(random.pick(earlier).created_at)
          : random.instant(125, 2)
    }
    const utm = forceUtm || random.chance(0.45)
    const orphanUtm = !utm && random.chance(0.08)
    events.push({
      id: `ev${events.length + 1}`,
      workspace_id: workspaceId,
      contact_id: contactId,
      visitor_id: visitorId,
      event_type: eventType,
      room_id:
        eventType === 'room_join' && random.chance(0.85)
          ? (random.pickOrNull(data.rooms.filter((room) => room.workspace_id === workspaceId))
              ?.id ?? null)
          : null,
      booking_page_id:
        eventType === 'booking' && random.chance(0.85)
          ? (random.pickOrNull(
              data.booking_pages.filter((page) => page.workspace_id === workspaceId),
            )?.id ?? null)
          : null,
      utm_source: utm ? random.pick(utmSources) : null,
      utm_medium: utm || orphanUtm ? random.pick(utmMediums) : null,
      utm_campaign: utm || orphanUtm ? random.pick(utmCampaigns) : null,
      created_at: iso(timestamp),
    })
  }
  const weightedType = (): string => {
    const roll = random.float()
    if (roll < 0.3) return 'page_view'
    if (roll < 0.45) return 'signup'
    if (roll < 0.6) return 'booking'
    if (roll < 0.75) return 'room_join'
    if (roll < 0.87) return 'purchase'
    if (roll < 0.94) return 'download'
    return 'trial'
  }
  for (let index = 0; index < 1450; index++) addEvent(pickWorkspace(), weightedType(), null)
  for (const workspaceId of workspaceIds) {
    for (const eventType of EVENT_TYPES) addEvent(workspaceId, eventType, random.instant(400, 0))
    for (const days of WINDOW_DAYS) {
      addEvent(workspaceId, random.pick(EVENT_TYPES), windowStart(days), true)
      addEvent(workspaceId, random.pick(EVENT_TYPES), windowStart(days) - 1, true)
    }
    // Free-text types are exact: 'Signup' is not 'signup'.
    for (let index = 0; index < 6; index++) addEvent(workspaceId, 'Signup', null)
    addEvent(workspaceId, 'purchase', NOW, true)
    addEvent(workspaceId, 'purchase', NOW + 1, true)
  }
  data.contact_events = random.shuffle(events)

  // --- Campaigns, enrollments, A/B tests, messages ---------------------------------------------
  const campaignStatuses = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED']
  let abTestNumber = random.int(5, 9)
  let variantNumber = random.int(5, 9)
  const variantsOfCampaign = new Map<string, AbVariantRecord[]>()
  for (const workspaceId of workspaceIds) {
    const campaignCount = workspaceId === 'ws-gamma' ? 1 : random.int(2, 4)
    for (let index = 0; index < campaignCount; index++) {
      const campaign: CampaignRecord = {
        id: `cmp${data.campaigns.length + 1}`,
        workspace_id: workspaceId,
        name: `Campaign ${data.campaigns.length + 1}`,
        status: spelled(random.pick(campaignStatuses)),
        created_at: iso(random.instant(200, 0)),
      }
      data.campaigns.push(campaign)
      const contacts = contactsOf.get(workspaceId)!
      for (let enrollment = random.int(0, 14); enrollment > 0; enrollment--) {
        const enrolledAt = random.chance(0.1)
          ? windowStart(random.pick(WINDOW_DAYS)) - (random.chance(0.5) ? 1 : 0)
          : random.instant(125, 1)
        const status = random.pick(['ACTIVE', 'COMPLETED', 'EXITED'])
        data.enrollments.push({
          id: `en${data.enrollments.length + 1}`,
          campaign_id: campaign.id,
          contact_id: random.pick(contacts).id,
          status: spelled(status),
          enrolled_at: iso(enrolledAt),
          completed_at: status === 'COMPLETED' ? iso(enrolledAt + random.int(1, 20) * DAY) : null,
        })
      }
      const variants: AbVariantRecord[] = []
      for (let test = random.int(0, 2); test > 0; test--) {
        abTestNumber += random.int(1, 4)
        const abTest: AbTestRecord = {
          id: `ab${abTestNumber}`,
          campaign_id: campaign.id,
          name: `Test ${abTestNumber}`,
        }
        data.ab_tests.push(abTest)
        for (let variant = random.int(0, 3); variant > 0; variant--) {
          variantNumber += random.int(1, 4)
          const record = { id: `var${variantNumber}`, ab_test_id: abTest.id, name: `V${variant}` }
          data.ab_variants.push(record)
          variants.push(record)
        }
      }
      variantsOfCampaign.set(campaign.id, variants)
    }
  }
  const channels = ['EMAIL', 'SMS', 'PUSH', 'IN_APP', 'WEBHOOK']
  const messageStatuses = ['QUEUED', 'SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'BOUNCED', 'FAILED']
  const addMessage = (workspaceId: string, createdAt: number): void => {
    const campaigns = data.campaigns.filter((campaign) => campaign.workspace_id === workspaceId)
    const campaign = random.chance(0.85) ? random.pickOrNull(campaigns) : null
    const variants = campaign === null ? [] : variantsOfCampaign.get(campaign.id)!
    const status = random.pick(messageStatuses)
    const step = (from: number): number =>
      from + (random.chance(0.1) ? 0 : random.int(1, 3 * 24 * 60) * MINUTE)
    const message: MessageRecord = {
      id: `msg${data.messages.length + 1}`,
      workspace_id: workspaceId,
      campaign_id: campaign?.id ?? null,
      contact_id: random.chance(0.85) ? random.pick(contactsOf.get(workspaceId)!).id : null,
      variant_id: variants.length > 0 && random.chance(0.7) ? random.pick(variants).id : null,
      channel: spelled(random.pick(channels)),
      status: spelled(status),
      created_at: iso(createdAt),
      sent_at: null,
      delivered_at: null,
      opened_at: null,
      clicked_at: null,
    }
    // Milestones consistent with the latest state.
    const sent = status !== 'QUEUED' && !(status === 'FAILED' && random.chance(0.5))
    if (sent) {
      const sentAt = step(createdAt)
      message.sent_at = iso(sentAt)
      if (['DELIVERED', 'OPENED', 'CLICKED'].includes(status)) {
        const deliveredAt = step(sentAt)
        message.delivered_at = iso(deliveredAt)
        if (status === 'OPENED' || status === 'CLICKED') {
          const openedAt = random.chance(0.1)
            ? startOfDay(dayOf(deliveredAt)) + DAY
            : step(deliveredAt)
          message.opened_at = iso(openedAt)
          if (status === 'CLICKED') message.clicked_at = iso(step(openedAt))
        }
      }
    }
    data.messages.push(message)
  }
  for (let index = 0; index < 430; index++) addMessage(pickWorkspace(), random.instant(125, 1))
  for (const days of WINDOW_DAYS) {
    addMessage(random.pick(workspaceIds), windowStart(days))
    addMessage(random.pick(workspaceIds), windowStart(days) - 1)
  }
  data.messages = random.shuffle(data.messages)
  data.campaigns.push({
    id: 'cmp-idle',
    workspace_id: 'ws-empty',
    name: 'Idle',
    status: 'ACTIVE',
    created_at: iso(NOW - 3 * DAY),
  })
  data.ab_tests.push({ id: 'ab-idle', campaign_id: 'cmp-idle', name: 'Idle test' })
  data.ab_variants.push(
    { id: 'var-idle-b', ab_test_id: 'ab-idle', name: 'B' },
    { id: 'var-idle-a', ab_test_id: 'ab-idle', name: 'A' },
  )

  // --- Organisations, spaces, tasks, calls -----------------------------------------------------
  data.organisations.push(
    {
      id: 'org-n',
      name: 'North',
      domain_handle: 'north.example',
      created_at: '2025-01-01T00:00:00Z',
    },
    {
      id: 'org-s',
      name: 'South',
      domain_handle: 'south.example',
      created_at: '2025-01-01T00:00:00Z',
    },
  )
  const space = (id: string, organisation: string, token: string, contentType: string) => ({
    id,
    organisation_id: organisation,
    token,
    name: `Space ${id}`,
    content_type: contentType,
    created_at: '2025-02-01T00:00:00Z',
  })
  data.spaces.push(
    space('sp-n1', 'org-n', 'TOKN1', 'contact'),
    space('sp-n2', 'org-n', 'TOKN2', 'contact'),
    space('sp-n3', 'org-n', 'TOKN3', 'document'),
    space('sp-s1', 'org-s', 'TOKS1', 'contact'),
    space('sp-s2', 'org-s', 'TOKS2', 'knowledge_base'),
    space('sp-s3', 'org-s', 'TOKS3', 'contact'),
  )
  // An organisation whose only space is not a contact space: all zeros.
  data.organisations.push({
    id: 'org-e',
    name: 'East',
    domain_handle: 'east.example',
    created_at: '2025-01-01T00:00:00Z',
  })
  data.spaces.push(space('sp-e1', 'org-e', 'TOKE1', 'document'))
  const busySpaces = ['sp-n1', 'sp-n2', 'sp-n3', 'sp-s1', 'sp-s2', 'sp-e1']
  const taskStatuses = ['pending', 'in_progress', 'completed', 'failed', 'running', 'Completed']
  const tasks: TaskRecord[] = []
  for (let index = 0; index < 70; index++) {
    tasks.push({
      id: `task${index + 1}`,
      space_id: random.pick(busySpaces),
      run_id: random.chance(0.3) ? null : `run${random.int(1, 6)}`,
      status: random.pick(taskStatuses),
      created_at: iso(random.instant(200, 0, true)),
    })
  }
  data.tasks = tasks
  const outcomes = [
    'interested',
    'call_back',
    'send_details',
    'not_interested',
    'not_connected',
    'failed',
    'voicemail',
    null,
    'Call Back',
    'Not Interested',
    'InterestedIn',
    'not-connected',
  ]
  for (let index = 0; index < 160; index++) {
    const spaceId = random.pick(busySpaces)
    const call: CallRecord = {
      id: `call${index + 1}`,
      space_id: spaceId,
      task_id: random.chance(0.5)
        ? (random.pickOrNull(tasks.filter((task) => task.space_id === spaceId))?.id ?? null)
        : null,
      status: spelled(random.pick(['completed', 'failed', 'not_connected', 'in_progress'])),
      outcome: random.pick(outcomes),
      duration_seconds: random.chance(0.2)
        ? null
        : random.chance(0.5)
          ? random.int(0, 600)
          : random.int(0, 1200) / 2,
      success_score: random.chance(0.25)
        ? null
        : random.chance(0.5)
          ? random.int(0, 100)
          : random.int(0, 1000) / 10,
      created_at: iso(random.instant(200, 0, true)),
    }
    data.calls.push(call)
  }

  // --- Hosts, calendar events, bookings ---------------------------------------------------------
  data.hosts.push(
    { id: 1, name: 'Hana Host', email: 'hana@example.com' },
    { id: 2, name: 'Ivo Host', email: null },
    { id: 3, name: 'Jun Host', email: 'jun@example.com' },
  )
  data.calendar_events.push(
    { id: 1, host_id: 1, title: 'Intro Call', duration_minutes: 30 },
    { id: 2, host_id: 2, title: 'Demo', duration_minutes: 60 },
    { id: 3, host_id: 3, title: 'Workshop', duration_minutes: null },
    { id: 4, host_id: 1, title: 'Office Hours', duration_minutes: 45 },
  )
  const missingEventId = 99
  const hostOfEvent = (eventId: number | null): number | null =>
    data.calendar_events.find((event) => event.id === eventId)?.host_id ?? random.int(1, 3)
  // Guests come back, their e-mail not always spelled the same case.
  const guestEmail = (): string => {
    const email = `guest${random.int(1, 45)}@example.com`
    return random.chance(0.2) ? email.toUpperCase() : email
  }
  const bookingStatuses = ['scheduled', 'completed', 'cancelled', 'pending', 'rejected', 'no_show']
  const bookings: BookingRecord[] = []
  const addBooking = (fields: {
    createdAt: number
    startTime: number
    status: string
    eventId?: number | null
    groupId?: string | null
    endTime?: number
  }): BookingRecord => {
    const id = bookings.length + 1
    const eventId =
      fields.eventId !== undefined
        ? fields.eventId
        : random.chance(0.1)
          ? missingEventId
          : random.chance(0.05)
            ? null
            : random.int(1, 4)
    const named = fields.status === 'scheduled' || random.chance(0.9)
    const booking: BookingRecord = {
      id,
      event_id: eventId,
      host_id: hostOfEvent(eventId),
      group_id: fields.groupId ?? null,
      status: spelled(fields.status),
      first_name: named ? `Guest${id}` : null,
      last_name: named ? `Family${id % 7}` : null,
      email: random.chance(0.1) ? null : guestEmail(),
      start_time: iso(fields.startTime),
      end_time: iso(fields.endTime ?? fields.startTime + random.pick([30, 45, 60]) * MINUTE),
      created_at: iso(Math.min(fields.createdAt, NOW)),
    }
    bookings.push(booking)
    return booking
  }
  const startAfter = (createdAt: number): number => {
    const start = startOfDay(dayOf(createdAt)) + random.int(0, 25) * DAY + random.int(8, 17) * HOUR
    return random.chance(0.1) ? startOfDay(dayOf(start)) : start
  }
  for (let index = 0; index < 130; index++) {
    let createdAt = random.instant(random.chance(0.6) ? 70 : 420, 0, true)
    if (createdAt > NOW) createdAt = NOW - random.int(0, 12 * 60 * 60) * SECOND
    const startTime = startAfter(Math.min(createdAt, NOW))
    addBooking({
      createdAt,
      startTime,
      status: startTime > NOW && random.chance(0.5) ? 'scheduled' : random.pick(bookingStatuses),
    })
  }
  // Groups: guests share the meeting; the first guest is the earliest and, for a future
  // meeting, scheduled.
  for (let group = 1; group <= 8; group++) {
    const createdAt = random.instant(60, 0, true)
    const future = group <= 5
    const startTime = future
      ? startOfDay(addDays(TODAY, random.int(0, 6))) + random.int(13, 18) * HOUR
      : startAfter(createdAt - 40 * DAY)
    const eventId = group === 2 ? missingEventId : random.int(1, 4)
    const size = random.int(2, 4)
    for (let guest = 0; guest < size; guest++) {
      addBooking({
        createdAt: Math.min(createdAt + guest * HOUR, NOW),
        startTime,
        endTime: startTime + HOUR,
        eventId,
        groupId: `grp-${seed}-${group}`,
        // A future meeting's earliest guest is scheduled, except in group 3 (then it is its
        // second guest that stands for the meeting).
        status:
          future && guest === (group === 3 ? 1 : 0)
            ? 'scheduled'
            : future && group === 3 && guest === 0
              ? 'cancelled'
              : random.pick(bookingStatuses),
      })
    }
  }
  // Boundaries of the default comparison periods (last 30 days, the 30 before) and of now.
  for (const boundary of [windowStart(30), windowStart(60)]) {
    for (const instant of [boundary, boundary - SECOND]) {
      addBooking({ createdAt: instant, startTime: instant, endTime: instant, status: 'completed' })
      addBooking({ createdAt: instant, startTime: instant, endTime: instant, status: 'cancelled' })
    }
  }
  // Edges of the explicit report periods (random.test.ts) and of the graph ranges: the
  // period's first and last instants, the comparison period's first instant, just outside.
  for (const local of [
    '2026-02-10T00:00:00Z',
    '2026-03-10T00:00:00Z',
    '2026-03-10T00:00:01Z',
    '2026-01-13T00:00:00Z',
    '2026-01-12T23:59:59Z',
    '2026-02-14T23:59:59Z',
    '2026-02-15T00:00:00Z',
    '2025-01-11T00:00:00Z',
    '2025-01-10T23:59:59Z',
    '2025-12-23T00:00:00Z',
    '2025-12-22T23:59:59Z',
  ]) {
    const instant = Date.parse(local)
    const status = random.pick(['completed', 'cancelled', 'pending'])
    addBooking({ createdAt: instant, startTime: instant, endTime: instant, status })
  }
  const tieCreatedAt = NOW - 2 * HOUR
  addBooking({ createdAt: tieCreatedAt, startTime: NOW, status: 'scheduled' })
  addBooking({ createdAt: tieCreatedAt, startTime: NOW + SECOND, status: 'scheduled' })
  addBooking({ createdAt: tieCreatedAt, startTime: NOW + SECOND, status: 'pending' })
  addBooking({ createdAt: NOW, startTime: NOW + 3 * DAY, status: 'scheduled', eventId: null })
  data.bookings = random.shuffle(bookings)

  // --- Booking activities: more than 100, with equal created_at ---------------------------------
  const activities: BookingActivityRecord[] = []
  for (let id = 1; id <= 130; id++) {
    const createdAt =
      activities.length > 0 && random.chance(0.2)
        ? Date.parse(random.pick(activities).created_at)
        : random.instant(60, 0, true)
    activities.push({
      id,
      booking_id: random.chance(0.15) ? null : random.pick(bookings).id,
      parent_id: id > 1 && random.chance(0.25) ? random.int(1, id - 1) : null,
      created_by: random.chance(0.3) ? null : random.int(1, 3),
      status: random.pick(['closed', 'open']),
      type: random.pick(['success', 'info', 'error']),
      title: random.pick(['Booking Created', 'Email Sent', 'Rescheduled']),
      description: random.chance(0.2) ? null : `Activity ${id}`,
      created_at: iso(Math.min(createdAt, NOW)),
      updated_at: iso(Math.min(createdAt, NOW) + random.int(0, 2 * 24 * 60) * MINUTE),
    })
  }
  data.booking_activities = activities
  return data
}
