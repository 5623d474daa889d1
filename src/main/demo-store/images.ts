/**
 * Small, valid PNG files for the storefront's image paths, one colour per
 * path, so image downloads can be tested against real bytes.
 */
import { deflateSync } from 'node:zlib'
import { hashString } from './random.ts'

const SIZE = 16

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)
  }
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A 16x16 RGB PNG whose colour derives from the path. */
export function pngForPath(path: string): Buffer {
  const hash = hashString(path)
  const rgb = [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff]
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  const row = Buffer.alloc(1 + SIZE * 3)
  for (let x = 0; x < SIZE; x++) row.set(rgb, 1 + x * 3)
  const pixels = Buffer.concat(Array.from({ length: SIZE }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * Whether the storefront has a file at this path. Paths marked "-old" are
 * missing, as stale image references are in real stores.
 */
export function imageExists(path: string): boolean {
  return path.startsWith('assets/') && !/-old(\.|_)/.test(path)
}
