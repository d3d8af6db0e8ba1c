// Real small file systems for the tests of a full disk and a read-only folder: a tmpfs of a few
// megabytes (so a save really fails with ENOSPC), remounted read-only when asked (so writes
// really fail with EROFS, which root cannot bypass the way it bypasses folder permissions).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Mounted {
  readonly dir: string
  /** Fills the file system until at most `leaveBytes` are free (a filler file). */
  fill(leaveBytes?: number): void
  /** Removes the filler. */
  free(): void
  readOnly(): void
  writable(): void
  unmount(): void
}

function mount(args: string[]): void {
  try {
    execFileSync('mount', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  } catch (error) {
    throw new Error(
      `this test mounts a small tmpfs to make a real full disk or read-only folder; it needs root ` +
        `(CI runs as root) and the mount command (util-linux): ${(error as Error).message}`,
    )
  }
}

export function mountTmpfs(sizeMb: number): Mounted {
  const dir = mkdtempSync(join(tmpdir(), 'sextant-tmpfs-'))
  mount(['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir])
  const filler = join(dir, 'filler')
  return {
    dir,
    fill(leaveBytes = 0) {
      // Write until ENOSPC, then give back what should stay free.
      const chunk = Buffer.alloc(1 << 20)
      let written = 0
      for (;;) {
        try {
          writeFileSync(filler, chunk, { flag: 'a' })
          written += chunk.length
        } catch {
          break
        }
      }
      if (leaveBytes > 0)
        execFileSync('truncate', ['-s', String(Math.max(0, written - leaveBytes)), filler])
    },
    free() {
      rmSync(filler, { force: true })
    },
    readOnly() {
      mount(['-o', 'remount,ro', dir])
    },
    writable() {
      mount(['-o', 'remount,rw', dir])
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'ignore' })
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' })
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
