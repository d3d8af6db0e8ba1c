/**
 * The desktop shell's security and window decisions as pure functions (Electron's security
 * checklist), so they are tested under plain Node: only types come from 'electron'. app.ts
 * wires them to the real BrowserWindow, session and webContents events.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

/** Every renderer runs with these, and nothing else. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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
    // A middle click would otherwise open a link in a new window, past the window-open handler.
    disableBlinkFeatures: 'Auxclick',
  }
}

export interface Bounds {
  readonly x?: number
  readonly y?: number
  readonly width: number
  readonly height: number
}

export const DEFAULT_BOUNDS: Bounds = { width: 1320, height: 860 }

export function windowOptions(preload: string, bounds: Bounds): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Sextant',
    backgroundColor: '#f5f7fa',
    webPreferences: secureWebPreferences(preload),
  }
}

/** The console's own UI origin, e.g. http://127.0.0.1:4477. */
export function consoleOrigin(port: number): string {
  return `http://127.0.0.1:${port}`
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/** True only for pages of the console itself (same scheme, host and port). */
export function isConsoleUrl(url: string | undefined, origin: string): boolean {
  return url !== undefined && originOf(url) === origin
}

/** Only web links leave the app, and only to the system browser. */
export function canOpenExternally(url: string): boolean {
  try {
    const protocol = new URL(url).protocol
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * The Content-Security-Policy the shell enforces on a response: the UI's everywhere, except the
 * snapshot view the Snapshots page frames (`/api/v1/snapshots/<id>/view`), whose self-contained
 * viewer runs inline and may fetch nothing at all (VIEW_CSP).
 */
export function contentSecurityPolicy(
  url: string,
  origin: string,
  policies: { readonly ui: string; readonly view: string },
): string {
  if (!isConsoleUrl(url, origin)) return policies.ui
  const path = new URL(url).pathname
  return /^\/api\/v1\/snapshots\/\d+\/view\/?$/.test(path) ? policies.view : policies.ui
}

export type NavigationDecision = 'allow' | 'open-externally' | 'deny'

/**
 * In-window navigation stays on the console; a web link elsewhere opens in the system
 * browser; anything else (file:, javascript:, custom schemes) is refused.
 */
export function navigationDecision(url: string, origin: string): NavigationDecision {
  if (isConsoleUrl(url, origin)) return 'allow'
  return canOpenExternally(url) ? 'open-externally' : 'deny'
}

/**
 * Permission requests are denied unless listed here: the console's own pages may write to the
 * clipboard (the "Copy" buttons of tokens and examples). Nothing else (camera, geolocation,
 * notifications, ...) is ever needed.
 */
const GRANTED = new Set(['clipboard-sanitized-write'])

export function permissionGranted(
  permission: string,
  requestingUrl: string,
  origin: string,
): boolean {
  return GRANTED.has(permission) && isConsoleUrl(requestingUrl, origin)
}

/** IPC is answered only for the console's own top-level page. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  origin: string,
): boolean {
  return (
    frame !== null &&
    frame !== undefined &&
    frame.parent === null &&
    isConsoleUrl(frame.url, origin)
  )
}

export interface WindowState {
  readonly bounds: Bounds
  readonly maximized: boolean
}

interface Area {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/**
 * The saved window state when it is well-formed and at least 100x100 px of it lies on a
 * display that exists now (a monitor may have been unplugged); otherwise the default size,
 * centred by Electron.
 */
export function restoredWindowState(saved: unknown, displays: readonly Area[]): WindowState {
  const fallback: WindowState = { bounds: DEFAULT_BOUNDS, maximized: false }
  if (typeof saved !== 'object' || saved === null) return fallback
  const { bounds, maximized } = saved as { bounds?: Partial<Bounds>; maximized?: unknown }
  if (bounds === undefined || bounds === null) return fallback
  const numbers = [bounds.x, bounds.y, bounds.width, bounds.height]
  if (!numbers.every((value) => typeof value === 'number' && Number.isFinite(value)))
    return fallback
  const { x, y, width, height } = bounds as Required<Bounds>
  if (width < 400 || height < 300) return fallback
  const visible = displays.some((area) => {
    const overlapX = Math.min(x + width, area.x + area.width) - Math.max(x, area.x)
    const overlapY = Math.min(y + height, area.y + area.height) - Math.max(y, area.y)
    return overlapX >= 100 && overlapY >= 100
  })
  if (!visible) return { bounds: { width, height }, maximized: maximized === true }
  return { bounds: { x, y, width, height }, maximized: maximized === true }
}
