/** A real `sextant` for the benchmark scripts: run a command, or `serve` on any free port. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'

const BIN = new URL('../bin/sextant.mjs', import.meta.url).pathname

/** Runs `sextant --db <db> <args>` with the clock fixed at `now`; answers its stdout. */
export function sextant(db: string, args: string[], now: string): string {
  const result = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SEXTANT_NOW: now },
  })
  if (result.status !== 0) throw new Error(`sextant ${args.join(' ')}: ${result.stderr}`)
  return result.stdout
}

/** `sextant serve --port 0` on `db`; resolves with the port once it listens. */
export async function serveConsole(
  db: string,
  now: string,
): Promise<{ port: number; child: ChildProcessWithoutNullStreams; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0'], {
    env: { ...process.env, SEXTANT_NOW: now },
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
  })
  return {
    port,
    child,
    // It saves and releases its lock on SIGTERM: wait before removing its folder.
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}
