/**
 * Archives for the export tests: the demo store pulled with the real pull
 * engine, plus a few records with the values exports most often damage
 * (leading zeros, HTML, line breaks, emoji, a cell starting with `=`).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { PullJob } from '../../src/main/sync/pull.ts'

export function tempDir(prefix = 'export-test-'): {
  dir: string
  cleanup: () => void
} {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Pulls the tiny demo store (seed 1) into `file`. */
export async function pullDemo(store: DemoStore, file: string): Promise<void> {
  const archive = Archive.open(file)
  try {
    const result = await new PullJob({
      archive,
      credentials: {
        secureUrl: store.secureUrl,
        privateKey: store.privateKey,
        token: store.token,
      },
      baseUrl: store.baseUrl,
      pacing: 'off',
      timeoutMs: 5_000,
    }).start()
    if (result.state !== 'completed') {
      throw new Error(
        `demo pull ended ${result.state}: ${result.error?.message}`,
      )
    }
  } finally {
    archive.close()
  }
}

/** The customer whose values a spreadsheet or importer tends to damage. */
export const TRICKY_CUSTOMER = {
  CustomerID: 990001,
  Email: 'zoë.tricky@example.com',
  BillingFirstName: '=HYPERLINK("http://127.0.0.1/x","click")',
  BillingLastName: 'Núñez 🎉',
  BillingCompany: 'Quotes "and", commas',
  BillingAddress1: 'Line one\nLine two',
  BillingAddress2: '',
  BillingCity: 'Boston',
  BillingState: 'MA',
  BillingZipCode: '02134',
  BillingCountry: 'US',
  BillingPhoneNumber: '+1 617 555 0100',
  ShippingZipCode: '00501',
  CustomerGroupID: 0,
  Enabled: true,
  MailList: true,
  NonTaxable: false,
  Comments: '<p>Prefers <b>email</b></p>',
  Password: 'hunter2-secret',
  LastUpdate: '2013-09-12T17:31:52',
}

export const TRICKY_PRODUCT = {
  SKUInfo: {
    CatalogID: 990002,
    SKU: '007-AGENT',
    Name: 'Agent 🕶️ "Shades"',
    Cost: 6,
    Price: 24,
    RetailPrice: 30,
    SalePrice: 19.99,
    OnSale: true,
    Stock: 5,
  },
  MFGID: '000123',
  GTIN: '0012345678905',
  ManufacturerID: 0,
  ManufacturerName: 'Acme',
  Description: '<p>Dark lenses,\r\nnew line</p>',
  ShortDescription: '-40% off',
  Hide: false,
  NonTaxable: false,
  GiftCertificate: false,
  Weight: 1.5,
  CustomFileName: 'agent-shades.html',
  ProductLink: 'http://127.0.0.1/agent-shades.html',
  Title: 'Agent Shades | SEO',
  MetaTags: '<meta name="description" content="Sunglasses for agents">',
  MainImageFile: 'assets/images/agent-1.jpg',
  MainImageCaption: 'Front',
  AdditionalImageFile2: 'assets/images/agent-2.jpg',
  AdditionalImageCaption2: 'Side',
  CategoryList: [],
  ImageGalleryList: [],
  OptionSetList: [
    {
      OptionSetID: 1,
      OptionSetName: 'Colour',
      OptionList: [
        { OptionID: 11, OptionName: 'Black' },
        { OptionID: 12, OptionName: 'Red, bright' },
      ],
    },
    {
      OptionSetID: 2,
      OptionSetName: 'Size',
      OptionList: [{ OptionID: 21, OptionName: 'M' }],
    },
  ],
  AdvancedOptionList: [
    {
      AdvancedOptionCode: '11,21',
      AdvancedOptionSufix: '007-AGENT-BK',
      AdvancedOptionName: 'Black M',
      AdvancedOptionPrice: 24,
      AdvancedOptionStock: 3,
      AdvancedOptionCost: 6,
      AdvancedOptionWeight: 1.5,
      AdvancedOptionGTIN: '',
    },
    {
      AdvancedOptionCode: '12-21',
      AdvancedOptionSufix: '007-AGENT-RD',
      AdvancedOptionName: 'Red M',
      AdvancedOptionPrice: 26,
      AdvancedOptionStock: 0,
      AdvancedOptionCost: 6,
      AdvancedOptionWeight: 1.5,
      AdvancedOptionGTIN: '',
    },
  ],
  DateCreated: '2012-03-12T00:00:00',
  LastUpdate: '2013-04-29T13:23:52',
}

/** Adds the tricky customer and product to an archive. */
export function addTrickyRecords(file: string): void {
  const archive = Archive.open(file)
  try {
    for (const [entity, value] of [
      ['customers', TRICKY_CUSTOMER],
      ['products', TRICKY_PRODUCT],
    ] as const) {
      const raw = JSON.stringify(value)
      archive.upsertPage(entity, [
        { raw, value: JSON.parse(raw) as Record<string, unknown> },
      ])
    }
  } finally {
    archive.close()
  }
}

export interface DemoArchive {
  file: string
  store: DemoStore
  dir: string
  cleanup(): Promise<void>
}

/** Pulls the tiny demo store and adds the tricky records; the store keeps running. */
export async function demoArchive(): Promise<DemoArchive> {
  const { dir, cleanup } = tempDir()
  const store = await startDemoStore({ size: 'tiny', seed: 1 })
  const file = join(dir, 'demo.sqlite')
  await pullDemo(store, file)
  addTrickyRecords(file)
  return {
    file,
    store,
    dir,
    cleanup: async () => {
      await store.close()
      cleanup()
    },
  }
}
