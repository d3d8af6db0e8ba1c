/**
 * What each figure of a response is (count, rate, percent, duration, ...), read from the
 * response's contract (the `x-kind` of src-shared/api/kinds.ts), never guessed from a field's
 * name or value (issue #14 item 3). The schema and the value are walked together: a union is
 * resolved by the value it holds (the workspace route answers one of two products' bodies), and
 * a number whose kind a field of its enclosing object names (an overview KPI's `unit`) reads
 * that field. Used by the snapshot blocks, the viewer, the exports and the comparison, and by
 * anything else that draws a captured response. Pure: no DOM, no Node.
 */
import type { TSchema } from 'typebox'
import {
  FIGURE_KINDS,
  KIND_FROM_KEYWORD,
  KIND_KEYWORD,
  type FigureKind,
  type KindFromField,
} from '../api/kinds'
import { responseSchemaOf } from '../api/routes'

export type { FigureKind }

/** One step into a JSON value: an object's key or an array's index. */
export type PathStep = string | number

/** The JSON Schema keywords the walk reads (TypeBox schemas are JSON Schema). */
interface SchemaNode {
  readonly type?: string | readonly string[]
  readonly properties?: Readonly<Record<string, unknown>>
  readonly patternProperties?: Readonly<Record<string, unknown>>
  readonly additionalProperties?: unknown
  readonly required?: readonly string[]
  readonly items?: unknown
  readonly prefixItems?: readonly unknown[]
  readonly anyOf?: readonly unknown[]
  readonly oneOf?: readonly unknown[]
  readonly allOf?: readonly unknown[]
  readonly enum?: readonly unknown[]
  readonly const?: unknown
  readonly [KIND_KEYWORD]?: unknown
  readonly [KIND_FROM_KEYWORD]?: unknown
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const nodeOf = (schema: unknown): SchemaNode | undefined =>
  isRecord(schema) ? (schema as SchemaNode) : undefined

const isKind = (value: unknown): value is FigureKind =>
  typeof value === 'string' && (FIGURE_KINDS as readonly string[]).includes(value)

function typeFits(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null
    case 'number':
      return typeof value === 'number'
    case 'integer':
      return Number.isInteger(value)
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isRecord(value)
    default:
      return false
  }
}

const matchesPattern = (pattern: string, key: string): boolean => {
  try {
    return new RegExp(pattern).test(key)
  } catch {
    return false
  }
}

/**
 * Whether a value has the shape of a schema, one level deep: its type, literal values, an
 * object's required keys, literal-valued properties and, when closed, no other keys. Enough to
 * tell the members of the contracts' unions apart without a validator.
 */
function fits(schema: unknown, value: unknown): boolean {
  const node = nodeOf(schema)
  if (node === undefined) return true
  if (node.anyOf !== undefined) return node.anyOf.some((member) => fits(member, value))
  if (node.oneOf !== undefined) return node.oneOf.some((member) => fits(member, value))
  if (node.allOf !== undefined) return node.allOf.every((member) => fits(member, value))
  if ('const' in node && node.const !== value) return false
  if (node.enum !== undefined && !node.enum.includes(value)) return false
  if (node.type !== undefined) {
    const types: readonly string[] = typeof node.type === 'string' ? [node.type] : node.type
    if (!types.some((type) => typeFits(type, value))) return false
  }
  if (isRecord(value)) {
    const properties = node.properties ?? {}
    if ((node.required ?? []).some((key) => !(key in value))) return false
    for (const [key, property] of Object.entries(properties)) {
      const literal = nodeOf(property)
      if (
        literal !== undefined &&
        'const' in literal &&
        key in value &&
        value[key] !== literal.const
      )
        return false
    }
    if (node.additionalProperties === false) {
      const patterns = Object.keys(node.patternProperties ?? {})
      const known = (key: string): boolean =>
        key in properties || patterns.some((pattern) => matchesPattern(pattern, key))
      if (!Object.keys(value).every(known)) return false
    }
  }
  return true
}

/**
 * The plain schemas a value of `schema` is read through: a union's members that the value fits
 * (all of them when it fits none), every part of an intersection.
 */
function alternatives(schema: unknown, value: unknown): SchemaNode[] {
  const node = nodeOf(schema)
  if (node === undefined) return []
  const union = node.anyOf ?? node.oneOf
  if (union !== undefined) {
    const fitting = union.filter((member) => fits(member, value))
    return (fitting.length > 0 ? fitting : union).flatMap((member) => alternatives(member, value))
  }
  if (node.allOf !== undefined) return node.allOf.flatMap((member) => alternatives(member, value))
  return [node]
}

/** The schema of `value[step]` inside a value of `schema`; undefined outside the contract. */
export function childSchema(schema: unknown, value: unknown, step: PathStep): unknown {
  for (const node of alternatives(schema, value)) {
    if (Array.isArray(value) || node.type === 'array') {
      const index = typeof step === 'number' ? step : Number(step)
      if (!Number.isInteger(index)) continue
      const item = node.prefixItems?.[index] ?? node.items
      if (item !== undefined) return item
      continue
    }
    const key = String(step)
    const property = node.properties?.[key]
    if (property !== undefined) return property
    for (const [pattern, inner] of Object.entries(node.patternProperties ?? {}))
      if (matchesPattern(pattern, key)) return inner
    if (isRecord(node.additionalProperties)) return node.additionalProperties
  }
  return undefined
}

function kindFrom(from: unknown, ancestors: readonly unknown[]): FigureKind | null {
  if (!isRecord(from) || typeof from.field !== 'string') return null
  const { field, kinds } = from as unknown as KindFromField
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const holder = ancestors[index]
    if (!isRecord(holder) || !(field in holder)) continue
    const named = holder[field]
    const kind = kinds === undefined ? named : typeof named === 'string' ? kinds[named] : undefined
    return isKind(kind) ? kind : null
  }
  return null
}

/**
 * The kind a schema declares for `value`, whose enclosing values (outermost first) are
 * `ancestors`. A union is read through the members the value fits first, then through all of
 * them (a nullable change is a change even when it is null).
 */
export function declaredKind(
  schema: unknown,
  value: unknown,
  ancestors: readonly unknown[] = [],
): FigureKind | null {
  const read = (nodes: readonly SchemaNode[]): FigureKind | null | undefined => {
    for (const node of nodes) {
      if (isKind(node[KIND_KEYWORD])) return node[KIND_KEYWORD]
      if (node[KIND_FROM_KEYWORD] !== undefined) return kindFrom(node[KIND_FROM_KEYWORD], ancestors)
    }
    return undefined
  }
  const node = nodeOf(schema)
  const everyMember = (current: unknown): SchemaNode[] => {
    const inner = nodeOf(current)
    if (inner === undefined) return []
    const members = inner.anyOf ?? inner.oneOf ?? inner.allOf
    return members === undefined ? [inner] : members.flatMap(everyMember)
  }
  return (
    read(alternatives(schema, value)) ??
    (node === undefined ? null : read(everyMember(node))) ??
    null
  )
}

/**
 * The kind of the value at `path` in `body`, an answer of `schema`; null when the contract
 * declares none there (text, or a path the contract does not describe) or the schema is unknown.
 */
export function kindAt(
  schema: TSchema | undefined,
  body: unknown,
  path: readonly PathStep[],
): FigureKind | null {
  let node: unknown = schema
  let value = body
  const ancestors: unknown[] = []
  for (const step of path) {
    if (node === undefined) return null
    node = childSchema(node, value, step)
    ancestors.push(value)
    value = Array.isArray(value)
      ? value[Number(step)]
      : isRecord(value)
        ? value[String(step)]
        : undefined
  }
  return node === undefined ? null : declaredKind(node, value, ancestors)
}

/** Every number in `body` with its kind by dot path (array items by index), as kindAt answers. */
export function figureKinds(
  schema: TSchema | undefined,
  body: unknown,
): Map<string, FigureKind | null> {
  const kinds = new Map<string, FigureKind | null>()
  const visit = (node: unknown, value: unknown, path: string, ancestors: unknown[]): void => {
    if (typeof value === 'number') {
      kinds.set(path, node === undefined ? null : declaredKind(node, value, ancestors))
      return
    }
    const steps: [PathStep, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : isRecord(value)
        ? Object.entries(value)
        : []
    for (const [step, inner] of steps)
      visit(
        node === undefined ? undefined : childSchema(node, value, step),
        inner,
        path === '' ? String(step) : `${path}.${step}`,
        [...ancestors, value],
      )
  }
  visit(schema, body, '', [])
  return kinds
}

/** The kind of a figure of a captured response, through the contract of the route it answered. */
export function capturedKindAt(
  response: { readonly request: string; readonly body: unknown },
  path: readonly PathStep[],
): FigureKind | null {
  return kindAt(responseSchemaOf(response.request), response.body, path)
}
