/**
 * API tokens: 256-bit random secrets shown once, stored as their SHA-256 (a
 * stolen database yields no usable token; the secret's entropy makes a salt
 * and a slow hash unnecessary), named for listing and revoking, and either
 * full-access or scoped to workspaces and organisation handles.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../clock'
import type { DbClient } from '../db/client'
import { BadRequest, Conflict, NotFound } from '../errors'

/** A token as listed (never the secret). */
export interface TokenInfo {
  readonly name: string
  /** Workspace ids it may read; empty with `organisations` empty = full access. */
  readonly workspaces: readonly string[]
  /** Organisation handles it may read. */
  readonly organisations: readonly string[]
  readonly fullAccess: boolean
  readonly createdAt: string
  readonly lastUsedAt: string | null
}

/** What creating a token asks for. */
export interface TokenRequest {
  readonly name?: string
  readonly workspaces?: readonly string[]
  readonly organisations?: readonly string[]
}

const PREFIX = 'sxt_'
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

interface TokenRow {
  name: string
  token_hash: string
  workspaces: string
  organisations: string
  created_at: number
  last_used_at: number | null
}

function toInfo(row: TokenRow): TokenInfo {
  const workspaces = JSON.parse(row.workspaces) as string[]
  const organisations = JSON.parse(row.organisations) as string[]
  return {
    name: row.name,
    workspaces,
    organisations,
    fullAccess: workspaces.length === 0 && organisations.length === 0,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
  }
}

/** Creates a token; the answer holds the only copy of the secret. */
export async function createToken(
  db: DbClient,
  clock: Clock,
  request: TokenRequest,
): Promise<{ token: string; info: TokenInfo }> {
  const name = request.name ?? `token-${randomBytes(3).toString('hex')}`
  if (!NAME.test(name)) {
    throw new BadRequest(
      `token name ${JSON.stringify(name)} must be 1-64 letters, digits, '.', '_' or '-'`,
    )
  }
  for (const list of [request.workspaces ?? [], request.organisations ?? []]) {
    for (const item of list)
      if (item.trim() === '') throw new BadRequest('a token scope entry is empty')
  }
  const existing = await db.get('SELECT name FROM api_tokens WHERE name = :name', { name })
  if (existing !== undefined)
    throw new Conflict(`a token named ${JSON.stringify(name)} exists already`)
  const token = PREFIX + randomBytes(32).toString('base64url')
  const row: TokenRow = {
    name,
    token_hash: hashToken(token),
    workspaces: JSON.stringify([...new Set(request.workspaces ?? [])]),
    organisations: JSON.stringify([...new Set(request.organisations ?? [])]),
    created_at: clock.now(),
    last_used_at: null,
  }
  await db.write(
    [
      {
        sql: `INSERT INTO api_tokens (name, token_hash, workspaces, organisations, created_at)
            VALUES (:name, :token_hash, :workspaces, :organisations, :created_at)`,
        params: {
          name: row.name,
          token_hash: row.token_hash,
          workspaces: row.workspaces,
          organisations: row.organisations,
          created_at: row.created_at,
        },
      },
    ],
    { records: false },
  )
  return { token, info: toInfo(row) }
}

export async function listTokens(db: DbClient): Promise<TokenInfo[]> {
  return (await db.query<TokenRow>('SELECT * FROM api_tokens ORDER BY name')).map(toInfo)
}

export async function revokeToken(db: DbClient, name: string): Promise<void> {
  const { changes } = await db.write(
    [{ sql: 'DELETE FROM api_tokens WHERE name = :name', params: { name } }],
    { records: false },
  )
  if (changes === 0) throw new NotFound(`no token named ${JSON.stringify(name)}`)
}

/** "Last used" moves at most once a minute per token. */
const LAST_USED_STEP_MS = 60_000

/**
 * The token a presented secret belongs to, or null. Compared in constant time. With `now`, the
 * token's "last used" time is brought up to date (at most once a minute), in memory until the
 * next save: bookkeeping never costs a whole-file save per request.
 */
export async function verifyToken(
  db: DbClient,
  presented: string,
  now?: number,
): Promise<TokenInfo | null> {
  const hash = hashToken(presented)
  const row = await db.get<TokenRow>('SELECT * FROM api_tokens WHERE token_hash = :hash', { hash })
  if (row === undefined) return null
  const expected = Buffer.from(row.token_hash, 'hex')
  if (!timingSafeEqual(expected, Buffer.from(hash, 'hex'))) return null
  if (
    now !== undefined &&
    (row.last_used_at === null || now - row.last_used_at >= LAST_USED_STEP_MS)
  ) {
    row.last_used_at = now
    void db
      .touch([
        {
          sql: 'UPDATE api_tokens SET last_used_at = :now WHERE token_hash = :hash',
          params: { now, hash },
        },
      ])
      .catch(() => {}) // the database closing meanwhile: the time is simply not kept
  }
  return toInfo(row)
}

/** Equal strings, compared in constant time (for the per-run control secret). */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest()
  const right = createHash('sha256').update(b).digest()
  return timingSafeEqual(left, right)
}
