/**
 * The archive's record tables: for each entity of the catalogue, the id type,
 * the typed columns, the fields that feed the global search and the child
 * tables. Table names come from `src/shared/entities.ts`.
 */
import {
  ENTITIES,
  type EntityDefinition,
  type EntityKey,
} from '../../shared/entities.ts'
import { ORDER_TABLES, PRODUCT_TABLES } from './tables-commerce.ts'
import { OTHER_TABLES } from './tables-other.ts'
import type { ColumnSpec, EntityTableSpec, SearchPaths } from './columns.ts'

export interface ChildTableSpec {
  table: string
  /** Field of the parent record holding the array. */
  field: string
  columns: readonly ColumnSpec[]
  search: SearchPaths
}

export interface ResolvedTable {
  definition: EntityDefinition
  idType: 'INTEGER' | 'TEXT'
  columns: readonly ColumnSpec[]
  search: SearchPaths
  searchColumns: readonly string[]
  children: readonly ChildTableSpec[]
}

const SPECS = new Map<EntityKey, EntityTableSpec>(
  [...ORDER_TABLES, ...PRODUCT_TABLES, ...OTHER_TABLES].map((s) => [s.key, s]),
)

function resolve(definition: EntityDefinition): ResolvedTable {
  const spec = SPECS.get(definition.key)
  // Entities without a spec, such as ones added to the catalogue later,
  // still get a table with id and raw JSON, so nothing pulled is dropped
  // (see createMissingRecordTables for existing files).
  const children = definition.childLists.map((list) => ({
    table: list.table,
    field: list.field,
    columns: spec?.children[list.field]?.columns ?? [],
    search: spec?.children[list.field]?.search ?? [],
  }))
  return {
    definition,
    idType: spec?.idType ?? 'TEXT',
    columns: spec?.columns ?? [],
    search: spec?.search ?? [],
    searchColumns: spec?.searchColumns ?? [],
    children,
  }
}

/** Every list entity's table; the StoreSettings object has its own table. */
export const RECORD_TABLES: readonly ResolvedTable[] = ENTITIES.filter(
  (e) => e.shape === 'list',
).map(resolve)

const BY_KEY = new Map(RECORD_TABLES.map((t) => [t.definition.key, t]))

export function recordTable(key: EntityKey): ResolvedTable | undefined {
  return BY_KEY.get(key)
}
