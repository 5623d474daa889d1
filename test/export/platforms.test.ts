/**
 * Column and value checks of the Shopify and WooCommerce files against the
 * import formats: Shopify's 2024+ product template, its customer and
 * redirect templates, and WooCommerce's product CSV exporter columns.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runExport } from '../../src/main/export/run.ts'
import { demoArchive, tempDir, type DemoArchive } from './helpers.ts'

/** Header line of Shopify's current product CSV template. */
const SHOPIFY_PRODUCT_HEADER =
  'Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Unit price total measure,Unit price total measure unit,Unit price base measure,Unit price base measure unit,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description,Color (product.metafields.shopify.color-pattern),Google Shopping / Google product category,Google Shopping / Gender,Google Shopping / Age group,Google Shopping / Manufacturer part number (MPN),Google Shopping / Ad group name,Google Shopping / Ads labels,Google Shopping / Condition,Google Shopping / Custom product,Google Shopping / Custom label 0,Google Shopping / Custom label 1,Google Shopping / Custom label 2,Google Shopping / Custom label 3,Google Shopping / Custom label 4'

const SHOPIFY_CUSTOMER_HEADER =
  'First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Tags,Note,Tax Exempt'

/** WooCommerce's default exporter columns, in order. */
const WOO_HEADER =
  'ID,Type,SKU,"GTIN, UPC, EAN, or ISBN",Name,Published,Is featured?,Visibility in catalog,Short description,Description,Date sale price starts,Date sale price ends,Tax status,Tax class,In stock?,Stock,Low stock amount,Backorders allowed?,Sold individually?,Weight (kg),Length (cm),Width (cm),Height (cm),Allow customer reviews?,Purchase note,Sale price,Regular price,Categories,Tags,Shipping class,Images,Download limit,Download expiry days,Parent,Grouped products,Upsells,Cross-sells,External URL,Button text,Position'

type Row = Record<string, string>

let demo: DemoArchive
let out: { dir: string; cleanup: () => void }

function text(name: string): string {
  return readFileSync(join(out.dir, name), 'utf8').replace(/^\uFEFF/, '')
}

function rows(name: string): Row[] {
  return parse(text(name), { columns: true }) as Row[]
}

beforeAll(async () => {
  demo = await demoArchive()
  out = tempDir('export-platforms-')
  await runExport({
    archive: demo.file,
    outDir: out.dir,
    formats: ['shopify', 'woocommerce'],
  })
}, 120_000)

afterAll(async () => {
  out?.cleanup()
  await demo?.cleanup()
})

describe('shopify products', () => {
  it('use the template header', () => {
    expect(text('shopify/products.csv').split('\r\n')[0]).toBe(
      SHOPIFY_PRODUCT_HEADER,
    )
  })

  it('follow the value conventions', () => {
    const products = rows('shopify/products.csv')
    const money = /^(\d+\.\d{2})?$/
    const seenHandles = new Set<string>()
    let currentHandle = ''
    for (const row of products) {
      const handle = row['URL handle']!
      expect(handle).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      if (row['Title'] !== '') {
        // A new product: its handle was not used before.
        expect(seenHandles.has(handle), handle).toBe(false)
        seenHandles.add(handle)
        currentHandle = handle
        expect(['TRUE', 'FALSE']).toContain(row['Published on online store'])
        expect(['Active', 'Draft']).toContain(row['Status'])
        expect(row['Option1 name']).not.toBe('')
      } else {
        // Continuation rows repeat the handle of the product above.
        expect(handle).toBe(currentHandle)
      }
      expect(row['Price']).toMatch(money)
      expect(row['Compare-at price']).toMatch(money)
      if (row['SKU'] !== '') {
        expect(row['Inventory tracker']).toBe('shopify')
        expect(row['Continue selling when out of stock']).toBe('DENY')
        expect(row['Weight value (grams)']).toMatch(/^\d*$/)
        expect(['TRUE', 'FALSE']).toContain(row['Charge tax'])
      }
      if (row['Product image URL'] !== '') {
        expect(row['Product image URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
        expect(row['Image position']).toMatch(/^\d+$/)
      }
      expect(row['Option3 name'] === '' || row['Option3 value'] !== '').toBe(
        true,
      )
    }
  })

  it('write variants of the tricky product', () => {
    const products = rows('shopify/products.csv').filter(
      (r) => r['URL handle'] === 'agent-shades',
    )
    expect(products.map((r) => r['SKU'])).toEqual([
      '007-AGENT-BK',
      '007-AGENT-RD',
    ])
    expect(products[0]!['Option1 name']).toBe('Colour')
    expect(products[0]!['Option2 name']).toBe('Size')
    expect(products.map((r) => r['Option1 value'])).toEqual([
      'Black',
      'Red, bright',
    ])
    expect(products[0]!['Price']).toBe('19.99')
    expect(products[0]!['Compare-at price']).toBe('24.00')
    expect(products[1]!['Price']).toBe('26.00')
    expect(products[0]!['Weight value (grams)']).toBe('680')
    expect(products[0]!['SEO description']).toBe('Sunglasses for agents')
    expect(products[0]!['Description']).toBe('<p>Dark lenses,\r\nnew line</p>')
    expect(products[1]!['Image alt text']).toBe('Side')
  })
})

describe('shopify customers and redirects', () => {
  it('use the template headers', () => {
    expect(text('shopify/customers.csv').split('\r\n')[0]).toBe(
      SHOPIFY_CUSTOMER_HEADER,
    )
    expect(text('shopify/redirects.csv').split('\r\n')[0]).toBe(
      'Redirect from,Redirect to',
    )
  })

  it('write yes or no and ISO codes', () => {
    for (const row of rows('shopify/customers.csv')) {
      expect(['yes', 'no']).toContain(row['Accepts Email Marketing'])
      expect(['yes', 'no']).toContain(row['Tax Exempt'])
      expect(row['Default Address Country Code']).toMatch(/^([A-Z]{2})?$/)
    }
  })

  it('redirect paths without a domain', () => {
    const redirects = rows('shopify/redirects.csv')
    expect(redirects.length).toBeGreaterThan(0)
    for (const row of redirects) {
      expect(row['Redirect from']).toMatch(/^\/[^/]/)
      expect(row['Redirect to']).toMatch(
        /^\/(products|collections)\/[a-z0-9-]+$/,
      )
    }
    expect(redirects).toContainEqual({
      'Redirect from': '/agent-shades.html',
      'Redirect to': '/products/agent-shades',
    })
  })
})

describe('woocommerce products', () => {
  it('start with the exporter columns', () => {
    const header = text('woocommerce/products.csv').split('\r\n')[0]!
    expect(header.startsWith(WOO_HEADER + ',Attribute 1 name')).toBe(true)
  })

  it('follow the value conventions', () => {
    const products = rows('woocommerce/products.csv')
    const parents = new Set<string>()
    for (const row of products) {
      expect(['simple', 'variable', 'variation']).toContain(row['Type'])
      expect(['1', '0', '-1']).toContain(row['Published'])
      expect(['1', '0', 'backorder']).toContain(row['In stock?'])
      expect(row['Description']).not.toMatch(/[\r\n]/)
      if (row['Type'] === 'variation') {
        // Variations name a parent SKU written on an earlier row.
        expect(parents.has(row['Parent']!), row['Parent']).toBe(true)
        expect(row['Attribute 1 value(s)']).not.toBe('')
      } else {
        parents.add(row['SKU']!)
        expect(row['Name']).not.toBe('')
      }
    }
    expect(products.some((r) => r['Categories']!.includes(' > '))).toBe(true)
  })

  it('write the tricky product as variable with variations', () => {
    const products = rows('woocommerce/products.csv')
    const parent = products.find((r) => r['SKU'] === '007-AGENT')!
    expect(parent['Type']).toBe('variable')
    expect(parent['Attribute 1 name']).toBe('Colour')
    expect(parent['Attribute 1 value(s)']).toBe('Black, Red\\, bright')
    expect(parent['Description']).toBe('<p>Dark lenses,\\nnew line</p>')
    expect(parent['Images']!.split(', ')).toHaveLength(2)
    const variations = products.filter((r) => r['Parent'] === '007-AGENT')
    expect(variations.map((r) => r['SKU'])).toEqual([
      '007-AGENT-BK',
      '007-AGENT-RD',
    ])
    expect(variations[0]!['Sale price']).toBe('19.99')
    expect(variations[0]!['Regular price']).toBe('24.00')
    expect(variations[1]!['Regular price']).toBe('26.00')
    expect(variations[1]!['In stock?']).toBe('0')
  })
})
