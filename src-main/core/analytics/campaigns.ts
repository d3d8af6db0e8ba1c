/**
 * The campaign family of API.md section 2: campaign detail, daily time series, UTM
 * attribution, funnels and cohort retention, each over "the last N days" of the workspace.
 */
import type {
  Attribution,
  CampaignAnalytics,
  Cohorts,
  Funnel,
  Timeseries,
} from '../../../src-shared/api/workspaces'
import { daysBetween, localDate } from '../../../src-shared/domain/time'
import {
  ACTOR_SQL,
  countByDay,
  datesOf,
  lastDays,
  rate,
  slotSql,
  type AnalyticsContext,
} from './context'

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

export async function campaignAnalytics(
  context: AnalyticsContext,
  campaign: { id: string; name: string; status: string },
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
    period: `${days}d`,
    campaign,
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
  const perDay = (table: string, column: string): string =>
    `SELECT ${slotSql(column, context.timeZone)} AS slot, count(*) AS n FROM ${table}
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

const sourceKey = (touch: {
  source: string
  medium: string | null
  campaign: string | null
}): string => JSON.stringify([touch.source, touch.medium, touch.campaign])

/**
 * Last touch in SQL (no rows cross to the main thread): one stream of an actor's touches and
 * conversions in time order; for each conversion the greatest touch key (time, then id) over
 * every row at or before it (RANGE ... CURRENT ROW takes in the rows of the same instant).
 */
/** Shifts every timestamp DATA.md allows (years 0000-9999) to a 15-digit non-negative number. */
const YEAR_ZERO_MS = 62_167_219_200_000

const LAST_TOUCH_SQL = `
  WITH stream AS (
    SELECT ${ACTOR_SQL} AS actor, created_at AS at, event_type = :conversion AS converts,
           CASE WHEN utm_source IS NOT NULL THEN
             printf('%015d', created_at + ${YEAR_ZERO_MS}) || char(1) || id || char(1) || json_array(utm_source, utm_medium, utm_campaign)
           END AS touch
    FROM contact_events
    WHERE workspace_id = :w AND created_at BETWEEN :start AND :end AND ${ACTOR_SQL} IS NOT NULL
      AND (utm_source IS NOT NULL OR event_type = :conversion)),
  credited AS (
    SELECT converts, max(touch) OVER (PARTITION BY actor ORDER BY at RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS touch
    FROM stream)
  SELECT substr(touch, 17 + instr(substr(touch, 17), char(1))) AS source, count(*) AS n
  FROM credited WHERE converts AND touch IS NOT NULL GROUP BY source`

export async function attribution(
  context: AnalyticsContext,
  workspaceId: string,
  days: number,
  conversion: string,
): Promise<Attribution> {
  const window = lastDays(context, days)
  const params = { w: workspaceId, start: window.start, end: window.end, conversion }
  const [sources, credited] = await Promise.all([
    context.db.query<{
      source: string
      medium: string | null
      campaign: string | null
      uniqueVisitors: number
      totalEvents: number
    }>(
      `SELECT utm_source AS source, utm_medium AS medium, utm_campaign AS campaign,
              count(DISTINCT ${ACTOR_SQL}) AS uniqueVisitors, count(*) AS totalEvents
       FROM contact_events
       WHERE workspace_id = :w AND created_at BETWEEN :start AND :end AND utm_source IS NOT NULL
       GROUP BY utm_source, utm_medium, utm_campaign
       ORDER BY totalEvents DESC, source ASC, medium ASC, campaign ASC`,
      params,
    ),
    context.db.query<{ source: string; n: number }>(LAST_TOUCH_SQL, params),
  ])
  const conversions = new Map<string, number>()
  for (const row of credited) {
    const [source, medium, campaign] = JSON.parse(row.source) as [
      string,
      string | null,
      string | null,
    ]
    conversions.set(sourceKey({ source, medium, campaign }), Number(row.n))
  }
  return {
    period: `${days}d`,
    sources: sources.map((row) => ({
      source: row.source,
      medium: row.medium,
      campaign: row.campaign,
      uniqueVisitors: Number(row.uniqueVisitors),
      totalEvents: Number(row.totalEvents),
      conversions: conversions.get(sourceKey(row)) ?? 0,
    })),
    totalAttributedEvents: sources.reduce((sum, row) => sum + Number(row.totalEvents), 0),
    conversions: [...conversions.values()].reduce((sum, n) => sum + n, 0),
  }
}

/**
 * The funnel in SQL: step 1 is each actor's earliest step-1 event; step k+1 its earliest
 * step-(k+1) event at or after the time it reached step k. Only the counts leave the worker.
 */
export async function funnel(
  context: AnalyticsContext,
  workspaceId: string,
  days: number,
  steps: readonly string[],
): Promise<Funnel> {
  const window = lastDays(context, days)
  const types = [...new Set(steps)]
  const params: Record<string, string | number> = {
    w: workspaceId,
    start: window.start,
    end: window.end,
  }
  types.forEach((type, index) => (params[`t${index}`] = type))
  steps.forEach((step, index) => (params[`s${index}`] = step))
  const reached = steps.map((_, index) =>
    index === 0
      ? 'reached0 AS MATERIALIZED (SELECT actor, min(at) AS at FROM events WHERE type = :s0 GROUP BY actor)'
      : `reached${index} AS MATERIALIZED (SELECT previous.actor, min(e.at) AS at FROM reached${index - 1} previous
           JOIN events e ON e.actor = previous.actor AND e.type = :s${index} AND e.at >= previous.at
           GROUP BY previous.actor)`,
  )
  const row = await context.db.get<Record<string, number>>(
    `WITH events AS MATERIALIZED (
       SELECT ${ACTOR_SQL} AS actor, event_type AS type, created_at AS at FROM contact_events
       WHERE workspace_id = :w AND created_at BETWEEN :start AND :end
         AND event_type IN (${types.map((_, index) => `:t${index}`).join(', ')}) AND ${ACTOR_SQL} IS NOT NULL),
     ${reached.join(',\n     ')}
     SELECT ${steps.map((_, index) => `(SELECT count(*) FROM reached${index}) AS c${index}`).join(', ')}`,
    params,
  )
  const counts = steps.map((_, index) => Number(row?.[`c${index}`] ?? 0))
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

export async function cohorts(
  context: AnalyticsContext,
  workspaceId: string,
  days: number,
  metric: string,
): Promise<Cohorts> {
  const window = lastDays(context, days)
  const params: Record<string, string | number> = {
    w: workspaceId,
    start: window.start,
    end: window.end,
  }
  const typeFilter = metric === 'events' ? '' : 'AND e.event_type = :metric'
  if (metric !== 'events') params.metric = metric
  const [members, activity] = await Promise.all([
    context.db.query<{ id: string; at: number }>(
      'SELECT id, created_at AS at FROM contacts WHERE workspace_id = :w AND created_at BETWEEN :start AND :end',
      params,
    ),
    context.db.query<{ id: string; at: number }>(
      `SELECT e.contact_id AS id, e.created_at AS at
       FROM contact_events e JOIN contacts c ON c.id = e.contact_id
       WHERE e.workspace_id = :w AND c.workspace_id = :w AND c.created_at BETWEEN :start AND :end
         AND e.created_at BETWEEN :start AND :end ${typeFilter}`,
      params,
    ),
  ])
  const cohortOf = new Map<string, string>()
  const sizes = new Map<string, number>()
  for (const member of members) {
    const date = localDate(member.at, context.timeZone)
    cohortOf.set(member.id, date)
    sizes.set(date, (sizes.get(date) ?? 0) + 1)
  }
  // cohort -> week -> active members
  const active = new Map<string, Map<number, Set<string>>>()
  for (const event of activity) {
    const cohort = cohortOf.get(event.id)
    if (cohort === undefined) continue
    const offset = daysBetween(cohort, localDate(event.at, context.timeZone))
    if (offset < 0) continue
    const week = Math.floor(offset / 7)
    let weeks = active.get(cohort)
    if (weeks === undefined) active.set(cohort, (weeks = new Map()))
    let set = weeks.get(week)
    if (set === undefined) weeks.set(week, (set = new Set()))
    set.add(event.id)
  }
  return {
    period: `${days}d`,
    metric,
    cohorts: [...sizes.keys()].sort().map((cohort) => {
      const size = sizes.get(cohort)!
      const lastWeek = Math.floor(daysBetween(cohort, window.today) / 7)
      const retention: Record<string, number> = {}
      for (let week = 0; week <= lastWeek; week++) {
        retention[`week_${week}`] = active.get(cohort)?.get(week)?.size ?? 0
      }
      const activeContacts = retention[`week_${lastWeek}`] ?? 0
      return { cohort, size, activeContacts, retentionRate: rate(activeContacts, size), retention }
    }),
  }
}
