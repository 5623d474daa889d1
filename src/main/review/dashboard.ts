/**
 * The store dashboard: record counts, sales by month, order statuses, top
 * products and customers by country. Abandoned checkouts (status 7) are
 * counted apart and left out of every sales figure.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { Dashboard } from '../../shared/ipc/channels/review.ts'
import { entityCatalogs } from './catalog.ts'
import { memoize } from './memo.ts'
import { entityCount } from './query.ts'
import { statusLabels } from './statuses.ts'
import { storeDisplay } from './store-display.ts'

type Database = BetterSqlite3.Database

/** Products and countries listed on the dashboard. */
export const DASHBOARD_TOP = 10

/**
 * Money sums in whole cents: the archive keeps decimals as text, and adding
 * them as floating point would drift on a million orders.
 */
const CENTS = (column: string) =>
  `coalesce(sum(CAST(round(CAST(${column} AS REAL) * 100) AS INTEGER)), 0)`

function entityCounts(db: Database): Dashboard['counts'] {
  return entityCatalogs().map((catalog) => ({
    entity: catalog.key,
    label: catalog.label,
    count: entityCount(db, catalog.key),
  }))
}

function salesByMonth(db: Database): Dashboard['months'] {
  // NOTE: months follow the UTC order date, so an order placed late on the
  // last evening of a month in a US store counts in the next month.
  return db
    .prepare(
      `SELECT substr(order_date_utc, 1, 7) AS month, count(*) AS orders,
              ${CENTS('order_amount')} AS revenueCents
       FROM orders
       WHERE coalesce(is_abandoned, 0) = 0 AND order_date_utc IS NOT NULL
       GROUP BY month ORDER BY month`,
    )
    .all() as Dashboard['months']
}

function statuses(db: Database): Dashboard['statuses'] {
  const labels = statusLabels(db)
  const rows = db
    .prepare(
      `SELECT order_status_id AS id, count(*) AS orders,
              ${CENTS('order_amount')} AS revenueCents
       FROM orders GROUP BY order_status_id ORDER BY orders DESC`,
    )
    .all() as Array<{ id: number | null; orders: number; revenueCents: number }>
  return rows.map((row) => ({ ...row, label: labels.label(row.id) }))
}

function topProducts(db: Database): Dashboard['topProducts'] {
  return db
    .prepare(
      `SELECT i.catalog_id AS catalogId,
              max(i.item_id) AS sku,
              coalesce(max(p.name), max(i.description)) AS name,
              coalesce(sum(CAST(i.quantity AS REAL)), 0) AS quantity,
              coalesce(sum(CAST(round(CAST(i.quantity AS REAL) *
                (coalesce(CAST(i.unit_price AS REAL), 0) +
                 coalesce(CAST(i.option_price AS REAL), 0)) * 100) AS INTEGER)), 0)
                AS revenueCents
       FROM order_items i
       JOIN orders o ON o.id = i.parent_id
       LEFT JOIN products p ON p.id = i.catalog_id
       WHERE coalesce(o.is_abandoned, 0) = 0
       GROUP BY coalesce(i.catalog_id, i.item_id)
       ORDER BY revenueCents DESC LIMIT ?`,
    )
    .all(DASHBOARD_TOP) as Dashboard['topProducts']
}

function countries(db: Database): Dashboard['countries'] {
  return db
    .prepare(
      `SELECT coalesce(nullif(trim(billing_country), ''), 'Not given') AS country,
              count(*) AS customers
       FROM customers GROUP BY country ORDER BY customers DESC, country LIMIT ?`,
    )
    .all(DASHBOARD_TOP) as Dashboard['countries']
}

function abandoned(db: Database): Dashboard['abandoned'] {
  return db
    .prepare(
      `SELECT count(*) AS orders, ${CENTS('order_amount')} AS valueCents
       FROM orders WHERE is_abandoned = 1`,
    )
    .get() as Dashboard['abandoned']
}

function sales(db: Database): Dashboard['sales'] {
  return db
    .prepare(
      `SELECT count(*) AS orders, ${CENTS('order_amount')} AS revenueCents
       FROM orders WHERE coalesce(is_abandoned, 0) = 0`,
    )
    .get() as Dashboard['sales']
}

/** Builds the dashboard; cached until the archive changes, since it scans every order. */
export function getDashboard(db: Database): Dashboard {
  return memoize(db, 'dashboard', () => ({
    counts: entityCounts(db),
    sales: sales(db),
    abandoned: abandoned(db),
    months: salesByMonth(db),
    statuses: statuses(db),
    topProducts: topProducts(db),
    countries: countries(db),
    currency: storeDisplay(db).currency,
  }))
}
