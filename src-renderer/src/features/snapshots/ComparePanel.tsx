/**
 * Two snapshots of one report side by side (`GET /api/v1/snapshots/compare`): every figure of
 * A and B with its change, grouped by section; "Only changes" hides the figures equal in both.
 */
import { useMemo, useState, type ReactNode } from 'react'
import type { SnapshotSummary } from '../../../../src-shared/api/snapshots'
import { formatCapturedAt } from '../../../../src-shared/reports/present'
import { api } from '../../api/endpoints'
import { useApi } from '../../api/useApi'
import { Card } from '../../components/Panel'
import { useStore } from '../../stores/store'
import {
  compareSections,
  formatDelta,
  formatRelative,
  formatValue,
  sectionNames,
  type CompareRow,
} from './compare'
import { REPORT_TITLES } from './params'

function optionLabel(snapshot: SnapshotSummary, timezone: string): string {
  return `${snapshot.name} — ${REPORT_TITLES[snapshot.report]}, ${formatCapturedAt(snapshot.capturedAt, timezone)}`
}

export function ComparePanel({ snapshots }: { snapshots: SnapshotSummary[] | undefined }) {
  const timezone = useStore((state) => state.timezone)
  const [chosenA, setA] = useState<number | null>(null)
  const [chosenB, setB] = useState<number | null>(null)
  const [onlyChanges, setOnlyChanges] = useState(true)
  const [section, setSection] = useState<string | null>(null)
  const list = snapshots ?? []
  // a choice that was deleted is no choice
  const a = list.find((snapshot) => snapshot.id === chosenA) ?? null
  const candidatesB = a === null ? [] : list.filter((s) => s.report === a.report && s.id !== a.id)
  const b = candidatesB.find((snapshot) => snapshot.id === chosenB) ?? null
  const ready = a !== null && b !== null
  const comparison = useApi(
    ready ? (signal) => api.compareSnapshots(a.id, b.id, { signal }) : null,
    [a?.id, b?.id],
  )
  const figures = comparison.data?.figures
  const sections = useMemo(() => (figures === undefined ? [] : sectionNames(figures)), [figures])
  const shownSection = section !== null && sections.includes(section) ? section : null
  const grouped = useMemo(
    () =>
      figures === undefined ? [] : compareSections(figures, { onlyChanges, section: shownSection }),
    [figures, onlyChanges, shownSection],
  )
  const comparable = list.some((one) =>
    list.some((other) => other.id !== one.id && other.report === one.report),
  )
  if (snapshots !== undefined && !comparable)
    return (
      <Card title="Compare" wide>
        <p className="panel-state empty" data-panel-empty="compare">
          Capture the same report twice (say the Overview today and next week) to compare its
          figures here.
        </p>
      </Card>
    )
  const pickers = (
    <div className="compare-pickers row">
      <label className="snapshot-pick">
        A (before)
        <select
          data-testid="compare-a"
          value={a?.id ?? ''}
          onChange={(event) => {
            const id = event.target.value === '' ? null : Number(event.target.value)
            setA(id)
            const next = list.find((snapshot) => snapshot.id === id)
            if (next !== undefined && b !== null && (b.report !== next.report || b.id === id))
              setB(null)
          }}
        >
          <option value="">Choose a snapshot…</option>
          {list.map((snapshot) => (
            <option key={snapshot.id} value={snapshot.id}>
              {optionLabel(snapshot, timezone)}
            </option>
          ))}
        </select>
      </label>
      <label className="snapshot-pick">
        B (after)
        <select
          data-testid="compare-b"
          value={b?.id ?? ''}
          disabled={a === null}
          onChange={(event) => setB(event.target.value === '' ? null : Number(event.target.value))}
        >
          <option value="">
            {a === null
              ? 'Choose A first'
              : candidatesB.length === 0
                ? `No other ${REPORT_TITLES[a.report]} snapshot`
                : `Another ${REPORT_TITLES[a.report]} snapshot…`}
          </option>
          {candidatesB.map((snapshot) => (
            <option key={snapshot.id} value={snapshot.id}>
              {optionLabel(snapshot, timezone)}
            </option>
          ))}
        </select>
      </label>
      <label className="section-pick">
        Section
        <select
          data-testid="compare-section"
          value={shownSection ?? ''}
          disabled={sections.length === 0}
          onChange={(event) => setSection(event.target.value === '' ? null : event.target.value)}
        >
          <option value="">All sections</option>
          {sections.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={onlyChanges}
          data-testid="only-changes"
          onChange={(event) => setOnlyChanges(event.target.checked)}
        />
        Only changes
      </label>
    </div>
  )
  let body: ReactNode
  if (!ready)
    body = (
      <p className="panel-state empty">
        Choose two snapshots of the same report: the older as A, the newer as B.
      </p>
    )
  else if (comparison.error !== undefined)
    body = (
      <div className="panel-state error" role="alert">
        <p>{comparison.error.message}</p>
        <button type="button" onClick={comparison.reload}>
          Try again
        </button>
      </div>
    )
  else if (figures === undefined)
    body = (
      <div className="panel-state loading" aria-busy="true">
        Loading…
      </div>
    )
  else if (grouped.length === 0)
    body = (
      <p className="panel-state empty">
        {onlyChanges ? 'No figure changed between these snapshots.' : 'No figures to compare.'}
      </p>
    )
  else body = <CompareTable sections={grouped} />
  return (
    <section
      className={`panel wide compare${comparison.loading ? ' is-loading' : ''}`}
      data-panel="snapshots.compare"
      aria-busy={ready && comparison.loading}
    >
      <header>
        <h2>Compare</h2>
      </header>
      {pickers}
      {body}
    </section>
  )
}

function CompareTable({ sections }: { sections: ReturnType<typeof compareSections> }) {
  return (
    <table className="data compare-table" data-testid="compare-table">
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col" className="num">
            A
          </th>
          <th scope="col" className="num">
            B
          </th>
          <th scope="col" className="num">
            Δ
          </th>
          <th scope="col" className="num">
            Change
          </th>
        </tr>
      </thead>
      {sections.map(({ section, rows }) => (
        <tbody key={section} data-section={section}>
          <tr className="section-row">
            <th scope="rowgroup" colSpan={5}>
              {section}
            </th>
          </tr>
          {rows.map((row) => (
            <FigureRow key={row.figure} row={row} />
          ))}
        </tbody>
      ))}
    </table>
  )
}

function FigureRow({ row }: { row: CompareRow }) {
  const tone =
    row.direction === 'missing' || row.direction === 'flat'
      ? row.direction
      : `${row.direction} ${row.good === true ? 'good' : 'bad'}`
  const relative = formatRelative(row)
  const arrow =
    relative === '–' ? '' : row.direction === 'up' ? '▲' : row.direction === 'down' ? '▼' : ''
  return (
    <tr data-section={row.section} data-figure={row.figure} className={`figure-row ${tone}`}>
      <th scope="row" title={row.figure}>
        {row.label}
      </th>
      <td className="num" data-cell="a">
        {formatValue(row.unit, row.a)}
      </td>
      <td className="num" data-cell="b">
        {formatValue(row.unit, row.b)}
      </td>
      <td className="num delta" data-cell="delta">
        {formatDelta(row.unit, row.delta)}
      </td>
      <td className="num change" data-cell="change">
        {arrow !== '' && (
          <span aria-hidden="true" className="arrow">
            {arrow}{' '}
          </span>
        )}
        {relative}
      </td>
    </tr>
  )
}
