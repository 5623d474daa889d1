/**
 * The summary written with every export: counts per table in the store, in
 * the archive and in each file, and what was left out on purpose and why.
 */
import { ENTITIES, SENSITIVE_FIELDS } from '../../shared/entities.ts'
import type { OutputFolder } from './output.ts'
import type { ArchiveSource } from './source.ts'
import type { ExportFormat, WrittenFile } from './types.ts'

export const SUMMARY_FILE = 'export-summary.json'
export const SUMMARY_TEXT_FILE = 'export-summary.txt'

export interface TableCount {
  table: string
  label: string
  /** The store's own count from the latest pull; null for child tables. */
  store: number | null
  archive: number
  /** Rows written per file format that contains this table. */
  files: Partial<Record<ExportFormat, number>>
}

export interface ExportSummary {
  createdAt: string
  archive: string
  store: { name: string | null; url: string | null; timeZone: string | null }
  formats: ExportFormat[]
  counts: TableCount[]
  files: WrittenFile[]
  leftOut: string[]
  /**
   * Notice that a pull wrote to the archive during the export, so the files
   * show the archive as of the export's start. It is null when no pull was
   * writing, and otherwise also the first of `notes`.
   */
  pullNotice: string | null
  /** How to open the files without damage, per chosen format. */
  notes: string[]
}

/** Reasons that hold for every export, whatever the archive contains. */
export function standingExclusions(): string[] {
  const sensitiveTables = ENTITIES.filter((e) => e.sensitive).map((e) => e.key)
  return [
    `Secret fields (${SENSITIVE_FIELDS.join(', ')}) are in no file: they give ` +
      'access to customer accounts or payments, and no target platform can import them.',
    `Sensitive entities (${sensitiveTables.join(', ')}) are in no file: saved ` +
      'payment tokens only work with the old store and its payment gateway.',
    'CSV and XLSX files leave out the raw JSON and the archive bookkeeping ' +
      'columns (raw_hash, first_seen_run, last_seen_run, updated_run). The ' +
      'NDJSON files keep each record exactly as the store sent it.',
    'Shopify and WooCommerce files are written for their importers, so cells ' +
      'there are not neutralised against spreadsheet formulas. Open the CSV ' +
      'export instead to read the data in a spreadsheet.',
  ]
}

const FORMAT_NOTES: Partial<Record<ExportFormat, string>> = {
  csv:
    'CSV files keep every value as text, leading zeros included. Excel drops ' +
    'leading zeros of ZIP codes and SKUs when it opens a CSV file directly, ' +
    'so use the XLSX workbook, or import the CSV with Data > From Text/CSV ' +
    'and set those columns to Text.',
  xlsx:
    'Dates in the XLSX workbook are in store time without the offset, ' +
    'because Excel dates carry no time zone. The CSV files have the offset.',
  shopify:
    'Shopify imports customers without passwords: each customer sets a new ' +
    'one through an account invitation.',
}

export function buildSummary(
  source: ArchiveSource,
  formats: ExportFormat[],
  written: WrittenFile[],
  leftOut: Iterable<string>,
  pullNotice: string | null = null,
): ExportSummary {
  const counts: TableCount[] = []
  for (const entity of ENTITIES) {
    if (entity.sensitive || !source.hasTable(entity.key)) continue
    const tables = [entity.key, ...entity.childLists.map((l) => l.table)]
    for (const table of tables) {
      if (!source.hasTable(table)) continue
      const files: Partial<Record<ExportFormat, number>> = {}
      for (const file of written) {
        if (file.table !== table || file.format === 'summary') continue
        files[file.format] = (files[file.format] ?? 0) + file.rows
      }
      counts.push({
        table,
        label:
          table === entity.key
            ? entity.label
            : `${entity.label}: ${entity.childLists.find((l) => l.table === table)?.label ?? table}`,
        store: table === entity.key ? source.storeCount(entity.key) : null,
        archive: source.count(table),
        files,
      })
    }
  }
  const store = source.storeInfo()
  return {
    createdAt: new Date().toISOString(),
    archive: source.file,
    store: { name: store.name, url: store.url, timeZone: store.timeZone },
    formats,
    counts,
    files: written,
    leftOut: [...standingExclusions(), ...leftOut],
    pullNotice,
    notes: [
      ...(pullNotice === null ? [] : [pullNotice]),
      ...formats.flatMap((f) => FORMAT_NOTES[f] ?? []),
    ],
  }
}

function summaryText(summary: ExportSummary): string {
  const lines = [
    `Export of ${summary.store.name ?? 'the store'} (${summary.createdAt})`,
    `Archive: ${summary.archive}`,
    `Formats: ${summary.formats.join(', ')}`,
    '',
    'Counts (store / archive / files):',
  ]
  for (const count of summary.counts) {
    const files = Object.entries(count.files)
      .map(([format, rows]) => `${format} ${rows}`)
      .join(', ')
    lines.push(
      `  ${count.label}: ${count.store ?? '-'} / ${count.archive} / ${files || '-'}`,
    )
  }
  lines.push('', 'Files:')
  for (const file of summary.files)
    lines.push(`  ${file.file}: ${file.rows} rows`)
  lines.push('', 'Left out on purpose:')
  for (const reason of summary.leftOut) lines.push(`  - ${reason}`)
  if (summary.notes.length > 0) lines.push('', 'Notes:')
  for (const note of summary.notes) lines.push(`  - ${note}`)
  return lines.join('\r\n') + '\r\n'
}

export async function writeSummary(
  folder: OutputFolder,
  summary: ExportSummary,
): Promise<void> {
  const json = await folder.create(SUMMARY_FILE)
  await json.write(JSON.stringify(summary, null, 2) + '\n')
  await json.finish()
  const text = await folder.create(SUMMARY_TEXT_FILE)
  await text.write('\uFEFF' + summaryText(summary))
  await text.finish()
}
