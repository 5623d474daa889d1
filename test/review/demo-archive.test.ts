import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../src/main/archive/open.ts'
import { getRunChanges, listChangeRuns } from '../../src/main/review/changes.ts'
import { getCompleteness } from '../../src/main/review/completeness.ts'
import { getDashboard } from '../../src/main/review/dashboard.ts'
import { getRecordDetail } from '../../src/main/review/detail.ts'
import { countRows, queryRows } from '../../src/main/review/query.ts'
import { reviewEntities } from '../../src/main/review/schema-info.ts'
import { searchAll } from '../../src/main/review/search.ts'
import { pullDemoArchive } from './demo-archive.ts'
import { tempDir } from './fixture.ts'

let folder: ReturnType<typeof tempDir>
let db: BetterSqlite3.Database

beforeAll(async () => {
  folder = tempDir()
  const file = join(folder.dir, 'demo.sqlite')
  await pullDemoArchive(file)
  db = openDatabase(file, { readonly: true })
})

afterAll(() => {
  db?.close()
  folder.cleanup()
})

describe('review of a pulled demo store', () => {
  it('finds a customer by email and opens an order', () => {
    const customer = queryRows(db, {
      entity: 'customers',
      columns: ['email'],
      limit: 1,
    }).rows[0]
    const email = String(customer?.['email'])
    const hits = searchAll(db, email)
    expect(
      hits.some((h) => h.entity === 'customers' && h.id === customer?.['id']),
    ).toBe(true)

    const withOrders = db
      .prepare(
        'SELECT customer_id FROM orders WHERE customer_id > 0 AND is_abandoned = 0 LIMIT 1',
      )
      .pluck()
      .get() as number
    const detail = getRecordDetail(db, 'customers', withOrders)
    const orders = detail.sections.find((s) => s.key === 'orders')
    expect(orders?.rows.length).toBeGreaterThan(0)
    const orderId = orders?.rows[0]?.link?.id as number
    const order = getRecordDetail(db, 'orders', orderId)
    const items = order.sections.find((s) => s.key === 'order_items')
    expect(items?.rows.length).toBeGreaterThan(0)
    expect(String(items?.rows[0]?.cells['name'])).not.toMatch(/<br|&nbsp;/)
  })

  it('labels order statuses from the store', () => {
    const orders = reviewEntities(db).find((e) => e.key === 'orders')
    const status = orders?.columns.find((c) => c.name === 'order_status_id')
    expect(status?.options?.length).toBeGreaterThan(0)
    const filtered = countRows(db, {
      entity: 'orders',
      filters: [{ kind: 'in', column: 'order_status_id', values: [4] }],
    })
    const direct = db
      .prepare('SELECT count(*) FROM orders WHERE order_status_id = 4')
      .pluck()
      .get()
    expect(filtered.matching).toBe(direct)
  })

  it('builds the dashboard with abandoned checkouts apart', () => {
    const dashboard = getDashboard(db)
    const abandoned = db
      .prepare('SELECT count(*) FROM orders WHERE order_status_id = 7')
      .pluck()
      .get()
    expect(dashboard.abandoned.orders).toBe(abandoned)
    expect(
      dashboard.months.reduce((sum, m) => sum + m.orders, 0),
    ).toBeLessThanOrEqual(dashboard.sales.orders)
    expect(dashboard.statuses.length).toBeGreaterThan(0)
  })

  it('shows complete counts and the incremental changes', () => {
    const orders = getCompleteness(db).find((r) => r.entity === 'orders')
    expect(orders?.storeCount).toBe(orders?.localCount)
    const runs = listChangeRuns(db)
    expect(runs[0]?.mode).toBe('incremental')
    const changes = getRunChanges(db, runs[0]!.id)
    const orderChanges = changes.find((c) => c.entity === 'orders')
    expect(
      (orderChanges?.added ?? 0) + (orderChanges?.changed ?? 0),
    ).toBeGreaterThan(0)
  })
})
