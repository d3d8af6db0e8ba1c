// The whole-number rule's pieces (integers.ts): where withIntegerRule puts the keyword (every
// object with an integer property, nested ones and unions included), that it leaves the shared
// schemas it is given untouched, and the range wording of the messages. The rule's behaviour
// on requests is tested through the API (test/api/security/numbers.test.ts).
import { Type } from 'typebox'
import { describe, expect, it } from 'vitest'
import { INTEGER_RULE, wholeNumberRule, withIntegerRule } from './integers'

describe('withIntegerRule', () => {
  it('marks each object that holds an integer, at any depth, and no other', () => {
    const schema = Type.Object({
      name: Type.String(),
      size: Type.Optional(Type.Union([Type.Literal('small'), Type.Integer({ minimum: 100 })])),
      params: Type.Object({ days: Type.Integer(), label: Type.String() }),
      tags: Type.Array(Type.Object({ weight: Type.Integer() })),
      plain: Type.Object({ note: Type.String() }),
    })
    const marked = withIntegerRule(schema, 'json') as Record<string, unknown> & {
      properties: Record<string, Record<string, unknown> & { items?: Record<string, unknown> }>
    }
    expect(marked[INTEGER_RULE]).toBe('json')
    expect(marked.properties.params![INTEGER_RULE]).toBe('json')
    expect(marked.properties.tags!.items![INTEGER_RULE]).toBe('json')
    expect(marked.properties.plain![INTEGER_RULE]).toBeUndefined()
  })

  it('leaves the schema it was given as it was', () => {
    const shared = Type.Object({ id: Type.Integer({ minimum: 1 }) })
    const before = JSON.stringify(shared)
    const marked = withIntegerRule(shared, 'text') as Record<string, unknown>
    expect(marked[INTEGER_RULE]).toBe('text')
    expect(JSON.stringify(shared)).toBe(before)
    expect(INTEGER_RULE in shared).toBe(false)
  })

  it('passes values that are not schemas through (enum, const, defaults)', () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', default: 30 } } }
    expect(withIntegerRule(schema, 'text')).toEqual({ ...schema, [INTEGER_RULE]: 'text' })
  })
})

describe('wholeNumberRule', () => {
  it('words the range the schema gives', () => {
    expect(wholeNumberRule(1, 3650)).toBe('must be a whole number from 1 to 3650')
    expect(wholeNumberRule(1, undefined)).toBe('must be a whole number of 1 or more')
    expect(wholeNumberRule(undefined, 10)).toBe('must be a whole number of 10 or less')
    expect(wholeNumberRule(undefined, undefined)).toBe('must be a whole number')
  })
})
