import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import { order, records, tempDir } from './helpers.ts'

let folder: { dir: string; cleanup: () => void }
let archive: Archive

beforeEach(() => {
  folder = tempDir()
  archive = Archive.open(join(folder.dir, 'store.sqlite'))
  const runId = archive.startRun('full', ['orders', 'customers', 'products'])
  archive.upsertPage(
    'orders',
    records([
      order(1, { BillingLastName: 'Müller', BillingEmail: 'jo@shop.de' }),
      order(2, {
        InvoiceNumberPrefix: 'WEB-',
        InvoiceNumber: 77,
        BillingEmail: 'kim@example.com',
      }),
    ]),
  )
  archive.upsertPage(
    'customers',
    records([
      {
        CustomerID: 5,
        Email: 'sam.okafor@example.org',
        BillingFirstName: 'Sam',
        BillingLastName: 'Okafor',
        BillingAddress1: '12 Harbour Road',
        BillingCity: 'Portsmouth',
      },
    ]),
  )
  archive.upsertPage(
    'products',
    records([
      {
        SKUInfo: { CatalogID: 14, SKU: 'SLEEPINGBRA', Name: 'Sleeping Bra' },
        AdvancedOptionList: [{ AdvancedOptionSufix: 'BRA-XS' }],
      },
    ]),
  )
  archive.finishRun(runId, 'completed')
})

afterEach(() => {
  archive.close()
  folder.cleanup()
})

function found(query: string): string[] {
  return archive.search(query).map((hit) => `${hit.entity}:${hit.id}`)
}

describe('Archive.search', () => {
  it('finds names, emails and addresses', () => {
    expect(found('Okafor')).toEqual(['customers:5'])
    expect(found('sam.okafor@example.org')).toEqual(['customers:5'])
    expect(found('Harbour Road')).toEqual(['customers:5'])
    expect(found('kim@example.com')).toEqual(['orders:2'])
  })

  it('finds an order by its invoice number', () => {
    expect(found('WEB-77')).toEqual(['orders:2'])
    expect(found('1001')).toEqual(['orders:1'])
  })

  it('ignores diacritics and case', () => {
    expect(found('muller')).toEqual(['orders:1'])
    expect(found('MÜLLER')).toEqual(['orders:1'])
  })

  it('matches word prefixes', () => {
    expect(found('Portsm')).toEqual(['customers:5'])
  })

  it('matches parts of SKUs after a pull', () => {
    expect(found('EEPINGB')).toEqual(['products:14'])
    expect(found('XS')).toEqual(['products:14'])
  })

  it('treats FTS syntax as plain text', () => {
    expect(found('"Okafor')).toEqual(['customers:5'])
    expect(found('Okafor OR NOT')).toEqual([])
    expect(found('NEAR(Okafor')).toEqual([])
    expect(found('   ')).toEqual([])
  })

  it('filters by entity and limits hits', () => {
    expect(
      archive.search('example', { entities: ['customers'] }).map((h) => h.id),
    ).toEqual([5])
    expect(archive.search('Sampletown', { limit: 1 })).toHaveLength(1)
  })

  it('follows changes and deletions', () => {
    const runId = archive.startRun('incremental', ['customers'])
    archive.upsertPage(
      'customers',
      records([
        { CustomerID: 5, Email: 'sam@new.example', BillingLastName: 'Okafor' },
      ]),
    )
    expect(found('sam.okafor@example.org')).toEqual([])
    expect(found('sam@new.example')).toEqual(['customers:5'])
    archive.deleteRecords('customers', [5], runId)
    archive.finishRun(runId, 'completed')
    expect(found('Okafor')).toEqual([])
    expect(found('ew.exam')).toEqual([])
  })

  it('skips substring search during a full pull', () => {
    const runId = archive.startRun('full', ['products'])
    archive.upsertPage(
      'products',
      records([
        { SKUInfo: { CatalogID: 15, SKU: 'GIRDLE-XL', Name: 'Girdle' } },
      ]),
    )
    expect(found('RDLE')).toEqual([])
    expect(found('GIRDLE')).toEqual(['products:15'])
    archive.finishRun(runId, 'completed')
    expect(found('RDLE')).toEqual(['products:15'])
  })

  it('keeps substrings current in incremental pulls', () => {
    archive.startRun('incremental', ['products'])
    archive.upsertPage(
      'products',
      records([
        { SKUInfo: { CatalogID: 16, SKU: 'CAMI-WHITE', Name: 'Cami' } },
      ]),
    )
    expect(found('MI-WHI')).toEqual(['products:16'])
  })

  it('restores substring search after reopening', () => {
    archive.startRun('full', ['products'])
    archive.close()
    archive = Archive.open(join(folder.dir, 'store.sqlite'))
    expect(found('EEPINGB')).toEqual([])
    archive.refreshSubstringIndex()
    expect(found('EEPINGB')).toEqual(['products:14'])
  })

  it('stays off after a failed full pull', () => {
    const runId = archive.startRun('full', ['products'])
    archive.finishRun(runId, 'failed')
    expect(found('EEPINGB')).toEqual([])
    expect(found('SLEEPINGBRA')).toEqual(['products:14'])
  })

  it('finishes a run whose rebuild hits a full disk', () => {
    const runId = archive.startRun('full', ['products'])
    const products = Array.from({ length: 300 }, (_, i) => ({
      SKUInfo: { CatalogID: 100 + i, SKU: `LONG-SKU-${i}`.repeat(20) },
    }))
    archive.upsertPage('products', records(products))
    const pages = archive.db.pragma('page_count', { simple: true }) as number
    archive.db.pragma(`max_page_count = ${pages}`)
    expect(() => archive.finishRun(runId, 'completed')).not.toThrow()
    expect(archive.lastRun()?.status).toBe('completed')
    expect(found('EEPINGB')).toEqual([])
    archive.db.pragma('max_page_count = 1073741823')
    archive.refreshSubstringIndex()
    expect(found('EEPINGB')).toEqual(['products:14'])
  })
})
