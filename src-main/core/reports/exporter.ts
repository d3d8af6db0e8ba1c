/**
 * One snapshot in any export format: JSON and CSV from the data, HTML as one self-contained
 * file, PDF and PNG rendered from that HTML by the given renderer.
 */
import type { ExportFormat, Snapshot } from '../../../src-shared/api/snapshots'
import { snapshotHtml } from './html'
import { RendererMissing, type Paper, type ReportRenderer } from './render'
import { snapshotCsv, snapshotJson } from './snapshots'

export interface ExportOptions {
  readonly theme: 'light' | 'dark'
  readonly paper: Paper
  /** CSV: a byte order mark, so Excel reads UTF-8. */
  readonly bom: boolean
  /** PNG: the page width in CSS pixels. */
  readonly width?: number
  readonly renderer: ReportRenderer | null
}

export interface Exported {
  readonly body: Buffer
  readonly contentType: string
  readonly extension: string
}

export async function exportSnapshot(
  snapshot: Snapshot,
  format: ExportFormat,
  options: ExportOptions,
): Promise<Exported> {
  switch (format) {
    case 'json':
      return {
        body: Buffer.from(snapshotJson(snapshot)),
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      }
    case 'csv':
      return {
        body: Buffer.from(snapshotCsv(snapshot, { bom: options.bom })),
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
      }
    case 'html':
      return {
        body: Buffer.from(snapshotHtml(snapshot, { theme: options.theme, paper: options.paper })),
        contentType: 'text/html; charset=utf-8',
        extension: 'html',
      }
    case 'pdf':
    case 'png': {
      if (options.renderer === null) throw new RendererMissing()
      const html = snapshotHtml(snapshot, { theme: options.theme, paper: options.paper })
      return format === 'pdf'
        ? {
            body: await options.renderer.pdf(html, { paper: options.paper }),
            contentType: 'application/pdf',
            extension: 'pdf',
          }
        : {
            body: await options.renderer.png(html, { width: options.width ?? 1200, scale: 2 }),
            contentType: 'image/png',
            extension: 'png',
          }
    }
  }
}

/** A file name for an export: `<report>-<name>.<ext>`, safe on every file system. */
export function exportFileName(snapshot: Snapshot, extension: string): string {
  const safe = `${snapshot.report}-${snapshot.name}`
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
  return `${safe || 'snapshot'}.${extension}`
}
