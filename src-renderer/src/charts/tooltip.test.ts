// Rule: a tooltip is built as DOM (elements, text, classes), never as markup with inline styles:
// each series name and its value sit in cells of their own, a marker's color is set through the
// element's style object (CSSOM), and every chart's tooltip goes through it with a transparent
// ECharts frame and no string position (whose arrow ECharts writes as styled markup).
import { describe, expect, it } from 'vitest'
import { LIGHT, barChart, heatmapChart, lineChart, pieChart } from './options'
import { defaultContent, tooltipElement, withDomTooltip, type TooltipContent } from './tooltip'

// ECharts options are loosely typed nested objects; the tests read them freely.
type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Just enough of a document to build the tooltip (no DOM library in the unit tests). */
class FakeElement {
  className = ''
  textContent: string | null = null
  scope = ''
  readonly style: Record<string, string> = {}
  readonly children: FakeElement[] = []
  constructor(readonly tagName: string) {}
  append(...nodes: FakeElement[]): void {
    this.children.push(...nodes)
  }
  setAttribute(): void {
    throw new Error('a style or other attribute set as markup')
  }
  set innerHTML(_: string) {
    throw new Error('markup parsed')
  }
  /** Text with cells joined by a tab and rows by a line break, as `innerText` reads a table. */
  get text(): string {
    if (this.textContent !== null) return this.textContent
    const joiner = this.tagName === 'tr' ? '\t' : this.tagName === 'th' ? '' : '\n'
    return this.children.map((child) => child.text).join(joiner)
  }
  find(className: string): FakeElement[] {
    return [
      ...(this.className === className ? [this] : []),
      ...this.children.flatMap((child) => child.find(className)),
    ]
  }
}
const fakeDocument = {
  createElement: (tag: string) => new FakeElement(tag),
} as unknown as Document

const build = (content: TooltipContent): FakeElement =>
  tooltipElement(content, fakeDocument) as unknown as FakeElement

describe('tooltip DOM', () => {
  it('puts the heading, then each name and its value in cells of their own', () => {
    const box = build({
      title: 'Mar 5',
      rows: [
        { name: 'Bookings', value: '20', color: '#2563eb' },
        { name: 'Room joins', value: '1,204', color: 'rgb(22, 163, 74)' },
      ],
    })
    expect(box.className).toBe('chart-tooltip')
    expect(box.text).toBe('Mar 5\nBookings\t20\nRoom joins\t1,204')
    expect(box.find('chart-tooltip-name').map((cell) => cell.textContent)).toEqual([
      'Bookings',
      'Room joins',
    ])
    expect(box.find('chart-tooltip-value').map((cell) => cell.textContent)).toEqual(['20', '1,204'])
    expect(box.find('chart-tooltip-marker').map((marker) => marker.style.backgroundColor)).toEqual([
      '#2563eb',
      'rgb(22, 163, 74)',
    ])
  })

  it('keeps markup in names as text', () => {
    const box = build({ rows: [{ name: '<img src=x onerror=alert(1)>', value: '1' }] })
    expect(box.find('chart-tooltip-name')[0]!.textContent).toBe('<img src=x onerror=alert(1)>')
    expect(box.find('chart-tooltip-marker')).toEqual([])
  })

  it('reads axis parameters: the category, then one row per series with its format', () => {
    const content = defaultContent(
      [
        { seriesName: 'Sent', value: 1200, color: '#2563eb', axisValueLabel: 'Mar 5' },
        { seriesName: 'Opened', value: 0, color: { type: 'linear' }, axisValueLabel: 'Mar 5' },
      ],
      (value) => `${value} msgs`,
    )
    expect(content).toEqual({
      title: 'Mar 5',
      rows: [
        { name: 'Sent', value: '1200 msgs', color: '#2563eb' },
        { name: 'Opened', value: '0 msgs', color: undefined },
      ],
    })
  })
})

describe('every chart option through withDomTooltip', () => {
  const charts: [string, Loose][] = [
    ['line', lineChart({ categories: ['a'], series: [{ name: 'x', data: [1] }], theme: LIGHT })],
    ['bar', barChart({ categories: ['a'], series: [{ name: 'x', data: [1] }], theme: LIGHT })],
    ['pie', pieChart({ items: [{ name: 'a', value: 1 }], theme: LIGHT })],
    [
      'heatmap',
      heatmapChart({
        rows: ['2026-03-01'],
        columns: ['week_0'],
        cells: [[0, 0, 1, 3]],
        theme: LIGHT,
      }),
    ],
  ]

  it.each(charts)(
    '%s: a transparent frame the stylesheet fills, no string position',
    (_, option) => {
      const tooltip = (
        withDomTooltip({ ...option, tooltip: { ...option.tooltip, position: 'top' } }) as Loose
      ).tooltip
      expect(tooltip).toMatchObject({
        renderMode: 'html',
        className: 'chart-tooltip-frame',
        backgroundColor: 'transparent',
        borderWidth: 0,
        padding: 0,
      })
      expect(tooltip.position).toBeUndefined()
      expect(typeof tooltip.formatter).toBe('function')
    },
  )

  it('renders the builder formatter (the heatmap cell) and the value formatter (bars) as DOM', () => {
    const previous = globalThis.document
    globalThis.document = fakeDocument
    try {
      const heatmap = withDomTooltip(charts[3]![1]) as Loose
      const cell = heatmap.tooltip.formatter({ data: [0, 0, 1, 3], color: '#2563eb' })
      expect(cell.text).toBe('Joined Mar 1, week 0\nActive\t100%\nActive contacts\t3')
      const bars = withDomTooltip(
        barChart({
          categories: ['Mon'],
          series: [{ name: 'Rate', data: [0.25] }],
          theme: LIGHT,
          percent: true,
        }),
      ) as Loose
      const shown = bars.tooltip.formatter([
        { seriesName: 'Rate', value: 0.25, color: '#2563eb', axisValueLabel: 'Mon' },
      ])
      expect(shown.text).toBe('Mon\nRate\t25%')
    } finally {
      globalThis.document = previous
    }
  })

  it('leaves an option without a tooltip alone', () => {
    const option = { series: [] }
    expect(withDomTooltip(option)).toBe(option)
  })
})
