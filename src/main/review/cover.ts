/**
 * Indexes that contain every column a review page reads, so the page finds
 * and sorts its ids without reading the matching rows, whose raw JSON
 * makes up most of their size. On a million orders that read is most of
 * the time of a page with thousands of matches.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { quoteIdentifier } from '../archive/schema.ts'
import { memoize } from './memo.ts'

type Database = BetterSqlite3.Database

interface TableIndex {
  name: string
  /** Columns in key order; an expression counts as the column it reads. */
  columns: string[]
}

/**
 * Reads the columns named in an index's SQL, such as `a` and `b` of
 * `(CAST(a AS REAL), b)`.
 */
function indexSqlColumns(sql: string): string[] {
  const list = /\bON\s+"?[A-Za-z0-9_]+"?\s*\((.*)\)\s*$/s.exec(sql)?.[1] ?? ''
  return list
    .split(',')
    .map((part) => /(?:CAST\(\s*)?"?([A-Za-z0-9_]+)"?/i.exec(part.trim())?.[1])
    .filter((name): name is string => name !== undefined)
}

/**
 * Lists the indexes of `table` created by SQL (not those of its primary key
 * or UNIQUE constraints) with their columns; cached per connection.
 */
export function tableIndexes(db: Database, table: string): TableIndex[] {
  return memoize(db, `indexes:${table}`, () =>
    (
      db
        .prepare(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        )
        .all(table) as Array<{ name: string; sql: string }>
    ).map((row) => ({ name: row.name, columns: indexSqlColumns(row.sql) })),
  )
}

/**
 * Name of an index of `table` led by `id` that contains every one of
 * `columns`, or null. The caller names it in `INDEXED BY`, because
 * SQLite's planner prefers the table's own rowid for a lookup by id even
 * where the index would read far less.
 */
export function coveringIndex(
  db: Database,
  table: string,
  columns: readonly string[],
): string | null {
  const index = tableIndexes(db, table).find(
    (candidate) =>
      candidate.columns[0] === 'id' &&
      columns.every(
        (column) => column === 'id' || candidate.columns.includes(column),
      ),
  )
  return index === undefined ? null : quoteIdentifier(index.name)
}

/**
 * Name of an index of `table` that can seek one of `seekable` with its
 * first column and contains every one of `needed`, or null. A filtered
 * page finds and sorts its matches in that index alone. The caller names
 * it in `INDEXED BY`, because without statistics SQLite's planner may pick
 * a narrower index of the filter column and read every match's row.
 */
export function seekingIndex(
  db: Database,
  table: string,
  seekable: readonly string[],
  needed: readonly string[],
): string | null {
  const found = tableIndexes(db, table).find(
    ({ columns }) =>
      seekable.includes(columns[0] ?? '') &&
      needed.every((column) => column === 'id' || columns.includes(column)),
  )
  return found === undefined ? null : quoteIdentifier(found.name)
}
