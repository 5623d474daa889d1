import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { Archive } from '../../src/main/archive/index.ts'
import { openDatabase } from '../../src/main/archive/open.ts'
import { coveringIndex, seekingIndex } from '../../src/main/review/cover.ts'
import { countRows } from '../../src/main/review/query.ts'
import type { ReviewFilter } from '../../src/shared/review-query.ts'
import { tempDir } from './fixture.ts'
import { NEWEST, pageIds, scanIds } from './order-pages.ts'

/**
 * Enough orders that a `contains` value can match more search documents
 * than the trigram index serves a page from (50,000), so counts take both
 * of their paths.
 */
const ORDERS = 60_000
/** Orders above this id have `late...` emails, after every other email. */
const LATE_FROM = 55_000

let folder: ReturnType<typeof tempDir>
let file: string
let db: BetterSqlite3.Database

/**
 * Writes orders and their search documents straight into the tables, then
 * a customer document naming `late<id>` for every order, so `late` matches
 * more documents than orders and its order matches sit at the end.
 */
function fill(path: string): void {
  const archive = Archive.open(path)
  archive.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
    INSERT INTO orders (id, raw, raw_hash, order_date_utc, order_status_id,
      billing_last_name, billing_email, order_amount)
    SELECT i, '{}', '',
      strftime('%Y-%m-%dT%H:%M:%SZ', 1500000000 + (i * 7919 % ${ORDERS}) * 60, 'unixepoch'),
      1 + i % 4, 'Name' || (i % 97),
      CASE WHEN i > ${LATE_FROM} THEN 'late' || i
        WHEN i % 3 = 0 THEN 'guest' || i ELSE 'customer' || i END
        || '@example.com',
      printf('%.2f', (i * 37) % 1000 / 4.0)
    FROM n;
    INSERT INTO search_docs (entity, record_id, text)
    SELECT 'orders', id, billing_last_name || ' \n ' || billing_email
    FROM orders;
    INSERT INTO search_docs (entity, record_id, text)
    SELECT 'customers', id, 'late' || id FROM orders;`)
  archive.refreshSubstringIndex()
  archive.close()
}

beforeAll(() => {
  folder = tempDir()
  file = join(folder.dir, 'lists.sqlite')
  fill(file)
  db = openDatabase(file, { readonly: true })
})

afterAll(() => {
  db.close()
  folder.cleanup()
})

const contains = (value: string): ReviewFilter[] => [
  { kind: 'text', column: 'billing_email', op: 'contains', value },
]

function plainCount(where: string): number {
  return db
    .prepare(`SELECT count(*) FROM orders WHERE ${where}`)
    .pluck()
    .get() as number
}

describe('narrow index', () => {
  it('covers a contains page', () => {
    expect(
      coveringIndex(db, 'orders', ['id', 'order_date_utc', 'billing_email']),
    ).toBe('"orders_by_id"')
  })

  it('skips a missing column', () => {
    expect(coveringIndex(db, 'orders', ['billing_phone'])).toBeNull()
  })
})

describe('amount range pages', () => {
  const range = (min: number, max: number): ReviewFilter[] => [
    { kind: 'number', column: 'order_amount', min, max },
  ]
  const where = (min: number, max: number) =>
    `CAST(order_amount AS REAL) BETWEEN ${min} AND ${max}`

  it('find the amount and date index', () => {
    expect(
      seekingIndex(db, 'orders', ['order_amount'], ['order_date_utc']),
    ).toBe('"orders_amount_date"')
  })

  it.each([
    [10, 12, 0],
    [100, 200, 0],
    [100, 200, 3_000],
    [0, 1_000, 100],
  ])('match a scan for %i to %i at %i', (min, max, offset) => {
    expect(pageIds(db, { filters: range(min, max), offset })).toEqual(
      scanIds(db, where(min, max), NEWEST, offset),
    )
  })

  it('match a scan with a status filter', () => {
    const filters: ReviewFilter[] = [
      ...range(100, 300),
      { kind: 'in', column: 'order_status_id', values: [3] },
    ]
    expect(pageIds(db, { filters, offset: 200 })).toEqual(
      scanIds(db, `${where(100, 300)} AND order_status_id = 3`, NEWEST, 200),
    )
  })
})

describe('pages of a contains filter read from sorted matches', () => {
  it.each([0, 100, 2_000, 5_900])('match a scan at offset %i', (offset) => {
    const where = "billing_email LIKE '%guest2%'"
    expect(pageIds(db, { filters: contains('guest2'), offset })).toEqual(
      scanIds(db, where, NEWEST, offset),
    )
  })

  it('match a scan by amount, then count', () => {
    const sort = { column: 'order_amount', direction: 'desc' } as const
    const where = "billing_email LIKE '%guest4%'"
    expect(
      pageIds(db, { filters: contains('guest4'), sort, offset: 300 }),
    ).toEqual(
      scanIds(db, where, 'CAST(order_amount AS REAL) DESC, id DESC', 300),
    )
    expect(
      countRows(db, { entity: 'orders', filters: contains('guest4') }),
    ).toEqual({ matching: plainCount(where), exact: true, total: ORDERS })
  })

  it('combine with a status filter', () => {
    const filters: ReviewFilter[] = [
      ...contains('guest3'),
      { kind: 'in', column: 'order_status_id', values: [2] },
    ]
    const where = "billing_email LIKE '%guest3%' AND order_status_id = 2"
    expect(pageIds(db, { filters, offset: 100 })).toEqual(
      scanIds(db, where, NEWEST, 100),
    )
  })
})

describe('counts of a contains filter with dense matches', () => {
  it('stop at the cap', () => {
    expect(
      countRows(db, { entity: 'orders', filters: contains('example') }),
    ).toEqual({ matching: 10_000, exact: false, total: ORDERS })
  })

  it('count late matches through the index', () => {
    const where = "billing_email LIKE '%late%'"
    expect(plainCount(where)).toBe(ORDERS - LATE_FROM)
    expect(
      countRows(db, { entity: 'orders', filters: contains('late') }),
    ).toEqual({ matching: ORDERS - LATE_FROM, exact: true, total: ORDERS })
    expect(pageIds(db, { filters: contains('late') })).toEqual(
      scanIds(db, where, NEWEST),
    )
  })
})

describe('sorted matches after another connection writes', () => {
  it('are read again', () => {
    const before = pageIds(db, { filters: contains('guest5') })
    const writer = openDatabase(file)
    try {
      writer.exec(`
        INSERT INTO orders (id, raw, raw_hash, order_date_utc, billing_email)
          VALUES (${ORDERS + 1}, '{}', '', '2099-01-01T00:00:00Z',
            'guest5new@example.com');
        INSERT INTO search_docs (entity, record_id, text)
          VALUES ('orders', ${ORDERS + 1}, 'guest5new@example.com');`)
    } finally {
      writer.close()
    }
    const after = pageIds(db, { filters: contains('guest5') })
    expect(after[0]).toBe(ORDERS + 1)
    expect(after.slice(1)).toEqual(before.slice(0, 99))
  })
})
