/**
 * The origins whose web pages may read the documented endpoints across origins (CORS), such as a
 * WordPress admin running FluentBooking's dashboard or a Next.js front end of the call product.
 * Empty unless the user adds one: in Settings, with `sextant cors add`, or for one run with
 * `sextant serve --allow-origin`. README "Browser apps on other origins" says what it opens.
 */
import type { DbClient } from './db/client'
import { BadRequest, Conflict, NotFound } from './errors'

/** Where an allowed origin comes from. */
export type OriginSource = 'setting' | 'command line'

export interface AllowedOrigin {
  /** `scheme://host[:port]`, as a browser sends it in `Origin`. */
  readonly origin: string
  readonly source: OriginSource
}

const SETTING_KEY = 'cors_origins'
const MAX_ORIGINS = 50

/**
 * An origin as browsers serialise it (`https://wp.example.com`, `http://localhost:3000`), or a
 * BadRequest naming what is wrong: only http and https, no path, query, fragment or user, no
 * wildcard. A trailing slash and letter case are forgiven; a default port is dropped.
 */
export function normaliseOrigin(text: string): string {
  const given = text.trim()
  const problem = (why: string): BadRequest =>
    new BadRequest(`origin ${JSON.stringify(given)}: ${why} (e.g. https://wp.example.com)`)
  if (given === '') throw problem('is empty')
  if (given === '*' || given.includes('*'))
    throw problem('wildcards are not allowed; name each origin')
  if (given.toLowerCase() === 'null')
    throw problem('"null" is the origin of sandboxed and file pages, which cannot be trusted')
  let url: URL
  try {
    url = new URL(given)
  } catch {
    throw problem('is not an origin')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw problem('must start with http:// or https://')
  if (url.username !== '' || url.password !== '') throw problem('must not carry a user name')
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i.test(given))
    throw problem('must be scheme://host[:port] only, without a path, query or fragment')
  return url.origin
}

/** The allow-list a console answers CORS for: the stored setting plus this run's flags. */
export class AllowedOrigins {
  private constructor(
    private readonly db: DbClient | null,
    private stored: readonly string[],
    private readonly fromCommandLine: readonly string[],
  ) {}

  /** Loads the setting; `fromCommandLine` are `serve --allow-origin` values (already checked). */
  static async load(
    db: DbClient,
    fromCommandLine: readonly string[] = [],
  ): Promise<AllowedOrigins> {
    return new AllowedOrigins(db, await readStored(db), fromCommandLine.map(normaliseOrigin))
  }

  /** An allow-list that never changes (tests, hosts without settings). */
  static fixed(origins: readonly string[]): AllowedOrigins {
    return new AllowedOrigins(null, [], origins.map(normaliseOrigin))
  }

  /** False for a fixed list (no database behind it): add, remove and replace are refused. */
  get editable(): boolean {
    return this.db !== null
  }

  /** Every allowed origin, stored ones first, each once. */
  list(): AllowedOrigin[] {
    const seen = new Set<string>()
    const result: AllowedOrigin[] = []
    for (const [origins, source] of [
      [this.stored, 'setting'],
      [this.fromCommandLine, 'command line'],
    ] as const) {
      for (const origin of origins) {
        if (seen.has(origin)) continue
        seen.add(origin)
        result.push({ origin, source })
      }
    }
    return result
  }

  /** True when a page of `origin` (the request's `Origin` header, exactly) may read. */
  allows(origin: string): boolean {
    return this.stored.includes(origin) || this.fromCommandLine.includes(origin)
  }

  /** Adds an origin to the setting; answers it normalised. */
  async add(text: string): Promise<string> {
    const origin = normaliseOrigin(text)
    if (this.stored.includes(origin)) return origin
    if (this.stored.length >= MAX_ORIGINS)
      throw new BadRequest(`at most ${MAX_ORIGINS} origins can be allowed`)
    await this.write([...this.stored, origin])
    return origin
  }

  /** Removes an origin from the setting; one given only on the command line cannot be. */
  async remove(text: string): Promise<string> {
    const origin = normaliseOrigin(text)
    if (!this.stored.includes(origin)) {
      if (this.fromCommandLine.includes(origin))
        throw new BadRequest(
          `${origin} was allowed with --allow-origin for this run only; restart without it`,
        )
      throw new NotFound(`${origin} is not an allowed origin`)
    }
    await this.write(this.stored.filter((item) => item !== origin))
    return origin
  }

  /** Replaces the stored list (the Settings page saves the whole list). */
  async replace(texts: readonly string[]): Promise<void> {
    const origins = [...new Set(texts.map(normaliseOrigin))]
    if (origins.length > MAX_ORIGINS)
      throw new BadRequest(`at most ${MAX_ORIGINS} origins can be allowed`)
    await this.write(origins)
  }

  private async write(origins: readonly string[]): Promise<void> {
    if (this.db === null) throw new Conflict('this console was started with a fixed origin list')
    await this.db.write(
      [
        {
          sql: 'INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
          params: { key: SETTING_KEY, value: JSON.stringify(origins) },
        },
      ],
      { records: false },
    )
    this.stored = origins
  }
}

/** The stored list; a value that is not a list of origins counts as empty. */
async function readStored(db: DbClient): Promise<string[]> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = :key', {
    key: SETTING_KEY,
  })
  if (row === undefined) return []
  try {
    const parsed = JSON.parse(row.value) as unknown
    if (!Array.isArray(parsed)) return []
    const origins: string[] = []
    for (const item of parsed) {
      try {
        if (typeof item === 'string') origins.push(normaliseOrigin(item))
      } catch {
        // an entry no longer valid is dropped rather than trusted
      }
    }
    return [...new Set(origins)]
  } catch {
    return []
  }
}
