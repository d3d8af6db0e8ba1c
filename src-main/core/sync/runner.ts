/**
 * Runs sync sources: fetches pages (http-client.ts: timeouts, size cap, retries with backoff and
 * Retry-After), hands each to the database worker (apply-page.ts: records and checkpoint in one
 * transaction) and keeps the run's history row. One run per source at a time; runs of different
 * sources may overlap (the worker applies their pages one at a time).
 *
 * Saving: each page is committed in memory at once; the file is saved every SAVE_EVERY_MS and
 * when the run ends (the run's result is on disk before it is reported). Whatever was saved is
 * a page boundary with its checkpoint, so a run killed at any moment resumes from the last
 * saved page with no gap and no record applied twice.
 *
 * Offline: when the remote cannot be reached at all the run ends `offline`, the data already
 * synced stays, and the next run (manual or scheduled) tries again.
 */
import type {
  ConnectionTest,
  HttpConfig,
  Pagination,
  SextantConfig,
  SnapshotConfig,
  SyncRun,
} from '../../../src-shared/api/sync'
import { ENTITY_NAMES, entityOrder, type EntityName } from '../../../src-shared/domain/entities'
import { nextRunAt, parseSchedule } from '../../../src-shared/domain/schedule'
import { addDays, localDate } from '../../../src-shared/domain/time'
import type { Clock } from '../clock'
import type { DbClient } from '../db/client'
import { Conflict, SextantError } from '../errors'
import { CHECKPOINT_QUERY, type FeedCheckpoint, type SyncPageResult } from './apply-page'
import { incrementalMode, startSince, type HttpCheckpoint } from './checkpoint'
import { HttpFetcher, SyncFetchError, type FetchedPage, type FetchRequest } from './http-client'
import {
  checkFormat,
  firstPosition,
  type ExpectedFormat,
  linkNext,
  MalformedPage,
  pageUrl,
  readPage,
  type Position,
} from './page'
import { presentRun, type SourceStore, type RunRow, type SourceRow } from './sources'

/** How often a running sync saves the file (and on its end). */
const SAVE_EVERY_MS = 5_000
/** Records per page asked of another Sextant. */
const FEED_PAGE_SIZE = 5_000
/** A scheduler tick: due sources start within this long of their time. */
const TICK_MS = 30_000

export interface SyncDeps {
  readonly db: DbClient
  readonly clock: Clock
  readonly store: SourceStore
  readonly timeZone: () => string
  /** Fetches pages; tests pass one with a fake wait. */
  readonly fetcher?: HttpFetcher
  /** Real time for saving cadence (not the console clock, which SEXTANT_NOW may fix). */
  readonly monotonic?: () => number
  /** How often a running sync saves the file (default SAVE_EVERY_MS; 0 = after every page). */
  readonly saveEveryMs?: number
}

interface Running {
  row: RunRow
  progress: string
  readonly abort: AbortController
  readonly done: Promise<SyncRun>
}

/** What one page did, summed over a run. */
interface Tally {
  pages: number
  added: number
  updated: number
  snapshots: number
}

class RunContext {
  private lastSave: number
  constructor(
    readonly source: SourceRow,
    readonly run: Running,
    readonly secrets: Record<string, string>,
    readonly tally: Tally,
    private readonly monotonic: () => number,
    private readonly saveEveryMs: number,
  ) {
    this.lastSave = monotonic()
  }

  get signal(): AbortSignal {
    return this.run.abort.signal
  }

  /** Whether the page about to be applied should also save the file. */
  saveDue(): boolean {
    // A whole-file save grows with the database (about 1 s at a million events): never spend
    // more than a tenth of the run saving.
    const every = this.saveEveryMs === 0 ? 0 : Math.max(this.saveEveryMs, this.lastSaveMs * 10)
    if (this.monotonic() - this.lastSave < every) return false
    this.lastSave = this.monotonic()
    return true
  }

  /** How long the last save took (the worker reports it with the page). */
  lastSaveMs = 0

  count(result: SyncPageResult): void {
    if (result.savedMs !== undefined) this.lastSaveMs = result.savedMs
    this.tally.pages++
    this.tally.added += result.added
    this.tally.updated += result.updated
  }

  say(progress: string): void {
    this.run.progress = progress
  }
}

function referencesMissing(error: unknown): boolean {
  return (
    error instanceof SextantError &&
    error.code === 'records_rejected' &&
    /: no [a-z_]+ record with id /.test(error.message)
  )
}

export class SyncService {
  readonly store: SourceStore
  private readonly fetcher: HttpFetcher
  private readonly running = new Map<number, Running>()
  private readonly monotonic: () => number

  constructor(private readonly deps: SyncDeps) {
    this.store = deps.store
    this.fetcher = deps.fetcher ?? new HttpFetcher()
    this.monotonic = deps.monotonic ?? (() => performance.now())
  }

  /** Runs left `running` by a process that died are `interrupted`; their sources resume. */
  async recover(): Promise<void> {
    const live = [...this.running.values()].map((run) => run.row.id)
    await this.deps.db.write(
      [
        {
          sql: `UPDATE sync_runs SET state = 'interrupted', ended_at = COALESCE(ended_at, started_at),
                error = COALESCE(error, 'the console stopped during the run; the next run resumes from the last saved page')
                WHERE state = 'running' AND id NOT IN (SELECT value FROM json_each(:live))`,
          params: { live: JSON.stringify(live) },
        },
      ],
      { records: false },
    )
  }

  /** The run in progress of a source, with what it is doing now. */
  current(sourceId: number): SyncRun | undefined {
    const running = this.running.get(sourceId)
    return running === undefined ? undefined : presentRun(running.row, running.progress)
  }

  /** Starts a run in the background; answers its first state. Refused while one runs. */
  async start(
    idOrName: number | string,
    trigger: string,
  ): Promise<{ run: SyncRun; done: Promise<SyncRun> }> {
    const source = await this.store.find(idOrName)
    if (this.running.has(source.id))
      throw new Conflict(`sync source ${JSON.stringify(source.name)} is already running`)
    const startedAt = this.deps.clock.now()
    const abort = new AbortController()
    const row: RunRow = {
      id: 0,
      source_id: source.id,
      trigger,
      state: 'running',
      started_at: startedAt,
      ended_at: null,
      pages: 0,
      added: 0,
      updated: 0,
      snapshots: 0,
      error: null,
    }
    let release!: (run: SyncRun) => void
    const done = new Promise<SyncRun>((resolve) => (release = resolve))
    const running: Running = { row, progress: 'starting', abort, done }
    this.running.set(source.id, running)
    try {
      // Saved with the pages (or the end): a run row alone is not worth a whole-file save.
      const { lastId } = await this.deps.db.touch([
        {
          sql: `INSERT INTO sync_runs (source_id, trigger, state, started_at) VALUES (:source, :trigger, 'running', :at)`,
          params: { source: source.id, trigger, at: startedAt },
        },
      ])
      row.id = lastId
    } catch (error) {
      this.running.delete(source.id)
      throw error
    }
    void this.execute(source, running).then(release)
    return { run: presentRun(row, running.progress), done }
  }

  /** Runs a source to its end and answers the finished run. */
  async run(idOrName: number | string, trigger: string): Promise<SyncRun> {
    return (await this.start(idOrName, trigger)).done
  }

  private async execute(source: SourceRow, running: Running): Promise<SyncRun> {
    const tally: Tally = { pages: 0, added: 0, updated: 0, snapshots: 0 }
    let state: SyncRun['state'] = 'ok'
    let error: string | null = null
    try {
      const secrets = this.store.secretsOf(source)
      const context = new RunContext(
        source,
        running,
        secrets,
        tally,
        this.monotonic,
        this.deps.saveEveryMs ?? SAVE_EVERY_MS,
      )
      if (source.kind === 'http') await this.runHttp(context)
      else if (source.kind === 'sextant') await this.runSextant(context)
      else await this.runSnapshots(context)
    } catch (caught) {
      ;({ state, error } = describeFailure(caught))
    }
    const row = running.row
    const ended = { ...row, state, error, ended_at: this.deps.clock.now() }
    try {
      // Counters were added page by page in the pages' own transactions; this saves them all.
      await this.deps.db.write(
        [
          {
            sql: `UPDATE sync_runs SET state = :state, error = :error, ended_at = :ended,
                  snapshots = snapshots + :snapshots WHERE id = :id`,
            params: { state, error, ended: ended.ended_at, snapshots: tally.snapshots, id: row.id },
          },
        ],
        { records: false },
      )
      const stored = await this.deps.db.get<RunRow>('SELECT * FROM sync_runs WHERE id = :id', {
        id: row.id,
      })
      return presentRun(stored ?? ended)
    } catch (caught) {
      return presentRun({ ...ended, state: 'failed', error: describeFailure(caught).error })
    } finally {
      this.running.delete(source.id)
    }
  }

  private fetch(context: RunContext, request: FetchRequest): Promise<FetchedPage> {
    return this.fetcher.fetch({ ...request, signal: context.signal }, (retry) =>
      context.say(
        `${request.label ?? request.url}: ${retry.reason}; trying again in ${Math.round(retry.delayMs / 100) / 10} s`,
      ),
    )
  }

  private async checkpoint<T>(sourceId: number, key: string): Promise<T | null> {
    const row = await this.deps.db.get<{ state: string }>(CHECKPOINT_QUERY, {
      source: sourceId,
      key,
    })
    return row === undefined ? null : (JSON.parse(row.state) as T)
  }

  // HTTP records --------------------------------------------------------------------------

  private async runHttp(context: RunContext): Promise<void> {
    const config = context.source.config as unknown as HttpConfig
    const pagination: Pagination = config.pagination ?? { type: 'none' }
    const mode = incrementalMode(pagination, config.incremental)
    const headers = { ...(config.headers ?? {}), ...context.secrets }
    const stored = await this.checkpoint<HttpCheckpoint>(context.source.id, 'http')
    let resumed = stored?.position != null
    let restart = !resumed
    let position: Position = stored?.position ?? firstPosition(config.url, pagination)
    // A resumed run asks with what its saved page says; a new one from the proven checkpoint.
    let since = resumed ? (stored?.runSince ?? null) : startSince(mode, stored?.since ?? null)
    let committed = stored?.since ?? null
    const seen = new Set<string>()
    for (let number = 1; ; number++) {
      const url = pageUrl(
        position,
        pagination,
        config.incremental === undefined ? null : { param: config.incremental.param, since },
      )
      if (seen.has(url))
        throw new SextantError(
          'pagination_stuck',
          `page ${number} (${url}): the remote gave the same page again; pagination does not advance`,
          502,
        )
      seen.add(url)
      const label = `page ${number} (${url})`
      context.say(`${label}: fetching`)
      let fetched: FetchedPage
      try {
        fetched = await this.fetch(context, { url, headers, label })
      } catch (error) {
        // A saved position the remote no longer knows (an expired cursor): start the run over,
        // from what is proven so far.
        if (resumed && error instanceof SyncFetchError && error.kind === 'http') {
          resumed = false
          restart = true
          position = firstPosition(config.url, pagination)
          since = startSince(mode, committed)
          number = 0
          seen.clear()
          continue
        }
        throw error
      }
      resumed = false
      const format = config.format ?? 'auto'
      checkFormat(`page ${number}`, url, fetched, format)
      const result = await this.deps.db.syncPage(
        {
          sourceId: context.source.id,
          runId: context.run.row.id,
          label,
          entity: config.entity as EntityName,
          body: fetched.body,
          contentType: fetched.headers['content-type'] ?? null,
          reader: {
            format,
            recordsPath: config.recordsPath,
            mapping: config.mapping ?? {},
            incrementalField: config.incremental?.field,
          },
          checkpointKey: 'http',
          advance: {
            kind: 'http',
            pagination,
            mode,
            position,
            runSince: since,
            linkNext: linkNext(fetched.headers.link, fetched.url),
            restart,
          },
        },
        { save: context.saveDue() },
      )
      restart = false
      context.count(result)
      context.say(`${label}: ${result.records} records`)
      if (result.done) return
      const checkpoint = result.checkpoint as HttpCheckpoint
      position = checkpoint.position!
      since = checkpoint.runSince
      committed = checkpoint.since
    }
  }

  // Another Sextant ------------------------------------------------------------------------

  private async runSextant(context: RunContext): Promise<void> {
    const config = context.source.config as unknown as SextantConfig
    const entities = ((config.entities ?? [...ENTITY_NAMES]) as EntityName[])
      .slice()
      .sort((a, b) => entityOrder(a) - entityOrder(b))
    const headers = bearer(context.secrets.token)
    const size = config.pageSize ?? FEED_PAGE_SIZE
    // A record written remotely between two entities' pulls may point at one this run has
    // passed; such a page is kept back and a second round (from the checkpoints) brings both.
    for (let round = 1; round <= 2; round++) {
      let missing: unknown = null
      for (const entity of entities) {
        try {
          await this.pullEntity(context, entity, headers, size, config.url)
        } catch (error) {
          if (!referencesMissing(error)) throw error
          missing = error
        }
      }
      if (missing === null) return
      if (round === 2) throw missing
    }
  }

  private async pullEntity(
    context: RunContext,
    entity: EntityName,
    headers: Record<string, string>,
    size: number,
    base: string,
  ): Promise<void> {
    const key = `records:${entity}`
    const stored = await this.checkpoint<FeedCheckpoint>(context.source.id, key)
    const first = under(base, `api/v1/records/${entity}`)
    first.searchParams.set('limit', String(size))
    if (stored?.after != null) first.searchParams.set('after', stored.after)
    const fetchPage = (url: string, number: number): Promise<FetchedPage> =>
      this.fetch(context, { url, headers, label: `${entity} page ${number} (${url})` })
    let number = 1
    let requested = first.toString()
    let pending: Promise<FetchedPage> | null = fetchPage(requested, number)
    while (pending !== null) {
      const fetched: FetchedPage = await pending
      // The next page is fetched while the worker applies this one.
      const next = linkNext(fetched.headers.link, fetched.url)
      const asked = requested
      pending = next === null ? null : fetchPage(next, number + 1)
      if (next !== null) requested = next
      pending?.catch(() => {})
      const label = `${entity} page ${number} (${fetched.url})`
      context.say(`${label}: applying`)
      let result: SyncPageResult
      try {
        checkFormat(`${entity} page ${number}`, asked, fetched, 'json')
        result = await this.deps.db.syncPage(
          {
            sourceId: context.source.id,
            runId: context.run.row.id,
            label,
            entity,
            body: fetched.body,
            contentType: 'application/json',
            reader: { format: 'json', recordsPath: 'data', mapping: null },
            checkpointKey: key,
            advance: { kind: 'feed' },
          },
          { save: context.saveDue() },
        )
      } catch (error) {
        await pending?.catch(() => {})
        throw error
      }
      context.count(result)
      context.say(`${entity}: ${context.tally.added + context.tally.updated} records so far`)
      if (result.done) {
        await pending?.catch(() => {})
        return
      }
      number++
    }
  }

  // Product API snapshots --------------------------------------------------------------------

  private async runSnapshots(context: RunContext): Promise<void> {
    const config = context.source.config as unknown as SnapshotConfig
    const requests = productRequests(
      config,
      context.secrets,
      this.deps.clock.now(),
      this.deps.timeZone(),
    )
    const failures: string[] = []
    let offline: SyncFetchError | null = null
    const answers: { endpoint: string; at: number; status: number; body: string }[] = []
    for (const request of requests) {
      const url = under(config.url, request.endpoint)
      const label = request.endpoint
      context.say(`${label}: fetching`)
      try {
        const fetched = await this.fetch(context, {
          url: url.toString(),
          headers: request.headers,
          label,
        })
        // A page where JSON should be (a login, a portal) says the remote is not the product:
        // the run stops and stores none of its answers.
        checkFormat(label, url.toString(), fetched, 'json')
        let body: unknown
        try {
          body = JSON.parse(fetched.body.toString('utf8'))
        } catch (error) {
          throw new MalformedPage(label, `the body is not valid JSON (${(error as Error).message})`)
        }
        answers.push({
          endpoint: request.endpoint,
          at: this.deps.clock.now(),
          status: fetched.status,
          body: JSON.stringify(body),
        })
      } catch (error) {
        if (context.signal.aborted) throw error
        if (error instanceof SextantError && error.code === 'wrong_format') throw error
        if (error instanceof SyncFetchError && error.kind === 'offline') offline = error
        failures.push(error instanceof Error ? error.message : String(error))
      }
    }
    // The answers of a run go in together (one transaction); an endpoint that failed is named.
    if (answers.length > 0) {
      await this.deps.db.touch(
        answers.map((answer) => ({
          sql: `INSERT INTO remote_snapshots (source_id, run_id, endpoint, fetched_at, status, body)
                VALUES (:source, :run, :endpoint, :at, :status, :body)`,
          params: {
            source: context.source.id,
            run: context.run.row.id,
            endpoint: answer.endpoint,
            at: answer.at,
            status: answer.status,
            body: answer.body,
          },
        })),
      )
      context.tally.snapshots += answers.length
    }
    if (offline !== null && context.tally.snapshots === 0) throw offline
    if (failures.length > 0)
      throw new SextantError(
        'snapshots_failed',
        `${failures.length} of ${requests.length} endpoints failed: ${failures.slice(0, 3).join('; ')}`,
        502,
      )
  }

  // Test connection -------------------------------------------------------------------------

  /** Fetches the first page (or endpoint) without storing anything. */
  async test(idOrName: number | string): Promise<ConnectionTest> {
    const source = await this.store.find(idOrName)
    try {
      const secrets = this.store.secretsOf(source)
      const quick = new HttpFetcher({ retry: { attempts: 1 }, limits: { totalTimeoutMs: 15_000 } })
      try {
        let url: string
        let headers: Record<string, string>
        // How the failure names what was asked: as a run would.
        let what: string
        let format: ExpectedFormat = 'json'
        if (source.kind === 'http') {
          const config = source.config as unknown as HttpConfig
          const pagination = config.pagination ?? { type: 'none' as const }
          url = pageUrl(firstPosition(config.url, pagination), pagination, null)
          headers = { ...(config.headers ?? {}), ...secrets }
          what = 'page 1'
          format = config.format ?? 'auto'
        } else if (source.kind === 'sextant') {
          const config = source.config as unknown as SextantConfig
          url = under(config.url, 'api/v1/records/workspaces?limit=1').toString()
          headers = bearer(secrets.token)
          what = 'workspaces page 1'
        } else {
          const config = source.config as unknown as SnapshotConfig
          const first = productRequests(
            config,
            secrets,
            this.deps.clock.now(),
            this.deps.timeZone(),
          )[0]!
          url = under(config.url, first.endpoint).toString()
          headers = first.headers
          what = first.endpoint
        }
        const fetched = await quick.fetch({ url, headers, label: url })
        checkFormat(what, url, fetched, format)
        let detail = `HTTP ${fetched.status} from ${url}`
        if (source.kind !== 'snapshot') {
          const config = source.config as Partial<HttpConfig>
          const page = readPage(url, fetched.body, fetched.headers['content-type'] ?? null, {
            format: source.kind === 'sextant' ? 'json' : (config.format ?? 'auto'),
            recordsPath: source.kind === 'sextant' ? 'data' : config.recordsPath,
            mapping: null,
          })
          detail += `, ${page.records.length} record${page.records.length === 1 ? '' : 's'} on the first page`
        }
        return { ok: true, state: 'ok', message: detail }
      } finally {
        await quick.close()
      }
    } catch (error) {
      const { state, error: message } = describeFailure(error)
      return {
        ok: false,
        state: state === 'offline' ? 'offline' : 'failed',
        message: message ?? 'failed',
      }
    }
  }

  // Schedules ---------------------------------------------------------------------------

  /** Starts every source whose schedule is due (and not running). */
  async runDue(): Promise<number> {
    const now = this.deps.clock.now()
    let started = 0
    for (const source of await this.store.list()) {
      if (this.running.has(source.id)) continue
      const schedule = parseSchedule(source.schedule)
      if (schedule === null || schedule.kind === 'manual') continue
      const last = await this.store.lastRun(source.id)
      const due = nextRunAt(
        schedule,
        last?.started_at ?? null,
        source.createdAt,
        this.deps.timeZone(),
      )
      if (due !== null && due <= now) {
        const ok = await this.start(source.id, 'schedule').then(
          () => true,
          () => false,
        )
        if (ok) started++
      }
    }
    return started
  }

  /** Checks the schedules now and every TICK_MS until the returned function is called. */
  startScheduler(onError: (error: unknown) => void = () => {}): () => void {
    const tick = (): void => void this.runDue().catch(onError)
    tick()
    const timer = setInterval(tick, TICK_MS)
    timer.unref?.()
    return () => clearInterval(timer)
  }

  /** Stops every run (their saved pages stay; they resume next time) and waits for them. */
  async close(): Promise<void> {
    const runs = [...this.running.values()]
    for (const run of runs) run.abort.abort()
    await Promise.all(runs.map((run) => run.done))
    await this.fetcher.close()
  }
}

/** A run's end state and message from what stopped it. */
export function describeFailure(error: unknown): { state: SyncRun['state']; error: string } {
  if (error instanceof SyncFetchError) {
    if (error.kind === 'offline') return { state: 'offline', error: `offline: ${error.message}` }
    if (error.kind === 'aborted')
      return {
        state: 'interrupted',
        error: 'stopped; the next run resumes from the last saved page',
      }
  }
  return { state: 'failed', error: error instanceof Error ? error.message : String(error) }
}

/** A path below a base URL, whether or not the base ends with `/` (`http://h/app` + `x`). */
function under(base: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`)
}

/** An `Authorization: Bearer` header for a token, or none. */
function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` }
}

/** One documented analytics request of a product. */
export interface ProductRequest {
  /** Path and query, relative to the base URL. */
  readonly endpoint: string
  readonly headers: Record<string, string>
}

/** The documented analytics endpoints a snapshot source fetches, with the product's auth. */
export function productRequests(
  config: SnapshotConfig,
  secrets: Record<string, string>,
  now: number,
  timeZone: string,
): ProductRequest[] {
  const days = config.days ?? 30
  const token = secrets.token
  const auth = bearer(token)
  const period = `period=${days}d`
  const encode = encodeURIComponent
  switch (config.product) {
    case 'workspaces':
      return (config.workspaces ?? []).map((workspace) => ({
        endpoint: `/api/workspaces/${encode(workspace)}/analytics?${period}`,
        headers: auth,
      }))
    case 'campaigns':
      return [
        ...(config.workspaces ?? []).flatMap((workspace) =>
          ['timeseries', 'attribution', 'cohorts'].map((kind) => ({
            endpoint: `/api/workspaces/${encode(workspace)}/analytics/${kind}?${period}`,
            headers: auth,
          })),
        ),
        ...(config.campaigns ?? []).map((pair) => {
          const [workspace, campaign] = pair.split('/') as [string, string]
          return {
            endpoint: `/api/workspaces/${encode(workspace)}/analytics/campaigns/${encode(campaign)}?${period}`,
            headers: auth,
          }
        }),
      ]
    case 'calls': {
      const headers = { ...auth, 'org-handle': config.orgHandle ?? '' }
      return [
        { endpoint: '/api/v2/platform/organisation/analytics', headers },
        ...(config.spaces ?? []).map((space) => ({
          endpoint: `/api/v2/platform/organisation/analytics?space_token=${encode(space)}`,
          headers,
        })),
      ]
    }
    case 'bookings': {
      const basic: Record<string, string> =
        token === undefined
          ? {}
          : {
              authorization: `Basic ${Buffer.from(`${config.username ?? ''}:${token}`).toString('base64')}`,
            }
      const today = localDate(now, timeZone)
      const from = addDays(today, -(days - 1))
      const prefix = '/wp-json/fluent-booking/v2/reports'
      return [
        { endpoint: prefix, headers: basic },
        {
          endpoint: `${prefix}/graph-reports?date_range[0]=${from}&date_range[1]=${today}`,
          headers: basic,
        },
        { endpoint: `${prefix}/activities`, headers: basic },
      ]
    }
  }
}
