// Rule (API.md "Server", section 5): the loopback server checks Host and Origin on every request,
// needs a token from the Authorization header on /api/..., and its own routes manage tokens,
// import and demo data with one error shape. Driven in-process with inject (no port).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../clock'
import { DbClient } from '../db/client'
import { createServer, type SextantServer } from './server'

const PORT = 4477
const HOST = `127.0.0.1:${PORT}`
const CONTROL = 'control-secret-for-tests'
let db: DbClient
let server: SextantServer

beforeAll(async () => {
  db = await DbClient.open(null)
  server = createServer({
    db,
    clock: fixedClock(Date.UTC(2026, 10, 23, 12)),
    version: '9.9.9',
    port: () => PORT,
    controlSecret: CONTROL,
  })
})

afterAll(async () => {
  await server.close()
  await db.close()
})

function get(url: string, headers: Record<string, string> = {}) {
  return server.inject({ method: 'GET', url, headers: { host: HOST, ...headers } })
}

async function createToken(body: object, authorization = `Bearer ${CONTROL}`) {
  return server.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: { host: HOST, authorization },
    payload: body,
  })
}

describe('the server', () => {
  it('answers /health without a token', async () => {
    const response = await get('/health')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.json()).toEqual({ status: 'ok', version: '9.9.9' })
  })

  it('refuses a foreign Host or Origin with 403, before anything else', async () => {
    for (const host of [
      'evil.com',
      `localhost.evil.com:${PORT}`,
      `127.0.0.2:${PORT}`,
      `127.0.0.1:${PORT + 1}`,
    ]) {
      const response = await server.inject({ method: 'GET', url: '/health', headers: { host } })
      expect(response.statusCode, host).toBe(403)
    }
    const origin = await get('/health', { origin: 'http://evil.com' })
    expect(origin.statusCode).toBe(403)
    expect(origin.headers['access-control-allow-origin']).toBeUndefined()
    expect((await get('/health', { origin: `http://localhost:${PORT}` })).statusCode).toBe(200)
  })

  it('needs a token on /api/ routes, from the Authorization header only', async () => {
    expect((await get('/api/v1/counts')).statusCode).toBe(401)
    expect((await get('/api/v1/counts', { authorization: 'Bearer nope' })).statusCode).toBe(401)
    const inQuery = await get(`/api/v1/counts?token=${CONTROL}`)
    expect(inQuery.statusCode).toBe(401)
    expect(inQuery.json()).toEqual({
      error: {
        code: 'unauthorized',
        message: 'tokens are accepted in the Authorization header only',
      },
    })
    expect((await get('/api/v1/counts', { authorization: `Bearer ${CONTROL}` })).statusCode).toBe(
      200,
    )
  })

  it('creates a token shown once, lists it without its secret, and revokes it', async () => {
    const created = await createToken({ name: 'reporting' })
    expect(created.statusCode).toBe(201)
    const { token, info } = created.json() as {
      token: string
      info: { name: string; fullAccess: boolean }
    }
    expect(token).toMatch(/^sxt_[A-Za-z0-9_-]{43}$/)
    expect(info).toMatchObject({ name: 'reporting', fullAccess: true })

    for (const scheme of [
      `Bearer ${token}`,
      `Token ${token}`,
      `jwt ${token}`,
      `Basic ${Buffer.from(`me:${token}`).toString('base64')}`,
    ]) {
      expect((await get('/api/v1/counts', { authorization: scheme })).statusCode, scheme).toBe(200)
    }
    const listed = await get('/api/v1/tokens', { authorization: `Bearer ${token}` })
    expect(listed.body).not.toContain(token)
    expect(listed.body).not.toContain('hash')
    expect((listed.json() as { tokens: { name: string }[] }).tokens.map((t) => t.name)).toEqual([
      'reporting',
    ])

    expect((await createToken({ name: 'reporting' })).statusCode).toBe(409)
    const revoke = await server.inject({
      method: 'DELETE',
      url: '/api/v1/tokens/reporting',
      headers: { host: HOST, authorization: `Bearer ${CONTROL}` },
    })
    expect(revoke.statusCode).toBe(204)
    expect((await get('/api/v1/counts', { authorization: `Bearer ${token}` })).statusCode).toBe(401)
    const again = await server.inject({
      method: 'DELETE',
      url: '/api/v1/tokens/reporting',
      headers: { host: HOST, authorization: `Bearer ${CONTROL}` },
    })
    expect(again.statusCode).toBe(404)
    expect(again.json()).toEqual({
      error: { code: 'not_found', message: 'no token named "reporting"' },
    })
  })

  it('keeps scoped tokens away from token management and counts', async () => {
    const scoped = (await createToken({ name: 'acme-only', workspaces: ['acme'] })).json() as {
      token: string
    }
    const authorization = `Bearer ${scoped.token}`
    expect((await createToken({ name: 'escalate' }, authorization)).statusCode).toBe(403)
    expect((await get('/api/v1/tokens', { authorization })).statusCode).toBe(403)
    expect((await get('/api/v1/counts', { authorization })).statusCode).toBe(403)
  })

  it('validates bodies with a 400 that names the problem', async () => {
    const bad = await createToken({ name: 'x', color: 'blue' })
    expect(bad.statusCode).toBe(400)
    const badName = await createToken({ name: 'no spaces allowed' })
    expect(badName.statusCode).toBe(400)
    expect((badName.json() as { error: { message: string } }).error.message).toContain('token name')
  })

  it('imports a dataset by path, and answers an import error with its issues', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sextant-server-'))
    writeFileSync(join(folder, 'workspaces.csv'), 'id,name,created_at\nacme,Acme,2026-01-01\n')
    writeFileSync(
      join(folder, 'contacts.csv'),
      'id,workspace_id,created_at\nc1,acme,2026-01-02\nc2,acme,2026-01-03\n',
    )
    const authorization = `Bearer ${CONTROL}`
    const ok = await server.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { host: HOST, authorization },
      payload: { paths: [folder] },
    })
    expect(ok.statusCode).toBe(200)
    expect((ok.json() as { records: number }).records).toBe(3)
    const counts = (await get('/api/v1/counts', { authorization })).json() as {
      counts: Record<string, number>
    }
    expect(counts.counts.workspaces).toBe(1)
    expect(counts.counts.contacts).toBe(2)

    const broken = join(folder, 'broken')
    writeFileSync(`${broken}.csv`, 'id,workspace_id,created_at\nc3,nowhere,2026-01-02\n')
    const failed = await server.inject({
      method: 'POST',
      url: '/api/v1/import',
      headers: { host: HOST, authorization },
      payload: { paths: [`${broken}.csv`], entity: 'contacts' },
    })
    expect(failed.statusCode).toBe(400)
    const error = (
      failed.json() as {
        error: { code: string; issues: { line: number; column: number; reason: string }[] }
      }
    ).error
    expect(error.code).toBe('import_failed')
    expect(error.issues[0]).toMatchObject({ line: 2, column: 2 })
    expect(error.issues[0]!.reason).toContain('no workspaces record with id "nowhere"')
  })

  it('answers unknown routes with 404 in the console shape', async () => {
    const response = await get('/api/v1/nothing', { authorization: `Bearer ${CONTROL}` })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'no route GET /api/v1/nothing' },
    })
  })
})
