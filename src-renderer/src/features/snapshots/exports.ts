/**
 * The export choices of a snapshot and their URLs (`GET /api/v1/snapshots/:id/export`), the
 * view the UI frames, the `#/snapshots/<id>` route, and the file name a download gets. Pure.
 */
import { queryString, type Query } from '../../api/client'
import { snapshotPath } from '../../api/endpoints'

export type ExportChoice = 'json' | 'csv' | 'csv-excel' | 'html' | 'pdf-a4' | 'pdf-letter' | 'png'

export const EXPORT_CHOICES: readonly { value: ExportChoice; label: string }[] = [
  { value: 'json', label: 'JSON' },
  { value: 'csv', label: 'CSV' },
  { value: 'csv-excel', label: 'CSV for Excel' },
  { value: 'html', label: 'HTML' },
  { value: 'pdf-a4', label: 'PDF (A4)' },
  { value: 'pdf-letter', label: 'PDF (Letter)' },
  { value: 'png', label: 'PNG' },
]

export type ViewTheme = 'light' | 'dark'

/** The export's query: the format and only the options it reads. */
export function exportQuery(choice: ExportChoice, theme: ViewTheme): Query {
  switch (choice) {
    case 'json':
    case 'csv':
      return { format: choice }
    case 'csv-excel':
      return { format: 'csv', bom: 'true' }
    case 'html':
    case 'png':
      return { format: choice, theme }
    case 'pdf-a4':
      return { format: 'pdf', theme, paper: 'A4' }
    case 'pdf-letter':
      return { format: 'pdf', theme, paper: 'Letter' }
  }
}

export function exportUrl(id: number, choice: ExportChoice, theme: ViewTheme): string {
  return `${snapshotPath(id)}/export${queryString(exportQuery(choice, theme))}`
}

/** The file name a download gets when the console names none: `snapshot-3.csv`. */
export function exportFileName(id: number, choice: ExportChoice): string {
  const extension = choice === 'csv-excel' ? 'csv' : choice.startsWith('pdf') ? 'pdf' : choice
  return `snapshot-${id}.${extension}`
}

/** PDF and PNG are drawn by a browser on the console's side, which may be missing (501). */
export function needsRenderer(choice: ExportChoice): boolean {
  return choice === 'pdf-a4' || choice === 'pdf-letter' || choice === 'png'
}

/** The snapshot as its own page, for the frame (which adds a ticket: session.ts). */
export function viewUrl(id: number, theme: ViewTheme): string {
  return `${snapshotPath(id)}/view${queryString({ theme })}`
}

/** The path of the snapshot's page, which a ticket is made for. */
export function viewPath(id: number): string {
  return `${snapshotPath(id)}/view`
}

/** The snapshot a `#/snapshots/<id>` route opens, or null. */
export function openedId(hash: string): number | null {
  const match = /^#\/?snapshots\/([1-9]\d*)(?:[/?].*)?$/.exec(hash)
  return match === null ? null : Number(match[1])
}

/** The file name of a `Content-Disposition: attachment; filename="…"`, or null. */
export function dispositionFileName(header: string | null): string | null {
  if (header === null) return null
  const match = /filename="([^"]+)"/i.exec(header) ?? /filename=([^;\s]+)/i.exec(header)
  return match === null ? null : match[1]!
}
