// Runs the real `sextant` command (bin/sextant.mjs, the bundle npm install builds) in a child
// process, as a user would, with a fixed clock and its own database.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../../bin/sextant.mjs', import.meta.url))
export const NOW = '2026-11-23T12:00:00Z'

export interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.SEXTANT_DB
  delete env.SEXTANT_PORT
  return { ...env, SEXTANT_NOW: NOW, ...extra }
}

export function sextant(args: string[], env: Record<string, string> = {}): Ran {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: baseEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Starts `sextant serve --port 0` and resolves once it prints its address. */
export async function startServe(
  db: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<{ child: ChildProcessWithoutNullStreams; port: number; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0', ...args], {
    env: baseEnv(env),
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 20_000)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(stdout)
      if (match !== null) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  return { child, port, stderr: () => stderr }
}

export function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.on('exit', (code) => resolve(code))
  })
}
