/** A chart box: its option is built by a pure builder; the name identifies it in tests. */
import type { EChartsCoreOption } from 'echarts/core'
import { useECharts } from '../charts/useECharts'

export function Chart(props: {
  name: string
  option: EChartsCoreOption
  height?: number
  label: string
}) {
  const ref = useECharts(props.name, props.option)
  return (
    <div
      ref={ref}
      className="chart"
      data-chart={props.name}
      role="img"
      aria-label={props.label}
      style={{ height: props.height ?? 260 }}
    />
  )
}
