// Rule: an upload may import a file whose name does not say its entity when the `entities`
// field (a JSON object of file name to entity) names it, before or after the file in the body,
// as `sextant import --entity` does for a path; a `.tsv` file is read as tab-separated CSV.
// Without an entity such a file fails the import (nothing written); an `entities` field that
// is not JSON, names no entity, names a file that was not sent, or a `.zip`, is a 400.
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
const NOW = Date.parse('2026-03-25T12:00:00Z')

/** Two contacts of acme, tab-separated. */
const CONTACTS_TSV =
  'id\tworkspace_id\temail\tfirst_name\tlast_name\tcreated_at\n' +
  't1\tacme\tt1@x.io\tTia\tMoe\t2026-03-20T09:00:00Z\n' +
  't2\tacme\t\t\t\t2026-03-21T10:00:00Z\n'

type Part = { file: string; text: string } | { field: string; value: string }

async function multipart(parts: readonly Part[]): Promise<{ body: Buffer; type: string }> {
  const form = new FormData()
  for (const part of parts) {
    if ('file' in part) form.append('files', new Blob([part.text]), part.file)
    else form.append(part.field, part.value)
  }
  const response = new Response(form)
  return {
    body: Buffer.from(await response.arrayBuffer()),
    type: response.headers.get('content-type')!,
  }
}

describe('uploads with an entity for a file named otherwise', () => {
  let db: DbClient
  let server: SextantServer
  let token: string
  const auth = (): Record<string, string> => ({ host: HOST, authorization: `Bearer ${token}` })

  beforeAll(async () => {
    db = await DbClient.open(null)
    const clock = fixedClock(NOW)
    token = (await createToken(db, clock, { name: 'ui' })).token
    const base = mkdtempSync(join(tmpdir(), 'sextant-upload-entity-'))
    try {
      writeFileSync(
        join(base, 'workspaces.csv'),
        'id,name,created_at\nacme,Acme,2026-01-01T00:00:00Z\n',
      )
      await db.import([{ path: base }])
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
    const setting = await TimeZoneSetting.load(db, {})
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

  const post = async (parts: readonly Part[]) => {
    const { body, type } = await multipart(parts)
    return server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...auth(), 'content-type': type },
      payload: body,
    })
  }

  async function finished(parts: readonly Part[]) {
    const response = await post(parts)
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
      error: { issues: { file: string; reason: string }[] } | null
    }
  }

  const contacts = async (): Promise<number> =>
    (await server.inject({ url: '/api/v1/counts', headers: auth() })).json().counts.contacts

  it('without an entity, export.tsv fails by name and writes nothing', async () => {
    const before = await contacts()
    const job = await finished([{ file: 'export.tsv', text: CONTACTS_TSV }])
    expect(job.state).toBe('failed')
    expect(job.error!.issues.map((issue) => issue.file)).toEqual(['export.tsv'])
    expect(job.error!.issues[0]!.reason).toMatch(/the name must be an entity/)
    expect(await contacts()).toBe(before)
  })

  it('with {"export.tsv": "contacts"} it imports the two tab-separated contacts', async () => {
    const before = await contacts()
    const job = await finished([
      { file: 'export.tsv', text: CONTACTS_TSV },
      // after the file: the field is read wherever it comes
      { field: 'entities', value: JSON.stringify({ 'export.tsv': 'contacts' }) },
    ])
    expect(job.state, JSON.stringify(job.error)).toBe('done')
    expect(job.files).toEqual(['export.tsv'])
    expect(job.result!.records).toBe(2)
    expect(job.result!.entities.map((entity) => [entity.entity, entity.added])).toEqual([
      ['contacts', 2],
    ])
    expect(await contacts()).toBe(before + 2)
  })

  it('a named file and an unnamed one in one upload, the field first', async () => {
    const before = await contacts()
    const job = await finished([
      { field: 'entities', value: JSON.stringify({ 'people.csv': 'contacts' }) },
      { file: 'workspaces.csv', text: 'id,name,created_at\nglobex,Globex,2026-01-02T00:00:00Z\n' },
      {
        file: 'people.csv',
        text: 'id,workspace_id,email,first_name,last_name,created_at\np1,globex,,,,2026-03-22T00:00:00Z\n',
      },
    ])
    expect(job.state, JSON.stringify(job.error)).toBe('done')
    expect(job.result!.entities.map((entity) => [entity.entity, entity.added]).sort()).toEqual([
      ['contacts', 1],
      ['workspaces', 1],
    ])
    expect(await contacts()).toBe(before + 1)
  })

  it('refuses an entities field it cannot apply, with a 400 naming it', async () => {
    const file = { file: 'export.tsv', text: CONTACTS_TSV }
    const cases: [string, RegExp][] = [
      ['{not json', /entities: not JSON/],
      ['["contacts"]', /entities: must be an object/],
      [JSON.stringify({ 'export.tsv': 'people' }), /"people" for export\.tsv is not an entity/],
      [JSON.stringify({ 'other.tsv': 'contacts' }), /no file other\.tsv was sent/],
      [JSON.stringify({ 'data.zip': 'contacts' }), /data\.zip is a \.zip/],
    ]
    const before = await contacts()
    for (const [value, message] of cases) {
      const response = await post([file, { field: 'entities', value }])
      expect(response.statusCode, value).toBe(400)
      expect(response.json().error.message, value).toMatch(message)
    }
    expect(await contacts()).toBe(before)
  })
})
