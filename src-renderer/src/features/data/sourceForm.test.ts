// Rule: the form sends exactly the config the fields describe (nothing left empty, numbers as
// numbers), never a secret it does not have, "" only for a stored secret that goes, and on edit
// only what changed (a config the analyst did not touch is not sent: it would start the source
// afresh on the server).
import { describe, expect, it } from 'vitest'
import type { Source } from '../../../../src-shared/api/sync'
import {
  buildConfig,
  buildInput,
  buildPatch,
  buildSecrets,
  canonical,
  EMPTY_FORM,
  formFromSource,
  splitList,
  type SourceFormState,
} from './sourceForm'

const stored = (overrides: Partial<Source>): Source => ({
  id: 3,
  name: 'remote',
  kind: 'sextant',
  config: { url: 'http://127.0.0.1:4478' },
  secrets: ['token'],
  schedule: 'manual',
  nextRunAt: null,
  createdAt: '2026-11-23T12:00:00.000Z',
  updatedAt: '2026-11-23T12:00:00.000Z',
  lastRun: null,
  ...overrides,
})

const form = (overrides: Partial<SourceFormState>): SourceFormState => ({
  ...EMPTY_FORM,
  ...overrides,
})

describe('building a new source', () => {
  it('a Sextant source: url, token, schedule', () => {
    expect(
      buildInput(
        form({
          name: ' team ',
          kind: 'sextant',
          url: ' http://127.0.0.1:4478 ',
          token: 'abc',
          schedule: { choice: 'daily-at', minutes: '', time: '06:30' },
        }),
      ),
    ).toEqual({
      value: {
        name: 'team',
        kind: 'sextant',
        config: { url: 'http://127.0.0.1:4478' },
        schedule: 'daily 06:30',
        secrets: { token: 'abc' },
      },
    })
    expect(
      buildConfig(
        form({ kind: 'sextant', url: 'http://x', entities: ['contacts'], pageSize: '500' }),
      ),
    ).toEqual({ value: { url: 'http://x', entities: ['contacts'], pageSize: 500 } })
    expect(buildConfig(form({ kind: 'sextant', url: 'http://x', pageSize: '0' }))).toEqual({
      error: 'Page size: a whole number from 1',
    })
  })

  it('no token: no secrets at all', () => {
    expect(buildInput(form({ name: 'a', url: 'http://x' }))).toEqual({
      value: { name: 'a', kind: 'sextant', config: { url: 'http://x' }, schedule: 'manual' },
    })
  })

  it('a snapshot source keeps only its product’s fields', () => {
    const base = {
      kind: 'snapshot' as const,
      url: 'http://x',
      workspaces: 'ws_1, ws_2\nws_3',
      campaigns: 'ws_1/c1',
      orgHandle: 'acme',
      spaces: 's1',
      username: 'admin',
      days: '7',
    }
    expect(buildConfig(form({ ...base, product: 'workspaces' }))).toEqual({
      value: {
        product: 'workspaces',
        url: 'http://x',
        workspaces: ['ws_1', 'ws_2', 'ws_3'],
        days: 7,
      },
    })
    expect(buildConfig(form({ ...base, product: 'campaigns' }))).toEqual({
      value: {
        product: 'campaigns',
        url: 'http://x',
        workspaces: ['ws_1', 'ws_2', 'ws_3'],
        campaigns: ['ws_1/c1'],
        days: 7,
      },
    })
    expect(buildConfig(form({ ...base, product: 'calls', days: '' }))).toEqual({
      value: { product: 'calls', url: 'http://x', orgHandle: 'acme', spaces: ['s1'] },
    })
    expect(buildConfig(form({ ...base, product: 'bookings' }))).toEqual({
      value: { product: 'bookings', url: 'http://x', username: 'admin', days: 7 },
    })
  })

  it('an HTTP source: mapping JSON, pagination, incremental, headers and secret headers', () => {
    const http = form({
      name: 'crm',
      kind: 'http',
      url: 'https://crm.example/contacts',
      entity: 'contacts',
      format: 'json',
      recordsPath: 'items',
      pagination: 'page',
      pageParam: 'p',
      size: '250',
      first: '0',
      incrementalParam: 'updated_since',
      incrementalField: 'updated_at',
      incrementalSorted: true,
      mapping: '{"email": "attributes.email"}',
      headers: [
        { name: 'Accept', value: 'application/json', secret: false, stored: false },
        { name: 'Authorization', value: 'Bearer s3cret', secret: true, stored: false },
        { name: '', value: '', secret: true, stored: false },
      ],
    })
    expect(buildInput(http)).toEqual({
      value: {
        name: 'crm',
        kind: 'http',
        config: {
          url: 'https://crm.example/contacts',
          entity: 'contacts',
          format: 'json',
          recordsPath: 'items',
          mapping: { email: 'attributes.email' },
          pagination: { type: 'page', param: 'p', size: 250, first: 0 },
          incremental: { param: 'updated_since', field: 'updated_at', sorted: true },
          headers: { Accept: 'application/json' },
        },
        schedule: 'manual',
        secrets: { Authorization: 'Bearer s3cret' },
      },
    })
    expect(
      buildConfig(
        form({ kind: 'http', url: 'u', entity: 'calls', pagination: 'cursor', cursorPath: 'next' }),
      ),
    ).toEqual({
      value: { url: 'u', entity: 'calls', pagination: { type: 'cursor', cursorPath: 'next' } },
    })
    expect(buildConfig(form({ kind: 'http', url: 'u', pagination: 'link' }))).toEqual({
      value: { url: 'u', entity: 'contacts', pagination: { type: 'link' } },
    })
  })

  it('says what is wrong instead of sending', () => {
    expect(buildConfig(form({ kind: 'http', mapping: '{"a": ' }))).toHaveProperty('error')
    expect(buildConfig(form({ kind: 'http', mapping: '["a"]' }))).toEqual({
      error: 'Mapping: a JSON object of column -> "dot.path" or {path, const, map}',
    })
    expect(buildConfig(form({ kind: 'http', incrementalParam: 'since' }))).toEqual({
      error: 'Incremental: give both the query parameter and the change-time field',
    })
    expect(buildConfig(form({ kind: 'http', pagination: 'cursor' }))).toHaveProperty('error')
    expect(
      buildInput(
        form({
          kind: 'http',
          headers: [{ name: 'X-Key', value: '', secret: true, stored: false }],
        }),
      ),
    ).toEqual({ error: 'Headers: give a value for X-Key' })
    expect(
      buildInput(form({ schedule: { choice: 'every', minutes: 'x', time: '' } })),
    ).toHaveProperty('error')
  })

  it('splits lists on commas, spaces and lines', () => {
    expect(splitList(' a, b\n\nc  d,')).toEqual(['a', 'b', 'c', 'd'])
    expect(splitList('  ')).toEqual([])
  })
})

describe('editing a source', () => {
  it('never fills in a secret value', () => {
    const sextant = formFromSource(stored({}))
    expect(sextant).toMatchObject({ token: '', tokenStored: true, url: 'http://127.0.0.1:4478' })
    const http = formFromSource(
      stored({
        kind: 'http',
        config: { url: 'u', entity: 'calls', headers: { Accept: 'text/csv' } },
        secrets: ['Authorization'],
      }),
    )
    expect(http.headers).toEqual([
      { name: 'Accept', value: 'text/csv', secret: false, stored: false },
      { name: 'Authorization', value: '', secret: true, stored: true },
    ])
  })

  it('sends only the schedule when only the schedule changed', () => {
    const source = stored({ config: { pageSize: 100, url: 'http://127.0.0.1:4478' } })
    const edited = {
      ...formFromSource(source),
      schedule: { choice: 'hourly' as const, minutes: '', time: '' },
    }
    expect(buildPatch(edited, source)).toEqual({ value: { schedule: 'hourly' } })
    expect(buildPatch(formFromSource(source), source)).toEqual({ value: {} })
  })

  it('a snapshot source stored with keys in another order is unchanged', () => {
    const source = stored({
      kind: 'snapshot',
      config: { workspaces: ['ws_1'], url: 'http://x', product: 'workspaces', days: 30 },
    })
    expect(buildPatch(formFromSource(source), source)).toEqual({ value: {} })
  })

  it('sends the config, name and new token when they change', () => {
    const source = stored({})
    const edited = { ...formFromSource(source), name: 'renamed', url: 'http://other', token: 'new' }
    expect(buildPatch(edited, source)).toEqual({
      value: { name: 'renamed', config: { url: 'http://other' }, secrets: { token: 'new' } },
    })
  })

  it('removes a stored secret with ""', () => {
    const source = stored({})
    expect(buildPatch({ ...formFromSource(source), removeToken: true }, source)).toEqual({
      value: { secrets: { token: '' } },
    })
    const http = stored({
      kind: 'http',
      config: { url: 'u', entity: 'calls' },
      secrets: ['Authorization', 'X-Key'],
    })
    const state = formFromSource(http)
    // X-Key removed, Authorization kept (empty), a new secret added
    const edited = {
      ...state,
      headers: [state.headers[0]!, { name: 'X-Other', value: 'v', secret: true, stored: false }],
    }
    expect(buildSecrets(edited, http.secrets)).toEqual({ value: { 'X-Other': 'v', 'X-Key': '' } })
    expect(buildPatch(edited, http)).toEqual({
      value: { secrets: { 'X-Other': 'v', 'X-Key': '' } },
    })
  })

  it('a new kind drops the secrets it does not take', () => {
    const source = stored({})
    const edited = {
      ...formFromSource(source),
      kind: 'http' as const,
      url: 'http://x/records',
      entity: 'calls',
    }
    expect(buildPatch(edited, source)).toEqual({
      value: {
        kind: 'http',
        config: { url: 'http://x/records', entity: 'calls' },
        secrets: { token: '' },
      },
    })
  })

  it('compares configs whatever their key order', () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}')
    expect(canonical({ a: 1, b: 2 })).toBe(canonical({ b: 2, a: 1 }))
  })
})
