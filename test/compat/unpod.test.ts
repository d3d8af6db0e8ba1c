// Replay of the Unpod clients against Sextant's organisation family (issue #13, item 2).
//
// The requests are the ones unpod-ai/unpod-python-sdk sends to the backend-core `/api/v2/platform`
// surface: httpx GET with `params`, and the headers of src/unpod/management/_http.py and _auth.py:
//     headers = {"Authorization": f"JWT {self.token}"}  (JWTAuth; TokenAuth sends "Token <key>")
//     if self.org_handle: headers["Org-Handle"] = self.org_handle
//     return {**self._auth.headers(), "Content-Type": "application/json", "X-Request-Id": ...}
// and the answers are read the way the SDK reads them:
//     resp.raise_for_status()          (an error is its status; the body is only logged)
//     if isinstance(resp.get("data"), (dict, list)) and (... "status_code" in resp or
//         "message" in resp): return resp["data"]                        (unwrap_data)
//
// What the original answers (varun-ag1/unpod, apps/backend-core):
// - space/services.py fetch_space_analytics: outcome counts summed per space, then
//     "call_status": {**execution_analytics, "success_rate": get_percentage(completed, total_tasks)}
//   get_percentage: `if whole == 0: percentage = 0 ... return round(percentage, decimal_places)`.
//   ("avg_success_score": {"$sum": ...} sums per-run averages; the doc calls the field an
//   average, so the doc decides: the mean of the scores, docs/api.md.)
// - An empty `space_token=` is treated as absent (org-wide): the view's `if space_token:`
//   (Python's empty string is falsy; the brief and issue #13 state it).
// - common/renderers.py UnpodJSONRenderer:
//     if response.status_code >= 401: ... if 'detail' in data:
//         response_data['message'] = data.pop('detail'); response_data['status_code'] = ...
//   so a 401/403/404/405 carries {message, status_code} and no `data` key; below 401 (a 400):
//     if 'data' not in data: response_data['data'] = data or {}  ...  if not success:
//         response_data['data'] = {}
//   so a 400 carries {status_code, message, data: {}}.
// - config/settings/base.py: "DEFAULT_AUTHENTICATION_CLASSES": ("...DualJWTAuthentication",)
//   and common/authentication.py DualJWTAuthentication.authenticate_header:
//     return 'JWT realm="api"'
//   DRF sends that as WWW-Authenticate on every 401 (NotAuthenticated, AuthenticationFailed).
// - DRF answers a method the view lacks with 405 {"detail": 'Method "POST" not allowed.'},
//   after authentication and permissions (APIView.initial runs before the handler lookup).
//
// Every expected figure below is counted by hand from FIXTURE.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOST, startHarness, type Dataset, type Harness } from '../api/security/harness'

const at = '2026-03-20T10:00:00Z'
// The doc's own example handle and space token.
const HANDLE = 'recalll.co'
const SPACE = 'F1O3QJM1Y7Q1AVVUYNV4VPRB'

const FIXTURE: Dataset = {
  organisations: [
    { id: 'o1', name: 'Recall', domain_handle: HANDLE, created_at: '2026-01-01' },
    { id: 'o2', name: 'Other', domain_handle: 'other.example', created_at: '2026-01-01' },
  ],
  spaces: [
    {
      id: 'a',
      organisation_id: 'o1',
      token: SPACE,
      name: 'A',
      content_type: 'contact',
      created_at: at,
    },
    {
      id: 'b',
      organisation_id: 'o1',
      token: 'SPACEB',
      name: 'B',
      content_type: 'contact',
      created_at: at,
    },
    {
      id: 'd',
      organisation_id: 'o1',
      token: 'DOCS',
      name: 'D',
      content_type: 'document',
      created_at: at,
    },
    {
      id: 'x',
      organisation_id: 'o2',
      token: 'OTHER',
      name: 'X',
      content_type: 'contact',
      created_at: at,
    },
  ],
  tasks: [
    { id: 't1', space_id: 'a', run_id: 'r1', status: 'completed', created_at: at },
    { id: 't2', space_id: 'a', run_id: 'r1', status: 'completed', created_at: at },
    { id: 't3', space_id: 'a', run_id: 'r1', status: 'failed', created_at: at },
    { id: 't4', space_id: 'b', run_id: 'r2', status: 'pending', created_at: at },
    { id: 't5', space_id: 'b', run_id: 'r2', status: 'in_progress', created_at: at },
    { id: 't6', space_id: 'b', run_id: 'r2', status: 'completed', created_at: at },
    { id: 't7', space_id: 'd', run_id: null, status: 'completed', created_at: at },
    { id: 't8', space_id: 'x', run_id: null, status: 'completed', created_at: at },
  ],
  calls: [
    call('c1', 'a', 't1', 'completed', 'interested', 60, 0.8),
    call('c2', 'a', 't2', 'completed', 'call_back', 30, 0.4),
    call('c3', 'a', 't3', 'failed', 'failed', null, null),
    call('c4', 'b', 't6', 'completed', 'not_interested', 90, 0.3),
    call('c5', 'b', 't5', 'failed', 'not_connected', null, null),
    // Not a contact space, another organisation: never counted for recalll.co.
    call('c6', 'd', 't7', 'completed', 'interested', 999, 1),
    call('c7', 'x', 't8', 'completed', 'interested', 999, 1),
  ],
}

function call(
  id: string,
  space: string,
  task: string,
  status: string,
  outcome: string,
  duration: number | null,
  score: number | null,
): Record<string, unknown> {
  return {
    id,
    space_id: space,
    task_id: task,
    status,
    outcome,
    duration_seconds: duration,
    success_score: score,
    created_at: at,
  }
}

// Spaces a and b: 5 calls, 6 tasks.
const ORG_WIDE = {
  call_analytics: {
    total_calls: 5,
    interested: 1,
    call_back: 1,
    send_details: 0,
    not_interested: 1,
    not_connected: 1,
    failed: 1,
    // (0.8 + 0.4 + 0.3) / 3
    avg_success_score: 0.5,
  },
  call_status: {
    total_tasks: 6,
    completed: 3,
    failed: 1,
    pending: 1,
    in_progress: 1,
    // get_percentage(3, 6)
    success_rate: 50,
  },
  total_calls: 5,
  completed_calls: 3,
  failed_calls: 2,
  // (60 + 30 + 90) / 3
  avg_duration_seconds: 60,
  total_tasks: 6,
  task_status_breakdown: { pending: 1, running: 1, completed: 3, failed: 1 },
}

// Space a alone: 3 calls, 3 tasks.
const SPACE_A = {
  call_analytics: {
    total_calls: 3,
    interested: 1,
    call_back: 1,
    send_details: 0,
    not_interested: 0,
    not_connected: 0,
    failed: 1,
    // (0.8 + 0.4) / 2
    avg_success_score: 0.6,
  },
  call_status: {
    total_tasks: 3,
    completed: 2,
    failed: 1,
    pending: 0,
    in_progress: 0,
    // round(2 / 3 * 100, 2)
    success_rate: 66.67,
  },
  total_calls: 3,
  completed_calls: 2,
  failed_calls: 1,
  // (60 + 30) / 2
  avg_duration_seconds: 45,
  total_tasks: 3,
  task_status_breakdown: { pending: 0, running: 0, completed: 2, failed: 1 },
}

/** httpx.HTTPStatusError as raise_for_status raises it: the status, and the body it logs. */
class HTTPStatusError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, unknown>,
    readonly text: string,
  ) {
    super(`Client error '${status}'`)
  }
}

let harness: Harness

beforeAll(async () => {
  harness = await startHarness(FIXTURE)
})

afterAll(async () => {
  await harness.close()
})

/** urllib/httpx encoding of `params`: every key kept, empty values as `key=`. */
function encodeParams(params: Record<string, string> | undefined): string {
  if (params === undefined) return ''
  const query = new URLSearchParams(params).toString()
  return query === '' ? '' : `?${query}`
}

/** The SDK's AsyncHTTPClient.get: the request it sends and the checks it makes. */
async function sdkGet(
  options: {
    token?: string | null
    scheme?: 'JWT' | 'Token'
    orgHandle?: string
    params?: Record<string, string>
    method?: 'GET' | 'POST'
  } = {},
): Promise<unknown> {
  const token = options.token === undefined ? harness.token : options.token
  const headers: Record<string, string> = {
    host: HOST,
    'content-type': 'application/json',
    'x-request-id': randomUUID(),
  }
  if (token !== null) headers.authorization = `${options.scheme ?? 'JWT'} ${token}`
  if (options.orgHandle !== undefined) headers['org-handle'] = options.orgHandle
  const response = await harness.server.inject({
    method: options.method ?? 'GET',
    url: `/api/v2/platform/organisation/analytics/${encodeParams(options.params)}`,
    headers,
  })
  if (response.statusCode >= 400) {
    throw new HTTPStatusError(response.statusCode, response.headers, response.body)
  }
  return unwrapData(response.json<unknown>())
}

/** unwrap_data of src/unpod/management/_http.py. */
function unwrapData(resp: unknown): unknown {
  if (typeof resp === 'object' && resp !== null && !Array.isArray(resp)) {
    const record = resp as Record<string, unknown>
    const data = record.data
    if (
      typeof data === 'object' &&
      data !== null &&
      (Object.keys(record).length === 1 || 'status_code' in record || 'message' in record)
    )
      return data
  }
  return resp
}

async function sdkError(options: Parameters<typeof sdkGet>[0]): Promise<HTTPStatusError> {
  try {
    await sdkGet(options)
  } catch (error) {
    if (error instanceof HTTPStatusError) return error
    throw error
  }
  throw new Error('expected raise_for_status to raise')
}

/** The renderer's >= 401 body: {message, status_code}, and nothing else. */
function expectRendered401Plus(error: HTTPStatusError, status: number, message: string): void {
  expect(error.status).toBe(status)
  expect(error.headers['content-type']).toBe('application/json; charset=utf-8')
  const parsed = JSON.parse(error.text) as Record<string, unknown>
  expect(parsed).toEqual({ message, status_code: status })
  expect(Object.keys(parsed)).toEqual(['message', 'status_code'])
}

describe('Unpod SDK replay: answers', () => {
  it('org-wide: unwrap_data gives both doc versions’ fields with their types', async () => {
    const data = (await sdkGet({ orgHandle: HANDLE })) as typeof ORG_WIDE
    expect(data).toEqual(ORG_WIDE)
    for (const value of Object.values(data.call_analytics)) expect(typeof value).toBe('number')
    expect(Number.isInteger(data.call_status.total_tasks)).toBe(true)
  })

  it('the envelope itself is {status_code, message, data}', async () => {
    const response = await harness.get(`/api/v2/platform/organisation/analytics/`, {
      authorization: `JWT ${harness.token}`,
      'org-handle': HANDLE,
    })
    expect(response.json()).toEqual({
      status_code: 200,
      message: 'Analytics fetched successfully',
      data: ORG_WIDE,
    })
  })

  it('a space: params={"space_token": token}', async () => {
    expect(await sdkGet({ orgHandle: HANDLE, params: { space_token: SPACE } })).toEqual(SPACE_A)
  })

  it('space_token= (empty) is absent: org-wide, as `if space_token:` does', async () => {
    expect(await sdkGet({ orgHandle: HANDLE, params: { space_token: '' } })).toEqual(ORG_WIDE)
    expect(
      await sdkGet({ orgHandle: HANDLE, scheme: 'Token', params: { space_token: '' } }),
    ).toEqual(ORG_WIDE)
  })

  it('ignores parameters it does not know, as Django does', async () => {
    expect(await sdkGet({ orgHandle: HANDLE, params: { page: '1', space_token: SPACE } })).toEqual(
      SPACE_A,
    )
  })

  it('a repeated space_token: the last one counts (QueryDict.get)', async () => {
    const response = await harness.get(
      `/api/v2/platform/organisation/analytics/?space_token=NOPE&space_token=${SPACE}`,
      { authorization: `JWT ${harness.token}`, 'org-handle': HANDLE },
    )
    expect(response.statusCode).toBe(200)
    expect(unwrapData(response.json())).toEqual(SPACE_A)
  })
})

describe('Unpod SDK replay: errors in the renderer’s shape', () => {
  it('401 without a token: WWW-Authenticate from DualJWTAuthentication', async () => {
    const error = await sdkError({ token: null, orgHandle: HANDLE })
    expectRendered401Plus(error, 401, 'Authentication credentials were not provided.')
    expect(error.headers['www-authenticate']).toBe('JWT realm="api"')
  })

  it('401 with a wrong token, in either scheme', async () => {
    for (const scheme of ['JWT', 'Token'] as const) {
      const error = await sdkError({ token: 'sxt_wrong', scheme, orgHandle: HANDLE })
      expectRendered401Plus(error, 401, 'Invalid token.')
      expect(error.headers['www-authenticate']).toBe('JWT realm="api"')
    }
  })

  it('404 for a wrong org handle; 403 for one the token may not read', async () => {
    expectRendered401Plus(
      await sdkError({ orgHandle: 'nowhere.example' }),
      404,
      'Organization not found.',
    )
    expectRendered401Plus(
      await sdkError({ token: harness.scopedToken, orgHandle: HANDLE }),
      403,
      'Invalid organization handle.',
    )
  })

  it('404 for a space token that is not a contact space of the organisation', async () => {
    for (const token of ['NOPE', 'DOCS', 'OTHER', ' ']) {
      expectRendered401Plus(
        await sdkError({ orgHandle: HANDLE, params: { space_token: token } }),
        404,
        'Space not found.',
      )
    }
  })

  it('400 for a missing Org-Handle: below 401 the renderer writes data: {}', async () => {
    for (const orgHandle of [undefined, '']) {
      const error = await sdkError({ orgHandle })
      expect(error.status).toBe(400)
      expect(error.headers['www-authenticate']).toBeUndefined()
      const parsed = JSON.parse(error.text) as Record<string, unknown>
      expect(parsed).toEqual({
        status_code: 400,
        message: 'Org-Handle header is required.',
        data: {},
      })
    }
  })

  it('405 for another method, after authentication', async () => {
    const error = await sdkError({ orgHandle: HANDLE, method: 'POST' })
    expectRendered401Plus(error, 405, 'Method "POST" not allowed.')
    expect(error.headers.allow).toBe('GET, HEAD, OPTIONS')
    const anonymous = await sdkError({ token: null, orgHandle: HANDLE, method: 'POST' })
    expect(anonymous.status).toBe(401)
  })
})
