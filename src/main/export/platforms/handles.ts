/** URL handles for the new store and old page paths for redirects. */

const PAGE_EXTENSION = /\.(?:php|html?|aspx?)$/i

/** Lowercase ASCII words joined by `-`, as Shopify writes handles. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 255)
    .replace(/-+$/, '')
}

/** Path of an old store address without the domain, such as `/widget.php`. */
export function pathOfUrl(url: string): string {
  const trimmed = url.trim()
  if (trimmed === '') return ''
  try {
    const parsed = new URL(trimmed, 'http://store.invalid')
    return `${parsed.pathname}${parsed.search}`
  } catch {
    return ''
  }
}

/** Last segment of a path without its page extension. */
function pageName(path: string): string {
  const segment =
    path
      .split('/')
      .filter((s) => s !== '')
      .pop() ?? ''
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // Keeps a malformed escape as written.
  }
  return decoded.replace(PAGE_EXTENSION, '')
}

/**
 * Handle of a product: the page file name of the old store when it has one
 * (so the new address resembles the old), else the product name, else the id.
 */
export function productHandle(product: {
  id: number
  name: string
  url: string
  customFileName: string
}): string {
  const candidates = [
    pageName(product.customFileName),
    pageName(pathOfUrl(product.url)),
    product.name,
  ]
  for (const candidate of candidates) {
    const handle = slugify(candidate)
    if (handle !== '') return handle
  }
  return `product-${product.id}`
}

/**
 * Hands out unique handles: a second product with the same handle gets
 * `-<id>` appended. Returns the handle and whether it was changed.
 */
export class HandleRegistry {
  private readonly used = new Set<string>()

  claim(handle: string, id: number): { handle: string; renamed: boolean } {
    if (!this.used.has(handle)) {
      this.used.add(handle)
      return { handle, renamed: false }
    }
    let candidate = `${handle}-${id}`
    let n = 2
    while (this.used.has(candidate)) candidate = `${handle}-${id}-${n++}`
    this.used.add(candidate)
    return { handle: candidate, renamed: true }
  }
}
