/**
 * The fit report: records that will not import as is into Shopify or
 * WooCommerce, each named, computed before the import files are written.
 */
import type { EntityKey } from '../../../shared/entities.ts'
import { parseWithoutSensitive } from '../sensitive.ts'
import type { ArchiveSource } from '../source.ts'
import { CategoryTree } from './categories.ts'
import { HandleRegistry, productHandle } from './handles.ts'
import { productModel } from './product-model.ts'

export type Platform = 'shopify' | 'woocommerce'

export interface FitIssue {
  severity: 'error' | 'warning'
  rule: FitRule
  entity: EntityKey
  recordId: string
  name: string
  detail: string
}

export type FitRule =
  | 'too-many-options'
  | 'too-many-variants'
  | 'duplicate-sku'
  | 'duplicate-handle'
  | 'missing-title'
  | 'missing-parent-sku'
  | 'malformed-email'
  | 'duplicate-email'
  | 'category-depth'

export interface FitReport {
  platform: Platform
  checked: { products: number; customers: number; categories: number }
  /** Largest number of option names of one product. */
  maxOptionNames: number
  /** Issues per rule, counting those left out of `issues`. */
  counts: Partial<Record<FitRule, number>>
  issues: FitIssue[]
  /** Issues beyond the listed maximum, counted but not listed. */
  truncated: number
}

/** Shopify's limits as the import documentation states them. */
export const SHOPIFY_MAX_OPTIONS = 3
export const SHOPIFY_MAX_VARIANTS = 100
/** Issues listed in full; the rest are only counted. */
const MAX_LISTED = 5_000
const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/

export function isWellFormedEmail(email: string): boolean {
  return EMAIL.test(email.trim())
}

class IssueList {
  readonly report: FitReport

  constructor(platform: Platform) {
    this.report = {
      platform,
      checked: { products: 0, customers: 0, categories: 0 },
      maxOptionNames: 0,
      counts: {},
      issues: [],
      truncated: 0,
    }
  }

  add(issue: FitIssue): void {
    const counts = this.report.counts
    counts[issue.rule] = (counts[issue.rule] ?? 0) + 1
    if (this.report.issues.length < MAX_LISTED) this.report.issues.push(issue)
    else this.report.truncated++
  }
}

export function buildFitReport(
  source: ArchiveSource,
  platform: Platform,
): FitReport {
  const list = new IssueList(platform)
  checkProducts(source, platform, list)
  if (platform === 'shopify') checkCustomers(source, list)
  checkCategories(source, platform, list)
  return list.report
}

function checkProducts(
  source: ArchiveSource,
  platform: Platform,
  list: IssueList,
): void {
  if (!source.hasTable('products')) return
  const skus = new Map<string, string>()
  const handles = new HandleRegistry()
  for (const [, raw] of source.iterateRaw('products')) {
    const product = productModel(parseWithoutSensitive(raw))
    list.report.checked.products++
    list.report.maxOptionNames = Math.max(
      list.report.maxOptionNames,
      product.options.length,
    )
    const id = String(product.id)
    const name = product.name
    const issue = (
      rule: FitRule,
      severity: FitIssue['severity'],
      detail: string,
    ): void =>
      list.add({
        severity,
        rule,
        entity: 'products',
        recordId: id,
        name,
        detail,
      })
    if (name === '') {
      issue(
        'missing-title',
        'error',
        'The product has no name; both platforms require one.',
      )
    }
    const allSkus = [product.sku, ...product.variants.map((v) => v.sku)]
    for (const sku of allSkus) {
      if (sku === '') continue
      const owner = skus.get(sku.toLowerCase())
      if (owner !== undefined && owner !== id) {
        issue(
          'duplicate-sku',
          'error',
          `SKU "${sku}" is also used by product ${owner}.`,
        )
      } else if (owner === id && sku !== product.sku) {
        issue(
          'duplicate-sku',
          'error',
          `SKU "${sku}" appears twice in this product.`,
        )
      }
      skus.set(sku.toLowerCase(), id)
    }
    if (platform === 'shopify') {
      const { handle, renamed } = handles.claim(
        productHandle(product),
        product.id,
      )
      if (renamed) {
        issue(
          'duplicate-handle',
          'warning',
          `The handle was taken, so it becomes "${handle}".`,
        )
      }
      if (product.options.length > SHOPIFY_MAX_OPTIONS) {
        const names = product.options.map((o) => o.name).join(', ')
        issue(
          'too-many-options',
          'error',
          `${product.options.length} option names (${names}); Shopify allows ${SHOPIFY_MAX_OPTIONS}. Only the first ${SHOPIFY_MAX_OPTIONS} are written.`,
        )
      }
      if (product.variants.length > SHOPIFY_MAX_VARIANTS) {
        issue(
          'too-many-variants',
          'error',
          `${product.variants.length} variants; the Shopify import allows ${SHOPIFY_MAX_VARIANTS}.`,
        )
      }
    }
    if (
      platform === 'woocommerce' &&
      product.variants.length > 0 &&
      product.sku === ''
    ) {
      issue(
        'missing-parent-sku',
        'error',
        'The product has variants but no SKU, so its variation rows refer to it by "id:", which a new store does not know.',
      )
    }
  }
}

function checkCustomers(source: ArchiveSource, list: IssueList): void {
  if (!source.hasTable('customers')) return
  const emails = new Map<string, number>()
  const rows = source.db
    .prepare(
      'SELECT id, email, billing_first_name, billing_last_name FROM customers ORDER BY id',
    )
    .raw(true)
    .iterate() as IterableIterator<
    [number, string | null, string | null, string | null]
  >
  for (const [id, email, first, last] of rows) {
    list.report.checked.customers++
    const name = [first, last].filter((p) => p).join(' ')
    const address = (email ?? '').trim()
    if (address !== '' && !isWellFormedEmail(address)) {
      list.add({
        severity: 'error',
        rule: 'malformed-email',
        entity: 'customers',
        recordId: String(id),
        name,
        detail: `"${address}" is not a valid email address.`,
      })
    }
    if (address === '') continue
    const key = address.toLowerCase()
    const firstId = emails.get(key)
    if (firstId !== undefined) {
      list.add({
        severity: 'warning',
        rule: 'duplicate-email',
        entity: 'customers',
        recordId: String(id),
        name,
        detail: `Customer ${firstId} has the same email; Shopify keeps only the last row.`,
      })
    } else {
      emails.set(key, id)
    }
  }
}

function checkCategories(
  source: ArchiveSource,
  platform: Platform,
  list: IssueList,
): void {
  const tree = CategoryTree.load(source)
  for (const category of tree.all()) {
    list.report.checked.categories++
    const path = tree.path(category.id)
    if (platform === 'shopify' && path.length > 1) {
      list.add({
        severity: 'warning',
        rule: 'category-depth',
        entity: 'categories',
        recordId: String(category.id),
        name: category.name,
        detail: `Shopify collections are flat: products in "${path.join(' > ')}" get the tag "${category.name}", without the path.`,
      })
    }
    if (category.parentId !== 0 && tree.get(category.parentId) === undefined) {
      list.add({
        severity: 'warning',
        rule: 'category-depth',
        entity: 'categories',
        recordId: String(category.id),
        name: category.name,
        detail: `The parent category ${category.parentId} is not in the archive, so the category is placed at the top level.`,
      })
    }
  }
}
