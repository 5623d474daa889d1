import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import jpeg from 'jpeg-js'
import { pngForPath, jpegForPath } from '../../src/main/demo-store/images.ts'
import { hashString } from '../../src/main/demo-store/random.ts'
import { allRecords, type Row } from './helpers.ts'

let store: DemoStore
let orders: Row[]
let products: Row[]

const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

beforeAll(async () => {
  store = await startDemoStore({ size: 'tiny' })
  orders = allRecords(store, 'orders')
  products = allRecords(store, 'products')
})
afterAll(async () => {
  await store.close()
})

const items = (): Row[] => orders.flatMap((o) => o['OrderItemList'] as Row[])
const shipments = (): Row[] => orders.flatMap((o) => o['ShipmentList'] as Row[])

describe('tiny store quirks', () => {
  it('writes store-local dates without offset', () => {
    for (const order of orders) {
      expect(order['OrderDate']).toMatch(ISO_LOCAL)
      expect(order['LastUpdate']).toMatch(ISO_LOCAL)
    }
  })

  it('pads tracking codes with spaces to 50', () => {
    const codes = shipments()
      .map((s) => String(s['ShipmentTrackingCode']))
      .filter((code) => code !== '')
    expect(codes.length).toBeGreaterThan(0)
    for (const code of codes) {
      expect(code).toHaveLength(50)
      expect(code.endsWith(' ')).toBe(true)
    }
  })

  it('has HTML item lines with option groups', () => {
    expect(
      items().some((i) =>
        /<br><b>[^<]+:<\/b>&nbsp;/.test(String(i['ItemDescription'])),
      ),
    ).toBe(true)
    expect(products.some((p) => /<br>/.test(String(p['Description'])))).toBe(
      true,
    )
  })

  it('has the encoded replacement character', () => {
    expect(
      products.some((p) => String(p['Description']).includes('&#65533;')),
    ).toBe(true)
  })

  it('has NIL states and zip codes', () => {
    expect(orders.some((o) => o['BillingState'] === 'NIL')).toBe(true)
    expect(shipments().some((s) => s['ShipmentState'] === 'NIL')).toBe(true)
  })

  it('has negative stock snapshots', () => {
    expect(items().some((i) => Number(i['ItemUnitStock']) < 0)).toBe(true)
  })

  it('has shipment id 0 and guest customer 0', () => {
    expect(shipments().every((s) => s['ShipmentID'] === 0)).toBe(true)
    expect(orders.some((o) => o['CustomerID'] === 0)).toBe(true)
    expect(orders.some((o) => Number(o['CustomerID']) > 0)).toBe(true)
  })

  it('has abandoned orders without transactions', () => {
    const abandoned = orders.filter((o) => o['OrderStatusID'] === 7)
    expect(abandoned.length).toBeGreaterThan(0)
    for (const order of abandoned) expect(order['TransactionList']).toEqual([])
  })

  it('has status ids above 11 with renamed labels', () => {
    expect(orders.some((o) => Number(o['OrderStatusID']) > 11)).toBe(true)
    const statuses = allRecords(store, 'order_statuses')
    expect(statuses.some((s) => Number(s['OrderStatusID']) > 11)).toBe(true)
    expect(
      statuses.some((s) => s['StatusText'] !== s['StatusDefinition']),
    ).toBe(true)
  })

  it('mixes null, empty and the text "null"', () => {
    const values = allRecords(store, 'customers').map(
      (c) => c['BillingAddress2'],
    )
    expect(values).toContain(null)
    expect(values).toContain('')
    expect(values).toContain('null')
  })

  it('mixes integral and fractional numbers in one field', () => {
    const prices = items().map((i) => Number(i['ItemUnitPrice']))
    expect(prices.some((p) => Number.isInteger(p))).toBe(true)
    expect(prices.some((p) => !Number.isInteger(p))).toBe(true)
  })

  it('writes option lists with a leading comma', () => {
    const lists = items()
      .map((i) => String(i['ItemOptions']))
      .filter((text) => text !== '')
    expect(lists.length).toBeGreaterThan(0)
    for (const list of lists) expect(list).toMatch(/^(,\d+)+$/)
  })

  it('has discount and kit pseudo-lines', () => {
    expect(
      items().some(
        (i) => i['ItemUnitPrice'] === 0 && Number(i['ItemOptionPrice']) < 0,
      ),
    ).toBe(true)
    expect(
      items().some((i) => String(i['ItemDescription']).startsWith('KIT ITEM:')),
    ).toBe(true)
  })

  it('keeps order totals exact to the cent', () => {
    for (const order of orders) {
      const lines = (order['OrderItemList'] as Row[]).reduce(
        (sum, i) =>
          sum +
          Number(i['ItemQuantity']) *
            (Number(i['ItemUnitPrice']) + Number(i['ItemOptionPrice'])),
        0,
      )
      const shipping = (order['ShipmentList'] as Row[]).reduce(
        (sum, s) => sum + Number(s['ShipmentCost']),
        0,
      )
      const expected =
        lines +
        shipping +
        Number(order['SalesTax']) +
        Number(order['SalesTax2']) +
        Number(order['SalesTax3']) -
        Number(order['OrderDiscount'])
      expect(Math.round(expected * 100)).toBe(
        Math.round(Number(order['OrderAmount']) * 100),
      )
    }
  })

  it('has duplicate SKUs', () => {
    const skus = products.map((p) => (p['SKUInfo'] as Row)['SKU'])
    expect(new Set(skus).size).toBeLessThan(skus.length)
  })

  it('has a deep category tree', () => {
    const categories = allRecords(store, 'categories')
    const parent = new Map(
      categories.map((c) => [c['CategoryID'], c['CategoryParent']]),
    )
    const depth = (id: unknown): number => {
      const up = parent.get(id)
      return up === 0 || up === undefined ? 1 : 1 + depth(up)
    }
    expect(
      Math.max(...categories.map((c) => depth(c['CategoryID']))),
    ).toBeGreaterThanOrEqual(5)
  })

  it('has products with many variants', () => {
    const counts = products.map(
      (p) => (p['AdvancedOptionList'] as unknown[]).length,
    )
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(100)
  })

  it('references customers and products that exist', () => {
    const customerIds = new Set(
      [...store.records('customers')].map((r) => r.id),
    )
    const productIds = new Set([...store.records('products')].map((r) => r.id))
    for (const order of orders) {
      const customer = order['CustomerID']
      if (customer !== 0) expect(customerIds.has(customer as number)).toBe(true)
    }
    for (const item of items()) {
      if (item['CatalogID'] !== 0)
        expect(productIds.has(item['CatalogID'] as number)).toBe(true)
    }
  })
})

describe('storefront images', () => {
  it('serves relative image paths, with some missing', async () => {
    const paths = products.flatMap((p) =>
      [
        'MainImageFile',
        'ThumbnailFile',
        'AdditionalImageFile2',
        'AdditionalImageFile3',
      ]
        .map((field) => String(p[field]))
        .filter((path) => path !== ''),
    )
    expect(paths.every((path) => path.startsWith('assets/images/'))).toBe(true)
    const statuses = await Promise.all(
      paths.map(async (path) => {
        const response = await fetch(`${store.secureUrl}/${path}`)
        const bytes = new Uint8Array(await response.arrayBuffer())
        if (response.status === 200) {
          expect(response.headers.get('content-type')).toBe('image/jpeg')
          const image = jpeg.decode(bytes)
          expect(image.width).toBe(8)
          expect(image.height).toBe(8)
        }
        return response.status
      }),
    )
    expect(statuses).toContain(200)
    expect(statuses).toContain(404)
  })
})

describe('image files', () => {
  it('encodes the path colour in a valid JPEG', () => {
    for (const path of [
      'assets/images/a-1.jpg',
      'assets/images/b-22.jpg',
      'x.jpeg',
    ]) {
      const hash = hashString(path)
      const expected = [hash & 0xff, (hash >>> 8) & 0xff, (hash >>> 16) & 0xff]
      const image = jpeg.decode(jpegForPath(path))
      for (let pixel = 0; pixel < 64; pixel++) {
        const rgb = [...image.data.slice(pixel * 4, pixel * 4 + 3)]
        // YCbCr rounding moves a channel by a step or two at most.
        rgb.forEach((value, channel) => {
          expect(Math.abs(value - expected[channel]!)).toBeLessThanOrEqual(3)
        })
      }
    }
  })

  it('writes PNG files with the PNG signature', () => {
    const bytes = pngForPath('assets/images/category-9.png')
    expect([...bytes.subarray(0, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ])
  })
})

describe('payload date option', () => {
  it('writes MM/dd/yyyy HH:mm dates when asked', async () => {
    const us = await startDemoStore({ payloadDateFormat: 'us-short' })
    try {
      const [order] = allRecords(us, 'orders')
      expect(order!['OrderDate']).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
      const [first] = allRecords(store, 'orders')
      const iso = String(first!['OrderDate'])
      const [date, time] = iso.split('T')
      const [y, m, d] = date!.split('-')
      expect(order!['OrderDate']).toBe(`${m}/${d}/${y} ${time!.slice(0, 5)}`)
    } finally {
      await us.close()
    }
  })
})

describe('determinism', () => {
  it('gives the same data for the same seed', async () => {
    const again = await startDemoStore({ size: 'tiny' })
    const other = await startDemoStore({ size: 'tiny', seed: 2 })
    try {
      // Records contain no port, so two servers give identical texts.
      const a = [...store.records('orders')].map((r) => r.raw)
      const b = [...again.records('orders')].map((r) => r.raw)
      const c = [...other.records('orders')].map((r) => r.raw)
      expect(b).toEqual(a)
      expect(c).not.toEqual(a)
    } finally {
      await again.close()
      await other.close()
    }
  })
})
