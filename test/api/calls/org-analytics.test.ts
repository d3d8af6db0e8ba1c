// Rule (API.md section 3, DATA.md "Organisations", docs/api.md): GET
// /api/v2/platform/organisation/analytics[/] answers {status_code, message, data} where data
// carries both doc versions' keys, counted over the organisation's contact spaces only (or the one
// space_token names), outcomes normalised on import, avg_success_score the true mean of non-null
// scores, success_rate = completed / total_tasks * 100, avg_duration_seconds over completed calls
// with a duration, all rounded to 2 decimals half away from zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { body, startHarness, type Harness } from '../security/harness'
import { callsDataset } from './dataset'

const URL = '/api/v2/platform/organisation/analytics/'
let harness: Harness

beforeAll(async () => {
  harness = await startHarness(callsDataset)
})

afterAll(async () => {
  await harness.close()
})

function analytics(orgHandle: string, query = '', url = URL) {
  return harness.get(url + query, {
    authorization: `Token ${harness.token}`,
    'org-handle': orgHandle,
  })
}

const NORTH = {
  call_analytics: {
    total_calls: 11,
    interested: 2,
    call_back: 3,
    send_details: 1,
    not_interested: 1,
    not_connected: 1,
    failed: 1,
    // (0.8 + 0.9 + 0.1 + 0.25 + 1 + 0.5) / 6 = 0.5916...
    avg_success_score: 0.59,
  },
  call_status: {
    total_tasks: 7,
    completed: 3,
    failed: 1,
    pending: 1,
    in_progress: 2,
    // 3 / 7 * 100 = 42.857...
    success_rate: 42.86,
  },
  total_calls: 11,
  completed_calls: 7,
  failed_calls: 2,
  // (60 + 30 + 45.5 + 20 + 100 + 8) / 6 = 43.916...
  avg_duration_seconds: 43.92,
  total_tasks: 7,
  task_status_breakdown: { pending: 1, running: 2, completed: 3, failed: 1 },
}

describe('organisation analytics: figures', () => {
  it('counts every contact space of the organisation, ignoring other content types', async () => {
    const response = await analytics('north.example')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.json()).toEqual({
      status_code: 200,
      message: 'Analytics fetched successfully',
      data: NORTH,
    })
  })

  it('answers the same without the trailing slash', async () => {
    const response = await analytics('north.example', '', URL.slice(0, -1))
    expect(response.statusCode).toBe(200)
    expect(body(response).data).toEqual(NORTH)
  })

  it('restricts to the space space_token names (first contact space)', async () => {
    const response = await analytics('north.example', '?space_token=TOK-LEADS')
    expect(response.statusCode).toBe(200)
    expect(body(response)).toEqual({
      status_code: 200,
      message: 'Analytics fetched successfully',
      data: {
        call_analytics: {
          total_calls: 8,
          interested: 1,
          call_back: 1,
          send_details: 1,
          not_interested: 1,
          not_connected: 1,
          failed: 1,
          // (0.8 + 0.9 + 0.1 + 0.25 + 1) / 5
          avg_success_score: 0.61,
        },
        call_status: {
          total_tasks: 6,
          completed: 2,
          failed: 1,
          pending: 1,
          in_progress: 2,
          success_rate: 33.33,
        },
        total_calls: 8,
        completed_calls: 5,
        failed_calls: 1,
        // (60 + 30 + 45.5 + 20) / 4 = 38.875, half away from zero
        avg_duration_seconds: 38.88,
        total_tasks: 6,
        task_status_breakdown: { pending: 1, running: 2, completed: 2, failed: 1 },
      },
    })
  })

  it('restricts to the space space_token names (second contact space)', async () => {
    const response = await analytics('north.example', '?space_token=TOK-RENEW')
    expect(response.statusCode).toBe(200)
    expect(body(response).data).toEqual({
      call_analytics: {
        total_calls: 3,
        interested: 1,
        call_back: 2,
        send_details: 0,
        not_interested: 0,
        not_connected: 0,
        failed: 0,
        avg_success_score: 0.5,
      },
      call_status: {
        total_tasks: 1,
        completed: 1,
        failed: 0,
        pending: 0,
        in_progress: 0,
        success_rate: 100,
      },
      total_calls: 3,
      completed_calls: 2,
      failed_calls: 1,
      avg_duration_seconds: 54,
      total_tasks: 1,
      task_status_breakdown: { pending: 0, running: 0, completed: 1, failed: 0 },
    })
  })

  it('counts another organisation on its own; a duration of 0 counts', async () => {
    const response = await analytics('south.example')
    expect(response.statusCode).toBe(200)
    expect(body(response).data).toEqual({
      call_analytics: {
        total_calls: 3,
        interested: 2,
        call_back: 0,
        send_details: 0,
        not_interested: 0,
        not_connected: 1,
        failed: 0,
        avg_success_score: 5,
      },
      call_status: {
        total_tasks: 1,
        completed: 1,
        failed: 0,
        pending: 0,
        in_progress: 0,
        success_rate: 100,
      },
      total_calls: 3,
      completed_calls: 2,
      failed_calls: 0,
      // (500 + 0) / 2
      avg_duration_seconds: 250,
      total_tasks: 1,
      task_status_breakdown: { pending: 0, running: 0, completed: 1, failed: 0 },
    })
  })

  it('rounds half away from zero on the decimal value', async () => {
    const response = await analytics('round.example')
    expect(response.statusCode).toBe(200)
    expect(body(response).data).toEqual({
      call_analytics: {
        total_calls: 2,
        interested: 0,
        call_back: 0,
        send_details: 1,
        not_interested: 0,
        not_connected: 0,
        failed: 0,
        // 0.125 -> 0.13
        avg_success_score: 0.13,
      },
      call_status: {
        total_tasks: 3,
        completed: 2,
        failed: 0,
        pending: 1,
        in_progress: 0,
        // 2 / 3 * 100 = 66.666...
        success_rate: 66.67,
      },
      total_calls: 2,
      completed_calls: 2,
      failed_calls: 0,
      // (1.25 + 1.26) / 2 = 1.255 -> 1.26
      avg_duration_seconds: 1.26,
      total_tasks: 3,
      task_status_breakdown: { pending: 1, running: 0, completed: 2, failed: 0 },
    })
  })

  it('answers 0 for averages with nothing to average and success_rate without tasks', async () => {
    const response = await analytics('quiet.example')
    expect(response.statusCode).toBe(200)
    expect(body(response).data).toEqual({
      call_analytics: {
        total_calls: 1,
        interested: 0,
        call_back: 0,
        send_details: 0,
        not_interested: 0,
        not_connected: 0,
        failed: 0,
        avg_success_score: 0,
      },
      call_status: {
        total_tasks: 0,
        completed: 0,
        failed: 0,
        pending: 0,
        in_progress: 0,
        success_rate: 0,
      },
      total_calls: 1,
      completed_calls: 0,
      failed_calls: 1,
      avg_duration_seconds: 0,
      total_tasks: 0,
      task_status_breakdown: { pending: 0, running: 0, completed: 0, failed: 0 },
    })
  })

  it('answers all zeros for an organisation without contact spaces', async () => {
    const response = await analytics('empty.example')
    expect(response.statusCode).toBe(200)
    expect(body(response).data).toEqual({
      call_analytics: {
        total_calls: 0,
        interested: 0,
        call_back: 0,
        send_details: 0,
        not_interested: 0,
        not_connected: 0,
        failed: 0,
        avg_success_score: 0,
      },
      call_status: {
        total_tasks: 0,
        completed: 0,
        failed: 0,
        pending: 0,
        in_progress: 0,
        success_rate: 0,
      },
      total_calls: 0,
      completed_calls: 0,
      failed_calls: 0,
      avg_duration_seconds: 0,
      total_tasks: 0,
      task_status_breakdown: { pending: 0, running: 0, completed: 0, failed: 0 },
    })
  })

  it('ignores Product-Id', async () => {
    for (const productId of ['unpod.dev', 'something-else']) {
      const response = await harness.get(URL, {
        authorization: `Token ${harness.token}`,
        'org-handle': 'north.example',
        'product-id': productId,
      })
      expect(response.statusCode, productId).toBe(200)
      expect(body(response).data, productId).toEqual(NORTH)
    }
  })

  it('accepts the four Authorization schemes', async () => {
    const basic = Buffer.from(`x:${harness.token}`).toString('base64')
    for (const authorization of [
      `Bearer ${harness.token}`,
      `Token ${harness.token}`,
      `jwt ${harness.token}`,
      `Basic ${basic}`,
    ]) {
      const response = await harness.get(URL, { authorization, 'org-handle': 'north.example' })
      expect(response.statusCode, authorization.split(' ')[0]).toBe(200)
      expect(body(response).data).toEqual(NORTH)
    }
  })

  it('lets a token scoped to the organisation read it', async () => {
    const response = await harness.get(URL, {
      authorization: `jwt ${harness.scopedToken}`,
      'org-handle': 'north.example',
    })
    expect(response.statusCode).toBe(200)
    expect(body(response).data).toEqual(NORTH)
  })
})

describe("organisation analytics: errors in the renderer's envelope", () => {
  async function expectError(
    response: Awaited<ReturnType<Harness['get']>>,
    status: number,
    message: string,
  ): Promise<void> {
    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    // The original's renderer (UnpodJSONRenderer): `data: {}` below 401 only; every 401 carries
    // DualJWTAuthentication's challenge (docs/api.md, test/compat/unpod.test.ts).
    expect(response.json()).toEqual(
      status >= 401 ? { message, status_code: status } : { status_code: status, message, data: {} },
    )
    expect(response.headers['www-authenticate']).toBe(
      status === 401 ? 'JWT realm="api"' : undefined,
    )
  }

  it('400 without Org-Handle', async () => {
    await expectError(
      await harness.get(URL, { authorization: `Token ${harness.token}` }),
      400,
      'Org-Handle header is required.',
    )
  })

  it('400 with an empty Org-Handle', async () => {
    await expectError(
      await harness.get(URL, { authorization: `Token ${harness.token}`, 'org-handle': '' }),
      400,
      'Org-Handle header is required.',
    )
  })

  it('401 without a token, before the Org-Handle check', async () => {
    await expectError(
      await harness.get(URL, { 'org-handle': 'north.example' }),
      401,
      'Authentication credentials were not provided.',
    )
    await expectError(await harness.get(URL), 401, 'Authentication credentials were not provided.')
  })

  it('401 with a token that is not one', async () => {
    await expectError(
      await harness.get(URL, { authorization: 'Token sxt_nope', 'org-handle': 'north.example' }),
      401,
      'Invalid token.',
    )
    await expectError(
      await harness.get(URL, { authorization: 'jwt sxt_nope' }),
      401,
      'Invalid token.',
    )
  })

  it('400 for a scoped token without Org-Handle (Org-Handle is checked before scope)', async () => {
    await expectError(
      await harness.get(URL, { authorization: `Token ${harness.scopedToken}` }),
      400,
      'Org-Handle header is required.',
    )
  })

  it('403 for a scoped token on another handle, existing or not', async () => {
    for (const handle of ['south.example', 'nowhere.example']) {
      await expectError(
        await harness.get(URL, {
          authorization: `Token ${harness.scopedToken}`,
          'org-handle': handle,
        }),
        403,
        'Invalid organization handle.',
      )
    }
  })

  it('404 Organization not found comes before the space_token check', async () => {
    await expectError(
      await analytics('nowhere.example', '?space_token=TOK-NONE'),
      404,
      'Organization not found.',
    )
  })

  it('404 for quoting tricks in Org-Handle and space_token', async () => {
    await expectError(await analytics("north.example' OR '1'='1"), 404, 'Organization not found.')
    await expectError(await analytics('%'), 404, 'Organization not found.')
    for (const spaceToken of ["TOK-LEADS' OR '1'='1", '%25', 'TOK-%25', 'tok-leads']) {
      await expectError(
        await analytics('north.example', `?space_token=${encodeURIComponent(spaceToken)}`),
        404,
        'Space not found.',
      )
    }
  })

  it('404 for an unknown organisation', async () => {
    await expectError(await analytics('nowhere.example'), 404, 'Organization not found.')
    await expectError(
      await analytics('nowhere.example', '', URL.slice(0, -1)),
      404,
      'Organization not found.',
    )
  })

  it("404 Space not found for a non-contact space, another organisation's space, or no space", async () => {
    for (const spaceToken of ['TOK-DOCS', 'TOK-SOUTH', 'TOK-NONE']) {
      await expectError(
        await analytics('north.example', `?space_token=${spaceToken}`),
        404,
        'Space not found.',
      )
    }
  })
})
