/** Contract of the organisation call analytics (API.md section 3): v1 and v2 fields in one `data`. */
import { Type, type Static } from 'typebox'
import { Count, HttpStatus, Percent, Score, Seconds } from './kinds'

export const CallAnalyticsData = Type.Object({
  call_analytics: Type.Object({
    total_calls: Count,
    interested: Count,
    call_back: Count,
    send_details: Count,
    not_interested: Count,
    not_connected: Count,
    failed: Count,
    avg_success_score: Score,
  }),
  call_status: Type.Object({
    total_tasks: Count,
    completed: Count,
    failed: Count,
    pending: Count,
    in_progress: Count,
    /** completed / total_tasks * 100 (docs/api.md). */
    success_rate: Percent,
  }),
  total_calls: Count,
  completed_calls: Count,
  failed_calls: Count,
  avg_duration_seconds: Seconds,
  total_tasks: Count,
  task_status_breakdown: Type.Object({
    pending: Count,
    running: Count,
    completed: Count,
    failed: Count,
  }),
})
export type CallAnalyticsData = Static<typeof CallAnalyticsData>

export const CallAnalyticsResponse = Type.Object({
  status_code: HttpStatus,
  message: Type.String(),
  data: CallAnalyticsData,
})
