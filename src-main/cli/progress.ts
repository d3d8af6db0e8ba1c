/**
 * Progress on stderr: a bar on a terminal, plain lines otherwise (CI, pipes),
 * at most one line every two seconds so logs stay readable.
 */
import { SingleBar } from 'cli-progress'
import type { ImportProgress } from '../core/importer/session'

export interface ProgressReporter {
  update(progress: ImportProgress): void
  stop(): void
}

export function progressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} records | {entity}`,
      hideCursor: true,
      clearOnComplete: true,
    })
    let started = false
    return {
      update(progress) {
        if (!started) {
          bar.start(progress.total, progress.done, { entity: progress.entity })
          started = true
        }
        bar.setTotal(progress.total)
        bar.update(progress.done, { entity: progress.entity })
      },
      stop: () => bar.stop(),
    }
  }
  let last = 0
  return {
    update(progress) {
      const now = Date.now()
      if (now - last < 2000) return
      last = now
      stream.write(`${label}: ${progress.done}/${progress.total} records (${progress.entity})\n`)
    },
    stop() {},
  }
}
