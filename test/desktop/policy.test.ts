// Rule (Electron's security checklist, issue #5): every window runs sandboxed with context
// isolation and no Node; navigation stays on the console's own origin; only http(s) links
// leave the app, and only to the system browser; permissions are denied unless listed; IPC
// answers only the console's top-level page; a saved window position is used only where a
// display still shows it.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_BOUNDS,
  canOpenExternally,
  contentSecurityPolicy,
  consoleOrigin,
  isConsoleUrl,
  isTrustedSender,
  navigationDecision,
  permissionGranted,
  restoredWindowState,
  secureWebPreferences,
  windowOptions,
} from '../../src-main/electron/policy'

const ORIGIN = consoleOrigin(4477)

describe('window options', () => {
  it('turn on every isolation setting and turn off every Node and legacy feature', () => {
    const options = windowOptions('/app/preload/index.cjs', { width: 1000, height: 700 })
    expect(options.webPreferences).toEqual({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    })
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures')
    expect(options.show).toBe(false)
    expect([options.width, options.height]).toEqual([1000, 700])
    expect(secureWebPreferences('/p')).toEqual({ ...options.webPreferences, preload: '/p' })
  })
})

describe('navigation and links', () => {
  it('allows only the console origin in the window', () => {
    expect(ORIGIN).toBe('http://127.0.0.1:4477')
    expect(navigationDecision('http://127.0.0.1:4477/#/bookings', ORIGIN)).toBe('allow')
    expect(navigationDecision('http://127.0.0.1:4477/api/v1/counts', ORIGIN)).toBe('allow')
    for (const url of [
      'http://127.0.0.1:4478/',
      'http://localhost:4477/',
      'https://127.0.0.1:4477/',
      'http://127.0.0.1.evil.com:4477/',
      'http://evil.com/',
    ]) {
      expect(navigationDecision(url, ORIGIN), url).toBe('open-externally')
    }
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) {
      expect(navigationDecision(url, ORIGIN), url).toBe('deny')
    }
  })

  it('opens only http and https externally', () => {
    expect(canOpenExternally('https://example.com/docs')).toBe(true)
    expect(canOpenExternally('http://example.com')).toBe(true)
    for (const url of ['file:///tmp/x', 'ms-msdt:/id', 'vscode://x', 'javascript:0', '']) {
      expect(canOpenExternally(url), url).toBe(false)
    }
  })

  it('recognises console URLs by exact origin', () => {
    expect(isConsoleUrl('http://127.0.0.1:4477/', ORIGIN)).toBe(true)
    expect(isConsoleUrl('http://127.0.0.1:4477', ORIGIN)).toBe(true)
    expect(isConsoleUrl(undefined, ORIGIN)).toBe(false)
    expect(isConsoleUrl('http://127.0.0.1:44770/', ORIGIN)).toBe(false)
  })
})

describe('permissions and IPC', () => {
  it('denies every permission but the clipboard write of the console itself', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'clipboard-read',
      'display-capture',
      'fullscreen',
    ]) {
      expect(permissionGranted(permission, `${ORIGIN}/`, ORIGIN), permission).toBe(false)
    }
    expect(permissionGranted('clipboard-sanitized-write', `${ORIGIN}/#/settings`, ORIGIN)).toBe(
      true,
    )
    expect(permissionGranted('clipboard-sanitized-write', 'http://evil.com/', ORIGIN)).toBe(false)
  })

  it('answers IPC only from the console page itself, not a frame or another origin', () => {
    expect(isTrustedSender({ url: `${ORIGIN}/#/overview`, parent: null }, ORIGIN)).toBe(true)
    expect(isTrustedSender({ url: `${ORIGIN}/`, parent: {} }, ORIGIN)).toBe(false)
    expect(isTrustedSender({ url: 'http://evil.com/', parent: null }, ORIGIN)).toBe(false)
    expect(isTrustedSender(null, ORIGIN)).toBe(false)
    expect(isTrustedSender(undefined, ORIGIN)).toBe(false)
  })
})

describe('window state', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 }
  it('restores bounds on a display that still exists', () => {
    expect(
      restoredWindowState(
        { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true },
        [display],
      ),
    ).toEqual({ bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true })
  })
  it('keeps the size but lets the window be centred when its display is gone', () => {
    expect(
      restoredWindowState(
        { bounds: { x: 2500, y: 50, width: 1200, height: 800 }, maximized: false },
        [display],
      ),
    ).toEqual({ bounds: { width: 1200, height: 800 }, maximized: false })
  })
  it('falls back to the default for anything malformed', () => {
    for (const saved of [
      null,
      'x',
      {},
      { bounds: { x: 0, y: 0, width: 'wide', height: 800 } },
      { bounds: { x: 0, y: 0, width: 10, height: 10 } },
      { bounds: { x: Number.NaN, y: 0, width: 1000, height: 800 } },
    ]) {
      expect(restoredWindowState(saved, [display]), JSON.stringify(saved)).toEqual({
        bounds: DEFAULT_BOUNDS,
        maximized: false,
      })
    }
  })
})

describe('content security policy the shell enforces (issue #7)', () => {
  const origin = 'http://127.0.0.1:4477'
  const policies = { ui: 'UI', view: 'VIEW' }
  it('gives the snapshot view its own policy and every other response the UI one', () => {
    expect(contentSecurityPolicy(`${origin}/api/v1/snapshots/12/view`, origin, policies)).toBe(
      'VIEW',
    )
    expect(
      contentSecurityPolicy(`${origin}/api/v1/snapshots/12/view?theme=dark`, origin, policies),
    ).toBe('VIEW')
    expect(contentSecurityPolicy(`${origin}/`, origin, policies)).toBe('UI')
    expect(contentSecurityPolicy(`${origin}/api/v1/snapshots/12/export`, origin, policies)).toBe(
      'UI',
    )
    expect(contentSecurityPolicy(`${origin}/api/v1/snapshots/x/view`, origin, policies)).toBe('UI')
    // Another origin never gets the view's policy.
    expect(
      contentSecurityPolicy('http://127.0.0.1:9999/api/v1/snapshots/12/view', origin, policies),
    ).toBe('UI')
  })
})
