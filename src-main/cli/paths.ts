/**
 * Where the data lives: `--db`, else `$SEXTANT_DB`, else `sextant.db` in the
 * platform's user-data folder, the same folder Electron's
 * `app.getPath('userData')` gives the desktop app.
 */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const APP_NAME = 'Sextant'

export function userDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME)
}

export function databasePath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (flag !== undefined && flag !== '') return flag
  if (env.SEXTANT_DB !== undefined && env.SEXTANT_DB !== '') return env.SEXTANT_DB
  return join(userDataFolder(env), 'sextant.db')
}

/**
 * The built web UI (`out/renderer`, made by `npm run build`): beside the CLI bundle
 * (`out/cli/`), or from the sources (`src-main/cli/`) when run with tsx.
 */
export function uiRoot(): string | undefined {
  for (const relative of ['../renderer/', '../../out/renderer/']) {
    const folder = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(join(folder, 'index.html'))) return folder
  }
  return undefined
}
