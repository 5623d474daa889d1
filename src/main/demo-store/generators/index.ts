import type { EntityKey } from '../../../shared/entities.ts'
import type { EntityGenerator } from '../types.ts'
import { categories } from './categories.ts'
import { customers } from './customers.ts'
import {
  customerGroups,
  distributors,
  manufacturers,
  orderStatuses,
} from './lookups.ts'
import { giftRegistries, promotions, rmas } from './marketing.ts'
import { orders } from './orders.ts'
import { products } from './products.ts'
import {
  crmDepartments,
  crmStatuses,
  crmTickets,
  frontendScripts,
  paymentTokens,
  webhooks,
} from './support.ts'

/** One generator per list entity; StoreSettings is a single object. */
export const GENERATORS: Record<
  Exclude<EntityKey, 'store_settings'>,
  EntityGenerator
> = {
  order_statuses: orderStatuses,
  customer_groups: customerGroups,
  manufacturers,
  distributors,
  categories,
  products,
  customers,
  orders,
  promotions,
  gift_registries: giftRegistries,
  rmas,
  crm_tickets: crmTickets,
  crm_departments: crmDepartments,
  crm_statuses: crmStatuses,
  webhooks,
  frontend_scripts: frontendScripts,
  payment_tokens: paymentTokens,
}
