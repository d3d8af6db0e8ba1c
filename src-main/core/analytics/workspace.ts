/**
 * GET /api/workspaces/:workspaceId/analytics (API.md section 1): two products document that
 * path. `workspaceRooms` is the rooms / bookings dashboard of workspace-analytics.txt (six keys),
 * `campaignOsOverview` the overview of campaign-analytics.txt (four keys); the console's own
 * `GET /api/v1/workspaces/:id/analytics` answers both with the window (`workspaceAnalytics`).
 * Which request form gets which: docs/api.md, "The workspace family: two products on one path".
 */
import type {
  CampaignOsOverview,
  WorkspaceAnalytics,
  WorkspaceRoomsAnalytics,
} from '../../../src-shared/api/workspaces'
import { countByDay, lastDays, rate, type AnalyticsContext } from './context'

/** True when the workspace exists. */
export async function workspaceExists(
  context: AnalyticsContext,
  workspaceId: string,
): Promise<boolean> {
  return (
    (await context.db.get('SELECT 1 AS found FROM workspaces WHERE id = :w', {
      w: workspaceId,
    })) !== undefined
  )
}

/** Both key sets and `period`: the console's Workspace page and the `workspace` report. */
export async function workspaceAnalytics(
  context: AnalyticsContext,
  workspaceId: string,
  days = 30,
): Promise<WorkspaceAnalytics> {
  const [rooms, overview] = await Promise.all([
    workspaceRooms(context, workspaceId, days),
    campaignOsOverview(context, workspaceId, days),
  ])
  return { period: `${days}d`, ...rooms, ...overview }
}

/**
 * workspace-analytics.txt's six keys. Lifetime figures come from the rollups the importer keeps
 * (migration 004); the two timelines cover the window (the doc's "last 30 days").
 */
export async function workspaceRooms(
  context: AnalyticsContext,
  workspaceId: string,
  days = 30,
): Promise<WorkspaceRoomsAnalytics> {
  const { db } = context
  const window = lastDays(context, days)
  const w = { w: workspaceId }
  const inWindow = { w: workspaceId, start: window.start, end: window.end }

  const [rooms, recordings, contacts] = await Promise.all([
    db.get<{ n: number }>('SELECT count(*) AS n FROM rooms WHERE workspace_id = :w', w),
    db.get<{ n: number; duration: number }>(
      `SELECT count(*) AS n, coalesce(sum(r.duration), 0) AS duration
       FROM recordings r JOIN rooms m ON m.id = r.room_id WHERE m.workspace_id = :w`,
      w,
    ),
    db.get<{ n: number }>('SELECT count(*) AS n FROM contacts WHERE workspace_id = :w', w),
  ])
  const breakdown = await db.query<{ type: string; count: number }>(
    `SELECT event_type AS type, n AS count FROM event_type_totals WHERE workspace_id = :w
     ORDER BY count DESC, type ASC`,
    w,
  )
  const topBookingPages = await db.query<{
    id: number
    title: string
    slug: string
    count: number
  }>(
    `SELECT p.id, p.title, p.slug, t.n AS count
     FROM booking_page_totals t JOIN booking_pages p ON p.id = t.booking_page_id
     WHERE t.workspace_id = :w AND p.workspace_id = :w
     ORDER BY count DESC, p.id ASC LIMIT 5`,
    w,
  )
  const topRooms = await db.query<{
    id: number
    name: string
    display_name: string | null
    count: number
  }>(
    `SELECT m.id, m.name, m.display_name, t.n AS count
     FROM room_join_totals t JOIN rooms m ON m.id = t.room_id
     WHERE t.workspace_id = :w AND m.workspace_id = :w
     ORDER BY count DESC, m.id ASC LIMIT 5`,
    w,
  )
  const activity = await countByDay(
    context,
    (slot) => `SELECT ${slot('created_at')} AS slot, event_type AS type, count(*) AS n
     FROM contact_events
     WHERE workspace_id = :w AND event_type IN ('booking', 'room_join') AND created_at BETWEEN :start AND :end
     GROUP BY slot, type`,
    inWindow,
    (row) => String(row.type),
  )
  const newContacts = await countByDay(
    context,
    (slot) => `SELECT ${slot('created_at')} AS slot, count(*) AS n FROM contacts
     WHERE workspace_id = :w AND created_at BETWEEN :start AND :end GROUP BY slot`,
    inWindow,
  )

  return {
    kpis: {
      rooms: Number(rooms?.n ?? 0),
      recordings: Number(recordings?.n ?? 0),
      recordingDuration: Number(recordings?.duration ?? 0),
      contacts: Number(contacts?.n ?? 0),
      bookings: breakdown.find((row) => row.type === 'booking')?.count ?? 0,
    },
    activityTimeline: [...activity.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, counts]) => ({
        date,
        bookings: counts.get('booking') ?? 0,
        room_joins: counts.get('room_join') ?? 0,
      })),
    eventTypeBreakdown: breakdown,
    topBookingPages,
    newContactsTimeline: [...newContacts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, counts]) => ({ date, count: counts.get('') ?? 0 })),
    topRooms,
  }
}

/** CampaignOS's overview: the `total`s lifetime, the rest over the window ("last 30 days"). */
export async function campaignOsOverview(
  context: AnalyticsContext,
  workspaceId: string,
  days = 30,
): Promise<CampaignOsOverview> {
  const { db } = context
  const window = lastDays(context, days)
  const w = { w: workspaceId }
  const inWindow = { w: workspaceId, start: window.start, end: window.end }

  const [contacts, campaigns, messages, events] = await Promise.all([
    db.get<{ total: number; fresh: number }>(
      `SELECT count(*) AS total, coalesce(sum(created_at BETWEEN :start AND :end), 0) AS fresh
       FROM contacts WHERE workspace_id = :w`,
      inWindow,
    ),
    db.get<{ total: number; active: number }>(
      `SELECT count(*) AS total, coalesce(sum(status = 'ACTIVE'), 0) AS active
       FROM campaigns WHERE workspace_id = :w`,
      w,
    ),
    db.get<{ total: number; sent: number; opened: number; clicked: number }>(
      `SELECT count(*) AS total, count(sent_at) AS sent, count(opened_at) AS opened,
              count(clicked_at) AS clicked
       FROM messages WHERE workspace_id = :w AND created_at BETWEEN :start AND :end`,
      inWindow,
    ),
    db.get<{ n: number }>(
      'SELECT count(*) AS n FROM contact_events WHERE workspace_id = :w AND created_at BETWEEN :start AND :end',
      inWindow,
    ),
  ])

  const sent = Number(messages?.sent ?? 0)
  const opened = Number(messages?.opened ?? 0)
  const clicked = Number(messages?.clicked ?? 0)
  return {
    contacts: { total: Number(contacts?.total ?? 0), new: Number(contacts?.fresh ?? 0) },
    campaigns: { total: Number(campaigns?.total ?? 0), active: Number(campaigns?.active ?? 0) },
    messages: {
      total: Number(messages?.total ?? 0),
      sent,
      opened,
      clicked,
      openRate: rate(opened, sent),
      clickRate: rate(clicked, sent),
    },
    events: { total: Number(events?.n ?? 0) },
  }
}
