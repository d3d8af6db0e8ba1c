/**
 * The import fuzz corpus: malformed CSV, NDJSON, JSON and .zip inputs, wrong extensions and
 * special files, generated from a seed (the same seed, the same bytes). Each case knows, by
 * construction, which file the importer must name and on which line where there is one: the
 * generator broke the input there, so the expectation never comes from running the importer.
 * Valid rows point at the known dataset every fuzz database holds (workspaces w1, w2).
 */
import { buildZip, zeroBomb } from './zip-writer'

/** One file of a case's folder. */
export type CorpusEntry =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly fifo: true }
  | { readonly name: string; readonly symlink: string }

export interface FuzzCase {
  readonly name: string
  readonly files: readonly CorpusEntry[]
  /** What is imported: the case's folder, or one file in it (by name). */
  readonly target: 'folder' | string
  readonly expect: {
    /** The name the error must carry, relative to the case folder (`data.zip/x.csv` for entries). */
    readonly file: string
    /** The line it must name; null where the problem is the file as a whole, 'any' where
     * the input is noise and any line will do. */
    readonly line: number | null | 'any'
    /** A piece of the reason. */
    readonly reason: string
  }
  /** Special files cannot be uploaded: the CLI only. */
  readonly cliOnly?: boolean
}

/** The known dataset every fuzz database starts with. */
export const KNOWN_DATASET: Readonly<Record<string, string>> = {
  'workspaces.csv':
    'id,name,created_at\nw1,Acme,2026-01-01T00:00:00Z\nw2,Beta,2026-02-01T00:00:00Z\n',
  'contacts.csv':
    'id,workspace_id,email,created_at\nc1,w1,a@x.io,2026-01-02T00:00:00Z\nc2,w2,,2026-02-02T00:00:00Z\n',
}

/** mulberry32: a small deterministic generator. */
function generator(seed: number): (n: number) => number {
  let state = seed >>> 0
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) % n) | 0
  }
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value)
const file = (name: string, bytes: Uint8Array | string): CorpusEntry => ({
  name,
  bytes: typeof bytes === 'string' ? text(bytes) : bytes,
})
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)

export function importCorpus(seed: number): FuzzCase[] {
  const random = generator(seed)
  const day = (): string => `2026-0${1 + random(9)}-1${random(10)}T0${random(10)}:00:00Z`
  const csvRows = (count: number): string[] =>
    Array.from({ length: count }, (_, index) => `f${index},Name ${random(1000)},${day()}`)
  const ndjsonRows = (count: number): string[] =>
    Array.from({ length: count }, (_, index) =>
      JSON.stringify({ id: `f${index}`, name: `Name ${random(1000)}`, created_at: day() }),
    )
  const HEADER = 'id,name,created_at'
  const cases: FuzzCase[] = []
  const add = (fuzz: FuzzCase): void => void cases.push(fuzz)
  /** A folder case whose one file is broken. */
  const one = (
    name: string,
    fileName: string,
    bytes: Uint8Array | string,
    line: number | null | 'any',
    reason: string,
  ): void =>
    add({
      name,
      files: [file(fileName, bytes)],
      target: 'folder',
      expect: { file: fileName, line, reason },
    })

  // CSV. The header is line 1, so row k of the data is line k + 1.
  {
    const rows = csvRows(1 + random(6))
    one(
      'csv: truncated mid-row',
      'workspaces.csv',
      `${HEADER}\n${rows.join('\n')}\nf99,Tail`,
      rows.length + 2,
      'expected 3 fields, found 2',
    )
  }
  {
    const rows = csvRows(1 + random(6))
    one(
      'csv: truncated inside a quoted field',
      'workspaces.csv',
      `${HEADER}\n${rows.join('\n')}\nf98,"Acme, In`,
      rows.length + 2,
      'CSV:',
    )
  }
  for (const [label, bad] of [
    ['a stray continuation byte', [0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a cut-off sequence', [0xe2, 0x82]],
  ] as const) {
    const rows = csvRows(2 + random(5))
    const at = random(rows.length)
    const before = `${HEADER}\n${rows.slice(0, at).join('\n')}${at > 0 ? '\n' : ''}f50,Caf`
    one(
      `csv: bad UTF-8, ${label}`,
      'workspaces.csv',
      Buffer.concat([
        text(before),
        Buffer.from(bad),
        text(`,2026-01-01\n${rows.slice(at).join('\n')}\n`),
      ]),
      at + 2,
      `not UTF-8 text (byte 0x${bad[0]!.toString(16)})`,
    )
  }
  {
    const rows = csvRows(1 + random(4))
    one(
      'csv: a 4 MB line (the id)',
      'workspaces.csv',
      `${HEADER}\n${rows.join('\n')}\n${'x'.repeat(4 << 20)},Huge,2026-01-01\n`,
      rows.length + 2,
      'id: longer than 100 characters',
    )
  }
  {
    const rows = csvRows(1 + random(4))
    one(
      'csv: a NUL in a field',
      'workspaces.csv',
      `${HEADER}\n${rows.join('\n')}\nf77,Ac\u0000me,2026-01-01\n`,
      rows.length + 2,
      'name: holds a NUL character',
    )
  }
  one(
    'csv: UTF-16 text (NULs between the letters)',
    'workspaces.csv',
    Buffer.from(`${HEADER}\nf1,A,2026-01-01\n`, 'utf16le'),
    1,
    'unknown column',
  )
  {
    const rows = csvRows(1 + random(4))
    one(
      'csv: text after a closing quote',
      'workspaces.csv',
      `${HEADER}\n${rows.join('\n')}\n"f66"x,Acme,2026-01-01\n`,
      rows.length + 2,
      'CSV:',
    )
  }
  one('csv: an empty file', 'workspaces.csv', '', null, 'the file is empty')
  one('csv: a BOM and nothing else', 'workspaces.csv', '\ufeff', null, 'the file is empty')
  {
    const rows = csvRows(2 + random(4))
    const at = random(rows.length)
    rows[at] = `${rows[at]},extra`
    one(
      'csv: a row with an extra field',
      'workspaces.csv',
      `${HEADER}\n${rows.join('\n')}\n`,
      at + 2,
      'expected 3 fields, found 4',
    )
  }
  one(
    'csv: an unknown column',
    'workspaces.csv',
    `${HEADER},colour\nf1,A,2026-01-01,red\n`,
    1,
    'unknown column "colour"',
  )

  // NDJSON: line k is record k.
  {
    const rows = ndjsonRows(1 + random(5))
    one(
      'ndjson: truncated mid-object',
      'workspaces.ndjson',
      `${rows.join('\n')}\n{"id": "f9", "na`,
      rows.length + 1,
      'invalid JSON',
    )
  }
  {
    const rows = ndjsonRows(2 + random(4))
    const at = random(rows.length)
    one(
      'ndjson: bad UTF-8',
      'workspaces.ndjson',
      Buffer.concat([
        text(`${rows.slice(0, at).join('\n')}${at > 0 ? '\n' : ''}{"id": "f5", "name": "`),
        Buffer.from([0xfe]),
        text(`", "created_at": "2026-01-01"}\n${rows.slice(at).join('\n')}\n`),
      ]),
      at + 1,
      'not UTF-8 text (byte 0xfe)',
    )
  }
  {
    const rows = ndjsonRows(1 + random(4))
    one(
      'ndjson: nested 10,000 deep',
      'workspaces.ndjson',
      `${rows.join('\n')}\n{"id": "f8", "name": ${nested(10_000)}, "created_at": "2026-01-01"}\n`,
      rows.length + 1,
      'JSON nested deeper than 64 levels',
    )
  }
  {
    const rows = ndjsonRows(1 + random(4))
    one(
      'ndjson: a 4 MB line (the id)',
      'workspaces.ndjson',
      `${rows.join('\n')}\n${JSON.stringify({ id: 'y'.repeat(4 << 20), name: 'H', created_at: '2026-01-01' })}\n`,
      rows.length + 1,
      'id: longer than 100 characters',
    )
  }
  {
    const rows = ndjsonRows(1 + random(4))
    one(
      'ndjson: an escaped NUL in a value',
      'workspaces.ndjson',
      `${rows.join('\n')}\n{"id": "f7", "name": "Ac\\u0000me", "created_at": "2026-01-01"}\n`,
      rows.length + 1,
      'name: holds a NUL character',
    )
  }
  {
    const rows = ndjsonRows(1 + random(4))
    one(
      'ndjson: a raw NUL in a string',
      'workspaces.ndjson',
      `${rows.join('\n')}\n{"id": "f7", "name": "Ac\u0000me", "created_at": "2026-01-01"}\n`,
      rows.length + 1,
      'invalid JSON',
    )
  }
  one(
    'ndjson: single quotes',
    'workspaces.ndjson',
    `{'id': 'f1', 'name': 'A', 'created_at': '2026-01-01'}\n`,
    1,
    'invalid JSON',
  )
  {
    const rows = ndjsonRows(1 + random(4))
    one(
      'ndjson: an array for a record',
      'workspaces.ndjson',
      `${rows.join('\n')}\n["f1", "A"]\n`,
      rows.length + 1,
      'expected a JSON object',
    )
  }

  // JSON.
  {
    const rows = ndjsonRows(2 + random(4))
    const whole = `[\n${rows.join(',\n')}\n]\n`
    const cut = whole.lastIndexOf('{') + 5
    one('json: truncated', 'workspaces.json', whole.slice(0, cut), rows.length + 1, 'invalid JSON')
  }
  one(
    'json: nested 100,000 deep',
    'workspaces.json',
    `[\n{"id": "f1", "name": "A", "created_at": "2026-01-01"},\n{"id": "f2", "name": ${nested(100_000)}}\n]\n`,
    3,
    'JSON nested deeper than 64 levels',
  )
  one(
    'json: bad UTF-8',
    'workspaces.json',
    Buffer.concat([text('[\n{"id": "f1", "name": "'), Buffer.from([0xff, 0xfe]), text('"}\n]\n')]),
    2,
    'not UTF-8 text (byte 0xff)',
  )
  one(
    'json: a string, not records',
    'workspaces.json',
    '"hello"\n',
    1,
    'expected an array of records',
  )
  one('json: an empty file', 'workspaces.json', '', 1, 'invalid JSON')
  one(
    'json: garbage after the array',
    'workspaces.json',
    '[\n{"id": "f1", "name": "A", "created_at": "2026-01-01"}\n]\nxyz\n',
    4,
    'invalid JSON',
  )

  // Zips.
  const zipped = (
    name: string,
    bytes: Uint8Array,
    expectFile: string,
    line: number | null,
    reason: string,
  ): void =>
    add({
      name,
      files: [file('data.zip', bytes)],
      target: 'data.zip',
      expect: { file: expectFile, line, reason },
    })
  zipped(
    'zip: a bomb (300 MiB of zeros)',
    buildZip([
      { name: 'workspaces.csv', data: `${HEADER}\nf1,A,2026-01-01\n` },
      { name: 'contact_events.csv', deflated: zeroBomb(300) },
    ]),
    'data.zip/contact_events.csv',
    null,
    'compression ratio passes the 100:1 limit (--zip-max-ratio)',
  )
  zipped(
    'zip: a bomb whose header claims 1 KB',
    buildZip([{ name: 'contacts.csv', deflated: zeroBomb(100 + random(200)), claimSize: 1024 }]),
    'data.zip/contacts.csv',
    null,
    'the entry inflates to more than the 1024 bytes its header says',
  )
  zipped(
    'zip: only zip-slip names',
    buildZip([
      { name: '../workspaces.csv', data: `${HEADER}\nf1,A,2026-01-01\n` },
      { name: '../../contacts.csv', data: 'id\n' },
    ]),
    'data.zip/../workspaces.csv',
    null,
    'leaves the archive',
  )
  zipped(
    'zip: an absolute entry name',
    buildZip([{ name: '/tmp/workspaces.csv', data: `${HEADER}\nf1,A,2026-01-01\n` }]),
    'data.zip//tmp/workspaces.csv',
    null,
    'absolute path',
  )
  zipped('zip: no entries', buildZip([]), 'data.zip', null, 'the archive holds no entity files')
  {
    const whole = buildZip([
      { name: 'workspaces.csv', data: `${HEADER}\n${csvRows(50).join('\n')}\n` },
    ])
    zipped(
      'zip: cut short',
      whole.subarray(0, 30 + random(whole.length - 60)),
      'data.zip',
      null,
      'not a readable .zip',
    )
  }
  zipped(
    'zip: a CRC that does not match',
    buildZip([{ name: 'workspaces.csv', data: `${HEADER}\nf1,A,2026-01-01\n`, claimCrc: 7 }]),
    'data.zip/workspaces.csv',
    null,
    'CRC',
  )
  zipped(
    'zip: random bytes',
    Uint8Array.from({ length: 2000 }, () => random(256)),
    'data.zip',
    null,
    'not a readable .zip',
  )
  zipped(
    'zip: 1,001 entries',
    buildZip(Array.from({ length: 1001 }, (_, index) => ({ name: `.litter-${index}`, data: '' }))),
    'data.zip',
    null,
    'holds 1001 entries, more than the 1000-entry limit (--zip-max-entries)',
  )
  zipped(
    'zip: a zip inside',
    buildZip([{ name: 'inner.zip', data: buildZip([]) }]),
    'data.zip/inner.zip',
    null,
    'unknown file type ".zip"',
  )
  zipped(
    'zip: an encrypted entry',
    buildZip([{ name: 'workspaces.csv', data: 'x', flags: 1 }]),
    'data.zip/workspaces.csv',
    null,
    'encrypted',
  )
  {
    const rows = csvRows(2 + random(4))
    zipped(
      'zip: an entry with bad UTF-8',
      buildZip([
        {
          name: 'dataset/workspaces.csv',
          data: Buffer.concat([
            text(`${HEADER}\n${rows.join('\n')}\nf3,B`),
            Buffer.from([0xc3, 0x28]),
            text(',2026-01-01\n'),
          ]),
        },
      ]),
      'data.zip/workspaces.csv',
      rows.length + 2,
      'not UTF-8 text (byte 0xc3)',
    )
  }
  zipped(
    'zip: an entry nested too deep',
    buildZip([{ name: 'workspaces.json', data: nested(5000) }]),
    'data.zip/workspaces.json',
    1,
    'JSON nested deeper than 64 levels',
  )

  // Wrong extensions.
  one(
    'extension: .xlsx',
    'contacts.xlsx',
    'PK\u0003\u0004 not really',
    null,
    'unknown file type ".xlsx"',
  )
  one('extension: none', 'README', 'hello\n', null, 'unknown file type "README"')
  one(
    'extension: CSV in a .json',
    'workspaces.json',
    `${HEADER}\nf1,A,2026-01-01\n`,
    1,
    'invalid JSON',
  )
  one(
    'extension: JSON in a .csv',
    'workspaces.csv',
    '[{"id": "f1", "name": "A", "created_at": "2026-01-01"}]\n',
    1,
    'unknown column',
  )
  one(
    'extension: a zip named .csv',
    'workspaces.csv',
    buildZip([{ name: 'workspaces.csv', data: `${HEADER}\n${csvRows(20).join('\n')}\n` }]),
    'any',
    '',
  )

  // Special files: refused from their stat, never opened.
  add({
    name: 'special: a FIFO in the folder',
    files: [
      file('workspaces.csv', `${HEADER}\nf1,A,2026-01-01\n`),
      { name: 'contacts.csv', fifo: true },
    ],
    target: 'folder',
    expect: { file: 'contacts.csv', line: null, reason: 'not a regular file (a FIFO)' },
    cliOnly: true,
  })
  add({
    name: 'special: a FIFO named .zip',
    files: [{ name: 'data.zip', fifo: true }],
    target: 'data.zip',
    expect: { file: 'data.zip', line: null, reason: 'not a regular file (a FIFO)' },
    cliOnly: true,
  })
  add({
    name: 'special: a link to /dev/zero',
    files: [{ name: 'contacts.csv', symlink: '/dev/zero' }],
    target: 'folder',
    expect: {
      file: 'contacts.csv',
      line: null,
      reason: 'not a regular file (a symbolic link to a character device)',
    },
    cliOnly: true,
  })
  add({
    name: 'special: a link to nothing',
    files: [{ name: 'contacts.csv', symlink: '/nonexistent/sextant-fuzz' }],
    target: 'folder',
    expect: { file: 'contacts.csv', line: null, reason: 'a symbolic link to nothing' },
    cliOnly: true,
  })
  return cases
}
