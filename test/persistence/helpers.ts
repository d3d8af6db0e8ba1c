// Shared helpers for the persistence tests: temporary folders, hashes, a seeded random source and
// child processes running a TypeScript fixture through tsx.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (children run from here so `--import tsx` resolves). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Absolute path of a fixture script in test/persistence/fixtures. */
export function fixtureScript(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
}

/** Temporary folders made by `tempDir`, removed by `removeTempDirs`. */
const made: string[] = []

export function tempDir(prefix = 'sextant-persistence-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function sha256File(file: string): string {
  return sha256(readFileSync(file))
}

/** A small deterministic random source (mulberry32): numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Seeded random bytes. */
export function randomBytesSeeded(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed)
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}

/** A fixture script running in its own node process, its output gathered line by line. */
export interface Child {
  readonly process: ChildProcessWithoutNullStreams
  readonly pid: number
  /** Complete stdout lines so far. */
  readonly lines: string[]
  stderr(): string
  /** Resolves with the first line (now or later) that `match` accepts; rejects if the child ends first. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>
  /** Resolves once the process has exited and its output is closed. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Live children, so a failing test does not leave them running. */
const live = new Set<ChildProcessWithoutNullStreams>()

export function startFixture(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', fixtureScript(script), ...args], {
    cwd: ROOT,
  })
  live.add(child)
  const lines: string[] = []
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = []
  let pending = ''
  let stderr = ''
  let ended = false
  const enders: (() => void)[] = []
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8')
    let newline = pending.indexOf('\n')
    while (newline >= 0) {
      const line = pending.slice(0, newline)
      pending = pending.slice(newline + 1)
      lines.push(line)
      for (const waiter of [...waiters]) {
        if (waiter.match(line)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(line)
        }
      }
      newline = pending.indexOf('\n')
    }
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      live.delete(child)
      ended = true
      for (const end of enders.splice(0)) end()
      resolve({ code, signal })
    })
  })
  if (child.pid === undefined) throw new Error(`could not start ${script}`)
  return {
    process: child,
    pid: child.pid,
    lines,
    stderr: () => stderr,
    closed,
    waitForLine(match, timeoutMs = 20_000) {
      const found = lines.find(match)
      if (found !== undefined) return Promise.resolve(found)
      return new Promise<string>((resolve, reject) => {
        const fail = (why: string): void =>
          reject(new Error(`${script}: ${why}; stdout: ${lines.join(' | ')}; stderr: ${stderr}`))
        if (ended) return fail('the process ended before the expected line')
        const timer = setTimeout(() => fail(`no expected line within ${timeoutMs} ms`), timeoutMs)
        waiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer)
            resolve(line)
          },
        })
        enders.push(() => {
          clearTimeout(timer)
          fail('the process ended before the expected line')
        })
      })
    },
  }
}

/** Kills every fixture still running (for afterEach/afterAll). */
export async function killFixtures(): Promise<void> {
  const waits: Promise<unknown>[] = []
  for (const child of live) {
    waits.push(new Promise((resolve) => child.once('close', resolve)))
    child.kill('SIGKILL')
  }
  await Promise.all(waits)
}
