/**
 * How a chart offers itself as a PNG to the panel it is drawn in: the panel provides a
 * register function, each chart inside registers its download, and the panel's header shows a
 * "PNG" button per chart. A chart outside a panel (or a KPI tile's trend) offers none.
 */
import { createContext } from 'react'

export interface ChartDownload {
  readonly name: string
  /** What the chart shows, for the button's accessible name. */
  readonly label: string
  download(): void
}

/** Registers a chart's download; answers the unregister. */
export type RegisterChart = (entry: ChartDownload) => () => void

export const ChartDownloads = createContext<RegisterChart | null>(null)
