/**
 * Loads one piece of server data for a panel: loading, data and error states, refetched when
 * its inputs change, and aborted when they change again before the answer (no stale answer
 * ever overwrites a newer one). With a cache name, the last answer for the same inputs is shown
 * at once while a fresh one loads (stale-while-revalidate), so going back to a page shows its
 * figures immediately; `forgetAnswers` is called after every change the UI makes to the data.
 */
import { useCallback, useEffect, useRef, useState } from 'react'

export interface Loaded<T> {
  readonly data: T | undefined
  readonly error: Error | undefined
  readonly loading: boolean
  /** Loads again with the same inputs. */
  reload(): void
}

const MAX_ANSWERS = 200
const answers = new Map<string, unknown>()

const forgetting = new Set<() => void>()

/**
 * Drops every remembered answer (after an import, the demo, a timezone change...), and the
 * mounted users of remembered answers load theirs again (such as the switchers' lists).
 */
export function forgetAnswers(): void {
  answers.clear()
  forgetting.forEach((reload) => reload())
}

function remember(key: string, value: unknown): void {
  answers.delete(key)
  answers.set(key, value)
  if (answers.size > MAX_ANSWERS) answers.delete(answers.keys().next().value!)
}

export function useApi<T>(
  load: ((signal: AbortSignal) => Promise<T>) | null,
  inputs: readonly unknown[],
  cacheName?: string,
): Loaded<T> {
  const key = cacheName === undefined ? undefined : `${cacheName}|${JSON.stringify(inputs)}`
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>(() => ({
    data: key === undefined ? undefined : (answers.get(key) as T | undefined),
    loading: load !== null,
  }))
  const keyRef = useRef(key)
  keyRef.current = key
  const [generation, setGeneration] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  useEffect(() => {
    const current = loadRef.current
    if (current === null) {
      setState({ loading: false })
      return
    }
    const controller = new AbortController()
    const cacheKey = keyRef.current
    const cached = cacheKey === undefined ? undefined : (answers.get(cacheKey) as T | undefined)
    setState((previous) => ({ data: cached ?? previous.data, loading: true }))
    current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return
        if (cacheKey !== undefined) remember(cacheKey, data)
        setState({ data, loading: false })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        })
      },
    )
    return () => controller.abort()
  }, [...inputs, generation])
  const reload = useCallback(() => setGeneration((value) => value + 1), [])
  const remembers = key !== undefined
  useEffect(() => {
    if (!remembers) return
    forgetting.add(reload)
    return () => {
      forgetting.delete(reload)
    }
  }, [remembers, reload])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}
