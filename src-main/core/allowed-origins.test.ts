// Rule (issue #13 item 7): the CORS allow-list holds exact origins as browsers send them
// (scheme://host[:port]); anything else is refused with a message naming the problem, and the
// stored list survives a restart while `--allow-origin` values last one run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AllowedOrigins, normaliseOrigin } from './allowed-origins'
import { DbClient } from './db/client'

describe('normaliseOrigin', () => {
  it('keeps an origin as a browser serialises it', () => {
    expect(normaliseOrigin('https://wp.example.com')).toBe('https://wp.example.com')
    expect(normaliseOrigin(' https://WP.Example.com/ ')).toBe('https://wp.example.com')
    expect(normaliseOrigin('http://localhost:3000')).toBe('http://localhost:3000')
    expect(normaliseOrigin('https://wp.example.com:443')).toBe('https://wp.example.com')
    expect(normaliseOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080')
    expect(normaliseOrigin('http://[::1]:5173')).toBe('http://[::1]:5173')
  })

  it('refuses what is not one origin, saying why', () => {
    const cases: [string, RegExp][] = [
      ['', /is empty/],
      ['*', /wildcards/],
      ['https://*.example.com', /wildcards/],
      ['null', /sandboxed/],
      ['wp.example.com', /not an origin/],
      ['ftp://example.com', /http:\/\/ or https:\/\//],
      ['file:///tmp/x.html', /http:\/\/ or https:\/\//],
      ['https://user:pw@example.com', /user name/],
      ['https://example.com/wp-admin', /without a path/],
      ['https://example.com?x=1', /without a path/],
      ['https://example.com#top', /without a path/],
    ]
    for (const [text, message] of cases) {
      expect(() => normaliseOrigin(text), text).toThrow(message)
    }
  })
})

describe('AllowedOrigins', () => {
  let db: DbClient
  beforeEach(async () => {
    db = await DbClient.open(null)
  })
  afterEach(async () => {
    await db.close()
  })

  it('stores added origins, lists them with their source and forgets removed ones', async () => {
    const origins = await AllowedOrigins.load(db, ['http://localhost:3000'])
    expect(origins.list()).toEqual([{ origin: 'http://localhost:3000', source: 'command line' }])
    expect(await origins.add('https://WP.example.com/')).toBe('https://wp.example.com')
    await origins.add('https://wp.example.com') // twice is once
    expect(origins.allows('https://wp.example.com')).toBe(true)
    expect(origins.allows('https://wp.example.com/')).toBe(false) // Origin headers are exact
    expect(origins.allows('http://localhost:3000')).toBe(true)

    const reloaded = await AllowedOrigins.load(db)
    expect(reloaded.list()).toEqual([{ origin: 'https://wp.example.com', source: 'setting' }])
    expect(reloaded.allows('http://localhost:3000')).toBe(false)

    await expect(origins.remove('http://localhost:3000')).rejects.toThrow(/this run only/)
    await expect(origins.remove('https://other.example')).rejects.toThrow(/not an allowed origin/)
    await origins.remove('https://wp.example.com')
    expect((await AllowedOrigins.load(db)).list()).toEqual([])
  })

  it('replaces the whole list, refusing it whole when one entry is bad', async () => {
    const origins = await AllowedOrigins.load(db)
    await origins.replace(['https://a.example', 'https://b.example'])
    await expect(origins.replace(['https://c.example', 'nope'])).rejects.toThrow(/"nope"/)
    expect((await AllowedOrigins.load(db)).list().map((item) => item.origin)).toEqual([
      'https://a.example',
      'https://b.example',
    ])
  })

  it('drops stored entries that are not origins instead of trusting them', async () => {
    await db.write(
      [
        {
          sql: "INSERT INTO settings (key, value) VALUES ('cors_origins', :value)",
          params: { value: JSON.stringify(['https://ok.example', '*', 42, 'https://x/y']) },
        },
      ],
      { records: false },
    )
    expect((await AllowedOrigins.load(db)).list()).toEqual([
      { origin: 'https://ok.example', source: 'setting' },
    ])
  })
})
