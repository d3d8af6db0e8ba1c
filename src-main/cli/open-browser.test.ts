// Rule (README "Signing in and the threat model"): `serve --open` hands the opener only the
// path of a 0600 page in a fresh 0700 folder; the page forwards to the link (the code never in
// an argument), and the folder is deleted after a while by a helper that outlives the CLI.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openerCommand, removeLater, signInPage, writeSignInPage } from './open-browser'

const URL_WITH_CODE = 'http://127.0.0.1:4477/#login=Abc_def-123'
const parent = mkdtempSync(join(tmpdir(), 'sextant-open-test-'))
afterAll(() => rmSync(parent, { recursive: true, force: true }))

describe('the sign-in page', () => {
  it('forwards to the link with a meta refresh and a link, quoting what it must', () => {
    expect(signInPage(URL_WITH_CODE)).toContain(
      '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:4477/#login=Abc_def-123">',
    )
    expect(signInPage(URL_WITH_CODE)).toContain(
      '<a href="http://127.0.0.1:4477/#login=Abc_def-123">continue</a>',
    )
    expect(signInPage('http://x/"><script>&')).toContain(
      'url=http://x/&quot;&gt;&lt;script&gt;&amp;"',
    )
  })

  it('is a 0600 file in a fresh 0700 folder', () => {
    const file = writeSignInPage(URL_WITH_CODE, parent)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700)
    expect(readFileSync(file, 'utf8')).toBe(signInPage(URL_WITH_CODE))
    expect(writeSignInPage(URL_WITH_CODE, parent)).not.toBe(file)
  })

  it('the opener of every platform gets the file path alone', () => {
    const file = '/tmp/sextant-sign-in-x/sign-in.html'
    expect(openerCommand(file, 'linux')).toEqual(['xdg-open', [file]])
    expect(openerCommand(file, 'darwin')).toEqual(['open', [file]])
    expect(openerCommand(file, 'win32')).toEqual(['cmd', ['/c', 'start', '', file]])
  })

  it('is deleted after the delay, by a process of its own', async () => {
    const file = writeSignInPage(URL_WITH_CODE, parent)
    removeLater(dirname(file), 200)
    expect(existsSync(file)).toBe(true)
    await expect.poll(() => existsSync(dirname(file)), { timeout: 10_000 }).toBe(false)
  })
})
