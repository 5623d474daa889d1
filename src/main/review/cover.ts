/**
 * Narrow indexes keyed by id that contain the columns a text-driven page reads.
 * A page driven by the trigram index reads each match's sort value and
 * filter column. Read from the table, each match costs a read of its whole
 * row, raw JSON included, which on a million orders is most of the time of
 * such a page. Read from an index led by `id` that contains those columns, it
 * costs a short entry instead.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { quoteIdentifier } from '../archive/schema.ts'
import { memoize } from './memo.ts'

type Database = BetterSqlite3.Database

interface NarrowIndex {
  name: string
  columns: ReadonlySet<string>
}

/** Indexes of `table` whose first column is `id`, with their columns. */
function narrowIndexes(db: Database, table: string): NarrowIndex[] {
  return memoize(db, `narrow-indexes:${table}`, () => {
    const names = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
      )
      .pluck()
      .all(table) as string[]
    const found: NarrowIndex[] = []
    for (const name of names) {
      const columns = (
        db
          .prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`)
          .pluck()
          .all(name) as Array<string | null>
      ).filter((column): column is string => column !== null)
      if (columns[0] === 'id') found.push({ name, columns: new Set(columns) })
    }
    return found
  })
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
  const index = narrowIndexes(db, table).find((candidate) =>
    columns.every((column) => column === 'id' || candidate.columns.has(column)),
  )
  return index === undefined ? null : quoteIdentifier(index.name)
}

/** Columns named in an index's SQL, such as `a` and `b` of `(CAST(a AS REAL), b)`. */
function indexSqlColumns(sql: string): string[] {
  const list = /\bON\s+"?[A-Za-z0-9_]+"?\s*\((.*)\)\s*$/s.exec(sql)?.[1] ?? ''
  return list
    .split(',')
    .map((part) => /(?:CAST\(\s*)?"?([A-Za-z0-9_]+)"?/i.exec(part.trim())?.[1])
    .filter((name): name is string => name !== undefined)
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
  const indexes = memoize(db, `index-columns:${table}`, () =>
    (
      db
        .prepare(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        )
        .all(table) as Array<{ name: string; sql: string }>
    ).map((row) => ({ name: row.name, columns: indexSqlColumns(row.sql) })),
  )
  const found = indexes.find(
    ({ columns }) =>
      seekable.includes(columns[0] ?? '') &&
      needed.every((column) => column === 'id' || columns.includes(column)),
  )
  return found === undefined ? null : quoteIdentifier(found.name)
}
