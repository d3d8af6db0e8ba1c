/**
 * One writer per database file (DATA.md "One writer"). The writer holds
 * `<db>.lock`, a small JSON file naming the process, its host and, for a
 * running console, its port and a per-run secret that lets the CLI send its
 * work through that console's API. The file is created atomically with its
 * content (written aside, then hard-linked into place, which fails if a lock
 * exists) and is readable by its owner only. A lock whose process is gone is
 * taken over.
 */
import { randomBytes } from 'node:crypto'
import {
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { DatabaseLocked } from '../errors'

/** What a lock file says about its holder. */
export interface LockInfo {
  readonly pid: number
  readonly hostname: string
  /** The command holding it: `serve`, `desktop`, `import`, ... */
  readonly command: string
  /** The loopback port of a running console. */
  readonly port?: number
  /** A per-run secret for the console's API, for CLI commands on this machine. */
  readonly secret?: string
  /** Distinguishes two holders that reuse a pid. */
  readonly nonce: string
  readonly startedAt: string
}

export const lockPath = (dbFile: string): string => `${dbFile}.lock`

/** True when a process with this pid runs on this host (whoever owns it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The live holder of the database's lock, or null when it is free or stale. */
export function readLock(dbFile: string): LockInfo | null {
  let info: LockInfo
  try {
    info = JSON.parse(readFileSync(lockPath(dbFile), 'utf8')) as LockInfo
  } catch {
    return null
  }
  if (typeof info !== 'object' || info === null || typeof info.pid !== 'number') return null
  // A lock from another host (a shared folder) cannot be checked; respect it.
  if (info.hostname !== hostname()) return info
  return isAlive(info.pid) ? info : null
}

/** Describes the holder for an error message. */
export function describeHolder(info: LockInfo): string {
  const where = info.port === undefined ? '' : ` on port ${info.port}`
  const host = info.hostname === hostname() ? '' : ` on host ${info.hostname}`
  return `sextant ${info.command} (pid ${info.pid}${host})${where}`
}

/** A held lock. */
export interface LockHandle {
  readonly info: LockInfo
  /** Rewrites the lock with more about the holder (the port once it listens). */
  update(extra: Partial<Pick<LockInfo, 'port'>>): void
  /** Gives the lock up (only if the file still names this holder). */
  release(): void
}

function writeAside(path: string, info: LockInfo): string {
  const aside = `${path}.${info.nonce}`
  try {
    writeFileSync(aside, `${JSON.stringify(info)}\n`, { mode: 0o600 })
  } catch (error) {
    // A full disk: no half-written lock left behind.
    rmSync(aside, { force: true })
    throw error
  }
  return aside
}

/** An aside file older than this belongs to a process killed while taking or updating a lock. */
const ASIDE_TIMEOUT_MS = 60_000

/** Removes lock files written aside by processes killed before they linked or renamed them. */
function removeStaleAsides(path: string): void {
  const folder = dirname(path)
  const prefix = `${basename(path)}.`
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{16}$/.test(name.slice(prefix.length))) continue
    try {
      const aside = join(folder, name)
      if (Date.now() - statSync(aside).mtimeMs > ASIDE_TIMEOUT_MS) rmSync(aside, { force: true })
    } catch {
      // Gone meanwhile.
    }
  }
}

/** A takeover older than this was abandoned by a dead process. */
const TAKEOVER_TIMEOUT_MS = 10_000

/** Removes a stale lock under a mkdir mutex, re-checking staleness once it holds the mutex. */
function removeStaleLock(dbFile: string): void {
  const mutex = `${lockPath(dbFile)}.takeover`
  try {
    mkdirSync(mutex)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    try {
      if (Date.now() - statSync(mutex).mtimeMs > TAKEOVER_TIMEOUT_MS) rmdirSync(mutex)
    } catch {
      // Someone else finished the takeover meanwhile.
    }
    return
  }
  try {
    if (readLock(dbFile) === null) rmSync(lockPath(dbFile), { force: true })
  } finally {
    rmdirSync(mutex)
  }
}

/** Takes the database's lock for this process, or throws DatabaseLocked naming the holder. */
export function acquireLock(dbFile: string, command: string): LockHandle {
  const path = lockPath(dbFile)
  let info: LockInfo = {
    pid: process.pid,
    hostname: hostname(),
    command,
    nonce: randomBytes(8).toString('hex'),
    secret: randomBytes(32).toString('base64url'),
    startedAt: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const aside = writeAside(path, info)
    try {
      linkSync(aside, path)
      rmSync(aside, { force: true })
      removeStaleAsides(path)
      return handle()
    } catch (error) {
      rmSync(aside, { force: true })
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = readLock(dbFile)
    if (holder !== null) {
      throw new DatabaseLocked(
        `database ${dbFile} is in use by ${describeHolder(holder)}; close it first or use another --db`,
      )
    }
    // Stale: its process is gone. Only one process may clear it, or two racers could each
    // remove the other's fresh lock and both believe they hold it.
    removeStaleLock(dbFile)
  }
  throw new DatabaseLocked(`could not take the lock ${path}: another process keeps taking it`)

  function handle(): LockHandle {
    return {
      get info() {
        return info
      },
      update(extra) {
        info = { ...info, ...extra }
        renameSync(writeAside(path, info), path)
      },
      release() {
        try {
          const current = JSON.parse(readFileSync(path, 'utf8')) as LockInfo
          if (current.nonce === info.nonce) rmSync(path, { force: true })
        } catch {
          // Already gone.
        }
      },
    }
  }
}
