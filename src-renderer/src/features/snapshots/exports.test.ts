// Rule: each export choice asks the console for exactly its format and options; the frame and
// the routes name snapshots by id.
import { describe, expect, it } from 'vitest'
import {
  dispositionFileName,
  exportFileName,
  exportUrl,
  needsRenderer,
  openedId,
  viewPath,
  viewUrl,
} from './exports'

describe('snapshot exports', () => {
  it('names a download the console gave no name, and the path a frame ticket is for', () => {
    expect(exportFileName(3, 'csv-excel')).toBe('snapshot-3.csv')
    expect(exportFileName(3, 'pdf-letter')).toBe('snapshot-3.pdf')
    expect(exportFileName(12, 'json')).toBe('snapshot-12.json')
    expect(exportFileName(12, 'png')).toBe('snapshot-12.png')
    expect(viewPath(7)).toBe('/api/v1/snapshots/7/view')
  })
  it('builds the export URL of each choice', () => {
    expect(exportUrl(3, 'json', 'dark')).toBe('/api/v1/snapshots/3/export?format=json')
    expect(exportUrl(3, 'csv', 'dark')).toBe('/api/v1/snapshots/3/export?format=csv')
    expect(exportUrl(3, 'csv-excel', 'dark')).toBe('/api/v1/snapshots/3/export?format=csv&bom=true')
    expect(exportUrl(3, 'html', 'light')).toBe('/api/v1/snapshots/3/export?format=html&theme=light')
    expect(exportUrl(3, 'pdf-a4', 'dark')).toBe(
      '/api/v1/snapshots/3/export?format=pdf&theme=dark&paper=A4',
    )
    expect(exportUrl(3, 'pdf-letter', 'light')).toBe(
      '/api/v1/snapshots/3/export?format=pdf&theme=light&paper=Letter',
    )
    expect(exportUrl(3, 'png', 'dark')).toBe('/api/v1/snapshots/3/export?format=png&theme=dark')
  })

  it('knows which need the renderer', () => {
    expect(needsRenderer('pdf-a4')).toBe(true)
    expect(needsRenderer('pdf-letter')).toBe(true)
    expect(needsRenderer('png')).toBe(true)
    expect(needsRenderer('csv')).toBe(false)
    expect(needsRenderer('html')).toBe(false)
  })

  it('frames the view in the theme shown', () => {
    expect(viewUrl(12, 'dark')).toBe('/api/v1/snapshots/12/view?theme=dark')
  })

  it('reads the snapshot a route opens', () => {
    expect(openedId('#/snapshots/12')).toBe(12)
    expect(openedId('#snapshots/5')).toBe(5)
    expect(openedId('#/snapshots')).toBeNull()
    expect(openedId('#/snapshots/abc')).toBeNull()
    expect(openedId('#/snapshots/0')).toBeNull()
    expect(openedId('#/overview')).toBeNull()
  })

  it("reads a download's file name", () => {
    expect(dispositionFileName('attachment; filename="overview-Weekly.csv"')).toBe(
      'overview-Weekly.csv',
    )
    expect(dispositionFileName('attachment; filename=report.pdf')).toBe('report.pdf')
    expect(dispositionFileName('inline')).toBeNull()
    expect(dispositionFileName(null)).toBeNull()
  })
})
