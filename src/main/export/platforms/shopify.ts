/**
 * `shopify`: product, customer and redirect CSVs for Shopify's importer, and
 * the fit report. Variants come from the advanced options, with at most 3
 * option names. Extra images are rows that repeat only the handle.
 */
import { csvLineVerbatim } from '../csv.ts'
import { throwIfCancelled } from '../errors.ts'
import { parseWithoutSensitive } from '../sensitive.ts'
import type { FormatContext } from '../types.ts'
import { CategoryTree } from './categories.ts'
import { SHOPIFY_MAX_OPTIONS, buildFitReport } from './fit-report.ts'
import { writeFitReport } from './fit-report-file.ts'
import { HandleRegistry, pathOfUrl, productHandle, slugify } from './handles.ts'
import { imageUrl, type PlatformOptions } from './options.ts'
import {
  SHOPIFY_CUSTOMER_COLUMNS,
  SHOPIFY_PRODUCT_COLUMNS,
  SHOPIFY_REDIRECT_COLUMNS,
  type ShopifyCustomerColumn,
  type ShopifyProductColumn,
} from './shopify-columns.ts'
import {
  money,
  productModel,
  variantPrices,
  type ProductModel,
} from './product-model.ts'
import { PlatformWriter } from './writer.ts'

type ProductRow = Partial<Record<ShopifyProductColumn, string>>

const GRAMS_PER_UNIT = { lb: 453.59237, kg: 1000, oz: 28.349523125, g: 1 }

function yesNo(value: boolean): string {
  return value ? 'TRUE' : 'FALSE'
}

function productRows(
  product: ProductModel,
  handle: string,
  tags: string[],
  options: PlatformOptions,
): ProductRow[] {
  const grams = (weight: number | null): string =>
    weight === null
      ? ''
      : String(Math.round(weight * GRAMS_PER_UNIT[options.weightUnit]))
  const base: ProductRow = {
    Title: product.name,
    'URL handle': handle,
    Description: product.description,
    Vendor: product.vendor,
    Tags: tags.join(', '),
    'Published on online store': yesNo(!product.hidden),
    Status: product.hidden ? 'Draft' : 'Active',
    'Gift card': yesNo(product.giftCertificate),
    'SEO title': product.seoTitle,
    'SEO description': product.seoDescription,
    'Google Shopping / Manufacturer part number (MPN)': product.mfgid,
  }
  const variantCommon = (
    weight: number | null,
    stock: number | null,
  ): ProductRow => ({
    'Charge tax': yesNo(product.taxable),
    'Inventory tracker': 'shopify',
    'Inventory quantity': stock === null ? '' : String(Math.trunc(stock)),
    'Continue selling when out of stock': 'DENY',
    'Weight value (grams)': grams(weight),
    'Weight unit for display': options.weightUnit,
    'Requires shipping': yesNo(!product.giftCertificate),
    'Fulfillment service': 'manual',
  })
  const rows: ProductRow[] = []
  const optionNames = product.options
    .slice(0, SHOPIFY_MAX_OPTIONS)
    .map((o) => o.name)
  if (product.variants.length === 0) {
    const { price, compareAt } = variantPrices(product, {
      sku: product.sku,
      values: [],
      price: null,
      cost: null,
      stock: null,
      weight: null,
      gtin: '',
    })
    rows.push({
      ...base,
      SKU: product.sku,
      Barcode: product.gtin,
      'Option1 name': 'Title',
      'Option1 value': 'Default Title',
      Price: money(price),
      'Compare-at price': money(compareAt),
      'Cost per item': money(product.cost),
      ...variantCommon(product.weight, product.stock),
    })
  } else {
    product.variants.forEach((variant, index) => {
      const { price, compareAt } = variantPrices(product, variant)
      const row: ProductRow =
        index === 0 ? { ...base } : { 'URL handle': handle }
      optionNames.forEach((name, n) => {
        const key = `Option${n + 1}` as 'Option1' | 'Option2' | 'Option3'
        // Shopify reads option names from the first row of a product only.
        if (index === 0) row[`${key} name`] = name
        row[`${key} value`] = variant.values[n] ?? ''
      })
      Object.assign(row, {
        SKU: variant.sku,
        Barcode: variant.gtin,
        Price: money(price),
        'Compare-at price': money(compareAt),
        'Cost per item': money(variant.cost ?? product.cost),
        ...variantCommon(variant.weight ?? product.weight, variant.stock),
      })
      rows.push(row)
    })
  }
  product.images.forEach((image, index) => {
    const row = rows[index] ?? { 'URL handle': handle }
    row['Product image URL'] = imageUrl(image.path, options.baseUrl)
    row['Image position'] = String(index + 1)
    row['Image alt text'] = image.caption
    rows[index] = row
  })
  return rows
}

export async function writeShopify(
  context: FormatContext,
  options: PlatformOptions,
): Promise<void> {
  const report = buildFitReport(context.source, 'shopify')
  await writeFitReport(context, 'shopify', report)
  const tree = CategoryTree.load(context.source)
  const redirects: string[][] = []
  await writeProducts(context, options, tree, redirects)
  throwIfCancelled(context.signal)
  await writeCustomers(context)
  throwIfCancelled(context.signal)
  for (const category of tree.all()) {
    const from = pathOfUrl(category.link)
    const handle = slugify(category.name)
    if (from !== '' && from !== '/' && handle !== '') {
      redirects.push([from, `/collections/${handle}`])
    }
  }
  const writer = await PlatformWriter.open(
    context,
    'shopify',
    'shopify/redirects.csv',
  )
  await writer.line(csvLineVerbatim(SHOPIFY_REDIRECT_COLUMNS))
  for (const redirect of redirects)
    await writer.line(csvLineVerbatim(redirect), true)
  await writer.finish()
}

async function writeProducts(
  context: FormatContext,
  options: PlatformOptions,
  tree: CategoryTree,
  redirects: string[][],
): Promise<void> {
  if (!context.source.hasTable('products')) return
  const handles = new HandleRegistry()
  const writer = await PlatformWriter.open(
    context,
    'shopify',
    'shopify/products.csv',
    context.source.count('products'),
  )
  await writer.line(csvLineVerbatim(SHOPIFY_PRODUCT_COLUMNS))
  for (const [, raw] of context.source.iterateRaw('products')) {
    const product = productModel(parseWithoutSensitive(raw))
    const { handle } = handles.claim(productHandle(product), product.id)
    const tags = [
      ...new Set(
        product.categoryIds
          .map((id) => tree.get(id)?.name ?? '')
          .filter((name) => name !== ''),
      ),
    ]
    const rows = productRows(product, handle, tags, options)
    const lines = rows.map((row) =>
      csvLineVerbatim(
        SHOPIFY_PRODUCT_COLUMNS.map((column) => row[column] ?? ''),
      ),
    )
    await writer.line(lines.join(''), true)
    const from =
      pathOfUrl(product.url) ||
      (product.customFileName ? `/${product.customFileName}` : '')
    if (from !== '' && from !== '/')
      redirects.push([from, `/products/${handle}`])
  }
  await writer.finish()
}

async function writeCustomers(context: FormatContext): Promise<void> {
  if (!context.source.hasTable('customers')) return
  const groups = customerGroupNames(context)
  const writer = await PlatformWriter.open(
    context,
    'shopify',
    'shopify/customers.csv',
    context.source.count('customers'),
  )
  await writer.line(csvLineVerbatim(SHOPIFY_CUSTOMER_COLUMNS))
  const rows = context.source.db
    .prepare('SELECT * FROM customers ORDER BY id')
    .iterate() as IterableIterator<Record<string, unknown>>
  for (const customer of rows) {
    const value = (column: string): string => {
      const v = customer[column]
      return v === null || v === undefined ? '' : String(v)
    }
    const group = groups.get(Number(customer['customer_group_id']))
    const row: Partial<Record<ShopifyCustomerColumn, string>> = {
      'First Name': value('billing_first_name'),
      'Last Name': value('billing_last_name'),
      Email: value('email').trim(),
      'Accepts Email Marketing': customer['mail_list'] === 1 ? 'yes' : 'no',
      'Default Address Company': value('billing_company'),
      'Default Address Address1': value('billing_address1'),
      'Default Address Address2': value('billing_address2'),
      'Default Address City': value('billing_city'),
      'Default Address Province Code': value('billing_state'),
      'Default Address Country Code': value('billing_country'),
      'Default Address Zip': value('billing_zip_code'),
      'Default Address Phone': value('billing_phone_number'),
      'Accepts SMS Marketing': 'no',
      Tags: group ?? '',
      Note: value('comments'),
      'Tax Exempt': customer['non_taxable'] === 1 ? 'yes' : 'no',
    }
    await writer.line(
      csvLineVerbatim(
        SHOPIFY_CUSTOMER_COLUMNS.map((column) => row[column] ?? ''),
      ),
      true,
    )
  }
  await writer.finish()
}

function customerGroupNames(context: FormatContext): Map<number, string> {
  if (!context.source.hasTable('customer_groups')) return new Map()
  const rows = context.source.db
    .prepare('SELECT id, name FROM customer_groups')
    .raw(true)
    .all() as Array<[number, string | null]>
  return new Map(rows.map(([id, name]) => [id, name ?? '']))
}
