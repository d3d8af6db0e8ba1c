// Rule (issue #14 item 4): every figure the console's dashboards show as a KPI tile has a
// definition. The Overview answers its figures by key and the booking reports their widgets by
// title; each one the server answers must map to a tile definition, and the README's "What each
// figure means" must name every tile label.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BOOKING_WIDGET_TILES,
  KPI_DEFINITIONS,
  OVERVIEW_TILES,
} from '../../../src-shared/domain/kpi-definitions'
import { DbClient } from '../db/client'
import { reports } from './bookings'
import type { AnalyticsContext } from './context'
import { EventStreams } from './event-stream'
import { overview } from './overview'

describe('KPI tiles', () => {
  let db: DbClient
  let context: AnalyticsContext
  beforeEach(async () => {
    db = await DbClient.open(null)
    context = {
      db,
      now: Date.parse('2026-03-10T12:00:00Z'),
      timeZone: 'UTC',
      streams: new EventStreams(db),
    }
  })
  afterEach(async () => {
    await db.close()
  })

  it('every Overview figure the server answers has a tile definition', async () => {
    const keys = (await overview(context, 7)).kpis.map((kpi) => kpi.key)
    expect(keys).toHaveLength(13)
    expect(keys.filter((key) => OVERVIEW_TILES[key] === undefined)).toEqual([])
  })

  it('every booking widget the server answers has a tile definition', async () => {
    for (const period of [null, { start: context.now - 86_400_000, end: context.now }]) {
      const titles = (await reports(context, period)).overview.map((widget) => widget.title)
      expect(titles).toHaveLength(4)
      expect(titles.filter((title) => BOOKING_WIDGET_TILES[title] === undefined)).toEqual([])
    }
  })

  it('the README names every tile label', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const start = readme.indexOf('### What each figure means')
    expect(start).toBeGreaterThan(-1)
    const section = readme.slice(start, readme.indexOf('\n#', start + 10))
    const missing = Object.values(KPI_DEFINITIONS)
      // One line stands for the campaign status tiles ("Active now, Draft now, ...").
      .filter((definition) => !definition.id.startsWith('campaigns.status.'))
      .filter((definition) => !section.includes(`| ${definition.label} `))
      .map((definition) => definition.label)
    expect(missing).toEqual([])
    expect(section).toContain('Active now, Draft now')
  })
})
