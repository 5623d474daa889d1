/**
 * Full-text conditions that can drive a review query: the grid search
 * through the word index, or a `contains` filter through the trigram index.
 * A query driven by one of these reads the matching search documents
 * instead of scanning the entity's table, so a page or a capped count stays
 * fast on a million orders.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { ReviewFilter, ReviewView } from '../../shared/review-query.ts'
import { quoteIdentifier } from '../archive/schema.ts'
import { SubstringIndex } from '../archive/search.ts'
import type { EntityCatalog } from './catalog.ts'
import { ftsQuery, verifySql } from './fts.ts'
import { memoize } from './memo.ts'
import { unindexedAfter } from './word-tail.ts'
import type { SqlParam } from './sql.ts'

type Database = BetterSqlite3.Database

export interface TextMatch {
  /** FTS5 table whose rowid is the `search_docs` rowid. */
  index: 'search_index' | 'search_trigram'
  /** FTS5 MATCH expression. */
  match: string
  /** Conditions on the search document `d`, each starting with ` AND`. */
  docSql: string
  docParams: SqlParam[]
  /**
   * True when this is the view's search, which the rest of the WHERE clause
   * then leaves out. A `contains` filter keeps its LIKE, which checks the
   * column itself.
   */
  coversSearch: boolean
}

/** FROM clause, its own conditions (no `WHERE`) and their parameters in order. */
export interface MatchClause {
  from: string
  where: string
  params: SqlParam[]
}

/**
 * Columns whose text the search document of a record contains unchanged
 * (trimmed), so the trigram index finds every row their `contains` filter
 * matches. The list follows the search paths of the archive's order table.
 */
const TRIGRAM_COLUMNS: Readonly<Record<string, ReadonlySet<string>>> = {
  orders: new Set([
    'billing_first_name',
    'billing_last_name',
    'billing_company',
    'billing_email',
    'billing_address',
    'billing_city',
  ]),
}

/**
 * True while `search_trigram` exists and is in step with `search_docs`. A
 * full pull suspends its upkeep until the pull finishes.
 */
export function trigramUsable(db: Database): boolean {
  return memoize(db, 'trigram:usable', () => {
    const present =
      db
        .prepare(
          "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'search_trigram'",
        )
        .get() !== undefined
    return present && !new SubstringIndex(db).isStale()
  })
}

/**
 * Trigram matches from which a `contains` filter no longer reads the index
 * first. Each match costs a read of its row, so 50,000 matches take about
 * as long as a walk of 50,000 rows in sort order, which finds a page of 100
 * wherever one row in 500 matches, unless the matches cluster.
 */
const TRIGRAM_SPARSE_MAX = 50_000

/** Quotes text as one FTS5 phrase. */
function phrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/**
 * Checks that the trigram index can find the rows of a `contains` filter. The
 * trigram tokenizer needs three characters. Text with leading or trailing
 * whitespace could match a column value at whitespace the search document
 * trimmed away.
 */
function trigramFilter(
  catalog: EntityCatalog,
  filter: ReviewFilter,
): filter is Extract<ReviewFilter, { kind: 'text' }> {
  return (
    filter.kind === 'text' &&
    filter.op === 'contains' &&
    TRIGRAM_COLUMNS[catalog.key]?.has(filter.column) === true &&
    [...filter.value].length >= 3 &&
    filter.value.trim() === filter.value
  )
}

/**
 * Returns the full-text condition that should drive a query of the view.
 * That is its search, else its first `contains` filter that the trigram
 * index serves, or null when neither applies. The search does not drive
 * while the word index lags behind `search_docs`, because the index alone
 * would miss the newest records (see word-tail.ts). A page leaves dense trigram
 * matches to a walk in sort order. With `forCount` they are kept, because a
 * capped count stops after its first matches, wherever they are.
 */
export function drivingTextMatch(
  db: Database,
  catalog: EntityCatalog,
  view: Pick<ReviewView, 'filters' | 'search'>,
  forCount = false,
): TextMatch | null {
  const words = ftsQuery(view.search)
  if (words !== null && unindexedAfter(db) === null) {
    const verify = verifySql(words.verify)
    return {
      index: 'search_index',
      match: words.match,
      docSql: verify.sql,
      docParams: verify.params,
      coversSearch: true,
    }
  }
  const filter = view.filters.find((f) => trigramFilter(catalog, f))
  if (filter === undefined || !trigramUsable(db)) return null
  const substring: TextMatch = {
    index: 'search_trigram',
    match: phrase(filter.value),
    docSql: '',
    docParams: [],
    coversSearch: false,
  }
  if (forCount) return substring
  // Text found in most rows, such as `custom` in `customer...@`, meets the
  // filter's LIKE within the first rows of a walk in sort order, which
  // beats reading every match.
  const matches = indexMatches(db, substring, TRIGRAM_SPARSE_MAX)
  return matches >= TRIGRAM_SPARSE_MAX ? null : substring
}

/**
 * Counts the index's matches over every entity, stopping at `cap`. This is
 * a cheap measure of how dense the matches are.
 */
export function indexMatches(
  db: Database,
  match: TextMatch,
  cap: number,
): number {
  return memoize(db, `matches:${match.index}:${match.match}:${cap}`, () => {
    const sql = `SELECT count(*) FROM (SELECT 1 FROM ${match.index} WHERE ${match.index} MATCH ? LIMIT ?)`
    return db.prepare(sql).pluck().get(match.match, cap) as number
  })
}

/**
 * FROM clause that reads the index first and then each matching document
 * and row, with its parameters. SQLite then sorts the matches, which suits
 * few matches. With `narrow`, an index led by `id` (see cover.ts) replaces
 * the table's rows.
 */
export function indexFirstFrom(
  catalog: EntityCatalog,
  match: TextMatch,
  narrow: string | null = null,
): MatchClause {
  const table = quoteIdentifier(catalog.key)
  const rows =
    narrow === null ? `${table} t` : `${table} t INDEXED BY ${narrow}`
  return {
    from: `FROM ${match.index} s CROSS JOIN search_docs d ON d.rowid = s.rowid CROSS JOIN ${rows} ON t.id = d.record_id`,
    where: `${match.index} MATCH ? AND d.entity = ?${match.docSql}`,
    params: [match.match, catalog.key, ...match.docParams],
  }
}

/**
 * The `search_docs` rowids of an entity when they form one unbroken range,
 * as after a full pull, which writes each entity's records in turn; null
 * otherwise. Finding it reads the entity's entries of the
 * `(entity, record_id)` index once per archive change.
 */
function documentBlock(
  db: Database,
  entity: string,
): { low: number; high: number } | null {
  return memoize(db, `documents:${entity}`, () => {
    const row = db
      .prepare(
        'SELECT min(rowid) AS low, max(rowid) AS high, count(*) AS n FROM search_docs WHERE entity = ?',
      )
      .get(entity) as { low: number | null; high: number | null; n: number }
    if (row.low === null || row.high === null) return null
    // Rowids are unique, so n of them between low and high fill the range.
    return row.high - row.low + 1 === row.n
      ? { low: row.low, high: row.high }
      : null
  })
}

/**
 * FROM clause over the matching documents of the entity alone, for a count
 * with no condition on the table's columns. The archive writes and deletes
 * a record and its search document in one transaction, so each document
 * stands for exactly one row. When the entity's documents fill one rowid
 * range and no word needs checking in the text, the count reads only the
 * index.
 */
export function documentsFrom(
  db: Database,
  catalog: EntityCatalog,
  match: TextMatch,
): MatchClause {
  const block = match.docSql === '' ? documentBlock(db, catalog.key) : null
  if (block !== null) {
    return {
      from: `FROM ${match.index} s`,
      where: `${match.index} MATCH ? AND s.rowid BETWEEN ? AND ?`,
      params: [match.match, block.low, block.high],
    }
  }
  return {
    from: `FROM ${match.index} s CROSS JOIN search_docs d ON d.rowid = s.rowid`,
    where: `${match.index} MATCH ? AND d.entity = ?${match.docSql}`,
    params: [match.match, catalog.key, ...match.docParams],
  }
}

/**
 * FROM clause that walks the table in sort order and keeps the rows whose
 * document is among the index's matches, which SQLite collects once. The
 * unary plus on `d.rowid` stops SQLite from looking up each match for each
 * row. The document's `record_id` has no type affinity and contains the id
 * as the writer received it, a number or digits as text, so both forms are
 * looked up, without affinity, in the `(entity, record_id)` index.
 */
export function tableFirstFrom(
  catalog: EntityCatalog,
  match: TextMatch,
): MatchClause {
  const table = quoteIdentifier(catalog.key)
  return {
    from: `FROM ${table} t CROSS JOIN search_docs d ON d.entity = ? AND d.record_id IN (+t.id, CAST(t.id AS TEXT))`,
    where: `+d.rowid IN (SELECT rowid FROM ${match.index} WHERE ${match.index} MATCH ?)${match.docSql}`,
    params: [catalog.key, match.match, ...match.docParams],
  }
}
