import type { EntityKey } from '../../shared/entities.ts'

export type DemoSize =
  'tiny' | 'small' | 'medium' | 'large' | { orders: number }

type Counts = Record<EntityKey, number>

/** The largest explicit store the generator supports. */
export const MAX_ORDERS = 1_000_000

/** Fixed-size lookup tables shared by every size. */
const LOOKUPS = { store_settings: 1, order_statuses: 19 } as const

const PRESETS: Record<Exclude<DemoSize, object>, Counts> = {
  // A handful of each entity, enough for every quirk to appear at least once.
  tiny: {
    ...LOOKUPS,
    customer_groups: 3,
    manufacturers: 4,
    distributors: 3,
    categories: 14,
    products: 14,
    customers: 12,
    orders: 24,
    promotions: 4,
    gift_registries: 3,
    rmas: 4,
    crm_tickets: 4,
    crm_departments: 3,
    crm_statuses: 4,
    webhooks: 3,
    frontend_scripts: 2,
    payment_tokens: 4,
  },
  small: {
    ...LOOKUPS,
    customer_groups: 4,
    manufacturers: 12,
    distributors: 6,
    categories: 40,
    products: 150,
    customers: 300,
    orders: 500,
    promotions: 12,
    gift_registries: 15,
    rmas: 25,
    crm_tickets: 30,
    crm_departments: 4,
    crm_statuses: 5,
    webhooks: 4,
    frontend_scripts: 3,
    payment_tokens: 40,
  },
  medium: scaled(20_000),
  large: scaled(200_000),
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(value)))
}

/** Counts for a store with `orders` orders, other entities in proportion. */
function scaled(orders: number): Counts {
  return {
    ...LOOKUPS,
    customer_groups: clamp(orders / 5_000, 4, 10),
    manufacturers: clamp(Math.sqrt(orders) / 2, 4, 300),
    distributors: clamp(Math.sqrt(orders) / 8, 3, 60),
    categories: clamp(Math.sqrt(orders), 14, 1_000),
    products: clamp(orders / 16, 14, 60_000),
    customers: clamp(orders * 0.3, 12, 400_000),
    orders,
    promotions: clamp(orders / 2_000, 4, 500),
    gift_registries: clamp(orders / 150, 3, 10_000),
    rmas: clamp(orders / 60, 4, 20_000),
    crm_tickets: clamp(orders / 40, 4, 30_000),
    crm_departments: 4,
    crm_statuses: 5,
    webhooks: 4,
    frontend_scripts: 3,
    payment_tokens: clamp(orders / 25, 4, 50_000),
  }
}

/** Record counts per entity for a size; throws on an invalid size. */
export function countsForSize(size: DemoSize): Counts {
  if (typeof size === 'string') {
    const preset = PRESETS[size]
    if (!preset) throw new Error(`Unknown demo store size "${String(size)}"`)
    return { ...preset }
  }
  const orders = size.orders
  if (!Number.isInteger(orders) || orders < 0 || orders > MAX_ORDERS) {
    throw new Error(
      `Demo store order count must be a whole number from 0 to ${MAX_ORDERS}, got ${orders}`,
    )
  }
  return scaled(orders)
}

/** Parses a size option: a preset name or a number of orders. */
export function parseSize(text: string): DemoSize {
  if (
    text === 'tiny' ||
    text === 'small' ||
    text === 'medium' ||
    text === 'large'
  ) {
    return text
  }
  if (/^\d+$/.test(text) && Number(text) <= MAX_ORDERS) {
    return { orders: Number(text) }
  }
  throw new Error(
    `Invalid size "${text}": use tiny, small, medium, large or a number of orders up to ${MAX_ORDERS}`,
  )
}
