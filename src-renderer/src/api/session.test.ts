// Rule (README "Signing in and the threat model"): a tab signs in with its link's code, else
// the secret it holds (a reload), else the desktop preload's code, else a secret another tab of
// the same origin hands over; a secret that is not live is dropped. Tabs answer an ask only
// with a secret they hold. Fake storage and a fake channel pair stand in for the browser's.
import { describe, expect, it } from 'vitest'
import {
  STORAGE_KEY,
  answerHandoffs,
  askForHandoff,
  establishSession,
  storedSession,
  type Channel,
  type HandoffMessage,
  type SecretStorage,
} from './session'

function memoryStorage(initial: Record<string, string> = {}): SecretStorage & {
  items: Record<string, string>
} {
  const items = { ...initial }
  return {
    items,
    getItem: (key) => items[key] ?? null,
    setItem: (key, value) => void (items[key] = value),
    removeItem: (key) => void delete items[key],
  }
}

/** Two ends of one channel: what one posts, the other receives (asynchronously). */
function channelPair(): [Channel, Channel, HandoffMessage[]] {
  const posted: HandoffMessage[] = []
  const listeners = [
    new Set<(event: { data: unknown }) => void>(),
    new Set<(event: { data: unknown }) => void>(),
  ]
  const end = (mine: number): Channel => ({
    postMessage(message) {
      posted.push(message)
      setTimeout(() => listeners[1 - mine]!.forEach((listener) => listener({ data: message })), 0)
    },
    addEventListener: (_type, listener) => void listeners[mine]!.add(listener),
    removeEventListener: (_type, listener) => void listeners[mine]!.delete(listener),
  })
  return [end(0), end(1), posted]
}

/** Steps that record what was tried; `live` decides which held secrets the server accepts. */
function steps(options: {
  storage: SecretStorage
  code?: string | null
  codes?: Record<string, string>
  live?: string[]
  desktop?: string | Error
  handoff?: string | null
}) {
  const tried: string[] = []
  return {
    tried,
    steps: {
      storage: options.storage,
      code: options.code ?? null,
      signIn: async (code: string) => {
        tried.push(`sign in ${code}`)
        const secret = options.codes?.[code]
        if (secret === undefined) throw new Error('this sign-in link was already used')
        options.storage.setItem(STORAGE_KEY, secret)
      },
      isLive: async () => {
        const held = storedSession(options.storage)
        tried.push(`live? ${held}`)
        return held !== null && (options.live ?? []).includes(held)
      },
      desktopCode:
        options.desktop === undefined
          ? undefined
          : async () => {
              tried.push('desktop')
              if (options.desktop instanceof Error) throw options.desktop
              return options.desktop!
            },
      handoff: async () => {
        tried.push('handoff')
        return options.handoff ?? null
      },
    },
  }
}

describe('establishSession', () => {
  it('uses the link’s code first', async () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'old' })
    const run = steps({ storage, code: 'c1', codes: { c1: 'fresh' } })
    expect(await establishSession(run.steps)).toBe(true)
    expect(run.tried).toEqual(['sign in c1'])
    expect(storage.items[STORAGE_KEY]).toBe('fresh')
  })

  it('a used link falls back to the secret this tab holds (a reload)', async () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'held' })
    const run = steps({ storage, code: 'used', live: ['held'] })
    expect(await establishSession(run.steps)).toBe(true)
    expect(run.tried).toEqual(['sign in used', 'live? held'])
  })

  it('the desktop app: a dead secret is dropped, then the preload’s code signs in', async () => {
    const storage = memoryStorage({ [STORAGE_KEY]: 'expired' })
    const run = steps({ storage, desktop: 'd1', codes: { d1: 'desk' }, live: ['desk'] })
    expect(await establishSession(run.steps)).toBe(true)
    expect(run.tried).toEqual(['live? expired', 'desktop', 'sign in d1'])
    expect(storage.items[STORAGE_KEY]).toBe('desk')
  })

  it('a new tab takes a live secret another tab hands over', async () => {
    const storage = memoryStorage()
    const run = steps({ storage, handoff: 'shared', live: ['shared'] })
    expect(await establishSession(run.steps)).toBe(true)
    expect(run.tried).toEqual(['handoff', 'live? shared'])
    expect(storage.items[STORAGE_KEY]).toBe('shared')
  })

  it('a handed-over secret that is not live is dropped, and the tab is signed out', async () => {
    const storage = memoryStorage()
    const run = steps({ storage, desktop: new Error('no desktop'), handoff: 'stale' })
    expect(await establishSession(run.steps)).toBe(false)
    expect(run.tried).toEqual(['desktop', 'handoff', 'live? stale'])
    expect(storage.items).toEqual({})
  })

  it('nothing at all: signed out, without asking the server', async () => {
    const run = steps({ storage: memoryStorage() })
    expect(await establishSession(run.steps)).toBe(false)
    expect(run.tried).toEqual(['handoff'])
  })
})

describe('the handoff between tabs', () => {
  it('a tab with a secret answers an ask; the asking tab gets it', async () => {
    const [signedIn, fresh] = channelPair()
    const stop = answerHandoffs(signedIn, () => 'the-secret')
    expect(await askForHandoff(fresh, 5_000)).toBe('the-secret')
    stop()
  })

  it('a tab without a secret stays silent; the ask ends with null', async () => {
    const [signedOut, fresh, posted] = channelPair()
    const stop = answerHandoffs(signedOut, () => null)
    expect(await askForHandoff(fresh, 50)).toBeNull()
    expect(posted).toEqual([{ type: 'ask' }])
    stop()
  })

  it('ignores what is not a handoff message', async () => {
    const [other, fresh] = channelPair()
    other.addEventListener('message', () => undefined)
    const asked = askForHandoff(fresh, 50)
    other.postMessage({ type: 'give' } as unknown as HandoffMessage)
    other.postMessage({ type: 'give', session: 42 } as unknown as HandoffMessage)
    expect(await asked).toBeNull()
  })
})
