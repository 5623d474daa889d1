/**
 * A small store archive for the review tests, written through the archive's
 * own writer: statuses, customers, products with variants and images, orders
 * with items, shipments, transactions and questions, an abandoned checkout,
 * and two pulls so the change log has content.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Archive, type RawRecord } from '../../src/main/archive/index.ts'

export function records(values: unknown[]): RawRecord[] {
  return values.map((value) => {
    const raw = JSON.stringify(value)
    return { raw, value: JSON.parse(raw) as Record<string, unknown> }
  })
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'review-test-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const statuses = [
  {
    OrderStatusID: 1,
    StatusText: 'Received',
    StatusDefinition: 'New',
    Visible: true,
    Sorting: 1,
  },
  {
    OrderStatusID: 4,
    StatusText: 'Sent out',
    StatusDefinition: 'Shipped',
    Visible: true,
    Sorting: 2,
  },
  {
    OrderStatusID: 7,
    StatusText: 'Not Completed',
    StatusDefinition: 'Not Completed',
    Visible: true,
    Sorting: 3,
  },
]

export function customer(id: number, overrides: Record<string, unknown> = {}) {
  return {
    CustomerID: id,
    Email: `customer${id}@example.com`,
    BillingFirstName: `First${id}`,
    BillingLastName: `Last${id}`,
    BillingCity: 'Springfield',
    BillingCountry: id % 2 === 0 ? 'US' : 'CA',
    LastUpdate: '2024-01-05T10:00:00',
    ...overrides,
  }
}

export function product(id: number, overrides: Record<string, unknown> = {}) {
  return {
    SKUInfo: {
      CatalogID: id,
      SKU: `SKU-${id}`,
      Name: `Product ${id}`,
      Price: 10 + id,
      Stock: 5,
    },
    MainImageFile: `assets/images/p${id}.png`,
    LastUpdate: '2024-01-02T09:00:00',
    ...overrides,
  }
}

interface OrderOptions {
  customerId: number
  date: string
  status: number
  amount: number
  items?: unknown[]
}

export function order(id: number, options: OrderOptions) {
  return {
    OrderID: id,
    InvoiceNumberPrefix: 'AB-',
    InvoiceNumber: 1000 + id,
    CustomerID: options.customerId,
    OrderDate: options.date,
    OrderStatusID: options.status,
    LastUpdate: options.date,
    BillingFirstName: `First${options.customerId}`,
    BillingLastName: `Last${options.customerId}`,
    BillingEmail: `customer${options.customerId}@example.com`,
    OrderAmount: options.amount,
    OrderItemList: options.items ?? [
      {
        CatalogID: 1,
        ItemID: 'SKU-1',
        ItemQuantity: 2,
        ItemDescription:
          'Product 1<br><b>Size:</b>&nbsp;Medium<br><b>Color:</b>&nbsp;Red &amp; Blue',
        ItemUnitPrice: 11,
        ItemOptionPrice: 0,
      },
    ],
    ShipmentList: [
      {
        ShipmentID: id * 10,
        ShipmentMethodName: 'Ground',
        ShipmentTrackingCode:
          'EC000000000US                                     ',
        ShipmentCost: 5,
      },
    ],
    TransactionList: [
      {
        TransactionIndexID: id * 100,
        TransactionType: 'Sale',
        TransactionAmount: options.amount,
      },
    ],
    QuestionList: [
      { QuestionID: 1, QuestionTitle: 'Gift wrap?', QuestionAnswer: 'Yes' },
    ],
  }
}

/**
 * Writes the fixture store. Run 1 is a full pull; run 2 is an incremental
 * pull that adds order 6, changes customer 1 and removes product 4.
 */
export function buildArchive(file: string): void {
  const archive = Archive.open(file)
  try {
    const settings = {
      StoreInformation: { StoreName: 'Fixture store' },
      StoreStandards: {
        StoreTimeZone: 'Etc/UTC',
        CurrencyCode: 'USD',
        CurrencySymbol: '$',
      },
    }
    archive.setStoreSettings(JSON.stringify(settings), settings)
    const first = archive.startRun('full', [
      'order_statuses',
      'customers',
      'products',
      'orders',
    ])
    archive.upsertPage('order_statuses', records(statuses))
    archive.upsertPage(
      'customers',
      records([
        customer(1),
        customer(2),
        customer(3, { Email: 'not an email' }),
        customer(4, {
          Email: 'jane.doe@shop.test',
          BillingFirstName: 'Jane',
          BillingLastName: 'Doe',
        }),
      ]),
    )
    archive.upsertPage(
      'products',
      records([
        product(1, {
          AdvancedOptionList: [
            {
              AdvancedOptionCode: '11',
              AdvancedOptionSufix: 'SKU-1-M',
              AdvancedOptionName: 'Medium',
              AdvancedOptionStock: 3,
            },
          ],
          ImageGalleryList: [
            {
              ImageGalleryID: 1,
              ImageGalleryFile: 'assets/images/p1-side.png',
              ImageGallerySorting: 1,
            },
          ],
          RelatedProductList: [
            {
              RelatedIndexID: 1,
              RelatedProductID: 2,
              RelatedProductSorting: 1,
            },
          ],
          DiscountList: [
            {
              DiscountID: 1,
              DiscountLowbound: 5,
              DiscountUpbound: 10,
              DiscountPrice: 9,
            },
          ],
        }),
        product(2),
        product(3, {
          SKUInfo: { CatalogID: 3, SKU: 'SKU-2', Name: 'Copy of 2', Price: 0 },
          MainImageFile: '',
        }),
        product(4),
      ]),
    )
    archive.upsertPage(
      'orders',
      records([
        order(1, {
          customerId: 4,
          date: '2024-01-15T10:00:00',
          status: 4,
          amount: 27.19,
        }),
        order(2, {
          customerId: 4,
          date: '2024-02-03T12:30:00',
          status: 1,
          amount: 10.01,
        }),
        order(3, {
          customerId: 1,
          date: '2024-02-20T08:00:00',
          status: 4,
          amount: 100,
        }),
        order(4, {
          customerId: 2,
          date: '2024-03-01T08:00:00',
          status: 7,
          amount: 55.5,
        }),
        order(5, {
          customerId: 2,
          date: '2024-03-09T08:00:00',
          status: 1,
          amount: 0,
          items: [],
        }),
      ]),
    )
    for (const [entity, count] of [
      ['order_statuses', 3],
      ['customers', 4],
      ['products', 4],
      ['orders', 6],
    ] as const) {
      archive.recordStoreCount(first, entity, count)
    }
    archive.finishRun(first, 'completed')

    const second = archive.startRun('incremental', [
      'customers',
      'products',
      'orders',
    ])
    archive.upsertPage(
      'customers',
      records([customer(1, { BillingCity: 'Shelbyville' })]),
    )
    archive.upsertPage(
      'orders',
      records([
        order(6, {
          customerId: 1,
          date: '2024-03-20T08:00:00',
          status: 1,
          amount: 12.5,
        }),
      ]),
    )
    archive.deleteRecords('products', [4], second)
    archive.recordStoreCount(second, 'orders', 6)
    archive.recordStoreCount(second, 'products', 3)
    archive.finishRun(second, 'completed')
  } finally {
    archive.close()
  }
}
