import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../src/main/archive/open.ts'
import { countRows, queryRows } from '../../src/main/review/query.ts'
import { searchAll } from '../../src/main/review/search.ts'
import { buildArchive, tempDir } from './fixture.ts'

let folder: ReturnType<typeof tempDir>
let db: BetterSqlite3.Database

beforeAll(() => {
  folder = tempDir()
  const file = join(folder.dir, 'store.sqlite')
  buildArchive(file)
  db = openDatabase(file, { readonly: true })
})

afterAll(() => {
  db.close()
  folder.cleanup()
})

const ids = (page: { rows: Array<Record<string, unknown>> }) =>
  page.rows.map((row) => row['id'])

describe('queryRows', () => {
  it('returns default columns sorted by order date', () => {
    const page = queryRows(db, { entity: 'orders' })
    expect(page.columns[0]).toBe('id')
    expect(page.columns).toContain('invoice_display')
    expect(ids(page)).toEqual([6, 5, 4, 3, 2, 1])
    expect(page.rows[5]?.['invoice_display']).toBe('AB-1001')
  })

  it('sorts decimals by value, not text', () => {
    const page = queryRows(db, {
      entity: 'orders',
      columns: ['order_amount'],
      sort: { column: 'order_amount', direction: 'asc' },
    })
    expect(ids(page)).toEqual([5, 2, 6, 1, 4, 3])
  })

  it('pages with offset and limit', () => {
    const page = queryRows(db, {
      entity: 'orders',
      sort: { column: 'id', direction: 'asc' },
      offset: 2,
      limit: 2,
    })
    expect(ids(page)).toEqual([3, 4])
    expect(page.offset).toBe(2)
  })

  it('combines status and date filters', () => {
    const page = queryRows(db, {
      entity: 'orders',
      filters: [
        { kind: 'in', column: 'order_status_id', values: [1, 4] },
        {
          kind: 'date',
          column: 'order_date_utc',
          from: '2024-02-01',
          to: '2024-03-09',
        },
      ],
      sort: { column: 'id', direction: 'asc' },
    })
    expect(ids(page)).toEqual([2, 3, 5])
  })

  it('filters decimal ranges and text', () => {
    const page = queryRows(db, {
      entity: 'orders',
      filters: [
        { kind: 'number', column: 'order_amount', min: 10, max: 30 },
        {
          kind: 'text',
          column: 'billing_email',
          op: 'contains',
          value: 'CUSTOMER4',
        },
      ],
    })
    expect(ids(page)).toEqual([2, 1])
  })

  it('treats LIKE wildcards in text literally', () => {
    const page = queryRows(db, {
      entity: 'customers',
      filters: [{ kind: 'text', column: 'email', op: 'contains', value: '%' }],
    })
    expect(page.rows).toHaveLength(0)
  })

  it('narrows rows by global search', () => {
    const page = queryRows(db, { entity: 'customers', search: 'jane.doe@shop' })
    expect(ids(page)).toEqual([4])
  })

  it('finds nothing for symbols only', () => {
    for (const search of ['🎉', '"', '*', '(', '-- --']) {
      const page = queryRows(db, { entity: 'customers', search })
      expect(ids(page), search).toEqual([])
      const count = countRows(db, { entity: 'customers', search })
      expect(count.matching, search).toBe(0)
    }
    const blank = queryRows(db, { entity: 'customers', search: '   ' })
    expect(ids(blank)).toHaveLength(4)
  })

  it('rejects a column outside the whitelist', () => {
    expect(() =>
      queryRows(db, { entity: 'orders', columns: ['raw; DROP TABLE orders'] }),
    ).toThrow()
    expect(() =>
      queryRows(db, {
        entity: 'orders',
        sort: { column: 'raw_hash', direction: 'asc' },
      }),
    ).toThrow(expect.objectContaining({ code: 'REVIEW_COLUMN_UNKNOWN' }))
  })

  it('rejects an unknown entity', () => {
    expect(() => queryRows(db, { entity: 'sqlite_schema' })).toThrow(
      expect.objectContaining({ code: 'REVIEW_ENTITY_UNKNOWN' }),
    )
  })

  it('rejects a date filter on a text column', () => {
    expect(() =>
      queryRows(db, {
        entity: 'orders',
        filters: [
          { kind: 'date', column: 'billing_email', from: '2024-01-01' },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'REVIEW_FILTER_INVALID' }))
  })
})

describe('countRows', () => {
  it('counts total and filtered rows', () => {
    expect(countRows(db, { entity: 'orders' })).toEqual({
      matching: 6,
      exact: true,
      total: 6,
    })
    const filtered = countRows(db, {
      entity: 'orders',
      filters: [{ kind: 'in', column: 'order_status_id', values: [4] }],
    })
    expect(filtered).toEqual({ matching: 2, exact: true, total: 6 })
  })
})

describe('searchAll', () => {
  it('finds a customer and orders by email', () => {
    const hits = searchAll(db, 'jane.doe@shop.test')
    const customers = hits.filter((hit) => hit.entity === 'customers')
    expect(customers.map((hit) => hit.id)).toEqual([4])
    expect(customers[0]?.title).toBe('jane.doe@shop.test — Jane Doe')
  })

  it('finds products by SKU prefix', () => {
    const hits = searchAll(db, 'SKU-3')
    expect(hits.some((hit) => hit.entity === 'products' && hit.id === 3)).toBe(
      false,
    )
    const byName = searchAll(db, 'Copy')
    expect(byName.map((hit) => hit.id)).toContain(3)
  })

  it('returns nothing for punctuation only', () => {
    expect(searchAll(db, '"*()')).toEqual([])
  })
})
