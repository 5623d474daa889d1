import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { neutraliseFormula } from '../../src/main/export/csv.ts'
import { runExport, type ExportResult } from '../../src/main/export/run.ts'
import { golden, normalise } from './golden.ts'
import {
  demoArchive,
  tempDir,
  TRICKY_CUSTOMER,
  type DemoArchive,
} from './helpers.ts'

const BOOKKEEPING = new Set([
  'archive_info',
  'checkpoints',
  'record_changes',
  'store_counts',
  'sync_errors',
  'sync_runs',
])

let demo: DemoArchive
let out: { dir: string; cleanup: () => void }
let result: ExportResult
let archive: Database.Database

function read(name: string): string {
  return readFileSync(join(out.dir, name), 'utf8')
}

function csvRows(name: string): Array<Record<string, string>> {
  return parse(read(name), { bom: true, columns: true }) as Array<
    Record<string, string>
  >
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
}

beforeAll(async () => {
  demo = await demoArchive()
  out = tempDir('export-out-')
  result = await runExport({
    archive: demo.file,
    outDir: out.dir,
    formats: [
      'csv',
      'xlsx',
      'ndjson',
      'sqlite',
      'shopify',
      'woocommerce',
      'images',
    ],
    requestsPerSecond: 50,
  })
  archive = new Database(demo.file, { readonly: true })
}, 120_000)

afterAll(async () => {
  archive?.close()
  out?.cleanup()
  await demo?.cleanup()
})

describe('golden files', () => {
  const files = [
    'csv/customers.csv',
    'csv/orders.csv',
    'csv/product_variants.csv',
    'ndjson/customers.ndjson',
    'shopify/products.csv',
    'shopify/customers.csv',
    'shopify/redirects.csv',
    'shopify/fit-report.csv',
    'woocommerce/products.csv',
    'woocommerce/fit-report.csv',
    'images/manifest.csv',
  ]
  it.each(files)('%s matches its golden file', (name) => {
    const actual = normalise(read(name))
    expect(actual).toBe(golden(name, actual))
  })
})

describe('golden values of binary files', () => {
  it('xlsx customers sheet matches its golden file', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(out.dir, 'workbook.xlsx'))
    const values: unknown[] = []
    workbook.getWorksheet('customers')!.eachRow((row) => {
      values.push((row.values as unknown[]).slice(1))
    })
    const actual = JSON.stringify(values, null, 1) + '\n'
    expect(actual).toBe(golden('xlsx/customers.json', actual))
  })

  it('sqlite copy matches its golden table counts', () => {
    const copy = new Database(join(out.dir, 'archive.sqlite'), {
      readonly: true,
    })
    try {
      const tables = copy
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search_%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all() as string[]
      // Record tables only: the bookkeeping of the pull may change freely.
      const records = tables.filter((t) => !BOOKKEEPING.has(t))
      const counts = Object.fromEntries(
        records.map((t) => [
          t,
          copy.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get(),
        ]),
      )
      const actual = JSON.stringify(counts, null, 1) + '\n'
      expect(actual).toBe(golden('sqlite/counts.json', actual))
    } finally {
      copy.close()
    }
  })
})

describe('csv export', () => {
  it('starts with a byte order mark and ends lines with CRLF', () => {
    const text = read('csv/customers.csv')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFid,email,/)
  })

  it('reads back to the archive values', () => {
    const rows = csvRows('csv/customers.csv')
    const expected = archive
      .prepare('SELECT * FROM customers ORDER BY id')
      .all() as Array<Record<string, unknown>>
    expect(rows).toHaveLength(expected.length)
    rows.forEach((row, index) => {
      const record = expected[index]!
      expect(row['id']).toBe(String(record['id']))
      for (const column of [
        'email',
        'billing_first_name',
        'billing_zip_code',
        'billing_phone_number',
        'comments',
      ]) {
        const value = record[column]
        const text = value === null ? '' : neutraliseFormula(String(value))
        expect(row[column], `${column} of ${record['id']}`).toBe(text)
      }
    })
  })

  it('keeps the tricky values intact', () => {
    const row = csvRows('csv/customers.csv').find((r) => r['id'] === '990001')!
    expect(row['billing_zip_code']).toBe('02134')
    expect(row['shipping_zip_code']).toBe('00501')
    expect(row['billing_last_name']).toBe('Núñez 🎉')
    expect(row['billing_address1']).toBe('Line one\nLine two')
    expect(row['comments']).toBe('<p>Prefers <b>email</b></p>')
    expect(row['billing_company']).toBe('Quotes "and", commas')
    expect(row['billing_first_name']).toBe(
      `'${TRICKY_CUSTOMER.BillingFirstName}`,
    )
    expect(row['billing_phone_number']).toBe("'+1 617 555 0100")
  })

  it('writes dates in store time with the offset', () => {
    const row = csvRows('csv/customers.csv').find((r) => r['id'] === '990001')!
    expect(row['last_update']).toBe('2013-09-12T17:31:52-04:00')
    expect(row).not.toHaveProperty('last_update_utc')
  })

  it('writes one file per child table with parent ids', () => {
    const variants = csvRows('csv/product_variants.csv')
    const tricky = variants.filter((r) => r['parent_id'] === '990002')
    expect(tricky.map((r) => r['sku'])).toEqual([
      '007-AGENT-BK',
      '007-AGENT-RD',
    ])
  })
})

describe('xlsx export', () => {
  let workbook: ExcelJS.Workbook

  beforeAll(async () => {
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(out.dir, 'workbook.xlsx'))
  })

  it('has a sheet per table with a frozen header row', () => {
    const sheet = workbook.getWorksheet('customers')!
    expect(sheet).toBeDefined()
    expect(workbook.getWorksheet('order_items')).toBeDefined()
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).getCell(1).value).toBe('id')
  })

  it('reads back to the archive values with types', () => {
    const sheet = workbook.getWorksheet('customers')!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[]
    const col = (name: string): number => headers.indexOf(name) + 1
    let found = false
    sheet.eachRow((row, number) => {
      if (number === 1 || row.getCell(col('id')).value !== 990001) return
      found = true
      expect(row.getCell(col('billing_zip_code')).value).toBe('02134')
      expect(row.getCell(col('billing_first_name')).value).toBe(
        TRICKY_CUSTOMER.BillingFirstName,
      )
      expect(row.getCell(col('billing_last_name')).value).toBe('Núñez 🎉')
      expect(row.getCell(col('billing_address1')).value).toBe(
        'Line one\nLine two',
      )
      expect(row.getCell(col('comments')).value).toBe(
        '<p>Prefers <b>email</b></p>',
      )
      expect(row.getCell(col('mail_list')).value).toBe(true)
      const date = row.getCell(col('last_update')).value as Date
      expect(date.toISOString()).toBe('2013-09-12T17:31:52.000Z')
    })
    expect(found).toBe(true)
  })

  it('writes decimals as numbers', () => {
    const sheet = workbook.getWorksheet('products')!
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[]
    let price: unknown
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 990002) {
        price = row.getCell(headers.indexOf('price') + 1).value
      }
    })
    expect(price).toBe(24)
  })
})

describe('ndjson export', () => {
  it('writes each record as the archive holds it, secrets removed', () => {
    const lines = read('ndjson/customers.ndjson').trimEnd().split('\n')
    const raws = archive
      .prepare('SELECT id, raw FROM customers ORDER BY id')
      .raw(true)
      .all() as Array<[number, string]>
    expect(lines).toHaveLength(raws.length)
    raws.forEach(([id, raw], index) => {
      const expected = JSON.parse(raw) as Record<string, unknown>
      delete expected['Password']
      expect(JSON.parse(lines[index]!), `customer ${id}`).toEqual(expected)
    })
  })

  it('keeps records without secrets byte for byte', () => {
    const lines = read('ndjson/orders.ndjson').trimEnd().split('\n')
    const raws = archive
      .prepare('SELECT raw FROM orders ORDER BY id')
      .pluck()
      .all() as string[]
    const clean = raws.filter(
      (raw) => !/"(Password|CardNumber|CartKey|OrderKey)"/i.test(raw),
    )
    expect(clean.every((raw) => lines.includes(raw))).toBe(true)
  })
})

describe('sqlite export', () => {
  it('holds the same records without secrets', () => {
    const copy = new Database(join(out.dir, 'archive.sqlite'), {
      readonly: true,
    })
    try {
      for (const table of ['orders', 'customers', 'products', 'order_items']) {
        const count = (db: Database.Database): unknown =>
          db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get()
        expect(count(copy), table).toBe(count(archive))
      }
      expect(
        copy.prepare('SELECT COUNT(*) FROM payment_tokens').pluck().get(),
      ).toBe(0)
      const raw = copy
        .prepare('SELECT raw FROM customers WHERE id = 990001')
        .pluck()
        .get() as string
      expect(JSON.parse(raw)).not.toHaveProperty('Password')
    } finally {
      copy.close()
    }
  })
})

describe('secrets', () => {
  it('appear in no exported file', () => {
    const secret = Buffer.from(TRICKY_CUSTOMER.Password)
    for (const file of allFiles(out.dir)) {
      expect(readFileSync(file).includes(secret), file).toBe(false)
    }
  })

  it('are named in the summary with the reason', () => {
    const summary = JSON.parse(read('export-summary.json')) as {
      leftOut: string[]
    }
    expect(summary.leftOut.some((l) => l.includes('Password'))).toBe(true)
    expect(summary.leftOut.some((l) => l.includes('payment_tokens'))).toBe(true)
  })
})

describe('summary', () => {
  it('counts each table in the store, the archive and the files', () => {
    const customers = result.summary.counts.find(
      (c) => c.table === 'customers',
    )!
    expect(customers.archive).toBe(13)
    expect(customers.store).toBe(12)
    expect(customers.files).toEqual({ csv: 13, xlsx: 13, ndjson: 13 })
    const items = result.summary.counts.find((c) => c.table === 'order_items')!
    expect(items.files.csv).toBe(items.archive)
  })

  it('notes how to open the files', () => {
    expect(result.summary.notes.some((n) => n.includes('leading zeros'))).toBe(
      true,
    )
    expect(result.summary.notes.some((n) => n.includes('XLSX'))).toBe(true)
  })

  it('leaves no partial file behind', () => {
    expect(allFiles(out.dir).filter((f) => f.endsWith('.partial'))).toEqual([])
  })
})
