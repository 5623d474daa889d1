import { idAt, indexOfId } from '../ids.ts'
import { cents, recordRng } from '../random.ts'
import type { GenContext } from '../types.ts'
import { DAY, HISTORY_END, HISTORY_START, spreadTime } from './common.ts'
import {
  COLORS,
  MATERIALS,
  PRODUCT_ADJECTIVES,
  PRODUCT_NOUNS,
  SIZES,
  slug,
} from './words.ts'

export const PRODUCT_IDS = { base: 14, gapEvery: 6 }

export interface OptionValue {
  id: number
  name: string
  /** Extra price of this choice. */
  price: number
}

export interface OptionGroup {
  id: number
  name: string
  type: 'Radio' | 'Dropdown'
  values: OptionValue[]
}

/**
 * The core of a product: what orders, filters and the full product record
 * share. Cheap to compute, so orders can reference products by index.
 */
export interface ProductSummary {
  index: number
  catalogId: number
  sku: string
  name: string
  price: number
  cost: number
  salePrice: number
  onSale: boolean
  stock: number
  weight: number
  hide: boolean
  giftCertificate: boolean
  freeShipping: boolean
  nonTaxable: boolean
  notForSale: boolean
  homeSpecial: boolean
  categorySpecial: boolean
  nonSearchable: boolean
  selfShip: boolean
  disableRewards: boolean
  fileName: string
  manufacturerIndex: number
  categoryIndexes: number[]
  distributorIndexes: number[]
  optionGroups: OptionGroup[]
  /** Naive store-local seconds. */
  lastUpdate: number
  dateCreated: number
}

export function productId(index: number): number {
  return idAt(PRODUCT_IDS, index)
}

export function productIndexOf(id: number): number {
  return indexOfId(PRODUCT_IDS, id)
}

function baseSku(ctx: GenContext, index: number, name: string): string {
  const rng = recordRng(ctx.seed, 'products.sku', index)
  const letters = slug(name).replace(/-/g, '').slice(0, 6).toUpperCase()
  return `${letters}${rng.int(10, 99)}${productId(index)}`
}

export function productName(ctx: GenContext, index: number): string {
  const rng = recordRng(ctx.seed, 'products.name', index)
  if (isGiftCertificate(index)) return `Gift Certificate $${(index % 4) + 1}0`
  return `${rng.pick(PRODUCT_ADJECTIVES)} ${rng.pick(PRODUCT_NOUNS)} ${productId(index)}`
}

export function isGiftCertificate(index: number): boolean {
  return index % 10 === 8
}

/** Some products share their SKU with the product before them. */
export function productSku(ctx: GenContext, index: number): string {
  const owner = index % 5 === 4 ? index - 1 : index
  return baseSku(ctx, owner, productName(ctx, owner))
}

function optionGroups(ctx: GenContext, index: number): OptionGroup[] {
  const rng = recordRng(ctx.seed, 'products.options', index)
  const catalogId = productId(index)
  const group = (
    slot: number,
    name: string,
    values: readonly string[],
    type: OptionGroup['type'],
  ): OptionGroup => ({
    id: catalogId * 10 + slot,
    name,
    type,
    values: values.map((value, position) => ({
      id: catalogId * 100 + slot * 20 + position,
      name: value,
      price: position === values.length - 1 && rng.chance(0.5) ? 2.5 : 0,
    })),
  })
  if (isGiftCertificate(index)) return []
  // Products with many variants: 6 sizes x 8 colors x 3 materials.
  if (index % 6 === 3) {
    return [
      group(1, 'Size', SIZES, 'Dropdown'),
      group(2, 'Color', COLORS, 'Dropdown'),
      group(3, 'Material', MATERIALS, 'Radio'),
    ]
  }
  if (index % 3 === 0) {
    return [group(1, 'Available Sizes', SIZES.slice(0, rng.int(3, 6)), 'Radio')]
  }
  if (index % 3 === 1) {
    return [
      group(1, 'Size', SIZES.slice(1, 4), 'Radio'),
      group(2, 'Color', COLORS.slice(0, rng.int(2, 4)), 'Dropdown'),
    ]
  }
  return []
}

export function productSummary(ctx: GenContext, index: number): ProductSummary {
  const rng = recordRng(ctx.seed, 'products', index)
  const name = productName(ctx, index)
  const giftCertificate = isGiftCertificate(index)
  const price = giftCertificate ? ((index % 4) + 1) * 10 : rng.money(8, 180)
  const created = spreadTime(
    index,
    ctx.counts.products,
    rng,
    HISTORY_START - 400 * DAY,
  )
  const categoryCount = ctx.counts.categories
  const categoryIndexes: number[] = []
  if (!giftCertificate && categoryCount > 0) {
    categoryIndexes.push(rng.int(0, categoryCount - 1))
    if (rng.chance(0.3)) {
      const second = rng.int(0, categoryCount - 1)
      if (!categoryIndexes.includes(second)) categoryIndexes.push(second)
    }
  }
  const distributorIndexes =
    index % 5 === 0 && ctx.counts.distributors > 0
      ? [index % ctx.counts.distributors]
      : []
  return {
    index,
    catalogId: productId(index),
    sku: productSku(ctx, index),
    name,
    price,
    cost: giftCertificate ? 0 : cents(price * rng.pick([0.25, 0.4, 0.5])),
    salePrice: rng.chance(0.3) ? cents(price * 0.8) : 0,
    onSale: index % 4 === 0,
    // Stock goes negative when a store sells without stock control.
    stock: rng.chance(0.2) ? -rng.int(1, 200) : rng.int(0, 900),
    weight: rng.chance(0.6) ? rng.int(0, 5) : cents(rng.int(1, 9) / 4),
    hide: giftCertificate || index % 12 === 7,
    giftCertificate,
    freeShipping: index % 8 === 5,
    nonTaxable: giftCertificate,
    notForSale: index % 23 === 22,
    homeSpecial: index % 9 === 0,
    categorySpecial: index % 13 === 6,
    nonSearchable: giftCertificate,
    selfShip: false,
    disableRewards: index % 17 === 3,
    fileName: `${slug(name)}.php`,
    manufacturerIndex:
      ctx.counts.manufacturers > 0 && index % 4 !== 2
        ? index % ctx.counts.manufacturers
        : -1,
    categoryIndexes,
    distributorIndexes,
    optionGroups: optionGroups(ctx, index),
    lastUpdate: Math.min(created + rng.int(0, 900) * DAY, HISTORY_END),
    dateCreated: created - (created % DAY),
  }
}
