/** The export formats as the merchant chooses them, each with one line. */
import type { ExportFormatName } from '../../../shared/ipc/channels/export.ts'

export interface FormatChoice {
  value: ExportFormatName
  label: string
  description: string
}

export const FORMAT_CHOICES: readonly FormatChoice[] = [
  {
    value: 'xlsx',
    label: 'Excel workbook',
    description: 'One sheet per kind of record, ready to open in Excel.',
  },
  {
    value: 'csv',
    label: 'CSV files',
    description:
      'One file per kind of record, for spreadsheets and other tools.',
  },
  {
    value: 'shopify',
    label: 'Shopify import',
    description:
      'Products, customers and redirects in Shopify’s import format.',
  },
  {
    value: 'woocommerce',
    label: 'WooCommerce import',
    description: 'Products with variations for WooCommerce’s product importer.',
  },
  {
    value: 'images',
    label: 'Product images',
    description: 'Downloads every product and category image from the store.',
  },
  {
    value: 'ndjson',
    label: 'Raw records (NDJSON)',
    description: 'Every record exactly as the store sent it, for developers.',
  },
  {
    value: 'sqlite',
    label: 'Archive copy (SQLite)',
    description:
      'A compact copy of the whole archive to keep after the store closes.',
  },
]

export const PLATFORM_FORMATS = ['shopify', 'woocommerce'] as const
