/**
 * Which picked files need an entity before they can be imported: as the importer reads names,
 * a data file (.csv, .tsv, .ndjson, .jsonl, .json) is the entity its name says
 * (`contacts.tsv`); one named otherwise (`export.tsv`) needs its entity picked. A `.zip` names
 * its entities inside; a file of another type is refused by the importer whatever it is called.
 */
import { ENTITY_NAMES } from '../../../../src-shared/domain/entities'

/** The extensions the importer reads, as the file picker offers them. */
export const DATA_EXTENSIONS = ['.csv', '.tsv', '.json', '.ndjson', '.jsonl'] as const

/** The file picker's `accept`: the data files and `.zip`. */
export const ACCEPT = [...DATA_EXTENSIONS, '.zip'].join(',')

/** True when `fileName` is a data file whose name is no entity. */
export function needsEntity(fileName: string): boolean {
  const dot = fileName.lastIndexOf('.')
  if (dot <= 0) return false
  const extension = fileName.slice(dot).toLowerCase()
  if (!(DATA_EXTENSIONS as readonly string[]).includes(extension)) return false
  return !(ENTITY_NAMES as readonly string[]).includes(fileName.slice(0, dot))
}
