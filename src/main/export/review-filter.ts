/**
 * Turns the review grid's current view (filters and search) into the row
 * filter of an export, with the review's own WHERE clause, so the file
 * contains exactly the rows the grid counts for the view.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { ReviewView } from '../../shared/review-query.ts'
import type { EntityKey } from '../../shared/entities.ts'
import { buildWhere, requireCatalog } from '../review/sql.ts'
import { viewWhere } from '../review/view-where.ts'
import type { TableFilter } from './types.ts'

/** A row filter on the table of one entity. */
export interface EntityFilter extends TableFilter {
  table: EntityKey
}

/**
 * Checks a view's entity, columns and filters before an export starts, so a
 * bad view fails at once with its review error. Returns the entity's table.
 */
export function viewTable(view: ReviewView): EntityKey {
  const catalog = requireCatalog(view.entity)
  buildWhere(catalog, view)
  return catalog.key
}

/**
 * Builds the row filter of a view on the export's own connection `db`. A
 * search there also matches the search documents a running or killed full
 * pull has not indexed by word yet, as the grid does.
 * NOTE: when more unindexed documents match than `unindexedSelect` keeps
 * ids of, the clause reads them again for each page of rows the export
 * reads: once per 2,000 exported rows.
 */
export function filterFromView(
  db: BetterSqlite3.Database,
  view: ReviewView,
): EntityFilter {
  const catalog = requireCatalog(view.entity)
  const where = viewWhere(db, catalog, view)
  return {
    table: catalog.key,
    where: where.sql === '' ? '1' : where.sql.replace(/^WHERE /, ''),
    params: where.params,
  }
}
