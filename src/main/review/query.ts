/**
 * Page and count queries of the review grid. These are plain functions over
 * an open archive connection, so the benchmark can call them directly.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { z } from 'zod'
import {
  REVIEW_COUNT_CAP,
  isUnfiltered,
  reviewQuerySchema,
  reviewViewSchema,
  type CellValue,
  type ReviewCount,
  type ReviewPage,
  type ReviewQuery,
  type ReviewQueryInput,
  type ReviewRow,
  type ReviewView,
} from '../../shared/review-query.ts'
import { quoteIdentifier } from '../archive/schema.ts'
import type { EntityCatalog } from './catalog.ts'
import { planSeek } from './anchors.ts'
import { coveringIndex, seekingIndex, tableIndexes } from './cover.ts'
import { memoize } from './memo.ts'
import { knownMatchCount, sortedMatches, type RowId } from './match-list.ts'
import {
  documentsFrom,
  drivingTextMatch,
  indexFirstFrom,
  indexMatches,
  tableFirstFrom,
  type MatchClause,
  type TextMatch,
} from './text-match.ts'
import {
  columnExpression,
  requireCatalog,
  requireColumn,
  type SqlParam,
} from './sql.ts'
import { viewWhere } from './view-where.ts'

type Database = BetterSqlite3.Database

const statementCache = new WeakMap<
  Database,
  Map<string, BetterSqlite3.Statement>
>()

/** Prepares a statement once per connection and SQL text. */
export function cachedStatement(
  db: Database,
  sql: string,
): BetterSqlite3.Statement {
  let cache = statementCache.get(db)
  if (cache === undefined) {
    cache = new Map()
    statementCache.set(db, cache)
  }
  let statement = cache.get(sql)
  if (statement === undefined) {
    statement = db.prepare(sql)
    if (cache.size > 500) cache.clear()
    cache.set(sql, statement)
  }
  return statement
}

function selectedColumns(
  catalog: EntityCatalog,
  requested: string[],
): string[] {
  const names =
    requested.length > 0
      ? requested
      : catalog.columns.filter((c) => c.visibleByDefault).map((c) => c.name)
  for (const name of names) requireColumn(catalog, name)
  return ['id', ...names.filter((name) => name !== 'id')]
}

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'bigint') return value.toString()
  return String(value)
}

/**
 * Columns that lead an index of the table, including expression indexes on
 * `CAST(column AS REAL)`.
 */
export function indexedColumns(db: Database, table: string): Set<string> {
  return new Set(
    tableIndexes(db, table).flatMap((index) => index.columns.slice(0, 1)),
  )
}

/**
 * Matches beyond which walking the sort index beats reading the matches:
 * at 2,000 matches in a million rows, a page of 100 turns up within about
 * 50,000 rows of the walk.
 */
const DENSE_MATCHES = 2_000

/**
 * Matches beyond which a page of filtered rows is cheaper to find by
 * walking the sort index than by reading every match through the filters'
 * own indexes and sorting them. Reading costs a row per match, so it grows
 * with the matches `m`. The walk passes about (offset + limit) * total / m
 * rows before its page ends, at about the same cost a row. The two meet
 * where m * m = (offset + limit) * total: near 10,000 matches for the
 * first page of a million orders. The bounds keep small tables on the
 * walk and cap the count that decides.
 */
function denseMatches(total: number, offset: number, limit: number): number {
  const balance = Math.round(Math.sqrt((offset + limit) * total))
  return Math.min(50_000, Math.max(DENSE_MATCHES, balance))
}

/**
 * Matches beyond which the walk wins when one index of a filter also
 * contains the sort column and the other filters' columns. Reading a match
 * then costs a short index entry instead of a row. Sorting 50,000 of them
 * took about as long as a walk of the 2,000 rows a page needs at that
 * density (an estimate from one measurement on a million orders).
 */
const COVERED_DENSE_MATCHES = 50_000

/**
 * Chooses the index a filtered page reads, or null for SQLite's own choice,
 * and whether the page should walk the sort column's index instead. A filter
 * with an index of its own finds its rows fast, and SQLite then sorts
 * them. With many matches, that sort costs far more than a walk in order,
 * so a capped count of the matches decides. Views with a search, or whose
 * filters have no index, keep SQLite's own plan.
 */
function filterPlan(
  db: Database,
  catalog: EntityCatalog,
  query: ReviewQuery,
  sortColumn: string,
  indexed: Set<string>,
): { walk: boolean; index: string | null } {
  const own = { walk: false, index: null }
  if (query.search.trim() !== '') return own
  const others = query.filters.filter((f) => f.column !== sortColumn)
  // A `contains` filter is a LIKE with a leading wildcard, which no index
  // of its column can seek.
  const seekable = others
    .filter((f) => indexed.has(f.column))
    .filter((f) => !(f.kind === 'text' && f.op === 'contains'))
    .map((f) => f.column)
  if (seekable.length === 0) return own
  const where = viewWhere(db, catalog, query)
  const index = seekingIndex(
    db,
    catalog.key,
    seekable,
    viewColumns(query, sortColumn),
  )
  const dense =
    index !== null
      ? COVERED_DENSE_MATCHES
      : denseMatches(entityCount(db, catalog.key), query.offset, query.limit)
  const walk = memoize(
    db,
    `dense:${catalog.key}:${dense}:${where.sql}:${JSON.stringify(where.params)}`,
    () => {
      const matches = cachedStatement(
        db,
        `SELECT count(*) FROM (SELECT 1 FROM ${quoteIdentifier(catalog.key)} t ${where.sql} LIMIT ?)`,
      )
        .pluck()
        .get(...where.params, dense) as number
      return matches >= dense
    },
  )
  return { walk, index: walk ? null : index }
}

interface PagePlan {
  /** FROM clause that names the entity's table `t`. */
  from: string
  /** WHERE clause or an empty string. */
  where: string
  order: string
  params: unknown[]
  offset: number
  /**
   * True when `from` reads a narrow index instead of the table's rows, so
   * the page's ids come from it and its columns from the table.
   */
  narrow: boolean
  /**
   * True when the page reads and sorts every match anyway, so the sorted
   * ids are kept for the view's other pages and its count (match-list.ts).
   */
  list: boolean
}

/**
 * Matches up to which a text-driven view keeps its sorted ids: 50,000 ids
 * are a few hundred kilobytes.
 */
const MATCH_LIST_MAX = 50_000

/** Identifies a view's rows, whatever their order. */
function viewKey(
  view: Pick<ReviewView, 'entity' | 'filters' | 'search'>,
): string {
  return JSON.stringify([view.entity, view.filters, view.search])
}

/** Joins a match clause's conditions with the rest of the WHERE clause. */
function joinedWhere(
  clause: MatchClause,
  rest: { sql: string; params: SqlParam[] },
): { sql: string; params: SqlParam[] } {
  const others = rest.sql.replace(/^WHERE /, '')
  return {
    sql: `WHERE ${clause.where}${others === '' ? '' : ` AND ${others}`}`,
    params: [...clause.params, ...rest.params],
  }
}

/** Columns of the entity's table that a view's sort and filters read. */
function viewColumns(query: ReviewQuery, sortColumn: string): string[] {
  return [sortColumn, ...query.filters.map((filter) => filter.column)]
}

/**
 * Plans a page driven by a full-text match. With many matches, walking the
 * sort index and keeping the matching rows reaches a page within a few
 * hundred rows. With few, reading the matches and sorting them is cheaper,
 * through a narrow index when one contains the columns the view reads.
 */
function planTextPage(
  db: Database,
  catalog: EntityCatalog,
  query: ReviewQuery,
  match: TextMatch,
  sort: { column: string; sortIndexed: boolean; order: string },
): PagePlan {
  // The walk collects every match once, which only the word index does
  // fast, so trigram matches are read first. `drivingTextMatch` leaves
  // dense trigram matches to the LIKE walk.
  const walk =
    match.index === 'search_index' &&
    sort.sortIndexed &&
    indexMatches(db, match, DENSE_MATCHES) >= DENSE_MATCHES
  const narrow = walk
    ? null
    : coveringIndex(db, catalog.key, viewColumns(query, sort.column))
  const clause = walk
    ? tableFirstFrom(catalog, match)
    : indexFirstFrom(catalog, match, narrow)
  const rest = viewWhere(db, catalog, query, {
    omitSearch: match.coversSearch,
    ...(walk ? { walkSortIndex: sort.column } : {}),
  })
  const where = joinedWhere(clause, rest)
  return {
    from: clause.from,
    where: where.sql,
    order: sort.order,
    params: where.params,
    offset: query.offset,
    narrow: narrow !== null,
    list: !walk && indexMatches(db, match, MATCH_LIST_MAX) < MATCH_LIST_MAX,
  }
}

/** Chooses how SQLite reaches the page: filters, index walk or anchor seek. */
function planPage(
  db: Database,
  catalog: EntityCatalog,
  query: ReviewQuery,
): PagePlan {
  const sort = query.sort ?? catalog.defaultSort
  const sortColumn = requireColumn(catalog, sort.column)
  const direction = sort.direction === 'desc' ? 'DESC' : 'ASC'
  const byId = sortColumn.name === 'id'
  const indexed = indexedColumns(db, catalog.key)
  const sortIndexed = byId || indexed.has(sortColumn.name)

  const match = drivingTextMatch(db, catalog, query)
  if (match !== null) {
    const order = byId
      ? `t.id ${direction}`
      : `${columnExpression(sortColumn, 't')} ${direction}, t.id ${direction}`
    return planTextPage(db, catalog, query, match, {
      column: sortColumn.name,
      sortIndexed,
      order,
    })
  }
  const plan =
    sortIndexed && query.filters.length > 0
      ? filterPlan(db, catalog, query, sortColumn.name, indexed)
      : { walk: false, index: null }
  const walk = plan.walk
  const from =
    plan.index === null
      ? tableFrom(catalog)
      : `${tableFrom(catalog)} INDEXED BY ${plan.index}`
  const where = viewWhere(
    db,
    catalog,
    query,
    walk ? { walkSortIndex: sortColumn.name } : {},
  )
  // The id breaks ties, so pages never repeat or skip rows of equal value.
  const order = byId
    ? `t.id ${direction}`
    : `${columnExpression(sortColumn)} ${direction}, t.id ${direction}`

  // Deep pages of an unfiltered view start at an anchor instead of
  // stepping through every row before them (see anchors.ts).
  const seek =
    where.sql === '' && sortIndexed
      ? planSeek(
          db,
          catalog.key,
          sortColumn.name,
          byId ? null : columnExpression(sortColumn),
          direction === 'DESC',
          query.offset,
        )
      : null
  if (seek !== null) {
    return {
      from,
      where: `WHERE ${seek.condition}`,
      order,
      params: seek.params,
      offset: seek.offset,
      narrow: false,
      list: false,
    }
  }
  // A filtered page read through its filters' indexes finds and sorts its
  // ids first, so an index that also contains the sort column serves it
  // without reading the matching rows.
  return {
    from,
    where: where.sql,
    order,
    params: where.params,
    offset: query.offset,
    narrow: !walk && where.sql !== '',
    list: false,
  }
}

/** Lists the requested columns of table `t` for a SELECT. */
function selectList(columns: string[]): string {
  return columns.map((c) => `t.${quoteIdentifier(c)}`).join(', ')
}

/** Joins a plan's FROM and WHERE clauses. */
function planBody(plan: PagePlan): string {
  return [plan.from, plan.where].filter((part) => part !== '').join(' ')
}

/** Builds the page's SELECT; its parameters end with LIMIT and OFFSET. */
function pageSql(table: string, columns: string[], plan: PagePlan): string {
  const list = selectList(columns)
  const tail = `ORDER BY ${plan.order} LIMIT ? OFFSET ?`
  const body = planBody(plan)
  if (!plan.narrow) return `SELECT ${list} ${body} ${tail}`
  // The narrow index finds and sorts the page's ids; only those rows are
  // then read from the table.
  return `SELECT ${list} FROM ${quoteIdentifier(table)} t WHERE t.id IN (SELECT t.id ${body} ${tail}) ORDER BY ${plan.order}`
}

/**
 * Reads a page of a view from its sorted ids: the first page sorts every
 * match once, the others and the count reuse that.
 */
function listedRows(
  db: Database,
  table: string,
  query: ReviewQuery,
  columns: string[],
  plan: PagePlan,
): unknown[][] {
  const body = planBody(plan)
  const ids = sortedMatches(db, viewKey(query), plan.order, () => {
    const sql = `SELECT t.id ${body} ORDER BY ${plan.order}`
    return cachedStatement(db, sql)
      .pluck()
      .all(...plan.params) as RowId[]
  })
  const page = ids.slice(query.offset, query.offset + query.limit)
  if (page.length === 0) return []
  const found = cachedStatement(
    db,
    `SELECT ${selectList(columns)} FROM ${quoteIdentifier(table)} t WHERE t.id IN (SELECT value FROM json_each(?))`,
  )
    .raw(true)
    .all(JSON.stringify(page)) as unknown[][]
  // `id` is the first column; rows come back in table order.
  const byId = new Map(found.map((values) => [String(values[0]), values]))
  const rows: unknown[][] = []
  for (const id of page) {
    const values = byId.get(String(id))
    if (values !== undefined) rows.push(values)
  }
  return rows
}

/** Reads one page of rows: only the requested columns, sorted and filtered in SQLite. */
export function queryRows(db: Database, input: ReviewQueryInput): ReviewPage {
  const query = reviewQuerySchema.parse(input)
  const catalog = requireCatalog(query.entity)
  const columns = selectedColumns(catalog, query.columns)
  const plan = planPage(db, catalog, query)
  const raw = plan.list
    ? listedRows(db, catalog.key, query, columns, plan)
    : (cachedStatement(db, pageSql(catalog.key, columns, plan))
        .raw(true)
        .all(...plan.params, query.limit, plan.offset) as unknown[][])

  const rows = raw.map((values) => {
    const row: ReviewRow = {}
    columns.forEach((name, index) => {
      row[name] = toCell(values[index])
    })
    return row
  })
  return { columns, rows, offset: query.offset }
}

function countWhere(
  db: Database,
  from: string,
  where: { sql: string; params: SqlParam[] },
  cap: number | null,
): { value: number; exact: boolean } {
  if (cap === null) {
    const row = cachedStatement(
      db,
      `SELECT count(*) AS n ${from} ${where.sql}`,
    ).get(...where.params) as { n: number }
    return { value: row.n, exact: true }
  }
  const row = cachedStatement(
    db,
    `SELECT count(*) AS n FROM (SELECT 1 ${from} ${where.sql} LIMIT ?)`,
  ).get(...where.params, cap + 1) as { n: number }
  return row.n > cap
    ? { value: cap, exact: false }
    : { value: row.n, exact: true }
}

function tableFrom(catalog: EntityCatalog): string {
  return `FROM ${quoteIdentifier(catalog.key)} t`
}

/** Rows of an entity's table; cached until the archive changes. */
export function entityCount(db: Database, entity: string): number {
  const catalog = requireCatalog(entity)
  return memoize(db, `count:${catalog.key}`, () =>
    countWhere(db, tableFrom(catalog), { sql: '', params: [] }, null),
  ).value
}

/**
 * Rows a capped count with a `contains` filter reads in table order before
 * it turns to the trigram index. Text found in most rows, such as `custom`
 * in `customer...@`, reaches the cap within them, while text whose
 * matches sit together far from the start, such as one range of ids in
 * `guest1...@`, is cheaper to count from the index.
 */
const COUNT_SCAN_ROWS = 50_000

/**
 * Counts a view's first rows in table order, through an index of the
 * filtered columns when one covers them. Returns null when the scan ends
 * before the cap and before the table does.
 */
function scannedCount(
  db: Database,
  catalog: EntityCatalog,
  view: ReviewView,
  cap: number,
): { value: number; exact: boolean } | null {
  const where = viewWhere(db, catalog, view)
  const columns = new Set(['id', ...view.filters.map((f) => f.column)])
  const list = [...columns].map(quoteIdentifier).join(', ')
  const sql = `SELECT count(*) FROM (SELECT 1 FROM (SELECT ${list} FROM ${quoteIdentifier(catalog.key)} LIMIT ?) t ${where.sql} LIMIT ?)`
  const key = `scan:${sql}:${JSON.stringify(where.params)}:${cap}`
  const found = memoize(
    db,
    key,
    () =>
      cachedStatement(db, sql)
        .pluck()
        .get(COUNT_SCAN_ROWS, ...where.params, cap + 1) as number,
  )
  if (found > cap) return { value: cap, exact: false }
  if (entityCount(db, catalog.key) <= COUNT_SCAN_ROWS) {
    return { value: found, exact: true }
  }
  return null
}

/**
 * Counts the rows of a view for "X of Y". Filtered counts stop at
 * `REVIEW_COUNT_CAP` unless `exact` is set, because an exact count over a
 * million filtered rows can take seconds.
 */
export function countRows(
  db: Database,
  input: z.input<typeof reviewViewSchema>,
  options: { exact?: boolean } = {},
): ReviewCount {
  const view: ReviewView = reviewViewSchema.parse(input)
  const catalog = requireCatalog(view.entity)
  const total = entityCount(db, catalog.key)
  if (isUnfiltered(view)) return { matching: total, exact: true, total }
  const cap = options.exact === true ? null : REVIEW_COUNT_CAP
  const listed = knownMatchCount(db, viewKey(view))
  if (listed !== undefined) {
    return cap === null || listed <= cap
      ? { matching: listed, exact: true, total }
      : { matching: cap, exact: false, total }
  }
  // A full-text match drives the count from its index, so a capped count
  // stops after the first matches instead of collecting all of them.
  let match = drivingTextMatch(db, catalog, view)
  if (match === null && cap !== null) {
    const dense = drivingTextMatch(db, catalog, view, true)
    if (dense !== null) {
      const scanned = scannedCount(db, catalog, view, cap)
      if (scanned !== null) {
        return { matching: scanned.value, exact: scanned.exact, total }
      }
      match = dense
    }
  }
  const rest = viewWhere(db, catalog, view, {
    omitSearch: match?.coversSearch === true,
  })
  let clause: MatchClause | null = null
  if (match !== null) {
    clause =
      rest.sql === ''
        ? documentsFrom(db, catalog, match)
        : indexFirstFrom(
            catalog,
            match,
            coveringIndex(
              db,
              catalog.key,
              view.filters.map((filter) => filter.column),
            ),
          )
  }
  const from = clause === null ? tableFrom(catalog) : clause.from
  const where = clause === null ? rest : joinedWhere(clause, rest)
  const key = `count:${catalog.key}:${cap ?? 'exact'}:${from}:${where.sql}:${JSON.stringify(where.params)}`
  const counted = memoize(db, key, () => countWhere(db, from, where, cap))
  return { matching: counted.value, exact: counted.exact, total }
}
