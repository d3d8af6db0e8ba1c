/**
 * Turns what the user named (dataset folders, `.zip` files of one, single entity files) into
 * the list of entity files to import, each read only when its turn comes, so an import holds
 * one file's text at a time. A dataset holds one file per entity named after it
 * (`contacts.csv`, `bookings.json`, ...); any other file name is an error, not silently
 * skipped. Operating-system litter (dot files, `__MACOSX/`) is not data and is ignored.
 *
 * Only regular files are read. A FIFO, socket or device (or a symbolic link to one) is refused
 * by name from its `stat`, before anything opens it: opening a FIFO blocks until a writer comes,
 * and /dev/zero never ends. Files are opened non-blocking and checked again once open, so one
 * swapped in between cannot slip through. A symbolic link to a regular file is followed.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
} from 'node:fs'
import type { Stats } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { findEntity, type EntityName } from '../../../src-shared/domain/entities'
import type { ImportIssue } from '../errors'
import {
  DEFAULT_ZIP_LIMITS,
  formatBytes,
  ImportRefused,
  MAX_FILE_BYTES,
  ZipArchive,
  ZipUnreadable,
  type ZipEntry,
  type ZipLimits,
} from './archive'
import type { IssueSink } from './formats'

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

/** One entity file to import, not read yet. */
export interface ImportSource {
  readonly name: string
  readonly entity: EntityName
  readonly format: FileFormat
  /** Its size as the file system or the archive's index says: for progress estimates only. */
  readonly declaredBytes: number
  /**
   * Reads and decodes the file. Answers null after reporting to `issues` why it is not
   * readable text; throws ImportRefused past a size limit.
   */
  load(issues: IssueSink): ImportFile | null
}

/** What the user asked to import. */
export interface ImportInput {
  /** A dataset folder, a `.zip` of one, or a single entity file. */
  readonly path: string
  /** The entity of a single file whose name does not say it. */
  readonly entity?: string
  /** Limits on a `.zip` (the defaults where absent). */
  readonly limits?: Partial<ZipLimits>
}

/** The inputs, listed: their files, the problems with names and kinds, and a way to let go. */
export interface ReadInputs {
  readonly sources: ImportSource[]
  readonly issues: ImportIssue[]
  /** Closes the archives held open for their entries. */
  close(): void
}

const FORMATS: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
// Windows has no O_NONBLOCK (and no FIFOs in the file system).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)
const REGULAR_ONLY = 'only regular files are imported'

function isLitter(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')
}

function fileIssue(file: string, reason: string): ImportIssue {
  return { file, line: 0, column: 0, reason }
}

/** `a FIFO`, `a character device`, ...: what a non-regular file is, for messages. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isDirectory()) return 'a folder'
  return 'not a file'
}

/** `no such file or folder`, or `cannot be read: EACCES` and the like. */
function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' ? 'no such file or folder' : `cannot be read: ${code ?? String(error)}`
}

/** What a path is, from its stat (following a symbolic link), without opening it. */
type PathKind =
  { kind: 'file'; size: number } | { kind: 'folder' } | { kind: 'refused'; reason: string }

function pathKind(path: string): PathKind {
  let own: Stats
  try {
    own = lstatSync(path)
  } catch (error) {
    return { kind: 'refused', reason: unreadable(error) }
  }
  let stats = own
  let via = ''
  if (own.isSymbolicLink()) {
    try {
      // stat follows the link without opening what it points at.
      stats = statSync(path)
    } catch {
      return { kind: 'refused', reason: 'a symbolic link to nothing' }
    }
    via = 'a symbolic link to '
  }
  if (stats.isDirectory()) return { kind: 'folder' }
  if (stats.isFile()) return { kind: 'file', size: stats.size }
  return { kind: 'refused', reason: `not a regular file (${via}${kindOf(stats)}); ${REGULAR_ONLY}` }
}

/**
 * Opens a regular file non-blocking and checks it is still one once open. Answers the fd and
 * size, or why not.
 */
function openRegular(path: string): { fd: number; size: number } | string {
  const kind = pathKind(path)
  if (kind.kind === 'refused') return kind.reason
  if (kind.kind === 'folder') return 'unexpected nested folder in the dataset'
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    return unreadable(error)
  }
  const stats = fstatSync(fd)
  if (!stats.isFile()) {
    closeSync(fd)
    return `not a regular file (${kindOf(stats)}); ${REGULAR_ONLY}`
  }
  return { fd, size: stats.size }
}

function tooLarge(name: string): ImportRefused {
  return new ImportRefused(
    `${name}: larger than ${formatBytes(MAX_FILE_BYTES)}, the most one file can hold; split it into several files`,
  )
}

/** Reads a regular file whole, counting what is actually read (it may grow meanwhile). */
function readRegular(name: string, fd: number, size: number): Uint8Array {
  if (size > MAX_FILE_BYTES) throw tooLarge(name)
  const chunks: Buffer[] = []
  let total = 0
  let buffer = Buffer.allocUnsafe(Math.max(size, 1))
  let filled = 0
  for (;;) {
    if (filled === buffer.length) {
      chunks.push(buffer)
      buffer = Buffer.allocUnsafe(1 << 20)
      filled = 0
    }
    const n = readSync(fd, buffer, filled, buffer.length - filled, null)
    if (n === 0) break
    filled += n
    total += n
    if (total > MAX_FILE_BYTES) throw tooLarge(name)
  }
  chunks.push(buffer.subarray(0, filled))
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)
}

/** The byte offset of the first byte that is not well-formed UTF-8 (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const length = bytes.length
  let at = 0
  while (at < length) {
    const lead = bytes[at]!
    if (lead < 0x80) {
      at++
      continue
    }
    let need: number
    let low = 0x80
    let high = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) need = 1
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2
      if (lead === 0xe0) low = 0xa0
      if (lead === 0xed) high = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3
      if (lead === 0xf0) low = 0x90
      if (lead === 0xf4) high = 0x8f
    } else return at
    for (let index = 1; index <= need; index++) {
      const next = bytes[at + index]
      if (
        next === undefined ||
        next < (index === 1 ? low : 0x80) ||
        next > (index === 1 ? high : 0xbf)
      )
        return at
    }
    at += need + 1
  }
  return -1
}

function decode(name: string, bytes: Uint8Array, issues: IssueSink): string | null {
  try {
    const text = utf8.decode(bytes)
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  } catch {
    const bad = firstInvalidUtf8(bytes)
    let line = 1
    let lineStart = 0
    for (let at = bytes.indexOf(0x0a); at !== -1 && at < bad; at = bytes.indexOf(0x0a, at + 1)) {
      line++
      lineStart = at + 1
    }
    // The column counts characters: every byte that does not continue a UTF-8 sequence.
    let column = 1
    for (let at = lineStart; at < bad; at++) if ((bytes[at]! & 0xc0) !== 0x80) column++
    const byte = (bytes[bad] ?? 0).toString(16).padStart(2, '0')
    issues.add({ file: name, line, column, reason: `not UTF-8 text (byte 0x${byte})` })
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

/** Why a name inside an archive is refused outright (zip-slip and the like), or null. */
function unsafeEntryName(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the entry name holds a control character'
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) {
    return 'an absolute path in the archive; entries must stay inside it'
  }
  if (name.split(/[/\\]/).includes('..')) {
    return 'the entry name leaves the archive ("..", a zip-slip name); refused'
  }
  return null
}

function regularSource(
  path: string,
  size: number,
  kind: { entity: EntityName; format: FileFormat },
): ImportSource {
  return {
    name: path,
    ...kind,
    declaredBytes: size,
    load(issues) {
      const opened = openRegular(path)
      if (typeof opened === 'string') {
        issues.add(fileIssue(path, opened))
        return null
      }
      let bytes: Uint8Array
      try {
        bytes = readRegular(path, opened.fd, opened.size)
      } finally {
        closeSync(opened.fd)
      }
      const text = decode(path, bytes, issues)
      return text === null ? null : { name: path, ...kind, text }
    },
  }
}

function readFolder(path: string, sources: ImportSource[], issues: ImportIssue[]): void {
  let all: string[]
  try {
    all = readdirSync(path)
  } catch (error) {
    issues.push(fileIssue(path, unreadable(error)))
    return
  }
  const names = all.filter((name) => !isLitter(name)).sort()
  if (names.length === 0) issues.push(fileIssue(path, 'the folder holds no entity files'))
  for (const name of names) {
    const full = join(path, name)
    const kind = pathKind(full)
    if (kind.kind === 'refused') {
      issues.push(fileIssue(full, kind.reason))
    } else if (kind.kind === 'folder') {
      issues.push(fileIssue(full, 'unexpected nested folder in the dataset'))
    } else {
      const entity = classify(name)
      if (typeof entity === 'string') issues.push(fileIssue(full, entity))
      else sources.push(regularSource(full, kind.size, entity))
    }
  }
}

function readZip(
  path: string,
  limits: ZipLimits,
  sources: ImportSource[],
  issues: ImportIssue[],
  archives: ZipArchive[],
): void {
  const opened = openRegular(path)
  if (typeof opened === 'string') {
    issues.push(fileIssue(path, opened))
    return
  }
  let archive: ZipArchive
  try {
    archive = ZipArchive.open(opened.fd, path, opened.size, limits)
  } catch (error) {
    if (!(error instanceof ZipUnreadable)) throw error
    issues.push(fileIssue(path, `not a readable .zip: ${error.message}`))
    return
  }
  archives.push(archive)
  const wanted: ZipEntry[] = []
  let refusedNames = false
  for (const entry of archive.entries) {
    const unsafe = unsafeEntryName(entry.name)
    if (unsafe !== null) {
      issues.push(fileIssue(`${path}/${entry.name}`, unsafe))
      refusedNames = true
    } else if (!entry.name.endsWith('/') && !isLitter(entry.name)) wanted.push(entry)
  }
  if (wanted.length === 0 && !refusedNames) {
    issues.push(fileIssue(path, 'the archive holds no entity files'))
    return
  }
  // A zip "of a folder" holds everything under one top folder: look through it.
  const tops = new Set(
    wanted.map((entry) => (entry.name.includes('/') ? entry.name.split('/')[0] : '')),
  )
  const strip = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : ''
  for (const entry of wanted) {
    const inner = entry.name.slice(strip.length)
    const display = `${path}/${inner}`
    if (inner.includes('/')) {
      issues.push(fileIssue(display, 'unexpected nested folder in the dataset'))
      continue
    }
    const kind = classify(inner)
    if (typeof kind === 'string') {
      issues.push(fileIssue(display, kind))
      continue
    }
    sources.push({
      name: display,
      ...kind,
      declaredBytes: entry.claimedSize,
      load(sink) {
        let bytes: Uint8Array
        try {
          bytes = archive.readEntry(entry)
        } catch (error) {
          if (!(error instanceof ZipUnreadable)) throw error
          sink.add(fileIssue(display, error.message))
          return null
        }
        const text = decode(display, bytes, sink)
        return text === null ? null : { name: display, ...kind, text }
      },
    })
  }
}

/** Lists every input's files; problems with names and kinds of file come back as issues. */
export function readInputs(inputs: readonly ImportInput[]): ReadInputs {
  const sources: ImportSource[] = []
  const issues: ImportIssue[] = []
  const archives: ZipArchive[] = []
  const close = (): void => {
    for (const archive of archives.splice(0)) archive.close()
  }
  try {
    for (const input of inputs) {
      const kind = pathKind(input.path)
      if (kind.kind === 'refused') issues.push(fileIssue(input.path, kind.reason))
      else if (kind.kind === 'folder') readFolder(input.path, sources, issues)
      else if (extname(input.path).toLowerCase() === '.zip') {
        readZip(input.path, { ...DEFAULT_ZIP_LIMITS, ...input.limits }, sources, issues, archives)
      } else {
        const entity = classify(basename(input.path), input.entity)
        if (typeof entity === 'string') issues.push(fileIssue(input.path, entity))
        else sources.push(regularSource(input.path, kind.size, entity))
      }
    }
  } catch (error) {
    close()
    throw error
  }
  return { sources, issues, close }
}
