/**
 * Reads `.zip` archives for the importer without trusting them. The central directory (the
 * archive's own index, at its end) gives the entries and where each one's data starts; each
 * entry is then inflated as a stream (fflate's `Inflate`, fed 16 KiB at a time) while the
 * bytes actually produced are counted against the limits: the entry count, each entry's and the
 * archive's uncompressed size, and the compression ratio. A size a header claims is only ever
 * a reason to refuse: one over a limit is refused before inflating, and data inflating past its
 * claim is refused at the first byte past it, so a lying header gains nothing. A bomb (a few MB
 * inflating to GBs) so costs a few MB.
 */
import { closeSync, readSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { Inflate } from 'fflate'
import { SextantError } from '../errors'

/** Limits on what one archive may inflate to (README "Importing"). */
export interface ZipLimits {
  /** Entries in the archive, directories and litter included. */
  readonly entries: number
  /** Uncompressed bytes of one entry. */
  readonly entryBytes: number
  /** Uncompressed bytes of all the entries read from the archive. */
  readonly totalBytes: number
  /** Uncompressed bytes per compressed byte of an entry, once it passes RATIO_GRACE. */
  readonly ratio: number
}

const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB

/**
 * The most one file may hold: it becomes one JavaScript string, and V8's longest is just under
 * 512 MiB (2^29 - 24 characters). Also the largest --zip-max-entry-bytes.
 */
export const MAX_FILE_BYTES = 500 * MiB

/**
 * The defaults. A dataset has at most a few dozen files; the `large` demo's million contact
 * events are ~140 MB of CSV and compress about 6:1; exports with long runs of repeated text
 * reach ~30:1, and a bomb of zeros ~1000:1.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  entries: 1000,
  entryBytes: MAX_FILE_BYTES,
  totalBytes: 2 * GiB,
  ratio: 100,
}

/** The ratio is checked once an entry has inflated this much: small files may compress well. */
export const RATIO_GRACE = MiB

/** The command-line flag of each limit, named in refusals. */
export const LIMIT_FLAGS: Readonly<Record<keyof ZipLimits, string>> = {
  entries: '--zip-max-entries',
  entryBytes: '--zip-max-entry-bytes',
  totalBytes: '--zip-max-total-bytes',
  ratio: '--zip-max-ratio',
}

/** `536870912` -> `512 MiB`, `1000` -> `1000-byte`: for limits in messages. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`
  }
  return `${bytes}-byte`
}

/**
 * An import refused for passing a limit: one line naming the archive, the entry and the limit.
 * Nothing was written (the import's transaction is rolled back).
 */
export class ImportRefused extends SextantError {
  constructor(message: string) {
    super('import_refused', message, 413)
  }
}

/** An archive or entry that cannot be read as a zip: reported as an issue of that name. */
export class ZipUnreadable extends Error {}

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string
  readonly flags: number
  readonly method: number
  readonly crc: number
  /** What the headers claim: used only to refuse early. */
  readonly claimedSize: number
  readonly compressedSize: number
  readonly headerOffset: number
}

const CHUNK = 16 * KiB
const EOCD = 0x06054b50
const EOCD64 = 0x06064b50
const EOCD64_LOCATOR = 0x07064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
/** The central directory is read whole: more than this is not a dataset's. */
const MAX_DIRECTORY = 64 * MiB

const utf8 = new TextDecoder('utf-8')
const latin1 = new TextDecoder('latin1')

/** An open archive: its entries, and a way to read one under the limits. */
export class ZipArchive {
  /** Uncompressed bytes read so far from all entries, for the total limit. */
  private total = 0

  private constructor(
    private readonly fd: number,
    /** The name messages use (the path given, or the uploaded name). */
    readonly name: string,
    private readonly size: number,
    readonly entries: readonly ZipEntry[],
    private readonly limits: ZipLimits,
  ) {}

  /**
   * Reads the central directory of the archive open at `fd` (a regular file of `size` bytes).
   * Throws ZipUnreadable for what is not a zip, ImportRefused past the entry limit. Takes
   * ownership of `fd`.
   */
  static open(fd: number, name: string, size: number, limits: ZipLimits): ZipArchive {
    try {
      const entries = readDirectory(fd, size, name, limits)
      return new ZipArchive(fd, name, size, entries, limits)
    } catch (error) {
      closeSync(fd)
      throw error
    }
  }

  close(): void {
    closeSync(this.fd)
  }

  private read(length: number, position: number): Buffer {
    const buffer = Buffer.alloc(length)
    let done = 0
    while (done < length) {
      const n = readSync(this.fd, buffer, done, length - done, position + done)
      if (n === 0) throw new ZipUnreadable('the archive ends inside an entry')
      done += n
    }
    return buffer
  }

  private refuse(entry: ZipEntry, what: string, limit: keyof ZipLimits): never {
    const value = this.limits[limit]
    const shown =
      limit === 'ratio' ? `${value}:1` : limit === 'entries' ? `${value}-entry` : formatBytes(value)
    const scope = limit === 'totalBytes' ? ' total' : limit === 'entryBytes' ? ' per-entry' : ''
    throw new ImportRefused(
      `${this.name}/${entry.name}: ${what} passes the ${shown}${scope} limit (${LIMIT_FLAGS[limit]})`,
    )
  }

  /**
   * The uncompressed bytes of `entry`, checked against the limits as they are inflated, then
   * against its CRC. Throws ImportRefused past a limit, ZipUnreadable for corrupt data.
   */
  readEntry(entry: ZipEntry): Uint8Array {
    if ((entry.flags & 1) !== 0) throw new ZipUnreadable('encrypted entries are not supported')
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipUnreadable(
        `compression method ${entry.method} is not supported (only stored and deflated)`,
      )
    }
    const { limits } = this
    if (entry.claimedSize > limits.entryBytes) this.refuse(entry, 'uncompressed size', 'entryBytes')
    if (this.total + entry.claimedSize > limits.totalBytes) {
      this.refuse(entry, "the archive's uncompressed size", 'totalBytes')
    }
    const header = this.read(30, entry.headerOffset)
    if (header.readUInt32LE(0) !== LOCAL) throw new ZipUnreadable('no entry where the index says')
    const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
    if (start + entry.compressedSize > this.size) {
      throw new ZipUnreadable('the entry runs past the end of the archive')
    }

    // The claimed size (already within the limits) sizes the output: a byte past it is a lie
    // and stops inflating at once, so no entry ever holds more than the limit. Untouched
    // pages of an unused tail cost no memory.
    const bytes = Buffer.allocUnsafe(entry.claimedSize)
    let inflated = 0
    let fed = 0
    const take = (data: Uint8Array): void => {
      if (data.length === 0) return
      if (inflated + data.length > entry.claimedSize) {
        throw new ZipUnreadable(
          `the entry inflates to more than the ${entry.claimedSize} bytes its header says`,
        )
      }
      bytes.set(data, inflated)
      inflated += data.length
      this.total += data.length
      if (this.total > limits.totalBytes) {
        this.refuse(entry, "the archive's uncompressed size", 'totalBytes')
      }
      if (inflated > RATIO_GRACE && inflated > limits.ratio * fed) {
        this.refuse(entry, 'compression ratio', 'ratio')
      }
    }
    const inflate = entry.method === 8 ? new Inflate((data) => take(data)) : null
    for (let at = 0; at < entry.compressedSize; at += CHUNK) {
      const length = Math.min(CHUNK, entry.compressedSize - at)
      const chunk = this.read(length, start + at)
      fed += length
      const last = at + length >= entry.compressedSize
      if (inflate === null) take(chunk)
      else {
        try {
          inflate.push(chunk, last)
        } catch (error) {
          if (error instanceof ImportRefused || error instanceof ZipUnreadable) throw error
          throw new ZipUnreadable(`corrupt deflated data (${(error as Error).message})`)
        }
      }
    }
    if (inflate !== null && entry.compressedSize === 0) {
      throw new ZipUnreadable('corrupt deflated data (no data)')
    }
    if (inflated !== entry.claimedSize) {
      throw new ZipUnreadable(
        `the entry inflates to ${inflated} bytes where its header says ${entry.claimedSize}`,
      )
    }
    if (crc32(bytes) >>> 0 !== entry.crc >>> 0) {
      throw new ZipUnreadable('the CRC does not match the data (a corrupt archive)')
    }
    return bytes
  }
}

/** The bytes at `position` of the open file. */
function readAt(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done)
    if (n === 0) break
    done += n
  }
  if (done < length) throw new ZipUnreadable('the archive is cut short')
  return buffer
}

function u64(buffer: Buffer, offset: number): number {
  const value = buffer.readBigUInt64LE(offset)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipUnreadable('a size is out of range')
  return Number(value)
}

function readDirectory(fd: number, size: number, name: string, limits: ZipLimits): ZipEntry[] {
  // The end record is the last 22 bytes, plus a comment of at most 64 KiB.
  const tailLength = Math.min(size, 22 + 0xffff)
  if (tailLength < 22) throw new ZipUnreadable('too short to be a zip archive')
  const tail = readAt(fd, tailLength, size - tailLength)
  let end = -1
  for (let at = tailLength - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) === EOCD && at + 22 + tail.readUInt16LE(at + 20) <= tailLength) {
      end = at
      break
    }
  }
  if (end === -1) throw new ZipUnreadable('no end of central directory record (not a zip file)')
  let count = tail.readUInt16LE(end + 10)
  let directorySize = tail.readUInt32LE(end + 12)
  let directoryOffset = tail.readUInt32LE(end + 16)
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // ZIP64: a locator just before the end record points at the 64-bit end record.
    const locatorAt = size - tailLength + end - 20
    if (locatorAt < 0) throw new ZipUnreadable('a ZIP64 archive without its locator')
    const locator = readAt(fd, 20, locatorAt)
    if (locator.readUInt32LE(0) !== EOCD64_LOCATOR) {
      throw new ZipUnreadable('a ZIP64 archive without its locator')
    }
    const record = readAt(fd, 56, u64(locator, 8))
    if (record.readUInt32LE(0) !== EOCD64) throw new ZipUnreadable('no ZIP64 end record')
    count = u64(record, 32)
    directorySize = u64(record, 40)
    directoryOffset = u64(record, 48)
  }
  if (count > limits.entries) {
    throw new ImportRefused(
      `${name}: holds ${count} entries, more than the ${limits.entries}-entry limit (${LIMIT_FLAGS.entries})`,
    )
  }
  if (directoryOffset + directorySize > size || directorySize > MAX_DIRECTORY) {
    throw new ZipUnreadable('the central directory lies outside the archive')
  }
  const directory = readAt(fd, directorySize, directoryOffset)
  const entries: ZipEntry[] = []
  let at = 0
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) {
      throw new ZipUnreadable('a corrupt central directory')
    }
    const flags = directory.readUInt16LE(at + 8)
    const nameLength = directory.readUInt16LE(at + 28)
    const extraLength = directory.readUInt16LE(at + 30)
    const commentLength = directory.readUInt16LE(at + 32)
    const next = at + 46 + nameLength + extraLength + commentLength
    if (next > directory.length) throw new ZipUnreadable('a corrupt central directory')
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength)
    let claimedSize = directory.readUInt32LE(at + 24)
    let compressedSize = directory.readUInt32LE(at + 20)
    let headerOffset = directory.readUInt32LE(at + 42)
    // ZIP64 extra field: the 64-bit values of the fields set to 0xffffffff, in this order.
    for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength;) {
      const id = directory.readUInt16LE(extra)
      const length = directory.readUInt16LE(extra + 2)
      if (id === 0x0001) {
        let field = extra + 4
        const wide = (value: number): number => {
          if (value !== 0xffffffff) return value
          if (field + 8 > extra + 4 + length) throw new ZipUnreadable('a corrupt ZIP64 field')
          const wider = u64(directory, field)
          field += 8
          return wider
        }
        claimedSize = wide(claimedSize)
        compressedSize = wide(compressedSize)
        headerOffset = wide(headerOffset)
      }
      extra += 4 + length
    }
    entries.push({
      // Bit 11: the name is UTF-8; else it is CP437, read here as Latin-1.
      name: ((flags & 0x800) !== 0 ? utf8 : latin1).decode(nameBytes),
      flags,
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      claimedSize,
      compressedSize,
      headerOffset,
    })
    at = next
  }
  return entries
}

/** One limit as a command-line option: its flag, what it means, and its value's parser. */
export interface ZipLimitOption {
  readonly key: keyof ZipLimits
  readonly flags: string
  readonly description: string
  /** The value, or throws an Error saying what was expected. */
  parse(value: string): number
}

/** `1048576`, `512K`, `500M`, `2G` (binary units) -> bytes; null when not one. */
function parseByteCount(value: string): number | null {
  const match = /^(\d{1,16})([KMG]?)(?:i?B)?$/i.exec(value.trim())
  if (match === null) return null
  const unit = { '': 1, K: KiB, M: MiB, G: GiB }[match[2]!.toUpperCase() as '' | 'K' | 'M' | 'G']
  const bytes = Number(match[1]) * unit
  return Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : null
}

function countOf(value: string): number {
  const count = /^\d{1,9}$/.test(value.trim()) ? Number(value) : 0
  if (count < 1) throw new Error('expected a whole number from 1 to 999999999')
  return count
}

function bytesOf(value: string, most: number): number {
  const bytes = parseByteCount(value)
  if (bytes === null) throw new Error('expected a size in bytes, or with K, M or G (512M, 2G)')
  if (bytes > most) throw new Error(`expected at most ${formatBytes(most)}`)
  return bytes
}

/** The `sextant import` options that override DEFAULT_ZIP_LIMITS. */
export const ZIP_LIMIT_OPTIONS: readonly ZipLimitOption[] = [
  {
    key: 'entries',
    flags: `${LIMIT_FLAGS.entries} <n>`,
    description: `most entries a .zip may hold (default ${DEFAULT_ZIP_LIMITS.entries})`,
    parse: countOf,
  },
  {
    key: 'entryBytes',
    flags: `${LIMIT_FLAGS.entryBytes} <size>`,
    description: `most bytes one .zip entry may inflate to (default and most ${formatBytes(MAX_FILE_BYTES)})`,
    parse: (value) => bytesOf(value, MAX_FILE_BYTES),
  },
  {
    key: 'totalBytes',
    flags: `${LIMIT_FLAGS.totalBytes} <size>`,
    description: `most bytes a .zip may inflate to in all (default ${formatBytes(DEFAULT_ZIP_LIMITS.totalBytes)})`,
    parse: (value) => bytesOf(value, Number.MAX_SAFE_INTEGER),
  },
  {
    key: 'ratio',
    flags: `${LIMIT_FLAGS.ratio} <n>`,
    description: `most uncompressed bytes per compressed byte of a .zip entry past its first MiB (default ${DEFAULT_ZIP_LIMITS.ratio})`,
    parse: countOf,
  },
]
