/** Where the window was: read and written as JSON in the user-data folder (plain Node). */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { WindowState } from './policy'

const FILE = 'window-state.json'

export function readWindowState(folder: string): unknown {
  try {
    return JSON.parse(readFileSync(join(folder, FILE), 'utf8'))
  } catch {
    return null
  }
}

export function writeWindowState(folder: string, state: WindowState): void {
  const file = join(folder, FILE)
  writeFileSync(`${file}.tmp`, JSON.stringify(state), { mode: 0o600 })
  renameSync(`${file}.tmp`, file)
}
