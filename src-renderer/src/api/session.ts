/**
 * Where the UI keeps its session secret and how a new tab gets it. The secret lives in this
 * tab's sessionStorage, which browsers keep per origin (scheme, host and port): a page of any
 * other port on 127.0.0.1 cannot read it, unlike a cookie, which the browser sends to every
 * port. It travels only in the `X-Sextant-Session` header of the UI's own requests.
 *
 * A second tab of the console has an empty sessionStorage, so it asks on a BroadcastChannel,
 * which also reaches only pages of the same origin; a signed-in tab answers with its secret.
 * With no answer the tab shows how to sign in (a new link). Pure apart from the channel and
 * storage passed in, so the logic is tested under Node.
 */

/** The header every request of the UI carries (core/http/session.ts SESSION_HEADER). */
export const SESSION_HEADER = 'X-Sextant-Session'
/** The sessionStorage key of the secret. */
export const STORAGE_KEY = 'sextant.session'
/** The BroadcastChannel the tabs of one console origin share. */
export const CHANNEL_NAME = 'sextant.session'
/** How long a new tab waits for another tab to answer before showing the sign-in help. */
export const HANDOFF_WAIT_MS = 1500

export type HandoffMessage = { readonly type: 'ask' } | { readonly type: 'give'; session: string }

/** The part of BroadcastChannel used here. */
export interface Channel {
  postMessage(message: HandoffMessage): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
}

/** The part of Storage used here. */
export interface SecretStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** This tab's storage, or null where there is none (a sandboxed or storage-less context). */
function tabStorage(): SecretStorage | null {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    return null
  }
}

export function storedSession(storage: SecretStorage | null = tabStorage()): string | null {
  const value = storage?.getItem(STORAGE_KEY) ?? null
  return value === '' ? null : value
}

export function storeSession(secret: string, storage: SecretStorage | null = tabStorage()): void {
  storage?.setItem(STORAGE_KEY, secret)
}

export function forgetSession(storage: SecretStorage | null = tabStorage()): void {
  storage?.removeItem(STORAGE_KEY)
}

const isHandoff = (data: unknown): data is HandoffMessage =>
  typeof data === 'object' &&
  data !== null &&
  ((data as { type?: unknown }).type === 'ask' ||
    ((data as { type?: unknown }).type === 'give' &&
      typeof (data as { session?: unknown }).session === 'string'))

/** Answers other tabs' asks with the secret this tab holds (if any); returns the stop. */
export function answerHandoffs(channel: Channel, secret: () => string | null): () => void {
  const listener = (event: { data: unknown }): void => {
    if (!isHandoff(event.data) || event.data.type !== 'ask') return
    const session = secret()
    if (session !== null) channel.postMessage({ type: 'give', session })
  }
  channel.addEventListener('message', listener)
  return () => channel.removeEventListener('message', listener)
}

/** Asks the other tabs for a secret: the first one offered within `waitMs`, else null. */
export function askForHandoff(channel: Channel, waitMs = HANDOFF_WAIT_MS): Promise<string | null> {
  return new Promise((resolve) => {
    const listener = (event: { data: unknown }): void => {
      if (isHandoff(event.data) && event.data.type === 'give') finish(event.data.session)
    }
    // messages arrive asynchronously, so `timer` is set before `finish` can run
    const finish = (session: string | null): void => {
      clearTimeout(timer)
      channel.removeEventListener('message', listener)
      resolve(session)
    }
    channel.addEventListener('message', listener)
    const timer = setTimeout(() => finish(null), waitMs)
    channel.postMessage({ type: 'ask' })
  })
}

/** The console origin's channel, or null where BroadcastChannel is missing. */
export function sessionChannel(): (Channel & { close(): void }) | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null
}

/** What `establishSession` may do, passed in (App.tsx wires the real ones). */
export interface SignInSteps {
  /** The code of a `#login=<code>` link this tab was opened with, or null. */
  readonly code: string | null
  /** Exchanges a code (and keeps the secret it answers). */
  signIn(code: string): Promise<unknown>
  /** Whether the secret this tab holds now is a live session. */
  isLive(): Promise<boolean>
  /** The desktop preload's one-time code, where the UI runs in the desktop app. */
  readonly desktopCode?: () => Promise<string>
  /** A secret another tab of this origin hands over, or null. */
  handoff(): Promise<string | null>
  readonly storage?: SecretStorage | null
}

/**
 * Signs this tab in, cheapest way first: the link's code; the secret this tab already holds (a
 * reload); the desktop preload's code; another tab's secret. True once a live session is held.
 */
export async function establishSession(steps: SignInSteps): Promise<boolean> {
  const storage = steps.storage === undefined ? tabStorage() : steps.storage
  const live = async (): Promise<boolean> => {
    if (storedSession(storage) === null) return false
    if (await steps.isLive().catch(() => false)) return true
    forgetSession(storage)
    return false
  }
  if (steps.code !== null) {
    try {
      await steps.signIn(steps.code)
      return true
    } catch {
      // a used or expired link: maybe this tab is signed in already
    }
  }
  if (await live()) return true
  if (steps.desktopCode !== undefined) {
    try {
      await steps.signIn(await steps.desktopCode())
      return true
    } catch {
      // no code from the shell: another tab may still hand one over
    }
  }
  const handed = await steps.handoff().catch(() => null)
  if (handed === null) return false
  storeSession(handed, storage)
  return live()
}
