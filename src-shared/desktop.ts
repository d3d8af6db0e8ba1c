/**
 * The bridge the desktop app's preload exposes as `window.sextant`: the smallest surface the
 * UI needs from the shell. In a browser it is absent and the UI signs in with the link.
 */

/** What the shell's menu asks the UI to do. */
export type DesktopCommand =
  | { readonly type: 'navigate'; readonly page: string }
  | { readonly type: 'theme'; readonly theme: 'light' | 'dark' | 'system' }
  /** Data changed behind the UI's back (an import from the File menu). */
  | { readonly type: 'data-changed' }
  /** File > Capture Snapshot: capture the dashboard on screen with its filters. */
  | { readonly type: 'capture-snapshot' }

export interface DesktopBridge {
  readonly desktop: true
  /** A one-time login code for this console, for the UI's session (API.md "Server"). */
  signInCode(): Promise<string>
  /** Calls `listener` for each menu command; returns the unsubscribe. */
  onCommand(listener: (command: DesktopCommand) => void): () => void
  /** Tells the shell the theme the analyst chose (the View menu shows it). */
  themeChanged(theme: 'light' | 'dark' | 'system'): void
}

/** IPC channel names, shared by the preload and the main process. */
export const CHANNELS = {
  signInCode: 'sextant:sign-in-code',
  command: 'sextant:command',
  theme: 'sextant:theme',
} as const
