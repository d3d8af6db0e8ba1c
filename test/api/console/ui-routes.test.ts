// Rule: the console routes the UI needs behave as docs/api.md says: an upload imports all or
// nothing in the background with progress and the importer's issues; settings report the
// timezone, "today" and the port, and a timezone change is stored and used by the analytics.
// Each test starts from the data the setup imports and puts back the settings it changes, so
// any one of them passes alone or in any order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src-main/core/clock'
import { DbClient } from '../../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../../src-main/core/http/server'
import { TimeZoneSetting } from '../../../src-main/core/settings'
import { createToken } from '../../../src-main/core/tokens/tokens'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const NOW = Date.parse('2026-03-25T23:30:00Z')

async function multipart(files: Record<string, string>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData()
  for (const [name, text] of Object.entries(files)) form.append('files', new Blob([text]), name)
  const response = new Response(form)
  return {
    body: Buffer.from(await response.arrayBuffer()),
    type: response.headers.get('content-type')!,
  }
}

describe('console routes for the UI', () => {
  let db: DbClient
  let server: SextantServer
  let token: string
  let setting: TimeZoneSetting
  const auth = (): Record<string, string> => ({ host: HOST, authorization: `Bearer ${token}` })

  beforeAll(async () => {
    db = await DbClient.open(null)
    const clock = fixedClock(NOW)
    token = (await createToken(db, clock, { name: 'ui' })).token
    // acme with c1 (23:00Z on 03-25, Tokyo's 03-26) and c2.
    const base = mkdtempSync(join(tmpdir(), 'sextant-ui-routes-'))
    try {
      writeFileSync(
        join(base, 'workspaces.csv'),
        'id,name,created_at\nacme,Acme,2026-01-01T00:00:00Z\n',
      )
      writeFileSync(
        join(base, 'contacts.csv'),
        'id,workspace_id,email,first_name,last_name,created_at\nc1,acme,a@x.io,Ann,Lee,2026-03-25T23:00:00Z\nc2,acme,,,,2026-03-20T10:00:00Z\n',
      )
      await db.import([{ path: base }])
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
    setting = await TimeZoneSetting.load(db, {})
    server = createServer({
      db,
      clock,
      version: 'test',
      port: () => PORT,
      settings: setting,
      timezone: () => setting.current,
      logger: false,
    })
  })
  afterAll(async () => {
    await server.close()
    await db.close()
  })

  async function upload(files: Record<string, string>) {
    const { body, type } = await multipart(files)
    const response = await server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...auth(), 'content-type': type },
      payload: body,
    })
    expect(response.statusCode, response.body).toBe(202)
    let job = response.json() as { id: string; state: string }
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20))
      job = (await server.inject({ url: `/api/v1/imports/${job.id}`, headers: auth() })).json()
    }
    return job as unknown as {
      state: string
      files: string[]
      result: { records: number; entities: { entity: string; added: number }[] } | null
      error: { message: string; issues: { file: string; line: number; reason: string }[] } | null
    }
  }

  const counts = async (): Promise<Record<string, number>> =>
    (await server.inject({ url: '/api/v1/counts', headers: auth() })).json().counts

  it('imports uploaded files in the background', async () => {
    const before = await counts()
    const job = await upload({
      'workspaces.csv': 'id,name,created_at\nglobex,Globex,2026-01-01T00:00:00Z\n',
      'contacts.csv':
        'id,workspace_id,email,first_name,last_name,created_at\ng1,globex,g@x.io,Gus,Ray,2026-03-10T09:00:00Z\ng2,globex,,,,2026-03-11T10:00:00Z\n',
    })
    expect(job.state).toBe('done')
    expect(job.files.sort()).toEqual(['contacts.csv', 'workspaces.csv'])
    expect(job.result!.records).toBe(3)
    const after = await counts()
    expect(after.workspaces).toBe(before.workspaces! + 1)
    expect(after.contacts).toBe(before.contacts! + 2)
  })

  it('a bad upload changes nothing and lists the issues by file and line', async () => {
    const before = await counts()
    const job = await upload({
      'contacts.csv':
        'id,workspace_id,email,first_name,last_name,created_at\nc3,acme,,,,2026-03-21T00:00:00Z\nc4,nowhere,,,,not-a-date\n',
    })
    expect(job.state).toBe('failed')
    expect(job.error!.issues.length).toBeGreaterThan(0)
    expect(job.error!.issues[0]!.file).toBe('contacts.csv')
    expect(job.error!.issues[0]!.line).toBe(3)
    expect(await counts()).toEqual(before)
  })

  it('refuses uploads without files, without multipart, or without full access', async () => {
    const json = await server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: '{}',
    })
    expect(json.statusCode).toBe(400)
    const scoped = await createToken(db, fixedClock(NOW), { name: 'scoped', workspaces: ['acme'] })
    const { body, type } = await multipart({ 'contacts.csv': 'id\n' })
    const refused = await server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { host: HOST, authorization: `Bearer ${scoped.token}`, 'content-type': type },
      payload: body,
    })
    expect(refused.statusCode).toBe(403)
    const unknown = await server.inject({ url: '/api/v1/imports/nope', headers: auth() })
    expect(unknown.statusCode).toBe(404)
  })

  it('settings: timezone, today in it, port; a change moves "today" and the analytics', async () => {
    try {
      await settingsChange()
    } finally {
      await setting.set('UTC')
    }
  })

  async function settingsChange(): Promise<void> {
    const first = (await server.inject({ url: '/api/v1/settings', headers: auth() })).json()
    expect(first).toEqual({
      timezone: 'UTC',
      timezoneSource: 'setting',
      port: PORT,
      preferredPort: 4477,
      version: 'test',
      now: '2026-03-25T23:30:00.000Z',
      today: '2026-03-25',
      allowedOrigins: [],
    })
    const changed = await server.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({ timezone: 'Asia/Tokyo' }),
    })
    expect(changed.statusCode).toBe(200)
    // 23:30Z is 08:30 the next day in Tokyo.
    expect(changed.json().today).toBe('2026-03-26')
    const stored = await db.get<{ value: string }>(
      "SELECT value FROM settings WHERE key = 'timezone'",
    )
    expect(stored?.value).toBe('Asia/Tokyo')
    // c1 (23:00Z on 03-25) is a new contact of Tokyo's 03-26.
    const overview = (
      await server.inject({ url: '/api/v1/overview?days=1', headers: auth() })
    ).json()
    expect(overview.dates).toEqual(['2026-03-26'])
    expect(overview.kpis.find((kpi: { key: string }) => kpi.key === 'contacts').value).toBe(1)
    const bad = await server.inject({
      method: 'PUT',
      url: '/api/v1/settings',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({ timezone: 'Mars/Olympus' }),
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toMatch(/timezone/)
  }

  it('stores the port the desktop app asks for next time, and refuses impossible ones', async () => {
    const put = (body: unknown) =>
      server.inject({
        method: 'PUT',
        url: '/api/v1/settings',
        headers: { ...auth(), 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      })
    try {
      const changed = await put({ port: 5123 })
      expect(changed.statusCode).toBe(200)
      expect(changed.json().preferredPort).toBe(5123)
      expect(changed.json().port).toBe(PORT)
      for (const port of [0, 65536, 80.5, 'next']) {
        const refused = await put({ port })
        expect(refused.statusCode, String(port)).toBe(400)
        expect(refused.json().error.message).toMatch(/port/)
      }
      expect(
        (await server.inject({ url: '/api/v1/settings', headers: auth() })).json().preferredPort,
      ).toBe(5123)
    } finally {
      expect((await put({ port: 4477 })).statusCode).toBe(200)
    }
  })

  it('SEXTANT_TZ pins the timezone', async () => {
    const pinned = await TimeZoneSetting.load(db, { SEXTANT_TZ: 'Europe/Berlin' })
    expect(pinned.current).toBe('Europe/Berlin')
    await expect(pinned.set('UTC')).rejects.toThrow(/SEXTANT_TZ/)
  })
})
