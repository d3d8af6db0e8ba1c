// Rule (issue #13 item 8, docs/api.md "The workspace family"): CampaignOS's `?key=` is a
// credential on the workspaces family only, one non-empty `key` exactly so spelled (as
// URLSearchParams decodes names); an Authorization header, when present, wins. Logged URLs and
// lines show `[redacted]` for the values of key, token, access_token, api_key, apikey and ticket,
// however the name is cased, padded or percent-encoded; nothing else in the URL changes.
import { describe, expect, it } from 'vitest'
import { asksWithKey, presentedCredential, redactText, redactUrl } from './auth'

const at = (url: string, authorization?: string, family = 'workspaces' as const) =>
  presentedCredential({ authorization, url, family })

describe('presentedCredential', () => {
  it('reads one key on the workspaces family', () => {
    expect(at('/api/workspaces/a/analytics?key=abc')).toBe('abc')
    expect(at('/api/workspaces/a/analytics?days=7&key=a%2Bb')).toBe('a+b')
    expect(at('/api/workspaces/a/analytics?%6Bey=abc')).toBe('abc')
  })

  it('reads none when empty, repeated, differently spelled, or on another family', () => {
    expect(at('/api/workspaces/a/analytics?key=')).toBeNull()
    expect(at('/api/workspaces/a/analytics?key')).toBeNull()
    expect(at('/api/workspaces/a/analytics?key=a&key=a')).toBeNull()
    expect(at('/api/workspaces/a/analytics?KEY=abc')).toBeNull()
    expect(at('/api/workspaces/a/analytics?keys=abc')).toBeNull()
    for (const family of ['organisations', 'reports', 'console', 'open'] as const)
      expect(
        presentedCredential({ authorization: undefined, url: '/x?key=abc', family }),
      ).toBeNull()
  })

  it('lets a present Authorization header win, even one holding no token', () => {
    expect(at('/w?key=abc', 'Bearer xyz')).toBe('xyz')
    expect(at('/w?key=abc', 'Bearer')).toBeNull()
    expect(at('/w?key=abc', '')).toBeNull()
  })

  it('tells the CampaignOS request form by the presence of key', () => {
    expect(asksWithKey('/api/workspaces/a/analytics?key=')).toBe(true)
    expect(asksWithKey('/api/workspaces/a/analytics?days=7&key=x')).toBe(true)
    expect(asksWithKey('/api/workspaces/a/analytics?days=7')).toBe(false)
    expect(asksWithKey('/api/workspaces/a/analytics')).toBe(false)
  })
})

describe('redactUrl and redactText', () => {
  it('redacts the values of credential names only', () => {
    expect(redactUrl('/a?days=7&key=s3cret&steps=x,y')).toBe('/a?days=7&key=[redacted]&steps=x,y')
    expect(redactUrl('/a?token=t&access_token=t&api_key=t&apikey=t&ticket=t')).toBe(
      '/a?token=[redacted]&access_token=[redacted]&api_key=[redacted]&apikey=[redacted]&ticket=[redacted]',
    )
    expect(redactUrl('/a?KEY=t&%20key%20=t&%6Bey=t&Api_Key=t')).toBe(
      '/a?KEY=[redacted]&%20key%20=[redacted]&%6Bey=[redacted]&Api_Key=[redacted]',
    )
    expect(redactUrl('/a?keys=t&monkey=t&key')).toBe('/a?keys=t&monkey=t&key')
    expect(redactUrl('/api/workspaces/key=t/analytics')).toBe('/api/workspaces/key=t/analytics')
  })

  it('redacts every query string inside a log line', () => {
    expect(redactText('{"msg":"Route GET:/a?key=s3cret not found","url":"/b?x=1&token=s3"}')).toBe(
      '{"msg":"Route GET:/a?key=[redacted] not found","url":"/b?x=1&token=[redacted]"}',
    )
  })
})
