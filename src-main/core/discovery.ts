/**
 * The discovery file: how local apps find a running console without guessing its port.
 * `<user-data>/sextant.json`, mode 0600 (it names the port and pid, nothing secret), written
 * atomically when the console starts listening and removed when it stops.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Discovery {
  /** The loopback port the API and UI answer on. */
  readonly port: number
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly pid: number
  readonly version: string
  /** The database the console serves. */
  readonly database: string
  /** ISO time the console started. */
  readonly startedAt: string
}

export const DISCOVERY_FILE = 'sextant.json'

export function writeDiscovery(folder: string, discovery: Discovery): string {
  const file = join(folder, DISCOVERY_FILE)
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(discovery, null, 2)}\n`, { mode: 0o600 })
  renameSync(temporary, file)
  return file
}

export function removeDiscovery(file: string): void {
  rmSync(file, { force: true })
}
