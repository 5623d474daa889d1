/**
 * `xlsx`: one workbook with a sheet per table, streamed with exceljs's
 * `WorkbookWriter`. Numbers, booleans and dates are typed cells, text cells
 * stay text (leading zeros kept, never evaluated as formulas), and the header
 * row is frozen. A table past Excel's row limit continues on more sheets.
 */
import { createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { cellReaders, type CellReader } from '../cells.ts'
import { throwIfCancelled, toExportError } from '../errors.ts'
import type { CellKind, ExportTable } from '../source.ts'
import type { FormatContext } from '../types.ts'
import { countOf, rowsOf, tablesToWrite } from './tables.ts'

const NAME = 'workbook.xlsx'
/** Excel's row limit (1,048,576) less the header row. */
export const MAX_DATA_ROWS = 1_048_575
/** Rows per sheet before a table continues on the next; tests lower it. */
export const sheetLimits = { maxDataRows: MAX_DATA_ROWS }
/** Excel's limit on the length of a sheet name. */
const MAX_SHEET_NAME = 31
const PROGRESS_EVERY = 5_000
/** Decimals with more significant digits would change in a binary float. */
const EXACT_DIGITS = 15

const NUMBER_FORMATS: Partial<Record<CellKind, string>> = {
  text: '@',
  date: 'yyyy-mm-dd hh:mm:ss',
  decimal: 'General',
}

/** Reads a decimal text as a number when the float keeps every digit. */
export function decimalCell(text: unknown): unknown {
  if (typeof text !== 'string') return text
  const digits = text.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '')
  if (digits.length > EXACT_DIGITS) return text
  const value = Number(text)
  return Number.isFinite(value) && text.trim() !== '' ? value : text
}

/**
 * Turns an ISO text with offset into a Date whose UTC fields are the store's
 * wall-clock time: Excel dates carry no zone, so the sheet shows store time.
 */
export function wallClockDate(value: unknown): unknown {
  if (typeof value !== 'string') return value
  const match =
    /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)[+-]\d{2}:\d{2}$/.exec(
      value,
    )
  if (match === null) return value
  return new Date(`${match[1]}Z`)
}

function xlsxReaders(table: ExportTable, readers: CellReader[]): CellReader[] {
  return table.columns.map((column, index) => {
    const read = readers[index]!
    switch (column.kind) {
      case 'decimal':
        return (row) => decimalCell(read(row))
      case 'date':
        return (row) => wallClockDate(read(row))
      case 'integer':
        return (row) => {
          const value = read(row)
          return typeof value === 'bigint' ? value.toString() : value
        }
      case 'text':
        return (row) => {
          const value = read(row)
          return value === null || value === undefined ? null : String(value)
        }
      default:
        return read
    }
  })
}

export function sheetName(
  table: string,
  part: number,
  used: Set<string>,
): string {
  const suffix = part > 1 ? ` (${part})` : ''
  let name = table.slice(0, MAX_SHEET_NAME - suffix.length) + suffix
  let n = 2
  while (used.has(name.toLowerCase())) {
    const tag = `~${n++}`
    name =
      table.slice(0, MAX_SHEET_NAME - suffix.length - tag.length) + tag + suffix
  }
  used.add(name.toLowerCase())
  return name
}

export async function writeXlsx(context: FormatContext): Promise<void> {
  const reserved = await context.folder.reserve(NAME)
  const stream = createWriteStream(reserved.partialPath)
  // A failed write (full disk) must end the export instead of leaving the
  // workbook writer waiting for a stream that never finishes.
  const failed = new Promise<never>((_, reject) => {
    stream.once('error', (error) =>
      reject(toExportError(context.folder.dir, error)),
    )
  })
  failed.catch(() => undefined)
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  })
  const used = new Set<string>()
  let totalRows = 0
  try {
    for (const table of tablesToWrite(context)) {
      throwIfCancelled(context.signal)
      totalRows += await Promise.race([
        writeTable(context, workbook, table, used),
        failed,
      ])
    }
    await Promise.race([workbook.commit(), failed])
  } catch (error) {
    stream.destroy()
    throw error
  }
  await reserved.commit()
  const { size } = await stat(reserved.path)
  context.written.push({
    format: 'xlsx',
    file: NAME,
    rows: totalRows,
    bytes: size,
  })
}

async function writeTable(
  context: FormatContext,
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: ExportTable,
  used: Set<string>,
): Promise<number> {
  const total = countOf(context, table)
  const readers = xlsxReaders(table, cellReaders(table.columns, context.dates))
  const step = `${NAME}: ${table.name}`
  let part = 1
  let sheet = addSheet(workbook, table, sheetName(table.name, part, used))
  let inSheet = 0
  let rows = 0
  context.report({ format: 'xlsx', step, done: 0, total })

  for (const row of rowsOf(context, table)) {
    if (inSheet === sheetLimits.maxDataRows) {
      sheet.commit()
      part++
      sheet = addSheet(workbook, table, sheetName(table.name, part, used))
      inSheet = 0
    }
    sheet.addRow(readers.map((read) => read(row))).commit()
    inSheet++
    rows++
    if (rows % PROGRESS_EVERY === 0) {
      // Lets the stream drain and the cancel request arrive.
      await new Promise((resolve) => setImmediate(resolve))
      throwIfCancelled(context.signal)
      context.report({ format: 'xlsx', step, done: rows, total })
    }
  }
  sheet.commit()

  context.report({ format: 'xlsx', step, done: rows, total })
  context.written.push({
    format: 'xlsx',
    file: `${NAME} (sheet ${table.name})`,
    table: table.name,
    rows,
    bytes: 0,
  })
  return rows
}

function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  table: ExportTable,
  name: string,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.columns = table.columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.kind]
    return {
      header: column.header,
      key: column.header,
      width: Math.min(Math.max(column.header.length + 2, 12), 40),
      ...(numFmt === undefined ? {} : { style: { numFmt } }),
    }
  })
  return sheet
}
