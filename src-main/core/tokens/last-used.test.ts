// Rule: a token's "last used" time follows its use (at most once a minute) without a
// whole-file save per request and without touching record caches; it reaches the file with
// the next save.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { DbClient } from '../db/client'
import { createToken, listTokens, verifyToken } from './tokens'

const T0 = Date.parse('2026-11-23T12:00:00Z')
let folder: string | undefined
afterEach(() => {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true })
})

describe('token last used', () => {
  it('moves with use, at most once a minute, and leaves the data version alone', async () => {
    const db = await DbClient.open(null)
    try {
      const { token } = await createToken(db, fixedClock(T0), { name: 'app' })
      const version = db.dataVersion
      expect((await listTokens(db))[0]!.lastUsedAt).toBeNull()
      expect(await verifyToken(db, token, T0 + 1_000)).not.toBeNull()
      expect((await listTokens(db))[0]!.lastUsedAt).toBe('2026-11-23T12:00:01.000Z')
      await verifyToken(db, token, T0 + 30_000) // within the minute: unchanged
      expect((await listTokens(db))[0]!.lastUsedAt).toBe('2026-11-23T12:00:01.000Z')
      await verifyToken(db, token, T0 + 61_000)
      expect((await listTokens(db))[0]!.lastUsedAt).toBe('2026-11-23T12:01:01.000Z')
      expect(await verifyToken(db, `${token}x`, T0 + 200_000)).toBeNull()
      expect((await listTokens(db))[0]!.lastUsedAt).toBe('2026-11-23T12:01:01.000Z')
      expect(db.dataVersion).toBe(version)
    } finally {
      await db.close()
    }
  })

  it('is written to the file by the next save (closing)', async () => {
    folder = mkdtempSync(join(tmpdir(), 'sextant-last-used-'))
    const file = join(folder, 'tokens.db')
    const db = await DbClient.open(file)
    const { token } = await createToken(db, fixedClock(T0), { name: 'app' })
    await verifyToken(db, token, T0 + 5_000)
    await db.close()
    const again = await DbClient.open(file)
    try {
      expect((await listTokens(again))[0]!.lastUsedAt).toBe('2026-11-23T12:00:05.000Z')
    } finally {
      await again.close()
    }
  })
})
