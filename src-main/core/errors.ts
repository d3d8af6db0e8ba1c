/**
 * Typed errors of the core. Each carries a stable `code` (for the console's
 * own API error shape and the CLI's one-line messages) and survives the trip
 * from the database worker to the main thread (see `toWire` / `fromWire`).
 */

/** One problem found in an input file, as `file:line:column: reason`. */
export interface ImportIssue {
  /** File name as the user gave it (or the entry inside a .zip). */
  readonly file: string
  /** 1-based line in the file (0 when the problem is the file as a whole). */
  readonly line: number
  /** 1-based column: the field's position for CSV, the character column for JSON. */
  readonly column: number
  /** What is wrong, naming the field and the value. */
  readonly reason: string
}

export class SextantError extends Error {
  constructor(
    /** Stable machine-readable code. */
    readonly code: string,
    message: string,
    /** HTTP status when this error ends a request. */
    readonly status = 500,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class BadRequest extends SextantError {
  constructor(message: string) {
    super('bad_request', message, 400)
  }
}

export class NotFound extends SextantError {
  constructor(message: string) {
    super('not_found', message, 404)
  }
}

export class Unauthorized extends SextantError {
  constructor(message: string) {
    super('unauthorized', message, 401)
  }
}

export class Conflict extends SextantError {
  constructor(message: string) {
    super('conflict', message, 409)
  }
}

/** An import that was rejected as a whole; nothing of it was written. */
export class ImportFailed extends SextantError {
  constructor(readonly issues: readonly ImportIssue[]) {
    super('import_failed', formatImportFailure(issues), 400)
  }
}

/** A database file that does not open; it is left untouched. */
export class DatabaseUnreadable extends SextantError {
  constructor(
    readonly file: string,
    reason: string,
    readonly backup?: string,
  ) {
    super(
      'database_unreadable',
      `database ${file} does not open: ${reason}; it was left untouched` +
        (backup === undefined ? '' : ` (the previous good copy is ${backup})`),
      500,
    )
  }
}

/**
 * A change could not be put on disk (a full disk, a folder gone read-only). The database went
 * back to its last saved state, so the request that reported this left no trace.
 */
export class SaveFailed extends SextantError {
  constructor(reason: string) {
    super(
      'save_failed',
      `the change could not be saved (${reason}); nothing was changed, the database keeps its last saved state`,
      507,
    )
  }
}

/** A write sent to a console or command that opened the database read-only. */
export class ReadOnlyDatabase extends SextantError {
  constructor() {
    super(
      'read_only',
      'the database is open read-only (serve --read-only): nothing can be changed',
      403,
    )
  }
}

/** The database worker died or stopped answering; the host is restarting it from the saved file. */
export class DatabaseUnavailable extends SextantError {
  constructor(message: string) {
    super('database_unavailable', message, 503)
  }
}

/** Another live process holds the database file. */
export class DatabaseLocked extends SextantError {
  constructor(message: string) {
    super('database_locked', message, 409)
  }
}

/** `file:line:column: reason`, the form every import message takes. */
export function formatIssue(issue: ImportIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.reason}`
}

function formatImportFailure(issues: readonly ImportIssue[]): string {
  const first = issues[0]
  if (first === undefined) return 'import failed'
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return `import failed, nothing was written: ${formatIssue(first)}${more}`
}

/** A structured-clone-safe form of an error, for postMessage. */
export interface WireError {
  readonly name: string
  readonly code: string
  readonly message: string
  readonly status: number
  readonly issues?: readonly ImportIssue[]
  readonly file?: string
  readonly backup?: string
}

export function toWire(error: unknown): WireError {
  if (error instanceof ImportFailed) {
    return { ...base(error), issues: error.issues }
  }
  if (error instanceof DatabaseUnreadable) {
    return { ...base(error), file: error.file, backup: error.backup }
  }
  if (error instanceof SextantError) return base(error)
  const message = error instanceof Error ? error.message : String(error)
  return { name: 'Error', code: 'internal', message, status: 500 }
}

function base(error: SextantError): WireError {
  return { name: error.name, code: error.code, message: error.message, status: error.status }
}

export function fromWire(wire: WireError): Error {
  let error: SextantError
  if (wire.issues !== undefined) error = new ImportFailed(wire.issues)
  else {
    error = new SextantError(wire.code, wire.message, wire.status)
    Object.assign(error, { file: wire.file, backup: wire.backup })
  }
  error.name = wire.name
  return error
}

export class Forbidden extends SextantError {
  constructor(message: string) {
    super('forbidden', message, 403)
  }
}
