/**
 * The campaign family of API.md section 2: campaign detail, daily time series, UTM
 * attribution, funnels and cohort retention, each over "the last N days" of the workspace.
 */
import type {
  AttributionAnswer,
  CampaignAnalytics,
  Cohorts,
  Funnel,
  Timeseries,
} from '../../../src-shared/api/workspaces'
import {
  countByDay,
  datesOf,
  dayNumberDate,
  lastDays,
  localDayNumbers,
  rate,
  type AnalyticsContext,
  type SlotSql,
} from './context'
import { actorIndex, sameInstantEnd, slice } from './event-stream'

/** The campaign of that workspace, or undefined. */
export async function findCampaign(
  context: AnalyticsContext,
  workspaceId: string,
  campaignId: string,
): Promise<{ id: string; name: string; status: string } | undefined> {
  return context.db.get(
    'SELECT id, name, status FROM campaigns WHERE id = :c AND workspace_id = :w',
    { c: campaignId, w: workspaceId },
  )
}

/**
 * The campaign detail, exactly the seed doc's keys (issue #13 item 8): no `period`, and
 * `campaign` is `{id, name}` (the console's campaign list has the status).
 */
export async function campaignAnalytics(
  context: AnalyticsContext,
  campaign: { id: string; name: string },
  days: number,
): Promise<CampaignAnalytics> {
  const { db } = context
  const window = lastDays(context, days)
  const params = { c: campaign.id, start: window.start, end: window.end }
  const inWindow = 'campaign_id = :c AND created_at BETWEEN :start AND :end'
  const [enrollments, messages, statuses, channels, tests, variants] = await Promise.all([
    db.get<{ total: number; active: number; completed: number }>(
      `SELECT count(*) AS total, coalesce(sum(status = 'ACTIVE'), 0) AS active,
              coalesce(sum(status = 'COMPLETED'), 0) AS completed
       FROM enrollments WHERE campaign_id = :c AND enrolled_at BETWEEN :start AND :end`,
      params,
    ),
    db.get<
      Record<'total' | 'sent' | 'delivered' | 'opened' | 'clicked' | 'bounced' | 'failed', number>
    >(
      `SELECT count(*) AS total, count(sent_at) AS sent, count(delivered_at) AS delivered,
              count(opened_at) AS opened, count(clicked_at) AS clicked,
              coalesce(sum(status = 'BOUNCED'), 0) AS bounced, coalesce(sum(status = 'FAILED'), 0) AS failed
       FROM messages WHERE ${inWindow}`,
      params,
    ),
    db.query<{ status: string; _count: number }>(
      `SELECT status, count(*) AS _count FROM messages WHERE ${inWindow}
       GROUP BY status ORDER BY _count DESC, status ASC`,
      params,
    ),
    db.query<{ channel: string; _count: number }>(
      `SELECT channel, count(*) AS _count FROM messages WHERE ${inWindow}
       GROUP BY channel ORDER BY _count DESC, channel ASC`,
      params,
    ),
    db.query<{ id: string; name: string }>(
      'SELECT id, name FROM ab_tests WHERE campaign_id = :c ORDER BY id',
      params,
    ),
    db.query<{ id: string; ab_test_id: string; name: string; sent: number; opened: number }>(
      `SELECT v.id, v.ab_test_id, v.name,
              (SELECT count(sent_at) FROM messages m WHERE m.variant_id = v.id AND m.${inWindow}) AS sent,
              (SELECT count(opened_at) FROM messages m WHERE m.variant_id = v.id AND m.${inWindow}) AS opened
       FROM ab_variants v JOIN ab_tests t ON t.id = v.ab_test_id
       WHERE t.campaign_id = :c ORDER BY v.id`,
      params,
    ),
  ])
  const count = (key: keyof NonNullable<typeof messages>): number => Number(messages?.[key] ?? 0)
  const delivered = count('delivered')
  return {
    campaign: { id: campaign.id, name: campaign.name },
    enrollments: {
      total: Number(enrollments?.total ?? 0),
      active: Number(enrollments?.active ?? 0),
      completed: Number(enrollments?.completed ?? 0),
    },
    messages: {
      total: count('total'),
      sent: count('sent'),
      delivered,
      opened: count('opened'),
      clicked: count('clicked'),
      bounced: count('bounced'),
      failed: count('failed'),
      openRate: rate(count('opened'), delivered),
      clickRate: rate(count('clicked'), delivered),
      bounceRate: rate(count('bounced'), delivered),
    },
    statusBreakdown: statuses,
    channelBreakdown: channels,
    abTests: tests.map((test) => ({
      id: test.id,
      name: test.name,
      variants: variants
        .filter((variant) => variant.ab_test_id === test.id)
        .map((variant) => ({
          name: variant.name,
          sent: Number(variant.sent),
          opened: Number(variant.opened),
        })),
    })),
  }
}

export async function timeseries(
  context: AnalyticsContext,
  workspaceId: string,
  days: number,
): Promise<Timeseries> {
  const window = lastDays(context, days)
  const params = { w: workspaceId, start: window.start, end: window.end }
  const perDay =
    (table: string, column: string): SlotSql =>
    (slot) =>
      `SELECT ${slot(column)} AS slot, count(*) AS n FROM ${table}
     WHERE workspace_id = :w AND ${column} BETWEEN :start AND :end GROUP BY slot`
  const [events, contacts, messages, opens, clicks] = await Promise.all([
    countByDay(context, perDay('contact_events', 'created_at'), params),
    countByDay(context, perDay('contacts', 'created_at'), params),
    countByDay(context, perDay('messages', 'created_at'), params),
    countByDay(context, perDay('messages', 'opened_at'), params),
    countByDay(context, perDay('messages', 'clicked_at'), params),
  ])
  const on = (counts: Map<string, Map<string, number>>, date: string): number =>
    counts.get(date)?.get('') ?? 0
  return {
    period: `${days}d`,
    series: datesOf(window).map((date) => ({
      date,
      events: on(events, date),
      contacts: on(contacts, date),
      messages: on(messages, date),
      opens: on(opens, date),
      clicks: on(clicks, date),
    })),
  }
}

/** SQLite's BINARY order (UTF-8 bytes, so code points), NULL first. */
function compareBinary(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  const length = Math.min(a.length, b.length)
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!
    const y = b.codePointAt(i)!
    if (x !== y) return x - y
    if (x > 0xffff) i++
  }
  return a.length - b.length
}

/**
 * Sources: events and distinct actors per (utm_source, utm_medium, utm_campaign). Last touch:
 * each conversion event of an actor credits that actor's latest UTM event at or before it (time,
 * then id). The stream is in (time, id) order, so within each instant the touches are applied
 * first (in id order, the last one wins) and the conversions of that instant credited after.
 * `perSource` adds each row's `conversions`, which the seed doc's rows lack: the console asks
 * for them by naming `conversion`, a CampaignOS client never does (issue #13 item 8).
 */
export async function attribution(
  context: AnalyticsContext,
  workspaceId: string,
  days: number,
  conversion: string,
  perSource = true,
): Promise<AttributionAnswer> {
  const window = lastDays(context, days)
  const stream = await context.streams.get(workspaceId)
  const [from, to] = slice(stream, window.start, window.end)
  const { actor, type, utm } = stream
  const conversionType = stream.types.indexOf(conversion)
  const actorCount = stream.actors.length
  const events = new Array<number>(stream.utms.length).fill(0)
  const credited = new Array<number>(stream.utms.length).fill(0)
  const visitors = new Set<number>()
  const lastTouch = new Int32Array(actorCount).fill(-1)
  for (let i = from; i < to;) {
    const end = sameInstantEnd(stream, i, to)
    for (let m = i; m < end; m++) {
      const source = utm[m]!
      if (source < 0) continue
      events[source]!++
      const who = actor[m]!
      if (who < 0) continue
      lastTouch[who] = source
      visitors.add(source * actorCount + who)
    }
    if (conversionType >= 0) {
      for (let m = i; m < end; m++) {
        const who = actor[m]!
        if (type[m] === conversionType && who >= 0 && lastTouch[who]! >= 0) {
          credited[lastTouch[who]!]!++
        }
      }
    }
    i = end
  }
  const uniqueVisitors = new Array<number>(stream.utms.length).fill(0)
  for (const key of visitors) uniqueVisitors[Math.floor(key / actorCount)]!++
  const sources = stream.utms
    .map((json, code) => {
      const [source, medium, campaign] = JSON.parse(json) as [string, string | null, string | null]
      return {
        source,
        medium,
        campaign,
        uniqueVisitors: uniqueVisitors[code]!,
        totalEvents: events[code]!,
        conversions: credited[code]!,
      }
    })
    .filter((row) => row.totalEvents > 0)
    .sort(
      (a, b) =>
        b.totalEvents - a.totalEvents ||
        compareBinary(a.source, b.source) ||
        compareBinary(a.medium, b.medium) ||
        compareBinary(a.campaign, b.campaign),
    )
  return {
    period: `${days}d`,
    sources: perSource ? sources : sources.map(({ conversions: _credited, ...row }) => row),
    totalAttributedEvents: sources.reduce((sum, row) => sum + row.totalEvents, 0),
    conversions: sources.reduce((sum, row) => sum + row.conversions, 0),
  }
}

/**
 * Step 1 is each actor's earliest step-1 event; step k+1 its earliest step-(k+1) event at or
 * after the time it reached step k (so one event may complete two equal steps in a row). Walking
 * the stream in time order, an actor at step k advances on the first event of type k+1; events
 * of one instant are passed over until none advances, since "at or after" includes them all.
 */
export async function funnel(
  context: AnalyticsContext,
  workspaceId: string,
  days: number,
  steps: readonly string[],
): Promise<Funnel> {
  const window = lastDays(context, days)
  const stream = await context.streams.get(workspaceId)
  const [from, to] = slice(stream, window.start, window.end)
  const { actor, type } = stream
  const stepTypes = steps.map((step) => stream.types.indexOf(step))
  const reached = new Uint8Array(stream.actors.length)
  const counts = new Array<number>(steps.length).fill(0)
  for (let i = from; i < to;) {
    const end = sameInstantEnd(stream, i, to)
    let advanced = true
    while (advanced) {
      advanced = false
      for (let m = i; m < end; m++) {
        const who = actor[m]!
        if (who < 0) continue
        let step = reached[who]!
        while (step < steps.length && type[m] === stepTypes[step]) {
          counts[step]!++
          step++
          advanced = true
        }
        reached[who] = step
      }
      if (end - i === 1) break
    }
    i = end
  }
  return {
    period: `${days}d`,
    steps: steps.map((step, position) => {
      const previous = position === 0 ? counts[0]! : counts[position - 1]!
      return {
        step,
        count: counts[position]!,
        dropoff: position === 0 ? 0 : previous - counts[position]!,
        conversionFromPrevious: position === 0 ? 1 : rate(counts[position]!, previous),
      }
    }),
    overallConversion: rate(counts[counts.length - 1]!, counts[0]!),
  }
}

/**
 * Contacts created in the window, grouped by local creation day; week w of a cohort counts its
 * contacts with a matching event (as contact_id) in the window on local days 7w..7w+6 after the
 * cohort day.
 */
export async function cohorts(
  context: AnalyticsContext,
  workspaceId: string,
  days: number,
  metric: string,
): Promise<Cohorts> {
  const window = lastDays(context, days)
  const [members, stream] = await Promise.all([
    context.db.columns(
      'SELECT id, created_at AS at FROM contacts WHERE workspace_id = :w AND created_at BETWEEN :start AND :end',
      { w: workspaceId, start: window.start, end: window.end },
      ['id'],
    ),
    context.streams.get(workspaceId),
  ])
  const dayOf = localDayNumbers(context.timeZone)
  const sizes = new Map<number, number>()
  const actorCodes = actorIndex(stream)
  const cohortOf = new Float64Array(stream.actors.length).fill(NaN)
  const memberIds = members.texts.id!
  const memberAt = members.numbers.at!
  for (let row = 0; row < members.length; row++) {
    const cohort = dayOf(memberAt[row]!)
    sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1)
    const code = actorCodes.get(memberIds.dictionary[memberIds.codes[row]!]!)
    if (code !== undefined) cohortOf[code] = cohort
  }
  const [from, to] = slice(stream, window.start, window.end)
  const { actor, type, fromContact, at } = stream
  const metricType = metric === 'events' ? -1 : stream.types.indexOf(metric)
  // An actor's events come in time order, so its weeks never go back: one "last week counted"
  // per contact replaces a set of (contact, week) pairs.
  const lastCounted = new Float64Array(stream.actors.length).fill(-1)
  const weeks = Math.floor(days / 7) + 1
  const active = new Map<number, number>() // cohort * weeks + week -> active contacts
  if (metric === 'events' || metricType >= 0) {
    for (let m = from; m < to; m++) {
      if (fromContact[m] !== 1 || (metricType >= 0 && type[m] !== metricType)) continue
      const who = actor[m]!
      const cohort = cohortOf[who]!
      if (Number.isNaN(cohort)) continue
      const offset = dayOf(at[m]!) - cohort
      if (offset < 0) continue
      const week = Math.floor(offset / 7)
      if (lastCounted[who] === week) continue
      lastCounted[who] = week
      const key = cohort * weeks + week
      active.set(key, (active.get(key) ?? 0) + 1)
    }
  }
  const today = dayOf(window.end)
  return {
    period: `${days}d`,
    metric,
    cohorts: [...sizes.keys()]
      .sort((a, b) => a - b)
      .map((cohort) => {
        const size = sizes.get(cohort)!
        const lastWeek = Math.floor((today - cohort) / 7)
        const retention: Record<string, number> = {}
        for (let week = 0; week <= lastWeek; week++) {
          retention[`week_${week}`] = active.get(cohort * weeks + week) ?? 0
        }
        const activeContacts = retention[`week_${lastWeek}`] ?? 0
        return {
          cohort: dayNumberDate(cohort),
          size,
          activeContacts,
          retentionRate: rate(activeContacts, size),
          retention,
        }
      }),
  }
}
