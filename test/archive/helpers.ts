/**
 * Shared pieces of the archive tests: temporary folders, records built from
 * JSON text, and the recorded store payloads when they are present.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RawRecord } from '../../src/main/archive/index.ts'

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..')

/** Recorded 3dcart payloads, kept outside the repository. */
export const samplesDir = resolve(
  repoRoot,
  '../shared/reference/3dcart-samples',
)
export const samplesMissing = !existsSync(
  join(samplesDir, 'orders.sample.json'),
)

/** Reads the records of a sample file, each serialized as compact JSON. */
export function sampleRecords(name: string): RawRecord[] {
  const values = JSON.parse(
    readFileSync(join(samplesDir, name), 'utf8'),
  ) as Array<Record<string, unknown>>
  return values.map((value) => record(JSON.stringify(value)))
}

export function record(raw: string): RawRecord {
  return { raw, value: JSON.parse(raw) as Record<string, unknown> }
}

export function records(values: unknown[]): RawRecord[] {
  return values.map((value) => record(JSON.stringify(value)))
}

/** Creates a temporary folder; `cleanup` removes it with everything inside. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'archive-test-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A minimal order in the shape the API returns. */
export function order(
  id: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    InvoiceNumberPrefix: 'AB-',
    InvoiceNumber: 1000 + id,
    OrderID: id,
    CustomerID: 7,
    OrderDate: '2013-09-12T17:31:52',
    OrderStatusID: 1,
    LastUpdate: '2013-09-13T09:59:52',
    BillingFirstName: 'Ana',
    BillingLastName: 'Lima',
    BillingEmail: `buyer${id}@example.com`,
    BillingAddress: '100 Example St',
    BillingCity: 'Sampletown',
    BillingZipCode: '00000',
    OrderAmount: 27.19,
    SalesTax: 0,
    OrderDiscount: 0,
    OrderItemList: [
      {
        CatalogID: 14,
        ItemID: 'BRA-M',
        ItemQuantity: 1,
        ItemDescription: 'Sleeping Bra',
        ItemUnitPrice: 19.99,
        ItemOptionPrice: 0,
        ItemWeight: 0.5,
        ItemDateAdded: '2013-09-12T17:26:23',
      },
    ],
    ShipmentList: [
      {
        ShipmentID: 0,
        ShipmentFirstName: 'Ana',
        ShipmentCost: 7.2,
        ShipmentTrackingCode: '1Z999  ',
        ShipmentShippedDate: '9/13/2013',
      },
    ],
    TransactionList: [],
    QuestionList: [],
    ...overrides,
  }
}
