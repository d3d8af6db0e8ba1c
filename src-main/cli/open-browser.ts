/**
 * `serve --open`: opens the one-time sign-in link in the system browser without putting the
 * code where other processes can read it. Arguments and environments of processes are visible
 * to every local user (`ps`, /proc), so the opener (xdg-open / open / start) is given the path
 * of a file instead: a 0600 HTML page in a fresh 0700 folder that sends the browser on to the
 * link (the code in the fragment, as always). A detached helper deletes the folder after
 * KEEP_MS, long enough for a browser to start; the code is single-use anyway.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** How long the sign-in page stays on disk. */
export const KEEP_MS = 60_000

/** The opener of this platform for a file path (never a URL with a code). */
export function openerCommand(file: string, platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [file]]
  if (platform === 'win32') return ['cmd', ['/c', 'start', '', file]]
  return ['xdg-open', [file]]
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The page that forwards to `url`: a meta refresh (no script needed) and a link. */
export function signInPage(url: string): string {
  const href = escapeHtml(url)
  return (
    '<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<meta http-equiv="refresh" content="0; url=${href}"><title>Sextant: signing in</title>` +
    `<p>Signing in to Sextant… <a href="${href}">continue</a></p>\n`
  )
}

/** Writes the forwarding page; answers its path (the folder is 0700, the file 0600). */
export function writeSignInPage(url: string, parent = tmpdir()): string {
  const folder = mkdtempSync(join(parent, 'sextant-sign-in-'))
  const file = join(folder, 'sign-in.html')
  writeFileSync(file, signInPage(url), { mode: 0o600, flag: 'wx' })
  return file
}

/** Deletes `folder` after `delayMs` in a detached process, so it goes even if we exit first. */
export function removeLater(folder: string, delayMs = KEEP_MS): void {
  const script =
    "setTimeout(() => require('node:fs').rmSync(process.argv[1], { recursive: true, force: true }), Number(process.argv[2]))"
  const cleaner = spawn(process.execPath, ['-e', script, folder, String(delayMs)], {
    stdio: 'ignore',
    detached: true,
  })
  cleaner.on('error', () => rmSync(folder, { recursive: true, force: true }))
  cleaner.unref()
}

/** Opens the sign-in `url` in the browser through a file; says so on stderr when it cannot. */
export function openSignInLink(url: string, keepMs = KEEP_MS): void {
  let file: string
  try {
    file = writeSignInPage(url)
  } catch (error) {
    process.stderr.write(
      `could not write the sign-in page (${(error as Error).message}); open the link above\n`,
    )
    return
  }
  const folder = dirname(file)
  const [command, args] = openerCommand(file)
  const child = spawn(command, args, { stdio: 'ignore', detached: true })
  child.on('error', () => {
    process.stderr.write('could not open a browser; open the link above\n')
    rmSync(folder, { recursive: true, force: true })
  })
  child.unref()
  removeLater(folder, keepMs)
}
