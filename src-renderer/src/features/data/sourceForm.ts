/**
 * The add/edit source form as plain data: its state from a stored source, and the body the
 * server takes (`SourceInput` to create, `SourcePatch` to change) built from it. Pure, so what
 * the form sends is unit-tested without a browser.
 *
 * Secrets: a stored source names its secrets but never gives their values, so the form starts
 * with them empty ("set — leave empty to keep"). A patch names only what changes: a new value,
 * or "" for a secret the analyst removed (or that the new kind does not take); secrets left
 * empty are not sent, and the server keeps them.
 */
import type {
  Product,
  Source,
  SourceInput,
  SourceKind,
  SourcePatch,
} from '../../../../src-shared/api/sync'
import { DEFAULT_SCHEDULE, scheduleState, scheduleText, type ScheduleState } from './schedule'

export const KINDS: readonly { value: SourceKind; label: string; hint: string }[] = [
  { value: 'http', label: 'HTTP records', hint: 'one endpoint of records, mapped to an entity' },
  { value: 'sextant', label: 'Another Sextant', hint: 'every entity of another console' },
  { value: 'snapshot', label: 'Product API snapshots', hint: 'figures of a product’s analytics' },
]
export const PRODUCT_NAMES: readonly Product[] = ['workspaces', 'campaigns', 'calls', 'bookings']
export const FORMATS = ['auto', 'json', 'ndjson', 'csv'] as const
export type Format = (typeof FORMATS)[number]
export const PAGINATIONS = ['none', 'page', 'offset', 'cursor', 'link'] as const
export type PaginationType = (typeof PAGINATIONS)[number]

/** One HTTP header: sent as it is (config) or sealed (a secret, never shown again). */
export interface HeaderRow {
  readonly name: string
  readonly value: string
  readonly secret: boolean
  /** A secret the source already has: its name is fixed and an empty value keeps it. */
  readonly stored: boolean
}

export interface SourceFormState {
  readonly name: string
  readonly kind: SourceKind
  readonly schedule: ScheduleState
  readonly url: string
  // http
  readonly entity: string
  readonly format: Format
  readonly recordsPath: string
  readonly pagination: PaginationType
  readonly pageParam: string
  readonly sizeParam: string
  readonly size: string
  readonly first: string
  readonly cursorPath: string
  readonly incrementalParam: string
  readonly incrementalField: string
  readonly incrementalSorted: boolean
  /** The mapping as JSON text ("" = none). */
  readonly mapping: string
  readonly headers: readonly HeaderRow[]
  // sextant
  /** Entities to pull; empty = all. */
  readonly entities: readonly string[]
  readonly pageSize: string
  // snapshot
  readonly product: Product
  readonly workspaces: string
  readonly campaigns: string
  readonly orgHandle: string
  readonly spaces: string
  readonly username: string
  readonly days: string
  // the token of sextant and snapshot sources
  readonly token: string
  /** The source has a token (its value is never shown). */
  readonly tokenStored: boolean
  readonly removeToken: boolean
}

export const EMPTY_FORM: SourceFormState = {
  name: '',
  kind: 'sextant',
  schedule: DEFAULT_SCHEDULE,
  url: '',
  entity: 'contacts',
  format: 'auto',
  recordsPath: '',
  pagination: 'none',
  pageParam: '',
  sizeParam: '',
  size: '',
  first: '',
  cursorPath: '',
  incrementalParam: '',
  incrementalField: '',
  incrementalSorted: false,
  mapping: '',
  headers: [],
  entities: [],
  pageSize: '',
  product: 'workspaces',
  workspaces: '',
  campaigns: '',
  orgHandle: '',
  spaces: '',
  username: '',
  days: '',
  token: '',
  tokenStored: false,
  removeToken: false,
}

export type Built<T> = { readonly value: T } | { readonly error: string }

const str = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []

/** "a, b\nc" -> ['a', 'b', 'c']: ids typed separated by commas, spaces or lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** The form showing a stored source (secrets by name only). */
export function formFromSource(source: Source): SourceFormState {
  const config = source.config
  const form: SourceFormState = {
    ...EMPTY_FORM,
    name: source.name,
    kind: source.kind,
    schedule: scheduleState(source.schedule),
    url: str(config.url),
  }
  if (source.kind === 'http') {
    const pagination = record(config.pagination)
    const incremental = record(config.incremental)
    const type = str(pagination.type)
    const format = str(config.format)
    return {
      ...form,
      entity: str(config.entity),
      format: (FORMATS as readonly string[]).includes(format) ? (format as Format) : 'auto',
      recordsPath: str(config.recordsPath),
      pagination: (PAGINATIONS as readonly string[]).includes(type)
        ? (type as PaginationType)
        : 'none',
      pageParam: str(pagination.param),
      sizeParam: str(pagination.sizeParam),
      size: str(pagination.size),
      first: str(pagination.first),
      cursorPath: str(pagination.cursorPath),
      incrementalParam: str(incremental.param),
      incrementalField: str(incremental.field),
      incrementalSorted: incremental.sorted === true,
      mapping: config.mapping === undefined ? '' : JSON.stringify(config.mapping, null, 2),
      headers: [
        ...Object.entries(record(config.headers)).map(([name, value]) => ({
          name,
          value: str(value),
          secret: false,
          stored: false,
        })),
        ...source.secrets.map((name) => ({ name, value: '', secret: true, stored: true })),
      ],
    }
  }
  const tokenStored = source.secrets.includes('token')
  if (source.kind === 'sextant')
    return {
      ...form,
      entities: list(config.entities),
      pageSize: str(config.pageSize),
      tokenStored,
    }
  const product = str(config.product)
  return {
    ...form,
    product: (PRODUCT_NAMES as readonly string[]).includes(product)
      ? (product as Product)
      : 'workspaces',
    workspaces: list(config.workspaces).join(', '),
    campaigns: list(config.campaigns).join(', '),
    orgHandle: str(config.orgHandle),
    spaces: list(config.spaces).join(', '),
    username: str(config.username),
    days: str(config.days),
    tokenStored,
  }
}

/** A whole number typed in a field: undefined when empty, an error when not one. */
function whole(
  text: string,
  label: string,
  min: number,
): { value: number | undefined } | { error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { value: undefined }
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < min)
    return { error: `${label}: a whole number from ${min}` }
  return { value: Number(trimmed) }
}

/** Drops the keys whose value is undefined (the server's schemas take no undefined). */
function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}

const nonEmpty = (text: string): string | undefined =>
  text.trim() === '' ? undefined : text.trim()

function httpConfig(form: SourceFormState): Built<Record<string, unknown>> {
  let mapping: unknown = undefined
  if (form.mapping.trim() !== '') {
    try {
      mapping = JSON.parse(form.mapping)
    } catch (error) {
      return { error: `Mapping: not valid JSON (${(error as Error).message})` }
    }
    if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping))
      return { error: 'Mapping: a JSON object of column -> "dot.path" or {path, const, map}' }
  }
  let pagination: Record<string, unknown> | undefined
  if (form.pagination !== 'none') {
    const size = whole(form.size, 'Page size', 1)
    if ('error' in size) return size
    const first = whole(form.first, 'First page', 0)
    if ('error' in first) return first
    if (form.pagination === 'cursor' && form.cursorPath.trim() === '')
      return { error: 'Pagination: a cursor needs the path of the next cursor in the body' }
    pagination =
      form.pagination === 'link'
        ? { type: 'link' }
        : form.pagination === 'cursor'
          ? defined({
              type: 'cursor',
              cursorPath: form.cursorPath.trim(),
              param: nonEmpty(form.pageParam),
            })
          : defined({
              type: form.pagination,
              param: nonEmpty(form.pageParam),
              sizeParam: nonEmpty(form.sizeParam),
              size: size.value,
              first: form.pagination === 'page' ? first.value : undefined,
            })
  }
  const param = form.incrementalParam.trim()
  const field = form.incrementalField.trim()
  if ((param === '') !== (field === ''))
    return { error: 'Incremental: give both the query parameter and the change-time field' }
  const headers: Record<string, string> = {}
  for (const row of form.headers) {
    if (row.secret) continue
    if (row.name.trim() === '') continue
    headers[row.name.trim()] = row.value
  }
  return {
    value: defined({
      url: form.url.trim(),
      entity: form.entity,
      format: form.format === 'auto' ? undefined : form.format,
      recordsPath: nonEmpty(form.recordsPath),
      mapping,
      pagination,
      incremental:
        param === ''
          ? undefined
          : defined({ param, field, sorted: form.incrementalSorted || undefined }),
      headers: Object.keys(headers).length === 0 ? undefined : headers,
    }),
  }
}

/** The config a form describes, or what is wrong with one of its fields. */
export function buildConfig(form: SourceFormState): Built<Record<string, unknown>> {
  if (form.kind === 'http') return httpConfig(form)
  if (form.kind === 'sextant') {
    const pageSize = whole(form.pageSize, 'Page size', 1)
    if ('error' in pageSize) return pageSize
    return {
      value: defined({
        url: form.url.trim(),
        entities: form.entities.length === 0 ? undefined : [...form.entities],
        pageSize: pageSize.value,
      }),
    }
  }
  const days = whole(form.days, 'Days', 1)
  if ('error' in days) return days
  const ids = (text: string): string[] | undefined => {
    const items = splitList(text)
    return items.length === 0 ? undefined : items
  }
  const product = form.product
  return {
    value: defined({
      product,
      url: form.url.trim(),
      workspaces:
        product === 'workspaces' || product === 'campaigns' ? ids(form.workspaces) : undefined,
      campaigns: product === 'campaigns' ? ids(form.campaigns) : undefined,
      orgHandle: product === 'calls' ? nonEmpty(form.orgHandle) : undefined,
      spaces: product === 'calls' ? ids(form.spaces) : undefined,
      username: product === 'bookings' ? nonEmpty(form.username) : undefined,
      days: days.value,
    }),
  }
}

/**
 * The secrets to send: new values by name, and "" for each stored secret that goes (removed,
 * or one the kind does not take). `stored` are the names the source has now (none when new).
 */
export function buildSecrets(
  form: SourceFormState,
  stored: readonly string[],
): Built<Record<string, string>> {
  const secrets: Record<string, string> = {}
  const kept = new Set<string>()
  if (form.kind === 'http') {
    for (const row of form.headers) {
      if (!row.secret) continue
      const name = row.name.trim()
      if (name === '') {
        if (row.value !== '') return { error: 'Headers: a secret header needs a name' }
        continue
      }
      if (row.value !== '') {
        secrets[name] = row.value
        kept.add(name)
      } else if (row.stored && stored.includes(name)) {
        kept.add(name)
      } else {
        return { error: `Headers: give a value for ${name}` }
      }
    }
  } else if (form.token !== '' && !form.removeToken) {
    secrets.token = form.token
    kept.add('token')
  } else if (form.tokenStored && !form.removeToken && stored.includes('token')) {
    kept.add('token')
  }
  for (const name of stored) if (!kept.has(name)) secrets[name] = ''
  return { value: secrets }
}

/** The body that creates the form's source. */
export function buildInput(form: SourceFormState): Built<SourceInput> {
  const schedule = scheduleText(form.schedule)
  if ('error' in schedule) return schedule
  const config = buildConfig(form)
  if ('error' in config) return config
  const secrets = buildSecrets(form, [])
  if ('error' in secrets) return secrets
  const input: SourceInput = {
    name: form.name.trim(),
    kind: form.kind,
    config: config.value,
    schedule: schedule.value,
  }
  return {
    value: Object.keys(secrets.value).length === 0 ? input : { ...input, secrets: secrets.value },
  }
}

/** JSON with object keys sorted: two configs are the same when these are equal. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

/**
 * The body that changes `source` into what the form says: only what differs. The config is
 * sent only when its fields changed (a new config makes the source start afresh on the server).
 */
export function buildPatch(form: SourceFormState, source: Source): Built<SourcePatch> {
  const schedule = scheduleText(form.schedule)
  if ('error' in schedule) return schedule
  const config = buildConfig(form)
  if ('error' in config) return config
  const secrets = buildSecrets(form, source.secrets)
  if ('error' in secrets) return secrets
  const before = buildConfig(formFromSource(source))
  const patch: {
    -readonly [K in keyof SourcePatch]: SourcePatch[K]
  } = {}
  if (form.name.trim() !== source.name) patch.name = form.name.trim()
  if (form.kind !== source.kind) patch.kind = form.kind
  if (
    form.kind !== source.kind ||
    !('value' in before) ||
    canonical(before.value) !== canonical(config.value)
  )
    patch.config = config.value
  if (schedule.value !== source.schedule) patch.schedule = schedule.value
  if (Object.keys(secrets.value).length > 0) patch.secrets = secrets.value
  return { value: patch }
}
