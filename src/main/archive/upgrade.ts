/**
 * Adds typed columns that the table specs gained after a file was created,
 * and fills them from the raw JSON already stored, so an archive made by an
 * earlier build of the app gets the new columns without a pull.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { log } from '../log.ts'
import {
  sqlColumnNames,
  sqlColumnType,
  type ColumnSpec,
  type SqlValue,
} from './columns.ts'
import { StoreClock } from './dates.ts'
import { appendColumnValues, type JsonObject } from './extract.ts'
import { parseKeepingNumbers } from './json-source.ts'
import { quoteIdentifier, tableColumns } from './schema.ts'
import { readStoreSettings } from './store-settings.ts'
import { RECORD_TABLES, type ResolvedTable } from './tables.ts'

interface MissingColumns {
  table: string
  specs: ColumnSpec[]
}

function missingSpecs(
  db: BetterSqlite3.Database,
  table: string,
  columns: readonly ColumnSpec[],
): MissingColumns | undefined {
  const existing = tableColumns(db, table)
  // A table the file lacks entirely is created elsewhere, with all columns.
  if (existing.size === 0) return undefined
  const specs = columns.filter((spec) =>
    sqlColumnNames(spec).some((name) => !existing.has(name)),
  )
  return specs.length === 0 ? undefined : { table, specs }
}

function addColumns(db: BetterSqlite3.Database, missing: MissingColumns): void {
  const existing = tableColumns(db, missing.table)
  for (const spec of missing.specs) {
    for (const name of sqlColumnNames(spec)) {
      if (existing.has(name)) continue
      db.exec(
        `ALTER TABLE ${quoteIdentifier(missing.table)} ADD COLUMN ${quoteIdentifier(name)} ${sqlColumnType(spec)}`,
      )
    }
  }
}

function assignments(specs: readonly ColumnSpec[]): string {
  return specs
    .flatMap(sqlColumnNames)
    .map((name) => `${quoteIdentifier(name)} = ?`)
    .join(', ')
}

function fillParentColumns(
  db: BetterSqlite3.Database,
  missing: MissingColumns,
  clock: StoreClock,
): void {
  const table = quoteIdentifier(missing.table)
  const rows = db.prepare(`SELECT id, raw FROM ${table}`).all() as Array<{
    id: number | string
    raw: string
  }>
  const update = db.prepare(
    `UPDATE ${table} SET ${assignments(missing.specs)} WHERE id = ?`,
  )
  for (const row of rows) {
    const record = parseKeepingNumbers(row.raw) as JsonObject
    const values: SqlValue[] = []
    for (const spec of missing.specs) {
      appendColumnValues(spec, record, undefined, clock, values)
    }
    update.run(...values, row.id)
  }
}

/** Returns the item at `position` of the parent's list `field`, or `{}`. */
function listItem(
  parent: JsonObject,
  field: string,
  position: number,
): JsonObject {
  const list = parent[field]
  const item: unknown = Array.isArray(list) ? list[position] : undefined
  return item !== null && typeof item === 'object' ? (item as JsonObject) : {}
}

/**
 * Fills the new columns of a child table from its parents' raw JSON, which
 * contains every item, because child tables of newer files keep no JSON
 * text of their own.
 */
function fillChildColumns(
  db: BetterSqlite3.Database,
  parent: ResolvedTable,
  field: string,
  missing: MissingColumns,
  clock: StoreClock,
): void {
  const table = quoteIdentifier(missing.table)
  const parentTable = quoteIdentifier(parent.definition.key)
  const rows = db
    .prepare(
      `SELECT p.id, p.raw, json_group_array(c.position) AS positions
       FROM ${parentTable} p JOIN ${table} c ON c.parent_id = p.id
       GROUP BY p.id`,
    )
    .all() as Array<{ id: number | string; raw: string; positions: string }>
  const update = db.prepare(
    `UPDATE ${table} SET ${assignments(missing.specs)} WHERE parent_id = ? AND position = ?`,
  )
  for (const row of rows) {
    const parentRecord = parseKeepingNumbers(row.raw) as JsonObject
    for (const position of JSON.parse(row.positions) as number[]) {
      const record = listItem(parentRecord, field, position)
      const values: SqlValue[] = []
      for (const spec of missing.specs) {
        appendColumnValues(spec, record, parentRecord, clock, values)
      }
      update.run(...values, row.id, position)
    }
  }
}

/**
 * Adds and fills the typed columns missing from the record tables, in one
 * transaction. Does nothing, and takes no write lock, when none is missing.
 */
export function addMissingColumns(db: BetterSqlite3.Database): void {
  const work: Array<() => void> = []
  const added: string[] = []
  const clock = new StoreClock(readStoreSettings(db)?.timeZone)
  for (const table of RECORD_TABLES) {
    const parentMissing = missingSpecs(db, table.definition.key, table.columns)
    if (parentMissing !== undefined) {
      added.push(table.definition.key)
      work.push(() => {
        addColumns(db, parentMissing)
        fillParentColumns(db, parentMissing, clock)
      })
    }
    for (const child of table.children) {
      const childMissing = missingSpecs(db, child.table, child.columns)
      if (childMissing === undefined) continue
      added.push(child.table)
      work.push(() => {
        addColumns(db, childMissing)
        fillChildColumns(db, table, child.field, childMissing, clock)
      })
    }
  }
  if (work.length === 0) return
  db.transaction(() => {
    for (const step of work) step()
  }).immediate()
  log.info('archive: added columns', { tables: added })
}
