/**
 * Maps `/3dCartWebAPI/{v1|v2}/...` paths to what the store serves. Path
 * segments match case-insensitively, as ASP.NET routing does.
 */
import {
  ENTITIES,
  type ApiModule,
  type EntityDefinition,
  type EntityKey,
} from '../../shared/entities.ts'

export type Route =
  | { kind: 'settings'; module: ApiModule }
  | { kind: 'list'; entity: EntityKey; module: ApiModule }
  | { kind: 'one'; entity: EntityKey; module: ApiModule; id: string }
  | {
      kind: 'embedded'
      entity: EntityKey
      module: ApiModule
      id: string
      /** Field of the parent record listed, or 'SKUInfo' for skuinfo. */
      field: string
      notFound: string
    }
  | { kind: 'skuinfo'; module: ApiModule }
  | {
      kind: 'children'
      entity: 'products' | 'customers'
      module: ApiModule
      parent: EntityKey
      id: string
    }
  | { kind: 'webhook-events'; module: ApiModule }

const API_PREFIX = /^\/3dcartwebapi\/v[12]\/(.+?)\/?$/i

const BY_RESOURCE = new Map<string, EntityDefinition>(
  ENTITIES.map((definition) => [definition.resource.toLowerCase(), definition]),
)

/** Sub-resources whose items are an embedded list of the parent record. */
const EMBEDDED: Partial<Record<EntityKey, Record<string, [string, string]>>> = {
  orders: {
    items: ['OrderItemList', 'No items found for this order'],
    shipments: ['ShipmentList', 'No shipments found for this order'],
    transactions: ['TransactionList', 'No transactions found for this order'],
    questions: ['QuestionList', 'No questions found for this order'],
  },
  products: {
    advancedoptions: [
      'AdvancedOptionList',
      'Product not found, or has no advanced options',
    ],
    options: ['OptionSetList', 'Product not found, or has no options'],
    categories: ['CategoryList', 'Product not found, or has no categories'],
    discount: ['DiscountList', 'Product not found, or has no discounts'],
    distributors: [
      'DistributorList',
      'Product not found, or has no distributors',
    ],
    eproducts: ['EProductList', 'Product not found, or has no e-products'],
    features: ['FeatureList', 'Product not found, or has no features'],
    images: ['ImageGalleryList', 'Product not found, or has no image gallery'],
    related: [
      'RelatedProductList',
      'Product not found, or has no related products',
    ],
    serials: ['SerialList', 'Product not found, or has no serials'],
    upselling: [
      'UpSellingItemList',
      'Product not found, or has no up-selling items',
    ],
    skuinfo: ['SKUInfo', 'Product not found'],
  },
  gift_registries: {
    items: ['GiftRegistryItemList', 'No items found for this gift registry'],
  },
  rmas: { items: ['RMAItemList', 'No items found for this RMA'] },
  crm_tickets: {
    message: ['CrmMessageList', 'The specified CRM does not exist'],
  },
  categories: {
    options: [
      'OptionSetList',
      'The specified Category does not exist or has no options',
    ],
  },
}

/** Parent resources that list their products or customers. */
const CHILD_LISTS: Partial<
  Record<EntityKey, Record<string, 'products' | 'customers'>>
> = {
  categories: { products: 'products' },
  manufacturers: { products: 'products' },
  distributors: { products: 'products' },
  customer_groups: { customers: 'customers' },
}

export function matchRoute(pathname: string): Route | null {
  const match = API_PREFIX.exec(pathname)
  if (!match?.[1]) return null
  const segments = match[1].split('/').map((s) => decodeURIComponent(s))
  const lower = segments.map((s) => s.toLowerCase())

  // Two-segment resources such as CRM/department come first.
  const twoSegment =
    lower.length >= 2 ? BY_RESOURCE.get(`${lower[0]}/${lower[1]}`) : undefined
  const definition = twoSegment ?? BY_RESOURCE.get(lower[0] ?? '')
  if (!definition) return null
  const rest = segments.slice(twoSegment ? 2 : 1)
  const restLower = lower.slice(twoSegment ? 2 : 1)
  const module = definition.module
  const entity = definition.key

  if (definition.shape === 'object') {
    return rest.length === 0 ? { kind: 'settings', module } : null
  }
  if (rest.length === 0) return { kind: 'list', entity, module }
  if (
    entity === 'products' &&
    restLower[0] === 'skuinfo' &&
    rest.length === 1
  ) {
    return { kind: 'skuinfo', module }
  }
  if (entity === 'webhooks' && restLower[0] === 'events' && rest.length === 1) {
    return { kind: 'webhook-events', module }
  }
  const id = rest[0] ?? ''
  if (rest.length === 1) return { kind: 'one', entity, module, id }
  if (rest.length !== 2) return null
  const sub = restLower[1] ?? ''
  const embedded = EMBEDDED[entity]?.[sub]
  if (embedded) {
    return {
      kind: 'embedded',
      entity,
      module,
      id,
      field: embedded[0],
      notFound: embedded[1],
    }
  }
  const child = CHILD_LISTS[entity]?.[sub]
  if (child)
    return { kind: 'children', entity: child, module, parent: entity, id }
  return null
}
