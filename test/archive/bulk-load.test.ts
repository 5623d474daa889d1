import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Archive, type CheckpointState } from '../../src/main/archive/index.ts'
import { order, records, tempDir } from './helpers.ts'

let folder: { dir: string; cleanup: () => void }
let file: string
let archive: Archive

beforeEach(() => {
  folder = tempDir()
  file = join(folder.dir, 'store.sqlite')
  archive = Archive.open(file)
})

afterEach(() => {
  archive.close()
  folder.cleanup()
})

function orders(from: number, count: number) {
  return records(
    Array.from({ length: count }, (_, i) =>
      order(from + i, {
        OrderItemList: [{ CatalogID: i, ItemID: `SKU-${from + i}` }],
      }),
    ),
  )
}

function checkpoint(
  runId: number,
  phase: CheckpointState['phase'],
): Omit<CheckpointState, 'updatedAt'> {
  return {
    entity: 'orders',
    runId,
    nextOffset: 1,
    received: 0,
    storeCount: null,
    phase,
  }
}

function indexNames(db: Archive['db'], table: string): string[] {
  return db
    .prepare(
      `SELECT name FROM sqlite_schema
       WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
       ORDER BY name`,
    )
    .pluck()
    .all(table) as string[]
}

function deferredKeys(db: Archive['db']): string[] {
  return db
    .prepare(
      "SELECT key FROM archive_info WHERE key GLOB 'deferred_index:*' ORDER BY key",
    )
    .pluck()
    .all() as string[]
}

describe('bulk load of an empty table', () => {
  it('defers indexes during the walk', () => {
    const before = indexNames(archive.db, 'orders')
    expect(before).toContain('orders_customer_id')
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(1, 150), checkpoint(runId, 'walk'))
    expect(indexNames(archive.db, 'orders')).toEqual([])
    expect(indexNames(archive.db, 'order_items')).toEqual([])
    expect(deferredKeys(archive.db)).toContain(
      'deferred_index:orders_customer_id',
    )
  })

  it('builds them again at the end of the walk', () => {
    const before = indexNames(archive.db, 'orders')
    const items = indexNames(archive.db, 'order_items')
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(1, 150), checkpoint(runId, 'walk'))
    archive.upsertPage('orders', orders(151, 150), checkpoint(runId, 'walk'))
    archive.upsertPage('orders', [], checkpoint(runId, 'verify'))
    expect(indexNames(archive.db, 'orders')).toEqual(before)
    expect(indexNames(archive.db, 'order_items')).toEqual(items)
    expect(deferredKeys(archive.db)).toEqual([])
    expect(archive.count('orders')).toBe(300)
  })

  it('builds only the walked entity indexes', () => {
    const before = indexNames(archive.db, 'orders')
    const runId = archive.startRun('full', ['orders', 'customers'])
    archive.upsertPage('orders', orders(1, 150), checkpoint(runId, 'walk'))
    const customers = records(
      Array.from({ length: 150 }, (_, i) => ({
        CustomerID: i + 1,
        Email: `c${i + 1}@example.com`,
      })),
    )
    const customerWalk = {
      ...checkpoint(runId, 'walk'),
      entity: 'customers' as const,
    }
    archive.upsertPage('customers', customers, customerWalk)
    expect(indexNames(archive.db, 'customers')).toEqual([])
    archive.upsertPage('customers', [], { ...customerWalk, phase: 'verify' })
    // Customers are done; orders are still being walked.
    expect(indexNames(archive.db, 'customers')).not.toEqual([])
    expect(indexNames(archive.db, 'orders')).toEqual([])
    archive.upsertPage('orders', [], checkpoint(runId, 'verify'))
    expect(indexNames(archive.db, 'orders')).toEqual(before)
    expect(deferredKeys(archive.db)).toEqual([])
  })

  it('builds them again when the run finishes', () => {
    const before = indexNames(archive.db, 'orders')
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(1, 150), checkpoint(runId, 'walk'))
    archive.finishRun(runId, 'cancelled')
    expect(indexNames(archive.db, 'orders')).toEqual(before)
    expect(deferredKeys(archive.db)).toEqual([])
  })

  it('builds them again when a killed pull reopens', () => {
    const before = indexNames(archive.db, 'orders')
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(1, 150), checkpoint(runId, 'walk'))
    // Closing without finishing the run stands for a killed process.
    archive.close()
    archive = Archive.open(file)
    expect(indexNames(archive.db, 'orders')).toEqual(before)
    expect(deferredKeys(archive.db)).toEqual([])
  })

  it('keeps the indexes of a table with records', () => {
    archive.upsertPage('orders', orders(1, 1))
    const before = indexNames(archive.db, 'orders')
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(2, 150), checkpoint(runId, 'walk'))
    expect(indexNames(archive.db, 'orders')).toEqual(before)
    expect(deferredKeys(archive.db)).toEqual([])
  })

  it('keeps the indexes for a short page', () => {
    const before = indexNames(archive.db, 'orders')
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(1, 20), checkpoint(runId, 'walk'))
    expect(indexNames(archive.db, 'orders')).toEqual(before)
  })

  it('never duplicates a record on a re-run', () => {
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(1, 150), checkpoint(runId, 'walk'))
    const counts = archive.upsertPage(
      'orders',
      orders(1, 150),
      checkpoint(runId, 'walk'),
    )
    expect(counts).toEqual({ added: 0, changed: 0, unchanged: 150 })
    expect(archive.count('orders')).toBe(150)
  })

  it('keeps search working after the walk', () => {
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', orders(1, 150), checkpoint(runId, 'walk'))
    archive.upsertPage('orders', [], checkpoint(runId, 'verify'))
    archive.finishRun(runId, 'completed')
    const hits = archive.search('SKU-77')
    expect(hits.map((hit) => hit.id)).toContain(77)
  })
})

describe('existing records of a page', () => {
  it('finds a stored record by a zero-padded id', () => {
    archive.upsertPage('orders', records([{ OrderID: 123, Note: 'a' }]))
    const counts = archive.upsertPage(
      'orders',
      records([{ OrderID: '0123', Note: 'b' }]),
    )
    expect(counts).toEqual({ added: 0, changed: 1, unchanged: 0 })
    expect(archive.ids('orders')).toEqual([123])
  })

  it('finds a stored text id given as a number', () => {
    archive.upsertPage('webhooks', records([{ Id: '12', Name: 'a' }]))
    const counts = archive.upsertPage(
      'webhooks',
      records([{ Id: 12, Name: 'a' }]),
    )
    expect(counts).toEqual({ added: 0, changed: 1, unchanged: 0 })
    expect(archive.ids('webhooks')).toEqual(['12'])
  })
})

describe('child raw JSON', () => {
  const raw =
    '{"OrderID": 9, "OrderItemList": [ {"ItemID": "A\\u002d1", "ItemUnitPrice": 2.50} ]}'

  it('is left to the parent in a new file', () => {
    archive.upsertPage('orders', [{ raw, value: JSON.parse(raw) }])
    const columns = archive.db
      .prepare("SELECT name FROM pragma_table_info('order_items')")
      .pluck()
      .all()
    expect(columns).not.toContain('raw')
    const row = archive.db
      .prepare('SELECT item_id, unit_price FROM order_items')
      .get() as Record<string, unknown>
    expect(row['item_id']).toBe('A-1')
    expect(row['unit_price']).toBe('2.50')
    expect(archive.getRaw('orders', 9)).toBe(raw)
  })

  it('stores each element as received in an older file', () => {
    // Child tables of older files have this column, NOT NULL there.
    archive.db.exec("ALTER TABLE order_items ADD COLUMN raw TEXT DEFAULT ''")
    archive.close()
    archive = Archive.open(file)
    archive.upsertPage('orders', [{ raw, value: JSON.parse(raw) }])
    const row = archive.db
      .prepare('SELECT raw, item_id, unit_price FROM order_items')
      .get() as Record<string, unknown>
    expect(row['raw']).toBe('{"ItemID": "A\\u002d1", "ItemUnitPrice": 2.50}')
    expect(row['item_id']).toBe('A-1')
    expect(row['unit_price']).toBe('2.50')
  })
})
