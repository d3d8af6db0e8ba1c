/**
 * `sextant sync [SOURCE...]` and `sextant source add|list|show|edit|remove|test` (CLI.md, issue
 * #6). Like every writer they go through the running console when one holds the database, and
 * run the sources themselves under the lock otherwise. Secret values never appear on the command
 * line (where `ps` and shell history would keep them): they are read from environment variables
 * named on it, or from stdin.
 */
import { type Command, InvalidArgumentError, Option } from 'commander'
import { readFileSync } from 'node:fs'
import type {
  ConnectionTest,
  Source,
  SourceInput,
  SourcePatch,
  Sources,
  SyncRun,
  SyncRuns,
} from '../../src-shared/api/sync'
import type { Clock } from '../core/clock'
import type { DbClient } from '../core/db/client'
import { createSyncService } from '../core/host'
import { resolveTimeZone } from '../core/settings'
import type { SyncService } from '../core/sync/runner'
import { presentRun } from '../core/sync/sources'
import type { ConsoleLink } from './console-link'

export interface CliHelpers {
  dbFile(command: Command): string
  clock(): Clock
  withDatabase<T>(
    file: string,
    command: string,
    viaConsole: (link: ConsoleLink) => Promise<T>,
    locally: (db: DbClient) => Promise<T>,
    options?: { readOnly?: boolean },
  ): Promise<T>
  fail(message: string): Error
}

interface SourceFlags {
  kind?: string
  url?: string
  entity?: string
  config?: string
  schedule?: string
  secret: string[]
  tokenEnv?: string
  tokenStdin?: boolean
  product?: string
  workspace: string[]
  campaign: string[]
  org?: string
  space: string[]
  username?: string
  days?: number
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function withSourceFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--kind <kind>', 'http, sextant or snapshot').choices([
        'http',
        'sextant',
        'snapshot',
      ]),
    )
    .option(
      '--url <url>',
      'http(s) URL: the records endpoint, the other console, or the product API',
    )
    .option('--entity <name>', 'http: the DATA.md entity the records are')
    .option(
      '--config <json-or-file>',
      'the rest of the config as JSON, or a .json file (mapping, pagination, incremental, ...)',
    )
    .option('--schedule <when>', 'manual, "every <N>m", hourly, daily or "daily HH:MM"')
    .option(
      '--secret <name=ENV_VAR>',
      'a secret read from an environment variable (http: a header)',
      collect,
      [],
    )
    .option(
      '--token-env <ENV_VAR>',
      'the token (sextant, snapshot), read from an environment variable',
    )
    .option('--token-stdin', 'the token, read from the first line of stdin')
    .addOption(
      new Option('--product <product>', 'snapshot: the product').choices([
        'workspaces',
        'campaigns',
        'calls',
        'bookings',
      ]),
    )
    .option('--workspace <id>', 'snapshot: a workspace to fetch (repeatable)', collect, [])
    .option(
      '--campaign <workspace/campaign>',
      'snapshot: a campaign to fetch (repeatable)',
      collect,
      [],
    )
    .option('--org <handle>', 'snapshot (calls): the Org-Handle')
    .option('--space <token>', 'snapshot (calls): a contact space token (repeatable)', collect, [])
    .option('--username <user>', 'snapshot (bookings): the WordPress user')
    .option('--days <n>', 'snapshot: the window in days (default 30)', (value) => {
      if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a number of days')
      return Number(value)
    })
}

function readStdinLine(): string {
  const text = readFileSync(0, 'utf8')
  return text.split(/\r?\n/)[0]!.trim()
}

/** The config and secrets the flags describe (on top of `base` for edits). */
function fromFlags(
  flags: SourceFlags,
  base: Record<string, unknown>,
  fail: (message: string) => Error,
): { config: Record<string, unknown>; secrets: Record<string, string> } {
  let config: Record<string, unknown> = { ...base }
  if (flags.config !== undefined) {
    const text = flags.config.trim().startsWith('{')
      ? flags.config
      : readFileSync(flags.config, 'utf8')
    try {
      config = { ...config, ...(JSON.parse(text) as Record<string, unknown>) }
    } catch (error) {
      throw fail(`--config: not JSON (${(error as Error).message})`)
    }
  }
  const set = (key: string, value: unknown): void => {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) config[key] = value
  }
  set('url', flags.url)
  set('entity', flags.entity)
  set('product', flags.product)
  set('workspaces', flags.workspace)
  set('campaigns', flags.campaign)
  set('orgHandle', flags.org)
  set('spaces', flags.space)
  set('username', flags.username)
  set('days', flags.days)
  const secrets: Record<string, string> = {}
  for (const pair of flags.secret) {
    const at = pair.indexOf('=')
    if (at < 1) throw fail(`--secret: expected NAME=ENV_VAR, found ${JSON.stringify(pair)}`)
    const variable = pair.slice(at + 1)
    const value = process.env[variable]
    if (value === undefined) throw fail(`--secret: the environment variable ${variable} is not set`)
    secrets[pair.slice(0, at)] = value
  }
  if (flags.tokenEnv !== undefined) {
    const value = process.env[flags.tokenEnv]
    if (value === undefined)
      throw fail(`--token-env: the environment variable ${flags.tokenEnv} is not set`)
    secrets.token = value
  }
  if (flags.tokenStdin === true) secrets.token = readStdinLine()
  return { config, secrets }
}

function describeRun(name: string, run: SyncRun): string {
  const counts = `${run.added} added, ${run.updated} updated, ${run.pages} pages${run.snapshots > 0 ? `, ${run.snapshots} snapshots` : ''}`
  if (run.state === 'ok') return `${name}: ok, ${counts}`
  return `${name}: ${run.state}, ${counts}: ${run.error ?? ''}`
}

/** Runs work on a local SyncService (under the lock), closing it after. */
async function locally<T>(
  db: DbClient,
  file: string,
  helpers: CliHelpers,
  work: (sync: SyncService, timeZone: string) => Promise<T>,
): Promise<T> {
  const timeZone = await resolveTimeZone(db)
  const sync = createSyncService({
    db,
    clock: helpers.clock(),
    timeZone: () => timeZone,
    databaseFile: file,
  })
  // Marking dead runs interrupted is a write: a read-only listing leaves that to a writer.
  if (!db.readOnly) await sync.recover()
  try {
    return await work(sync, timeZone)
  } finally {
    await sync.close()
  }
}

const path = (source: string): string => `/api/v1/sources/${encodeURIComponent(source)}`

export function registerSyncCommands(program: Command, helpers: CliHelpers): void {
  const { withDatabase, dbFile, fail } = helpers

  program
    .command('sync')
    .description('run the configured sources now (all of them when none is named)')
    .argument('[sources...]', 'source names')
    .action(async (names: string[], _options, command: Command) => {
      const file = dbFile(command)
      const runs = await withDatabase<{ name: string; run: SyncRun }[]>(
        file,
        'sync',
        async (link) => {
          const targets =
            names.length > 0
              ? names
              : (await link.request<Sources>('GET', '/api/v1/sources')).sources.map((s) => s.name)
          const results: { name: string; run: SyncRun }[] = []
          for (const name of targets) {
            let run = await link.request<SyncRun>('POST', `${path(name)}/runs?trigger=cli`)
            let said = ''
            while (run.state === 'running') {
              await new Promise((resolve) => setTimeout(resolve, 500))
              run = (await link.request<SyncRuns>('GET', `${path(name)}/runs?limit=1`)).runs[0]!
              if (run.progress !== undefined && run.progress !== said) {
                said = run.progress
                process.stderr.write(`${name}: ${said}\n`)
              }
            }
            results.push({ name, run })
          }
          return results
        },
        (db) =>
          locally(db, file, helpers, async (sync) => {
            const targets = names.length > 0 ? names : (await sync.store.list()).map((s) => s.name)
            const results: { name: string; run: SyncRun }[] = []
            for (const name of targets) {
              const started = await sync.start(name, 'cli')
              let said = ''
              const timer = setInterval(() => {
                const progress = sync.current(started.run.sourceId)?.progress
                if (progress !== undefined && progress !== said) {
                  said = progress
                  process.stderr.write(`${name}: ${progress}\n`)
                }
              }, 1000)
              try {
                results.push({ name, run: await started.done })
              } finally {
                clearInterval(timer)
              }
            }
            return results
          }),
      )
      if (runs.length === 0)
        process.stderr.write('no sync sources; add one with `sextant source add`\n')
      for (const { name, run } of runs) process.stdout.write(`${describeRun(name, run)}\n`)
      const failed = runs.filter(({ run }) => run.state !== 'ok')
      if (failed.length > 0)
        throw fail(
          `${failed.length} of ${runs.length} sources did not finish: ${failed.map(({ name, run }) => `${name} (${run.state})`).join(', ')}`,
        )
    })

  const source = program
    .command('source')
    .description('sync sources: add, list, show, edit, remove, test')

  withSourceFlags(
    source
      .command('add')
      .description('add a sync source')
      .argument('<name>', 'a name for the source'),
  ).action(async (name: string, flags: SourceFlags, command: Command) => {
    if (flags.kind === undefined)
      throw fail('source add: --kind is required (http, sextant or snapshot)')
    const { config, secrets } = fromFlags(flags, {}, fail)
    const input: SourceInput = {
      name,
      kind: flags.kind as SourceInput['kind'],
      config,
      secrets,
      ...(flags.schedule === undefined ? {} : { schedule: flags.schedule }),
    }
    const file = dbFile(command)
    const created = await withDatabase<Source>(
      file,
      'source',
      (link) => link.request<Source>('POST', '/api/v1/sources', input),
      (db) =>
        locally(db, file, helpers, async (sync, timeZone) =>
          sync.store.present(await sync.store.create(input), timeZone),
        ),
    )
    process.stdout.write(`added ${created.name} (${created.kind}, ${created.schedule})\n`)
  })

  withSourceFlags(
    source
      .command('edit')
      .description('change a sync source (flags given replace those values)')
      .argument('<name>', 'the source')
      .option('--rename <new-name>', 'a new name'),
  ).action(async (name: string, flags: SourceFlags & { rename?: string }, command: Command) => {
    const file = dbFile(command)
    const patchFrom = (current: Source): SourcePatch => {
      const { config, secrets } = fromFlags(flags, current.config, fail)
      return {
        ...(flags.rename === undefined ? {} : { name: flags.rename }),
        ...(flags.kind === undefined ? {} : { kind: flags.kind as SourcePatch['kind'] }),
        config,
        ...(Object.keys(secrets).length === 0 ? {} : { secrets }),
        ...(flags.schedule === undefined ? {} : { schedule: flags.schedule }),
      }
    }
    const changed = await withDatabase<Source>(
      file,
      'source',
      async (link) =>
        link.request<Source>(
          'PATCH',
          path(name),
          patchFrom(await link.request<Source>('GET', path(name))),
        ),
      (db) =>
        locally(db, file, helpers, async (sync, timeZone) => {
          const current = await sync.store.present(await sync.store.find(name), timeZone)
          return sync.store.present(await sync.store.update(name, patchFrom(current)), timeZone)
        }),
    )
    process.stdout.write(`changed ${changed.name}\n`)
  })

  source
    .command('list')
    .description('the sources, their schedules and last runs')
    .action(async (_options, command: Command) => {
      const file = dbFile(command)
      const { sources } = await withDatabase<Sources>(
        file,
        'source',
        (link) => link.request<Sources>('GET', '/api/v1/sources'),
        (db) =>
          locally(db, file, helpers, async (sync, timeZone) => ({
            sources: await Promise.all(
              (await sync.store.list()).map((s) => sync.store.present(s, timeZone)),
            ),
          })),
        { readOnly: true },
      )
      if (sources.length === 0)
        process.stderr.write('no sync sources; add one with `sextant source add`\n')
      for (const item of sources) {
        const last =
          item.lastRun === null ? 'never run' : `${item.lastRun.state} at ${item.lastRun.startedAt}`
        process.stdout.write(`${item.name}\t${item.kind}\t${item.schedule}\t${last}\n`)
      }
    })

  source
    .command('show')
    .description('a source as JSON (secret names only) with its recent runs')
    .argument('<name>', 'the source')
    .action(async (name: string, _options, command: Command) => {
      const file = dbFile(command)
      const shown = await withDatabase<{ source: Source; runs: SyncRun[] }>(
        file,
        'source',
        async (link) => ({
          source: await link.request<Source>('GET', path(name)),
          runs: (await link.request<SyncRuns>('GET', `${path(name)}/runs?limit=10`)).runs,
        }),
        (db) =>
          locally(db, file, helpers, async (sync, timeZone) => {
            const found = await sync.store.find(name)
            return {
              source: await sync.store.present(found, timeZone),
              runs: (await sync.store.runs(found.id, 10)).map((row) => presentRun(row)),
            }
          }),
        { readOnly: true },
      )
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`)
    })

  source
    .command('remove')
    .description('delete a source with its runs and snapshots (the records it brought stay)')
    .argument('<name>', 'the source')
    .action(async (name: string, _options, command: Command) => {
      const file = dbFile(command)
      await withDatabase<void>(
        file,
        'source',
        (link) => link.request<void>('DELETE', path(name)),
        (db) => locally(db, file, helpers, (sync) => sync.store.remove(name)),
      )
      process.stdout.write(`removed ${name}\n`)
    })

  source
    .command('test')
    .description('test the connection: fetch the first page, store nothing')
    .argument('<name>', 'the source')
    .action(async (name: string, _options, command: Command) => {
      const file = dbFile(command)
      const result = await withDatabase<ConnectionTest>(
        file,
        'source',
        (link) => link.request<ConnectionTest>('POST', `${path(name)}/test`),
        (db) => locally(db, file, helpers, (sync) => sync.test(name)),
      )
      process.stdout.write(`${name}: ${result.state}: ${result.message}\n`)
      if (!result.ok) throw fail(`${name}: the connection test failed`)
    })
}
