/**
 * Typed columns: how a field of a 3dcart record becomes an SQLite column.
 * The raw JSON of every record stays in its table too. These columns only
 * serve review, search and export, so a wrong guess here loses nothing.
 */
import type { EntityKey } from '../../shared/entities.ts'

/**
 * - `integer`: whole number (INTEGER).
 * - `text`: string as received (TEXT).
 * - `trimmed`: string without surrounding white space, empty as NULL.
 * - `decimal`: exact decimal text as written in the JSON (TEXT, never REAL).
 * - `boolean`: 1 or 0 (INTEGER).
 * - `date`: two columns, `<name>_raw` as received and `<name>_utc` in ISO 8601.
 */
export type ColumnType =
  'integer' | 'text' | 'trimmed' | 'decimal' | 'boolean' | 'date'

export type SqlValue = string | number | bigint | null

/** Values a computed column reads: the record and, for a child row, its parent. */
export interface ColumnContext {
  record: Record<string, unknown>
  parent: Record<string, unknown> | undefined
}

export interface ColumnSpec {
  /** Column name (snake_case); for `date`, the stem of the two columns. */
  name: string
  type: ColumnType
  /** Field path inside the record, such as `SKUInfo.Price`. */
  path: readonly string[]
  /** Short meaning, for the schema document. */
  doc?: string
  /** Reads the value itself instead of following `path`. */
  compute?: (context: ColumnContext) => unknown
}

/** Converts a PascalCase API field to snake_case: `BillingZipCode` to `billing_zip_code`. */
export function snakeCase(field: string): string {
  return field
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
}

function column(
  type: ColumnType,
  field: string,
  name?: string,
  doc?: string,
): ColumnSpec {
  const path = field.split('.')
  const last = path[path.length - 1] ?? field
  const spec: ColumnSpec = { name: name ?? snakeCase(last), type, path }
  if (doc !== undefined) spec.doc = doc
  return spec
}

export const int = (field: string, name?: string, doc?: string): ColumnSpec =>
  column('integer', field, name, doc)
export const text = (field: string, name?: string, doc?: string): ColumnSpec =>
  column('text', field, name, doc)
export const trimmed = (
  field: string,
  name?: string,
  doc?: string,
): ColumnSpec => column('trimmed', field, name, doc)
export const money = (field: string, name?: string, doc?: string): ColumnSpec =>
  column('decimal', field, name, doc)
export const bool = (field: string, name?: string, doc?: string): ColumnSpec =>
  column('boolean', field, name, doc)
export const date = (field: string, name?: string, doc?: string): ColumnSpec =>
  column('date', field, name, doc)

export function computed(
  type: ColumnType,
  name: string,
  doc: string,
  compute: (context: ColumnContext) => unknown,
): ColumnSpec {
  return { name, type, path: [], doc, compute }
}

/** Paths of text fields whose values go into the search index. */
export type SearchPaths = readonly (readonly string[])[]

/** Splits dotted field paths for the search lists of the table modules. */
export function paths(...fields: string[]): SearchPaths {
  return fields.map((f) => f.split('.'))
}

/** Typed columns and search fields of one entity and of its child lists. */
export interface EntityTableSpec {
  key: EntityKey
  idType: 'INTEGER' | 'TEXT'
  columns: readonly ColumnSpec[]
  search: SearchPaths
  /** Typed columns whose values also go into the search index. */
  searchColumns?: readonly string[]
  /** Typed columns and search fields of each child list, by field name. */
  children: Readonly<
    Record<string, { columns: readonly ColumnSpec[]; search: SearchPaths }>
  >
}

/** SQL column names a spec produces, in table order. */
export function sqlColumnNames(spec: ColumnSpec): string[] {
  return spec.type === 'date'
    ? [`${spec.name}_raw`, `${spec.name}_utc`]
    : [spec.name]
}

/** SQL type of each column of a spec. */
export function sqlColumnType(spec: ColumnSpec): 'INTEGER' | 'TEXT' {
  return spec.type === 'integer' || spec.type === 'boolean' ? 'INTEGER' : 'TEXT'
}
