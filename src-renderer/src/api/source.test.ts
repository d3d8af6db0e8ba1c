// Rule (issue #14 item 7): a report answers its page's requests from the snapshot's captured
// responses, whatever the spelling of the same request (the capture writes `steps=a,b` and
// `date_range[0]=`, the page's client `steps=a%2Cb` and `date_range%5B0%5D=`, with or without a
// trailing slash, its query in another order); a request it did not capture is a 404 that says so.
import { describe, expect, it } from 'vitest'
import { requestKey, snapshotSource } from './source'

describe('requestKey', () => {
  it('is the same for the same request spelled differently', () => {
    expect(requestKey('/api/x/funnel?days=7&steps=a,b')).toBe(
      requestKey('/api/x/funnel?days=7&steps=a%2Cb'),
    )
    expect(
      requestKey('/reports/graph-reports?date_range[0]=2026-11-01&date_range[1]=2026-11-08'),
    ).toBe(
      requestKey(
        '/reports/graph-reports?date_range%5B0%5D=2026-11-01&date_range%5B1%5D=2026-11-08',
      ),
    )
    expect(requestKey('/api/v2/platform/organisation/analytics/')).toBe(
      '/api/v2/platform/organisation/analytics',
    )
    expect(requestKey('/a?b=2&a=1')).toBe('/a?a=1&b=2')
  })

  it('tells different requests apart', () => {
    expect(requestKey('/api/v1/overview?days=7')).not.toBe(requestKey('/api/v1/overview?days=30'))
    expect(requestKey('/x?steps=a,b')).not.toBe(requestKey('/x?steps=b,a'))
  })
})

describe('snapshotSource', () => {
  const source = snapshotSource([
    {
      key: 'overview',
      title: 'Overview',
      request: '/api/v1/overview?days=7',
      status: 200,
      body: { n: 1 },
    },
    {
      key: 'broken',
      title: 'Broken',
      request: '/api/v1/broken',
      status: 500,
      body: { error: 'no' },
    },
  ])
  it('answers a captured request with its body and status', () => {
    expect(source.answer('/api/v1/overview?days=7')).toEqual({ status: 200, body: { n: 1 } })
    expect(source.answer('/api/v1/broken/')).toEqual({ status: 500, body: { error: 'no' } })
  })
  it('answers any other with a 404 saying it was not captured', () => {
    expect(source.answer('/api/v1/overview?days=30')).toEqual({
      status: 404,
      body: { error: 'This figure was not captured in this snapshot.' },
    })
  })
})
