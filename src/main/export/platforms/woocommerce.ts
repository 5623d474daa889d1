/**
 * `woocommerce`: a product CSV for WooCommerce's built-in importer (3.1+).
 * A product with advanced options becomes a variable product followed by
 * its variation rows, which name the parent by SKU. Categories are written
 * as `Parent > Child` paths.
 */
import { csvLineVerbatim } from '../csv.ts'
import { parseWithoutSensitive } from '../sensitive.ts'
import type { FormatContext } from '../types.ts'
import { CategoryTree } from './categories.ts'
import { buildFitReport } from './fit-report.ts'
import { writeFitReport } from './fit-report-file.ts'
import { imageUrl, type PlatformOptions } from './options.ts'
import {
  effectivePrices,
  money,
  productModel,
  variantPrices,
  type ProductModel,
} from './product-model.ts'
import { PlatformWriter } from './writer.ts'

/** The exporter's default columns, in its order. */
export const WOOCOMMERCE_COLUMNS = [
  'ID',
  'Type',
  'SKU',
  'GTIN, UPC, EAN, or ISBN',
  'Name',
  'Published',
  'Is featured?',
  'Visibility in catalog',
  'Short description',
  'Description',
  'Date sale price starts',
  'Date sale price ends',
  'Tax status',
  'Tax class',
  'In stock?',
  'Stock',
  'Low stock amount',
  'Backorders allowed?',
  'Sold individually?',
  'Weight (kg)',
  'Length (cm)',
  'Width (cm)',
  'Height (cm)',
  'Allow customer reviews?',
  'Purchase note',
  'Sale price',
  'Regular price',
  'Categories',
  'Tags',
  'Shipping class',
  'Images',
  'Download limit',
  'Download expiry days',
  'Parent',
  'Grouped products',
  'Upsells',
  'Cross-sells',
  'External URL',
  'Button text',
  'Position',
] as const

type Row = Record<string, string>

export function attributeColumns(count: number): string[] {
  const columns: string[] = []
  for (let n = 1; n <= count; n++) {
    columns.push(
      `Attribute ${n} name`,
      `Attribute ${n} value(s)`,
      `Attribute ${n} visible`,
      `Attribute ${n} global`,
    )
  }
  return columns
}

/** Escapes a value of a comma-separated list the way the importer splits it. */
export function listValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,')
}

/** Replaces line breaks with a literal `\n`, which the importer reads as a line break. */
function multiline(value: string): string {
  return value.replace(/\r\n|\r|\n/g, '\\n')
}

function stockCells(stock: number | null): Row {
  if (stock === null) return { 'In stock?': '1' }
  return {
    'In stock?': stock > 0 ? '1' : '0',
    Stock: String(Math.trunc(stock)),
  }
}

/** Checks whether a variation is in stock, which puts its variable product in stock. */
function anyInStock(product: ProductModel): boolean {
  return product.variants.some((v) => v.stock === null || v.stock > 0)
}

function parentRow(
  product: ProductModel,
  categories: string[],
  options: PlatformOptions,
): Row {
  const variable = product.variants.length > 0
  const { price, compareAt } = effectivePrices(product)
  const onSale = compareAt !== null && product.onSale
  const row: Row = {
    Type: variable ? 'variable' : 'simple',
    SKU: product.sku,
    'GTIN, UPC, EAN, or ISBN': product.gtin,
    Name: product.name,
    Published: product.hidden ? '-1' : '1',
    'Is featured?': '0',
    'Visibility in catalog': 'visible',
    'Short description': multiline(product.shortDescription),
    Description: multiline(product.description),
    'Tax status': product.taxable ? 'taxable' : 'none',
    'Backorders allowed?': '0',
    'Sold individually?': '0',
    'Weight (kg)':
      product.weight === null || product.weight === 0
        ? ''
        : String(product.weight),
    'Allow customer reviews?': '1',
    'Regular price': variable ? '' : money(onSale ? compareAt : price),
    'Sale price': variable || !onSale ? '' : money(price),
    Categories: categories.join(', '),
    Images: product.images
      .map((image) => listValue(imageUrl(image.path, options.baseUrl)))
      .join(', '),
    ...(variable
      ? { 'In stock?': anyInStock(product) ? '1' : '0' }
      : stockCells(product.stock)),
  }
  product.options.forEach((option, n) => {
    const values = [
      ...new Set(product.variants.map((v) => v.values[n] ?? '')),
    ].filter((v) => v !== '')
    row[`Attribute ${n + 1} name`] = option.name
    row[`Attribute ${n + 1} value(s)`] = values.map(listValue).join(', ')
    row[`Attribute ${n + 1} visible`] = '1'
    row[`Attribute ${n + 1} global`] = '0'
  })
  return row
}

function variationRows(product: ProductModel): Row[] {
  const parent = product.sku !== '' ? product.sku : `id:${product.id}`
  return product.variants.map((variant, index) => {
    const { price, compareAt } = variantPrices(product, variant)
    const onSale = compareAt !== null && product.onSale
    const values = variant.values.filter((v) => v !== '')
    const row: Row = {
      Type: 'variation',
      SKU: variant.sku,
      'GTIN, UPC, EAN, or ISBN': variant.gtin,
      Name:
        values.length > 0
          ? `${product.name} - ${values.join(', ')}`
          : product.name,
      Published: '1',
      'Tax status': product.taxable ? 'taxable' : 'none',
      'Tax class': 'parent',
      'Backorders allowed?': '0',
      'Weight (kg)':
        variant.weight === null || variant.weight === 0
          ? ''
          : String(variant.weight),
      'Regular price': money(onSale ? compareAt : price),
      'Sale price': onSale ? money(price) : '',
      Parent: parent,
      Position: String(index + 1),
      ...stockCells(variant.stock),
    }
    product.options.forEach((option, n) => {
      row[`Attribute ${n + 1} name`] = option.name
      row[`Attribute ${n + 1} value(s)`] = listValue(variant.values[n] ?? '')
      row[`Attribute ${n + 1} global`] = '0'
    })
    return row
  })
}

export async function writeWooCommerce(
  context: FormatContext,
  options: PlatformOptions,
): Promise<void> {
  const report = buildFitReport(context.source, 'woocommerce')
  await writeFitReport(context, 'woocommerce', report)
  if (!context.source.hasTable('products')) return
  const tree = CategoryTree.load(context.source)
  const columns = [
    ...WOOCOMMERCE_COLUMNS,
    ...attributeColumns(report.maxOptionNames),
  ]
  const writer = await PlatformWriter.open(
    context,
    'woocommerce',
    'woocommerce/products.csv',
    context.source.count('products'),
  )
  await writer.line(csvLineVerbatim(columns))
  for (const [, raw] of context.source.iterateRaw('products')) {
    const product = productModel(parseWithoutSensitive(raw))
    const categories = product.categoryIds
      .map((id) => tree.path(id))
      .filter((path) => path.length > 0)
      .map((path) => path.map(listValue).join(' > '))
    const rows = [
      parentRow(product, categories, options),
      ...variationRows(product),
    ]
    const lines = rows.map((row) =>
      csvLineVerbatim(columns.map((c) => row[c] ?? '')),
    )
    await writer.line(lines.join(''), true)
  }
  await writer.finish()
}
