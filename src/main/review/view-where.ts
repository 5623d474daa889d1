/**
 * The WHERE clause of a review view over an open archive. The grid's pages
 * and counts and the export of a view all build it here, so an exported file
 * contains the rows the grid counts, also while a full pull leaves search
 * documents out of the word index (see word-tail.ts).
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { ReviewView } from '../../shared/review-query.ts'
import type { EntityCatalog } from './catalog.ts'
import { ftsQuery } from './fts.ts'
import { buildWhere, type WhereClause, type WhereOptions } from './sql.ts'
import { unindexedAfter, unindexedSelect } from './word-tail.ts'

/**
 * Builds the WHERE clause of a view over table `t`. A search also reads the
 * search documents the word index does not cover yet, when there are any,
 * so the clause only works on the connection `db`, which then has the SQL
 * function that matches them.
 */
export function viewWhere(
  db: BetterSqlite3.Database,
  catalog: EntityCatalog,
  view: Pick<ReviewView, 'filters' | 'search'>,
  options: WhereOptions = {},
): WhereClause {
  const words = ftsQuery(view.search)
  const covered = words === null ? null : unindexedAfter(db)
  const unindexedSearch =
    words === null || covered === null
      ? null
      : unindexedSelect(db, covered, catalog.key, words)
  return buildWhere(catalog, view, { ...options, unindexedSearch })
}
