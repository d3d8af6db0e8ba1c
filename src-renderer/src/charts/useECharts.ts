/**
 * One ECharts instance per element, from tree-shaken `echarts/core` with only the charts the
 * dashboards use. It resizes with its box (ResizeObserver), and every instance is listed in
 * `window.sextantCharts` by its name so end-to-end tests can read the series it holds.
 * A chart below the fold is drawn when it scrolls near the viewport or when the browser is next
 * idle, whichever comes first, so a long page shows its first screen without waiting for all.
 * Every option's tooltip is rendered as CSP-safe DOM here (`withDomTooltip`), for all charts.
 */
import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef, useState, type RefObject } from 'react'
import { useReportMode } from '../api/source'
import { withDomTooltip } from './tooltip'

echarts.use([
  BarChart,
  FunnelChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
])

declare global {
  interface Window {
    sextantCharts?: Map<string, echarts.ECharts>
  }
}

/** Calls `show` once the element is near the viewport or the browser is idle. */
function whenWanted(node: HTMLElement, show: () => void): () => void {
  const box = node.getBoundingClientRect()
  if (box.top < window.innerHeight + 100 && box.bottom > -100) {
    show()
    return () => {}
  }
  let done = false
  const once = (): void => {
    if (done) return
    done = true
    observer.disconnect()
    cancelIdleCallback(idle)
    show()
  }
  const observer = new IntersectionObserver(
    (entries) => entries.some((entry) => entry.isIntersecting) && once(),
    { rootMargin: '200px' },
  )
  observer.observe(node)
  const idle = requestIdleCallback(once, { timeout: 1000 })
  return () => {
    done = true
    observer.disconnect()
    cancelIdleCallback(idle)
  }
}

/** The chart's element (for `ref`) and its instance once drawn (null until then). */
export function useECharts(
  name: string,
  option: echarts.EChartsCoreOption,
): { element: RefObject<HTMLDivElement | null>; chart: echarts.ECharts | null } {
  const element = useRef<HTMLDivElement>(null)
  const [chart, setChart] = useState<echarts.ECharts | null>(null)
  // A report (snapshot viewer, PDF, PNG) draws every chart at once, as vectors (SVG, registered
  // by the report bundle), without animation, so a print or a screenshot never catches one
  // half drawn or not yet drawn.
  const report = useReportMode() !== null
  useEffect(() => {
    const node = element.current
    if (node === null) return
    let instance: echarts.ECharts | null = null
    let observer: ResizeObserver | null = null
    const draw = (show: () => void): (() => void) => {
      if (!report) return whenWanted(node, show)
      show()
      return () => {}
    }
    const cancel = draw(() => {
      const created = echarts.init(node, undefined, { renderer: report ? 'svg' : 'canvas' })
      instance = created
      window.sextantCharts ??= new Map()
      window.sextantCharts.set(name, created)
      observer = new ResizeObserver(() => created.resize())
      observer.observe(node)
      setChart(created)
    })
    return () => {
      cancel()
      observer?.disconnect()
      if (instance !== null) {
        if (window.sextantCharts?.get(name) === instance) window.sextantCharts.delete(name)
        instance.dispose()
      }
      setChart(null)
    }
  }, [name, report])
  useEffect(() => {
    const shown = withDomTooltip(option)
    chart?.setOption(report ? { ...shown, animation: false } : shown, { notMerge: true })
  }, [chart, option, report])
  return { element, chart }
}
