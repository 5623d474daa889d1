/** The tables a tabular format writes: every table of the chosen entities. */
import type { ExportTable } from '../source.ts'
import type { FormatContext } from '../types.ts'

export function tablesToWrite(context: FormatContext): ExportTable[] {
  const tables = context.entities.flatMap((e) => context.source.tablesOf(e))
  if (context.filter === undefined) return tables
  return tables.filter((t) => t.name === context.filter?.table)
}

/** Rows of a table, restricted by the review grid's filter when it names it. */
export function rowsOf(
  context: FormatContext,
  table: ExportTable,
): Iterable<unknown[]> {
  const filter = context.filter
  if (filter !== undefined && filter.table === table.name) {
    return context.source.iterateRows(table, filter.where, filter.params)
  }
  return context.source.iterateRows(table)
}

export function countOf(context: FormatContext, table: ExportTable): number {
  const filter = context.filter
  if (filter !== undefined && filter.table === table.name) {
    return context.source.countWhere(table.name, filter.where, filter.params)
  }
  return context.source.count(table.name)
}
