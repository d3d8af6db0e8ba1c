/**
 * Imports the UI starts by uploading files: each runs in the background as a job the UI polls
 * for progress and, at the end, for the result or the importer's issues. The uploaded files
 * live in a private temporary folder that is removed when the job ends. The database worker
 * runs one import at a time; a second job waits its turn.
 *
 * Receiving an upload is careful with what it is sent: a malformed body (no boundary, garbage,
 * cut short), an oversized part header, or a file name that is no file name ends the request
 * with a 400 naming the problem, never a 500, and the caller removes the folder.
 *
 * A file whose name does not say its entity (`export.tsv`) comes with its entity in the
 * `entities` field, a JSON object of file name to entity (`{"export.tsv": "contacts"}`): the
 * upload's `sextant import --entity`.
 */
import { randomUUID } from 'node:crypto'
import { createWriteStream, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FastifyRequest } from 'fastify'
import type { DbClient } from '../db/client'
import { isAlive } from '../db/lock'
import { BadRequest, ImportFailed, SextantError, type ImportIssue } from '../errors'
import { findEntity } from '../../../src-shared/domain/entities'
import type { ImportResult } from './run-import'
import type { ImportProgress } from './session'

export interface ImportJob {
  readonly id: string
  state: 'running' | 'done' | 'failed'
  /** The uploaded file names. */
  readonly files: readonly string[]
  progress: ImportProgress | null
  result: ImportResult | null
  error: { message: string; issues: readonly ImportIssue[] } | null
}

const KEPT = 20

const UPLOAD_PREFIX = 'sextant-upload-'

/**
 * Removes the upload folders of consoles that were killed mid-upload (their pid is in the
 * folder's name and the process is gone): a start cleans up after the crash before it.
 */
export function removeAbandonedUploads(root: string): void {
  let names: string[]
  try {
    names = readdirSync(root)
  } catch {
    return
  }
  for (const name of names) {
    const match = new RegExp(`^${UPLOAD_PREFIX}(\\d+)-`).exec(name)
    if (match === null) continue
    const pid = Number(match[1])
    if (pid !== process.pid && !isAlive(pid))
      rmSync(join(root, name), { recursive: true, force: true })
  }
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>()

  constructor(
    private readonly db: DbClient,
    /** Where upload folders go (the system's temporary folder). */
    private readonly root: string = tmpdir(),
  ) {
    removeAbandonedUploads(root)
  }

  /** A fresh private folder for one upload's files, named after this process. */
  uploadFolder(): string {
    return mkdtempSync(join(this.root, `${UPLOAD_PREFIX}${process.pid}-`))
  }

  /** Starts importing `files` (paths inside `folder`, which is removed at the end). */
  start(folder: string, files: readonly UploadedFile[]): ImportJob {
    const job: ImportJob = {
      id: randomUUID(),
      state: 'running',
      files: files.map((file) => file.path.slice(folder.length + 1)),
      progress: null,
      result: null,
      error: null,
    }
    this.jobs.set(job.id, job)
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT))) {
      this.jobs.delete(old)
    }
    this.db
      .import(
        files.map((file) => (file.entity === undefined ? { path: file.path } : file)),
        (progress) => (job.progress = progress),
      )
      // Gone before the job says it ended: a finished job leaves nothing behind.
      .finally(() => rmSync(folder, { recursive: true, force: true }))
      .then(
        (result) => {
          job.state = 'done'
          job.result = result
        },
        (error: unknown) => {
          // Issues name the files as the analyst uploaded them, not their temporary copies.
          const local = (text: string): string => text.split(`${folder}${sep}`).join('')
          job.state = 'failed'
          job.error = {
            message: local(error instanceof Error ? error.message : String(error)),
            issues:
              error instanceof ImportFailed
                ? error.issues.map((issue) => ({ ...issue, file: local(issue.file) }))
                : [],
          }
        },
      )
    return job
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id)
  }
}

/** The longest part header taken (busboy would silently truncate a longer one). */
export const MAX_PART_HEADER = 16 * 1024
/** The longest file name most file systems take, in bytes. */
const MAX_NAME_BYTES = 255

/**
 * Watches the raw multipart bytes for a part header longer than MAX_PART_HEADER: the parser
 * cuts such a header short without a word, so a file name or type would be read from a piece
 * of it. Answers whether one was seen so far.
 */
function watchPartHeaders(raw: Readable, contentType: string): () => boolean {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  if (match === null) return () => false
  const delimiter = Buffer.from(`\r\n--${match[1] ?? match[2]}`)
  const headerEnd = Buffer.from('\r\n\r\n')
  // The body's first delimiter has no CRLF before it: start as if one came.
  let carry: Buffer = Buffer.from('\r\n')
  // body: looking for a delimiter; start: just after one (a final one is followed by "--");
  // header: counting a part's header up to its blank line.
  let state: 'body' | 'start' | 'header' = 'body'
  let headerBytes = 0
  let tripped = false
  const watch = (chunk: Buffer): void => {
    let data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk])
    carry = Buffer.alloc(0)
    for (;;) {
      if (state === 'body') {
        const at = data.indexOf(delimiter)
        if (at === -1) {
          carry = data.subarray(Math.max(0, data.length - delimiter.length + 1))
          return
        }
        data = data.subarray(at + delimiter.length)
        state = 'start'
      } else if (state === 'start') {
        if (data.length < 2) {
          carry = data
          return
        }
        if (data[0] === 0x2d && data[1] === 0x2d) {
          // The closing delimiter: what follows is an epilogue, not a header.
          raw.off('data', watch)
          return
        }
        state = 'header'
        headerBytes = 0
      } else {
        const end = data.indexOf(headerEnd)
        if (end === -1) {
          // The last bytes may begin the blank line: look at them again with the next chunk.
          carry = data.subarray(Math.max(0, data.length - headerEnd.length + 1))
          headerBytes += data.length - carry.length
        } else headerBytes += end
        if (headerBytes > MAX_PART_HEADER) {
          tripped = true
          raw.off('data', watch)
          return
        }
        if (end === -1) return
        data = data.subarray(end + headerEnd.length)
        state = 'body'
      }
    }
  }
  raw.on('data', watch)
  return () => tripped
}

/** Why an uploaded file name cannot be a file in the upload folder, or null. */
function badFileName(raw: string, name: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    return `file: the file name ${JSON.stringify(raw)} holds a control character`
  }
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    return `file: the file name is longer than ${MAX_NAME_BYTES} bytes`
  }
  if (name === '' || name === '.' || name === '..') {
    return `file: unusable file name ${JSON.stringify(raw)}`
  }
  return null
}

/** An error of the multipart parser, as the 4xx it is: the body was not a readable upload. */
function malformed(error: unknown): Error {
  if (error instanceof SextantError) return error
  const status = (error as { statusCode?: number }).statusCode
  // The plugin's own limits (too many files, parts) carry their 4xx status already.
  if (typeof status === 'number' && status >= 400 && status < 500) return error as Error
  const detail = error instanceof Error ? error.message : String(error)
  return new BadRequest(`body: not a readable multipart/form-data upload (${detail})`)
}

/** One received file: its path in the upload folder, and its entity when the upload named one. */
export interface UploadedFile {
  readonly path: string
  readonly entity?: string
}

/**
 * The `entities` field: a JSON object of uploaded file name to entity name. Throws a 400 naming
 * what is wrong with it.
 */
function parseEntities(text: string): Map<string, string> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new BadRequest('entities: not JSON (an object of file name to entity)')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadRequest('entities: must be an object of file name to entity')
  const entities = new Map<string, string>()
  for (const [file, entity] of Object.entries(value)) {
    if (typeof entity !== 'string' || findEntity(entity) === undefined)
      throw new BadRequest(`entities: ${JSON.stringify(entity)} for ${file} is not an entity`)
    if (/\.zip$/i.test(file))
      throw new BadRequest(
        `entities: ${file} is a .zip, whose files are named after their entities`,
      )
    entities.set(file, entity)
  }
  return entities
}

/**
 * Receives the files of a multipart upload into `folder`, and the `entities` field; answers the
 * files with the entity named for each. Throws a 4xx error for anything malformed (an entity for
 * a file that was not sent too); the caller removes the folder on any throw.
 */
export async function receiveUpload(
  request: FastifyRequest,
  folder: string,
): Promise<UploadedFile[]> {
  const tooLongHeader = watchPartHeaders(request.raw, request.headers['content-type'] ?? '')
  const headerCheck = (): void => {
    if (tooLongHeader()) {
      throw new BadRequest(`file: a part header is larger than ${MAX_PART_HEADER / 1024} KiB`)
    }
  }
  const files: string[] = []
  let entities = new Map<string, string>()
  const parts = request.parts()[Symbol.asyncIterator]()
  for (;;) {
    let next: Awaited<ReturnType<typeof parts.next>>
    try {
      next = await parts.next()
    } catch (error) {
      headerCheck()
      throw malformed(error)
    }
    headerCheck()
    if (next.done === true) break
    const part = next.value
    if (part.type === 'field') {
      // other fields are ignored, as before there were any
      if (part.fieldname === 'entities') entities = parseEntities(String(part.value))
      continue
    }
    const name = basename(part.filename.replace(/\\/g, '/'))
    const problem = badFileName(part.filename, name)
    if (problem !== null) throw new BadRequest(problem)
    const path = join(folder, name)
    if (files.includes(path)) throw new BadRequest(`file: ${name} was sent twice`)
    const output = createWriteStream(path, { mode: 0o600 })
    let diskError: unknown
    output.once('error', (error) => (diskError = error))
    try {
      await pipeline(part.file, output)
    } catch (error) {
      // The disk failing is the console's problem; the body failing is the request's.
      if (diskError !== undefined && error === diskError) throw error
      headerCheck()
      throw malformed(error)
    }
    if (part.file.truncated) {
      throw new SextantError(
        'payload_too_large',
        `file: ${name} is larger than the upload limit`,
        413,
      )
    }
    files.push(path)
  }
  if (files.length === 0) throw new BadRequest('file: no file was sent')
  const names = new Set(files.map((path) => basename(path)))
  for (const file of entities.keys())
    if (!names.has(file)) throw new BadRequest(`entities: no file ${file} was sent`)
  return files.map((path) => {
    const entity = entities.get(basename(path))
    return entity === undefined ? { path } : { path, entity }
  })
}
