/** The Calls page's console route: calls per day by outcome (src-shared/api/calls-daily.ts). */
import type { CallsDaily } from '../../../src-shared/api/calls-daily'
import { request } from './client'

export function callsDaily(
  handle: string,
  spaceToken: string | undefined,
  days: number,
  options: { signal?: AbortSignal } = {},
): Promise<CallsDaily> {
  return request<CallsDaily>('/api/v1/calls/daily', {
    ...options,
    query: { org: handle, space: spaceToken, days },
  })
}
