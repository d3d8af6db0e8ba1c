/**
 * Whole-number parameters, checked the same way on every route (issue #12, docs/api.md
 * "Whole-number parameters"). Ajv's type coercion reads a query value with `+value`, so it took
 * `0x10` as 16, `1e3` as 1000 and let `Infinity` (or 310 digits) through its range checks, which
 * skip numbers that are not finite. Here a rule runs before the coercion: in a query string or a
 * path a whole number is decimal digits (a minus only where the range allows negatives), in a
 * JSON body it is a JSON number; either way a safe integer within the schema's minimum and
 * maximum. Anything else is a validation error naming the parameter, which the server's error
 * handler answers as a 400 in the family's shape.
 *
 * The rule is an Ajv keyword on the object schemas (query string, path parameters, body, and
 * objects nested in a body) that hold integer properties; `withIntegerRule` puts it there for
 * every route as it is registered, so no route can forget it.
 */
import type { FastifyServerOptions } from 'fastify'

/** The keyword: `text` for query strings and paths, `json` for bodies. */
export const INTEGER_RULE = 'x-sextant-integers'

export type IntegerSource = 'text' | 'json'

/** The part of a JSON schema the rule reads. */
interface SchemaNode {
  readonly type?: unknown
  readonly const?: unknown
  readonly enum?: readonly unknown[]
  readonly anyOf?: readonly SchemaNode[]
  readonly oneOf?: readonly SchemaNode[]
  readonly minimum?: number
  readonly maximum?: number
  readonly properties?: Readonly<Record<string, SchemaNode>>
}

interface RuleError {
  keyword: string
  instancePath: string
  message: string
  params: Record<string, unknown>
}

/** Ajv as Fastify hands it to `ajv.plugins` (Ajv is Fastify's, not a dependency of ours). */
type AjvPlugin = Extract<
  NonNullable<NonNullable<FastifyServerOptions['ajv']>['plugins']>[number],
  (...args: never[]) => unknown
>
type Ajv = Parameters<AjvPlugin>[0]

type RuleFunction = ((
  source: IntegerSource,
  data: unknown,
  parentSchema?: SchemaNode,
  context?: { instancePath: string },
) => boolean) & { errors?: RuleError[] }

/** The integer branch of a property's schema (itself, or one branch of a union), if any. */
function integerSchema(schema: SchemaNode): SchemaNode | undefined {
  if (schema.type === 'integer') return schema
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) {
    const found = integerSchema(branch)
    if (found !== undefined) return found
  }
  return undefined
}

/** True when a branch of a union other than the integer one takes the value (`"small"`). */
function otherBranchTakes(schema: SchemaNode, value: unknown): boolean {
  const branches = schema.anyOf ?? schema.oneOf
  if (branches === undefined) return false
  return branches.some((branch) => {
    if (integerSchema(branch) !== undefined) return false
    if (branch.const !== undefined) return branch.const === value
    if (branch.enum !== undefined) return branch.enum.includes(value)
    if (branch.type === 'null') return value === null
    if (branch.type === 'string') return typeof value === 'string'
    if (branch.type === 'boolean') return typeof value === 'boolean'
    if (branch.type === 'number') return typeof value === 'number'
    return false
  })
}

/** `must be a whole number from 1 to 3650`, the range as the schema gives it. */
export function wholeNumberRule(minimum: number | undefined, maximum: number | undefined): string {
  if (minimum !== undefined && maximum !== undefined)
    return `must be a whole number from ${minimum} to ${maximum}`
  if (minimum !== undefined) return `must be a whole number of ${minimum} or more`
  if (maximum !== undefined) return `must be a whole number of ${maximum} or less`
  return 'must be a whole number'
}

/** The value as it was sent, quoted and cut short: messages stay one short line. */
function found(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  const shown = text.length > 24 ? `${text.slice(0, 20)}...` : text
  return JSON.stringify(shown)
}

/** The number a value stands for, or why it stands for none. */
function wholeNumber(
  source: IntegerSource,
  value: unknown,
  schema: SchemaNode,
): { ok: true; value: number } | { ok: false; message: string } {
  const { minimum, maximum } = schema
  const refuse = (detail = ''): { ok: false; message: string } => ({
    ok: false,
    message: `${wholeNumberRule(minimum, maximum)}${detail}, found ${found(value)}`,
  })
  if (Array.isArray(value) && source === 'text') return { ok: false, message: 'must be given once' }
  let number: number
  if (source === 'text') {
    if (typeof value !== 'string') return refuse()
    // A minus only where the range takes negatives; no sign, space, point, exponent or prefix.
    const negativesAllowed = minimum === undefined || minimum < 0
    if (!(negativesAllowed ? /^-?[0-9]+$/ : /^[0-9]+$/).test(value)) return refuse()
    number = Number(value)
  } else {
    if (typeof value !== 'number') return refuse()
    number = value
  }
  if (!Number.isSafeInteger(number)) return refuse()
  if ((minimum !== undefined && number < minimum) || (maximum !== undefined && number > maximum))
    return refuse()
  return { ok: true, value: number }
}

const validate: RuleFunction = (source, data, parentSchema, context) => {
  validate.errors = undefined
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return true
  const record = data as Record<string, unknown>
  for (const [name, property] of Object.entries(parentSchema?.properties ?? {})) {
    if (!Object.hasOwn(record, name) || record[name] === undefined) continue
    const integer = integerSchema(property)
    if (integer === undefined || otherBranchTakes(property, record[name])) continue
    const result = wholeNumber(source, record[name], integer)
    if (!result.ok) {
      const path = `${context?.instancePath ?? ''}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`
      validate.errors = [
        { keyword: INTEGER_RULE, instancePath: path, message: result.message, params: {} },
      ]
      return false
    }
    // The number itself, so Ajv's own type check has nothing left to coerce.
    record[name] = result.value
  }
  return true
}

/** The Ajv plugin (Fastify's `ajv.plugins`) that defines the rule. */
export function integerRulePlugin(ajv: Ajv): Ajv {
  return ajv.addKeyword({
    keyword: INTEGER_RULE,
    schemaType: 'string',
    modifying: true,
    errors: true,
    validate,
  })
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * A copy of a route's schema with the rule on every object schema that has an integer
 * property. The schemas themselves (shared between routes, from src-shared) stay untouched.
 */
export function withIntegerRule(schema: unknown, source: IntegerSource): unknown {
  if (Array.isArray(schema)) return schema.map((item) => withIntegerRule(item, source))
  if (!isPlainObject(schema)) return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    copy[key] =
      key === 'const' || key === 'enum' || key === 'default' || key === 'examples'
        ? value
        : withIntegerRule(value, source)
  }
  const properties = schema.properties
  if (
    isPlainObject(properties) &&
    Object.values(properties).some(
      (property) => isPlainObject(property) && integerSchema(property as SchemaNode) !== undefined,
    )
  ) {
    copy[INTEGER_RULE] = source
  }
  return copy
}
