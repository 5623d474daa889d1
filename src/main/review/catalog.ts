/**
 * The columns the review screens may read, per entity, derived from the
 * archive's table specs. Every SQL identifier the review builds comes from
 * this whitelist, never from request text.
 */
import type { ColumnKind, ReviewColumn } from '../../shared/review-query.ts'
import type { EntityKey } from '../../shared/entities.ts'
import { sqlColumnNames, type ColumnSpec } from '../archive/columns.ts'
import { RECORD_TABLES, type ResolvedTable } from '../archive/tables.ts'

export interface CatalogColumn {
  name: string
  label: string
  kind: ColumnKind
  visibleByDefault: boolean
}

export interface EntityCatalog {
  key: EntityKey
  label: string
  idKind: 'integer' | 'text'
  columns: readonly CatalogColumn[]
  byName: ReadonlyMap<string, CatalogColumn>
  /** Columns that make a short title for a record, in order. */
  titleColumns: readonly string[]
  /** Column sorted on when the request names none. */
  defaultSort: { column: string; direction: 'asc' | 'desc' }
}

/** Labels where the humanised column name would read oddly. */
const LABELS: Readonly<Record<string, string>> = {
  id: 'ID',
  invoice_display: 'Order',
  order_date_utc: 'Order date',
  last_update_utc: 'Last update',
  order_status_id: 'Status',
  order_amount: 'Total',
  billing_email: 'Email',
  sku: 'SKU',
  gtin: 'GTIN',
  mfgid: 'Manufacturer part no.',
  ip: 'IP address',
  url: 'URL',
  customer_id: 'Customer ID',
  catalog_id: 'Catalog ID',
  date_created_utc: 'Created',
  is_abandoned: 'Abandoned checkout',
}

/** Columns shown first when the merchant has not chosen any. */
const DEFAULT_VISIBLE: Partial<Record<EntityKey, readonly string[]>> = {
  orders: [
    'invoice_display',
    'order_date_utc',
    'order_status_id',
    'billing_first_name',
    'billing_last_name',
    'billing_email',
    'order_amount',
  ],
  customers: [
    'email',
    'billing_first_name',
    'billing_last_name',
    'billing_company',
    'billing_city',
    'billing_country',
    'last_update_utc',
  ],
  products: ['sku', 'name', 'price', 'stock', 'hide', 'last_update_utc'],
  categories: ['name', 'parent_id', 'hide', 'sorting'],
  order_statuses: ['status_text', 'status_definition', 'visible', 'sorting'],
}

const TITLE_COLUMNS: Partial<Record<EntityKey, readonly string[]>> = {
  orders: ['invoice_display', 'billing_first_name', 'billing_last_name'],
  customers: ['email', 'billing_first_name', 'billing_last_name'],
  products: ['sku', 'name'],
  categories: ['name'],
  manufacturers: ['name'],
  distributors: ['company_name'],
  customer_groups: ['name'],
  order_statuses: ['status_text'],
  promotions: ['name'],
  gift_registries: ['name'],
}

const DEFAULT_SORT: Partial<Record<EntityKey, EntityCatalog['defaultSort']>> = {
  orders: { column: 'order_date_utc', direction: 'desc' },
}

/** Turns `billing_first_name` into `Billing first name`. */
export function humanise(name: string): string {
  const words = name.replace(/_utc$/, '').split('_')
  const sentence = words.join(' ')
  return sentence.charAt(0).toUpperCase() + sentence.slice(1)
}

function columnKind(spec: ColumnSpec, sqlName: string): ColumnKind {
  if (spec.type === 'date') return sqlName.endsWith('_utc') ? 'date' : 'text'
  if (spec.type === 'trimmed') return 'text'
  return spec.type
}

function buildColumns(table: ResolvedTable): CatalogColumn[] {
  const key = table.definition.key
  const defaults = DEFAULT_VISIBLE[key]
  const columns: CatalogColumn[] = [
    {
      name: 'id',
      label: 'ID',
      kind: table.idType === 'INTEGER' ? 'integer' : 'text',
      visibleByDefault: defaults === undefined,
    },
  ]
  for (const spec of table.columns) {
    for (const name of sqlColumnNames(spec)) {
      columns.push({
        name,
        label: LABELS[name] ?? humanise(name),
        kind: columnKind(spec, name),
        visibleByDefault: false,
      })
    }
  }
  const visible = defaults ?? columns.slice(1, 7).map((c) => c.name)
  for (const column of columns) {
    if (visible.includes(column.name)) column.visibleByDefault = true
  }
  return columns
}

function buildCatalog(table: ResolvedTable): EntityCatalog {
  const key = table.definition.key
  const columns = buildColumns(table)
  const byName = new Map(columns.map((c) => [c.name, c]))
  const titles = (TITLE_COLUMNS[key] ?? []).filter((c) => byName.has(c))
  return {
    key,
    label: table.definition.label,
    idKind: table.idType === 'INTEGER' ? 'integer' : 'text',
    columns,
    byName,
    titleColumns: titles.length > 0 ? titles : ['id'],
    defaultSort: DEFAULT_SORT[key] ?? { column: 'id', direction: 'asc' },
  }
}

const CATALOGS = new Map<string, EntityCatalog>(
  RECORD_TABLES.map((table) => [table.definition.key, buildCatalog(table)]),
)

/** Every browsable entity, in the catalogue's order. */
export function entityCatalogs(): EntityCatalog[] {
  return [...CATALOGS.values()]
}

/** Returns the entity's catalog, or undefined for a name not in the archive. */
export function findCatalog(entity: string): EntityCatalog | undefined {
  return CATALOGS.get(entity)
}

export function toReviewColumn(column: CatalogColumn): ReviewColumn {
  return { ...column }
}
