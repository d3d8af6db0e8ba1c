/**
 * The sync sources the console keeps (`sync_sources`), their runs (`sync_runs`) and what each
 * kind's config must hold. Secrets are sealed before they are stored (secrets.ts) and never
 * leave this module except to the runner; answers name the secrets that are set, not their
 * values. The console's own tables are written with `records: false`: no record cache moves.
 */
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import {
  HttpConfig,
  SextantConfig,
  SnapshotConfig,
  type Source,
  type SourceInput,
  type SourceKind,
  type SourcePatch,
  type SyncRun,
} from '../../../src-shared/api/sync'
import { ENTITY_NAMES, findEntity } from '../../../src-shared/domain/entities'
import { nextRunAt, parseSchedule } from '../../../src-shared/domain/schedule'
import type { Clock } from '../clock'
import type { DbClient } from '../db/client'
import { BadRequest, Conflict, NotFound } from '../errors'
import { mappingProblems } from './page'
import type { SecretBox } from './secrets'

export interface SourceRow {
  readonly id: number
  readonly name: string
  readonly kind: SourceKind
  readonly config: Record<string, unknown>
  readonly sealed: string | null
  readonly schedule: string
  readonly createdAt: number
  readonly updatedAt: number
}

interface StoredSource {
  id: number
  name: string
  kind: string
  config: string
  secrets: string | null
  schedule: string
  created_at: number
  updated_at: number
}

export interface RunRow {
  id: number
  source_id: number
  trigger: string
  state: SyncRun['state']
  started_at: number
  ended_at: number | null
  pages: number
  added: number
  updated: number
  snapshots: number
  error: string | null
}

function isHttpUrl(text: unknown): boolean {
  if (typeof text !== 'string') return false
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function schemaProblems(schema: TSchema, config: unknown): string[] {
  return [...Value.Errors(schema, config)]
    .slice(0, 5)
    .map((error) => `config${error.instancePath.replace(/\//g, '.')}: ${error.message}`)
}

/** What is wrong with a kind's config and secrets (empty when nothing). */
export function configProblems(
  kind: SourceKind,
  config: Record<string, unknown>,
  secretNames: readonly string[],
): string[] {
  const problems: string[] = []
  if (kind === 'http') {
    problems.push(...schemaProblems(HttpConfig, config))
    if (problems.length > 0) return problems
    const http = config as HttpConfig
    const entity = findEntity(http.entity)
    if (entity === undefined)
      problems.push(
        `config.entity: ${JSON.stringify(http.entity)} is not an entity (${ENTITY_NAMES.join(', ')})`,
      )
    else problems.push(...mappingProblems(entity, http.mapping))
  } else if (kind === 'sextant') {
    problems.push(...schemaProblems(SextantConfig, config))
    if (problems.length > 0) return problems
    for (const name of (config as SextantConfig).entities ?? [])
      if (findEntity(name) === undefined)
        problems.push(`config.entities: ${JSON.stringify(name)} is not an entity`)
    for (const name of secretNames)
      if (name !== 'token')
        problems.push(`secrets: a Sextant source takes only "token", not ${JSON.stringify(name)}`)
  } else {
    problems.push(...schemaProblems(SnapshotConfig, config))
    if (problems.length > 0) return problems
    const snapshot = config as SnapshotConfig
    if (snapshot.product === 'workspaces' && (snapshot.workspaces ?? []).length === 0)
      problems.push('config.workspaces: name at least one workspace id to fetch')
    if (
      snapshot.product === 'campaigns' &&
      (snapshot.workspaces ?? []).length === 0 &&
      (snapshot.campaigns ?? []).length === 0
    )
      problems.push('config.workspaces / config.campaigns: name at least one to fetch')
    for (const campaign of snapshot.campaigns ?? [])
      if (!/^[^/]+\/[^/]+$/.test(campaign))
        problems.push(
          `config.campaigns: ${JSON.stringify(campaign)} is not <workspaceId>/<campaignId>`,
        )
    if (snapshot.product === 'calls' && (snapshot.orgHandle ?? '') === '')
      problems.push('config.orgHandle: the calls API needs the organisation handle (Org-Handle)')
    if (snapshot.product === 'bookings' && (snapshot.username ?? '') === '')
      problems.push('config.username: the bookings API (WordPress) needs a user for Basic auth')
    for (const name of secretNames)
      if (name !== 'token')
        problems.push(`secrets: a snapshot source takes only "token", not ${JSON.stringify(name)}`)
  }
  if (!isHttpUrl(config.url)) problems.push('config.url: must be an http:// or https:// URL')
  return problems
}

export class SourceStore {
  constructor(
    private readonly db: DbClient,
    private readonly clock: Clock,
    /** The secret box, opened on first use (it may create the key file). */
    private readonly secretBox: () => SecretBox,
  ) {}

  private static row(stored: StoredSource): SourceRow {
    return {
      id: stored.id,
      name: stored.name,
      kind: stored.kind as SourceKind,
      config: JSON.parse(stored.config) as Record<string, unknown>,
      sealed: stored.secrets,
      schedule: stored.schedule,
      createdAt: stored.created_at,
      updatedAt: stored.updated_at,
    }
  }

  async list(): Promise<SourceRow[]> {
    const rows = await this.db.query<StoredSource>('SELECT * FROM sync_sources ORDER BY name')
    return rows.map(SourceStore.row)
  }

  /** A source by id or by name. */
  async find(idOrName: number | string): Promise<SourceRow> {
    const byId = typeof idOrName === 'number' || /^\d+$/.test(idOrName)
    const row = await this.db.get<StoredSource>(
      byId
        ? 'SELECT * FROM sync_sources WHERE id = :key'
        : 'SELECT * FROM sync_sources WHERE name = :key',
      { key: byId ? Number(idOrName) : idOrName },
    )
    if (row === undefined && byId && typeof idOrName === 'string') {
      // A source may be named with digits only.
      const named = await this.db.get<StoredSource>(
        'SELECT * FROM sync_sources WHERE name = :key',
        { key: idOrName },
      )
      if (named !== undefined) return SourceStore.row(named)
    }
    if (row === undefined) throw new NotFound(`no sync source ${JSON.stringify(String(idOrName))}`)
    return SourceStore.row(row)
  }

  /** The secret values of a source (for the runner only). */
  secretsOf(source: SourceRow): Record<string, string> {
    return source.sealed === null ? {} : this.secretBox().open(source.sealed)
  }

  /** The secret values, or null when they do not open here. */
  private readableSecrets(source: SourceRow): Record<string, string> | null {
    try {
      return this.secretsOf(source)
    } catch {
      return null
    }
  }

  /** The names of the secrets a source has set. */
  secretNames(source: SourceRow): string[] {
    if (source.sealed === null) return []
    try {
      return Object.keys(this.secretsOf(source)).sort()
    } catch {
      return ['(sealed elsewhere)']
    }
  }

  private sealed(
    previous: Record<string, string>,
    changes: Readonly<Record<string, string>> | undefined,
  ): string | null {
    const values = { ...previous }
    for (const [name, value] of Object.entries(changes ?? {})) {
      if (value === '') delete values[name]
      else values[name] = value
    }
    return Object.keys(values).length === 0 ? null : this.secretBox().seal(values)
  }

  private validate(
    kind: SourceKind,
    config: Record<string, unknown>,
    schedule: string,
    secretNames: string[],
  ): void {
    const problems = configProblems(kind, config, secretNames)
    if (parseSchedule(schedule) === null)
      problems.push(
        `schedule: ${JSON.stringify(schedule)} is not manual, every <N>m, hourly or daily [HH:MM]`,
      )
    if (problems.length > 0) throw new BadRequest(problems.join('; '))
  }

  async create(input: SourceInput): Promise<SourceRow> {
    const schedule = input.schedule ?? 'manual'
    const secretNames = Object.entries(input.secrets ?? {})
      .filter(([, v]) => v !== '')
      .map(([k]) => k)
    this.validate(input.kind, input.config, schedule, secretNames)
    if (
      (await this.db.get('SELECT 1 FROM sync_sources WHERE name = :name', { name: input.name })) !==
      undefined
    )
      throw new Conflict(`a sync source named ${JSON.stringify(input.name)} already exists`)
    const now = this.clock.now()
    await this.db.write(
      [
        {
          sql: `INSERT INTO sync_sources (name, kind, config, secrets, schedule, created_at, updated_at)
                VALUES (:name, :kind, :config, :secrets, :schedule, :now, :now)`,
          params: {
            name: input.name,
            kind: input.kind,
            config: JSON.stringify(input.config),
            secrets: this.sealed({}, input.secrets),
            schedule,
            now,
          },
        },
      ],
      { records: false },
    )
    return this.find(input.name)
  }

  async update(idOrName: number | string, patch: SourcePatch): Promise<SourceRow> {
    const source = await this.find(idOrName)
    const kind = patch.kind ?? source.kind
    const config = patch.config ?? source.config
    const schedule = patch.schedule ?? source.schedule
    // Secrets that no longer open (a copied database, a new key) can be entered again.
    const readable = this.readableSecrets(source)
    const previous = patch.secrets === undefined ? {} : (readable ?? {})
    const merged = { ...previous }
    for (const [name, value] of Object.entries(patch.secrets ?? {})) {
      if (value === '') delete merged[name]
      else merged[name] = value
    }
    const names = patch.secrets !== undefined ? Object.keys(merged) : Object.keys(readable ?? {})
    this.validate(kind, config, schedule, names)
    if (patch.name !== undefined && patch.name !== source.name) {
      if (
        (await this.db.get('SELECT 1 FROM sync_sources WHERE name = :name', {
          name: patch.name,
        })) !== undefined
      )
        throw new Conflict(`a sync source named ${JSON.stringify(patch.name)} already exists`)
    }
    // Pointing a source elsewhere (or at another entity) starts it afresh.
    const moved =
      patch.kind !== undefined || JSON.stringify(config) !== JSON.stringify(source.config)
    await this.db.write(
      [
        {
          sql: `UPDATE sync_sources SET name = :name, kind = :kind, config = :config, secrets = :secrets,
                schedule = :schedule, updated_at = :now WHERE id = :id`,
          params: {
            id: source.id,
            name: patch.name ?? source.name,
            kind,
            config: JSON.stringify(config),
            secrets:
              patch.secrets === undefined ? source.sealed : this.sealed(previous, patch.secrets),
            schedule,
            now: this.clock.now(),
          },
        },
        ...(moved
          ? [
              {
                sql: 'DELETE FROM sync_checkpoints WHERE source_id = :id',
                params: { id: source.id },
              },
            ]
          : []),
      ],
      { records: false },
    )
    return this.find(source.id)
  }

  /** Deletes a source with its checkpoints, runs and snapshots; the records it brought stay. */
  async remove(idOrName: number | string): Promise<void> {
    const source = await this.find(idOrName)
    const id = { id: source.id }
    await this.db.write(
      [
        { sql: 'DELETE FROM remote_snapshots WHERE source_id = :id', params: id },
        { sql: 'DELETE FROM sync_runs WHERE source_id = :id', params: id },
        { sql: 'DELETE FROM sync_checkpoints WHERE source_id = :id', params: id },
        { sql: 'DELETE FROM sync_sources WHERE id = :id', params: id },
      ],
      { records: false },
    )
  }

  async runs(sourceId: number, limit = 50): Promise<RunRow[]> {
    return this.db.query<RunRow>(
      'SELECT * FROM sync_runs WHERE source_id = :id ORDER BY started_at DESC, id DESC LIMIT :limit',
      { id: sourceId, limit },
    )
  }

  async lastRun(sourceId: number): Promise<RunRow | undefined> {
    return (await this.runs(sourceId, 1))[0]
  }

  /** The API's view of a source. */
  async present(source: SourceRow, timeZone: string, running?: SyncRun): Promise<Source> {
    const last = await this.lastRun(source.id)
    const schedule = parseSchedule(source.schedule) ?? { kind: 'manual' as const }
    const next = nextRunAt(schedule, last?.started_at ?? null, source.createdAt, timeZone)
    return {
      id: source.id,
      name: source.name,
      kind: source.kind,
      config: source.config,
      secrets: this.secretNames(source),
      schedule: source.schedule,
      nextRunAt: next === null ? null : new Date(next).toISOString(),
      createdAt: new Date(source.createdAt).toISOString(),
      updatedAt: new Date(source.updatedAt).toISOString(),
      lastRun: running ?? (last === undefined ? null : presentRun(last)),
    }
  }
}

export function presentRun(row: RunRow, progress?: string): SyncRun {
  return {
    id: row.id,
    sourceId: row.source_id,
    trigger: row.trigger,
    state: row.state,
    startedAt: new Date(row.started_at).toISOString(),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
    pages: row.pages,
    added: row.added,
    updated: row.updated,
    snapshots: row.snapshots,
    error: row.error,
    ...(progress === undefined ? {} : { progress }),
  }
}
