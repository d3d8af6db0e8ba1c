/**
 * `npm run bench:import` (issue #12, item 1): peak memory of importing a .zip, legitimate and
 * hostile, in child processes. A generated dataset of 1M contact events (~140 MB of CSV, zipped
 * ~25 MB) imports through `sextant import` and through the console's upload route (`sextant
 * serve`, POST /api/v1/imports); a decompression bomb (10 entries of 300 MiB of zeros, 3 MB)
 * goes the same two ways and must be refused at a limit with memory flat. Each child is killed
 * past BENCH_IMPORT_RSS_LIMIT_MB (default 4096) so a regression cannot take the machine down.
 * BENCH_IMPORT_BIN runs another build of `sextant` (to measure a version before a change),
 * BENCH_IMPORT_EVENTS another size. Prints a table and writes bench-results/import.json.
 */
import { spawn } from 'node:child_process'
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Zip, ZipDeflate } from 'fflate'
import { ENTITY_NAMES } from '../src-shared/domain/entities'
import { runBounded, type BoundedRun } from '../test/fuzz/run-bounded'
import { buildZip, zeroBomb } from '../test/fuzz/zip-writer'

const NOW = '2026-11-23T12:00:00Z'
const EVENTS = Number(process.env.BENCH_IMPORT_EVENTS ?? 1_000_000)
const RSS_LIMIT_MB = Number(process.env.BENCH_IMPORT_RSS_LIMIT_MB ?? 4096)
const BIN = resolve(process.env.BENCH_IMPORT_BIN ?? 'bin/sextant.mjs')
const TIMEOUT_MS = 15 * 60_000

/** Writes `workspaces.csv` and `contact_events.csv` (EVENTS rows, deterministic) into a zip. */
function writeDatasetZip(path: string): { csvBytes: number } {
  const fd = openSync(path, 'w')
  const zip = new Zip((error, chunk) => {
    if (error) throw error
    writeSync(fd, chunk)
  })
  const workspaces = new ZipDeflate('workspaces.csv', { level: 6 })
  zip.add(workspaces)
  const ids = ['acme', 'beta', 'north', 'south', 'orbit']
  workspaces.push(
    new TextEncoder().encode(
      `id,name,created_at\n${ids.map((id) => `${id},${id.toUpperCase()},2025-01-01T00:00:00Z`).join('\n')}\n`,
    ),
    true,
  )
  const events = new ZipDeflate('contact_events.csv', { level: 6 })
  zip.add(events)
  const types = ['page_view', 'signup', 'booking', 'room_join', 'email_open', 'click']
  const sources = ['', 'google', 'newsletter', 'twitter', 'partner']
  const mediums = ['', 'cpc', 'email', 'social']
  let seed = 12345
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
  }
  const start = Date.parse('2026-01-01T00:00:00Z')
  let csvBytes = 0
  let lines = [
    'id,workspace_id,visitor_id,event_type,utm_source,utm_medium,utm_campaign,created_at',
  ]
  const encoder = new TextEncoder()
  const flush = (final: boolean): void => {
    const bytes = encoder.encode(`${lines.join('\n')}\n`)
    csvBytes += bytes.length
    events.push(bytes, final)
    lines = []
  }
  for (let index = 0; index < EVENTS; index++) {
    const source = sources[random(sources.length)]!
    const at = new Date(start + random(300 * 86_400) * 1000).toISOString()
    lines.push(
      `e${index},${ids[random(ids.length)]},v${random(200_000)},${types[random(types.length)]},` +
        `${source},${source === '' ? '' : mediums[random(mediums.length)]},` +
        `${source === '' ? '' : `spring-${random(12)}`},${at}`,
    )
    if (lines.length === 10_000) flush(false)
  }
  flush(true)
  zip.end()
  closeSync(fd)
  return { csvBytes }
}

function writeBomb(path: string): void {
  const bomb = zeroBomb(300)
  // Ten entity files of 300 MiB of zeros each, as the issue's bomb had.
  const names = ENTITY_NAMES.slice(0, 10)
  writeFileSync(path, buildZip(names.map((name) => ({ name: `${name}.csv`, deflated: bomb }))))
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024)

interface Measure {
  readonly case: string
  readonly path: 'sextant import' | 'upload to sextant serve'
  readonly ok: boolean
  readonly outcome: string
  readonly seconds: number
  readonly peakRssMb: number
  readonly baselineRssMb?: number
}

async function cliImport(label: string, db: string, zip: string): Promise<Measure> {
  const started = performance.now()
  const ran: BoundedRun = await runBounded(['--db', db, 'import', zip], {
    timeoutMs: TIMEOUT_MS,
    rssLimitMb: RSS_LIMIT_MB,
    env: { SEXTANT_NOW: NOW },
    bin: BIN,
  })
  const seconds = (performance.now() - started) / 1000
  const outcome =
    ran.killed !== null
      ? `killed (${ran.killed}) at ${ran.peakRssMb} MiB`
      : ran.code === 0
        ? ran.stdout.trim().split('\n').join('; ')
        : ran.stderr.trim().split('\n').pop()!
  return {
    case: label,
    path: 'sextant import',
    ok: ran.killed === null && ran.code === 0,
    outcome,
    seconds: Number(seconds.toFixed(1)),
    peakRssMb: ran.peakRssMb,
  }
}

/** Peak and current resident memory of a process, MiB, from /proc. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024
  return { peak: Math.round(field('VmHWM')), now: Math.round(field('VmRSS')) }
}

/** Uploads `zip` to a fresh `sextant serve` on `db`; measures the console's peak RSS. */
async function upload(label: string, db: string, zip: string): Promise<Measure> {
  const env = { ...process.env, SEXTANT_NOW: NOW }
  const token = await new Promise<string>((resolveToken, reject) => {
    const child = spawn(process.execPath, [BIN, '--db', db, 'token', 'create', '--name', 'b'], {
      env,
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) =>
      code === 0 ? resolveToken(out.trim().split('\n').pop()!) : reject(new Error('token')),
    )
  })
  const serve = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0'], { env })
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = ''
    serve.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (match) resolvePort(Number(match[1]))
    })
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
  })
  let killed = false
  const guard = setInterval(() => {
    if (memoryOf(serve.pid!).now > RSS_LIMIT_MB) {
      killed = true
      serve.kill('SIGKILL')
    }
  }, 25)
  const base = `http://127.0.0.1:${port}`
  const headers = { authorization: `Bearer ${token}` }
  const baseline = memoryOf(serve.pid!).now
  const started = performance.now()
  let outcome: string
  let ok = false
  try {
    const form = new FormData()
    form.append('files', new Blob([readFileSync(zip)]), 'dataset.zip')
    const response = await fetch(`${base}/api/v1/imports`, { method: 'POST', headers, body: form })
    let job = (await response.json()) as {
      id: string
      state: string
      result: { records: number } | null
      error: { message: string } | null
    }
    while (job.state === 'running') {
      await new Promise((resolveWait) => setTimeout(resolveWait, 100))
      job = (await (
        await fetch(`${base}/api/v1/imports/${job.id}`, { headers })
      ).json()) as typeof job
    }
    ok = job.state === 'done'
    outcome = ok ? `${job.result!.records} records` : job.error!.message
  } catch (error) {
    outcome = killed ? 'console killed past the memory bound' : String(error)
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(guard)
  const peak = killed ? RSS_LIMIT_MB : memoryOf(serve.pid!).peak
  const exited = new Promise((resolveExit) => serve.once('exit', resolveExit))
  serve.kill('SIGTERM')
  await exited
  return {
    case: label,
    path: 'upload to sextant serve',
    ok,
    outcome,
    seconds: Number(seconds.toFixed(1)),
    peakRssMb: peak,
    baselineRssMb: baseline,
  }
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-bench-import-'))
  try {
    process.stderr.write(`generating ${EVENTS.toLocaleString('en')} events...\n`)
    const dataset = join(folder, 'dataset.zip')
    const { csvBytes } = writeDatasetZip(dataset)
    const bomb = join(folder, 'bomb.zip')
    writeBomb(bomb)
    const sizes = { datasetZip: statSync(dataset).size, csvBytes, bombZip: statSync(bomb).size }
    const measures: Measure[] = []
    const label = `${EVENTS.toLocaleString('en')} events`
    process.stderr.write('sextant import...\n')
    measures.push(await cliImport(label, join(folder, 'cli-events.db'), dataset))
    measures.push(await cliImport('bomb 10 x 300 MiB', join(folder, 'cli-bomb.db'), bomb))
    process.stderr.write('upload...\n')
    measures.push(await upload(label, join(folder, 'up-events.db'), dataset))
    measures.push(await upload('bomb 10 x 300 MiB', join(folder, 'up-bomb.db'), bomb))

    console.log('\nImporting a .zip: peak resident memory of the process doing it')
    console.log(
      `(dataset: ${mb(csvBytes)} MiB of CSV zipped to ${mb(sizes.datasetZip)} MiB; bomb: ${mb(sizes.bombZip)} MiB zip, 3000 MiB inflated)`,
    )
    console.log('| input | path | seconds | peak RSS | outcome |')
    console.log('|---|---|---|---|---|')
    for (const measure of measures) {
      const base = measure.baselineRssMb === undefined ? '' : ` (idle ${measure.baselineRssMb})`
      console.log(
        `| ${measure.case} | ${measure.path} | ${measure.seconds} | ${measure.peakRssMb} MiB${base} | ${measure.outcome} |`,
      )
    }
    mkdirSync('bench-results', { recursive: true })
    writeFileSync(
      'bench-results/import.json',
      `${JSON.stringify({ bin: BIN, events: EVENTS, sizes, measures }, null, 2)}\n`,
    )
    console.log('\nwrote bench-results/import.json')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

await main()
