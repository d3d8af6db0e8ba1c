/**
 * A small .zip writer for the importer's tests, the fuzz corpus and the import benchmark. Unlike
 * a real archiver it writes what it is told, including lies: entry names that leave the archive,
 * sizes and CRCs in the headers that do not match the data, data descriptors, ZIP64 records, and
 * entries whose deflated data was made elsewhere (a decompression bomb of N MiB of zeros is a
 * few KB here, built without ever holding the N MiB).
 */
import { crc32, deflateRawSync, constants } from 'node:zlib'

/** One entry. `data` is stored (method 0) or deflated (8); `deflated` is data made elsewhere. */
export interface ZipEntrySpec {
  readonly name: string
  readonly data?: Uint8Array | string
  readonly deflated?: { readonly bytes: Uint8Array; readonly crc: number; readonly size: number }
  /** 0 stored, 8 deflate (the default), anything else is written as given. */
  readonly method?: number
  /** Header lies: the uncompressed size, compressed size and CRC the headers claim. */
  readonly claimSize?: number
  readonly claimCompressed?: number
  readonly claimCrc?: number
  /** Sizes and CRC after the data (general purpose bit 3), zero in the local header. */
  readonly dataDescriptor?: boolean
  /** General purpose flags to add (bit 0 = encrypted). */
  readonly flags?: number
}

export interface ZipOptions {
  /** Write ZIP64 end records and extra fields (as archivers do for large archives). */
  readonly zip64?: boolean
  /** Claim this many entries in the end record (a lie when it differs). */
  readonly claimEntries?: number
}

const encoder = new TextEncoder()
const bytesOf = (data: Uint8Array | string): Uint8Array =>
  typeof data === 'string' ? encoder.encode(data) : data

/** `megabytes` MiB of zeros, deflated: about 1 KB per MiB, made one MiB at a time. */
export function zeroBomb(megabytes: number): {
  bytes: Uint8Array
  crc: number
  size: number
} {
  const mib = Buffer.alloc(1 << 20)
  // Sync-flushed pieces end on a byte boundary without a final block: they concatenate.
  const piece = deflateRawSync(mib, { level: 9, finishFlush: constants.Z_SYNC_FLUSH })
  const parts: Uint8Array[] = []
  let crc = 0
  for (let index = 0; index < megabytes; index++) {
    parts.push(piece)
    crc = crc32(mib, crc)
  }
  parts.push(deflateRawSync(Buffer.alloc(0)))
  return { bytes: Buffer.concat(parts), crc, size: megabytes * (1 << 20) }
}

class Writer {
  private readonly parts: Uint8Array[] = []
  length = 0
  push(bytes: Uint8Array): void {
    this.parts.push(bytes)
    this.length += bytes.length
  }
  u16(...values: number[]): void {
    const buffer = Buffer.alloc(2 * values.length)
    values.forEach((value, index) => buffer.writeUInt16LE(value & 0xffff, 2 * index))
    this.push(buffer)
  }
  u32(...values: number[]): void {
    const buffer = Buffer.alloc(4 * values.length)
    values.forEach((value, index) => buffer.writeUInt32LE(value >>> 0, 4 * index))
    this.push(buffer)
  }
  u64(value: number): void {
    const buffer = Buffer.alloc(8)
    buffer.writeBigUInt64LE(BigInt(value))
    this.push(buffer)
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.parts)
  }
}

/** The bytes of a .zip holding `entries`, in order. */
export function buildZip(entries: readonly ZipEntrySpec[], options: ZipOptions = {}): Uint8Array {
  const out = new Writer()
  const central = new Writer()
  for (const entry of entries) {
    const name = encoder.encode(entry.name)
    const method = entry.method ?? 8
    let payload: Uint8Array
    let crc: number
    let size: number
    if (entry.deflated !== undefined) {
      payload = entry.deflated.bytes
      crc = entry.deflated.crc
      size = entry.deflated.size
    } else {
      const data = bytesOf(entry.data ?? '')
      payload = method === 8 ? deflateRawSync(data) : data
      crc = crc32(data)
      size = data.length
    }
    const claimSize = entry.claimSize ?? size
    const claimCompressed = entry.claimCompressed ?? payload.length
    const claimCrc = entry.claimCrc ?? crc
    const flags = 0x800 | (entry.dataDescriptor === true ? 8 : 0) | (entry.flags ?? 0)
    const offset = out.length
    const zip64 = options.zip64 === true
    const extra = new Writer()
    if (zip64) {
      extra.u16(0x0001, 24)
      extra.u64(claimSize)
      extra.u64(claimCompressed)
      extra.u64(offset)
    }
    const extraBytes = extra.bytes()
    const small = (value: number): number => (zip64 ? 0xffffffff : value)
    const local = entry.dataDescriptor === true
    out.u32(0x04034b50)
    out.u16(zip64 ? 45 : 20, flags, method, 0, 0x21)
    out.u32(local ? 0 : claimCrc, local ? 0 : small(claimCompressed), local ? 0 : small(claimSize))
    out.u16(name.length, extraBytes.length)
    out.push(name)
    out.push(extraBytes)
    out.push(payload)
    if (entry.dataDescriptor === true) {
      out.u32(0x08074b50, claimCrc, claimCompressed, claimSize)
    }
    central.u32(0x02014b50)
    central.u16(0x031e, zip64 ? 45 : 20, flags, method, 0, 0x21)
    central.u32(claimCrc, small(claimCompressed), small(claimSize))
    central.u16(name.length, extraBytes.length, 0, 0, 0)
    central.u32(0o100644 << 16, small(offset))
    central.push(name)
    central.push(extraBytes)
  }
  const centralOffset = out.length
  const centralBytes = central.bytes()
  out.push(centralBytes)
  const count = options.claimEntries ?? entries.length
  if (options.zip64 === true) {
    const record = out.length
    out.u32(0x06064b50)
    out.u64(44)
    out.u16(45, 45)
    out.u32(0, 0)
    out.u64(count)
    out.u64(count)
    out.u64(centralBytes.length)
    out.u64(centralOffset)
    out.u32(0x07064b50, 0)
    out.u64(record)
    out.u32(1)
    out.u32(0x06054b50)
    out.u16(0, 0, 0xffff, 0xffff)
    out.u32(0xffffffff, 0xffffffff)
    out.u16(0)
  } else {
    out.u32(0x06054b50)
    out.u16(0, 0, count, count)
    out.u32(centralBytes.length, centralOffset)
    out.u16(0)
  }
  return out.bytes()
}
