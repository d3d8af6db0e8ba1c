/**
 * GET /api/v2/platform/organisation/analytics (API.md section 3): call outcomes and task
 * status over the organisation's contact spaces (or the one `space_token` names), lifetime.
 */
import type { CallAnalyticsData } from '../../../src-shared/api/calls'
import { round, type AnalyticsContext } from './context'

export async function findOrganisation(
  context: AnalyticsContext,
  handle: string,
): Promise<{ id: string } | undefined> {
  return context.db.get('SELECT id FROM organisations WHERE domain_handle = :handle', { handle })
}

/** The contact space of the organisation with that token, or undefined. */
export async function findContactSpace(
  context: AnalyticsContext,
  organisationId: string,
  token: string,
): Promise<{ id: string } | undefined> {
  return context.db.get(
    "SELECT id FROM spaces WHERE organisation_id = :o AND token = :token AND content_type = 'contact'",
    { o: organisationId, token },
  )
}

export async function callAnalytics(
  context: AnalyticsContext,
  organisationId: string,
  spaceId?: string,
): Promise<CallAnalyticsData> {
  const scope =
    spaceId === undefined
      ? "space_id IN (SELECT id FROM spaces WHERE organisation_id = :o AND content_type = 'contact')"
      : 'space_id = :s'
  const params: Record<string, string> =
    spaceId === undefined ? { o: organisationId } : { s: spaceId }
  const [calls, tasks] = await Promise.all([
    context.db.get<Record<string, number | null>>(
      `SELECT count(*) AS total,
              coalesce(sum(outcome = 'interested'), 0) AS interested,
              coalesce(sum(outcome = 'call_back'), 0) AS call_back,
              coalesce(sum(outcome = 'send_details'), 0) AS send_details,
              coalesce(sum(outcome = 'not_interested'), 0) AS not_interested,
              coalesce(sum(outcome = 'not_connected'), 0) AS not_connected,
              coalesce(sum(outcome = 'failed'), 0) AS failed,
              avg(success_score) AS avg_score,
              coalesce(sum(status = 'completed'), 0) AS completed,
              coalesce(sum(status = 'failed'), 0) AS status_failed,
              avg(CASE WHEN status = 'completed' THEN duration_seconds END) AS avg_duration
       FROM calls WHERE ${scope}`,
      params,
    ),
    context.db.get<Record<string, number>>(
      `SELECT count(*) AS total,
              coalesce(sum(status = 'completed'), 0) AS completed,
              coalesce(sum(status = 'failed'), 0) AS failed,
              coalesce(sum(status = 'pending'), 0) AS pending,
              coalesce(sum(status = 'in_progress'), 0) AS in_progress
       FROM tasks WHERE ${scope}`,
      params,
    ),
  ])
  const call = (key: string): number => Number(calls?.[key] ?? 0)
  const task = (key: string): number => Number(tasks?.[key] ?? 0)
  const totalTasks = task('total')
  return {
    call_analytics: {
      total_calls: call('total'),
      interested: call('interested'),
      call_back: call('call_back'),
      send_details: call('send_details'),
      not_interested: call('not_interested'),
      not_connected: call('not_connected'),
      failed: call('failed'),
      avg_success_score: round(call('avg_score'), 2),
    },
    call_status: {
      total_tasks: totalTasks,
      completed: task('completed'),
      failed: task('failed'),
      pending: task('pending'),
      in_progress: task('in_progress'),
      success_rate: totalTasks === 0 ? 0 : round((task('completed') / totalTasks) * 100, 2),
    },
    total_calls: call('total'),
    completed_calls: call('completed'),
    failed_calls: call('status_failed'),
    avg_duration_seconds: round(call('avg_duration'), 2),
    total_tasks: totalTasks,
    task_status_breakdown: {
      pending: task('pending'),
      running: task('in_progress'),
      completed: task('completed'),
      failed: task('failed'),
    },
  }
}
