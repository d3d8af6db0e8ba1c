/**
 * Turns what the user named (dataset folders, `.zip` files of one, single
 * entity files) into a list of entity files with their text. A dataset holds
 * one file per entity named after it (`contacts.csv`, `bookings.json`, ...);
 * any other file name is an error, not silently skipped. Operating-system
 * litter (dot files, `__MACOSX/`) is not data and is ignored.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { unzipSync } from 'fflate'
import { findEntity, type EntityName } from '../../../src-shared/domain/entities'
import type { ImportIssue } from '../errors'

/** The formats of DATA.md. */
export type FileFormat = 'csv' | 'ndjson' | 'json'

/** One entity file, read and decoded. */
export interface ImportFile {
  /** The name messages use: the path given, or `archive.zip/contacts.csv`. */
  readonly name: string
  readonly entity: EntityName
  readonly format: FileFormat
  /** The decoded text, BOM removed. */
  readonly text: string
}

/** What the user asked to import. */
export interface ImportInput {
  /** A dataset folder, a `.zip` of one, or a single entity file. */
  readonly path: string
  /** The entity of a single file whose name does not say it. */
  readonly entity?: string
}

const FORMATS: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function isLitter(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')
}

function decode(name: string, bytes: Uint8Array, issues: ImportIssue[]): string | null {
  try {
    const text = utf8.decode(bytes)
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  } catch {
    issues.push({ file: name, line: 0, column: 0, reason: 'not UTF-8 text' })
    return null
  }
}

/** The entity and format a dataset file name stands for, or a reason it does not. */
function classify(
  fileName: string,
  entityOverride?: string,
): { entity: EntityName; format: FileFormat } | string {
  const extension = extname(fileName).toLowerCase()
  const format = FORMATS[extension]
  if (format === undefined) {
    return `unknown file type ${JSON.stringify(extension || fileName)} (expected .csv, .ndjson or .json)`
  }
  const stem = basename(fileName, extname(fileName))
  const entityName = entityOverride ?? stem
  const entity = findEntity(entityName)
  if (entity === undefined) {
    return entityOverride === undefined
      ? `unknown file ${JSON.stringify(fileName)}: the name must be an entity (contacts.csv, bookings.json, ...); use --entity for a single file`
      : `unknown entity ${JSON.stringify(entityOverride)}`
  }
  return { entity: entity.name, format }
}

function addFile(
  files: ImportFile[],
  issues: ImportIssue[],
  name: string,
  bytes: Uint8Array,
  entityOverride?: string,
): void {
  const kind = classify(basename(name), entityOverride)
  if (typeof kind === 'string') {
    issues.push({ file: name, line: 0, column: 0, reason: kind })
    return
  }
  const text = decode(name, bytes, issues)
  if (text !== null) files.push({ name, ...kind, text })
}

function readZip(path: string, files: ImportFile[], issues: ImportIssue[]): void {
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(readFileSync(path))
  } catch (error) {
    issues.push({
      file: path,
      line: 0,
      column: 0,
      reason: `not a readable .zip: ${(error as Error).message}`,
    })
    return
  }
  const names = Object.keys(entries).filter((name) => !name.endsWith('/') && !isLitter(name))
  // A zip "of a folder" holds everything under one top folder: look through it.
  const tops = new Set(names.map((name) => (name.includes('/') ? name.split('/')[0] : '')))
  const strip = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : ''
  for (const name of names) {
    const inner = name.slice(strip.length)
    const display = `${path}/${inner}`
    if (inner.includes('/')) {
      issues.push({
        file: display,
        line: 0,
        column: 0,
        reason: 'unexpected nested folder in the dataset',
      })
      continue
    }
    addFile(files, issues, display, entries[name]!)
  }
}

/** Reads every input; problems with names and encodings come back as issues. */
export function readInputs(inputs: readonly ImportInput[]): {
  files: ImportFile[]
  issues: ImportIssue[]
} {
  const files: ImportFile[] = []
  const issues: ImportIssue[] = []
  for (const input of inputs) {
    let isFolder: boolean
    try {
      isFolder = statSync(input.path).isDirectory()
    } catch {
      issues.push({ file: input.path, line: 0, column: 0, reason: 'no such file or folder' })
      continue
    }
    if (isFolder) {
      const names = readdirSync(input.path)
        .filter((name) => !isLitter(name))
        .sort()
      if (names.length === 0) {
        issues.push({
          file: input.path,
          line: 0,
          column: 0,
          reason: 'the folder holds no entity files',
        })
      }
      for (const name of names) {
        const full = join(input.path, name)
        if (statSync(full).isDirectory()) {
          issues.push({
            file: full,
            line: 0,
            column: 0,
            reason: 'unexpected nested folder in the dataset',
          })
          continue
        }
        addFile(files, issues, full, readFileSync(full))
      }
    } else if (extname(input.path).toLowerCase() === '.zip') {
      readZip(input.path, files, issues)
    } else {
      addFile(files, issues, input.path, readFileSync(input.path), input.entity)
    }
  }
  return { files, issues }
}
