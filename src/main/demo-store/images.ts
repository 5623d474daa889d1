/**
 * Small, valid image files for the storefront's image paths: JPEG for
 * `.jpg`/`.jpeg` paths and PNG otherwise, one solid colour per path, so
 * image downloads can be tested against real bytes.
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

function colourOf(path: string): [number, number, number] {
  const hash = hashString(path)
  return [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff]
}

/** Encodes a 16x16 RGB PNG whose colour derives from the path. */
export function pngForPath(path: string): Buffer {
  const rgb = colourOf(path)
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
 * Tells whether the storefront has a file at this path. Paths marked "-old" are
 * missing, as stale image references are in real stores.
 */
export function imageExists(path: string): boolean {
  return path.startsWith('assets/') && !/-old(\.|_)/.test(path)
}

/** Writes bits most significant first, with JPEG's 0xFF byte stuffing. */
class BitWriter {
  private readonly bytes: number[] = []
  private current = 0
  private used = 0

  write(value: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | ((value >>> bit) & 1)
      this.used++
      if (this.used === 8) this.flushByte()
    }
  }

  finish(): number[] {
    // Padding bits are ones, as the JPEG standard requires.
    if (this.used > 0) this.write(0xff, 8 - this.used)
    return this.bytes
  }

  private flushByte(): void {
    this.bytes.push(this.current)
    if (this.current === 0xff) this.bytes.push(0x00)
    this.current = 0
    this.used = 0
  }
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2
  return [0xff, marker, length >> 8, length & 0xff, ...payload]
}

/**
 * Encodes an 8x8 baseline JPEG of one colour. With a flat block only the DC
 * coefficient is non-zero, so each component's scan is one DC difference
 * and an end-of-block code. Quantisation is 1 everywhere, so the DC value
 * is 8 * (sample - 128). The DC table gives each size category 0-11 a
 * 4-bit code equal to the category, and the AC table only codes
 * end-of-block, as a single 0 bit.
 */
export function jpegForPath(path: string): Buffer {
  const [r, g, b] = colourOf(path)
  const y = 0.299 * r + 0.587 * g + 0.114 * b
  const cb = -0.1687 * r - 0.3313 * g + 0.5 * b + 128
  const cr = 0.5 * r - 0.4187 * g - 0.0813 * b + 128
  const bits = new BitWriter()
  for (const sample of [y, cb, cr]) {
    const dc = Math.round(8 * (Math.min(255, Math.max(0, sample)) - 128))
    const size = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1
    bits.write(size, 4)
    if (size > 0) bits.write(dc > 0 ? dc : dc + (1 << size) - 1, size)
    bits.write(0, 1)
  }
  const dcCounts = Array.from({ length: 16 }, (_, n) => (n === 3 ? 12 : 0))
  const acCounts = Array.from({ length: 16 }, (_, n) => (n === 0 ? 1 : 0))
  const comment = [...Buffer.from(path.slice(0, 200), 'utf8')]
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xfe, comment),
    ...segment(0xdb, [0, ...Array.from({ length: 64 }, () => 1)]),
    ...segment(0xc0, [8, 0, 8, 0, 8, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...segment(0xc4, [
      0x00,
      ...dcCounts,
      ...Array.from({ length: 12 }, (_, n) => n),
    ]),
    ...segment(0xc4, [0x10, ...acCounts, 0x00]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
    ...bits.finish(),
    0xff,
    0xd9,
  ])
}

/** Picks the file served for an image path, with its content type. */
export function imageForPath(path: string): {
  bytes: Buffer
  contentType: string
} {
  return /\.jpe?g$/i.test(path)
    ? { bytes: jpegForPath(path), contentType: 'image/jpeg' }
    : { bytes: pngForPath(path), contentType: 'image/png' }
}
