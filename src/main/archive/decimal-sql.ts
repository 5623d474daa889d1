/**
 * SQL function for exact money sums inside the app. Other SQLite tools do
 * not have it; docs/archive-schema.md shows them a CAST-based query instead.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { addDecimals, decimalText } from './decimal.ts'

/**
 * Registers the aggregate `decimal_sum(x)`: the exact sum of decimal texts
 * or numbers as TEXT, skipping NULL and values that are not decimals, and
 * NULL when nothing was added (like SQL `sum`).
 */
export function registerDecimalSum(db: BetterSqlite3.Database): void {
  db.aggregate('decimal_sum', {
    start: () => null as string | null,
    step: (total: string | null, value: unknown) => {
      const addend = decimalText(value)
      if (addend === null) return total
      return total === null ? addend : addDecimals([total, addend])
    },
  })
}
