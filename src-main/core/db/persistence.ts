/**
 * Saving and opening database files as DATA.md "Saving" says. A save writes a
 * temporary file in the same folder, fsyncs it, keeps the previous file as
 * `<db>.bak` (a hard link, so keeping it costs no copy), renames the new file
 * over the old one and fsyncs the folder: a crash at any moment leaves the old
 * or the new database, never a torn one. A file that does not open is never
 * written over.
 *
 * Opening checks the SQLite header and size, then the database itself. The
 * full `PRAGMA integrity_check` is slow on large files (about 2 s at a million
 * events), so after every save we record the SHA-256 of the bytes we wrote in
 * `<db>.verified`; a file whose hash matches is byte for byte what a healthy
 * database exported and gets the quick check only. Any other file (copied in,
 * edited, bit-rotted) gets the full integrity check.
 */
import { createHash } from 'node:crypto'
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { basename, dirname } from 'node:path'
import { DatabaseUnreadable } from '../errors'
import { Sqlite } from './sqlite'

const SQLITE_MAGIC = 'SQLite format 3\0'

export const backupPath = (file: string): string => `${file}.bak`
const verifiedPath = (file: string): string => `${file}.verified`

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Why these bytes cannot be a whole SQLite database, or null when they can. */
export function headerProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty'
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(16, bytes.length)).toString(
    'latin1',
  )
  if (!SQLITE_MAGIC.startsWith(head)) return 'not a SQLite database'
  if (bytes.length < 100) return 'the file is truncated (shorter than a SQLite header)'
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const rawPageSize = view.getUint16(16)
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return 'corrupt header (page size)'
  const pageCount = view.getUint32(28)
  const changeCounter = view.getUint32(24)
  const validFor = view.getUint32(92)
  if (bytes.length % pageSize !== 0) return 'the file is truncated (not a whole number of pages)'
  if (validFor === changeCounter && pageCount > 0 && bytes.length < pageCount * pageSize) {
    return `the file is truncated (${bytes.length} bytes, the header says ${pageCount * pageSize})`
  }
  return null
}

/** Result of opening a file. */
export interface OpenedFile {
  readonly sqlite: Sqlite
  /** True when the file did not exist and this is a new, empty database. */
  readonly created: boolean
  /** Which check vouched for the file. */
  readonly check: 'new' | 'verified-hash' | 'integrity_check'
}

/**
 * Opens the database in `file`, or a new empty one when there is no file.
 * Throws DatabaseUnreadable (naming the backup when one exists) for a file
 * that is not a whole, healthy SQLite database; the file is not touched.
 */
export async function openDatabaseFile(file: string): Promise<OpenedFile> {
  if (!existsSync(file)) return { sqlite: await Sqlite.open(), created: true, check: 'new' }
  const bytes = readFileSync(file)
  const backup = existsSync(backupPath(file)) ? backupPath(file) : undefined
  const problem = headerProblem(bytes)
  if (problem !== null) throw new DatabaseUnreadable(file, problem, backup)
  let sqlite: Sqlite
  try {
    sqlite = await Sqlite.open(bytes)
  } catch (error) {
    throw new DatabaseUnreadable(file, (error as Error).message, backup)
  }
  let recorded: string | undefined
  try {
    recorded = readFileSync(verifiedPath(file), 'utf8').trim()
  } catch {
    recorded = undefined
  }
  const verified = recorded !== undefined && recorded === sha256(bytes)
  const pragma = verified ? 'quick_check' : 'integrity_check'
  let verdict: string
  try {
    const rows = sqlite.all<{ [key: string]: string }>(`PRAGMA ${pragma}`)
    verdict = rows.map((row) => Object.values(row)[0]).join('; ')
  } catch (error) {
    verdict = (error as Error).message
  }
  if (verdict !== 'ok') {
    sqlite.close()
    throw new DatabaseUnreadable(file, `PRAGMA ${pragma} failed: ${verdict.slice(0, 200)}`, backup)
  }
  return { sqlite, created: false, check: verified ? 'verified-hash' : 'integrity_check' }
}

/**
 * Sextant's `PRAGMA application_id` ("Sxt1"), set by migration 007: another program's SQLite
 * file is told apart by its header instead of being migrated into a Sextant database.
 */
export const SEXTANT_APPLICATION_ID = 0x53787431

/** Tables of migration 001: a database from before migration 007 has every one of them. */
const FIRST_TABLES = ['contacts', 'contact_events', 'bookings', 'campaigns', 'calls']

/**
 * Why an open SQLite database is not Sextant's, or null when it is (or is empty, so Sextant may
 * make it its own). Another application's file is refused rather than silently migrated.
 */
export function foreignDatabase(sqlite: Sqlite): string | null {
  const id = Number(sqlite.get<{ application_id: number }>('PRAGMA application_id')?.application_id)
  if (id === SEXTANT_APPLICATION_ID) return null
  if (id !== 0) {
    return `it is another application's SQLite database (application_id 0x${(id >>> 0).toString(16)}), not a Sextant database`
  }
  const tables = sqlite
    .all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .map((row) => row.name)
  if (tables.length === 0 && sqlite.version === 0) return null
  const missing = FIRST_TABLES.filter((name) => !tables.includes(name))
  if (sqlite.version > 0 && missing.length === 0) return null
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', ...' : '')
  return `it is a SQLite database of another application (tables: ${shown || 'none'}; schema version ${sqlite.version}), not a Sextant database`
}

function fsyncFolder(folder: string): void {
  let fd: number | undefined
  try {
    fd = openSync(folder, 'r')
    fsyncSync(fd)
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** Writes and fsyncs `path`; on failure (a full disk) the partial file is removed. */
function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'w', 0o600)
  try {
    // One write call moves at most 2 GiB: write in slices so large databases save.
    let offset = 0
    while (offset < bytes.length) {
      offset += writeSync(fd, bytes, offset, Math.min(bytes.length - offset, 1 << 30))
    }
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(path, { force: true })
    throw error
  }
  closeSync(fd)
}

/** Keeps the current file as `<db>.bak`, by hard link where the file system allows. */
function keepBackup(file: string): void {
  if (!existsSync(file)) return
  const pending = `${dirname(file)}/.${basename(file)}.bak.tmp-${process.pid}`
  rmSync(pending, { force: true })
  try {
    linkSync(file, pending)
  } catch {
    copyFileSync(file, pending)
  }
  renameSync(pending, backupPath(file))
}

/**
 * Removes temporary files that writers killed mid-save left beside the database. Only the
 * lock holder saves, so no live writer owns any of them.
 */
export function removeLeftovers(file: string): void {
  const prefix = `.${basename(file)}.`
  let names: string[]
  try {
    names = readdirSync(dirname(file))
  } catch {
    return
  }
  for (const name of names) {
    if (name.startsWith(prefix) && /\.tmp-\d+$/.test(name))
      rmSync(`${dirname(file)}/${name}`, { force: true })
  }
}

/**
 * Writes `bytes` as the new content of `file`, atomically and durably, keeping
 * the previous content as the backup. Only call this for a file that opened
 * (or did not exist): the caller owns that rule.
 */
export function saveDatabaseFile(file: string, bytes: Uint8Array): void {
  const folder = dirname(file)
  removeLeftovers(file)
  const temporary = `${folder}/.${basename(file)}.tmp-${process.pid}`
  writeDurably(temporary, bytes)
  keepBackup(file)
  renameSync(temporary, file)
  fsyncFolder(folder)
  // After the rename: a crash before this line leaves the old hash, so the
  // next open runs the full check, which is safe.
  const verifiedTemporary = `${folder}/.${basename(file)}.verified.tmp-${process.pid}`
  try {
    writeFileSync(verifiedTemporary, sha256(bytes), { mode: 0o600 })
    renameSync(verifiedTemporary, verifiedPath(file))
  } catch {
    // The database is saved; without a fresh hash the next open runs the full check, which is
    // safe. A stale hash must not vouch for the new bytes, so it goes.
    rmSync(verifiedTemporary, { force: true })
    rmSync(verifiedPath(file), { force: true })
  }
}
