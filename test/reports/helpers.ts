// Shared by the report snapshot tests (issue #7): a console on the small demo with a movable
// clock and a full-access token, a contact_events import that changes the figures, a tiny PNG
// decoder (node:zlib) and the local tools the renderings are checked with.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import type { Clock } from '../../src-main/core/clock'
import { DbClient } from '../../src-main/core/db/client'
import { createServer, type SextantServer } from '../../src-main/core/http/server'
import { findChromium, type ReportRenderer } from '../../src-main/core/reports/render'
import { createToken } from '../../src-main/core/tokens/tokens'

export const PORT = 4477
export const HOST = `127.0.0.1:${PORT}`
/** A Monday, noon UTC: the demo's "now". */
export const NOW = Date.parse('2026-11-23T12:00:00Z')

export interface MovableClock extends Clock {
  set(epochMs: number): void
}

export function movableClock(start: number): MovableClock {
  let now = start
  return {
    now: () => now,
    set: (epochMs) => {
      now = epochMs
    },
  }
}

export interface Console {
  readonly db: DbClient
  readonly server: SextantServer
  readonly clock: MovableClock
  readonly token: string
  /** Headers of a full-access caller. */
  auth(): Record<string, string>
  get(url: string, headers?: Record<string, string>): Promise<Answer>
  post(url: string, body: unknown): Promise<Answer>
  close(): Promise<void>
}

export interface Answer {
  readonly statusCode: number
  readonly body: string
  readonly rawPayload: Buffer
  readonly headers: Record<string, unknown>
  json<T = unknown>(): T
}

/** A console on an in-memory database, the small demo generated for `now` when `demo`. */
export async function openConsole(
  options: {
    now?: number
    demo?: boolean
    timezone?: () => string
    renderer?: () => ReportRenderer | null
  } = {},
): Promise<Console> {
  const now = options.now ?? NOW
  const db = await DbClient.open(null)
  const clock = movableClock(now)
  if (options.demo !== false) await db.demo({ size: 'small', seed: 1, now })
  const token = (await createToken(db, clock, { name: 'reports' })).token
  const server = createServer({
    db,
    clock,
    version: 'test',
    port: () => PORT,
    timezone: options.timezone ?? (() => 'UTC'),
    logger: false,
    ...(options.renderer === undefined ? {} : { renderer: options.renderer }),
  })
  const auth = (): Record<string, string> => ({ host: HOST, authorization: `Bearer ${token}` })
  return {
    db,
    server,
    clock,
    token,
    auth,
    get: (url, headers = {}) => server.inject({ url, headers: { ...auth(), ...headers } }),
    post: (url, body) =>
      server.inject({
        method: 'POST',
        url,
        headers: { ...auth(), 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      }),
    async close() {
      await server.close()
      await db.close()
    },
  }
}

/** Imports contact events (all or nothing) from a CSV written to a temporary folder. */
export async function importEvents(
  db: DbClient,
  events: readonly {
    id: string
    workspace: string
    type: string
    at: string
  }[],
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-reports-'))
  try {
    const file = join(folder, 'contact_events.csv')
    const lines = events.map((event) => `${event.id},${event.workspace},${event.type},${event.at}`)
    writeFileSync(file, `id,workspace_id,event_type,created_at\n${lines.join('\n')}\n`)
    const result = await db.import([{ path: file }])
    if (result.records !== events.length)
      throw new Error(`imported ${result.records} of ${events.length} events`)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** The JSON held by `<script type="application/json" id="…">` in an HTML page. */
export function scriptData(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html)
  if (match === null) throw new Error(`no #${id} in the page`)
  return JSON.parse(match[1]!)
}

// Tools ---------------------------------------------------------------------------------------

/** The path of a poppler-utils tool; fails (never skips) with how to install it. */
export function requirePoppler(tool: 'pdftotext' | 'pdftoppm' | 'pdfinfo'): string {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' })
  const path = found.stdout.trim()
  if (found.status !== 0 || path === '')
    throw new Error(
      `${tool} is missing: these tests read the PDF exports with poppler-utils (apt-get install -y poppler-utils)`,
    )
  return path
}

/** The Chromium the renderer uses; fails (never skips) with how to get one. */
export function requireChromium(): string {
  const found = findChromium()
  if (found === null)
    throw new Error(
      'no Chromium for the PDF/PNG exports: apt-get install -y chromium, or set SEXTANT_CHROMIUM to a Chromium or Chrome executable',
    )
  return found
}

/** Runs a tool, returns its stdout as a buffer; throws with its stderr when it fails. */
export function run(command: string, args: readonly string[]): Buffer {
  const result = spawnSync(command, args, { maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${String(result.stderr)}`)
  return result.stdout
}

// PNG -----------------------------------------------------------------------------------------

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export interface Image {
  readonly width: number
  readonly height: number
  /** Samples per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
  readonly channels: number
  /** Unfiltered samples, row after row. */
  readonly data: Buffer
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 }

/** Decodes an 8-bit, non-interlaced, non-palette PNG: IHDR, the IDAT stream, the filters. */
export function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG')
  let offset = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      const depth = data[8]!
      const colour = data[9]!
      const interlace = data[12]!
      if (depth !== 8 || CHANNELS[colour] === undefined || interlace !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}`)
      channels = CHANNELS[colour]!
    } else if (type === 'IDAT') idat.push(data)
    else if (type === 'IEND') break
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const out = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0
      let predictor = 0
      if (filter === 1) predictor = a
      else if (filter === 2) predictor = b
      else if (filter === 3) predictor = (a + b) >> 1
      else if (filter === 4) {
        const p = a + b - c
        const pa = Math.abs(p - a)
        const pb = Math.abs(p - b)
        const pc = Math.abs(p - c)
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter} on row ${y}`)
      out[y * stride + x] = (line[x]! + predictor) & 0xff
    }
  }
  return { width, height, channels, data: out }
}

/** A pixel's colour samples (without alpha) as `r,g,b` or `v`. */
export function pixel(image: Image, x: number, y: number): number[] {
  const start = (y * image.width + x) * image.channels
  const colour = image.channels >= 3 ? 3 : 1
  return [...image.data.subarray(start, start + colour)]
}

/** Relative luminance-ish brightness 0..255 of a pixel. */
export function brightness(image: Image, x: number, y: number): number {
  const samples = pixel(image, x, y)
  if (samples.length === 1) return samples[0]!
  const [r, g, b] = samples as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** How many distinct colours a grid of sample points holds (every `step` pixels). */
export function distinctColours(image: Image, step = 3): number {
  const seen = new Set<string>()
  for (let y = 0; y < image.height; y += step)
    for (let x = 0; x < image.width; x += step) seen.add(pixel(image, x, y).join(','))
  return seen.size
}
