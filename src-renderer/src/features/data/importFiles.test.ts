// Rule: the Data page asks for an entity exactly for the files the importer would refuse by
// name alone: data files whose name is not an entity; never for entity-named files or a .zip.
import { describe, expect, it } from 'vitest'
import { ACCEPT, needsEntity } from './importFiles'

describe('needsEntity', () => {
  it('entity-named data files and archives need none', () => {
    for (const name of ['contacts.csv', 'contacts.tsv', 'bookings.json', 'calls.ndjson'])
      expect(needsEntity(name), name).toBe(false)
    expect(needsEntity('contact_events.jsonl')).toBe(false)
    expect(needsEntity('dataset.zip')).toBe(false)
  })

  it('a data file named otherwise needs one, whatever the case of its extension', () => {
    expect(needsEntity('export.tsv')).toBe(true)
    expect(needsEntity('People.CSV')).toBe(true)
    // entity names are exact, as the importer matches them
    expect(needsEntity('Contacts.csv')).toBe(true)
    expect(needsEntity('contacts.backup.csv')).toBe(true)
  })

  it('files the importer refuses by type need none (no entity would help)', () => {
    expect(needsEntity('notes.txt')).toBe(false)
    expect(needsEntity('README')).toBe(false)
    expect(needsEntity('.csv')).toBe(false)
  })

  it('the picker offers .tsv beside the other formats', () => {
    expect(ACCEPT.split(',')).toEqual(['.csv', '.tsv', '.json', '.ndjson', '.jsonl', '.zip'])
  })
})
