/**
 * A chart box: its option is built by a pure builder; the name identifies it in tests. Inside a
 * panel it offers a PNG of itself (twice the screen's resolution, on the theme's background),
 * named after the chart, through the panel's header.
 */
import type { EChartsCoreOption } from 'echarts/core'
import { useContext, useEffect, useRef } from 'react'
import { chartFileName, dataUrlToBlob, saveBlob } from '../charts/png'
import { useECharts } from '../charts/useECharts'
import { useChartTheme } from '../theme'
import { ChartDownloads } from './chartDownloads'

export function Chart(props: {
  name: string
  option: EChartsCoreOption
  height?: number
  label: string
  /** Offer a PNG download in the panel's header (default); false for a KPI tile's trend. */
  png?: boolean
}) {
  const { element, chart } = useECharts(props.name, props.option)
  const register = useContext(ChartDownloads)
  const theme = useChartTheme()
  // read at click time, so a new label or theme does not register the chart again
  const current = useRef({ label: props.label, background: theme.background })
  current.current = { label: props.label, background: theme.background }
  const offered = props.png !== false
  const { name } = props
  useEffect(() => {
    if (register === null || chart === null || !offered) return
    return register({
      name,
      get label() {
        return current.current.label
      },
      download: () => {
        const url = chart.getDataURL({
          type: 'png',
          pixelRatio: 2,
          backgroundColor: current.current.background,
        })
        saveBlob(dataUrlToBlob(url), chartFileName(name))
      },
    })
  }, [register, chart, name, offered])
  return (
    <div
      ref={element}
      className="chart"
      data-chart={props.name}
      role="img"
      aria-label={props.label}
      style={{ height: props.height ?? 260 }}
    />
  )
}
