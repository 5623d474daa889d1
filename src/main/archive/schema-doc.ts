/**
 * Renders the record-table part of docs/archive-schema.md from the table
 * specs, so the document lists exactly the columns the archive creates.
 * Run `node src/main/archive/schema-doc.ts --write` after changing a spec;
 * a test fails while the document is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ColumnSpec } from './columns.ts'
import { RECORD_TABLES, type ResolvedTable } from './tables.ts'

export const DOC_START = '<!-- record tables: generated, do not edit -->'
export const DOC_END = '<!-- end of record tables -->'

const TYPE_NOTES: Record<ColumnSpec['type'], string> = {
  integer: 'INTEGER',
  text: 'TEXT',
  trimmed: 'TEXT',
  decimal: 'TEXT (exact decimal)',
  boolean: 'INTEGER (1/0)',
  date: 'TEXT',
}

function source(spec: ColumnSpec): string {
  return spec.compute ? 'computed' : `\`${spec.path.join('.')}\``
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|')
}

function columnRows(spec: ColumnSpec): string[] {
  const meaning = escapeCell(spec.doc ?? '')
  if (spec.type === 'date') {
    return [
      `| \`${spec.name}_raw\` | TEXT | ${source(spec)} | ${`As received, store-local time. ${meaning}`.trim()} |`,
      `| \`${spec.name}_utc\` | TEXT (ISO 8601 UTC) | ${source(spec)} | The same moment in UTC, computed with the store time zone; NULL when not a date |`,
    ]
  }
  const trimmedNote = spec.type === 'trimmed' ? 'White space removed. ' : ''
  return [
    `| \`${spec.name}\` | ${TYPE_NOTES[spec.type]} | ${source(spec)} | ${`${trimmedNote}${meaning}`.trim()} |`,
  ]
}

const HEADER = [
  '| Column | Type | From field | Meaning |',
  '| --- | --- | --- | --- |',
]

function entitySection(table: ResolvedTable): string[] {
  const { definition } = table
  const lines = [
    `### \`${definition.key}\` — ${definition.label}`,
    '',
    `Read from \`GET /${definition.resource}\`; \`id\` is \`${definition.idPath}\` (${table.idType}).`,
    '',
    ...HEADER,
    `| \`id\` | ${table.idType} | \`${definition.idPath}\` | Primary key: the store's id |`,
    '| `raw` | TEXT | whole record | The JSON text exactly as received |',
    '| `raw_hash` | TEXT | computed | SHA-256 of `raw` (hex); a new value means the record changed |',
    ...table.columns.flatMap(columnRows),
    '| `first_seen_run` | INTEGER | computed | `sync_runs.id` of the pull that added the record |',
    '| `last_seen_run` | INTEGER | computed | Last pull that received the record |',
    '| `updated_run` | INTEGER | computed | Last pull that found it changed |',
    '',
  ]
  for (const child of table.children) {
    lines.push(
      `#### \`${child.table}\` — items of \`${child.field}\``,
      '',
      ...HEADER,
      `| \`parent_id\` | ${table.idType} | computed | \`${definition.key}.id\` of the parent; rows go with it (ON DELETE CASCADE) |`,
      '| `position` | INTEGER | computed | Index in the list, from 0; primary key with `parent_id` |',
      ...child.columns.flatMap(columnRows),
      '',
    )
  }
  return lines
}

export function renderRecordTables(): string {
  return [DOC_START, '', ...RECORD_TABLES.flatMap(entitySection), DOC_END].join(
    '\n',
  )
}

/** Replaces the generated part of the document text. */
export function updateSchemaDoc(document: string): string {
  const start = document.indexOf(DOC_START)
  const end = document.indexOf(DOC_END)
  if (start < 0 || end < start) {
    throw new Error(`Markers "${DOC_START}" and "${DOC_END}" are missing`)
  }
  return (
    document.slice(0, start) +
    renderRecordTables() +
    document.slice(end + DOC_END.length)
  )
}

export const SCHEMA_DOC_PATH = resolve(
  fileURLToPath(import.meta.url),
  '../../../../docs/archive-schema.md',
)

/** Replaces the generated part of the document and formats it with Prettier. */
export async function renderSchemaDoc(document: string): Promise<string> {
  // Prettier is a development dependency, so it loads only here.
  const prettier = await import('prettier')
  const config = await prettier.resolveConfig(SCHEMA_DOC_PATH)
  return prettier.format(updateSchemaDoc(document), {
    ...config,
    parser: 'markdown',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const next = await renderSchemaDoc(readFileSync(SCHEMA_DOC_PATH, 'utf8'))
  if (process.argv.includes('--write')) writeFileSync(SCHEMA_DOC_PATH, next)
  else process.stdout.write(next)
}
