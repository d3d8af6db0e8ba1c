// Rule: a snapshot reads the same in the viewer and the exports: report titles, filters as
// label/value pairs, figures as people read them, and CSV that a spreadsheet opens safely
// (text that would start a formula is neutralized, numbers are not, RFC 4180 quoting, CRLF).
import { describe, expect, it } from 'vitest'
import {
  REPORT_TITLES,
  blockCsv,
  blockHeading,
  csvField,
  describeParams,
  formatCapturedAt,
  formatChangePercent,
  formatFigure,
  humanizeKey,
  neutralizeCsvCell,
} from './present'

describe('report titles and filters', () => {
  it('titles every report', () => {
    expect(REPORT_TITLES).toEqual({
      overview: 'Overview',
      workspace: 'Workspace activity',
      bookings: 'Bookings',
      campaigns: 'Campaigns',
      calls: 'Calls',
    })
  })

  it('describes the filters in a fixed order', () => {
    expect(
      describeParams('campaigns', {
        steps: ['page_view', 'signup', 'booking'],
        workspace: 'acme',
        days: 30,
        metric: 'events',
        conversion: 'booking',
        campaign: 'cmp_acme_01',
      }),
    ).toEqual([
      { label: 'Period', value: 'Last 30 days' },
      { label: 'Workspace', value: 'acme' },
      { label: 'Campaign', value: 'cmp_acme_01' },
      { label: 'Conversion', value: 'booking' },
      { label: 'Cohort metric', value: 'events' },
      { label: 'Funnel steps', value: 'page_view → signup → booking' },
    ])
    expect(describeParams('overview', { days: 1 })).toEqual([
      { label: 'Period', value: 'Last day' },
    ])
    expect(describeParams('overview', {})).toEqual([])
  })

  it('leaves out what the report ignores', () => {
    expect(describeParams('calls', { days: 30, organisation: 'acme-org', space: 'tok_1' })).toEqual(
      [
        { label: 'Organisation', value: 'acme-org' },
        { label: 'Space', value: 'tok_1' },
      ],
    )
    expect(describeParams('bookings', { days: 7, from: '2026-10-01', to: '2026-10-31' })).toEqual([
      { label: 'Dates', value: '2026-10-01 – 2026-10-31' },
    ])
    expect(describeParams('bookings', { days: 7 })).toEqual([
      { label: 'Period', value: 'Last 7 days' },
    ])
    expect(describeParams('bookings', { from: '2026-10-01' })).toEqual([
      { label: 'From', value: '2026-10-01' },
    ])
    expect(describeParams('bookings', { to: '2026-10-31' })).toEqual([
      { label: 'Until', value: '2026-10-31' },
    ])
  })

  it('writes the capture time in the snapshot timezone', () => {
    expect(formatCapturedAt('2026-11-23T12:00:00Z', 'UTC')).toBe('Nov 23, 2026, 12:00')
    expect(formatCapturedAt('2026-11-23T12:00:00Z', 'Europe/Paris')).toBe('Nov 23, 2026, 13:00')
    expect(formatCapturedAt('2026-11-23T23:30:00Z', 'Asia/Tokyo')).toBe('Nov 24, 2026, 08:30')
    // An unknown zone falls back to UTC rather than failing the whole report.
    expect(formatCapturedAt('2026-11-23T12:00:00Z', 'Mars/Olympus')).toBe('Nov 23, 2026, 12:00')
    expect(formatCapturedAt('not a date', 'UTC')).toBe('not a date')
  })
})

describe('figures', () => {
  it('humanizes keys', () => {
    expect(humanizeKey('messagesSent')).toBe('Messages sent')
    expect(humanizeKey('total_calls')).toBe('Total calls')
    expect(humanizeKey('retention.week_0')).toBe('Retention week 0')
    expect(humanizeKey('_count')).toBe('Count')
    expect(humanizeKey('source / medium / campaign')).toBe('Source / medium / campaign')
  })

  it('heads blocks without repeating their section', () => {
    const kpis = 'kpis' as const
    expect(blockHeading({ title: 'Overview: KPIs', kind: kpis }, 'Overview')).toBe('KPIs')
    expect(
      blockHeading({ title: 'Overview: KPIs: daily trend (count)', kind: 'line' }, 'Overview'),
    ).toBe('KPIs: daily trend (count)')
    expect(blockHeading({ title: 'Funnel', kind: kpis }, 'Funnel')).toBe('Key figures')
    expect(blockHeading({ title: 'Bookings over time', kind: 'line' }, 'Bookings over time')).toBe(
      'Bookings over time',
    )
    expect(blockHeading({ title: 'Overview: KPIs', kind: kpis }, 'Calls')).toBe('Overview: KPIs')
    expect(blockHeading({ title: 'Kpis', kind: kpis })).toBe('KPIs')
    expect(blockHeading({ title: 'Sources', kind: 'bar' })).toBe('Sources')
  })

  // By the kind the contract declares (units.ts), whatever the figure is called or how big it is.
  it('formats values by their kind', () => {
    expect(formatFigure('count', 1234567)).toBe('1,234,567')
    // A count of 1 is 1, not 100% (`conversions`, issue #14 item 3).
    expect(formatFigure('count', 1)).toBe('1')
    expect(formatFigure('score', 5.16)).toBe('5.16')
    expect(formatFigure('rate', 0.4022)).toBe('40.22%')
    expect(formatFigure('rate', 0.018)).toBe('1.8%')
    expect(formatFigure('rate', 1)).toBe('100%')
    // A percent is a percent at any size: 0.5 is half a percent, 250 two and a half times.
    expect(formatFigure('percent', 0.5)).toBe('0.5%')
    expect(formatFigure('percent', 72.08)).toBe('72.08%')
    expect(formatFigure('percent', 250)).toBe('250%')
    // 135250 s = 37 h 34 min 10 s; 200000 s = 2 d 7 h 33 min.
    expect(formatFigure('duration', 135250)).toBe('37h 34m')
    expect(formatFigure('duration', 200000)).toBe('2d 7h')
    expect(formatFigure('duration', 65)).toBe('1m 05s')
    expect(formatFigure('change', 0.125)).toBe('+12.5%')
    expect(formatFigure('change', -0.5)).toBe('−50%')
    expect(formatFigure('money', 1234.5)).toBe('1,234.50')
    // Ids as written, without thousands separators.
    expect(formatFigure('id', 12345)).toBe('12345')
    // Of no declared kind: the plain number, never a guess.
    expect(formatFigure(null, 1)).toBe('1')
    expect(formatFigure(null, 0.4022)).toBe('0.4')
  })

  it('formats changes with a sign and one decimal', () => {
    expect(formatChangePercent(0.1)).toBe('+10.0 %')
    expect(formatChangePercent(-0.4438)).toBe('\u221244.4 %')
    expect(formatChangePercent(0.0426)).toBe('+4.3 %')
    expect(formatChangePercent(0)).toBe('0.0 %')
    expect(formatChangePercent(0.00001)).toBe('0.0 %')
    expect(formatChangePercent(Number.NaN)).toBe('–')
  })
})

describe('CSV', () => {
  it('neutralizes text that a spreadsheet would run', () => {
    expect(neutralizeCsvCell('=1+1')).toBe("'=1+1")
    expect(neutralizeCsvCell('+cmd')).toBe("'+cmd")
    expect(neutralizeCsvCell('-2+3')).toBe("'-2+3")
    expect(neutralizeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(neutralizeCsvCell('\tx')).toBe("'\tx")
    expect(neutralizeCsvCell('\rx')).toBe("'\rx")
  })

  it('leaves numbers, null and plain text alone', () => {
    expect(neutralizeCsvCell(-5)).toBe(-5)
    expect(neutralizeCsvCell(0)).toBe(0)
    expect(neutralizeCsvCell(null)).toBeNull()
    expect(neutralizeCsvCell('Spring Sale')).toBe('Spring Sale')
    expect(neutralizeCsvCell('a=b')).toBe('a=b')
    expect(neutralizeCsvCell('')).toBe('')
  })

  it('quotes fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('\rx')).toBe('"\'\rx"')
    expect(csvField('\tx')).toBe("'\tx")
    expect(csvField(-5)).toBe('-5')
    expect(csvField(0.1234)).toBe('0.1234')
    expect(csvField(null)).toBe('')
    expect(csvField(Number.NaN)).toBe('')
  })

  it('writes a block with CRLF line ends and an optional BOM', () => {
    const block = {
      columns: ['label', 'count', 'note'],
      rows: [
        ['=1+1', -5, null],
        ['Acme, Inc.', 1234.5, '@SUM(A1)'],
        ['-2+3', 0, 'ok'],
      ],
    }
    const body =
      'label,count,note\r\n' +
      "'=1+1,-5,\r\n" +
      '"Acme, Inc.",1234.5,\'@SUM(A1)\r\n' +
      "'-2+3,0,ok\r\n"
    expect(blockCsv(block, { bom: false })).toBe(body)
    expect(blockCsv(block, { bom: true })).toBe(`\uFEFF${body}`)
    expect(blockCsv({ columns: ['a'], rows: [] }, { bom: false })).toBe('a\r\n')
  })
})
