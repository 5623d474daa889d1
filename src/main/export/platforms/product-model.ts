/**
 * A 3dcart product read from its raw JSON into the parts the Shopify and
 * WooCommerce mappings need: prices, images, option names and variants.
 */

export interface ProductImage {
  path: string
  caption: string
}

export interface ProductOption {
  name: string
  /** Value names by option value id. */
  values: Map<string, string>
}

export interface ProductVariant {
  sku: string
  /** Value names, one per entry of `ProductModel.options`, '' when unset. */
  values: string[]
  price: number | null
  cost: number | null
  stock: number | null
  weight: number | null
  gtin: string
}

export interface ProductModel {
  id: number
  sku: string
  name: string
  description: string
  shortDescription: string
  vendor: string
  hidden: boolean
  price: number | null
  retailPrice: number | null
  salePrice: number | null
  onSale: boolean
  cost: number | null
  stock: number | null
  weight: number | null
  gtin: string
  mfgid: string
  taxable: boolean
  giftCertificate: boolean
  seoTitle: string
  seoDescription: string
  /** Old product page address, such as `http://shop.example/widget.php`. */
  url: string
  customFileName: string
  categoryIds: number[]
  images: ProductImage[]
  /** Options used by the variants, in the store's option set order. */
  options: ProductOption[]
  variants: ProductVariant[]
}

type Json = Record<string, unknown>

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return ''
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value)
    return Number.isFinite(parsed) ? parsed : null
  }
  return null
}

function list(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((v): v is Json => v !== null && typeof v === 'object')
    : []
}

/** `<meta name="description" content="...">` inside the MetaTags HTML. */
function metaDescription(metaTags: string): string {
  const match =
    /<meta\s[^>]*name\s*=\s*["']description["'][^>]*content\s*=\s*["']([^"']*)["']/i.exec(
      metaTags,
    )
  return match?.[1]?.trim() ?? ''
}

function images(record: Json): ProductImage[] {
  const found: ProductImage[] = []
  const seen = new Set<string>()
  const add = (path: unknown, caption: unknown): void => {
    const file = text(path).trim()
    if (file === '' || seen.has(file)) return
    seen.add(file)
    found.push({ path: file, caption: text(caption) })
  }
  add(record['MainImageFile'], record['MainImageCaption'])
  for (let n = 2; n <= 4; n++) {
    add(record[`AdditionalImageFile${n}`], record[`AdditionalImageCaption${n}`])
  }
  const gallery = list(record['ImageGalleryList']).sort(
    (a, b) =>
      (num(a['ImageGallerySorting']) ?? 0) -
      (num(b['ImageGallerySorting']) ?? 0),
  )
  for (const image of gallery) {
    add(image['ImageGalleryFile'], image['ImageGalleryCaption'])
  }
  return found
}

function optionSets(record: Json): ProductOption[] {
  return list(record['OptionSetList']).map((set) => {
    const values = new Map<string, string>()
    for (const option of list(set['OptionList'])) {
      values.set(text(option['OptionID']), text(option['OptionName']))
    }
    return { name: text(set['OptionSetName']), values }
  })
}

function variantsOf(
  record: Json,
  sets: ProductOption[],
): {
  options: ProductOption[]
  variants: ProductVariant[]
} {
  const rows = list(record['AdvancedOptionList'])
  // Codes join option value ids with ',' or '-', such as `21,477` or `393-491`.
  const codes = rows.map((row) =>
    text(row['AdvancedOptionCode'])
      .split(/[,-]/)
      .map((id) => id.trim())
      .filter((id) => id !== ''),
  )
  // Only option sets that a variant uses become options of the product.
  const used = sets.filter((set) =>
    codes.some((ids) => ids.some((id) => set.values.has(id))),
  )
  const variants = rows.map((row, index) => {
    const ids = codes[index] ?? []
    const values = used.map((set) => {
      const id = ids.find((candidate) => set.values.has(candidate))
      return id === undefined ? '' : (set.values.get(id) ?? '')
    })
    return {
      sku: text(row['AdvancedOptionSufix']).trim(),
      values,
      price: num(row['AdvancedOptionPrice']),
      cost: num(row['AdvancedOptionCost']),
      stock: num(row['AdvancedOptionStock']),
      weight: num(row['AdvancedOptionWeight']),
      gtin: text(row['AdvancedOptionGTIN']).trim(),
    }
  })
  return { options: used, variants }
}

export function productModel(record: Json): ProductModel {
  const info = (record['SKUInfo'] ?? {}) as Json
  const { options, variants } = variantsOf(record, optionSets(record))
  const metaTags = text(record['MetaTags'])
  return {
    id: num(info['CatalogID']) ?? 0,
    sku: text(info['SKU']).trim(),
    name: text(info['Name']).trim(),
    description: text(record['Description']),
    shortDescription: text(record['ShortDescription']),
    vendor: text(record['ManufacturerName']).trim(),
    hidden: record['Hide'] === true,
    price: num(info['Price']),
    retailPrice: num(info['RetailPrice']),
    salePrice: num(info['SalePrice']),
    onSale: info['OnSale'] === true,
    cost: num(info['Cost']),
    stock: num(info['Stock']),
    weight: num(record['Weight']),
    gtin: text(record['GTIN']).trim(),
    mfgid: text(record['MFGID']).trim(),
    taxable: record['NonTaxable'] !== true,
    giftCertificate: record['GiftCertificate'] === true,
    seoTitle: text(record['Title']).trim(),
    seoDescription: metaDescription(metaTags),
    url: text(record['ProductLink']).trim(),
    customFileName: text(record['CustomFileName']).trim(),
    categoryIds: list(record['CategoryList'])
      .map((c) => num(c['CategoryID']))
      .filter((id): id is number => id !== null),
    images: images(record),
    options,
    variants,
  }
}

/** Selling price and compare-at price as the storefront shows them. */
export function effectivePrices(product: {
  price: number | null
  retailPrice: number | null
  salePrice: number | null
  onSale: boolean
}): { price: number | null; compareAt: number | null } {
  if (product.onSale && product.salePrice !== null && product.salePrice > 0) {
    return { price: product.salePrice, compareAt: product.price }
  }
  const compareAt =
    product.retailPrice !== null &&
    product.price !== null &&
    product.retailPrice > product.price
      ? product.retailPrice
      : null
  return { price: product.price, compareAt }
}

/**
 * Prices of one variant. A variant at the product's base price follows the
 * product's sale; a variant with its own price keeps that price.
 */
export function variantPrices(
  product: ProductModel,
  variant: ProductVariant,
): { price: number | null; compareAt: number | null } {
  if (variant.price === null || variant.price === product.price) {
    return effectivePrices(product)
  }
  return { price: variant.price, compareAt: null }
}

/** Two decimals as the import files expect: `24.00`. */
export function money(value: number | null): string {
  return value === null ? '' : value.toFixed(2)
}
