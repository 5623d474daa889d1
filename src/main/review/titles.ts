/** Short titles of records, such as "#1042 Jane Doe" for an order. */
import type BetterSqlite3 from 'better-sqlite3'
import { quoteIdentifier } from '../archive/schema.ts'
import { findCatalog } from './catalog.ts'

/** Largest number of ids read in one statement (SQLite's default variable limit is 32766). */
const CHUNK = 500

function titleOf(
  row: Record<string, unknown>,
  columns: readonly string[],
): string {
  const parts = columns
    .map((name) => row[name])
    .filter((v) => v !== null && v !== undefined && String(v).trim() !== '')
    .map((v) => String(v).trim())
  if (parts.length === 0) return String(row['id'])
  const [first, ...rest] = parts
  return rest.length > 0 ? `${first} — ${rest.join(' ')}` : String(first)
}

/** Titles of the given records of an entity, by id; missing ids are left out. */
export function recordTitles(
  db: BetterSqlite3.Database,
  entity: string,
  ids: ReadonlyArray<string | number>,
): Map<string | number, string> {
  const catalog = findCatalog(entity)
  const titles = new Map<string | number, string>()
  if (catalog === undefined || ids.length === 0) return titles
  const columns = catalog.titleColumns
  const select = ['id', ...columns.filter((c) => c !== 'id')]
    .map(quoteIdentifier)
    .join(', ')
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK)
    const marks = chunk.map(() => '?').join(', ')
    const rows = db
      .prepare(
        `SELECT ${select} FROM ${quoteIdentifier(catalog.key)} WHERE id IN (${marks})`,
      )
      .all(...chunk) as Array<Record<string, unknown>>
    for (const row of rows) {
      titles.set(row['id'] as string | number, titleOf(row, columns))
    }
  }
  return titles
}
