import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Archive, addDecimals } from '../../src/main/archive/index.ts'
import type { EntityKey } from '../../src/shared/entities.ts'
import { sampleRecords, samplesMissing, tempDir } from './helpers.ts'

const FILES: ReadonlyArray<readonly [EntityKey, string]> = [
  ['orders', 'orders.sample.json'],
  ['products', 'products.sample.json'],
  ['customers', 'customers.sample.json'],
  ['categories', 'categories.sample.json'],
  ['manufacturers', 'manufacturers.sample.json'],
  ['customer_groups', 'customergroups.sample.json'],
  ['distributors', 'distributors.docs-placeholder.json'],
  ['promotions', 'promotions.docs-placeholder.json'],
  ['gift_registries', 'giftregistries.docs-placeholder.json'],
  ['rmas', 'rma.docs-placeholder.json'],
  ['webhooks', 'webhooks.docs-placeholder.json'],
  ['order_statuses', 'orderstatus.docs-placeholder.json'],
]

describe.skipIf(samplesMissing)('recorded store payloads', () => {
  let folder: { dir: string; cleanup: () => void }
  let archive: Archive

  beforeAll(() => {
    folder = tempDir()
    archive = Archive.open(join(folder.dir, 'store.sqlite'))
    archive.setStoreSettings(
      '{"StoreStandards":{"StoreTimeZone":"Eastern Standard Time"}}',
      { StoreStandards: { StoreTimeZone: 'Eastern Standard Time' } },
    )
    const runId = archive.startRun(
      'full',
      FILES.map(([entity]) => entity),
    )
    for (const [entity, file] of FILES) {
      archive.upsertPage(entity, sampleRecords(file))
    }
    archive.finishRun(runId, 'completed')
  })

  afterAll(() => {
    archive.close()
    folder.cleanup()
  })

  it.each(FILES)('stores every %s record verbatim', (entity, file) => {
    const input = sampleRecords(file)
    const ids = new Set(archive.ids(entity).map(String))
    expect(archive.count(entity)).toBe(ids.size)
    for (const record of input) {
      const stored = [...ids].find(
        (id) => archive.getRaw(entity, id) === record.raw,
      )
      expect(stored, `record missing: ${record.raw.slice(0, 80)}`).toBeDefined()
    }
  })

  it('keeps order totals exact to the cent', () => {
    const orders = archive.db
      .prepare(
        'SELECT id, order_amount, sales_tax, sales_tax2, sales_tax3, order_discount, shipping_total FROM orders',
      )
      .all() as Array<Record<string, string | number>>
    expect(orders).toHaveLength(4)
    const items = archive.db.prepare(
      'SELECT quantity, unit_price, option_price FROM order_items WHERE parent_id = ?',
    )
    for (const row of orders) {
      const lines = (
        items.all(row['id']) as Array<Record<string, string>>
      ).flatMap((item) => {
        const quantity = Number(item['quantity'])
        return Array.from({ length: quantity }, () =>
          addDecimals([item['unit_price']!, item['option_price']!]),
        )
      })
      const expected = addDecimals([
        ...lines,
        String(row['shipping_total']),
        String(row['sales_tax']),
        String(row['sales_tax2']),
        String(row['sales_tax3']),
        `-${String(row['order_discount'])}`.replace('--', ''),
      ])
      expect(Number(expected), `order ${row['id']}`).toBe(
        Number(row['order_amount']),
      )
    }
  })

  it('fills order columns from the recorded order', () => {
    const row = archive.db
      .prepare('SELECT * FROM orders WHERE id = 40054')
      .get() as Record<string, unknown>
    expect(row['invoice_number']).toBe(24400)
    expect(row['order_amount']).toBe('27.19')
    expect(row['shipping_total']).toBe('7.2')
    expect(row['order_date_raw']).toBe('2013-09-12T17:31:52')
    expect(row['order_date_utc']).toBe('2013-09-12T21:31:52Z')
    expect(row['billing_email']).toBe('customer1@example.com')
    const shipment = archive.db
      .prepare(
        'SELECT tracking_code_raw, tracking_code, shipped_date_raw, shipped_date_utc FROM order_shipments WHERE parent_id = 40054',
      )
      .get()
    expect(shipment).toEqual({
      tracking_code_raw: '0000000000000000000000                            ',
      tracking_code: '0000000000000000000000',
      shipped_date_raw: '9/13/2013',
      shipped_date_utc: '2013-09-13T04:00:00Z',
    })
  })

  it('names the option values of every variant', () => {
    const variants = archive.db
      .prepare(
        'SELECT parent_id, sku, option_ids, option_values, price FROM product_variants ORDER BY parent_id, position',
      )
      .all() as Array<Record<string, unknown>>
    expect(variants).toHaveLength(13)
    expect(variants[0]).toEqual({
      parent_id: 14,
      sku: 'BRA-XS',
      option_ids: '477',
      option_values: 'X-Small (32 A,B,C)',
      price: '24',
    })
    expect(variants.find((v) => v['sku'] === 'PC-B-XL')).toMatchObject({
      option_ids: '396-492',
      option_values: 'XL 47.5" - 52" | Beige',
    })
    for (const variant of variants) {
      expect(variant['option_values'], String(variant['sku'])).not.toBeNull()
    }
  })

  it('fills product, customer and category columns', () => {
    expect(
      archive.db
        .prepare(
          'SELECT sku, price, sale_price, hide FROM products WHERE id = 80',
        )
        .get(),
    ).toEqual({
      sku: 'PRENATAL-CAMI',
      price: '42.15',
      sale_price: '42.15',
      hide: 1,
    })
    expect(
      archive.db
        .prepare(
          "SELECT customer_group_id, enabled FROM customers WHERE email = 'customer2@example.com'",
        )
        .get(),
    ).toEqual({ customer_group_id: 0, enabled: 1 })
    expect(
      archive.db
        .prepare('SELECT name, parent_id FROM categories WHERE id = 8')
        .get(),
    ).toEqual({ name: 'Bellefit Girdles', parent_id: 0 })
  })

  it('reads the 2019 date form of the documentation examples', () => {
    const registry = archive.db
      .prepare('SELECT created_raw, created_utc FROM gift_registries LIMIT 1')
      .get()
    expect(registry).toEqual({
      created_raw: '03/06/2019 14:36',
      created_utc: '2019-03-06T19:36:00Z',
    })
  })
})
