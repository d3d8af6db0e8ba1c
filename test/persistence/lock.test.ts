// Rule (DATA.md "One writer"): the process that opens a database file for writing holds a lock
// on it, a lock file beside it naming the process and, for a running console, its port; a second
// opener is refused with the holder named; a lock left by a dead process is taken over. The lock
// file (`<db>.lock`, JSON) is readable by its owner only and only its holder removes it.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  acquireLock,
  describeHolder,
  lockPath,
  readLock,
  type LockHandle,
  type LockInfo,
} from '../../src-main/core/db/lock'
import { DatabaseLocked } from '../../src-main/core/errors'
import { killFixtures, removeTempDirs, startFixture, tempDir, type Child } from './helpers'

const held: LockHandle[] = []

afterEach(async () => {
  for (const lock of held.splice(0)) lock.release()
  await killFixtures()
  removeTempDirs()
})

function dbFile(): string {
  return join(tempDir('sextant-lock-'), 'sextant.db')
}

function take(file: string, command: string): LockHandle {
  const lock = acquireLock(file, command)
  held.push(lock)
  return lock
}

function lockFile(file: string): LockInfo {
  return JSON.parse(readFileSync(lockPath(file), 'utf8')) as LockInfo
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777
}

/** The error acquireLock throws, or undefined when it took the lock. */
function refusal(file: string, command: string): unknown {
  try {
    held.push(acquireLock(file, command))
    return undefined
  } catch (error) {
    return error
  }
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const ran = spawnSync(process.execPath, ['-e', ''])
  if (ran.pid === undefined || ran.status !== 0) throw new Error('could not run node')
  return ran.pid
}

function lockOf(pid: number, extra: Partial<LockInfo> = {}): LockInfo {
  return {
    pid,
    hostname: hostname(),
    command: 'serve',
    nonce: '0123456789abcdef',
    secret: 'not-so-secret',
    startedAt: '2026-11-23T12:00:00.000Z',
    ...extra,
  }
}

/** Starts a child process holding the lock on `file` as `command`. */
async function holder(file: string, command: string): Promise<{ child: Child; info: LockInfo }> {
  const child = startFixture('holder.ts', [file, command])
  const line = await child.waitForLine((text) => text.startsWith('locked '))
  return { child, info: JSON.parse(line.slice('locked '.length)) as LockInfo }
}

describe('acquireLock', () => {
  it('creates <db>.lock, readable by its owner only, naming this process', () => {
    const file = dbFile()
    const lock = take(file, 'serve')

    expect(modeOf(lockPath(file))).toBe(0o600)
    const info = lockFile(file)
    expect(info).toEqual(lock.info)
    expect(info.pid).toBe(process.pid)
    expect(info.hostname).toBe(hostname())
    expect(info.command).toBe('serve')
    expect(info.nonce).toMatch(/^[0-9a-f]{16}$/)
    expect(typeof info.secret).toBe('string')
    expect(info.secret?.length ?? 0).toBeGreaterThanOrEqual(32)
    expect(Number.isNaN(Date.parse(info.startedAt))).toBe(false)
    expect(info.port).toBeUndefined()
    // The file was written aside and linked into place; nothing else is left beside it.
    expect(readdirSync(join(file, '..'))).toEqual(['sextant.db.lock'])
    // A live holder on this host.
    expect(readLock(file)).toEqual(info)
  })

  it('gives every holder its own nonce and secret', () => {
    const file = dbFile()
    const first = take(file, 'import')
    first.release()
    const second = take(file, 'import')
    expect(second.info.nonce).not.toBe(first.info.nonce)
    expect(second.info.secret).not.toBe(first.info.secret)
  })

  it('refuses a second opener while another live process holds the lock, naming it', async () => {
    const file = dbFile()
    const { child, info } = await holder(file, 'desktop')
    expect(info.pid).toBe(child.pid)
    expect(lockFile(file)).toEqual(info)
    expect(readLock(file)).toEqual(info)

    const error = refusal(file, 'import')
    expect(error).toBeInstanceOf(DatabaseLocked)
    const locked = error as DatabaseLocked
    expect(locked.code).toBe('database_locked')
    expect(locked.status).toBe(409)
    expect(locked.message).toContain(`pid ${child.pid}`)
    expect(locked.message).toContain('desktop')
    expect(locked.message).toContain(file)
    // The refusal left the holder's lock alone.
    expect(lockFile(file)).toEqual(info)
    expect(readdirSync(join(file, '..'))).toEqual(['sextant.db.lock'])
  })

  it('refuses a second opener in the same process too', () => {
    const file = dbFile()
    take(file, 'serve')
    const error = refusal(file, 'import')
    expect(error).toBeInstanceOf(DatabaseLocked)
    expect((error as Error).message).toContain(`pid ${process.pid}`)
  })

  it('update({ port }) rewrites the lock; readLock and the refusal show the port', async () => {
    const file = dbFile()
    const lock = take(file, 'serve')
    const before = lock.info
    lock.update({ port: 43_210 })

    expect(lock.info).toEqual({ ...before, port: 43_210 })
    expect(lockFile(file)).toEqual({ ...before, port: 43_210 })
    expect(readLock(file)?.port).toBe(43_210)
    expect(modeOf(lockPath(file))).toBe(0o600)
    expect(readdirSync(join(file, '..'))).toEqual(['sextant.db.lock'])
    expect(describeHolder(lockFile(file))).toBe(`sextant serve (pid ${process.pid}) on port 43210`)
  })

  it('update({ port }) from another process is seen by readLock and named in the refusal', async () => {
    const file = dbFile()
    const { child, info } = await holder(file, 'serve')
    child.process.stdin.write('port 51234\n')
    await child.waitForLine((line) => line === 'updated')

    expect(readLock(file)).toEqual({ ...info, port: 51_234 })
    expect(modeOf(lockPath(file))).toBe(0o600)
    const error = refusal(file, 'sync')
    expect(error).toBeInstanceOf(DatabaseLocked)
    expect((error as Error).message).toContain(`pid ${child.pid}`)
    expect((error as Error).message).toContain('on port 51234')
  })
})

describe('release', () => {
  it('removes the lock, and the next opener takes it', () => {
    const file = dbFile()
    const lock = take(file, 'serve')
    lock.release()
    expect(existsSync(lockPath(file))).toBe(false)
    expect(readLock(file)).toBeNull()
    expect(take(file, 'import').info.command).toBe('import')
  })

  it('removes the lock another process held', async () => {
    const file = dbFile()
    const { child } = await holder(file, 'serve')
    child.process.stdin.write('release\n')
    await child.waitForLine((line) => line === 'released')
    await child.closed
    expect(existsSync(lockPath(file))).toBe(false)
  })

  it('does not remove a lock that another holder now owns', () => {
    const file = dbFile()
    const first = take(file, 'serve')
    // The first holder's lock is taken over (say it was judged stale) by a second holder.
    writeFileSync(lockPath(file), 'not a lock')
    const second = take(file, 'import')
    expect(lockFile(file).nonce).toBe(second.info.nonce)

    first.release()
    expect(existsSync(lockPath(file))).toBe(true)
    expect(lockFile(file)).toEqual(second.info)

    second.release()
    expect(existsSync(lockPath(file))).toBe(false)
  })

  it('is harmless when the lock is already gone', () => {
    const file = dbFile()
    const lock = take(file, 'serve')
    lock.release()
    expect(() => lock.release()).not.toThrow()
  })
})

describe('a stale lock', () => {
  it('readLock returns null when there is no lock', () => {
    expect(readLock(dbFile())).toBeNull()
  })

  it('naming a dead process on this host: readLock returns null, acquireLock takes it over', () => {
    const file = dbFile()
    const pid = deadPid()
    writeFileSync(lockPath(file), `${JSON.stringify(lockOf(pid))}\n`, { mode: 0o600 })

    expect(readLock(file)).toBeNull()
    const lock = take(file, 'serve')
    expect(lock.info.pid).toBe(process.pid)
    expect(lockFile(file)).toEqual(lock.info)
    expect(modeOf(lockPath(file))).toBe(0o600)
  })

  it('left by a holder that was killed is taken over', async () => {
    const file = dbFile()
    const { child, info } = await holder(file, 'serve')
    child.process.kill('SIGKILL')
    await child.closed
    // Its lock is still there, but its process is gone.
    expect(lockFile(file)).toEqual(info)
    expect(readLock(file)).toBeNull()
    const lock = take(file, 'import')
    expect(lockFile(file)).toEqual(lock.info)
  })

  const unparsable = ['', 'not json {', '{"pid": 12', '{}', '[]', '42', '"serve"', '{"pid": "12"}']
  for (const content of unparsable) {
    it(`that names no holder (${JSON.stringify(content)}): readLock returns null, it is taken over`, () => {
      const file = dbFile()
      writeFileSync(lockPath(file), content)
      expect(readLock(file)).toBeNull()
      const lock = take(file, 'serve')
      expect(lockFile(file)).toEqual(lock.info)
    })
  }

  it('that holds JSON null: readLock returns null, it is taken over', () => {
    const file = dbFile()
    writeFileSync(lockPath(file), 'null\n')
    expect(readLock(file)).toBeNull()
    const lock = take(file, 'serve')
    expect(lockFile(file)).toEqual(lock.info)
  })
})

describe('a lock from another host', () => {
  it('cannot be checked, so it is respected and the host is named', () => {
    const file = dbFile()
    const info = lockOf(deadPid(), { hostname: 'elsewhere.invalid', port: 8123 })
    writeFileSync(lockPath(file), JSON.stringify(info))

    expect(readLock(file)).toEqual(info)
    const error = refusal(file, 'import')
    expect(error).toBeInstanceOf(DatabaseLocked)
    expect((error as Error).message).toContain(
      `sextant serve (pid ${info.pid} on host elsewhere.invalid) on port 8123`,
    )
    expect(lockFile(file)).toEqual(info)
  })
})
