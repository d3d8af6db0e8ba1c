/**
 * Source secrets (tokens, passwords, auth headers) are sealed with AES-256-GCM before they reach
 * the database, under a key that lives OUTSIDE it: `sextant-secret.key` beside the database file,
 * created with mode 0600. A copied or stolen database file therefore holds no usable secret.
 *
 * Where the OS offers encryption (Electron's `safeStorage`: Keychain, DPAPI, libsecret) the
 * desktop app passes a `KeyWrap` and the key file holds the key encrypted by the OS, readable
 * only by this user's login. Plain Node (`sextant serve`, the CLI) has no such API; there the key
 * file itself is the protection, and a key wrapped by the desktop app cannot be unwrapped: the
 * CLI then says to sync from the app (a CLI `sync` goes through a running app anyway).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { SextantError } from '../errors'

export const KEY_FILE = 'sextant-secret.key'

/** The OS's encryption of small blobs (Electron safeStorage). */
export interface KeyWrap {
  readonly name: string
  encrypt(plain: Buffer): Buffer
  decrypt(sealed: Buffer): Buffer
}

interface KeyFile {
  readonly version: 1
  readonly wrap: string
  readonly key: string
}

const AAD = Buffer.from('sextant source secrets v1')

export class SecretsUnavailable extends SextantError {
  constructor(message: string) {
    super('secrets_unavailable', message, 409)
  }
}

/** Seals and opens secret values with one 256-bit key. */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('a secret key is 32 bytes')
  }

  seal(values: Readonly<Record<string, string>>): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(AAD)
    const sealed = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()])
    return ['v1', iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':')
  }

  open(sealed: string): Record<string, string> {
    const [version, iv, tag, data] = sealed.split(':')
    if (version !== 'v1' || iv === undefined || tag === undefined || data === undefined)
      throw new SecretsUnavailable('the stored secrets are not in a format this Sextant reads')
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'))
      decipher.setAAD(AAD)
      decipher.setAuthTag(Buffer.from(tag, 'base64'))
      const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()])
      return JSON.parse(plain.toString('utf8')) as Record<string, string>
    } catch {
      throw new SecretsUnavailable(
        `the stored secrets do not open with this machine's key (${KEY_FILE}); the database was copied from elsewhere or the key file changed: enter the secrets again`,
      )
    }
  }
}

function writePrivate(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`
  const fd = openSync(temporary, 'wx', 0o600)
  try {
    writeSync(fd, content)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
}

/**
 * The secret box of the database in `folder`: reads the key file, creating it (0600) on first
 * use. With `wrap`, the key is stored encrypted by the OS, and a plain key file is rewrapped.
 */
export function loadSecretBox(folder: string, wrap?: KeyWrap): SecretBox {
  const path = join(folder, KEY_FILE)
  if (!existsSync(path)) {
    const key = randomBytes(32)
    const file: KeyFile = {
      version: 1,
      wrap: wrap?.name ?? 'none',
      key: (wrap === undefined ? key : wrap.encrypt(key)).toString('base64'),
    }
    try {
      writePrivate(path, JSON.stringify(file))
    } catch (error) {
      // Another process created it first: use theirs.
      if (!existsSync(path)) throw error
      return loadSecretBox(folder, wrap)
    }
    return new SecretBox(key)
  }
  let file: KeyFile
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile
  } catch {
    throw new SecretsUnavailable(`${path} is not a Sextant key file`)
  }
  const stored = Buffer.from(file.key, 'base64')
  if (file.wrap === 'none') {
    if (wrap !== undefined)
      writePrivate(
        path,
        JSON.stringify({
          version: 1,
          wrap: wrap.name,
          key: wrap.encrypt(stored).toString('base64'),
        }),
      )
    return new SecretBox(stored)
  }
  if (wrap === undefined || wrap.name !== file.wrap)
    throw new SecretsUnavailable(
      `the source secrets are sealed by the desktop app's OS keychain (${file.wrap}), which only the app can open: run the sync from the app, or with the app open (the CLI then goes through it)`,
    )
  return new SecretBox(wrap.decrypt(stored))
}
