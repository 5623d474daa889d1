/**
 * Turns the review grid's current view (filters and search) into the row
 * filter of an export, with the review's own SQL builder, so the file contains
 * exactly the rows shown in the grid.
 */
import type { ReviewView } from '../../shared/review-query.ts'
import { buildWhere, requireCatalog } from '../review/sql.ts'
import type { EntityKey } from '../../shared/entities.ts'
import type { TableFilter } from './types.ts'

/** A row filter on the table of one entity. */
export interface EntityFilter extends TableFilter {
  table: EntityKey
}

export function filterFromView(view: ReviewView): EntityFilter {
  const catalog = requireCatalog(view.entity)
  const where = buildWhere(catalog, view)
  return {
    table: catalog.key,
    where: where.sql === '' ? '1' : where.sql.replace(/^WHERE /, ''),
    params: where.params,
  }
}
