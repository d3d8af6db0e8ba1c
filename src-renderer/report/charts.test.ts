// Rule: a snapshot chart shows every numeric column of its block as a series (text columns
// and gaps left out), each formatted by the kind its block has from the contract (never by the
// column's name), counts and ratios on separate axes, bars lying down when their labels
// are long or many, a legend that lists every series on as many rows as it needs, and the
// theme's colors.
import { describe, expect, it } from 'vitest'
import { DARK, LIGHT } from '../src/charts/options'
import { chartModel, chartOption, durationInterval, gridTop, legendRows } from './charts'

// ECharts options are loosely typed nested objects; the tests read them freely.
type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('chart model', () => {
  it('takes the numeric columns as series and counts the points', () => {
    const model = chartModel({
      kind: 'line',
      columns: ['date', 'note', 'bookings', 'room_joins', 'empty'],
      rows: [
        ['2026-11-01', 'a', 1, null, null],
        ['2026-11-02', 'b', 2, 5, null],
        ['2026-11-03', 'c', null, 0, null],
      ],
    })
    expect(model.kind).toBe('line')
    expect(model.categories).toEqual(['2026-11-01', '2026-11-02', '2026-11-03'])
    expect(model.series.map((series) => [series.key, series.name, series.data])).toEqual([
      ['bookings', 'Bookings', [1, 2, null]],
      ['room_joins', 'Room joins', [null, 5, 0]],
    ])
    expect(model.points).toBe(4)
    expect(model.horizontal).toBe(false)
    expect(model.height).toBe(280)
  })

  it('knows ratios and durations by the kinds of their cells', () => {
    const model = chartModel({
      kind: 'bar',
      columns: ['step', 'count', 'conversionFromPrevious', 'recordingDuration'],
      rows: [
        ['a', 10, 1, 60],
        ['b', 4, 0.4, 120],
      ],
      kinds: [
        [null, 'count', 'rate', 'duration'],
        [null, 'count', 'rate', 'duration'],
      ],
    })
    expect(model.series.map((series) => [series.kind, series.percent, series.duration])).toEqual([
      ['count', false, false],
      ['rate', true, false],
      ['duration', false, true],
    ])
  })

  it('draws a count named like a rate as a count (issue #14 item 3)', () => {
    // Attribution's sources: `conversions` is a count; its 1 was drawn as 100% by its name.
    const model = chartModel({
      kind: 'bar',
      columns: ['source', 'uniqueVisitors', 'conversions'],
      rows: [
        ['newsletter', 3, 1],
        ['ads', 2, 0],
      ],
      kinds: [
        [null, 'count', 'count'],
        [null, 'count', 'count'],
      ],
    })
    expect(model.series.map((series) => series.percent)).toEqual([false, false])
    const option = chartOption(model, LIGHT) as Loose
    expect(option.yAxis).toHaveLength(1)
    expect(option.series[1].tooltip.valueFormatter(1)).toBe('1')
    // Without kinds nothing is guessed: plain numbers on one axis.
    const unknown = chartModel({ kind: 'bar', columns: ['step', 'openRate'], rows: [['a', 1]] })
    expect(unknown.series[0]).toMatchObject({ kind: null, percent: false, duration: false })
  })

  it('lays bars down when labels are long or many', () => {
    const short = chartModel({ kind: 'bar', columns: ['channel', 'n'], rows: [['EMAIL', 3]] })
    expect(short.horizontal).toBe(false)
    const long = chartModel({
      kind: 'bar',
      columns: ['source', 'n'],
      rows: [['newsletter / email / weekly_digest', 3]],
    })
    expect(long.horizontal).toBe(true)
    const many = chartModel({
      kind: 'bar',
      columns: ['type', 'a', 'b', 'c'],
      rows: Array.from({ length: 20 }, (_, index) => [`t${index}`, index, index, index]),
    })
    expect(many.horizontal).toBe(true)
    // 20 rows of 3 bars (34px each), 48px of axis and a legend row (30px).
    expect(many.height).toBe(20 * 34 + 48 + 30)
    const huge = chartModel({
      kind: 'bar',
      columns: ['type', 'n'],
      rows: Array.from({ length: 50 }, (_, index) => [`t${index}`, index]),
    })
    expect(huge.height).toBe(880)
  })
})

describe('legend and axes', () => {
  it('wraps the legend onto rows', () => {
    const measure = (text: string): number => text.length * 10
    expect(legendRows(['a', 'b'], 500, measure)).toBe(1)
    // Each item: 30px icon + 100px text, 10px apart: three fit in 420px, not four.
    const names = ['0123456789', '0123456789', '0123456789', '0123456789']
    expect(legendRows(names, 430, measure)).toBe(2)
    expect(legendRows(names, 600, measure)).toBe(1)
  })

  it('puts the plot below the legend', () => {
    const one = chartModel({ kind: 'line', columns: ['date', 'n'], rows: [['2026-11-01', 1]] })
    expect(gridTop(one, 800)).toBe(12)
    const two = chartModel({
      kind: 'line',
      columns: ['date', 'a', 'b'],
      rows: [['2026-11-01', 1, 2]],
    })
    expect(gridTop(two, 800)).toBe(24 + 12)
  })

  it('ticks durations at whole minutes, hours or days', () => {
    expect(durationInterval(50)).toBe(10)
    expect(durationInterval(6300)).toBe(1800)
    expect(durationInterval(36_000)).toBe(7200)
    expect(durationInterval(10 * 86_400)).toBe(2 * 86_400)
  })
})

describe('chart option', () => {
  it('draws ratios on a second axis beside counts', () => {
    const model = chartModel({
      kind: 'bar',
      columns: ['step', 'count', 'conversionFromPrevious'],
      rows: [
        ['page_view', 167, 1],
        ['signup', 20, 0.1198],
      ],
      kinds: [
        [null, 'count', 'rate'],
        [null, 'count', 'rate'],
      ],
    })
    const option = chartOption(model, LIGHT) as Loose
    expect(option.yAxis).toHaveLength(2)
    expect(option.yAxis[1]).toMatchObject({ position: 'right', max: 1 })
    expect(option.yAxis[1].axisLabel.formatter(0.5)).toBe('50%')
    expect(option.series.map((series: Loose) => series.yAxisIndex)).toEqual([0, 1])
    expect(option.series[1].tooltip.valueFormatter(0.1198)).toBe('11.98%')
    expect(option.series[0].tooltip.valueFormatter(1234)).toBe('1,234')
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['page_view', 'signup'] })
  })

  it('draws percents (0..100) on a second axis without a 0..1 cap', () => {
    // The booking widgets: a count and its percent change against the period before.
    const model = chartModel({
      kind: 'bar',
      columns: ['title', 'number', 'stat'],
      rows: [
        ['Bookings', 12, 250],
        ['Guests', 1, -5],
      ],
      kinds: [
        [null, 'count', 'percent'],
        [null, 'count', 'percent'],
      ],
    })
    const option = chartOption(model, LIGHT) as Loose
    expect(option.yAxis).toHaveLength(2)
    expect(option.yAxis[1].max).toBeUndefined()
    expect(option.yAxis[1].axisLabel.formatter(250)).toBe('250%')
    expect(option.series[1].tooltip.valueFormatter(-5)).toBe('-5%')
    expect(option.series[0].tooltip.valueFormatter(12)).toBe('12')
  })

  it('themes text and lines, with a legend only for several series', () => {
    const model = chartModel({
      kind: 'line',
      columns: ['date', 'a', 'b'],
      rows: [['2026-11-05', 1, 2]],
    })
    const dark = chartOption(model, DARK) as Loose
    expect(dark.textStyle.color).toBe(DARK.text)
    expect(dark.legend).toMatchObject({ show: true, type: 'plain' })
    expect(dark.legend.textStyle.color).toBe(DARK.text)
    expect(dark.color).toEqual(DARK.palette)
    expect(dark.color).toHaveLength(12)
    expect(dark.tooltip.backgroundColor).toBe(DARK.background)
    expect(dark.xAxis.axisLabel.color).toBe(DARK.muted)
    expect(dark.xAxis.axisLabel.formatter('2026-11-05')).toBe('Nov 5')
    expect(dark.yAxis[0].splitLine.lineStyle.color).toBe(DARK.grid)
    const single = chartModel({ kind: 'line', columns: ['date', 'a'], rows: [['2026-11-05', 1]] })
    expect((chartOption(single, LIGHT) as Loose).legend.show).toBe(false)
  })
})
