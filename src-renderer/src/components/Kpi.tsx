/**
 * A KPI tile: its definition's label and info popover, the figure, its change against the
 * previous period (read by the one rule of `periodChange`), and a small trend line.
 */
import type { ReactNode } from 'react'
import type { ChosenDays, KpiDefinition } from '../../../src-shared/domain/kpi-definitions'
import { formatChange, type PeriodChange } from '../../../src-shared/format'
import { useReportMode } from '../api/source'
import { KpiInfo } from './KpiInfo'

export function Kpi(props: {
  definition: KpiDefinition
  value: string
  /** From `periodChange(value, previous)`; left out when the tile compares nothing. */
  change?: PeriodChange
  /** The days the page has chosen, for the popover's window line. */
  chosen?: ChosenDays
  hint?: string
  trend?: ReactNode
}) {
  const { definition, change } = props
  const report = useReportMode() !== null
  const direction =
    change === undefined || change === 'none' || change === 0
      ? 'flat'
      : change === 'new' || change > 0
        ? 'up'
        : 'down'
  const good =
    direction === 'flat'
      ? 'neutral'
      : (direction === 'up') === (definition.upIsGood ?? true)
        ? 'good'
        : 'bad'
  return (
    <div className="kpi" data-kpi={definition.label} data-kpi-id={definition.id}>
      <div className="kpi-head">
        <div className="kpi-label">{definition.label}</div>
        {!report && (
          <KpiInfo definition={definition} chosen={props.chosen} compared={change !== undefined} />
        )}
      </div>
      <div className="kpi-value" data-value>
        {props.value}
      </div>
      {change !== undefined && (
        <div className={`kpi-change ${good}`} title={props.hint ?? 'against the previous period'}>
          <span aria-hidden="true">
            {direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■'}
          </span>{' '}
          {formatChange(change)}
        </div>
      )}
      {props.trend}
    </div>
  )
}
