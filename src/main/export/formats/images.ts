/**
 * `images`: downloads every product, gallery, category and manufacturer
 * image from the store into `images/`, paced, and writes a manifest CSV.
 * Each image is written to a partial file and renamed when complete, so a
 * file under its final name is always whole. That makes a rerun resumable:
 * an existing file whose SHA-256 matches the manifest (or that has no
 * manifest entry yet) is kept instead of downloaded again.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { AppError } from '../../../shared/errors.ts'
import { log } from '../../log.ts'
import { BOM, csvLine } from '../csv.ts'
import { ExportErrorCode, errnoCode, throwIfCancelled } from '../errors.ts'
import { imageUrl } from '../platforms/options.ts'
import { parseWithoutSensitive } from '../sensitive.ts'
import type { FormatContext } from '../types.ts'

export interface ImageOptions {
  baseUrl: string | null
  /** Requests per second to the storefront. */
  requestsPerSecond: number
  /** Timeout of one download, in milliseconds. */
  timeoutMs: number
}

export const DEFAULT_IMAGE_OPTIONS: Omit<ImageOptions, 'baseUrl'> = {
  requestsPerSecond: 4,
  timeoutMs: 30_000,
}

const MANIFEST = 'images/manifest.csv'
const MANIFEST_COLUMNS = [
  'record',
  'original_path',
  'file',
  'size',
  'sha256',
  'status',
]
/** Network failures in a row after which the store counts as unreachable. */
export const MAX_CONSECUTIVE_NETWORK_FAILURES = 10
/** Largest image accepted, in bytes; larger responses are not images. */
const MAX_IMAGE_BYTES = 50 * 1024 * 1024

interface ImageRef {
  record: string
  path: string
}

interface ManifestEntry {
  record: string
  path: string
  file: string
  size: number | null
  sha256: string
  status: string
}

const PRODUCT_IMAGE_FIELDS = [
  'MainImageFile',
  'ThumbnailFile',
  'AdditionalImageFile2',
  'AdditionalImageFile3',
  'AdditionalImageFile4',
]

/** Collects every image path of the archive once, with the first record using it. */
export function collectImages(context: FormatContext): ImageRef[] {
  const refs = new Map<string, ImageRef>()
  const add = (record: string, value: unknown): void => {
    if (typeof value !== 'string') return
    const path = value.trim()
    if (path === '' || refs.has(path)) return
    refs.set(path, { record, path })
  }
  const source = context.source
  if (source.hasTable('products')) {
    for (const [id, raw] of source.iterateRaw('products')) {
      const product = parseWithoutSensitive(raw)
      for (const field of PRODUCT_IMAGE_FIELDS)
        add(`products/${id}`, product[field])
      const gallery = product['ImageGalleryList']
      if (Array.isArray(gallery)) {
        for (const image of gallery as Array<Record<string, unknown> | null>) {
          add(`products/${id}`, image?.['ImageGalleryFile'])
        }
      }
    }
  }
  if (source.hasTable('categories')) {
    for (const [id, raw] of source.iterateRaw('categories')) {
      add(`categories/${id}`, parseWithoutSensitive(raw)['CategoryIcon'])
    }
  }
  if (source.hasTable('manufacturers')) {
    for (const [id, raw] of source.iterateRaw('manufacturers')) {
      add(`manufacturers/${id}`, parseWithoutSensitive(raw)['Logo'])
    }
  }
  return [...refs.values()]
}

/** Returns a safe relative file name under `images/` for a store path or URL. */
export function localImageName(path: string, index: number): string {
  let pathname = path
  if (/^https?:\/\//i.test(path)) {
    try {
      pathname = new URL(path).pathname
    } catch {
      pathname = ''
    }
  }
  const segments = pathname
    .split(/[?#]/)[0]!
    .split(/[\\/]+/)
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120))
  return segments.length > 0
    ? `images/${segments.join('/')}`
    : `images/image-${index}`
}

function readManifest(file: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>()
  if (!existsSync(file)) return entries
  try {
    const rows = parse(readFileSync(file, 'utf8'), {
      bom: true,
      columns: true,
      skip_empty_lines: true,
    }) as Array<Record<string, string>>
    for (const row of rows) {
      const path = row['original_path'] ?? ''
      entries.set(path, {
        record: row['record'] ?? '',
        path,
        file: row['file'] ?? '',
        size: row['size'] ? Number(row['size']) : null,
        sha256: row['sha256'] ?? '',
        status: row['status'] ?? '',
      })
    }
  } catch (error) {
    // A damaged manifest only costs a fresh check of each file.
    log.warn('export: image manifest unreadable, checking files again', {
      file,
      error,
    })
  }
  return entries
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

class Pacer {
  private next = 0
  private readonly interval: number

  constructor(requestsPerSecond: number) {
    this.interval = 1000 / Math.max(0.1, requestsPerSecond)
  }

  async wait(signal: AbortSignal | undefined): Promise<void> {
    const now = Date.now()
    const delay = this.next - now
    this.next = Math.max(now, this.next) + this.interval
    if (delay > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay)
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer)
            resolve()
          },
          { once: true },
        )
      })
    }
    throwIfCancelled(signal)
  }
}

export async function writeImages(
  context: FormatContext,
  options: ImageOptions,
): Promise<void> {
  if (options.baseUrl === null) {
    throw new AppError(
      ExportErrorCode.imageBaseUrl,
      'The archive has no store address to download images from. Enter the ' +
        "store's secure URL (such as https://shop.example.com) and try again.",
    )
  }
  const downloader = new ImageDownloader(context, options.baseUrl, options)
  const refs = collectImages(context)
  const entries: ManifestEntry[] = []
  const usedNames = new Set<string>()
  context.report({
    format: 'images',
    step: 'images',
    done: 0,
    total: refs.length,
  })

  for (const [index, ref] of refs.entries()) {
    throwIfCancelled(context.signal)
    let file = localImageName(ref.path, index)
    // Two store paths can map to one safe name, so the index is prefixed.
    if (usedNames.has(file.toLowerCase())) {
      file = `images/${index}-${file.slice('images/'.length)}`
    }
    usedNames.add(file.toLowerCase())
    entries.push(await downloader.fetch(ref, file))
    if (downloader.unreachable()) {
      // The manifest of the images done so far lets a rerun keep them.
      await writeManifests(context, entries)
      throw unreachableError(options.baseUrl, downloader.failuresInRow)
    }
    context.report({
      format: 'images',
      step: ref.path,
      done: entries.length,
      total: refs.length,
    })
  }

  await writeManifests(context, entries)
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Builds the error raised when image downloads keep failing on the network. */
export function unreachableError(baseUrl: string, attempts: number): AppError {
  let advice =
    'Check the connection, or set the store address (--base-url on the ' +
    'command line).'
  if (LOOPBACK_HOSTS.has(new URL(baseUrl).hostname)) {
    // An archive pulled from the built-in demo store records the address of
    // a server that stopped when the pull ended.
    advice =
      'This address is on this computer, such as the demo store, which ' +
      'stops after a pull. Set the address of a running store with ' +
      '--base-url on the command line.'
  }
  return new AppError(
    ExportErrorCode.storeUnreachable,
    `Could not reach the store at ${baseUrl} (${attempts} attempts in a ` +
      `row failed). ${advice} Images already downloaded are kept, so ` +
      'running the export again resumes.',
    { baseUrl, attempts },
  )
}

/** Returns a one-line reason for a failed fetch, with the system code. */
function networkReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const cause = error instanceof Error ? errnoCode(error.cause) : undefined
  return cause === undefined ? message : `${message} (${cause})`
}

function isOnDisk(entry: ManifestEntry): boolean {
  return entry.status === 'downloaded' || entry.status === 'kept'
}

async function writeManifests(
  context: FormatContext,
  entries: ManifestEntry[],
): Promise<void> {
  const sink = await context.folder.create(MANIFEST)
  await sink.write(BOM + csvLine(MANIFEST_COLUMNS))
  for (const e of entries) {
    await sink.write(
      csvLine([e.record, e.path, e.file, e.size, e.sha256, e.status]),
    )
  }
  await sink.finish()
  await writeJsonManifest(context, entries)

  const onDisk = entries.filter(isOnDisk)
  context.written.push({
    format: 'images',
    file: 'images/',
    rows: onDisk.length,
    bytes: onDisk.reduce((sum, e) => sum + (e.size ?? 0), 0),
  })
  context.written.push({
    format: 'images',
    file: MANIFEST,
    rows: entries.length,
    bytes: sink.bytes,
  })
}

/**
 * Writes `images/manifest.json`, which maps each store path to its local file
 * (relative to `images/`) for the review screens.
 */
async function writeJsonManifest(
  context: FormatContext,
  entries: ManifestEntry[],
): Promise<void> {
  const files = entries
    .filter(isOnDisk)
    .map((e) => ({ source: e.path, path: e.file.replace(/^images\//, '') }))
  const sink = await context.folder.create('images/manifest.json')
  await sink.write(JSON.stringify({ files }, null, 2) + '\n')
  await sink.finish()
}

class ImageDownloader {
  private readonly context: FormatContext
  private readonly base: string
  private readonly origin: string
  private readonly options: ImageOptions
  private readonly previous: Map<string, ManifestEntry>
  private readonly pacer: Pacer
  /** Network failures since the last response from the store. */
  failuresInRow = 0

  constructor(context: FormatContext, base: string, options: ImageOptions) {
    this.context = context
    this.base = base
    this.origin = new URL(base).origin
    this.options = options
    this.previous = readManifest(context.folder.pathOf(MANIFEST))
    this.pacer = new Pacer(options.requestsPerSecond)
  }

  /** Returns true once too many downloads in a row failed on the network. */
  unreachable(): boolean {
    return this.failuresInRow >= MAX_CONSECUTIVE_NETWORK_FAILURES
  }

  /** Keeps an intact earlier download, or downloads the image. */
  async fetch(ref: ImageRef, file: string): Promise<ManifestEntry> {
    const entry: ManifestEntry = {
      record: ref.record,
      path: ref.path,
      file,
      size: null,
      sha256: '',
      status: '',
    }
    const kept = await this.keepExisting(entry)
    if (kept !== null) return kept

    let url: URL
    try {
      url = new URL(imageUrl(ref.path, this.base))
    } catch {
      return { ...entry, status: 'failed: not a valid address' }
    }
    // Images are fetched from the store's own address only.
    if (url.origin !== this.origin) {
      return { ...entry, status: `skipped: hosted on ${url.host}` }
    }
    return this.download(entry, url)
  }

  /**
   * Returns the entry for a file already on disk whose SHA-256 matches the
   * manifest, or that has no manifest entry yet, because files are renamed
   * into place only when complete. Deletes a file whose hash differs.
   */
  private async keepExisting(
    entry: ManifestEntry,
  ): Promise<ManifestEntry | null> {
    const target = this.context.folder.pathOf(entry.file)
    if (!existsSync(target)) return null
    const data = await readFile(target)
    const hash = sha256(data)
    const known = this.previous.get(entry.path)
    if (known === undefined || known.sha256 === '' || known.sha256 === hash) {
      return { ...entry, size: data.byteLength, sha256: hash, status: 'kept' }
    }
    await rm(target, { force: true })
    return null
  }

  private async download(
    entry: ManifestEntry,
    url: URL,
  ): Promise<ManifestEntry> {
    const signal = this.context.signal
    await this.pacer.wait(signal)
    const signals = [AbortSignal.timeout(this.options.timeoutMs)]
    if (signal !== undefined) signals.push(signal)

    let response: Response
    try {
      response = await fetch(url, {
        signal: AbortSignal.any(signals),
        redirect: 'manual',
      })
    } catch (error) {
      throwIfCancelled(signal)
      this.failuresInRow += 1
      // One line per image: a stack trace per failure buries the output.
      const reason = networkReason(error)
      log.warn(`export: image download failed: ${url.href}: ${reason}`)
      return { ...entry, status: `failed: ${reason}` }
    }
    this.failuresInRow = 0
    if (!response.ok) {
      await response.body?.cancel()
      return { ...entry, status: `failed: HTTP ${response.status}` }
    }
    const declared = Number(response.headers.get('content-length') ?? 0)
    if (declared > MAX_IMAGE_BYTES) {
      await response.body?.cancel()
      return { ...entry, status: 'failed: larger than 50 MB' }
    }
    const data = new Uint8Array(await response.arrayBuffer())
    if (data.byteLength > MAX_IMAGE_BYTES) {
      return { ...entry, status: 'failed: larger than 50 MB' }
    }

    const sink = await this.context.folder.create(entry.file)
    await sink.writeBuffer(data)
    await sink.finish()
    return {
      ...entry,
      size: data.byteLength,
      sha256: sha256(data),
      status: 'downloaded',
    }
  }
}
