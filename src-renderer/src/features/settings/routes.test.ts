// Rule: every operation of the OpenAPI document lands in exactly one family, by its first tag,
// in the document's order; the documented products' families come first, untagged ones last.
import { describe, expect, it } from 'vitest'
import { routeFamilies } from './routes'

describe('routeFamilies', () => {
  it('groups operations by first tag, products first, untagged last', () => {
    const families = routeFamilies({
      '/health': { get: { summary: 'Liveness', tags: ['console'] } },
      '/api/v1/tokens': {
        get: { summary: 'List', tags: ['console'] },
        post: { summary: 'Create', tags: ['console'] },
      },
      '/reports': { get: { summary: 'Widgets', tags: ['bookings'] } },
      '/campaignos/api/workspaces/{id}/analytics': {
        get: { summary: 'Overview', tags: ['workspaces', 'campaignos'] },
      },
      '/x': { get: {} },
      '/y': { get: { tags: ['zeta'] } },
    })
    expect(
      families.map((family) => [family.title, family.routes.map((r) => `${r.method} ${r.path}`)]),
    ).toEqual([
      ['Bookings (FluentBooking reports)', ['GET /reports']],
      ['Workspaces, rooms and campaigns', ['GET /campaignos/api/workspaces/{id}/analytics']],
      ["The console's own routes", ['GET /health', 'GET /api/v1/tokens', 'POST /api/v1/tokens']],
      ['Zeta', ['GET /y']],
      ['Other', ['GET /x']],
    ])
    expect(families[0]!.routes[0]!.summary).toBe('Widgets')
    expect(families.at(-1)!.routes[0]!.summary).toBe('')
  })
})
