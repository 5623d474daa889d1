/**
 * The detail of one record: its typed fields, its child records (items,
 * shipments, variants, images and so on), the records it links to, and for
 * a customer the orders placed.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../shared/errors.ts'
import type {
  DetailField,
  DetailSection,
  RecordDetail,
  RecordLink,
} from '../../shared/ipc/channels/review.ts'
import type { CellValue } from '../../shared/review-query.ts'
import { quoteIdentifier } from '../archive/schema.ts'
import { recordTable, type ResolvedTable } from '../archive/tables.ts'
import { humanise, type EntityCatalog } from './catalog.ts'
import { parseItemLine } from './item-lines.ts'
import { cachedStatement } from './query.ts'
import { requireCatalog } from './sql.ts'
import { statusLabels } from './statuses.ts'
import { recordTitles } from './titles.ts'

type Database = BetterSqlite3.Database
type Row = Record<string, unknown>

/** Child-table columns that repeat another column or only serve joins. */
const HIDDEN_CHILD_COLUMNS = new Set([
  'parent_id',
  'position',
  'raw',
  'tracking_code_raw',
])

/** Orders listed in a customer's detail; more are reachable through the grid. */
export const CUSTOMER_ORDER_LIMIT = 200

function cell(value: unknown): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string') return value
  return String(value)
}

function readRecord(
  db: Database,
  catalog: EntityCatalog,
  id: string | number,
): Row {
  const row = cachedStatement(
    db,
    `SELECT * FROM ${quoteIdentifier(catalog.key)} WHERE id = ?`,
  ).get(id) as Row | undefined
  if (row === undefined) {
    throw new AppError(
      'REVIEW_RECORD_NOT_FOUND',
      `${catalog.label} has no record with id ${String(id)} in this archive.`,
      { entity: catalog.key, id },
    )
  }
  return row
}

function fieldsOf(catalog: EntityCatalog, row: Row): DetailField[] {
  return catalog.columns
    .filter((column) => !column.name.endsWith('_raw'))
    .map((column) => ({
      name: column.name,
      label: column.label,
      kind: column.kind,
      value: cell(row[column.name]),
    }))
}

function childSection(
  db: Database,
  child: ResolvedTable['children'][number],
  label: string,
  id: string | number,
): DetailSection {
  const rows = cachedStatement(
    db,
    `SELECT * FROM ${quoteIdentifier(child.table)} WHERE parent_id = ? ORDER BY position`,
  ).all(id) as Row[]
  // Dates show once, as UTC; the text as received stays in the raw JSON.
  const names =
    rows.length > 0
      ? Object.keys(rows[0]!).filter(
          (name) => !HIDDEN_CHILD_COLUMNS.has(name) && !name.endsWith('_raw'),
        )
      : []
  return {
    key: child.table,
    label,
    columns: names.map((name) => ({ name, label: humanise(name) })),
    rows: rows.map((row) => ({
      cells: Object.fromEntries(names.map((name) => [name, cell(row[name])])),
    })),
  }
}

function linkTo(
  db: Database,
  entity: 'customers' | 'products' | 'orders',
  id: unknown,
  label: string,
): RecordLink | undefined {
  if (typeof id !== 'number' || id <= 0) return undefined
  const title = recordTitles(db, entity, [id]).get(id)
  if (title === undefined) return undefined
  return { entity, id, title, label }
}

/** Adds each item's name and options and a link to the product sold. */
function enrichOrderItems(db: Database, section: DetailSection): void {
  section.columns = [
    { name: 'name', label: 'Name' },
    { name: 'options', label: 'Options' },
    ...section.columns.filter((c) => c.name !== 'description'),
  ]
  for (const row of section.rows) {
    const description = row.cells['description']
    const line = parseItemLine(
      typeof description === 'string' ? description : null,
    )
    row.cells['name'] = line.name
    row.cells['options'] = line.options
      .map((o) => `${o.name}: ${o.value}`)
      .join('; ')
    const link = linkTo(db, 'products', row.cells['catalog_id'], 'Product')
    if (link !== undefined) row.link = link
  }
}

function enrichRelatedProducts(
  db: Database,
  section: DetailSection,
  idColumn: string,
): void {
  section.columns = [{ name: 'product', label: 'Product' }, ...section.columns]
  for (const row of section.rows) {
    const link = linkTo(db, 'products', row.cells[idColumn], 'Product')
    row.cells['product'] = link?.title ?? 'Not in the archive'
    if (link !== undefined) row.link = link
  }
}

function customerOrders(
  db: Database,
  customerId: string | number,
): DetailSection {
  const labels = statusLabels(db)
  const rows = cachedStatement(
    db,
    `SELECT id, invoice_display, order_date_utc, order_status_id, order_amount
     FROM orders WHERE customer_id = ? ORDER BY order_date_utc DESC LIMIT ?`,
  ).all(customerId, CUSTOMER_ORDER_LIMIT) as Row[]
  const total =
    rows.length < CUSTOMER_ORDER_LIMIT
      ? rows.length
      : (cachedStatement(
          db,
          'SELECT count(*) FROM orders WHERE customer_id = ?',
        )
          .pluck()
          .get(customerId) as number)
  return {
    key: 'orders',
    label: 'Orders',
    ...(total > rows.length ? { total } : {}),
    columns: [
      { name: 'invoice_display', label: 'Order' },
      { name: 'order_date_utc', label: 'Order date' },
      { name: 'status', label: 'Status' },
      { name: 'order_amount', label: 'Total' },
    ],
    rows: rows.map((row) => ({
      cells: {
        invoice_display: cell(row['invoice_display'] ?? row['id']),
        order_date_utc: cell(row['order_date_utc']),
        status: labels.label(row['order_status_id']),
        order_amount: cell(row['order_amount']),
      },
      link: {
        entity: 'orders',
        id: row['id'] as number,
        title: String(row['invoice_display'] ?? row['id']),
        label: 'Order',
      },
    })),
  }
}

function sectionsOf(
  db: Database,
  catalog: EntityCatalog,
  row: Row,
): DetailSection[] {
  const table = recordTable(catalog.key)
  if (table === undefined) return []
  const labels = new Map(
    table.definition.childLists.map((l) => [l.table, l.label]),
  )
  const sections = table.children.map((child) =>
    childSection(
      db,
      child,
      labels.get(child.table) ?? humanise(child.table),
      row['id'] as number,
    ),
  )
  for (const section of sections) {
    if (section.key === 'order_items') enrichOrderItems(db, section)
    if (section.key === 'product_related')
      enrichRelatedProducts(db, section, 'related_product_id')
    if (section.key === 'product_upsells')
      enrichRelatedProducts(db, section, 'upselling_product_id')
  }
  if (catalog.key === 'customers')
    sections.push(customerOrders(db, row['id'] as number))
  return sections
}

function linksOf(db: Database, catalog: EntityCatalog, row: Row): RecordLink[] {
  const links: Array<RecordLink | undefined> = []
  if (catalog.key === 'orders') {
    links.push(linkTo(db, 'customers', row['customer_id'], 'Customer'))
  }
  if (catalog.key === 'rmas') {
    links.push(linkTo(db, 'orders', row['order_id'], 'Order'))
  }
  return links.filter((link): link is RecordLink => link !== undefined)
}

/** Reads a record with its children and links, without the raw JSON. */
export function getRecordDetail(
  db: Database,
  entity: string,
  id: string | number,
): RecordDetail {
  const catalog = requireCatalog(entity)
  const row = readRecord(db, catalog, id)
  const fields = fieldsOf(catalog, row)
  if (catalog.key === 'orders') {
    const status = fields.find((f) => f.name === 'order_status_id')
    if (status !== undefined) {
      status.display = statusLabels(db).label(status.value)
    }
  }
  const recordId = row['id'] as string | number
  return {
    entity: catalog.key,
    entityLabel: catalog.label,
    id: recordId,
    title:
      recordTitles(db, catalog.key, [recordId]).get(recordId) ??
      String(recordId),
    fields,
    sections: sectionsOf(db, catalog, row),
    links: linksOf(db, catalog, row),
  }
}

/** Reads the record's JSON exactly as the store sent it. */
export function getRawRecord(
  db: Database,
  entity: string,
  id: string | number,
): string {
  const catalog = requireCatalog(entity)
  const row = readRecord(db, catalog, id)
  return String(row['raw'])
}
