/**
 * Order status labels. The store's own labels come from the OrderStatus
 * resource (`order_statuses.status_text`); ids the store did not list fall
 * back to the built-in meanings of 3dcart's ids 1 to 11.
 */
import type BetterSqlite3 from 'better-sqlite3'

/** Built-in meaning of the status ids every 3dcart store starts with. */
export const BUILT_IN_STATUS_LABELS: Readonly<Record<number, string>> = {
  1: 'New',
  2: 'Processing',
  3: 'Partial',
  4: 'Shipped',
  5: 'Cancelled',
  6: 'Hold',
  7: 'Not completed',
  8: 'Custom 1',
  9: 'Custom 2',
  10: 'Custom 3',
  11: 'Unpaid',
}

/** Status id of a checkout the shopper did not complete. */
export const ABANDONED_STATUS_ID = 7

export interface StatusLabels {
  /** Label for an id; unknown ids read "Status 12". */
  label(id: unknown): string
  /** Every id the store listed, in the store's sort order. */
  listed: ReadonlyArray<{ id: number; label: string }>
}

export function statusLabels(db: BetterSqlite3.Database): StatusLabels {
  const rows = db
    .prepare(
      `SELECT id, coalesce(nullif(trim(status_text), ''), status_definition) AS label
       FROM order_statuses ORDER BY sorting, id`,
    )
    .all() as Array<{ id: number; label: string | null }>
  const byId = new Map<number, string>()
  const listed: Array<{ id: number; label: string }> = []
  for (const row of rows) {
    const label =
      row.label ?? BUILT_IN_STATUS_LABELS[row.id] ?? `Status ${row.id}`
    byId.set(Number(row.id), label)
    listed.push({ id: Number(row.id), label })
  }
  return {
    label(id) {
      const number = Number(id)
      if (id === null || id === undefined || Number.isNaN(number))
        return 'No status'
      return (
        byId.get(number) ?? BUILT_IN_STATUS_LABELS[number] ?? `Status ${number}`
      )
    },
    listed,
  }
}
