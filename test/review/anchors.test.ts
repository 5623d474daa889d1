import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { Archive } from '../../src/main/archive/index.ts'
import { openDatabase } from '../../src/main/archive/open.ts'
import { ANCHOR_STEP, planSeek } from '../../src/main/review/anchors.ts'
import { queryRows } from '../../src/main/review/query.ts'
import { tempDir } from './fixture.ts'

const ORDERS = 2 * ANCHOR_STEP + 5_000

let folder: ReturnType<typeof tempDir>
let db: BetterSqlite3.Database

/** Writes plain order rows straight into the tables, much faster than the writer. */
function fill(file: string): void {
  const archive = Archive.open(file)
  archive.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
    INSERT INTO orders (id, raw, raw_hash, invoice_display, order_date_utc,
      order_status_id, customer_id, order_amount)
    SELECT i, '{}', '', 'N' || i,
      strftime('%Y-%m-%dT%H:%M:%SZ', 1500000000 + (i % 997) * 3600, 'unixepoch'),
      1 + i % 5, CASE WHEN i % 10 = 0 THEN NULL ELSE i % 50 END,
      CASE WHEN i % 13 = 0 THEN NULL ELSE printf('%.2f', (i * 37) % 1000 / 4.0) END
    FROM n`)
  archive.close()
}

beforeAll(() => {
  folder = tempDir()
  const file = join(folder.dir, 'deep.sqlite')
  fill(file)
  db = openDatabase(file, { readonly: true })
})

afterAll(() => {
  db.close()
  folder.cleanup()
})

function plainPage(order: string, offset: number): number[] {
  return db
    .prepare(`SELECT id FROM orders ORDER BY ${order} LIMIT 100 OFFSET ?`)
    .pluck()
    .all(offset) as number[]
}

function reviewPage(column: string, direction: 'asc' | 'desc', offset: number) {
  return queryRows(db, {
    entity: 'orders',
    columns: [column === 'id' ? 'invoice_display' : column],
    sort: { column, direction },
    offset,
    limit: 100,
  }).rows.map((row) => row['id'])
}

describe('deep pages', () => {
  const offsets = [
    0,
    ANCHOR_STEP - 50,
    ANCHOR_STEP,
    17_321,
    ORDERS - 60,
    ORDERS + 10,
  ]

  it.each(offsets)('match OFFSET by date at %i', (offset) => {
    expect(reviewPage('order_date_utc', 'desc', offset)).toEqual(
      plainPage('order_date_utc DESC, id DESC', offset),
    )
    expect(reviewPage('order_date_utc', 'asc', offset)).toEqual(
      plainPage('order_date_utc ASC, id ASC', offset),
    )
  })

  it.each(offsets)('match OFFSET by status and id at %i', (offset) => {
    expect(reviewPage('order_status_id', 'asc', offset)).toEqual(
      plainPage('order_status_id ASC, id ASC', offset),
    )
    expect(reviewPage('id', 'desc', offset)).toEqual(
      plainPage('id DESC', offset),
    )
  })

  it.each(offsets)('match OFFSET by amount at %i', (offset) => {
    expect(reviewPage('order_amount', 'desc', offset)).toEqual(
      plainPage('CAST(order_amount AS REAL) DESC, id DESC', offset),
    )
    expect(reviewPage('order_amount', 'asc', offset)).toEqual(
      plainPage('CAST(order_amount AS REAL) ASC, id ASC', offset),
    )
  })

  it.each([
    ['dense', [1, 2], 5, 45],
    ['sparse', [1], 5, 5],
  ] as const)('filter %s by status', (_, values, min, max) => {
    const page = queryRows(db, {
      entity: 'orders',
      filters: [
        { kind: 'in', column: 'order_status_id', values: [...values] },
        { kind: 'number', column: 'customer_id', min, max },
      ],
      sort: { column: 'order_date_utc', direction: 'desc' },
      offset: 150,
      limit: 100,
    })
    const expected = db
      .prepare(
        `SELECT id FROM orders
         WHERE order_status_id IN (${values.join(', ')})
           AND customer_id BETWEEN ? AND ?
         ORDER BY order_date_utc DESC, id DESC LIMIT 100 OFFSET 150`,
      )
      .pluck()
      .all(min, max)
    expect(page.rows.map((row) => row['id'])).toEqual(expected)
  })

  it.each(offsets)('keep NULL sort values at %i', (offset) => {
    expect(reviewPage('customer_id', 'desc', offset)).toEqual(
      plainPage('customer_id DESC, id DESC', offset),
    )
    expect(reviewPage('customer_id', 'asc', offset)).toEqual(
      plainPage('customer_id ASC, id ASC', offset),
    )
  })

  it('seeks only where it helps', () => {
    expect(
      planSeek(db, 'orders', 'order_date_utc', '"order_date_utc"', true, 500),
    ).toBeNull()
    expect(
      planSeek(db, 'orders', 'customer_id', '"customer_id"', true, 15_000),
    ).toBeNull()
    expect(
      planSeek(db, 'orders', 'customer_id', '"customer_id"', false, 15_000),
    ).not.toBeNull()
    const amount = 'CAST("order_amount" AS REAL)'
    expect(
      planSeek(db, 'orders', 'order_amount', amount, true, 15_000),
    ).toBeNull()
    const plan = planSeek(
      db,
      'orders',
      'order_date_utc',
      '"order_date_utc"',
      true,
      15_000,
    )
    expect(plan?.offset).toBe(5_000)
    expect(plan?.condition).toBe(
      '"order_date_utc" <= ? AND NOT ("order_date_utc" = ? AND t.id >= ?)',
    )
  })
})
