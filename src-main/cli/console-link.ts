/**
 * DATA.md "One writer": when a running console holds the database, CLI
 * commands that write send their work through its API, authenticated by the
 * per-run secret in the lock file (readable by this user only).
 */
import type { LockInfo } from '../core/db/lock'
import { SextantError } from '../core/errors'
import type { ImportIssue } from '../core/errors'
import { ImportFailed } from '../core/errors'

/** A running console that can take the CLI's work. */
export interface ConsoleLink {
  readonly port: number
  request<T>(method: string, path: string, body?: unknown): Promise<T>
  /** A GET whose answer is a file (exports): its bytes. */
  download(path: string): Promise<Buffer>
}

export function linkTo(lock: LockInfo): ConsoleLink | null {
  if (lock.port === undefined || lock.secret === undefined) return null
  const { port, secret } = lock
  return {
    port,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response
      try {
        response = await fetch(`http://127.0.0.1:${port}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${secret}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      } catch (error) {
        throw new SextantError(
          'console_unreachable',
          `the running console on port ${port} does not answer: ${(error as Error).message}`,
        )
      }
      if (response.status === 204) return undefined as T
      const payload = (await response.json()) as {
        error?: { code: string; message: string; issues?: ImportIssue[] }
      }
      if (!response.ok) {
        const error = payload.error
        if (error?.code === 'import_failed' && error.issues !== undefined)
          throw new ImportFailed(error.issues)
        throw new SextantError(
          error?.code ?? 'error',
          error?.message ?? `HTTP ${response.status}`,
          response.status,
        )
      }
      return payload as T
    },
    async download(path: string): Promise<Buffer> {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { authorization: `Bearer ${secret}` },
      }).catch((error: Error) => {
        throw new SextantError(
          'console_unreachable',
          `the running console on port ${port} does not answer: ${error.message}`,
        )
      })
      const bytes = Buffer.from(await response.arrayBuffer())
      if (!response.ok) {
        let message = `HTTP ${response.status}`
        let code = 'error'
        try {
          const payload = JSON.parse(bytes.toString('utf8')) as {
            error?: { code: string; message: string }
          }
          message = payload.error?.message ?? message
          code = payload.error?.code ?? code
        } catch {
          // not JSON: keep the status
        }
        throw new SextantError(code, message, response.status)
      }
      return bytes
    },
  }
}
