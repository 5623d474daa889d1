/**
 * Turns SQL values of the export columns into cell values. A date column
 * reads two SQL values (`_utc`, `_raw`) and gives one cell: the instant in
 * store time with its offset, or the text as received when it is no date.
 */
import type { OffsetDateFormatter } from './dates.ts'
import type { ExportColumn } from './source.ts'

export type CellReader = (row: readonly unknown[]) => unknown

export function cellReaders(
  columns: readonly ExportColumn[],
  dates: OffsetDateFormatter,
): CellReader[] {
  const readers: CellReader[] = []
  let slot = 0
  for (const column of columns) {
    const index = slot
    slot += column.sql.length
    switch (column.kind) {
      case 'date':
        readers.push((row) => {
          const utc = row[index] as string | null
          return utc === null ? row[index + 1] : dates.format(utc)
        })
        break
      case 'boolean':
        readers.push((row) => {
          const value = row[index]
          return value === null || value === undefined ? null : value !== 0
        })
        break
      default:
        readers.push((row) => row[index])
    }
  }
  return readers
}
