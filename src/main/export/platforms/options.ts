/** Settings of the Shopify and WooCommerce exports. */

export type WeightUnit = 'lb' | 'kg' | 'oz' | 'g'

export interface PlatformOptions {
  /**
   * Store address that relative image paths are appended to; null when the
   * archive has none, in which case image columns hold the relative paths.
   */
  baseUrl: string | null
  /**
   * Unit of the store's product weights. NOTE: the API does not report the
   * store's weight unit, so this is the merchant's choice (3dcart's default
   * is pounds).
   */
  weightUnit: WeightUnit
}

/** Absolute address of a store image: `<base>/<relative path>`. */
export function imageUrl(path: string, baseUrl: string | null): string {
  if (/^https?:\/\//i.test(path)) return path
  if (baseUrl === null) return path
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}

/** Normalises a store URL setting to `https://host` form, or null. */
export function normaliseBaseUrl(
  value: string | null | undefined,
): string | null {
  const text = value?.trim() ?? ''
  if (text === '') return null
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`
  try {
    const url = new URL(withScheme)
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
  } catch {
    return null
  }
}
