// Generators and checks of the API fuzz (openapi-fuzz.test.ts): a seeded random source,
// boundary and hostile values per parameter type, JSON bodies built from a route's schema and
// then broken, and the error shape each product family must answer in (docs/api.md).

/** The part of a JSON schema (OpenAPI 3.1) the generators read. */
export interface Schema {
  readonly type?: string | readonly string[]
  readonly enum?: readonly unknown[]
  readonly const?: unknown
  readonly anyOf?: readonly Schema[]
  readonly oneOf?: readonly Schema[]
  readonly minimum?: number
  readonly maximum?: number
  readonly minLength?: number
  readonly maxLength?: number
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: readonly string[]
  readonly items?: Schema
  readonly additionalProperties?: boolean | Schema
  readonly patternProperties?: Readonly<Record<string, Schema>>
}

export interface Random {
  /** A number in [0, 1). */
  next(): number
  pick<T>(choices: readonly T[]): T
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, pick: (choices) => choices[Math.floor(next() * choices.length)]! }
}

/** Integer parameters, as they appear in a URL (already percent-encoded where needed). */
export const INTEGER_VALUES: readonly string[] = [
  '0',
  '-1',
  '-0',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e3',
  '0x10',
  '1e309',
  '-1e309',
  '9'.repeat(310),
  '',
  '0b11',
  '0o7',
  '%201',
  '1%20',
  '+1',
  '%2B1',
  '1.5',
  '1.0',
  '1%00',
  '%00',
  '%ZZ',
  '%E2%82%AC',
  '%D9%A1%D9%A2',
  'null',
  'true',
  '9007199254740993',
  '-9007199254740993',
  '2147483648',
  '99999999999',
  '3651',
  '10001',
]

/** String parameters: empty, long, control characters, broken encodings, traversal. */
export const STRING_VALUES: readonly string[] = [
  '',
  'x'.repeat(10_000),
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%E2%82',
  '%F0%9F%92%A5',
  '%0D%0A',
  '%01%02%1F%7F',
  '..%2F..%2Fetc%2Fpasswd',
  '%27%3B--',
  '%3Cscript%3E',
  '%C0%AE',
  '%EF%BF%BF',
  '%u0000',
  '%2C%2C%2C',
  'a,b,c,d,e,f,g,h,i,j,k',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31%2023:59:59',
]

export const BOOLEAN_VALUES: readonly string[] = ['', 'yes', '2', 'TRUE', '%00', 'on']

/** Path segments: too long, encoded slashes and dots, NUL, non-ASCII, number edge cases. */
export const PATH_VALUES: readonly string[] = [
  'a'.repeat(101),
  'a'.repeat(5000),
  'x'.repeat(100),
  '%2F',
  'a%2Fb',
  '..',
  '%2E%2E',
  '%00',
  '%ZZ',
  '%',
  '%F0%9F%92%A5',
  '%20',
  'Infinity',
  '-1',
  '0',
  '1e3',
  '0x10',
  '9'.repeat(310),
  '1.5',
  '%E2%80%AE',
]

export interface BodyCase {
  readonly contentType: string
  readonly payload: string
}

/** A value the schema accepts, as far as a generic generator can tell (patterns are not solved). */
export function sample(schema: Schema | undefined, random: Random, depth = 0): unknown {
  if (schema === undefined) return {}
  const branches = schema.anyOf ?? schema.oneOf
  if (branches !== undefined && branches.length > 0)
    return sample(random.pick(branches), random, depth)
  if (schema.enum !== undefined) return random.pick(schema.enum)
  if (schema.const !== undefined) return schema.const
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? 0
      const high = schema.maximum ?? low + 50
      return Math.floor(low + random.next() * (high - low))
    }
    case 'boolean':
      return random.next() < 0.5
    case 'string':
      return random
        .pick(['fuzz', 'Fuzz 1', 'manual', 'daily 09:00', 'overview', 'x'])
        .slice(0, schema.maxLength ?? 64)
    case 'array':
      return depth > 3 ? [] : [sample(schema.items, random, depth + 1)]
    case 'null':
      return null
    default: {
      const result: Record<string, unknown> = {}
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(name) || random.next() < 0.5)
          result[name] = depth > 3 ? null : sample(property, random, depth + 1)
      }
      return result
    }
  }
}

/** `{"a":{"a":...}}` nested `depth` deep, as text (no recursion to build it). */
function deepJson(depth: number, open: string, close: string): string {
  return open.repeat(depth) + '1' + close.repeat(depth)
}

/** A wrong value of another type than the schema's. */
function wrongValue(schema: Schema | undefined, random: Random): unknown {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type
  const others: unknown[] = [null, [], {}, true, 'x'.repeat(3000), -1, 1.5, 1e300, '0x10', '1e3']
  if (type === 'string') others.push(0, 2 ** 60)
  if (type === 'integer' || type === 'number') others.push('Infinity', '9'.repeat(310), '')
  return random.pick(others)
}

/** Bodies for a route: its schema's sample, then broken in one of many ways, or no body. */
export function bodyCases(
  schema: Schema | undefined,
  random: Random,
  options: { invalidOnly: boolean; multipart: boolean },
): (BodyCase | undefined)[] {
  const json = 'application/json'
  const sampled = sample(schema, random)
  // Routes that must not run (a demo write, an import of this machine's files) get an extra
  // field on every object body, which every body schema refuses.
  const good =
    options.invalidOnly &&
    sampled !== null &&
    typeof sampled === 'object' &&
    !Array.isArray(sampled)
      ? { ...sampled, fuzzExtra: 1 }
      : sampled
  const broken = (value: unknown): BodyCase => ({
    contentType: json,
    payload: JSON.stringify(value),
  })
  const empty = JSON.stringify(options.invalidOnly ? { fuzzExtra: 1 } : {})
  const objectCases: BodyCase[] = []
  if (good !== null && typeof good === 'object' && !Array.isArray(good)) {
    const record = good as Record<string, unknown>
    const names = Object.keys(schema?.properties ?? {})
    const name = names.length > 0 ? random.pick(names) : 'x'
    const without = { ...record }
    delete without[name]
    objectCases.push(
      broken(without),
      broken({ ...record, [name]: wrongValue(schema?.properties?.[name], random) }),
      broken({ ...record, [name]: wrongValue(schema?.properties?.[name], random) }),
      broken({ ...record, fuzzExtra: 1 }),
      { contentType: json, payload: `{"__proto__":{"polluted":true},"x":1}` },
      { contentType: json, payload: `{"constructor":{"prototype":{"polluted":true}},"x":1}` },
      broken({ ...record, [name]: JSON.parse(deepJson(200, '{"a":', '}')) }),
    )
  }
  const cases: (BodyCase | undefined)[] = [
    ...objectCases,
    { contentType: json, payload: 'null' },
    { contentType: json, payload: '[]' },
    { contentType: json, payload: '"text"' },
    { contentType: json, payload: '1e309' },
    { contentType: json, payload: '{' },
    { contentType: json, payload: '{"a":1,}' },
    { contentType: json, payload: '' },
    { contentType: json, payload: '\u0000' },
    { contentType: json, payload: deepJson(20_000, '[', ']') },
    { contentType: json, payload: deepJson(5_000, '{"a":', '}') },
    { contentType: json, payload: JSON.stringify({ fuzzExtra: 'x'.repeat(900_000) }) },
    { contentType: json, payload: JSON.stringify({ fuzzExtra: 'x'.repeat(1_100_000) }) },
    { contentType: 'application/json; charset=utf-16', payload: empty },
    { contentType: 'text/plain', payload: JSON.stringify(good) },
    { contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=2' },
    { contentType: 'application/xml', payload: '<a/>' },
    { contentType: '', payload: empty },
    { contentType: 'application/json, text/plain', payload: empty },
  ]
  if (options.multipart) {
    cases.push(
      { contentType: 'multipart/form-data', payload: 'garbage' },
      { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nbroken' },
    )
  }
  if (!options.invalidOnly) {
    // A valid-looking body and no body at all, several times over so they are common.
    cases.push(broken(good), broken(good), broken(good), undefined, undefined)
  }
  return cases
}

export type Family = 'workspaces' | 'organisations' | 'reports' | 'console'

/** The product family of a route, from the table of docs/api.md (independent of families.ts). */
export function familyOfTemplate(template: string): Family {
  // CampaignOS's prefix is the same family (issue #13 item 8)
  if (template.startsWith('/api/workspaces/') || template.startsWith('/campaignos/api/workspaces/'))
    return 'workspaces'
  if (template.startsWith('/api/v2/')) return 'organisations'
  if (template.startsWith('/reports') || template.startsWith('/wp-json/')) return 'reports'
  return 'console'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function oneLine(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && !value.includes('\n')
}

/** Why a 4xx answer is not in the family's shape, or null when it is. */
export function shapeProblem(
  family: Family,
  status: number,
  contentType: unknown,
  text: string,
): string | null {
  if (typeof contentType !== 'string' || !contentType.startsWith('application/json'))
    return `status ${status} with content type ${String(contentType)}: ${text.slice(0, 120)}`
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return `status ${status} with a body that is not JSON: ${text.slice(0, 120)}`
  }
  const keys = isRecord(body) ? Object.keys(body).sort().join(',') : ''
  const wrong = `status ${status}: not the ${family} shape: ${text.slice(0, 160)}`
  if (!isRecord(body)) return wrong
  switch (family) {
    case 'workspaces':
      return keys === 'error' && oneLine(body.error) ? null : wrong
    case 'organisations':
      // The original's renderer writes `data: {}` below 401 only (docs/api.md).
      return keys === (status < 401 ? 'data,message,status_code' : 'message,status_code') &&
        body.status_code === status &&
        oneLine(body.message) &&
        (status >= 401 || (isRecord(body.data) && Object.keys(body.data).length === 0))
        ? null
        : wrong
    case 'reports':
      return keys === 'code,data,message' &&
        typeof body.code === 'string' &&
        oneLine(body.message) &&
        isRecord(body.data) &&
        body.data.status === status
        ? null
        : wrong
    case 'console': {
      const error = body.error
      return keys === 'error' &&
        isRecord(error) &&
        typeof error.code === 'string' &&
        oneLine(error.message)
        ? null
        : wrong
    }
  }
}
