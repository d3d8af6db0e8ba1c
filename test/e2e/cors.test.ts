// Issue #13 item 7, in Chromium: the originals' dashboards are web pages on their own origins (a
// WordPress admin, a Next.js front end). With an origin on the console's allow-list (here given
// to `serve --allow-origin`, then a second one added on the Settings page while it runs), a
// page of that origin reads `/reports` with a token, as FluentBooking's admin does with the real
// jQuery.ajax; the same page reaches none of the console's own routes; a page of any other
// origin gets nothing; a cookie is never accepted cross-origin (neither one holding a valid
// token nor a credentialed request). The pages are served by a second HTTP server under names
// Chromium resolves to 127.0.0.1 (`--host-resolver-rules`), so each has its own origin.
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import {
  launchBrowser,
  newContext,
  openPage,
  runCli,
  consoleDb,
  screenshot,
  setUpOrFail,
  signIn,
  startConsole,
  type Console,
} from './harness'

const JQUERY = readFileSync(createRequire(import.meta.url).resolve('jquery/dist/jquery.js'), 'utf8')
const WORDPRESS = 'wp.example.test'
const DASHBOARD = 'dashboard.example.test'
const EVIL = 'evil.example.test'

let pages: Server
let pagePort: number
let sextant: Console
let browser: Browser
let context: BrowserContext
let expected: { overview: { title: string; value: unknown }[] }

/** Serves a blank page with the real jQuery at `/` on every name (each name is an origin). */
function startPageServer(): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/jquery.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' })
      return response.end(JQUERY)
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(
      '<!doctype html><html><head><script src="/jquery.js"></script></head><body>wp-admin</body></html>',
    )
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

const originOf = (name: string): string => `http://${name}:${pagePort}`

setUpOrFail(async () => {
  pages = await startPageServer()
  pagePort = (pages.address() as AddressInfo).port
  sextant = await startConsole('small', { serveArgs: ['--allow-origin', originOf(WORDPRESS)] })
  browser = await launchBrowser([
    `--host-resolver-rules=MAP ${WORDPRESS} 127.0.0.1, MAP ${DASHBOARD} 127.0.0.1, MAP ${EVIL} 127.0.0.1`,
  ])
  context = await newContext(browser)
  expected = await sextant.api('/reports')
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await sextant?.stop()
  await new Promise((resolve) => pages?.close(resolve))
})

async function pageOn(name: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(`${originOf(name)}/wp-admin/`)
  return page
}

interface Outcome {
  readonly ok: boolean
  readonly status?: number
  readonly body?: unknown
  readonly error?: string
}

/** fetch() from the page; a CORS refusal is a rejected promise (the page learns nothing). */
function fetchFrom(
  page: Page,
  url: string,
  init: { token?: string; credentials?: 'omit' | 'include'; method?: string } = {},
): Promise<Outcome> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const headers: Record<string, string> = {}
        if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`
        const response = await fetch(url, {
          method: init.method ?? 'GET',
          headers,
          credentials: init.credentials ?? 'same-origin',
        })
        const text = await response.text()
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // not JSON
        }
        return { ok: true, status: response.status, body }
      } catch (error) {
        return { ok: false, error: String(error) }
      }
    },
    { url, init },
  )
}

/** FluentBooking's Rest.js GET, run by the real jQuery.ajax (headers as the plugin sends them). */
function pluginAjax(page: Page, url: string, token: string): Promise<Outcome> {
  return page.evaluate(
    ({ url, token }) =>
      new Promise<Outcome>((resolve) => {
        const $ = (globalThis as unknown as { jQuery: JQueryLike }).jQuery
        $.ajax({
          url,
          type: 'GET',
          headers: { 'X-WP-Nonce': 'a1b2c3d4e5', Authorization: `Bearer ${token}` },
          data: { startTime: '', endTime: '', query_timestamp: 1774000000000 },
          success: (body: unknown, _status: string, xhr: { status: number }) =>
            resolve({ ok: true, status: xhr.status, body }),
          error: (xhr: { status: number }) =>
            resolve({ ok: xhr.status !== 0, status: xhr.status, error: `status ${xhr.status}` }),
        })
      }),
    { url, token },
  )
}

interface JQueryLike {
  ajax(settings: Record<string, unknown>): unknown
}

describe('a page on an allowed origin', () => {
  it("reads /reports with a token, as the plugin's own client does", async () => {
    const page = await pageOn(WORDPRESS)
    const viaFetch = await fetchFrom(page, `${sextant.base}/reports`, { token: sextant.token })
    expect(viaFetch).toEqual({ ok: true, status: 200, body: expected })
    for (const url of [
      `${sextant.base}/wp-json/fluent-booking/v2/reports`,
      `${sextant.base}/?rest_route=/fluent-booking/v2/reports`,
    ]) {
      const viaPlugin = await pluginAjax(page, url, sextant.token)
      expect(viaPlugin.status, url).toBe(200)
      expect(viaPlugin.body, url).toEqual(expected)
    }
    // the figures are the demo's, not an empty answer
    expect(expected.overview.length).toBeGreaterThan(0)
    await page.close()
  })

  it('reads the 401 of a request without a token, in the family shape', async () => {
    const page = await pageOn(WORDPRESS)
    const outcome = await fetchFrom(page, `${sextant.base}/reports`)
    expect(outcome).toEqual({
      ok: true,
      status: 401,
      body: {
        code: 'rest_forbidden',
        message: 'Sorry, you are not allowed to do that.',
        data: { status: 401 },
      },
    })
    await page.close()
  })

  it("reaches none of the console's own routes, even with a full-access token", async () => {
    const page = await pageOn(WORDPRESS)
    for (const path of ['/api/v1/tokens', '/api/v1/settings', '/api/openapi.json', '/health']) {
      const outcome = await fetchFrom(page, `${sextant.base}${path}`, { token: sextant.token })
      expect(outcome.ok, path).toBe(false)
    }
    const post = await fetchFrom(page, `${sextant.base}/api/v1/tokens`, {
      token: sextant.token,
      method: 'POST',
    })
    expect(post.ok).toBe(false)
    expect(runCli(['--db', consoleDb(sextant), 'token', 'list'])).not.toMatch(/^token-/m)
    await page.close()
  })

  it('is never let in by a cookie', async () => {
    // cookies for the console's host, one holding a valid token: a credentialed request sends them
    await context.addCookies([
      { name: 'token', value: sextant.token, domain: '127.0.0.1', path: '/' },
      { name: 'wordpress_logged_in', value: sextant.token, domain: '127.0.0.1', path: '/' },
    ])
    const page = await pageOn(WORDPRESS)
    const cookieOnly = await fetchFrom(page, `${sextant.base}/reports`, { credentials: 'include' })
    expect(cookieOnly.ok).toBe(false)
    const credentialed = await fetchFrom(page, `${sextant.base}/reports`, {
      credentials: 'include',
      token: sextant.token,
    })
    expect(credentialed.ok).toBe(false)
    // and without the browser in the way, the cookie alone is a 401
    const replay = await fetch(`${sextant.base}/reports`, {
      headers: { origin: originOf(WORDPRESS), cookie: `token=${sextant.token}` },
    })
    expect(replay.status).toBe(401)
    await context.clearCookies()
    await page.close()
  })
})

describe('a page on any other origin', () => {
  it('gets nothing, with or without a token', async () => {
    for (const name of [EVIL, DASHBOARD]) {
      const page = await pageOn(name)
      for (const init of [{ token: sextant.token }, {}]) {
        const outcome = await fetchFrom(page, `${sextant.base}/reports`, init)
        expect(outcome.ok, name).toBe(false)
      }
      const viaPlugin = await pluginAjax(
        page,
        `${sextant.base}/wp-json/fluent-booking/v2/reports`,
        sextant.token,
      )
      expect(viaPlugin, name).toEqual({ ok: false, status: 0, error: 'status 0' })
      await page.close()
    }
  })
})

describe('the Settings page', () => {
  it('lists the allowed origins and adds one that works at once', async () => {
    const { context: ui, page } = await signIn(browser, sextant)
    await openPage(page, sextant, 'settings')
    const listed = page.locator(
      `[data-testid="cors-origins"] [data-origin="${originOf(WORDPRESS)}"]`,
    )
    await expect(listed.textContent()).resolves.toMatch(/this run only/)
    await page.getByTestId('cors-origin').fill(`${originOf(DASHBOARD)}/`)
    await page.getByTestId('cors-add').click()
    await page
      .locator(`[data-testid="cors-origins"] [data-origin="${originOf(DASHBOARD)}"]`)
      .waitFor()
    await screenshot(page, 'settings-cors-light')
    await page.selectOption('[data-testid=theme]', 'dark')
    await screenshot(page, 'settings-cors-dark')
    // a bad origin is refused with its reason, and nothing is stored
    await page.getByTestId('cors-origin').fill('https://*.example.test')
    await page.getByTestId('cors-add').click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/wildcards/)
    expect(
      runCli(['--db', consoleDb(sextant), 'cors', 'list'])
        .trim()
        .split('\n'),
    ).toEqual([originOf(DASHBOARD), `${originOf(WORDPRESS)}\t(command line, this run)`])
    await ui.close()

    const dashboard = await pageOn(DASHBOARD)
    const outcome = await fetchFrom(dashboard, `${sextant.base}/reports`, { token: sextant.token })
    expect(outcome).toEqual({ ok: true, status: 200, body: expected })
    await dashboard.close()
    // removed from the CLI (through the running console): refused again at once
    runCli(['--db', consoleDb(sextant), 'cors', 'remove', originOf(DASHBOARD)])
    const again = await pageOn(DASHBOARD)
    expect((await fetchFrom(again, `${sextant.base}/reports`, { token: sextant.token })).ok).toBe(
      false,
    )
    await again.close()
  })
})
