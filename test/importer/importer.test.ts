// Rule (DATA.md): a dataset folder holding one file per entity, in any mix of CSV, NDJSON and
// JSON, is imported whole: every record of every entity lands in its table with the declared
// types (timestamps as epoch ms UTC, empty = NULL, enums in their stored spelling, call outcomes
// normalised), references are resolved in entity order, and the result counts each entity.
import { describe, expect, it } from 'vitest'
import { ENTITY_NAMES } from '../../src-shared/domain/entities'
import { fixture, importOk, openDb, rows } from './helpers'

const GOOD = fixture('good-basic')

const RECORDS: Readonly<Record<string, number>> = {
  workspaces: 2,
  contacts: 3,
  rooms: 2,
  recordings: 2,
  booking_pages: 1,
  contact_events: 2,
  campaigns: 2,
  enrollments: 2,
  ab_tests: 1,
  ab_variants: 2,
  messages: 2,
  organisations: 1,
  spaces: 2,
  tasks: 2,
  calls: 5,
  hosts: 2,
  calendar_events: 1,
  bookings: 3,
  booking_activities: 2,
}

describe('good-basic: a dataset with every entity', () => {
  it('reports one count per entity, in import order, all added', async () => {
    const db = await openDb()
    const result = importOk(db, GOOD)
    expect(result.entities).toEqual(
      ENTITY_NAMES.map((entity) => ({
        entity,
        records: RECORDS[entity],
        added: RECORDS[entity],
        updated: 0,
      })),
    )
    expect(result.records).toBe(39)
  })

  it('stores the workspace side with exact values', async () => {
    const db = await openDb()
    importOk(db, GOOD)
    expect(rows(db, 'workspaces')).toEqual([
      { id: 'w1', name: 'Acme', created_at: Date.UTC(2026, 0, 5, 9, 0, 0) },
      { id: 'w2', name: 'Globex', created_at: Date.UTC(2026, 0, 6) },
    ])
    expect(rows(db, 'contacts')).toEqual([
      {
        id: 'c1',
        workspace_id: 'w1',
        email: 'ann@example.com',
        first_name: 'Ann',
        last_name: 'Lee',
        created_at: Date.UTC(2026, 1, 1, 10),
      },
      {
        id: 'c2',
        workspace_id: 'w1',
        email: null,
        first_name: 'Bob',
        last_name: null,
        created_at: Date.UTC(2026, 1, 2, 8, 30),
      },
      {
        id: 'c3',
        workspace_id: 'w2',
        email: 'cy@example.com',
        first_name: 'Cy',
        last_name: 'Ng',
        created_at: Date.UTC(2026, 1, 3, 10),
      },
    ])
    expect(rows(db, 'rooms')).toEqual([
      {
        id: 1,
        workspace_id: 'w1',
        name: 'standup',
        display_name: 'Daily standup',
        created_at: Date.UTC(2026, 0, 10, 8),
      },
      {
        id: 2,
        workspace_id: 'w2',
        name: 'sales',
        display_name: null,
        created_at: Date.UTC(2026, 0, 11, 8),
      },
    ])
    expect(rows(db, 'recordings')).toEqual([
      { id: 10, room_id: 1, duration: 1800, created_at: Date.UTC(2026, 0, 12, 9) },
      { id: 11, room_id: 2, duration: 0, created_at: Date.UTC(2026, 0, 13, 9) },
    ])
    expect(rows(db, 'booking_pages')).toEqual([
      {
        id: 100,
        workspace_id: 'w1',
        title: 'Intro call',
        slug: 'intro',
        created_at: Date.UTC(2026, 0, 15),
      },
    ])
    expect(rows(db, 'contact_events')).toEqual([
      {
        id: 'e1',
        workspace_id: 'w1',
        contact_id: 'c1',
        visitor_id: null,
        event_type: 'room_join',
        room_id: 1,
        booking_page_id: null,
        utm_source: 'google',
        utm_medium: 'cpc',
        utm_campaign: 'spring',
        created_at: Date.UTC(2026, 1, 10, 10),
      },
      {
        id: 'e2',
        workspace_id: 'w1',
        contact_id: null,
        visitor_id: 'v9',
        event_type: 'booking',
        room_id: null,
        booking_page_id: 100,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        created_at: Date.UTC(2026, 1, 11, 10),
      },
    ])
  })

  it('stores campaigns, enrollments, tests, variants and messages with canonical enums', async () => {
    const db = await openDb()
    importOk(db, GOOD)
    expect(rows(db, 'campaigns')).toEqual([
      {
        id: 'cmp1',
        workspace_id: 'w1',
        name: 'Spring',
        status: 'ACTIVE',
        created_at: Date.UTC(2026, 1, 1),
      },
      {
        id: 'cmp2',
        workspace_id: 'w1',
        name: 'Winter',
        status: 'ARCHIVED',
        created_at: Date.UTC(2026, 0, 1),
      },
    ])
    expect(rows(db, 'enrollments')).toEqual([
      {
        id: 'en1',
        campaign_id: 'cmp1',
        contact_id: 'c1',
        status: 'ACTIVE',
        enrolled_at: Date.UTC(2026, 1, 5),
        completed_at: null,
      },
      {
        id: 'en2',
        campaign_id: 'cmp1',
        contact_id: 'c2',
        status: 'COMPLETED',
        enrolled_at: Date.UTC(2026, 1, 5),
        completed_at: Date.UTC(2026, 1, 20),
      },
    ])
    expect(rows(db, 'ab_tests')).toEqual([{ id: 't1', campaign_id: 'cmp1', name: 'Subject line' }])
    expect(rows(db, 'ab_variants')).toEqual([
      { id: 'va', ab_test_id: 't1', name: 'A' },
      { id: 'vb', ab_test_id: 't1', name: 'B' },
    ])
    expect(rows(db, 'messages')).toEqual([
      {
        id: 'm1',
        workspace_id: 'w1',
        campaign_id: 'cmp1',
        contact_id: 'c1',
        variant_id: 'va',
        channel: 'EMAIL',
        status: 'OPENED',
        created_at: Date.UTC(2026, 1, 6, 9),
        sent_at: Date.UTC(2026, 1, 6, 9, 0, 5),
        delivered_at: Date.UTC(2026, 1, 6, 9, 0, 9),
        opened_at: Date.UTC(2026, 1, 6, 10),
        clicked_at: null,
      },
      {
        id: 'm2',
        workspace_id: 'w1',
        campaign_id: null,
        contact_id: null,
        variant_id: null,
        channel: 'IN_APP',
        status: 'QUEUED',
        created_at: Date.UTC(2026, 1, 7, 9),
        sent_at: null,
        delivered_at: null,
        opened_at: null,
        clicked_at: null,
      },
    ])
  })

  it('stores the organisation side, normalising task status and call outcomes', async () => {
    const db = await openDb()
    importOk(db, GOOD)
    expect(rows(db, 'organisations')).toEqual([
      { id: 'o1', name: 'Initech', domain_handle: 'initech', created_at: Date.UTC(2026, 0, 2) },
    ])
    expect(rows(db, 'spaces')).toEqual([
      {
        id: 's1',
        organisation_id: 'o1',
        token: 'tok-1',
        name: 'Leads',
        content_type: 'contact',
        created_at: Date.UTC(2026, 0, 3),
      },
      {
        id: 's2',
        organisation_id: 'o1',
        token: 'tok-2',
        name: 'Docs',
        content_type: 'document',
        created_at: Date.UTC(2026, 0, 3),
      },
    ])
    expect(rows(db, 'tasks')).toEqual([
      {
        id: 'k1',
        space_id: 's1',
        run_id: 'r1',
        status: 'in_progress',
        created_at: Date.UTC(2026, 2, 1, 10),
      },
      {
        id: 'k2',
        space_id: 's1',
        run_id: null,
        status: 'completed',
        created_at: Date.UTC(2026, 2, 1, 11),
      },
    ])
    expect(rows(db, 'calls')).toEqual([
      {
        id: 'call1',
        space_id: 's1',
        task_id: 'k1',
        status: 'completed',
        outcome: 'call_back',
        duration_seconds: 62.5,
        success_score: 0.8,
        created_at: Date.UTC(2026, 2, 1, 10, 5),
      },
      {
        id: 'call2',
        space_id: 's1',
        task_id: 'k1',
        status: 'completed',
        outcome: 'not_interested',
        duration_seconds: 30,
        success_score: null,
        created_at: Date.UTC(2026, 2, 1, 10, 10),
      },
      {
        id: 'call3',
        space_id: 's1',
        task_id: null,
        status: 'not_connected',
        outcome: 'interested',
        duration_seconds: null,
        success_score: null,
        created_at: Date.UTC(2026, 2, 1, 10, 15),
      },
      {
        id: 'call4',
        space_id: 's1',
        task_id: 'k2',
        status: 'failed',
        outcome: 'voicemail_left',
        duration_seconds: 0,
        success_score: 0,
        created_at: Date.UTC(2026, 2, 1, 10, 20),
      },
      {
        id: 'call5',
        space_id: 's2',
        task_id: null,
        status: 'in_progress',
        outcome: null,
        duration_seconds: null,
        success_score: null,
        created_at: Date.UTC(2026, 2, 1, 10, 25),
      },
    ])
  })

  it('stores the booking side, with a dangling event_id and a forward parent_id', async () => {
    const db = await openDb()
    importOk(db, GOOD)
    expect(rows(db, 'hosts')).toEqual([
      { id: 1, name: 'Dana', email: 'dana@example.com' },
      { id: 2, name: 'Eli', email: null },
    ])
    expect(rows(db, 'calendar_events')).toEqual([
      { id: 7, host_id: 1, title: '30 min meeting', duration_minutes: 30 },
    ])
    expect(rows(db, 'bookings')).toEqual([
      {
        id: 500,
        event_id: 7,
        host_id: 1,
        group_id: 'g1',
        status: 'completed',
        first_name: 'Fay',
        last_name: 'Ode',
        email: 'fay@example.com',
        start_time: Date.UTC(2026, 2, 10, 14),
        end_time: Date.UTC(2026, 2, 10, 14, 30),
        created_at: Date.UTC(2026, 2, 1, 9),
      },
      {
        id: 501,
        event_id: 999,
        host_id: 1,
        group_id: 'g1',
        status: 'scheduled',
        first_name: 'Gus',
        last_name: null,
        email: null,
        start_time: Date.UTC(2026, 2, 10, 14),
        end_time: Date.UTC(2026, 2, 10, 14, 30),
        created_at: Date.UTC(2026, 2, 1, 9, 5),
      },
      {
        id: 502,
        event_id: null,
        host_id: null,
        group_id: null,
        status: 'no_show',
        first_name: null,
        last_name: null,
        email: null,
        start_time: Date.UTC(2026, 2, 11, 9),
        end_time: Date.UTC(2026, 2, 11, 9, 30),
        created_at: Date.UTC(2026, 2, 2),
      },
    ])
    expect(rows(db, 'booking_activities')).toEqual([
      {
        id: 900,
        booking_id: 500,
        parent_id: 901,
        created_by: 1,
        status: 'done',
        type: 'note',
        title: 'Follow-up',
        description: 'Called, left a note',
        created_at: Date.UTC(2026, 2, 10, 15),
        updated_at: Date.UTC(2026, 2, 10, 15),
      },
      {
        id: 901,
        booking_id: 500,
        parent_id: null,
        created_by: 1,
        status: 'done',
        type: 'note',
        title: 'Meeting held',
        description: null,
        created_at: Date.UTC(2026, 2, 10, 14, 30),
        updated_at: Date.UTC(2026, 2, 10, 14, 45),
      },
    ])
  })
})
