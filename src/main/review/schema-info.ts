/** The entities and columns the grid offers for one archive. */
import type BetterSqlite3 from 'better-sqlite3'
import type { ReviewEntity } from '../../shared/ipc/channels/review.ts'
import { entityCatalogs, toReviewColumn } from './catalog.ts'
import { memoize } from './memo.ts'
import { entityCount } from './query.ts'
import { statusLabels } from './statuses.ts'

/** Every entity with its row count, columns and, for order status, the store's labels. */
export function reviewEntities(db: BetterSqlite3.Database): ReviewEntity[] {
  const statuses = statusLabels(db)
  return entityCatalogs().map((catalog) => {
    const count = entityCount(db, catalog.key)
    const columns = catalog.columns.map((column) => {
      const review = toReviewColumn(column)
      if (catalog.key === 'orders' && column.name === 'order_status_id') {
        const used = memoize(
          db,
          'order-status-ids',
          () =>
            db
              .prepare(
                'SELECT DISTINCT order_status_id FROM orders WHERE order_status_id IS NOT NULL',
              )
              .pluck()
              .all() as number[],
        )
        const ids = new Set([...statuses.listed.map((s) => s.id), ...used])
        review.options = [...ids].map((id) => ({
          value: id,
          label: statuses.label(id),
        }))
      }
      return review
    })
    return {
      key: catalog.key,
      label: catalog.label,
      count,
      columns,
      defaultSort: catalog.defaultSort,
    }
  })
}
