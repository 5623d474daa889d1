/** Shared shapes of the export run, its formats and its progress. */
import type { EntityDefinition } from '../../shared/entities.ts'
import type { OffsetDateFormatter } from './dates.ts'
import type { OutputFolder } from './output.ts'
import type { ArchiveSource } from './source.ts'

export const EXPORT_FORMATS = [
  'csv',
  'xlsx',
  'ndjson',
  'sqlite',
  'shopify',
  'woocommerce',
  'images',
] as const

export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value)
}

/** One file an export wrote, for the summary. */
export interface WrittenFile {
  format: ExportFormat | 'summary'
  /** Path relative to the output folder, with `/` separators. */
  file: string
  /** Archive table the rows came from, if any. */
  table?: string
  rows: number
  bytes: number
}

export interface ExportProgress {
  format: ExportFormat
  /** Name of the file or table being written, such as `orders.csv`. */
  step: string
  /** Rows or images done in the current format. */
  done: number
  /** Rows or images the current format will write, when known. */
  total: number | null
}

/** A filter of the review grid: a WHERE clause with its bound values. */
export interface TableFilter {
  table: string
  where: string
  params: readonly unknown[]
}

/** Everything a format writer needs. */
export interface FormatContext {
  source: ArchiveSource
  folder: OutputFolder
  dates: OffsetDateFormatter
  entities: EntityDefinition[]
  signal: AbortSignal | undefined
  filter: TableFilter | undefined
  report(progress: ExportProgress): void
  written: WrittenFile[]
  /** Things left out of the files on purpose, with the reason. */
  leftOut: Set<string>
}
