/// <reference types="vite/client" />
// Rule (issue #14 item 3): every number a response carries says what it is. Each numeric field
// of every response contract exported by src-shared/api/*.ts declares its kind (`x-kind`, or
// `x-kind-from` a field of an enclosing object whose values all map to kinds); a bare
// Type.Number() or Type.Integer() in a response fails here, named by its path. Request schemas
// are not walked: they hold parameters, not figures, and Ajv (strict) refuses the keyword there.
import { Type, type TSchema } from 'typebox'
import { describe, expect, it } from 'vitest'
import { FIGURE_KINDS, KIND_FROM_KEYWORD, KIND_KEYWORD, type KindFromField } from './kinds'
import { ReportParams, SnapshotInput } from './snapshots'
import {
  FieldMapping,
  HttpConfig,
  Pagination,
  Schedule,
  Secrets,
  SextantConfig,
  SnapshotConfig,
  SourceInput,
  SourcePatch,
} from './sync'

/** Every contract module of this folder, so a new one is covered without editing this test. */
const MODULES = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts'], {
  eager: true,
})

/** Bodies and parameters a client sends (validated by Ajv; echoed inside SnapshotSummary). */
const REQUESTS = new Set<unknown>([
  ReportParams,
  SnapshotInput,
  FieldMapping,
  Pagination,
  HttpConfig,
  SextantConfig,
  SnapshotConfig,
  Schedule,
  Secrets,
  SourceInput,
  SourcePatch,
])

/**
 * Numbers whose kind no contract of ours can declare, each with the reason. A remote product's
 * figures by dot path: their kind is that product's contract's at the path (units.ts kindAt).
 */
const UNDECLARED: Record<string, string> = {
  'RemoteFigures.endpoints[].snapshots[].figures{}': "a remote product's response figures",
}

type Node = Record<string, unknown>
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The values a field's schema allows, when it is a literal, an enum or a union of them. */
function literals(schema: unknown): unknown[] | undefined {
  if (!isNode(schema)) return undefined
  if ('const' in schema) return [schema.const]
  if (Array.isArray(schema.enum)) return schema.enum as unknown[]
  if (schema.type === 'null') return [null]
  if (Array.isArray(schema.anyOf)) {
    const all = (schema.anyOf as unknown[]).map(literals)
    return all.every((values) => values !== undefined) ? all.flat() : undefined
  }
  return undefined
}

/**
 * The problems of a schema at `path`: numbers without a kind, kinds that are not kinds, and
 * `x-kind-from` fields that are missing or name values without a kind. `objects` are the
 * enclosing object schemas, innermost last.
 */
export function kindProblems(
  schema: unknown,
  path: string,
  objects: readonly Node[] = [],
): string[] {
  if (!isNode(schema) || REQUESTS.has(schema)) return []
  if (KIND_KEYWORD in schema) {
    const kind = schema[KIND_KEYWORD]
    return (FIGURE_KINDS as readonly unknown[]).includes(kind)
      ? []
      : [`${path}: ${JSON.stringify(kind)} is not a kind`]
  }
  if (KIND_FROM_KEYWORD in schema) {
    const { field, kinds } = schema[KIND_FROM_KEYWORD] as KindFromField
    const holder = [...objects]
      .reverse()
      .find((object) => isNode(object.properties) && field in object.properties)
    if (holder === undefined) return [`${path}: no enclosing object has its kind field "${field}"`]
    const values = literals((holder.properties as Node)[field])
    if (values === undefined) return [`${path}: its kind field "${field}" is not a set of values`]
    return values
      .filter((value) => value !== null)
      .filter((value) => {
        const kind = kinds === undefined ? value : kinds[String(value)]
        return !(FIGURE_KINDS as readonly unknown[]).includes(kind)
      })
      .map((value) => `${path}: ${field} ${JSON.stringify(value)} names no kind`)
  }
  const members = [schema.anyOf, schema.oneOf, schema.allOf].find(Array.isArray) as
    unknown[] | undefined
  if (members !== undefined) return members.flatMap((member) => kindProblems(member, path, objects))
  if (schema.type === 'number' || schema.type === 'integer')
    return UNDECLARED[path] === undefined ? [`${path}: a ${schema.type} without a kind`] : []
  const inner = [...objects, schema]
  const problems: string[] = []
  for (const [key, property] of Object.entries(isNode(schema.properties) ? schema.properties : {}))
    problems.push(...kindProblems(property, `${path}.${key}`, inner))
  for (const values of Object.values(
    isNode(schema.patternProperties) ? schema.patternProperties : {},
  ))
    problems.push(...kindProblems(values, `${path}{}`, inner))
  if (isNode(schema.additionalProperties))
    problems.push(...kindProblems(schema.additionalProperties, `${path}{}`, inner))
  if (schema.items !== undefined) problems.push(...kindProblems(schema.items, `${path}[]`, inner))
  return problems
}

const isSchema = (value: unknown): value is TSchema =>
  isNode(value) && ['type', 'anyOf', 'allOf', 'oneOf', 'enum', 'const'].some((key) => key in value)

describe('the kinds of the response contracts', () => {
  it('finds the contract modules', () => {
    const names = Object.keys(MODULES).map((file) => file.replace(/^\.\/|\.ts$/g, ''))
    for (const name of ['bookings', 'calls', 'console', 'overview', 'snapshots', 'workspaces'])
      expect(names).toContain(name)
  })

  it('declares the kind of every numeric field of every exported response schema', () => {
    const problems: string[] = []
    let walked = 0
    for (const [file, exports] of Object.entries(MODULES))
      for (const [name, value] of Object.entries(exports)) {
        if (!isSchema(value) || REQUESTS.has(value)) continue
        walked++
        problems.push(...kindProblems(value, name).map((problem) => `${file}: ${problem}`))
      }
    expect(walked).toBeGreaterThan(30)
    expect(problems).toEqual([])
  })

  it('names what it finds undeclared, so the rule can fail', () => {
    const Kpi = Type.Object({ unit: Type.Union([Type.Literal('count'), Type.Literal('km')]) })
    const schema = Type.Object({
      total: Type.Integer({ [KIND_KEYWORD]: 'count' }),
      ratio: Type.Number(),
      rows: Type.Array(Type.Object({ id: Type.Integer(), note: Type.String() })),
      byDay: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
      odd: Type.Number({ [KIND_KEYWORD]: 'furlongs' }),
      kpi: Type.Object({
        ...Kpi.properties,
        value: Type.Number({ [KIND_FROM_KEYWORD]: { field: 'unit', kinds: { count: 'count' } } }),
        orphan: Type.Number({ [KIND_FROM_KEYWORD]: { field: 'scale' } }),
      }),
    })
    expect(kindProblems(schema, 'Example')).toEqual([
      'Example.ratio: a number without a kind',
      'Example.rows[].id: a integer without a kind',
      'Example.byDay{}: a number without a kind',
      'Example.odd: "furlongs" is not a kind',
      'Example.kpi.value: unit "km" names no kind',
      'Example.kpi.orphan: no enclosing object has its kind field "scale"',
    ])
  })
})
