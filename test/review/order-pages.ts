/**
 * Page reads for the review query tests: the same page through the
 * review's planner and by a plain scan of the orders table.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { queryRows } from '../../src/main/review/query.ts'
import type { ReviewQueryInput } from '../../src/shared/review-query.ts'

/** The orders grid's default order, newest first. */
export const NEWEST = 'order_date_utc DESC, id DESC'

/** Reads the ids of a page of 100 orders through `queryRows`. */
export function pageIds(
  db: BetterSqlite3.Database,
  input: Omit<ReviewQueryInput, 'entity'>,
): unknown[] {
  return queryRows(db, { limit: 100, ...input, entity: 'orders' }).rows.map(
    (row) => row['id'],
  )
}

/** Reads the same page by a plain scan of the orders table. */
export function scanIds(
  db: BetterSqlite3.Database,
  where: string,
  order: string,
  offset = 0,
): unknown[] {
  return db
    .prepare(
      `SELECT id FROM orders WHERE ${where} ORDER BY ${order} LIMIT 100 OFFSET ?`,
    )
    .pluck()
    .all(offset)
}
