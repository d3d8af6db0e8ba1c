// Rule (issue #6, page.ts): one page of remote records is read the same way whatever its
// format: a JSON array, JSON with the records under `data` or `recordsPath`, NDJSON or CSV (an
// empty CSV field is NULL, a BOM is ignored), and a body that cannot be read names its page.
// The mapping takes each canonical column from a dot path, a constant, an enum map or a remote
// timestamp format; canonical records (another Sextant) must hold known columns only. Each
// pagination style asks for the page after the last one and stops at the end, `Link: rel="next"`
// is read as RFC 8288 writes it, and change times order by instant whatever their offset.
import { describe, expect, it } from 'vitest'
import { findEntity, type EntityDef } from '../../src-shared/domain/entities'
import type { Pagination } from '../../src-shared/api/sync'
import {
  changeKey,
  linkNext,
  MalformedPage,
  nextPosition,
  pageUrl,
  readPage,
  recordMapper,
  valueAt,
  type PageReader,
} from '../../src-main/core/sync/page'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const auto: PageReader = { format: 'auto', mapping: {} }

function entity(name: string): EntityDef {
  const found = findEntity(name)
  if (found === undefined) throw new Error(`no entity ${name}`)
  return found
}

/** The values of a mapped record by column name (or the problem). */
function mapped(
  name: string,
  mapping: Parameters<typeof recordMapper>[1],
  record: unknown,
): Record<string, unknown> | string {
  const def = entity(name)
  const result = recordMapper(def, mapping)(record)
  if ('problem' in result) return result.problem
  return Object.fromEntries(def.columns.map((column, index) => [column.name, result.values[index]]))
}

function thrown(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

describe('valueAt', () => {
  const record = { a: { b: [{ c: 1 }, { c: 2 }] }, n: null, zero: 0, empty: '' }

  it('follows dot paths, array items by index', () => {
    expect(valueAt(record, 'a.b.1.c')).toBe(2)
    expect(valueAt(record, 'a.b.0')).toEqual({ c: 1 })
    expect(valueAt(record, 'zero')).toBe(0)
    expect(valueAt(record, 'empty')).toBe('')
    expect(valueAt(record, 'n')).toBeNull()
  })

  it('answers undefined when a step is missing or not an object', () => {
    expect(valueAt(record, 'a.x.c')).toBeUndefined()
    expect(valueAt(record, 'n.c')).toBeUndefined()
    expect(valueAt(record, 'zero.c')).toBeUndefined()
    expect(valueAt(record, 'a.b.5.c')).toBeUndefined()
    expect(valueAt(null, 'a')).toBeUndefined()
  })

  it('answers the value itself for an empty path or "."', () => {
    expect(valueAt(record, '')).toBe(record)
    expect(valueAt(record, '.')).toBe(record)
  })
})

describe('readPage', () => {
  it('reads a bare JSON array', () => {
    const page = readPage('page 1', bytes('[{"id":"a"},{"id":"b"}]'), 'application/json', auto)
    expect(page.records).toEqual([{ id: 'a' }, { id: 'b' }])
    expect(page.body).toEqual([{ id: 'a' }, { id: 'b' }])
  })

  it('reads records wrapped under data, with the body kept for cursors', () => {
    const body = { data: [{ id: 1 }], meta: { next_cursor: 'x' } }
    const page = readPage('page 1', bytes(JSON.stringify(body)), 'application/json', auto)
    expect(page.records).toEqual([{ id: 1 }])
    expect(valueAt(page.body, 'meta.next_cursor')).toBe('x')
  })

  it('reads records at recordsPath', () => {
    const body = { result: { items: [{ id: 7 }, { id: 8 }] }, data: 'not this' }
    const page = readPage('page 1', bytes(JSON.stringify(body)), null, {
      ...auto,
      recordsPath: 'result.items',
    })
    expect(page.records).toEqual([{ id: 7 }, { id: 8 }])
  })

  it('names the recordsPath when nothing is there', () => {
    const error = thrown(() =>
      readPage('page 2', bytes('{"result":{}}'), 'application/json', {
        ...auto,
        recordsPath: 'result.items',
      }),
    )
    expect(error).toBeInstanceOf(MalformedPage)
    expect(error.message).toBe('page 2: expected an array of records at "result.items"')
  })

  it('refuses a JSON object without an array under data', () => {
    const error = thrown(() => readPage('page 4', bytes('{"items":[]}'), 'application/json', auto))
    expect(error.message).toMatch(/^page 4: expected an array of records/)
  })

  it('reads NDJSON by content type and by its look', () => {
    const text = '{"id":"a","n":1}\n\n{"id":"b","n":2}\n'
    const typed = readPage('p', bytes(text), 'application/x-ndjson', auto)
    expect(typed.records).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ])
    expect(readPage('p', bytes(text), null, auto).records).toEqual(typed.records)
    expect(readPage('p', bytes(text), 'text/plain', { ...auto, format: 'ndjson' }).records).toEqual(
      typed.records,
    )
  })

  it('names the NDJSON line that is not JSON', () => {
    const error = thrown(() =>
      readPage('page 3 (http://x/y)', bytes('{"id":1}\n{"id":2\n'), 'application/x-ndjson', auto),
    )
    expect(error).toBeInstanceOf(MalformedPage)
    expect(error.message).toMatch(/^page 3 \(http:\/\/x\/y\): line 2 is not JSON/)
  })

  it('reads CSV with a header row; an empty field is null', () => {
    const text = 'id,email,first_name\nc1,a@example.com,\nc2,,Bea\n'
    const page = readPage('p', bytes(text), 'text/csv; charset=utf-8', auto)
    expect(page.records).toEqual([
      { id: 'c1', email: 'a@example.com', first_name: null },
      { id: 'c2', email: null, first_name: 'Bea' },
    ])
    // Without a content type, a body that is neither JSON nor NDJSON is CSV.
    expect(readPage('p', bytes(text), null, auto).records).toEqual(page.records)
  })

  it('ignores a byte order mark (CSV and JSON)', () => {
    const csv = readPage('p', bytes('\uFEFFid,name\nw1,One\n'), 'text/csv', auto)
    expect(csv.records).toEqual([{ id: 'w1', name: 'One' }])
    expect(Object.keys(csv.records[0] as object)).toEqual(['id', 'name'])
    const json = readPage('p', bytes('\uFEFF[{"id":1}]'), 'application/json', auto)
    expect(json.records).toEqual([{ id: 1 }])
  })

  it('names the page whose JSON is malformed, or empty', () => {
    const broken = thrown(() =>
      readPage('page 3 (http://h/r?page=3)', bytes('{"data":[{"id":1},'), 'application/json', auto),
    )
    expect(broken).toBeInstanceOf(MalformedPage)
    expect(broken.message).toMatch(/^page 3 \(http:\/\/h\/r\?page=3\): the body is not valid JSON/)
    const empty = thrown(() => readPage('page 9', bytes('  '), 'application/json', auto))
    expect(empty.message).toBe('page 9: the body is not valid JSON (the body is empty)')
  })
})

describe('recordMapper', () => {
  it('takes columns from dot paths and constants; unmapped columns from the same name', () => {
    const ts = Date.UTC(2026, 2, 5, 9, 30, 0) / 1000
    const values = mapped(
      'contacts',
      {
        id: 'uid',
        email: 'attributes.mail',
        workspace_id: { const: 'acme' },
        created_at: { path: 'ts', timestamp: 'epoch-s' },
      },
      { uid: 'c-9', attributes: { mail: 'x@example.com' }, first_name: 'Ada', ts },
    )
    expect(values).toEqual({
      id: 'c-9',
      workspace_id: 'acme',
      email: 'x@example.com',
      first_name: 'Ada',
      last_name: undefined,
      created_at: '2026-03-05T09:30:00.000Z',
    })
  })

  it('maps enum values; values not listed pass through', () => {
    const mapping = {
      status: { path: 'state', map: { live: 'ACTIVE', stopped: 'PAUSED' } },
    }
    const live = mapped('campaigns', mapping, { id: 'k', state: 'live' })
    const draft = mapped('campaigns', mapping, { id: 'k', state: 'DRAFT' })
    expect((live as Record<string, unknown>).status).toBe('ACTIVE')
    expect((draft as Record<string, unknown>).status).toBe('DRAFT')
  })

  it('reads epoch seconds and milliseconds, numbers or text', () => {
    const at = Date.UTC(2025, 11, 31, 23, 59, 59)
    const seconds = mapped(
      'workspaces',
      { created_at: { path: 't', timestamp: 'epoch-s' } },
      { id: 'w', name: 'W', t: String(at / 1000) },
    ) as Record<string, unknown>
    const millis = mapped(
      'workspaces',
      { created_at: { path: 't', timestamp: 'epoch-ms' } },
      { id: 'w', name: 'W', t: at },
    ) as Record<string, unknown>
    expect(seconds.created_at).toBe('2025-12-31T23:59:59.000Z')
    expect(millis.created_at).toBe('2025-12-31T23:59:59.000Z')
  })

  it('reads day/month/year and month/day/year dates', () => {
    const dmy = mapped(
      'workspaces',
      { created_at: { path: 'd', timestamp: 'date-dmy' } },
      { id: 'w', name: 'W', d: '5/3/2026' },
    ) as Record<string, unknown>
    const dotted = mapped(
      'workspaces',
      { created_at: { path: 'd', timestamp: 'date-dmy' } },
      { id: 'w', name: 'W', d: '31.12.2025' },
    ) as Record<string, unknown>
    const mdy = mapped(
      'workspaces',
      { created_at: { path: 'd', timestamp: 'date-mdy' } },
      { id: 'w', name: 'W', d: '5/3/2026' },
    ) as Record<string, unknown>
    expect(dmy.created_at).toBe('2026-03-05')
    expect(dotted.created_at).toBe('2025-12-31')
    expect(mdy.created_at).toBe('2026-05-03')
  })

  it('leaves a timestamp it cannot read as it was (the importer then names it)', () => {
    const bad = mapped(
      'workspaces',
      { created_at: { path: 't', timestamp: 'epoch-s' } },
      { id: 'w', name: 'W', t: 'soon' },
    ) as Record<string, unknown>
    expect(bad.created_at).toBe('soon')
    const missing = mapped(
      'workspaces',
      { created_at: { path: 't', timestamp: 'epoch-s' } },
      { id: 'w', name: 'W' },
    ) as Record<string, unknown>
    expect(missing.created_at).toBeNull()
  })

  it('canonical mode takes the record as it is and rejects unknown columns', () => {
    const record = { id: 'w1', name: 'One', created_at: '2026-01-01T00:00:00Z' }
    expect(mapped('workspaces', null, record)).toEqual(record)
    expect(mapped('workspaces', null, { ...record, colour: 'red' })).toBe('unknown column "colour"')
    expect(mapped('workspaces', null, [1, 2])).toBe('expected an object')
    expect(mapped('workspaces', {}, 'text')).toBe('expected an object')
  })
})

describe('pageUrl and nextPosition', () => {
  const base = 'https://api.example.com/v1/contacts?fields=all'

  it('page style: 1-based pages of `size`, parameters renamable', () => {
    const pagination: Pagination = { type: 'page', size: 50 }
    const first = { url: base, page: 1 }
    expect(pageUrl(first, pagination, null)).toBe(`${base}&page=1&per_page=50`)
    const second = nextPosition(first, pagination, { count: 50, body: null, linkNext: null })
    expect(second).toEqual({ url: base, page: 2 })
    expect(pageUrl(second!, pagination, { param: 'updated_since', since: '2026-01-01' })).toBe(
      `${base}&updated_since=2026-01-01&page=2&per_page=50`,
    )
    // A short page does not end the pull (a remote may cap the page size); an empty one does.
    expect(nextPosition(second!, pagination, { count: 49, body: null, linkNext: null })).toEqual({
      url: base,
      page: 3,
    })
    expect(nextPosition(second!, pagination, { count: 0, body: null, linkNext: null })).toBeNull()
    const renamed: Pagination = { type: 'page', param: 'p', sizeParam: 'n', first: 0 }
    expect(pageUrl({ url: base, page: 0 }, renamed, null)).toBe(`${base}&p=0&n=100`)
  })

  it('no incremental parameter before the first checkpoint', () => {
    expect(pageUrl({ url: base, page: 1 }, { type: 'page' }, { param: 'since', since: null })).toBe(
      `${base}&page=1&per_page=100`,
    )
  })

  it('offset style: the offset advances by the records received', () => {
    const pagination: Pagination = { type: 'offset', size: 25 }
    const first = { url: base, offset: 0 }
    expect(pageUrl(first, pagination, null)).toBe(`${base}&offset=0&limit=25`)
    const next = nextPosition(first, pagination, { count: 25, body: null, linkNext: null })
    expect(next).toEqual({ url: base, offset: 25 })
    expect(pageUrl(next!, pagination, null)).toBe(`${base}&offset=25&limit=25`)
    expect(nextPosition(next!, pagination, { count: 3, body: null, linkNext: null })).toEqual({
      url: base,
      offset: 28,
    })
    expect(nextPosition(next!, pagination, { count: 0, body: null, linkNext: null })).toBeNull()
  })

  it('cursor style: the cursor from the body until it is null, "" or absent', () => {
    const pagination: Pagination = { type: 'cursor', cursorPath: 'meta.next' }
    const first = { url: base }
    expect(pageUrl(first, pagination, null)).toBe(base)
    const next = nextPosition(first, pagination, {
      count: 10,
      body: { meta: { next: 'abc=' } },
      linkNext: null,
    })
    expect(next).toEqual({ url: base, cursor: 'abc=' })
    expect(pageUrl(next!, pagination, null)).toBe(`${base}&cursor=abc%3D`)
    for (const body of [{ meta: { next: null } }, { meta: { next: '' } }, { meta: {} }])
      expect(nextPosition(next!, pagination, { count: 10, body, linkNext: null })).toBeNull()
    const renamed: Pagination = { type: 'cursor', cursorPath: 'c', param: 'after' }
    expect(pageUrl({ url: base, cursor: 'z' }, renamed, null)).toBe(`${base}&after=z`)
  })

  it('link style: the next URL is fetched exactly as given', () => {
    const pagination: Pagination = { type: 'link' }
    const given = 'https://api.example.com/v1/contacts?page=2&sig=x%2Fy'
    const next = nextPosition({ url: base }, pagination, { count: 5, body: null, linkNext: given })
    expect(next).toEqual({ url: given, linked: true })
    expect(pageUrl(next!, pagination, { param: 'since', since: '2026-01-01' })).toBe(given)
    expect(nextPosition(next!, pagination, { count: 5, body: null, linkNext: null })).toBeNull()
  })

  it('none: one page', () => {
    const pagination: Pagination = { type: 'none' }
    expect(pageUrl({ url: base }, pagination, { param: 'since', since: '2026-02-01' })).toBe(
      `${base}&since=2026-02-01`,
    )
    expect(
      nextPosition({ url: base }, pagination, { count: 100, body: null, linkNext: null }),
    ).toBe(null)
  })
})

describe('linkNext', () => {
  const base = 'https://api.example.com/v1/items?page=1'

  it('finds rel="next" among several links', () => {
    const header =
      '<https://api.example.com/v1/items?page=1>; rel="first", <https://api.example.com/v1/items?page=2>; rel="next", <https://api.example.com/v1/items?page=9>; rel="last"'
    expect(linkNext(header, base)).toBe('https://api.example.com/v1/items?page=2')
  })

  it('reads rel unquoted, in any case, or as one of several relation types', () => {
    expect(linkNext('<https://h.example/b>; rel=next', base)).toBe('https://h.example/b')
    expect(linkNext('<https://h.example/b>; REL="Next"', base)).toBe('https://h.example/b')
    expect(linkNext('<https://h.example/c>; title="x"; rel="last next"', base)).toBe(
      'https://h.example/c',
    )
  })

  it('resolves a relative URL against the page URL', () => {
    expect(linkNext('</v1/items?page=2>; rel="next"', base)).toBe(
      'https://api.example.com/v1/items?page=2',
    )
    expect(linkNext('<?page=3>; rel="next"', base)).toBe('https://api.example.com/v1/items?page=3')
  })

  it('keeps a URL holding a comma whole', () => {
    expect(linkNext('<https://h.example/x?ids=1,2,3>; rel="next"', base)).toBe(
      'https://h.example/x?ids=1,2,3',
    )
  })

  it('answers null without a next link', () => {
    expect(linkNext(undefined, base)).toBeNull()
    expect(linkNext('', base)).toBeNull()
    expect(linkNext('<https://h.example/p>; rel="prev"', base)).toBeNull()
  })

  it('a relation type that only starts with "next" is not next (RFC 8288; next-archive is RFC 5005)', () => {
    expect(linkNext('<https://h.example/archive>; rel="next-archive"', base)).toBeNull()
    expect(
      linkNext(
        '<https://h.example/archive>; rel="next-archive", <https://h.example/n>; rel="next"',
        base,
      ),
    ).toBe('https://h.example/n')
  })
})

describe('changeKey', () => {
  it('orders ISO timestamps by instant, whatever their offset', () => {
    // 10:00+02:00 is 08:00Z: earlier than 09:00Z although it sorts later as text.
    const a = '2026-01-01T10:00:00+02:00'
    const b = '2026-01-01T09:00:00Z'
    expect(changeKey(a)).toBe(Date.UTC(2026, 0, 1, 8))
    expect(changeKey(b)).toBe(Date.UTC(2026, 0, 1, 9))
    expect((changeKey(a) as number) < (changeKey(b) as number)).toBe(true)
    expect(a > b).toBe(true)
    const sorted = ['2026-01-01T09:30:00Z', a, '2026-01-01T09:00:00-01:00', b].sort(
      (x, y) => (changeKey(x) as number) - (changeKey(y) as number),
    )
    expect(sorted).toEqual([a, b, '2026-01-01T09:30:00Z', '2026-01-01T09:00:00-01:00'])
  })

  it('keeps numbers and answers null for nothing', () => {
    expect(changeKey(1700000000)).toBe(1700000000)
    expect(changeKey(null)).toBeNull()
    expect(changeKey(undefined)).toBeNull()
    expect(changeKey('')).toBeNull()
    expect(changeKey('rev-abc')).toBe('rev-abc')
  })

  it('orders text that is not a timestamp as text (Date.parse reads "v-00012" as 2001-12-01)', () => {
    expect(changeKey('v-00012')).toBe('v-00012')
    expect(changeKey('rev 5')).toBe('rev 5')
  })

  it('orders numbers written as text (CSV) as numbers: "99" before "100", not 1999 nor the year 100', () => {
    expect(changeKey('99')).toBe(99)
    expect(changeKey('100')).toBe(100)
    expect(changeKey(' 1700000000.5 ')).toBe(1700000000.5)
    expect((changeKey('99') as number) < (changeKey('100') as number)).toBe(true)
  })
})
