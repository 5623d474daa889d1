import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { Archive } from '../../src/main/archive/index.ts'
import { openDatabase } from '../../src/main/archive/open.ts'
import { SubstringIndex } from '../../src/main/archive/search.ts'
import { countRows } from '../../src/main/review/query.ts'
import type { ReviewFilter } from '../../src/shared/review-query.ts'
import { tempDir } from './fixture.ts'
import { NEWEST, pageIds, scanIds } from './order-pages.ts'

/** More orders than the capped count, and dense enough for the walk plan. */
const ORDERS = 12_000
/** Each common name covers about 2,400 orders, and `Quill` every 400th order. */
const NAMES = ['Smith', 'Nguyen', 'Garcia', 'Okafor', 'Lindqvist']

let folder: ReturnType<typeof tempDir>
let file: string
let db: BetterSqlite3.Database

/**
 * Writes order rows and their search documents straight into the tables.
 * Customers get documents with the same record ids and names, so a query
 * that forgot the entity would return them. Every seventh order's document
 * stores its id as text, as the writer does for an id received as digits.
 */
function fill(path: string): void {
  const archive = Archive.open(path)
  archive.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
    INSERT INTO orders (id, raw, raw_hash, invoice_display, order_date_utc,
      order_status_id, billing_last_name, billing_email, order_amount)
    SELECT i, '{}', '', 'AB-' || i,
      strftime('%Y-%m-%dT%H:%M:%SZ', 1500000000 + (i * 7919 % ${ORDERS}) * 3600, 'unixepoch'),
      1 + i % 4,
      CASE WHEN i % 400 = 0 THEN 'Quill' ELSE
        json_extract('${JSON.stringify(NAMES)}', '$[' || (i % 5) || ']') END,
      CASE WHEN i % 3 = 0 THEN 'guest' || i ELSE 'customer' || i END
        || '@example.com',
      printf('%.2f', (i * 37) % 1000 / 4.0)
    FROM n;
    INSERT INTO search_docs (entity, record_id, text)
    SELECT 'orders', CASE WHEN id % 7 = 0 THEN CAST(id AS TEXT) ELSE id END,
      invoice_display || ' \n ' || billing_last_name || ' \n ' || billing_email
    FROM orders;
    INSERT INTO search_docs (entity, record_id, text)
    SELECT 'customers', id, billing_last_name || ' \n guest' || id || '@example.com'
    FROM orders WHERE id % 2 = 0;`)
  archive.refreshSubstringIndex()
  archive.close()
}

beforeAll(() => {
  folder = tempDir()
  file = join(folder.dir, 'text.sqlite')
  fill(file)
  db = openDatabase(file, { readonly: true })
})

afterAll(() => {
  db.close()
  folder.cleanup()
})

describe('grid search pages', () => {
  it.each([0, 150, 2_300])('match a scan for a common name at %i', (offset) => {
    expect(pageIds(db, { search: 'Garcia', offset })).toEqual(
      scanIds(db, "billing_last_name = 'Garcia'", NEWEST, offset),
    )
  })

  it('match a scan for a rare name', () => {
    const page = pageIds(db, { search: 'quill' })
    expect(page).toHaveLength(ORDERS / 400)
    expect(page).toEqual(scanIds(db, "billing_last_name = 'Quill'", NEWEST))
  })

  it('match a scan sorted by amount', () => {
    const sort = { column: 'order_amount', direction: 'asc' } as const
    expect(pageIds(db, { search: 'Okafor', sort, offset: 40 })).toEqual(
      scanIds(
        db,
        "billing_last_name = 'Okafor'",
        'CAST(order_amount AS REAL) ASC, id ASC',
        40,
      ),
    )
  })

  it('combine with a status filter', () => {
    const filters: ReviewFilter[] = [
      { kind: 'in', column: 'order_status_id', values: [2] },
    ]
    expect(pageIds(db, { search: 'Nguyen', filters })).toEqual(
      scanIds(
        db,
        "billing_last_name = 'Nguyen' AND order_status_id = 2",
        NEWEST,
      ),
    )
  })

  it('verify a word with punctuation', () => {
    expect(pageIds(db, { search: 'guest300@example.com' })).toEqual([300])
  })
})

describe('grid search counts', () => {
  it('count a common name exactly below the cap', () => {
    expect(countRows(db, { entity: 'orders', search: 'Smith' })).toEqual({
      matching: 2_370,
      exact: true,
      total: ORDERS,
    })
  })

  it('stop at the cap for a word in every order', () => {
    expect(countRows(db, { entity: 'orders', search: 'example' })).toEqual({
      matching: 10_000,
      exact: false,
      total: ORDERS,
    })
    const exact = countRows(
      db,
      { entity: 'orders', search: 'example' },
      { exact: true },
    )
    expect(exact.matching).toBe(ORDERS)
    expect(exact.exact).toBe(true)
  })
})

describe('email contains filter', () => {
  const contains = (value: string): ReviewFilter[] => [
    { kind: 'text', column: 'billing_email', op: 'contains', value },
  ]
  const cases = ['guest1', 'GUEST12', 'tomer99', '0@exa']

  function expectScanResults(): void {
    for (const value of cases) {
      const where = `billing_email LIKE '%${value}%'`
      expect(pageIds(db, { filters: contains(value) }), value).toEqual(
        scanIds(db, where, NEWEST),
      )
      const expected = db
        .prepare(`SELECT count(*) FROM orders WHERE ${where}`)
        .pluck()
        .get() as number
      expect(
        countRows(db, { entity: 'orders', filters: contains(value) }).matching,
        value,
      ).toBe(Math.min(expected, 10_000))
    }
  }

  it('match a scan through the trigram index', () => {
    expectScanResults()
  })

  it('match a scan while the trigram index is stale', () => {
    const writer = openDatabase(file)
    try {
      new SubstringIndex(writer).suspend()
    } finally {
      writer.close()
    }
    expectScanResults()
  })
})

describe('counts without one rowid range', () => {
  it('count documents the entity shares', () => {
    const writer = openDatabase(file)
    try {
      writer.exec(`
        INSERT INTO search_docs (entity, record_id, text)
          VALUES ('customers', 99999, 'Smith');
        INSERT INTO orders (id, raw, raw_hash, billing_last_name)
          VALUES (${ORDERS + 1}, '{}', '', 'Smith');
        INSERT INTO search_docs (entity, record_id, text)
          VALUES ('orders', ${ORDERS + 1}, 'Smith');`)
    } finally {
      writer.close()
    }
    expect(countRows(db, { entity: 'orders', search: 'Smith' })).toEqual({
      matching: 2_371,
      exact: true,
      total: ORDERS + 1,
    })
  })
})
