/**
 * Product images from the local image folder. The renderer cannot read
 * files, so main returns small images as `data:` URLs.
 *
 * The image export downloads into `<userDataDir>/exports/<storeId>/images`.
 * A file there is found by the store path it came from (such as
 * `assets/images/shoe.jpg`), by a `manifest.json` entry mapping that path to
 * a local file, or by its base name.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join, relative, resolve, sep } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { ProductImage } from '../../shared/ipc/channels/review.ts'
import { log } from '../log.ts'

/** Larger files are listed without a preview, to keep IPC messages small. */
export const IMAGE_PREVIEW_MAX_BYTES = 2 * 1024 * 1024

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
}

export function imageDirFor(exportDir: string): string {
  return join(exportDir, 'images')
}

/** Store path to local path (relative to the image folder), from the manifest. */
function readManifest(imageDir: string): Map<string, string> {
  const entries = new Map<string, string>()
  const file = join(imageDir, 'manifest.json')
  if (!existsSync(file)) return entries
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    // A half-written manifest only costs the previews; base names still work.
    log.warn('review: image manifest is not valid JSON', {
      file,
      error: error instanceof Error ? error.message : String(error),
    })
    return entries
  }
  const list = Array.isArray(parsed)
    ? parsed
    : (parsed as { files?: unknown } | null)?.files
  if (!Array.isArray(list)) return entries
  for (const item of list as Array<Record<string, unknown> | null>) {
    const source = item?.['source'] ?? item?.['url'] ?? item?.['remote']
    const local = item?.['path'] ?? item?.['local'] ?? item?.['file']
    if (typeof source === 'string' && typeof local === 'string') {
      entries.set(normaliseStorePath(source), local)
    }
  }
  return entries
}

function normaliseStorePath(path: string): string {
  return path
    .trim()
    .replace(/^[a-z]+:\/\/[^/]+/i, '')
    .replace(/^\/+/, '')
    .replaceAll('\\', '/')
}

/** Resolves a path under the image folder; undefined when it would leave it. */
function inside(imageDir: string, path: string): string | undefined {
  const root = resolve(imageDir)
  const full = resolve(root, path)
  const rel = relative(root, full)
  if (rel === '' || rel.startsWith('..') || rel.includes(`..${sep}`))
    return undefined
  return full
}

export function findLocalImage(
  imageDir: string,
  storePath: string,
  manifest: Map<string, string> = readManifest(imageDir),
): string | undefined {
  const normalised = normaliseStorePath(storePath)
  const candidates = [
    manifest.get(normalised),
    normalised,
    basename(normalised),
  ]
  for (const candidate of candidates) {
    if (candidate === undefined || candidate === '') continue
    const full = inside(imageDir, candidate)
    if (full !== undefined && existsSync(full) && statSync(full).isFile())
      return full
  }
  return undefined
}

function dataUrl(file: string): string | null {
  const mime = MIME_TYPES[extname(file).toLowerCase()]
  if (mime === undefined) return null
  if (statSync(file).size > IMAGE_PREVIEW_MAX_BYTES) return null
  return `data:${mime};base64,${readFileSync(file).toString('base64')}`
}

/** The product's main image and gallery, each with its local copy if downloaded. */
export function productImages(
  db: BetterSqlite3.Database,
  productId: number,
  imageDir: string,
): ProductImage[] {
  const main = db
    .prepare(
      'SELECT main_image_file AS file, main_image_caption AS caption FROM products WHERE id = ?',
    )
    .get(productId) as
    { file: string | null; caption: string | null } | undefined
  const gallery = db
    .prepare(
      'SELECT file, caption FROM product_images WHERE parent_id = ? ORDER BY sorting, position',
    )
    .all(productId) as Array<{ file: string | null; caption: string | null }>
  const manifest = readManifest(imageDir)
  const seen = new Set<string>()
  const images: ProductImage[] = []
  for (const image of [...(main ? [main] : []), ...gallery]) {
    const file = image.file?.trim()
    if (file === undefined || file === '' || seen.has(file)) continue
    seen.add(file)
    const local = findLocalImage(imageDir, file, manifest)
    images.push({
      file,
      caption: image.caption,
      dataUrl: local === undefined ? null : dataUrl(local),
    })
  }
  return images
}
