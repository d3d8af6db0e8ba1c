/**
 * `npm run bench`: the foundation's speed and memory figures on this machine.
 * Imports a million contact events from CSV through the real worker (parse,
 * validate, insert, index, save), measures a save, an open, peak RSS and the
 * demo generator, and proves the host keeps answering HTTP while the import
 * runs. Prints a table and writes bench-results/foundation.json.
 *
 * Targets (issue #2): import >= 200k records/s end to end, save <= 1.5 s,
 * open <= 1.5 s, peak RSS <= 1.5 GB, demo small < 2 s.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixedClock } from '../src-main/core/clock'
import { DbClient } from '../src-main/core/db/client'
import { createServer } from '../src-main/core/http/server'
import { percentile } from './bench-stats'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000)
const CONTACTS = Math.max(1000, Math.round(EVENTS / 20))
const NOW = Date.parse('2026-11-23T12:00:00Z')

interface Row {
  metric: string
  value: string
  target: string
  ok: boolean | null
}
const rows: Row[] = []
const results: Record<string, number> = {}
function record(
  metric: string,
  key: string,
  value: number,
  shown: string,
  target = '',
  ok: boolean | null = null,
): void {
  results[key] = value
  rows.push({ metric, value: shown, target, ok })
}

async function writeDataset(folder: string): Promise<void> {
  writeFileSync(
    join(folder, 'workspaces.csv'),
    'id,name,created_at\nacme,"Acme, Inc.",2026-01-01\nglobex,Globex,2026-01-01\ninitech,Initech,2026-01-01\n',
  )
  const workspaces = ['acme', 'globex', 'initech']
  let contacts = 'id,workspace_id,email,first_name,last_name,created_at\n'
  for (let i = 0; i < CONTACTS; i++) {
    contacts += `c${i},${workspaces[i % 3]},person${i}@example.com,Ann,"O'Neil, Jr",2026-0${1 + (i % 9)}-1${i % 10}T08:00:00Z\n`
  }
  writeFileSync(join(folder, 'contacts.csv'), contacts)
  const out = createWriteStream(join(folder, 'contact_events.csv'))
  out.write(
    'id,workspace_id,contact_id,visitor_id,event_type,room_id,booking_page_id,utm_source,utm_medium,utm_campaign,created_at\n',
  )
  const types = ['page_view', 'page_view', 'signup', 'purchase', 'email_open']
  const sources = [',,', 'google,cpc,spring', 'newsletter,email,', 'twitter,social,"launch, week"']
  let chunk = ''
  for (let i = 0; i < EVENTS; i++) {
    const contact = i % 4 === 0 ? '' : `c${(i * 7) % CONTACTS}`
    const workspace = contact === '' ? workspaces[i % 3] : workspaces[((i * 7) % CONTACTS) % 3]
    const time = new Date(NOW - (i % 15_552_000) * 1000).toISOString()
    chunk += `e${i},${workspace},${contact},v${i % 90_000},${types[i % 5]},,,${sources[i % 4]},${time}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      chunk = ''
    }
  }
  out.write(chunk)
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-bench-'))
  const dataset = join(folder, 'dataset')
  mkdirSync(dataset)
  const file = join(folder, 'bench.db')
  try {
    process.stderr.write(`writing ${EVENTS} contact events as CSV...\n`)
    await writeDataset(dataset)
    const csvBytes = statSync(join(dataset, 'contact_events.csv')).size

    // The host process serves HTTP on its main thread while the worker imports.
    let db = await DbClient.open(file)
    let port = 0
    const server = createServer({ db, clock: fixedClock(NOW), version: 'bench', port: () => port })
    await server.listen({ host: '127.0.0.1', port: 0 })
    port = (server.server.address() as { port: number }).port
    const latencies: number[] = []
    let probing = true
    const probe = (async () => {
      while (probing) {
        const started = performance.now()
        const response = await fetch(`http://127.0.0.1:${port}/health`)
        await response.json()
        latencies.push(performance.now() - started)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()

    const importStarted = performance.now()
    const result = await db.import([{ path: dataset }])
    const importMs = performance.now() - importStarted
    probing = false
    await probe
    await server.close()
    const imported = result.records
    record(
      'import (CSV, 1M events + contacts, incl. save)',
      'import_records_per_s',
      imported / (importMs / 1000),
      `${Math.round(imported / (importMs / 1000)).toLocaleString('en')} rec/s (${(importMs / 1000).toFixed(2)} s, ${(csvBytes / 1e6).toFixed(0)} MB CSV)`,
      '>= 200,000 rec/s',
      imported / (importMs / 1000) >= 200_000,
    )
    record(
      '/health during the import: requests',
      'health_requests',
      latencies.length,
      String(latencies.length),
      '> 0',
      latencies.length > 0,
    )
    record(
      '/health during the import: p95 / max',
      'health_p95_ms',
      percentile(latencies, 95),
      `${percentile(latencies, 95).toFixed(1)} / ${Math.max(...latencies).toFixed(1)} ms`,
      'p95 <= 20 ms',
      percentile(latencies, 95) <= 20,
    )

    const saveStarted = performance.now()
    await db.write([
      {
        sql: "INSERT OR REPLACE INTO settings (key, value) VALUES ('bench', :v)",
        params: { v: String(Date.now()) },
      },
    ])
    const saveMs = performance.now() - saveStarted
    const size = statSync(file).size
    record(
      'save (one change, whole file)',
      'save_ms',
      saveMs,
      `${(saveMs / 1000).toFixed(2)} s`,
      '<= 1.5 s',
      saveMs <= 1500,
    )
    record('file size', 'file_bytes', size, `${(size / 1e6).toFixed(0)} MB`)
    await db.close()

    const openStarted = performance.now()
    db = await DbClient.open(file)
    const openMs = performance.now() - openStarted
    const count = await db.get<{ n: number }>('SELECT count(*) AS n FROM contact_events')
    await db.close()
    record(
      `open (${db.opened.check})`,
      'open_ms',
      openMs,
      `${(openMs / 1000).toFixed(2)} s`,
      '<= 1.5 s',
      openMs <= 1500,
    )
    if (Number(count?.n) !== EVENTS)
      throw new Error(`expected ${EVENTS} events after reopening, found ${count?.n}`)

    rmSync(`${file}.verified`)
    const fullStarted = performance.now()
    db = await DbClient.open(file)
    const fullMs = performance.now() - fullStarted
    await db.close()
    record(
      'open of a file not written by us (full integrity_check)',
      'open_full_check_ms',
      fullMs,
      `${(fullMs / 1000).toFixed(2)} s`,
    )

    for (const size of ['small', 'medium', 'large'] as const) {
      const demoFile = join(folder, `demo-${size}.db`)
      const demoDb = await DbClient.open(demoFile)
      const started = performance.now()
      const demo = await demoDb.demo({ size, seed: 1, now: NOW })
      const ms = performance.now() - started
      await demoDb.close()
      const target = size === 'small' ? '< 2 s' : ''
      record(
        `demo ${size} (${demo.records.toLocaleString('en')} records, incl. save)`,
        `demo_${size}_ms`,
        ms,
        `${(ms / 1000).toFixed(2)} s`,
        target,
        size === 'small' ? ms < 2000 : null,
      )
    }

    const rssMb = process.resourceUsage().maxRSS / 1024
    record(
      'peak RSS (whole process, worker included)',
      'peak_rss_mb',
      rssMb,
      `${rssMb.toFixed(0)} MB`,
      '<= 1,536 MB',
      rssMb <= 1536,
    )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }

  const width = Math.max(...rows.map((row) => row.metric.length))
  const valueWidth = Math.max(...rows.map((row) => row.value.length))
  console.log(`\n${'metric'.padEnd(width)}  ${'measured'.padEnd(valueWidth)}  target`)
  for (const row of rows) {
    const verdict = row.ok === null ? '' : row.ok ? '  ok' : '  MISSED'
    console.log(
      `${row.metric.padEnd(width)}  ${row.value.padEnd(valueWidth)}  ${row.target}${verdict}`,
    )
  }
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(
    'bench-results/foundation.json',
    `${JSON.stringify({ date: new Date().toISOString(), events: EVENTS, results }, null, 2)}\n`,
  )
  console.log('\nwrote bench-results/foundation.json')
}

await main()
