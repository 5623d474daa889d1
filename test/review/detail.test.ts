import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../src/main/archive/open.ts'
import { getRunChanges, listChangeRuns } from '../../src/main/review/changes.ts'
import {
  getCompleteness,
  getQualityNotes,
} from '../../src/main/review/completeness.ts'
import { getDashboard } from '../../src/main/review/dashboard.ts'
import { getRawRecord, getRecordDetail } from '../../src/main/review/detail.ts'
import { findLocalImage, productImages } from '../../src/main/review/images.ts'
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

describe('getRecordDetail', () => {
  it('shows an order with its nested records', () => {
    const detail = getRecordDetail(db, 'orders', 1)
    expect(detail.title).toBe('AB-1001 — First4 Last4')
    const sections = new Map(detail.sections.map((s) => [s.key, s]))
    const item = sections.get('order_items')?.rows[0]
    expect(item?.cells['name']).toBe('Product 1')
    expect(item?.cells['options']).toBe('Size: Medium; Color: Red & Blue')
    expect(item?.link).toMatchObject({ entity: 'products', id: 1 })
    const shipment = sections.get('order_shipments')?.rows[0]
    expect(shipment?.cells['tracking_code']).toBe('EC000000000US')
    expect(
      sections.get('order_shipments')?.columns.map((c) => c.name),
    ).not.toContain('tracking_code_raw')
    expect(sections.get('order_transactions')?.rows).toHaveLength(1)
    expect(sections.get('order_questions')?.rows[0]?.cells['answer']).toBe(
      'Yes',
    )
    expect(detail.links).toEqual([
      {
        entity: 'customers',
        id: 4,
        title: 'jane.doe@shop.test — Jane Doe',
        label: 'Customer',
      },
    ])
    const status = detail.fields.find((f) => f.name === 'order_status_id')
    expect(status?.display).toBe('Sent out')
  })

  it('lists a customer’s orders newest first', () => {
    const detail = getRecordDetail(db, 'customers', 4)
    const orders = detail.sections.find((s) => s.key === 'orders')
    expect(orders?.rows.map((r) => r.link?.id)).toEqual([2, 1])
    expect(orders?.rows[0]?.cells['status']).toBe('Received')
  })

  it('shows a product’s variants, related items and discounts', () => {
    const detail = getRecordDetail(db, 'products', 1)
    const sections = new Map(detail.sections.map((s) => [s.key, s]))
    expect(sections.get('product_variants')?.rows[0]?.cells['sku']).toBe(
      'SKU-1-M',
    )
    expect(sections.get('product_related')?.rows[0]?.cells['product']).toBe(
      'SKU-2 — Product 2',
    )
    expect(
      sections.get('product_discounts')?.rows[0]?.cells['min_quantity'],
    ).toBe(5)
    expect(sections.get('product_images')?.rows).toHaveLength(1)
  })

  it('raises a clear error for a missing record', () => {
    expect(() => getRecordDetail(db, 'orders', 999)).toThrow(
      expect.objectContaining({ code: 'REVIEW_RECORD_NOT_FOUND' }),
    )
  })

  it('returns the raw JSON as received', () => {
    const raw = getRawRecord(db, 'customers', 4)
    expect(JSON.parse(raw)).toMatchObject({ Email: 'jane.doe@shop.test' })
  })
})

describe('getDashboard', () => {
  it('keeps abandoned checkouts out of sales', () => {
    const dashboard = getDashboard(db)
    expect(dashboard.sales).toEqual({ orders: 5, revenueCents: 14970 })
    expect(dashboard.abandoned).toEqual({ orders: 1, valueCents: 5550 })
    expect(dashboard.months).toEqual([
      { month: '2024-01', orders: 1, revenueCents: 2719 },
      { month: '2024-02', orders: 2, revenueCents: 11001 },
      { month: '2024-03', orders: 2, revenueCents: 1250 },
    ])
    expect(dashboard.currency).toEqual({ code: 'USD', symbol: '$' })
  })

  it('labels statuses with the store’s own names', () => {
    const labels = getDashboard(db).statuses.map((s) => [s.label, s.orders])
    expect(labels).toContainEqual(['Received', 3])
    expect(labels).toContainEqual(['Sent out', 2])
    expect(labels).toContainEqual(['Not Completed', 1])
  })

  it('ranks top products and countries', () => {
    const dashboard = getDashboard(db)
    expect(dashboard.topProducts[0]).toMatchObject({
      catalogId: 1,
      quantity: 8,
      revenueCents: 8800,
    })
    expect(dashboard.countries).toEqual([
      { country: 'CA', customers: 2 },
      { country: 'US', customers: 2 },
    ])
    const orders = dashboard.counts.find((c) => c.entity === 'orders')
    expect(orders?.count).toBe(6)
  })
})

describe('completeness', () => {
  it('compares store counts with local counts', () => {
    const rows = new Map(getCompleteness(db).map((r) => [r.entity, r]))
    expect(rows.get('orders')).toMatchObject({ storeCount: 6, localCount: 6 })
    expect(rows.get('products')).toMatchObject({ storeCount: 3, localCount: 3 })
    expect(rows.get('customers')).toMatchObject({
      storeCount: 4,
      localCount: 4,
    })
    expect(rows.get('orders')?.pulledAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(rows.has('webhooks')).toBe(false)
  })

  it('notes data-quality problems', () => {
    const notes = new Map(getQualityNotes(db).map((n) => [n.key, n]))
    expect(notes.get('duplicate_skus')?.examples.map((e) => e.id)).toEqual([
      2, 3,
    ])
    expect(notes.get('products_without_images')?.count).toBe(1)
    expect(
      notes.get('products_without_price')?.examples.map((e) => e.id),
    ).toEqual([3])
    expect(notes.get('invalid_emails')?.examples.map((e) => e.id)).toEqual([3])
    expect(
      notes.get('orders_without_items')?.examples.map((e) => e.id),
    ).toEqual([5])
  })
})

describe('what changed', () => {
  it('lists runs with their change totals', () => {
    const runs = listChangeRuns(db)
    expect(
      runs.map((r) => [r.id, r.mode, r.added, r.changed, r.removed]),
    ).toEqual([
      [2, 'incremental', 1, 1, 1],
      [1, 'full', 16, 0, 0],
    ])
  })

  it('lists the records a run touched per entity', () => {
    const changes = new Map(getRunChanges(db, 2).map((c) => [c.entity, c]))
    expect(changes.get('orders')?.records.added).toEqual([
      { id: 6, title: 'AB-1006 — First1 Last1' },
    ])
    expect(changes.get('customers')?.records.changed[0]?.id).toBe(1)
    expect(changes.get('products')?.records.removed).toEqual([
      { id: 4, title: 'Record 4' },
    ])
  })
})

describe('product images', () => {
  it('reads downloaded images as data URLs', () => {
    const imageDir = join(folder.dir, 'images')
    mkdirSync(join(imageDir, 'assets/images'), { recursive: true })
    const png = Buffer.from('89504e470d0a1a0a', 'hex')
    writeFileSync(join(imageDir, 'assets/images/p1.png'), png)
    const images = productImages(db, 1, imageDir)
    expect(images.map((i) => i.file)).toEqual([
      'assets/images/p1.png',
      'assets/images/p1-side.png',
    ])
    expect(images[0]?.dataUrl).toBe(
      `data:image/png;base64,${png.toString('base64')}`,
    )
    expect(images[1]?.dataUrl).toBeNull()
  })

  it('never resolves a path outside the image folder', () => {
    const imageDir = join(folder.dir, 'images')
    writeFileSync(join(folder.dir, 'secret.png'), 'x')
    expect(findLocalImage(imageDir, '../secret.png')).toBe(undefined)
  })

  it('follows the manifest to the local file', () => {
    const imageDir = join(folder.dir, 'images')
    writeFileSync(join(imageDir, 'side.png'), 'x')
    writeFileSync(
      join(imageDir, 'manifest.json'),
      JSON.stringify({
        files: [{ source: 'assets/images/p1-side.png', path: 'side.png' }],
      }),
    )
    expect(findLocalImage(imageDir, '/assets/images/p1-side.png')).toBe(
      join(imageDir, 'side.png'),
    )
  })
})
