// Rule: a capture sends the filters the dashboard shows, and only those its report reads; a
// schedule's filters are relative to each capture's day.
import { describe, expect, it } from 'vitest'
import { captureParams, filtersText, reportOfPage, scheduleParams, type Filters } from './params'

const filters: Filters = {
  days: 30,
  workspaceId: 'acme',
  organisationHandle: 'bluebird',
  spaceToken: null,
  bookingRange: null,
  today: '2026-11-23',
  campaignChoices: null,
}

describe('snapshot parameters', () => {
  it('knows which pages are reports', () => {
    expect(reportOfPage('overview')).toBe('overview')
    expect(reportOfPage('calls')).toBe('calls')
    expect(reportOfPage('data')).toBeNull()
    expect(reportOfPage('snapshots')).toBeNull()
  })

  it('sends each dashboard its own filters', () => {
    expect(captureParams('overview', filters)).toEqual({ days: 30 })
    expect(captureParams('workspace', { ...filters, days: 7 })).toEqual({
      days: 7,
      workspace: 'acme',
    })
    expect(captureParams('workspace', { ...filters, workspaceId: null })).toEqual({ days: 30 })
    // The Calls page's daily chart follows the period (issue #14 item 6).
    expect(captureParams('calls', filters)).toEqual({ days: 30, organisation: 'bluebird' })
    expect(captureParams('calls', { ...filters, spaceToken: 'sp1' })).toEqual({
      days: 30,
      organisation: 'bluebird',
      space: 'sp1',
    })
    expect(captureParams('calls', { ...filters, organisationHandle: null })).toEqual({ days: 30 })
  })

  it('sends the bookings range: the last N days up to today, or the chosen one in order', () => {
    // Nov 23 back 29 days = Oct 25 (30 days, both ends included)
    expect(captureParams('bookings', filters)).toEqual({ from: '2026-10-25', to: '2026-11-23' })
    expect(captureParams('bookings', { ...filters, days: 7 })).toEqual({
      from: '2026-11-17',
      to: '2026-11-23',
    })
    expect(
      captureParams('bookings', {
        ...filters,
        bookingRange: { from: '2026-11-10', to: '2026-11-01' },
      }),
    ).toEqual({ from: '2026-11-01', to: '2026-11-10' })
  })

  it("sends the campaigns page's choices made in the workspace shown, two steps at least", () => {
    const choices = {
      workspace: 'acme',
      campaign: 'cmp_1',
      conversion: 'signup',
      metric: 'events',
      steps: ['page_view', 'purchase'],
    }
    expect(captureParams('campaigns', { ...filters, campaignChoices: choices })).toEqual({
      days: 30,
      workspace: 'acme',
      campaign: 'cmp_1',
      conversion: 'signup',
      metric: 'events',
      steps: ['page_view', 'purchase'],
    })
    expect(
      captureParams('campaigns', { ...filters, campaignChoices: { ...choices, steps: ['one'] } }),
    ).toEqual({
      days: 30,
      workspace: 'acme',
      campaign: 'cmp_1',
      conversion: 'signup',
      metric: 'events',
    })
    // choices made in another workspace are not this one's
    expect(
      captureParams('campaigns', {
        ...filters,
        campaignChoices: { ...choices, workspace: 'globex' },
      }),
    ).toEqual({ days: 30, workspace: 'acme' })
  })

  it("gives a schedule the bookings range's length, not its dates", () => {
    expect(
      scheduleParams('bookings', {
        ...filters,
        bookingRange: { from: '2026-11-01', to: '2026-11-10' },
      }),
    ).toEqual({ days: 10 })
    expect(scheduleParams('bookings', filters)).toEqual({ days: 30 })
    expect(scheduleParams('workspace', filters)).toEqual({ days: 30, workspace: 'acme' })
  })

  it('writes the filters in one line', () => {
    expect(filtersText('overview', { days: 30 })).toBe('Period: Last 30 days')
    expect(filtersText('bookings', { days: 30, from: '2026-11-01', to: '2026-11-10' })).toBe(
      'Dates: 2026-11-01 – 2026-11-10',
    )
    expect(filtersText('campaigns', { days: 7, workspace: 'acme', steps: ['a', 'b'] })).toBe(
      'Period: Last 7 days · Workspace: acme · Funnel steps: a → b',
    )
    expect(filtersText('calls', { organisation: 'bluebird' })).toBe('Organisation: bluebird')
    expect(filtersText('overview', {})).toBe('Dashboard defaults')
  })
})
