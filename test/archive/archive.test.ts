import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Archive, SCHEMA_VERSION } from '../../src/main/archive/index.ts'
import { order, record, records, tempDir } from './helpers.ts'

let folder: { dir: string; cleanup: () => void }
let archive: Archive

beforeEach(() => {
  folder = tempDir()
  archive = Archive.open(join(folder.dir, 'store.sqlite'))
})

afterEach(() => {
  archive.close()
  folder.cleanup()
})

describe('Archive.open', () => {
  it('creates a WAL file at the current version', () => {
    expect(archive.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(archive.db.pragma('user_version', { simple: true })).toBe(
      SCHEMA_VERSION,
    )
    expect(archive.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(archive.db.pragma('synchronous', { simple: true })).toBe(1)
  })

  it('creates a table for every list entity and child list', () => {
    const tables = archive.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all()
    for (const name of [
      'orders',
      'order_items',
      'order_shipments',
      'order_transactions',
      'order_questions',
      'order_promotions',
      'products',
      'product_variants',
      'product_option_sets',
      'product_images',
      'customers',
      'categories',
      'gift_registry_items',
      'rma_items',
      'sync_runs',
      'checkpoints',
      'sync_errors',
      'record_changes',
      'store_counts',
      'store_settings',
    ]) {
      expect(tables).toContain(name)
    }
  })

  it('reopens an existing archive with its data', () => {
    archive.upsertPage('orders', records([order(1)]))
    archive.close()
    archive = Archive.open(archive.file)
    expect(archive.count('orders')).toBe(1)
  })

  it('opens read-only without writing', () => {
    archive.upsertPage('orders', records([order(1)]))
    const reader = Archive.open(archive.file, { readonly: true })
    try {
      expect(reader.count('orders')).toBe(1)
      expect(() => reader.upsertPage('orders', records([order(2)]))).toThrow(
        expect.objectContaining({ code: 'ARCHIVE_READ_ONLY' }),
      )
    } finally {
      reader.close()
    }
  })
})

describe('upsertPage', () => {
  it('stores raw text verbatim', () => {
    const raw = '{ "OrderID": 5,  "OrderAmount": 10.50, "Extra": [1, 2] }'
    archive.upsertPage('orders', [record(raw)])
    expect(archive.getRaw('orders', 5)).toBe(raw)
  })

  it('counts added, changed and unchanged', () => {
    expect(archive.upsertPage('orders', records([order(1), order(2)]))).toEqual(
      { added: 2, changed: 0, unchanged: 0 },
    )
    const second = archive.upsertPage(
      'orders',
      records([order(1), order(2, { OrderStatusID: 4 }), order(3)]),
    )
    expect(second).toEqual({ added: 1, changed: 1, unchanged: 1 })
    expect(archive.count('orders')).toBe(3)
  })

  it('never duplicates on a re-run', () => {
    const page = records([order(1), order(2)])
    archive.upsertPage('orders', page)
    archive.upsertPage('orders', page)
    expect(archive.count('orders')).toBe(2)
    const items = archive.db
      .prepare('SELECT count(*) FROM order_items')
      .pluck()
      .get()
    expect(items).toBe(2)
  })

  it('fills typed columns of an order', () => {
    archive.upsertPage('orders', records([order(1)]))
    const row = archive.db
      .prepare('SELECT * FROM orders WHERE id = 1')
      .get() as Record<string, unknown>
    expect(row['invoice_number_prefix']).toBe('AB-')
    expect(row['invoice_number']).toBe(1001)
    expect(row['invoice_display']).toBe('AB-1001')
    expect(row['customer_id']).toBe(7)
    expect(row['order_date_raw']).toBe('2013-09-12T17:31:52')
    expect(row['order_amount']).toBe('27.19')
    expect(row['shipping_total']).toBe('7.2')
    expect(row['billing_email']).toBe('buyer1@example.com')
    expect(row['is_abandoned']).toBe(0)
  })

  it('replaces the children of a changed record', () => {
    archive.upsertPage('orders', records([order(1)]))
    const changed = order(1, {
      OrderItemList: [
        { ItemID: 'A-1', ItemUnitPrice: 1.5, ItemQuantity: 2 },
        { ItemID: 'B-2', ItemUnitPrice: 3, ItemQuantity: 1 },
      ],
    })
    archive.upsertPage('orders', records([changed]))
    const items = archive.db
      .prepare(
        'SELECT position, item_id, unit_price, quantity FROM order_items WHERE parent_id = 1 ORDER BY position',
      )
      .all()
    expect(items).toEqual([
      { position: 0, item_id: 'A-1', unit_price: '1.5', quantity: '2' },
      { position: 1, item_id: 'B-2', unit_price: '3', quantity: '1' },
    ])
  })

  it('keeps the decimal digits of the source', () => {
    const raw =
      '{"OrderID":9,"OrderAmount":19.90,"SalesTax":0.10,"OrderItemList":[{"ItemUnitPrice":1.250,"ItemQuantity":1e2}]}'
    archive.upsertPage('orders', [record(raw)])
    const row = archive.db
      .prepare('SELECT order_amount, sales_tax FROM orders WHERE id = 9')
      .get()
    expect(row).toEqual({ order_amount: '19.90', sales_tax: '0.10' })
    const item = archive.db
      .prepare('SELECT unit_price, quantity FROM order_items')
      .get() as Record<string, unknown>
    expect(item['unit_price']).toBe('1.250')
    expect(item['quantity']).toBe('100')
    expect(archive.getRaw('orders', 9)).toBe(raw)
  })

  it('saves the checkpoint with the page', () => {
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', records([order(1)]), {
      entity: 'orders',
      runId,
      nextOffset: 301,
      received: 300,
      storeCount: 1200,
      phase: 'walk',
    })
    const checkpoint = archive.getCheckpoint('orders')
    expect(checkpoint).toMatchObject({
      entity: 'orders',
      runId,
      nextOffset: 301,
      received: 300,
      storeCount: 1200,
      phase: 'walk',
    })
    expect(checkpoint?.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/)
    archive.clearCheckpoint('orders')
    expect(archive.getCheckpoint('orders')).toBeUndefined()
  })

  it('writes nothing of a page with a bad record', () => {
    const runId = archive.startRun('full', ['orders'])
    const page = records([order(1), { OrderAmount: 3 }])
    expect(() =>
      archive.upsertPage('orders', page, {
        entity: 'orders',
        runId,
        nextOffset: 3,
        received: 2,
        storeCount: null,
        phase: 'walk',
      }),
    ).toThrow(expect.objectContaining({ code: 'ARCHIVE_RECORD_WITHOUT_ID' }))
    expect(archive.count('orders')).toBe(0)
    expect(archive.getCheckpoint('orders')).toBeUndefined()
  })

  it('rejects a record that is not an object', () => {
    expect(() => archive.upsertPage('orders', [record('[1, 2]')])).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_INVALID_RECORD' }),
    )
  })

  it('rejects store settings as a record entity', () => {
    expect(() =>
      archive.upsertPage('store_settings', records([{ a: 1 }])),
    ).toThrow(expect.objectContaining({ code: 'ARCHIVE_UNKNOWN_ENTITY' }))
  })

  it('keeps text ids as text', () => {
    archive.upsertPage('webhooks', records([{ Id: 12, Name: 'Order hook' }]))
    expect(archive.ids('webhooks')).toEqual(['12'])
    expect(archive.getRaw('webhooks', 12)).toBe('{"Id":12,"Name":"Order hook"}')
  })
})

describe('deleteRecords', () => {
  it('removes records, children and search text', () => {
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage('orders', records([order(1), order(2)]))
    expect(archive.deleteRecords('orders', [1, 99], runId)).toBe(1)
    expect(archive.ids('orders')).toEqual([2])
    const children = archive.db
      .prepare('SELECT count(*) FROM order_items WHERE parent_id = 1')
      .pluck()
      .get()
    expect(children).toBe(0)
    expect(archive.search('buyer1@example.com')).toEqual([])
    expect(archive.changedIds(runId, 'orders', 'removed')).toEqual([1])
  })
})

describe('runs and changes', () => {
  it('logs what each run added, changed and removed', () => {
    const first = archive.startRun('full', ['orders', 'customers'])
    archive.upsertPage('orders', records([order(1), order(2), order(3)]))
    archive.upsertPage(
      'customers',
      records([{ CustomerID: 1, Email: 'a@example.com' }]),
    )
    archive.finishRun(first, 'completed', { orders: 3 })
    const second = archive.startRun('incremental', ['orders'])
    archive.upsertPage(
      'orders',
      records([order(2, { OrderStatusID: 4 }), order(4)]),
      {
        entity: 'orders',
        runId: second,
        nextOffset: 3,
        received: 2,
        storeCount: 3,
        phase: 'done',
      },
    )
    archive.deleteRecords('orders', [3], second)
    archive.finishRun(second, 'completed')

    expect(archive.changesForRun(first)).toEqual([
      { entity: 'customers', added: 1, changed: 0, removed: 0 },
      { entity: 'orders', added: 3, changed: 0, removed: 0 },
    ])
    expect(archive.changesForRun(second)).toEqual([
      { entity: 'orders', added: 1, changed: 1, removed: 1 },
    ])
    expect(archive.changedIds(second, 'orders', 'changed')).toEqual([2])
    const row = archive.db
      .prepare(
        'SELECT first_seen_run, last_seen_run, updated_run FROM orders WHERE id = 2',
      )
      .get()
    expect(row).toEqual({
      first_seen_run: first,
      last_seen_run: second,
      updated_run: second,
    })
  })

  it('reports the last run', () => {
    expect(archive.lastRun()).toBeUndefined()
    const runId = archive.startRun('full', ['orders'])
    expect(archive.lastRun()).toMatchObject({
      id: runId,
      mode: 'full',
      status: 'running',
      finishedAt: null,
    })
    archive.finishRun(runId, 'cancelled')
    const last = archive.lastRun()
    expect(last?.status).toBe('cancelled')
    expect(last?.finishedAt).toMatch(/Z$/)
  })

  it('records errors and store counts', () => {
    const runId = archive.startRun('full', ['orders', 'products'])
    archive.recordError(runId, 'orders', 'API_TIMEOUT', 'Timed out on page 3')
    archive.recordError(runId, null, 'RATE_LIMITED', 'Slowed down')
    archive.recordStoreCount(runId, 'orders', 5)
    archive.recordStoreCount(runId, 'products', 0)
    archive.upsertPage('orders', records([order(1), order(2)]))
    archive.finishRun(runId, 'completed')

    const errors = archive.db
      .prepare('SELECT run_id, entity, code, message FROM sync_errors')
      .all()
    expect(errors).toEqual([
      {
        run_id: runId,
        entity: 'orders',
        code: 'API_TIMEOUT',
        message: 'Timed out on page 3',
      },
      {
        run_id: runId,
        entity: null,
        code: 'RATE_LIMITED',
        message: 'Slowed down',
      },
    ])

    const completeness = archive.completeness()
    expect(completeness).toHaveLength(2)
    expect(completeness[0]).toMatchObject({
      entity: 'orders',
      storeCount: 5,
      localCount: 2,
      runId,
    })
    expect(completeness[0]?.pulledAt).toBe(archive.lastRun()?.finishedAt)
    expect(completeness[1]).toMatchObject({
      entity: 'products',
      storeCount: 0,
      localCount: 0,
    })
  })
})

describe('setStoreSettings', () => {
  const settings = (zone: string): string =>
    JSON.stringify({
      StoreInformation: { StoreName: 'Bellefit', StoreURL: 'shop.example' },
      StoreStandards: { StoreTimeZone: zone, CurrencyCode: 'USD' },
    })

  function saveSettings(zone: string): void {
    const raw = settings(zone)
    archive.setStoreSettings(raw, JSON.parse(raw) as Record<string, unknown>)
  }

  function orderDates(): unknown {
    return archive.db
      .prepare('SELECT order_date_utc FROM orders WHERE id = 1')
      .pluck()
      .get()
  }

  it('stores the object and its time zone', () => {
    saveSettings('Pacific Standard Time')
    expect(archive.storeTimeZone()).toBe('Pacific Standard Time')
    expect(archive.getRaw('store_settings', 1)).toBe(
      settings('Pacific Standard Time'),
    )
    const row = archive.db
      .prepare('SELECT store_name, currency_code FROM store_settings')
      .get()
    expect(row).toEqual({ store_name: 'Bellefit', currency_code: 'USD' })
  })

  it('computes UTC columns again when the zone changes', () => {
    archive.upsertPage('orders', records([order(1)]))
    expect(orderDates()).toBeNull()
    saveSettings('America/New_York')
    expect(orderDates()).toBe('2013-09-12T21:31:52Z')
    const shipped = archive.db
      .prepare('SELECT shipped_date_utc FROM order_shipments')
      .pluck()
      .get()
    expect(shipped).toBe('2013-09-13T04:00:00Z')
    saveSettings('+1')
    expect(orderDates()).toBe('2013-09-12T16:31:52Z')
    archive.upsertPage('orders', records([order(2)]))
    const second = archive.db
      .prepare('SELECT order_date_utc FROM orders WHERE id = 2')
      .pluck()
      .get()
    expect(second).toBe('2013-09-12T16:31:52Z')
  })

  it('fills UTC columns of an older archive', () => {
    archive.upsertPage('orders', records([order(1)]))
    saveSettings('(UTC) Coordinated Universal Time')
    expect(orderDates()).toBe('2013-09-12T17:31:52Z')
    // An archive written before display names were read: the same
    // setting, no recorded zone and empty UTC columns.
    archive.db.exec(
      "DELETE FROM archive_info WHERE key = 'utc_time_zone';" +
        'UPDATE orders SET order_date_utc = NULL',
    )
    saveSettings('(UTC) Coordinated Universal Time')
    expect(orderDates()).toBe('2013-09-12T17:31:52Z')
  })

  it('fills UTC columns once the zone is set', () => {
    archive.upsertPage('orders', records([order(1)]))
    saveSettings('')
    expect(orderDates()).toBeNull()
    saveSettings('(UTC-05:00) Eastern Time (US & Canada)')
    expect(orderDates()).toBe('2013-09-12T21:31:52Z')
  })

  it('skips the rewrite for a renamed zone', () => {
    archive.upsertPage('orders', records([order(1)]))
    saveSettings('Eastern Standard Time')
    archive.db.exec("UPDATE orders SET order_date_utc = 'kept'")
    saveSettings('America/New_York')
    expect(orderDates()).toBe('kept')
  })

  it('reads a numeric zone as hours', () => {
    const raw = JSON.stringify({ StoreStandards: { StoreTimeZone: -5 } })
    archive.upsertPage('orders', records([order(1)]))
    archive.setStoreSettings(raw, JSON.parse(raw) as Record<string, unknown>)
    expect(archive.storeTimeZone()).toBe('-5')
    expect(orderDates()).toBe('2013-09-12T22:31:52Z')
  })

  it('keeps the zone after reopening', () => {
    saveSettings('Tokyo Standard Time')
    archive.close()
    archive = Archive.open(archive.file)
    archive.upsertPage('orders', records([order(1)]))
    expect(orderDates()).toBe('2013-09-12T08:31:52Z')
  })
})

describe('record ids', () => {
  it('rejects a non-numeric id of an integer table', () => {
    expect(() =>
      archive.upsertPage('orders', records([order(1), { OrderID: 'A-7' }])),
    ).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID_RECORD' }))
    expect(archive.count('orders')).toBe(0)
  })

  it('accepts a numeric string id', () => {
    archive.upsertPage('orders', records([{ OrderID: '42' }]))
    expect(archive.ids('orders')).toEqual([42])
  })

  it('writes long child lists in order', () => {
    const items = (count: number, prefix: string) =>
      Array.from({ length: count }, (_, i) => ({ ItemID: `${prefix}-${i}` }))
    archive.upsertPage(
      'orders',
      records([
        order(1, { OrderItemList: items(150, 'A') }),
        order(2, { OrderItemList: items(3, 'B') }),
        order(3, { OrderItemList: items(64, 'C') }),
      ]),
    )
    const rows = archive.db
      .prepare(
        'SELECT parent_id, position, item_id FROM order_items ORDER BY parent_id, position',
      )
      .raw(true)
      .all() as Array<[number, number, string]>
    const expected = [
      ...items(150, 'A').map((item, i) => [1, i, item.ItemID]),
      ...items(3, 'B').map((item, i) => [2, i, item.ItemID]),
      ...items(64, 'C').map((item, i) => [3, i, item.ItemID]),
    ]
    expect(rows).toHaveLength(217)
    expect(rows).toEqual(expected)
  })

  it('keeps the children of the last copy of a repeated id', () => {
    archive.upsertPage(
      'orders',
      records([
        order(1, { OrderItemList: [{ ItemID: 'X' }, { ItemID: 'Y' }] }),
        order(2),
        order(1, { OrderItemList: [{ ItemID: 'Z' }] }),
      ]),
    )
    const items = archive.db
      .prepare('SELECT item_id FROM order_items WHERE parent_id = 1')
      .pluck()
      .all()
    expect(items).toEqual(['Z'])
    expect(archive.count('orders')).toBe(2)
  })

  it('counts a repeated id in one page once', () => {
    const counts = archive.upsertPage(
      'orders',
      records([order(1), order(1, { OrderStatusID: 4 })]),
    )
    expect(counts).toEqual({ added: 1, changed: 1, unchanged: 0 })
    expect(archive.count('orders')).toBe(1)
  })
})

describe('tables added later', () => {
  it('are created when an older file opens', () => {
    archive.upsertPage('rmas', records([{ RMAID: 1, RMAItemList: [{}] }]))
    archive.db.exec('DROP TABLE rma_items')
    archive.db.exec('DROP TABLE rmas')
    archive.close()
    archive = Archive.open(archive.file)
    const counts = archive.upsertPage(
      'rmas',
      records([{ RMAID: 2, OrderID: 9, RMAItemList: [{ SKU: 'A-1' }] }]),
    )
    expect(counts.added).toBe(1)
    const item = archive.db
      .prepare('SELECT parent_id, sku FROM rma_items')
      .get()
    expect(item).toEqual({ parent_id: 2, sku: 'A-1' })
    const index = archive.db
      .prepare("SELECT name FROM sqlite_schema WHERE name = 'rmas_order_id'")
      .pluck()
      .get()
    expect(index).toBe('rmas_order_id')
  })
})

describe('columns added later', () => {
  it('are added and filled from raw when a file opens', () => {
    const raw = (zone: string): string =>
      JSON.stringify({ StoreStandards: { StoreTimeZone: zone } })
    archive.setStoreSettings(raw('UTC'), JSON.parse(raw('UTC')))
    archive.upsertPage(
      'products',
      records([
        {
          SKUInfo: { CatalogID: 80, SKU: 'CAMI' },
          TaxCode: 'PC040100',
          DateCreated: '2012-03-01T00:00:00',
          OptionSetList: [
            { OptionList: [{ OptionID: 393, OptionName: 'S' }] },
            { OptionList: [{ OptionID: 491, OptionName: 'White' }] },
          ],
          AdvancedOptionList: [{ AdvancedOptionCode: '393-491' }],
        },
      ]),
    )
    archive.db.exec('ALTER TABLE products DROP COLUMN tax_code')
    archive.db.exec('ALTER TABLE products DROP COLUMN date_created_raw')
    archive.db.exec('ALTER TABLE products DROP COLUMN date_created_utc')
    archive.db.exec('ALTER TABLE product_variants DROP COLUMN option_values')
    archive.close()

    archive = Archive.open(archive.file)
    const product = archive.db
      .prepare(
        'SELECT tax_code, date_created_raw, date_created_utc FROM products',
      )
      .get()
    expect(product).toEqual({
      tax_code: 'PC040100',
      date_created_raw: '2012-03-01T00:00:00',
      date_created_utc: '2012-03-01T00:00:00Z',
    })
    const variant = archive.db
      .prepare('SELECT option_values FROM product_variants')
      .pluck()
      .get()
    expect(variant).toBe('S | White')
  })
})
