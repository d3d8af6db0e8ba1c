// Rule (DATA.md "One writer"): a lock left by a dead process is taken over, by exactly one
// process even when several try at once; and a save clears the temporary files that writers
// killed mid-save left behind (only the lock holder saves, so no live writer owns them).
// The race itself is narrow (remove + link between two processes' reads); on this 2-core
// machine it did not show with the old code either, so the first test guards the behaviour
// rather than proving the mutex: the mutex's re-check under lock is what closes the window.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { saveDatabaseFile } from '../../src-main/core/db/persistence'
import { Sqlite } from '../../src-main/core/db/sqlite'
import { fixtureScript, removeTempDirs, tempDir } from './helpers'

afterAll(() => removeTempDirs())

function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '0'])
    child.on('exit', () => resolve(child.pid!))
  })
}

describe('stale lock takeover', () => {
  it('lets exactly one of eight racing processes take a stale lock', async () => {
    const folder = tempDir()
    const db = join(folder, 'race.db')
    const pid = await deadPid()
    writeFileSync(
      `${db}.lock`,
      JSON.stringify({ pid, hostname: hostname(), command: 'serve', nonce: 'dead', startedAt: '' }),
    )
    const racers = Array.from({ length: 8 }, () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fixtureScript('holder.ts'), db, 'race'],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      )
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
      return { child, output: () => out }
    })
    // Wait until every racer has either locked or failed.
    const deadline = Date.now() + 30_000
    while (
      Date.now() < deadline &&
      racers.some((r) => !/locked |DatabaseLocked|in use by|could not take/.test(r.output()))
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const winners = racers.filter((r) => r.output().startsWith('locked '))
    for (const racer of racers) racer.child.kill('SIGKILL')
    expect(winners).toHaveLength(1)
    expect(racers.filter((r) => /in use by|could not take/.test(r.output()))).toHaveLength(7)
    expect(existsSync(`${db}.lock.takeover`)).toBe(false)
  })
})

describe('leftover temporary files', () => {
  it('are removed by the next save; other files stay', async () => {
    const folder = tempDir()
    const db = join(folder, 'data.db')
    const leftovers = ['.data.db.tmp-4242', '.data.db.bak.tmp-17', '.data.db.verified.tmp-99']
    for (const name of [...leftovers, 'notes.txt', '.other.db.tmp-5'])
      writeFileSync(join(folder, name), 'x')
    const sqlite = await Sqlite.open()
    saveDatabaseFile(db, sqlite.export())
    expect(readdirSync(folder).sort()).toEqual([
      '.other.db.tmp-5',
      'data.db',
      'data.db.verified',
      'notes.txt',
    ])
  })
})
