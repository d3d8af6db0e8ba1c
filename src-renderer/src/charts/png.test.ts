// Rule: a chart's PNG is named after the chart, and the data URL ECharts makes becomes the
// same bytes as a Blob.
import { describe, expect, it } from 'vitest'
import { chartFileName, dataUrlToBlob } from './png'

describe('chart PNGs', () => {
  it('names the file after the chart', () => {
    expect(chartFileName('campaigns.messages')).toBe('sextant-campaigns-messages.png')
    expect(chartFileName('Calls / Outcomes')).toBe('sextant-calls-outcomes.png')
    expect(chartFileName('...')).toBe('sextant-chart.png')
  })

  it('turns a data URL into a Blob of its bytes', async () => {
    // "iVBORw==" is base64 of 0x89 0x50 0x4E 0x47 (the PNG signature's first four bytes)
    const png = dataUrlToBlob('data:image/png;base64,iVBORw==')
    expect(png.type).toBe('image/png')
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47])
    const text = dataUrlToBlob('data:text/plain,hi%20there')
    expect(await text.text()).toBe('hi there')
    expect(() => dataUrlToBlob('https://example.com/a.png')).toThrow()
  })
})
