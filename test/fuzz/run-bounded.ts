/**
 * Runs the real `sextant` command (bin/sextant.mjs) in a child process with a time and memory
 * bound, for tests whose failure mode is a hang or a runaway process: the child is killed when
 * it runs past the timeout or its resident memory passes the limit (sampled from /proc), so a
 * regression fails the test instead of wedging or exhausting the machine. The child's own peak
 * RSS (process.resourceUsage().maxRSS, all threads, so the database worker too) is reported by
 * a small preload written to a file as it exits.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, baseEnv } from '../cli/run'

export interface BoundedRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** Peak resident memory of the child in MiB (its own report, else the largest sample). */
  readonly peakRssMb: number
  /** Why the child was killed, if it was. */
  readonly killed: 'timeout' | 'memory' | null
}

export interface Bounds {
  readonly timeoutMs: number
  readonly rssLimitMb: number
  readonly env?: Record<string, string>
  /** Another `sextant` to run (a benchmark comparing builds); bin/sextant.mjs by default. */
  readonly bin?: string
}

let preloadFolder: string | undefined

/** The preload, written once per test process: it reports maxRSS (KiB) to $SEXTANT_TEST_RSS_FILE. */
function preload(): string {
  if (preloadFolder === undefined) {
    preloadFolder = mkdtempSync(join(tmpdir(), 'sextant-rss-'))
    writeFileSync(
      join(preloadFolder, 'rss.mjs'),
      [
        "import { writeFileSync } from 'node:fs'",
        "process.on('exit', () => {",
        '  const file = process.env.SEXTANT_TEST_RSS_FILE',
        '  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS))',
        '})',
        '',
      ].join('\n'),
    )
    process.once('exit', () => rmSync(preloadFolder!, { recursive: true, force: true }))
  }
  return join(preloadFolder, 'rss.mjs')
}

/** Resident memory of a process in MiB, from /proc (0 where it cannot be read). */
function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status)
    return match === null ? 0 : Number(match[1]) / 1024
  } catch {
    return 0
  }
}

/** `sextant <args>` with SEXTANT_NOW fixed, killed past `bounds`. */
export function runBounded(args: readonly string[], bounds: Bounds): Promise<BoundedRun> {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-run-'))
  const rssFile = join(folder, 'rss')
  const child = spawn(process.execPath, ['--import', preload(), bounds.bin ?? BIN, ...args], {
    env: baseEnv({ ...bounds.env, SEXTANT_TEST_RSS_FILE: rssFile }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let killed: BoundedRun['killed'] = null
  let sampled = 0
  const kill = (why: 'timeout' | 'memory'): void => {
    if (killed !== null || child.exitCode !== null || child.signalCode !== null) return
    killed = why
    child.kill('SIGKILL')
  }
  const sampler = setInterval(() => {
    const now = rssMb(child.pid!)
    sampled = Math.max(sampled, now)
    if (now > bounds.rssLimitMb) kill('memory')
  }, 25)
  const timer = setTimeout(() => kill('timeout'), bounds.timeoutMs)
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(sampler)
      clearTimeout(timer)
      let reported = 0
      try {
        reported = Number(readFileSync(rssFile, 'utf8')) / 1024
      } catch {
        // Killed: no report; the samples stand.
      }
      rmSync(folder, { recursive: true, force: true })
      resolve({
        code,
        stdout,
        stderr,
        peakRssMb: Math.round(Math.max(reported, sampled)),
        killed,
      })
    })
  })
}
