/**
 * Imports the UI starts by uploading files: each runs in the background as a job the UI polls
 * for progress and, at the end, for the result or the importer's issues. The uploaded files
 * live in a private temporary folder that is removed when the job ends. The database worker
 * runs one import at a time; a second job waits its turn.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import type { DbClient } from '../db/client'
import { ImportFailed, type ImportIssue } from '../errors'
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

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>()

  constructor(private readonly db: DbClient) {}

  /** A fresh private folder for one upload's files. */
  uploadFolder(): string {
    return mkdtempSync(join(tmpdir(), 'sextant-upload-'))
  }

  /** Starts importing `files` (paths inside `folder`, which is removed at the end). */
  start(folder: string, files: readonly string[]): ImportJob {
    const job: ImportJob = {
      id: randomUUID(),
      state: 'running',
      files: files.map((file) => file.slice(folder.length + 1)),
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
        files.map((path) => ({ path })),
        (progress) => (job.progress = progress),
      )
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
      .finally(() => rmSync(folder, { recursive: true, force: true }))
    return job
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id)
  }
}
