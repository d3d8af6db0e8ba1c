// Rule: the UI builds the same query strings the documented APIs take, and reads every product
// family's error body into one message.
import { describe, expect, it } from 'vitest'
import { errorMessage, queryString } from './client'

describe('api client', () => {
  it('writes query strings, arrays in the booking API style', () => {
    expect(queryString({ days: 30, steps: 'a,b' })).toBe('?days=30&steps=a%2Cb')
    expect(queryString({ date_range: ['2026-01-01', '2026-01-31'] })).toBe(
      '?date_range%5B0%5D=2026-01-01&date_range%5B1%5D=2026-01-31',
    )
    expect(queryString({ a: undefined })).toBe('')
  })
  it('reads each family error shape', () => {
    expect(errorMessage(404, { error: 'Workspace not found' })).toBe('Workspace not found')
    expect(errorMessage(400, { error: { code: 'bad_request', message: 'days: too big' } })).toBe(
      'days: too big',
    )
    expect(errorMessage(403, { code: 'rest_forbidden', message: 'Sorry', data: {} })).toBe('Sorry')
    expect(errorMessage(401, { status_code: 401, message: 'Unauthorized' })).toBe('Unauthorized')
    expect(errorMessage(500, 'oops')).toBe('the console answered HTTP 500')
  })
})
