/**
 * `npm run bench` (API part): the documented endpoints over HTTP on loopback against a real
 * `sextant serve` on the `large` demo dataset (1M contact events). For each endpoint: p50 / p95
 * of sequential requests, then throughput and errors under 32 concurrent clients
 * (autocannon); and /health latency while heavy queries and an import run.
 * Targets (issue #3): p95 <= 50 ms per endpoint, zero errors under load, /health p95 <= 20 ms.
 * Prints a table and writes bench-results/api.json.
 */
import autocannon from 'autocannon'
import { serveConsole, sextant } from './bench-console'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { percentile } from './bench-stats'

const NOW = '2026-11-23T12:00:00Z'
const SIZE = process.env.BENCH_API_SIZE ?? 'large'
const SAMPLES = 40
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 3)

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-bench-api-'))
  const db = join(folder, 'api.db')
  try {
    process.stderr.write(`demo ${SIZE}...\n`)
    sextant(db, ['demo', '--size', SIZE], NOW)
    const token = sextant(db, ['token', 'create', '--name', 'bench'], NOW).trim().split('\n').pop()!
    const remote = await serveConsole(db, NOW)
    const { port } = remote
    const base = `http://127.0.0.1:${port}`
    const headers = { authorization: `Bearer ${token}`, 'org-handle': '' }
    const workspaces = (await (await fetch(`${base}/api/v1/workspaces`, { headers })).json()) as {
      workspaces: { id: string }[]
    }
    const ws = workspaces.workspaces[0]!.id
    const campaigns = (await (
      await fetch(`${base}/api/v1/workspaces/${ws}/campaigns`, { headers })
    ).json()) as { campaigns: { id: string; status: string }[] }
    const campaign = (
      campaigns.campaigns.find((c) => c.status === 'ACTIVE') ?? campaigns.campaigns[0]!
    ).id
    const orgs = (await (await fetch(`${base}/api/v1/organisations`, { headers })).json()) as {
      organisations: { domain_handle: string }[]
    }
    headers['org-handle'] = orgs.organisations[0]!.domain_handle

    const endpoints: [string, string][] = [
      ['workspace analytics', `/api/workspaces/${ws}/analytics`],
      ['campaign detail 30d', `/api/workspaces/${ws}/analytics/campaigns/${campaign}?period=30d`],
      ['timeseries 30d', `/api/workspaces/${ws}/analytics/timeseries?days=30`],
      ['attribution 30d', `/api/workspaces/${ws}/analytics/attribution?days=30`],
      [
        'funnel 3 steps 30d',
        `/api/workspaces/${ws}/analytics/funnel?steps=page_view,signup,purchase&days=30`,
      ],
      ['cohorts 30d', `/api/workspaces/${ws}/analytics/cohorts?days=30`],
      ['organisation calls', '/api/v2/platform/organisation/analytics/'],
      ['reports', '/reports'],
      ['graph-reports 7d', '/reports/graph-reports'],
      [
        'graph-reports 1y',
        '/reports/graph-reports?date_range[0]=2025-11-24&date_range[1]=2026-11-23',
      ],
      ['activities', '/reports/activities'],
      ['health', '/health'],
    ]
    const rows: { endpoint: string; p50: number; p95: number; rps: number; errors: number }[] = []
    for (const [name, path] of endpoints) {
      const latencies: number[] = []
      for (let i = 0; i < SAMPLES + 3; i++) {
        const started = performance.now()
        const response = await fetch(base + path, { headers })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`)
        if (i >= 3) latencies.push(performance.now() - started)
      }
      const load = await autocannon({
        url: base + path,
        connections: 32,
        duration: LOAD_SECONDS,
        headers,
      })
      rows.push({
        endpoint: name,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        rps: load.requests.average,
        errors: load.errors + load.non2xx + load.timeouts,
      })
      process.stderr.write(`${name}: p95 ${percentile(latencies, 95).toFixed(1)} ms\n`)
    }

    // /health while the heaviest queries run back to back, and while an import runs.
    async function healthDuring(work: () => Promise<unknown>): Promise<number[]> {
      const latencies: number[] = []
      let running = true
      const probe = (async () => {
        while (running) {
          const started = performance.now()
          await (await fetch(`${base}/health`)).arrayBuffer()
          latencies.push(performance.now() - started)
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      })()
      await work()
      running = false
      await probe
      return latencies
    }
    const heavy = await healthDuring(async () => {
      for (let i = 0; i < 10; i++) {
        await (
          await fetch(
            `${base}/api/workspaces/${ws}/analytics/funnel?steps=page_view,signup,purchase&days=365`,
            { headers },
          )
        ).arrayBuffer()
        await (await fetch(`${base}/api/workspaces/${ws}/analytics`, { headers })).arrayBuffer()
      }
    })
    const dataset = join(folder, 'more')
    mkdirSync(dataset)
    let events =
      'id,workspace_id,contact_id,visitor_id,event_type,room_id,booking_page_id,utm_source,utm_medium,utm_campaign,created_at\n'
    for (let i = 0; i < 200_000; i++)
      events += `bench_${i},${ws},,v${i},page_view,,,,,,2026-11-2${i % 3}T10:00:00Z\n`
    writeFileSync(join(dataset, 'contact_events.csv'), events)
    const importing = await healthDuring(async () => {
      const response = await fetch(`${base}/api/v1/import`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ paths: [dataset] }),
      })
      if (response.status !== 200)
        throw new Error(`import: HTTP ${response.status} ${await response.text()}`)
    })
    // The per-actor endpoints read in-memory event streams that every write rebuilds in the
    // background: the first answer after a write waits for that rebuild.
    const firstAfterImport: Record<string, number> = {}
    for (const [name, path] of endpoints.filter(([name]) =>
      /attribution|funnel|cohorts/.test(name),
    )) {
      await fetch(`${base}/api/v1/import`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ paths: [dataset] }),
      })
      const started = performance.now()
      await (await fetch(base + path, { headers })).arrayBuffer()
      firstAfterImport[name] = performance.now() - started
    }
    await remote.stop()

    console.log(
      `\nAPI on the ${SIZE} demo dataset, ${SAMPLES} sequential requests each, then 32 clients for ${LOAD_SECONDS} s`,
    )
    console.log(
      `${'endpoint'.padEnd(22)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'req/s @32'.padStart(10)} ${'errors'.padStart(7)}  p95<=50`,
    )
    for (const row of rows) {
      console.log(
        `${row.endpoint.padEnd(22)} ${row.p50.toFixed(1).padStart(8)} ${row.p95.toFixed(1).padStart(8)} ${Math.round(row.rps).toString().padStart(10)} ${String(row.errors).padStart(7)}  ${row.p95 <= 50 && row.errors === 0 ? 'ok' : 'MISSED'}`,
      )
    }
    const heavyP95 = percentile(heavy, 95)
    const importP95 = percentile(importing, 95)
    console.log(
      `/health during heavy queries: p95 ${heavyP95.toFixed(1)} ms over ${heavy.length} requests  ${heavyP95 <= 20 ? 'ok' : 'MISSED'}`,
    )
    console.log(
      `/health during a 200k-event import: p95 ${importP95.toFixed(1)} ms over ${importing.length} requests  ${importP95 <= 20 ? 'ok' : 'MISSED'}`,
    )
    for (const [name, ms] of Object.entries(firstAfterImport)) {
      console.log(`first ${name} right after an import (streams rebuilding): ${ms.toFixed(0)} ms`)
    }
    mkdirSync('bench-results', { recursive: true })
    writeFileSync(
      'bench-results/api.json',
      `${JSON.stringify({ date: new Date().toISOString(), size: SIZE, endpoints: rows, healthDuringHeavyP95: heavyP95, healthDuringImportP95: importP95, firstAfterImport }, null, 2)}\n`,
    )
    console.log('wrote bench-results/api.json')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

await main()
