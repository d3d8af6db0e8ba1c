// Rule (issue #12, "a fuzz suite that runs in npm test"): every malformed input of the corpus
// (import-corpus.ts: CSV, NDJSON, JSON and .zip inputs cut short, with bad UTF-8, huge lines,
// NULs, wrong quoting, deep nesting, bombs, zip-slip names, empty files, wrong extensions and
// special files; seed SEED) is refused, through the CLI (`sextant import` in a child process)
// and through the upload route of a running `sextant serve`, with:
// - a clear error naming the file, and the line where the input has one, and no stack trace;
// - no partial import: the known dataset's record counts are unchanged;
// - bounded memory: the importing process grows by less than GROWTH_MB;
// - no hang: each case ends within CASE_TIMEOUT_MS (the child is killed past it);
// - for uploads, no upload folder left behind.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
} from 'node:fs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual as equal } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatIssue, type ImportIssue } from '../../src-main/core/errors'
import { BIN, baseEnv } from '../cli/run'
import { removeDir, tempDir, writeFiles } from '../importer/helpers'
import { recordCounts } from './db-counts'
import { importCorpus, KNOWN_DATASET, type FuzzCase } from './import-corpus'
import { runBounded, type BoundedRun } from './run-bounded'

const SEED = 20_261_112
const CASES = importCorpus(SEED)
const CASE_TIMEOUT_MS = 30_000
/** Growth of the importing process's resident memory allowed for one case. */
const GROWTH_MB = 300
/** A bare `sextant import` (node, the bundle, sql.js, the worker) peaks near 200 MiB. */
const CLI_PEAK_MB = 200 + GROWTH_MB
/** CLI children run two at a time (the machine has two cores). */
const PARALLEL = 2

let root: string
let known: Record<string, number>
const cliRuns = new Map<
  string,
  { run: BoundedRun; folder: string; counts: Record<string, number> }
>()

/** Writes a case's files into `folder`. */
function materialize(fuzz: FuzzCase, folder: string): void {
  mkdirSync(folder, { recursive: true })
  for (const entry of fuzz.files) {
    const path = join(folder, entry.name)
    if ('bytes' in entry) writeFileSync(path, entry.bytes)
    else if ('symlink' in entry) symlinkSync(entry.symlink, path)
    else {
      const made = spawnSync('mkfifo', [path])
      if (made.status !== 0) throw new Error(`mkfifo: ${String(made.stderr)}`)
    }
  }
}

const targetOf = (fuzz: FuzzCase, folder: string): string =>
  fuzz.target === 'folder' ? folder : join(folder, fuzz.target)

/** The error text must name the file, and its line where it has one. */
function expectNamed(text: string, name: string, fuzz: FuzzCase): void {
  const { line, reason } = fuzz.expect
  expect(text, text).toContain(name)
  if (typeof line === 'number') expect(text, text).toContain(`${name}:${line}:`)
  // A problem with the file as a whole: `name:0:0: reason`, or a refusal `name: reason`.
  if (line === null) expect(text, text).toMatch(new RegExp(`${escape(name)}(:0:0)?: `))
  expect(text, text).toContain(reason)
  expect(text).not.toMatch(/\n\s+at /)
}
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

beforeAll(async () => {
  root = tempDir('sextant-fuzz-')
  const seedDb = join(root, 'known.db')
  const seeded = await runBounded(
    ['--db', seedDb, 'import', writeFiles(join(root, 'known'), KNOWN_DATASET)],
    { timeoutMs: CASE_TIMEOUT_MS, rssLimitMb: 1024 },
  )
  if (seeded.code !== 0) throw new Error(`seeding failed: ${seeded.stderr}`)
  known = await recordCounts(seedDb)

  // Every case through the CLI, two at a time, each on its own copy of the known database.
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < CASES.length) {
      const index = next++
      const fuzz = CASES[index]!
      const folder = join(root, 'cli', String(index))
      materialize(fuzz, folder)
      const db = join(root, `cli-${index}.db`)
      copyFileSync(seedDb, db)
      if (existsSync(`${seedDb}.verified`)) copyFileSync(`${seedDb}.verified`, `${db}.verified`)
      const run = await runBounded(['--db', db, 'import', targetOf(fuzz, folder)], {
        timeoutMs: CASE_TIMEOUT_MS,
        rssLimitMb: CLI_PEAK_MB + 200,
      })
      cliRuns.set(fuzz.name, { run, folder, counts: await recordCounts(db) })
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
}, 15 * 60_000)

afterAll(() => removeDir(root))

describe(`import fuzz corpus (seed ${SEED}, ${CASES.length} inputs)`, () => {
  it('holds every kind of input the issue names', () => {
    const kinds = new Set(CASES.map((fuzz) => fuzz.name.split(':')[0]))
    expect([...kinds].sort()).toEqual(['csv', 'extension', 'json', 'ndjson', 'special', 'zip'])
    expect(CASES.length).toBeGreaterThanOrEqual(45)
  })
})

describe('through `sextant import`', () => {
  it.each(CASES.map((fuzz) => [fuzz.name, fuzz] as const))('%s', (_, fuzz) => {
    const { run, folder, counts } = cliRuns.get(fuzz.name)!
    expect(run.killed, `killed (${run.killed}) at ${run.peakRssMb} MiB`).toBeNull()
    expect(run.code, run.stderr).toBe(1)
    expect(run.stderr.startsWith('sextant: '), run.stderr).toBe(true)
    // Not path.join: it would fold the `..` of a zip-slip entry name away.
    expectNamed(run.stderr, `${folder}/${fuzz.expect.file}`, fuzz)
    expect(run.peakRssMb).toBeLessThan(CLI_PEAK_MB)
    expect(counts).toEqual(known)
  })
})

/** `sextant serve` on a copy of the known database, killed if it grows past the bound. */
interface Console {
  child: ChildProcessWithoutNullStreams
  port: number
  token: string
  uploads: string
}

async function startConsole(): Promise<Console> {
  const db = join(root, `serve-${Date.now()}.db`)
  copyFileSync(join(root, 'known.db'), db)
  const created = spawnSync(process.execPath, [BIN, '--db', db, 'token', 'create', '--name', 'f'], {
    env: baseEnv(),
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`token create: ${created.stderr}`)
  const token = created.stdout.trim().split('\n').pop()!
  const uploads = join(root, `uploads-${Date.now()}`)
  mkdirSync(uploads)
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0'], {
    env: baseEnv({ TMPDIR: uploads }),
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error('serve did not start')), 20_000)
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (match !== null) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
  })
  return { child, port, token, uploads }
}

/** Resident memory now and at its peak since the last reset, MiB (Linux /proc). */
function memory(pid: number): { now: number; peak: number } {
  let status = ''
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    // Gone: nothing to add.
  }
  const field = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024
  return { now: field('VmRSS'), peak: field('VmHWM') }
}

describe('through the upload route of `sextant serve`', () => {
  let served: Console | undefined
  // Killed by a signal, a child's exitCode stays null: its signalCode says it.
  const running = (child: ChildProcessWithoutNullStreams): boolean =>
    child.exitCode === null && child.signalCode === null
  const alive = (): boolean => served !== undefined && running(served.child)
  const countsOf = async (target: Console): Promise<Record<string, number>> =>
    (
      (await (
        await fetch(`http://127.0.0.1:${target.port}/api/v1/counts`, {
          headers: { authorization: `Bearer ${target.token}` },
        })
      ).json()) as { counts: Record<string, number> }
    ).counts
  const stop = async (target: Console): Promise<void> => {
    if (!running(target.child)) return
    const exited = new Promise((resolve) => target.child.once('exit', resolve))
    target.child.kill('SIGTERM')
    await exited
  }
  afterAll(async () => {
    if (served !== undefined) await stop(served)
  })

  it.each(CASES.filter((fuzz) => fuzz.cliOnly !== true).map((fuzz) => [fuzz.name, fuzz] as const))(
    '%s',
    async (_, fuzz) => {
      // Every case starts from the known dataset in a live console: one that killed it, or
      // imported something, must not fail the next ones too.
      if (alive() && !equal(await countsOf(served!), known)) await stop(served!)
      if (!alive()) served = await startConsole()
      const { child, port, token, uploads } = served!
      const base = `http://127.0.0.1:${port}`
      const headers = { authorization: `Bearer ${token}` }
      // VmHWM counts from here (writing 5 to clear_refs resets it); sampled too, to kill.
      try {
        writeFileSync(`/proc/${child.pid}/clear_refs`, '5')
      } catch {
        // Not allowed here: the samples alone measure the peak.
      }
      const before = memory(child.pid!).now
      let sampled = before
      const sampler = setInterval(() => {
        if (!running(child)) return
        sampled = Math.max(sampled, memory(child.pid!).now)
        if (sampled - before > GROWTH_MB + 500) child.kill('SIGKILL')
      }, 25)
      const deadline = Date.now() + CASE_TIMEOUT_MS
      let message: string
      try {
        const form = new FormData()
        const uploaded =
          fuzz.target === 'folder' ? fuzz.files : fuzz.files.filter((f) => f.name === fuzz.target)
        for (const entry of uploaded) {
          if ('bytes' in entry) form.append('files', new Blob([entry.bytes]), entry.name)
        }
        const response = await fetch(`${base}/api/v1/imports`, {
          method: 'POST',
          headers,
          body: form,
          signal: AbortSignal.timeout(CASE_TIMEOUT_MS),
        })
        const body = (await response.json()) as {
          id?: string
          state?: string
          error?: { code: string; message: string; issues?: ImportIssue[] } | null
        }
        if (response.status === 202) {
          let job = body
          while (job.state === 'running' && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 25))
            job = (await (
              await fetch(`${base}/api/v1/imports/${body.id}`, { headers })
            ).json()) as typeof body
          }
          expect(job.state, 'the job should have failed').toBe('failed')
          // What the UI shows: the message, then each issue.
          message = [job.error!.message, ...(job.error!.issues ?? []).map(formatIssue)].join('\n')
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400)
          expect(response.status).toBeLessThan(500)
          expect(Object.keys(body.error!).sort()).toEqual(['code', 'message'])
          message = body.error!.message
        }
      } finally {
        clearInterval(sampler)
      }
      expect(running(child), 'the console died').toBe(true)
      expectNamed(message, fuzz.expect.file, fuzz)
      const { peak } = memory(child.pid!)
      // A peak below `before` is one clear_refs could not reset: the samples stand.
      const grown = Math.max(sampled, peak >= before ? peak : 0) - before
      expect(grown, `grew by ${Math.round(grown)} MiB`).toBeLessThan(GROWTH_MB)
      expect(await countsOf(served!)).toEqual(known)
      expect(readdirSync(uploads).filter((name) => name.startsWith('sextant-upload-'))).toEqual([])
    },
    CASE_TIMEOUT_MS + 30_000,
  )
})
