// Rule (DATA.md "Saving"): the file is replaced atomically, so a crash at any moment leaves either
// the old or the new database, never a torn one, and the previous good file is kept as a backup.
// Also (DATA.md "One writer"): a lock left by a dead process is taken over.
//
// A writer process saves generation after generation of a few megabytes; it is killed with
// SIGKILL at a seeded random moment, then the file must open, pass `PRAGMA integrity_check` and
// hold exactly the last generation the writer reported or the one after it. The next round
// restarts the writer on the same file, which must carry on from the file's generation.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readLock, lockPath } from '../../src-main/core/db/lock'
import { backupPath, openDatabaseFile } from '../../src-main/core/db/persistence'
import type { Sqlite } from '../../src-main/core/db/sqlite'
import { killFixtures, removeTempDirs, seededRandom, startFixture, tempDir } from './helpers'

const ROUNDS = 60
const SEED = 0x5e47a47
const FILLER_BYTES = 3_000_000
const CHUNKS = Math.round(FILLER_BYTES / 65_536)

afterAll(async () => {
  await killFixtures()
  removeTempDirs()
})

interface Generation {
  readonly gen: number
  readonly integrity: string
}

/** The generation a database holds, checking that every part of it agrees. */
function generationOf(sqlite: Sqlite): Generation {
  const integrity = sqlite
    .all<{ integrity_check: string }>('PRAGMA integrity_check')
    .map((row) => row.integrity_check)
    .join('; ')
  const gens = sqlite.get<{ max: number; count: number }>(
    'SELECT max(n) AS max, count(*) AS count FROM gen',
  )
  const gen = Number(gens?.max ?? 0)
  // Rows 1..gen, none missing.
  expect(gens?.count).toBe(gen)
  // Every filler row written by that same generation, all of them there.
  expect(sqlite.all('SELECT gen, count(*) AS count FROM filler GROUP BY gen')).toEqual([
    { gen, count: CHUNKS },
  ])
  return { gen, integrity }
}

describe('a save killed at any moment', () => {
  it(`leaves the old or the new database, never a torn one (${ROUNDS} rounds of kill -9)`, async () => {
    const dir = tempDir('sextant-crash-')
    const file = join(dir, 'crash.db')
    const random = seededRandom(SEED)
    let fileGen = 0
    const stats = { rounds: 0, reported: 0, sawNext: 0, saves: 0, delay: 0, 'in-save': 0 }
    const started = Date.now()

    for (let round = 0; round < ROUNDS; round++) {
      // Three ways to pick the moment, all seeded: right after the writer reports its k-th save,
      // 0-150 ms after its first save, or 0-8 ms into its k-th save (aimed at the save itself).
      const pick = random()
      const mode = pick < 0.3 ? 'saves' : pick < 0.65 ? 'delay' : 'in-save'
      const k = 1 + Math.floor(random() * 3)
      const delay = Math.floor(random() * 150)
      const inSave = Math.floor(random() * 8)
      const context =
        mode === 'saves'
          ? `round ${round} (killed after ${k} saves)`
          : mode === 'delay'
            ? `round ${round} (killed ${delay} ms after the first save)`
            : `round ${round} (killed ${inSave} ms into save ${k})`
      const writer = startFixture('writer.ts', [file, String(FILLER_BYTES), '60'])

      await writer.waitForLine((line) => line.startsWith('saved '))
      if (mode === 'saves') {
        await writer.waitForLine((line) => line === `saved ${fileGen + k}`)
      } else if (mode === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, delay))
      } else {
        await writer.waitForLine((line) => line === `saving ${fileGen + k}`)
        if (inSave > 0) await new Promise((resolve) => setTimeout(resolve, inSave))
      }
      stats[mode]++
      writer.process.kill('SIGKILL')
      const { signal } = await writer.closed
      expect(
        signal,
        `${context}: the writer should die by SIGKILL; stderr: ${writer.stderr()}`,
      ).toBe('SIGKILL')

      // The writer carried on from the file's generation and reported consecutive saves.
      const [startLine, ...rest] = writer.lines
      expect(startLine, context).toBe(`start ${fileGen}`)
      const reported = rest
        .filter((line) => line.startsWith('saved '))
        .map((line) => Number(/^saved (\d+)$/.exec(line)?.[1]))
      expect(reported.length, context).toBeGreaterThan(0)
      expect(reported, context).toEqual(reported.map((_, i) => fileGen + 1 + i))
      const last = reported[reported.length - 1] ?? fileGen
      stats.reported += reported.length

      // The file opens (never throws) and holds the last reported generation or the next one.
      const opened = await openDatabaseFile(file)
      let now: Generation
      try {
        now = generationOf(opened.sqlite)
      } finally {
        opened.sqlite.close()
      }
      expect(now.integrity, context).toBe('ok')
      expect([last, last + 1], `${context}: last reported ${last}`).toContain(now.gen)
      if (now.gen === last + 1) stats.sawNext++

      // The backup is the previous good file: whole, one generation behind or (killed between
      // keeping it and the rename) the same one.
      if (now.gen >= 2) {
        expect(existsSync(backupPath(file)), context).toBe(true)
        const backup = await openDatabaseFile(backupPath(file))
        try {
          const kept = generationOf(backup.sqlite)
          expect(kept.integrity, `${context}: backup`).toBe('ok')
          expect([now.gen - 1, now.gen], `${context}: backup`).toContain(kept.gen)
        } finally {
          backup.sqlite.close()
        }
      }

      // The dead writer's lock is still there, naming it, and counts as free.
      const left = JSON.parse(readFileSync(lockPath(file), 'utf8')) as { pid: number }
      expect(left.pid, context).toBe(writer.pid)
      expect(readLock(file), context).toBeNull()

      fileGen = now.gen
      stats.rounds++
    }

    // Killed writers may leave their temporary files; none is named like the database, and the
    // database still opens beside them.
    const name = basename(file)
    const temporary = [
      new RegExp(`^\\.${name}\\.tmp-\\d+$`),
      new RegExp(`^${name}\\.bak\\.tmp-\\d+$`),
      new RegExp(`^${name}\\.verified\\.tmp-\\d+$`),
      new RegExp(`^${name}\\.lock\\.[0-9a-f]{16}$`),
    ]
    const expected = [name, `${name}.bak`, `${name}.verified`, `${name}.lock`]
    const leftovers = readdirSync(dir).filter((entry) => !expected.includes(entry))
    for (const entry of leftovers) {
      expect(
        temporary.some((pattern) => pattern.test(entry)),
        `unexpected file ${entry}`,
      ).toBe(true)
    }
    const final = await openDatabaseFile(file)
    try {
      expect(generationOf(final.sqlite)).toEqual({ gen: fileGen, integrity: 'ok' })
    } finally {
      final.sqlite.close()
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    const midSave = leftovers.filter((entry) => entry.startsWith(`.${name}.tmp-`)).length
    console.log(
      `crash test: ${stats.rounds} rounds in ${seconds} s, ${stats.reported} saves reported, final generation ` +
        `${fileGen}; killed after k saves ${stats.saves}, after a delay ${stats.delay}, inside a save ` +
        `${stats['in-save']}; file one ` +
        `generation ahead of the last report ${stats.sawNext}; rounds killed mid-write (temporary ` +
        `file left) ${midSave}; leftover files ${leftovers.length}`,
    )
  }, 180_000)
})
