/**
 * Reads the numbered migration files (`NNN_name.sql`) from the folder beside
 * the database worker. The CLI build copies the folder next to its bundle.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Migration } from './sqlite'

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/

export function loadMigrations(folder: URL | string): Migration[] {
  const path = typeof folder === 'string' ? folder : fileURLToPath(folder)
  return readdirSync(path)
    .filter((name) => FILE.test(name))
    .sort()
    .map((name) => {
      const match = FILE.exec(name)!
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql: readFileSync(`${path}/${name}`, 'utf8'),
      }
    })
}
