/**
 * `csv`: one file per entity and per child table, UTF-8 with a byte order
 * mark, RFC 4180 quoting, formulas neutralised, dates with their offset.
 */
import { cellReaders } from '../cells.ts'
import { BOM, CRLF, csvCell, csvLine } from '../csv.ts'
import { throwIfCancelled } from '../errors.ts'
import type { ExportTable } from '../source.ts'
import type { FormatContext } from '../types.ts'
import { countOf, rowsOf, tablesToWrite } from './tables.ts'

export async function writeCsv(context: FormatContext): Promise<void> {
  for (const table of tablesToWrite(context)) {
    throwIfCancelled(context.signal)
    await writeCsvTable(context, table, `csv/${table.name}.csv`)
  }
}

export async function writeCsvTable(
  context: FormatContext,
  table: ExportTable,
  name: string,
): Promise<void> {
  const total = countOf(context, table)
  const readers = cellReaders(table.columns, context.dates)
  const width = readers.length
  const sink = await context.folder.create(name)
  context.report({ format: 'csv', step: name, done: 0, total })
  await sink.write(BOM + csvLine(table.columns.map((c) => c.header)))
  let rows = 0
  for (const row of rowsOf(context, table)) {
    // Built by hand rather than through csvLine to avoid an array per row.
    let line = csvCell(readers[0]!(row))
    for (let c = 1; c < width; c++) line += ',' + csvCell(readers[c]!(row))
    rows++
    const flushing = sink.write(line + CRLF)
    if (flushing !== undefined) {
      await flushing
      throwIfCancelled(context.signal)
      context.report({ format: 'csv', step: name, done: rows, total })
    }
  }
  throwIfCancelled(context.signal)
  await sink.finish()
  context.report({ format: 'csv', step: name, done: rows, total })
  context.written.push({
    format: 'csv',
    file: name,
    table: table.name,
    rows,
    bytes: sink.bytes,
  })
}
