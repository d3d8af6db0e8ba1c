// Rule (DATA.md, references and unique columns): a reference must point at a record present in
// the database after the import, whether imported earlier or in the same import (in any input
// order; a self-reference may point forward in the same file); a dangling reference is an error
// at file:line:column, except bookings.event_id, which may dangle. domain_handle and spaces.token
// are unique across the table. Only genuine problems are reported.
import { describe, expect, it } from 'vitest'
import { dump, expectIssues, fixture, importFails, importOk, openDb, rows } from './helpers'

describe('references', () => {
  it('reports dangling workspace_id, contact_id, room_id and host_id; event_id may dangle', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-dangling')), [
      {
        file: fixture('bad-dangling', 'contacts.csv'),
        line: 3,
        column: 2,
        reason: 'workspace_id: no workspaces record with id "w9"',
      },
      {
        file: fixture('bad-dangling', 'contact_events.ndjson'),
        line: 1,
        column: 1,
        reason: 'contact_id: no contacts record with id "c404"',
      },
      {
        file: fixture('bad-dangling', 'contact_events.ndjson'),
        line: 2,
        column: 1,
        reason: 'room_id: no rooms record with id 77',
      },
      {
        file: fixture('bad-dangling', 'bookings.csv'),
        line: 3,
        column: 3,
        reason: 'host_id: no hosts record with id 42',
      },
    ])
    expect(rows(db, 'workspaces')).toEqual([])
  })

  it('accepts a bookings.event_id pointing at no calendar event', async () => {
    const db = await openDb()
    importOk(db, fixture('good-dangling-event'))
    expect(rows(db, 'bookings')).toEqual([
      {
        id: 800,
        event_id: 12345,
        host_id: null,
        group_id: null,
        status: 'scheduled',
        first_name: 'Ida',
        last_name: null,
        email: null,
        start_time: Date.UTC(2026, 2, 12, 10),
        end_time: Date.UTC(2026, 2, 12, 10, 30),
        created_at: Date.UTC(2026, 2, 1),
      },
    ])
  })

  it('is satisfied by a record imported by a previous import', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('ref-step2')), [
      {
        file: fixture('ref-step2', 'contacts.csv'),
        line: 2,
        column: 2,
        reason: 'workspace_id: no workspaces record with id "w1"',
      },
    ])
    importOk(db, fixture('ref-step1'))
    expect(importOk(db, fixture('ref-step2')).entities).toEqual([
      { entity: 'contacts', records: 1, added: 1, updated: 0 },
    ])
    expect(db.all('SELECT id, workspace_id FROM contacts')).toEqual([
      { id: 'c1', workspace_id: 'w1' },
    ])
  })

  it('is satisfied by another input of the same import, whatever the input order', async () => {
    const db = await openDb()
    const result = importOk(db, fixture('ref-step2'), fixture('ref-step1'))
    expect(result.entities).toEqual([
      { entity: 'workspaces', records: 1, added: 1, updated: 0 },
      { entity: 'contacts', records: 1, added: 1, updated: 0 },
    ])
  })

  it('lets booking_activities.parent_id point at a later activity, not at a missing one', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-activity-parent')), [
      {
        file: fixture('bad-activity-parent', 'booking_activities.csv'),
        line: 4,
        column: 3,
        reason: 'parent_id: no booking_activities record with id 404',
      },
    ])
    expect(rows(db, 'booking_activities')).toEqual([])
  })

  it('lets booking_activities.parent_id point at an activity already in the database', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    importOk(db, fixture('good-activity-parent-in-db'))
    expect(db.all('SELECT id, booking_id, parent_id FROM booking_activities ORDER BY id')).toEqual([
      { id: 900, booking_id: 500, parent_id: 901 },
      { id: 901, booking_id: 500, parent_id: null },
      { id: 902, booking_id: 501, parent_id: 901 },
    ])
  })
})

describe('only genuine problems are reported', () => {
  it('does not report a reference to a valid record of the same import after another error', async () => {
    // w1 has a bad date; w2 is fine, so c1 -> w2 would be satisfied: one issue only.
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-cascade')), [
      {
        file: fixture('bad-cascade', 'workspaces.csv'),
        line: 2,
        column: 3,
        reason: 'created_at: expected an ISO 8601 timestamp',
      },
    ])
  })

  it('does not report a forward parent_id to a valid activity after another error', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-cascade-self')), [
      {
        file: fixture('bad-cascade-self', 'booking_activities.csv'),
        line: 2,
        column: 10,
        reason: 'updated_at: expected an ISO 8601 timestamp',
      },
    ])
  })
})

describe('issues come in file order', () => {
  it('reports a missing parent_id before a later bad value of the same file', async () => {
    // With the 20-issue cap, an orphan reported last could be left out of "the first errors".
    const file = fixture('bad-activity-order', 'booking_activities.csv')
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-activity-order')), [
      { file, line: 2, column: 3, reason: 'parent_id: no booking_activities record with id 404' },
      { file, line: 3, column: 10, reason: 'updated_at: expected an ISO 8601 timestamp' },
    ])
  })
})

describe('unique columns', () => {
  it('rejects a domain_handle or token used twice in one import', async () => {
    const db = await openDb()
    expectIssues(importFails(db, fixture('bad-unique')), [
      {
        file: fixture('bad-unique', 'organisations.csv'),
        line: 3,
        column: 3,
        reason: 'domain_handle: "acme" is already used by organisations "o1"',
      },
      {
        file: fixture('bad-unique', 'spaces.csv'),
        line: 3,
        column: 3,
        reason: 'token: "tok-a" is already used by spaces "s1"',
      },
    ])
    expect(rows(db, 'organisations')).toEqual([])
  })

  it('rejects a domain_handle or token already used in the database', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    const before = dump(db)
    expectIssues(importFails(db, fixture('bad-unique-db')), [
      {
        file: fixture('bad-unique-db', 'organisations.csv'),
        line: 2,
        column: 3,
        reason: 'domain_handle: "initech" is already used by organisations "o1"',
      },
      {
        file: fixture('bad-unique-db', 'spaces.csv'),
        line: 2,
        column: 3,
        reason: 'token: "tok-1" is already used by spaces "s1"',
      },
    ])
    expect(dump(db)).toEqual(before)
  })

  it('allows a value freed by an earlier import to be taken by another record', async () => {
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    importOk(db, { path: fixture('single', 'rename-initech.csv'), entity: 'organisations' })
    importOk(db, fixture('bad-unique-db', 'organisations.csv'))
    expect(db.all('SELECT id, domain_handle FROM organisations ORDER BY id')).toEqual([
      { id: 'o1', domain_handle: 'initech-old' },
      { id: 'o9', domain_handle: 'initech' },
    ])
  })

  it('allows a value freed earlier in the same import to be taken by a later record', async () => {
    // o1 moves from "initech" to "initech-old", then o9 takes "initech": unique after the import.
    const db = await openDb()
    importOk(db, fixture('good-basic'))
    importOk(db, fixture('unique-freed-same-import'))
    expect(db.all('SELECT id, domain_handle FROM organisations ORDER BY id')).toEqual([
      { id: 'o1', domain_handle: 'initech-old' },
      { id: 'o9', domain_handle: 'initech' },
    ])
  })
})
