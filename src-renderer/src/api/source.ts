/**
 * Where the pages' server data comes from. Live, `request` (client.ts) asks the console; in a
 * report (the snapshot viewer, src-renderer/report/), it answers from the responses a snapshot
 * captured, keyed by the request each was captured for, so the same page components draw a
 * snapshot exactly as they draw the live data. A request the snapshot did not capture fails like
 * a missing route, and its panel shows that it was not captured.
 *
 * The source is set once per document (the report viewer is its own bundle with one snapshot),
 * rather than in a React context: every `api.*` call of every page goes through `request`, so
 * one switch there serves all of them, without threading a context into 40 endpoint functions.
 * What a page must know (hide its controls, draw static charts, start from the captured
 * choices) comes from the `ReportMode` context instead.
 */
import { createContext, useContext } from 'react'
import type { CapturedResponse, ReportParams } from '../../../src-shared/api/snapshots'

/**
 * A request's identity whatever its spelling: the path without a trailing slash, and the query's
 * decoded pairs sorted (`steps=a,b` = `steps=a%2Cb`, `date_range[0]` = `date_range%5B0%5D`).
 */
export function requestKey(url: string): string {
  // A base without a host: the report never names a server, even as a placeholder.
  const parsed = new URL(url, 'file:///')
  const path = parsed.pathname.replace(/\/+$/, '') || '/'
  const pairs = [...parsed.searchParams.entries()].map(([name, value]) => `${name}=${value}`).sort()
  return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`
}

/** Answers a request from captured responses: the body, or an error status and message. */
export interface SnapshotSource {
  answer(url: string): { status: number; body: unknown }
}

export function snapshotSource(responses: readonly CapturedResponse[]): SnapshotSource {
  const byKey = new Map(responses.map((response) => [requestKey(response.request), response]))
  return {
    answer(url) {
      const response = byKey.get(requestKey(url))
      if (response === undefined)
        return { status: 404, body: { error: 'This figure was not captured in this snapshot.' } }
      return { status: response.status, body: response.body }
    },
  }
}

let current: SnapshotSource | null = null

/** Answers every `request` of this document from `source` (null: the console again). */
export function setDataSource(source: SnapshotSource | null): void {
  current = source
}

export function dataSource(): SnapshotSource | null {
  return current
}

/** What a page shows in a report: the snapshot's filters; null on the live console. */
export interface ReportView {
  readonly params: ReportParams
}

export const ReportMode = createContext<ReportView | null>(null)

/** The report being drawn, or null live: a report hides controls and draws static charts. */
export function useReportMode(): ReportView | null {
  return useContext(ReportMode)
}
