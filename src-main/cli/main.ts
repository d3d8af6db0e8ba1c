/**
 * The `sextant` command (CLI.md). Every command takes `--db`, prints progress
 * on stderr and its result on stdout, and ends a failure with one line naming
 * the problem and a non-zero exit. Commands that write go through a running
 * console when one holds the database, and take the lock themselves otherwise.
 */
import { Command, InvalidArgumentError, Option } from 'commander'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { clockFromEnv, type Clock } from '../core/clock'
import { DbClient } from '../core/db/client'
import { acquireLock, readLock, type LockHandle } from '../core/db/lock'
import { ImportFailed, SextantError, formatIssue } from '../core/errors'
import type { DemoSize } from '../core/demo/generate'
import { ZIP_LIMIT_OPTIONS, type ZipLimitOption, type ZipLimits } from '../core/importer/archive'
import type { ImportResult } from '../core/importer/run-import'
import { loginUrl } from '../core/http/session'
import { AllowedOrigins, normaliseOrigin, type AllowedOrigin } from '../core/allowed-origins'
import { DEFAULT_PORT, startConsole, type RunningConsole } from '../core/host'
import { createToken, listTokens, revokeToken, type TokenInfo } from '../core/tokens/tokens'
import { linkTo, type ConsoleLink } from './console-link'
import { openSignInLink } from './open-browser'
import { databasePath, uiRoot } from './paths'
import { progressReporter } from './progress'
import { registerSyncCommands } from './sync-commands'
import { registerExportCommand } from './export-command'

const require = createRequire(import.meta.url)
const VERSION = (require('../../package.json') as { version: string }).version

/** Ends the command with a one-line reason. */
class CliFailure extends Error {}

/** The part of GET /api/v1/settings the cors commands read. */
interface Settings {
  allowedOrigins: AllowedOrigin[]
}

interface GlobalOptions {
  db?: string
}

function dbFile(command: Command): string {
  return resolve(databasePath((command.optsWithGlobals() as GlobalOptions).db))
}

function clock(): Clock {
  try {
    return clockFromEnv()
  } catch (error) {
    throw new CliFailure((error as Error).message)
  }
}

/** Takes the lock, naming the folder when it cannot be written (a read-only folder). */
function takeLock(file: string, command: string): LockHandle {
  try {
    return acquireLock(file, command)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM')
      throw new CliFailure(
        `cannot write in ${dirname(file)} (${code}): read commands and serve --read-only still work there`,
      )
    throw error
  }
}

/**
 * Runs `work` on the database: through the running console if one holds it, else under our own
 * lock. `readOnly` work (listing) takes no lock and never writes, so it runs in a read-only
 * folder and beside another writer (saves replace the file atomically: it reads a whole one).
 */
async function withDatabase<T>(
  file: string,
  command: string,
  viaConsole: (link: ConsoleLink) => Promise<T>,
  locally: (db: DbClient) => Promise<T>,
  options: { readOnly?: boolean } = {},
): Promise<T> {
  const holder = readLock(file)
  if (holder !== null) {
    const link = linkTo(holder)
    if (link !== null) {
      process.stderr.write(`sending the work to the running console on port ${link.port}\n`)
      return viaConsole(link)
    }
  }
  const readOnly = options.readOnly === true
  if (!readOnly) mkdirSync(dirname(file), { recursive: true })
  let lock: LockHandle | null = null
  let db: DbClient | undefined
  try {
    lock = readOnly ? null : takeLock(file, command)
    db = await DbClient.open(readOnly && !existsSync(file) ? null : file, { readOnly })
    return await locally(db)
  } finally {
    await db?.close()
    lock?.release()
  }
}

function printImportResult(result: ImportResult, startedAt: number): void {
  for (const entity of result.entities)
    process.stdout.write(`${entity.entity}: ${entity.records} records\n`)
  const seconds = (performance.now() - startedAt) / 1000
  process.stderr.write(
    `wrote ${result.records.toLocaleString('en')} records in ${seconds.toFixed(2)} s\n`,
  )
}

function parseSize(value: string): DemoSize {
  if (value === 'small' || value === 'medium' || value === 'large') return value
  if (/^\d+$/.test(value)) return Number(value)
  throw new InvalidArgumentError('expected small, medium, large or a number of contact events')
}

function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('expected an integer')
  return Number(value)
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535')
  return port
}

/** `sextant import`'s options: --entity and the .zip limits, under commander's names. */
type ImportOptions = { entity?: string } & Record<string, unknown>

/** A .zip limit as a commander option; a bad value is a malformed command line. */
function zipLimitOption(limit: ZipLimitOption): Option {
  return new Option(limit.flags, limit.description).argParser((value: string) => {
    try {
      return limit.parse(value)
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message)
    }
  })
}

/** The limits given on the command line, or undefined for the defaults. */
function zipLimitsOf(options: ImportOptions): Partial<ZipLimits> | undefined {
  const limits: Partial<Record<keyof ZipLimits, number>> = {}
  for (const limit of ZIP_LIMIT_OPTIONS) {
    const value = options[new Option(limit.flags).attributeName()]
    if (typeof value === 'number') limits[limit.key] = value
  }
  return Object.keys(limits).length === 0 ? undefined : limits
}

/** The stored CORS allow-list of a running console (not this run's --allow-origin ones). */
async function storedOrigins(link: ConsoleLink): Promise<string[]> {
  const settings = await link.request<Settings>('GET', '/api/v1/settings')
  return settings.allowedOrigins
    .filter((item) => item.source === 'setting')
    .map((item) => item.origin)
}

/** An origin argument, normalised; a bad one is a malformed command line naming why. */
function originArgument(value: string): string {
  try {
    return normaliseOrigin(value)
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message)
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function describeScope(token: TokenInfo): string {
  if (token.fullAccess) return 'full access'
  const parts = [
    ...token.workspaces.map((id) => `workspace ${id}`),
    ...token.organisations.map((handle) => `org ${handle}`),
  ]
  return parts.join(', ')
}

async function serve(
  file: string,
  options: { port?: number; open?: boolean; readOnly?: boolean; allowOrigin?: string[] },
): Promise<void> {
  const envPort = process.env.SEXTANT_PORT
  if (options.port === undefined && envPort !== undefined && envPort !== '') {
    options.port = parsePortOrFail(envPort, 'SEXTANT_PORT')
  }
  const theClock = clock()
  // `serve --open` (and `sextant` without a desktop runtime) on a database a console already
  // serves: sign the browser in to that console instead of failing on its lock.
  const holder = options.open === true ? readLock(file) : null
  const other = holder === null ? null : linkTo(holder)
  if (other !== null) {
    const { url } = await other.request<{ url: string }>('POST', '/api/v1/session/links')
    process.stdout.write(`the console is already running on http://127.0.0.1:${other.port}\n`)
    process.stdout.write(`sign in (one-time link): ${url}\n`)
    openSignInLink(url)
    return
  }
  // Read-only: no lock (the folder may not be writable), nothing saved, writes refused.
  const readOnly = options.readOnly === true
  if (readOnly && !existsSync(file)) throw new CliFailure(`no database at ${file}`)
  if (!readOnly) mkdirSync(dirname(file), { recursive: true })
  const lock = readOnly ? null : takeLock(file, 'serve')
  let db: DbClient
  try {
    db = await DbClient.open(file, { readOnly })
  } catch (error) {
    lock?.release()
    throw error
  }
  let running: RunningConsole
  try {
    running = await startConsole({
      db,
      lock,
      clock: theClock,
      version: VERSION,
      uiRoot: uiRoot(),
      port: options.port ?? DEFAULT_PORT,
      fallback: false,
      databaseFile: file,
      allowOrigins: options.allowOrigin ?? [],
    })
  } catch (error) {
    lock?.release()
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliFailure(
        `port ${options.port ?? DEFAULT_PORT} is in use; pick another with --port (0 = any free port)`,
      )
    throw error
  }
  const { port, sessions } = running
  // Handlers before the address is announced: whoever reads the line may signal at once.
  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    process.stderr.write(`${signal}: saving and stopping\n`)
    const { unsaved } = await running.close()
    lock?.release()
    if (unsaved !== null) {
      process.stderr.write(
        `sextant: could not save on exit (${unsaved}); every confirmed change is in ${file}, only tokens' latest last-use times were lost\n`,
      )
      process.exit(1)
    }
    process.exit(0)
  }
  // A database worker that cannot be brought back: one line and exit 1, not a console whose
  // every route fails while /health says ok.
  db.onFatal((reason) => {
    process.stderr.write(
      `sextant: the database stopped: ${reason}; every confirmed change is in ${file}\n`,
    )
    lock?.release()
    process.exit(1)
  })
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  const url = `http://127.0.0.1:${port}`
  const signIn = loginUrl(port, sessions.createLoginCode())
  process.stdout.write(`listening on ${url}\n`)
  process.stdout.write(`sign in (one-time link): ${signIn}\n`)
  process.stderr.write(`database: ${file}${readOnly ? ' (read-only)' : ''}\n`)
  const corsOrigins = running.allowedOrigins.list()
  if (corsOrigins.length > 0)
    process.stderr.write(
      `pages of these origins may read the documented endpoints with a token: ${corsOrigins.map((item) => item.origin).join(', ')}\n`,
    )
  if (options.open === true) openSignInLink(signIn)
}

function parsePortOrFail(value: string, name: string): number {
  try {
    return parsePort(value)
  } catch {
    throw new CliFailure(
      `${name} must be a port number from 0 to 65535, found ${JSON.stringify(value)}`,
    )
  }
}

/** The Electron binary of the `electron` package, when it has been downloaded. */
function electronBinary(): string | null {
  try {
    const folder = dirname(require.resolve('electron/package.json'))
    const binary = join(folder, 'dist', readFileSync(join(folder, 'path.txt'), 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

/**
 * Fetches the Electron binary with the package's own installer (npm 11 does
 * not run its postinstall unless approved). Fails fast with no network.
 */
function downloadElectron(): string | null {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null
  try {
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js')
    process.stderr.write('fetching the Electron runtime (once)...\n')
    const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 600_000 })
    const binary = electronBinary()
    if (binary === null) {
      const reason = `${result.stderr ?? ''}`.trim().split('\n')[0] || `exit code ${result.status}`
      process.stderr.write(`could not fetch it: ${reason}\n`)
    }
    return binary
  } catch {
    return null
  }
}

async function desktop(file: string): Promise<void> {
  let main: string | null
  try {
    main = require.resolve('../../out/main/index.js')
  } catch {
    main = null
  }
  const runtime = main === null ? null : (electronBinary() ?? downloadElectron())
  if (runtime !== null && main !== null) {
    const child = spawn(runtime, [dirname(dirname(dirname(main)))], {
      stdio: 'inherit',
      env: { ...process.env, SEXTANT_DB: file },
    })
    child.on('exit', (code) => process.exit(code ?? 0))
    return
  }
  process.stderr.write(
    main === null
      ? 'the desktop app is not built (npm run build); opening the console in your browser instead\n'
      : 'no Electron runtime could be found or fetched; opening the console in your browser instead\n',
  )
  await serve(file, { open: true })
}

export function buildProgram(): Command {
  const program = new Command()
    .name('sextant')
    .description('Sextant, the offline analytics console')
    .version(VERSION)
    .addOption(
      new Option(
        '--db <file>',
        'database file (default: $SEXTANT_DB, else sextant.db in the user-data folder)',
      ),
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (message, write) => write(message) })

  program
    .command('desktop')
    .description('the desktop app; without an Electron runtime, serve --open')
    .action(async (_options, command: Command) => desktop(dbFile(command)))

  program
    .command('serve')
    .description('the loopback API and web UI on http://127.0.0.1:N/ until SIGINT/SIGTERM')
    .addOption(
      new Option(
        '--port <n>',
        'port, 0 = any free one (default: $SEXTANT_PORT, else 4477)',
      ).argParser(parsePort),
    )
    .option('--open', 'open the console in the default browser')
    .option(
      '--read-only',
      'open the database without the lock and never write it (a read-only folder, a copy)',
    )
    .addOption(
      new Option(
        '--allow-origin <origin>',
        'let pages of this origin read the documented endpoints with a token, for this run (CORS; repeatable; stored ones: sextant cors)',
      )
        .argParser((value: string, previous: string[] | undefined) => [
          ...(previous ?? []),
          originArgument(value),
        ])
        .default(undefined),
    )
    .action(
      async (
        options: { port?: number; open?: boolean; readOnly?: boolean; allowOrigin?: string[] },
        command: Command,
      ) => serve(dbFile(command), options),
    )

  const corsCommand = program
    .command('cors')
    .description(
      'the origins whose web pages may read the documented endpoints with a token (CORS)',
    )
  corsCommand
    .command('list')
    .description('list the allowed origins')
    .action(async (_options, command: Command) => {
      const origins = await withDatabase(
        dbFile(command),
        'cors',
        async (link) => (await link.request<Settings>('GET', '/api/v1/settings')).allowedOrigins,
        async (db) => (await AllowedOrigins.load(db)).list(),
        { readOnly: true },
      )
      if (origins.length === 0) {
        process.stderr.write('no origins allowed; add one with: sextant cors add ORIGIN\n')
        return
      }
      for (const item of origins)
        process.stdout.write(
          `${item.origin}${item.source === 'setting' ? '' : `\t(${item.source}, this run)`}\n`,
        )
    })
  corsCommand
    .command('add')
    .description('allow pages of an origin (scheme://host[:port]) to read the documented endpoints')
    .argument('<origin>', 'e.g. https://wp.example.com or http://localhost:3000', originArgument)
    .action(async (origin: string, _options, command: Command) => {
      await withDatabase(
        dbFile(command),
        'cors',
        async (link) => {
          const stored = await storedOrigins(link)
          if (stored.includes(origin)) return
          await link.request('PUT', '/api/v1/settings', { allowedOrigins: [...stored, origin] })
        },
        async (db) => void (await (await AllowedOrigins.load(db)).add(origin)),
      )
      process.stdout.write(`allowed ${origin}\n`)
    })
  corsCommand
    .command('remove')
    .description('stop allowing an origin')
    .argument('<origin>', 'as listed by sextant cors list', originArgument)
    .action(async (origin: string, _options, command: Command) => {
      await withDatabase(
        dbFile(command),
        'cors',
        async (link) => {
          const stored = await storedOrigins(link)
          if (!stored.includes(origin)) throw new CliFailure(`${origin} is not an allowed origin`)
          await link.request('PUT', '/api/v1/settings', {
            allowedOrigins: stored.filter((item) => item !== origin),
          })
        },
        async (db) => void (await (await AllowedOrigins.load(db)).remove(origin)),
      )
      process.stdout.write(`removed ${origin}\n`)
    })

  program
    .command('import')
    .description('import datasets (folders, .zip) or single entity files, all or nothing')
    .argument('<paths...>', 'dataset folders, .zip files or entity files')
    .option('--entity <name>', 'the entity of single files whose name does not say it')
    // The .zip limits (README "Importing"): the console's uploads use the same defaults.
    .addOption(zipLimitOption(ZIP_LIMIT_OPTIONS[0]!))
    .addOption(zipLimitOption(ZIP_LIMIT_OPTIONS[1]!))
    .addOption(zipLimitOption(ZIP_LIMIT_OPTIONS[2]!))
    .addOption(zipLimitOption(ZIP_LIMIT_OPTIONS[3]!))
    .action(async (paths: string[], options: ImportOptions, command: Command) => {
      const absolute = paths.map((path) => resolve(path))
      const limits = zipLimitsOf(options)
      const reporter = progressReporter('import')
      const startedAt = performance.now()
      try {
        const result = await withDatabase(
          dbFile(command),
          'import',
          (link) =>
            link.request<ImportResult>('POST', '/api/v1/import', {
              paths: absolute,
              entity: options.entity,
              limits,
            }),
          (db) =>
            db.import(
              absolute.map((path) => ({ path, entity: options.entity, limits })),
              (p) => reporter.update(p),
            ),
        )
        reporter.stop()
        printImportResult(result, startedAt)
      } finally {
        reporter.stop()
      }
    })

  program
    .command('demo')
    .description('fill the database with a deterministic demo dataset, relative to now')
    .addOption(
      new Option('--size <size>', 'small, medium, large (1M events) or a number of contact events')
        .default('medium')
        .argParser(parseSize),
    )
    .addOption(new Option('--seed <n>', 'random seed').default(1).argParser(parseInteger))
    .action(async (options: { size: DemoSize; seed: number }, command: Command) => {
      const now = clock().now()
      const reporter = progressReporter('demo')
      const startedAt = performance.now()
      try {
        const result = await withDatabase(
          dbFile(command),
          'demo',
          (link) =>
            link.request<ImportResult>('POST', '/api/v1/demo', {
              size: options.size,
              seed: options.seed,
            }),
          (db) =>
            db.demo({ size: options.size, seed: options.seed, now }, (p) => reporter.update(p)),
        )
        reporter.stop()
        printImportResult(result, startedAt)
      } finally {
        reporter.stop()
      }
    })

  const token = program.command('token').description('API tokens for local apps')

  token
    .command('create')
    .description('create a token; prints it alone on the last line (shown once)')
    .option('--name <name>', 'a name to list and revoke it by')
    .option('--workspace <id>', 'limit to this workspace (repeatable)', collect, [])
    .option('--org <handle>', 'limit to this organisation handle (repeatable)', collect, [])
    .action(
      async (options: { name?: string; workspace: string[]; org: string[] }, command: Command) => {
        const request = {
          name: options.name,
          workspaces: options.workspace,
          organisations: options.org,
        }
        const created = await withDatabase(
          dbFile(command),
          'token',
          (link) =>
            link.request<{ token: string; info: TokenInfo }>('POST', '/api/v1/tokens', request),
          (db) => createToken(db, clock(), request),
        )
        process.stderr.write(
          `created token ${created.info.name} (${describeScope(created.info)}); it is shown only now:\n`,
        )
        process.stdout.write(`${created.token}\n`)
      },
    )

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async (_options, command: Command) => {
      const tokens = await withDatabase(
        dbFile(command),
        'token',
        async (link) =>
          (await link.request<{ tokens: TokenInfo[] }>('GET', '/api/v1/tokens')).tokens,
        (db) => listTokens(db),
        { readOnly: true },
      )
      if (tokens.length === 0) {
        process.stderr.write('no tokens; create one with: sextant token create --name NAME\n')
        return
      }
      for (const t of tokens) {
        process.stdout.write(
          `${t.name}\t${describeScope(t)}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? 'never'}\n`,
        )
      }
    })

  token
    .command('revoke')
    .description('revoke a token by name')
    .argument('<name>', 'the token name')
    .action(async (name: string, _options, command: Command) => {
      await withDatabase(
        dbFile(command),
        'token',
        (link) => link.request<void>('DELETE', `/api/v1/tokens/${encodeURIComponent(name)}`),
        (db) => revokeToken(db, name),
      )
      process.stdout.write(`revoked ${name}\n`)
    })

  const helpers = {
    dbFile,
    clock,
    withDatabase,
    fail: (message: string) => new CliFailure(message),
  }
  registerSyncCommands(program, helpers)
  registerExportCommand(program, helpers)

  return program
}

/** `sextant` alone (global options aside) means `sextant desktop`. */
function withDefaultCommand(argv: readonly string[]): string[] {
  const args = argv.slice(2)
  let index = 0
  while (index < args.length) {
    if (args[index] === '--db') index += 2
    else if (args[index]!.startsWith('--db=')) index += 1
    else break
  }
  return index >= args.length ? [...argv, 'desktop'] : [...argv]
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram()
  // Commander copies exitOverride to subcommands only as they are made: set it on every one, so
  // a malformed command line of a subcommand exits 2 too, not through process.exit(1).
  const overrideExit = (command: Command): void => {
    command.exitOverride()
    command.commands.forEach(overrideExit)
  }
  overrideExit(program)
  try {
    await program.parseAsync(withDefaultCommand(argv))
    return 0
  } catch (error) {
    const code = (error as { code?: string }).code
    if (
      code === 'commander.helpDisplayed' ||
      code === 'commander.version' ||
      code === 'commander.help'
    )
      return 0
    if (typeof code === 'string' && code.startsWith('commander.')) return 2
    if (error instanceof ImportFailed) {
      process.stderr.write(`sextant: ${error.message}\n`)
      for (const issue of error.issues) process.stderr.write(`  ${formatIssue(issue)}\n`)
      return 1
    }
    if (error instanceof CliFailure || error instanceof SextantError) {
      process.stderr.write(`sextant: ${error.message}\n`)
      return 1
    }
    process.stderr.write(`sextant: ${(error as Error).message ?? String(error)}\n`)
    return 1
  }
}
