// Rule (API.md "Server"): Host must be exactly 127.0.0.1:<port>, localhost:<port> or [::1]:<port>;
// an Origin, when sent, must be the console's own; credentials come from Authorization only.
import { describe, expect, it } from 'vitest'
import { presentedToken } from './auth'
import { guardProblem } from './guards'

describe('guardProblem', () => {
  it('accepts the three loopback names with the right port', () => {
    expect(guardProblem(4477, '127.0.0.1:4477', undefined)).toBeNull()
    expect(guardProblem(4477, 'localhost:4477', undefined)).toBeNull()
    expect(guardProblem(4477, '[::1]:4477', undefined)).toBeNull()
    expect(guardProblem(4477, 'LOCALHOST:4477', 'http://localhost:4477')).toBeNull()
  })

  it('refuses other hosts, other ports and look-alikes', () => {
    for (const host of [
      undefined,
      'evil.com',
      'localhost.evil.com:4477',
      '127.0.0.2:4477',
      'localhost:4478',
      'localhost',
      '127.0.0.1',
    ]) {
      expect(guardProblem(4477, host, undefined), String(host)).toBe('Host not allowed')
    }
  })

  it('refuses a foreign Origin', () => {
    expect(guardProblem(4477, '127.0.0.1:4477', 'http://evil.com')).toBe('Origin not allowed')
    expect(guardProblem(4477, '127.0.0.1:4477', 'https://127.0.0.1:4477')).toBe(
      'Origin not allowed',
    )
    expect(guardProblem(4477, '127.0.0.1:4477', 'null')).toBe('Origin not allowed')
  })
})

describe('presentedToken', () => {
  it('reads Bearer, Token, jwt and Basic with the token as password', () => {
    expect(presentedToken('Bearer abc')).toBe('abc')
    expect(presentedToken('Token abc')).toBe('abc')
    expect(presentedToken('jwt abc')).toBe('abc')
    expect(presentedToken('bearer abc')).toBe('abc')
    expect(presentedToken(`Basic ${Buffer.from('admin:abc').toString('base64')}`)).toBe('abc')
    expect(presentedToken(`Basic ${Buffer.from(':a:b').toString('base64')}`)).toBe('a:b')
  })

  it('answers null for anything else', () => {
    expect(presentedToken(undefined)).toBeNull()
    expect(presentedToken('abc')).toBeNull()
    expect(presentedToken('Digest abc')).toBeNull()
    expect(presentedToken(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeNull()
    expect(presentedToken(`Basic ${Buffer.from('user:').toString('base64')}`)).toBeNull()
  })
})
