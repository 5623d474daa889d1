/**
 * The catalogue of store entities the wizard pulls, shared by the demo store,
 * the pull engine, the archive, the review screens and the exports.
 *
 * Resource paths, id fields and page maximums follow the 3dcart REST API v1:
 * list endpoints return a bare JSON array, paging is by 1-based `offset`, and
 * the largest `limit` is 300 for Orders, 200 for Products and 500 elsewhere.
 */

/** Key of a top-level entity; also the archive table name (snake_case). */
export type EntityKey =
  | 'store_settings'
  | 'order_statuses'
  | 'customer_groups'
  | 'manufacturers'
  | 'distributors'
  | 'categories'
  | 'products'
  | 'customers'
  | 'orders'
  | 'promotions'
  | 'gift_registries'
  | 'rmas'
  | 'crm_tickets'
  | 'crm_departments'
  | 'crm_statuses'
  | 'webhooks'
  | 'frontend_scripts'
  | 'payment_tokens'

/** The API permission module that grants read access to an entity. */
export type ApiModule =
  | 'StoreSettings'
  | 'OrderStatus'
  | 'CustomerGroups'
  | 'Manufacturers'
  | 'Distributors'
  | 'Categories'
  | 'Products'
  | 'Customers'
  | 'Orders'
  | 'Promotions'
  | 'GiftRegistries'
  | 'RMA'
  | 'CRM'
  | 'Webhooks'
  | 'FrontendScripts'
  | 'PaymentTokens'

/** A list nested inside a parent record, stored as its own child table. */
export interface ChildList {
  /** Field of the parent record that contains the array. */
  field: string
  /** Archive table for the child rows, snake_case plural. */
  table: string
  /** Human label for review screens and exports. */
  label: string
}

export interface EntityDefinition {
  key: EntityKey
  /** Plural label shown to merchants. */
  label: string
  /** Path segment after `/3dCartWebAPI/v1/`. */
  resource: string
  module: ApiModule
  /**
   * Dotted path of the primary key inside a record, for example
   * `SKUInfo.CatalogID` for products. Empty for the single StoreSettings
   * object.
   */
  idPath: string
  /** Largest `limit` the API accepts for this resource. */
  maxPageSize: number
  /** `object` for StoreSettings, which is not a list. */
  shape: 'list' | 'object'
  /** Query filter the API offers for incremental pulls, if any. */
  lastUpdateFilter: boolean
  /**
   * Contains payment or credential data and is therefore off by default.
   * A merchant may still opt in.
   */
  sensitive: boolean
  /** Pulled unless the merchant turns it off. */
  defaultSelected: boolean
  childLists: ChildList[]
}

const PAGE_DEFAULT = 500

function entity(
  definition: Omit<
    EntityDefinition,
    | 'maxPageSize'
    | 'shape'
    | 'lastUpdateFilter'
    | 'sensitive'
    | 'defaultSelected'
    | 'childLists'
  > &
    Partial<EntityDefinition>,
): EntityDefinition {
  const sensitive = definition.sensitive ?? false
  return {
    maxPageSize: PAGE_DEFAULT,
    shape: 'list',
    lastUpdateFilter: false,
    defaultSelected: !sensitive,
    childLists: [],
    ...definition,
    sensitive,
  }
}

/** Every entity in the order a full pull reads them: lookups first. */
export const ENTITIES: readonly EntityDefinition[] = [
  entity({
    key: 'store_settings',
    label: 'Store settings',
    resource: 'StoreSettings',
    module: 'StoreSettings',
    idPath: '',
    shape: 'object',
  }),
  entity({
    key: 'order_statuses',
    label: 'Order statuses',
    resource: 'OrderStatus',
    module: 'OrderStatus',
    idPath: 'OrderStatusID',
  }),
  entity({
    key: 'customer_groups',
    label: 'Customer groups',
    resource: 'CustomerGroups',
    module: 'CustomerGroups',
    idPath: 'CustomerGroupID',
  }),
  entity({
    key: 'manufacturers',
    label: 'Manufacturers',
    resource: 'Manufacturers',
    module: 'Manufacturers',
    idPath: 'ManufacturerID',
  }),
  entity({
    key: 'distributors',
    label: 'Distributors',
    resource: 'Distributors',
    module: 'Distributors',
    idPath: 'DistributorID',
  }),
  entity({
    key: 'categories',
    label: 'Categories',
    resource: 'Categories',
    module: 'Categories',
    idPath: 'CategoryID',
  }),
  entity({
    key: 'products',
    label: 'Products',
    resource: 'Products',
    module: 'Products',
    idPath: 'SKUInfo.CatalogID',
    maxPageSize: 200,
    lastUpdateFilter: true,
    childLists: [
      {
        field: 'CategoryList',
        table: 'product_categories',
        label: 'Categories',
      },
      {
        field: 'OptionSetList',
        table: 'product_option_sets',
        label: 'Options',
      },
      {
        field: 'AdvancedOptionList',
        table: 'product_variants',
        label: 'Variants',
      },
      {
        field: 'ImageGalleryList',
        table: 'product_images',
        label: 'Gallery images',
      },
      {
        field: 'RelatedProductList',
        table: 'product_related',
        label: 'Related products',
      },
      {
        field: 'UpSellingItemList',
        table: 'product_upsells',
        label: 'Up-sell items',
      },
      {
        field: 'DiscountList',
        table: 'product_discounts',
        label: 'Quantity discounts',
      },
      {
        field: 'DistributorList',
        table: 'product_distributors',
        label: 'Distributors',
      },
      {
        field: 'FeatureList',
        table: 'product_features',
        label: 'Features',
      },
      {
        field: 'EProductList',
        table: 'product_eproducts',
        label: 'Downloadable files',
      },
      {
        field: 'SerialList',
        table: 'product_serials',
        label: 'Serial numbers',
      },
    ],
  }),
  entity({
    key: 'customers',
    label: 'Customers',
    resource: 'Customers',
    module: 'Customers',
    idPath: 'CustomerID',
    lastUpdateFilter: true,
  }),
  entity({
    key: 'orders',
    label: 'Orders',
    resource: 'Orders',
    module: 'Orders',
    idPath: 'OrderID',
    maxPageSize: 300,
    lastUpdateFilter: true,
    childLists: [
      { field: 'OrderItemList', table: 'order_items', label: 'Items' },
      {
        field: 'ShipmentList',
        table: 'order_shipments',
        label: 'Shipments',
      },
      {
        field: 'TransactionList',
        table: 'order_transactions',
        label: 'Transactions',
      },
      {
        field: 'QuestionList',
        table: 'order_questions',
        label: 'Checkout questions',
      },
      {
        field: 'PromotionList',
        table: 'order_promotions',
        label: 'Promotions',
      },
    ],
  }),
  entity({
    key: 'promotions',
    label: 'Promotions',
    resource: 'Promotions',
    module: 'Promotions',
    idPath: 'PromotionID',
  }),
  entity({
    key: 'gift_registries',
    label: 'Gift registries',
    resource: 'GiftRegistries',
    module: 'GiftRegistries',
    idPath: 'GiftRegistryID',
    childLists: [
      {
        field: 'GiftRegistryItemList',
        table: 'gift_registry_items',
        label: 'Items',
      },
    ],
  }),
  entity({
    key: 'rmas',
    label: 'Returns (RMA)',
    resource: 'RMA',
    module: 'RMA',
    idPath: 'RMAID',
    childLists: [{ field: 'RMAItemList', table: 'rma_items', label: 'Items' }],
  }),
  // NOTE: the id fields of the CRM, webhook and storefront-script resources
  // come from the 2019 documentation's response examples only (spelled as
  // there: CrmID, DepartmentId, StatusId); no recorded payload shows them.
  entity({
    key: 'crm_tickets',
    label: 'Support tickets',
    resource: 'CRM',
    module: 'CRM',
    idPath: 'CrmID',
  }),
  entity({
    key: 'crm_departments',
    label: 'Support departments',
    resource: 'CRM/department',
    module: 'CRM',
    idPath: 'DepartmentId',
  }),
  entity({
    key: 'crm_statuses',
    label: 'Support ticket statuses',
    resource: 'CRM/status',
    module: 'CRM',
    idPath: 'StatusId',
  }),
  entity({
    key: 'webhooks',
    label: 'Webhooks',
    resource: 'Webhooks',
    module: 'Webhooks',
    idPath: 'Id',
  }),
  entity({
    key: 'frontend_scripts',
    label: 'Storefront scripts',
    resource: 'FrontendScripts',
    module: 'FrontendScripts',
    idPath: 'FrontendScriptID',
  }),
  entity({
    key: 'payment_tokens',
    label: 'Saved payment tokens',
    resource: 'PaymentTokens',
    module: 'PaymentTokens',
    idPath: 'PaymentTokenID',
    sensitive: true,
  }),
]

export const ENTITY_KEYS: readonly EntityKey[] = ENTITIES.map((e) => e.key)

const BY_KEY = new Map(ENTITIES.map((e) => [e.key, e]))

/** Looks up an entity definition; throws on an unknown key. */
export function getEntity(key: EntityKey): EntityDefinition {
  const definition = BY_KEY.get(key)
  if (!definition) throw new Error(`Unknown entity: ${String(key)}`)
  return definition
}

export function isEntityKey(value: string): value is EntityKey {
  return BY_KEY.has(value as EntityKey)
}

/** Reads the primary key of a record by the entity's dotted id path. */
export function readRecordId(
  definition: EntityDefinition,
  record: unknown,
): number | string | undefined {
  let current: unknown = record
  for (const part of definition.idPath.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return typeof current === 'number' || typeof current === 'string'
    ? current
    : undefined
}

/**
 * Fields that carry secrets or card data. They are dropped from stored
 * records unless the merchant opts in, and never written to exports.
 * `ContinueURL` is a link to the order with its secret key in the query.
 */
export const SENSITIVE_FIELDS: readonly string[] = [
  'Password',
  'CardNumber',
  'CardVerification',
  'CardIssueNumber',
  'TransactionCVV2',
  'CartKey',
  'OrderKey',
  'ContinueURL',
]
