import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import { ArchiveSource } from '../../src/main/export/source.ts'
import { getEntity } from '../../src/shared/entities.ts'
import { tempDir } from './helpers.ts'

/** More than two pages of 2,000 rows, ending partway through a page. */
const ORDERS = 4_500
const ITEMS_PER_ORDER = 3

const temp = tempDir('export-source-')
const file = join(temp.dir, 'archive.sqlite')
let source: ArchiveSource

beforeAll(() => {
  const archive = Archive.open(file)
  // Ids step by 7 so that a page boundary is no round number.
  archive.db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS})
    INSERT INTO orders (id, raw, raw_hash, invoice_number, order_status_id)
    SELECT i * 7, '{}', hex(i), i, i % 5 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ORDERS * ITEMS_PER_ORDER - 1})
    INSERT INTO order_items (parent_id, position)
    SELECT (i / ${ITEMS_PER_ORDER} + 1) * 7, i % ${ITEMS_PER_ORDER} FROM n;
  `)
  archive.close()
  source = ArchiveSource.open(file)
})

afterAll(() => {
  source.close()
  temp.cleanup()
})

function table(name: string) {
  const found = source
    .tablesOf(getEntity('orders'))
    .find((t) => t.name === name)
  if (found === undefined)
    throw new Error(`The archive has no export table ${name}`)
  return found
}

describe('ArchiveSource.iterateRows', () => {
  it('reads every order once across pages', () => {
    const ids = [...source.iterateRows(table('orders'))].map((row) => row[0])
    expect(ids).toHaveLength(ORDERS)
    expect(ids[0]).toBe(7)
    expect(ids.at(-1)).toBe(ORDERS * 7)
    expect(ids.every((id, i) => id === (i + 1) * 7)).toBe(true)
  })

  it('reads child rows in key order', () => {
    const keys = [...source.iterateRows(table('order_items'))].map(
      (row) => `${String(row[0])}/${String(row[1])}`,
    )
    expect(keys).toHaveLength(ORDERS * ITEMS_PER_ORDER)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys[0]).toBe('7/0')
    expect(keys[2_000]).toBe('4669/2')
    expect(keys.at(-1)).toBe(`${ORDERS * 7}/${ITEMS_PER_ORDER - 1}`)
  })

  it('applies a filter on every page', () => {
    const rows = [
      ...source.iterateRows(
        table('orders'),
        'WHERE t.order_status_id = ?',
        [2],
      ),
    ]
    expect(rows).toHaveLength(ORDERS / 5)
    expect(rows.every((row) => (row[0] as number) % 35 === 14)).toBe(true)
  })

  it('frees the connection when reading stops early', () => {
    let read = 0
    for (const row of source.iterateRows(table('orders'))) {
      read += row.length > 0 ? 1 : 0
      if (read === 2_500) break
    }
    expect(read).toBe(2_500)
    expect(source.count('orders')).toBe(ORDERS)
  })
})
