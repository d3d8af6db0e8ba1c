/**
 * `npm run bench` (sync part, issue #6): pull every record of a `sextant serve` holding the
 * `large` demo (1M contact events and the rest) into an empty database through a `sextant`
 * source, end to end over loopback HTTP: the remote's record feed, the fetcher, the worker's
 * page transactions and the saves. Target: >= 50,000 records/s, memory flat (pages are
 * streamed: the main thread's heap stays bounded by a few pages, whatever the total).
 * Then an incremental run with nothing new. Prints a table and writes bench-results/sync.json.
 */
import { serveConsole, sextant } from './bench-console'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixedClock } from '../src-main/core/clock'
import { DbClient } from '../src-main/core/db/client'
import { createSyncService } from '../src-main/core/host'

const NOW = '2026-11-23T12:00:00Z'
const SIZE = process.env.BENCH_SYNC_SIZE ?? 'large'
const TARGET = 50_000

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'sextant-bench-sync-'))
  const remoteDb = join(folder, 'remote.db')
  const localDb = join(folder, 'local.db')
  try {
    process.stderr.write(`remote: demo ${SIZE}...\n`)
    sextant(remoteDb, ['demo', '--size', SIZE], NOW)
    const token = sextant(remoteDb, ['token', 'create', '--name', 'pull'], NOW)
      .trim()
      .split('\n')
      .pop()!
    const remote = await serveConsole(remoteDb, NOW)
    const { port } = remote
    try {
      const counts = (await (
        await fetch(`http://127.0.0.1:${port}/api/v1/counts`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { counts: Record<string, number> }
      const total = Object.values(counts.counts).reduce((sum, n) => sum + n, 0)

      const db = await DbClient.open(localDb)
      const sync = createSyncService({
        db,
        clock: fixedClock(Date.parse(NOW)),
        timeZone: () => 'UTC',
        databaseFile: localDb,
      })
      await sync.store.create({
        name: 'remote',
        kind: 'sextant',
        config: { url: `http://127.0.0.1:${port}` },
        secrets: { token },
      })
      let peakRss = 0
      let peakHeap = 0
      const heapBefore = process.memoryUsage().heapUsed
      const sampler = setInterval(() => {
        const usage = process.memoryUsage()
        peakRss = Math.max(peakRss, usage.rss)
        peakHeap = Math.max(peakHeap, usage.heapUsed)
      }, 50)
      const started = performance.now()
      const run = await sync.run('remote', 'cli')
      const seconds = (performance.now() - started) / 1000
      clearInterval(sampler)
      if (run.state !== 'ok') throw new Error(`the sync ended ${run.state}: ${run.error}`)
      const again = performance.now()
      const second = await sync.run('remote', 'cli')
      const secondSeconds = (performance.now() - again) / 1000
      await sync.close()
      await db.close()

      const rate = Math.round(run.added / seconds)
      const result = {
        size: SIZE,
        records: total,
        added: run.added,
        pages: run.pages,
        seconds: Number(seconds.toFixed(2)),
        recordsPerSecond: rate,
        target: TARGET,
        met: rate >= TARGET,
        peakRssMB: Math.round(peakRss / 1e6),
        mainHeapPeakMB: Math.round(peakHeap / 1e6),
        mainHeapGrowthMB: Math.round((peakHeap - heapBefore) / 1e6),
        incrementalSeconds: Number(secondSeconds.toFixed(2)),
        incrementalAdded: second.added,
      }
      console.log('\nSync from a loopback Sextant')
      console.log('| measure | value |')
      console.log('|---|---|')
      console.log(`| records (all entities) | ${total.toLocaleString('en')} |`)
      console.log(`| pages | ${run.pages} |`)
      console.log(`| full pull | ${seconds.toFixed(2)} s |`)
      console.log(
        `| rate | ${rate.toLocaleString('en')} records/s (target ${TARGET.toLocaleString('en')}: ${result.met ? 'met' : 'MISSED'}) |`,
      )
      console.log(`| peak RSS (process, incl. the database) | ${result.peakRssMB} MB |`)
      console.log(
        `| main-thread heap peak / growth | ${result.mainHeapPeakMB} MB / ${result.mainHeapGrowthMB} MB |`,
      )
      console.log(
        `| incremental run, nothing new | ${secondSeconds.toFixed(2)} s, ${second.added} added |`,
      )
      mkdirSync('bench-results', { recursive: true })
      writeFileSync('bench-results/sync.json', `${JSON.stringify(result, null, 2)}\n`)
      console.log('\nwrote bench-results/sync.json')
    } finally {
      await remote.stop()
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

await main()
