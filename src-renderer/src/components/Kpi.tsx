/** A KPI tile: the figure, its change against the previous period, and a small trend line. */
import type { ReactNode } from 'react'
import { formatChange } from '../../../src-shared/format'

export function Kpi(props: {
  label: string
  value: string
  change?: number | null
  /** When a rise is bad news (cancellations), the arrow still points up but reads red. */
  upIsGood?: boolean
  hint?: string
  trend?: ReactNode
}) {
  const change = props.change
  const direction =
    change === undefined || change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down'
  const good =
    direction === 'flat'
      ? 'neutral'
      : (direction === 'up') === (props.upIsGood ?? true)
        ? 'good'
        : 'bad'
  return (
    <div className="kpi" data-kpi={props.label}>
      <div className="kpi-label">{props.label}</div>
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
