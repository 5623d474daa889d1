/**
 * Deep pages without long scans. `LIMIT 100 OFFSET 900000` makes SQLite
 * step through 900,000 index entries for every page. For an unfiltered
 * view sorted by an indexed column, this module keeps the sort key of every
 * 10,000th row (an anchor). A page starts at the nearest anchor with a
 * row-value comparison that seeks in the index, so the remaining offset
 * stays under 10,000 rows.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { quoteIdentifier } from '../archive/schema.ts'
import { memoize } from './memo.ts'

type Database = BetterSqlite3.Database
type SortKey = readonly [value: unknown, id: unknown]

/** Rows between two anchors, and the deepest offset served by plain OFFSET. */
export const ANCHOR_STEP = 10_000

interface AnchorChain {
  /** `anchors[j]` is the sort key of the row at index `(j + 1) * STEP - 1`. */
  anchors: SortKey[]
  /** True once the chain has reached the end of the table. */
  complete: boolean
}

export interface SeekPlan {
  /** Condition on `t` that starts the walk after the anchor. */
  condition: string
  params: unknown[]
  /** Offset left after the anchor; below `ANCHOR_STEP` unless past the table's end. */
  offset: number
}

/**
 * Checks the sort key for NULLs through the key's own index. The key is
 * NULL exactly when the column is, because `CAST(x AS REAL)` of a value is
 * never NULL. `order_amount IS NULL` would scan the table, since only an
 * expression index covers that column.
 */
function hasNulls(db: Database, table: string, expression: string): boolean {
  return memoize(db, `nulls:${table}:${expression}`, () => {
    const sql = `SELECT 1 FROM ${quoteIdentifier(table)} WHERE ${expression} IS NULL LIMIT 1`
    return db.prepare(sql).get() !== undefined
  })
}

/**
 * Rows after the anchor in sort order. A range on the sort key seeks in its
 * index, a plain column or an expression index such as on
 * `CAST(order_amount AS REAL)`. The NOT part then drops the anchor and the
 * rows with the same key that sort before it by id.
 */
function keyCondition(expression: string | null, descending: boolean): string {
  if (expression === null) return `t.id ${descending ? '<' : '>'} ?`
  const range = descending ? '<=' : '>='
  const before = descending ? '>=' : '<='
  return `${expression} ${range} ? AND NOT (${expression} = ? AND t.id ${before} ?)`
}

function keyParams(expression: string | null, key: SortKey): unknown[] {
  return expression === null ? [key[1]] : [key[0], key[0], key[1]]
}

/** Extends the chain until it has `count` anchors or reaches the end. */
function extend(
  db: Database,
  table: string,
  expression: string | null,
  descending: boolean,
  chain: AnchorChain,
  count: number,
): void {
  const direction = descending ? 'DESC' : 'ASC'
  const key = expression ?? 't.id'
  const select = `${key}, t.id`
  const order =
    expression === null
      ? `t.id ${direction}`
      : `${expression} ${direction}, t.id ${direction}`
  const first = db
    .prepare(
      `SELECT ${select} FROM ${quoteIdentifier(table)} t ORDER BY ${order} LIMIT 1 OFFSET ?`,
    )
    .raw(true)
  const next = db
    .prepare(
      `SELECT ${select} FROM ${quoteIdentifier(table)} t WHERE ${keyCondition(expression, descending)} ORDER BY ${order} LIMIT 1 OFFSET ?`,
    )
    .raw(true)
  while (!chain.complete && chain.anchors.length < count) {
    const previous = chain.anchors[chain.anchors.length - 1]
    // Row values cannot seek from a NULL key, so anchors inside the NULLs
    // that lead an ascending sort are found by plain offset.
    const fromStart =
      previous === undefined || (expression !== null && previous[0] === null)
    const row = fromStart
      ? (first.get((chain.anchors.length + 1) * ANCHOR_STEP - 1) as
          unknown[] | undefined)
      : (next.get(...keyParams(expression, previous), ANCHOR_STEP - 1) as
          unknown[] | undefined)
    if (row === undefined) {
      chain.complete = true
    } else {
      chain.anchors.push([row[0], row[1]])
    }
  }
}

/**
 * Plans a deep page of an unfiltered view, or returns null when plain
 * OFFSET is needed: a shallow offset, an anchor inside the leading NULLs of
 * an ascending sort, or a descending sort over a column with NULLs.
 */
export function planSeek(
  db: Database,
  table: string,
  column: string,
  /** SQL of the sort key, such as `"order_date_utc"`; null to sort by id. */
  expression: string | null,
  descending: boolean,
  offset: number,
): SeekPlan | null {
  if (offset < ANCHOR_STEP) return null
  // NULLs sort last when descending, and the key range would skip them.
  if (expression !== null && descending && hasNulls(db, table, expression)) {
    return null
  }
  const chain = memoize<AnchorChain>(
    db,
    `anchors:${table}:${expression ?? 'id'}:${String(descending)}`,
    () => ({ anchors: [], complete: false }),
  )
  const anchorCount = Math.floor(offset / ANCHOR_STEP)
  extend(db, table, expression, descending, chain, anchorCount)
  const index = Math.min(anchorCount, chain.anchors.length) - 1
  const anchor = chain.anchors[index]
  if (anchor === undefined) return null
  if (expression !== null && anchor[0] === null) return null
  return {
    condition: keyCondition(expression, descending),
    params: keyParams(expression, anchor),
    offset: offset - (index + 1) * ANCHOR_STEP,
  }
}
