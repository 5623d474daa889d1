/**
 * Builds the WHERE clause of a review view: column filters and the global
 * search. Identifiers come from the entity's whitelist and are quoted; every
 * value the merchant typed is a bound parameter.
 */
import { AppError } from '../../shared/errors.ts'
import type { ReviewFilter, ReviewView } from '../../shared/review-query.ts'
import { quoteIdentifier } from '../archive/schema.ts'
import {
  findCatalog,
  type CatalogColumn,
  type EntityCatalog,
} from './catalog.ts'
import { ftsQuery, verifySql, type FtsQuery } from './fts.ts'

export type SqlParam = string | number

export interface WhereClause {
  /** `WHERE ...` or an empty string. */
  sql: string
  params: SqlParam[]
}

export function requireCatalog(entity: string): EntityCatalog {
  const catalog = findCatalog(entity)
  if (catalog === undefined) {
    throw new AppError(
      'REVIEW_ENTITY_UNKNOWN',
      `"${entity}" is not a kind of record the archive stores.`,
      { entity },
    )
  }
  return catalog
}

export function requireColumn(
  catalog: EntityCatalog,
  name: string,
): CatalogColumn {
  const column = catalog.byName.get(name)
  if (column === undefined) {
    throw new AppError(
      'REVIEW_COLUMN_UNKNOWN',
      `${catalog.label} have no column "${name}". Choose a column from the column list.`,
      { entity: catalog.key, column: name },
    )
  }
  return column
}

/**
 * SQL expression that compares and sorts a column by its meaning. With
 * `table`, the column is qualified by that alias, as a query that joins the
 * search tables needs.
 */
export function columnExpression(
  column: CatalogColumn,
  table?: string,
): string {
  const name = quoteIdentifier(column.name)
  const quoted = table === undefined ? name : `${table}.${name}`
  // Decimals are stored as exact text; comparing them as text would put
  // "10.00" before "9.00".
  return column.kind === 'decimal' ? `CAST(${quoted} AS REAL)` : quoted
}

/** Escapes `%`, `_` and `\` so LIKE matches the text literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function rejectFilter(
  catalog: EntityCatalog,
  column: CatalogColumn,
  kind: string,
): never {
  throw new AppError(
    'REVIEW_FILTER_INVALID',
    `A ${kind} filter does not fit the column "${column.label}" of ${catalog.label.toLowerCase()}.`,
    { entity: catalog.key, column: column.name, kind },
  )
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Converts a date-time bound to the form of the `*_utc` columns,
 * `YYYY-MM-DDTHH:MM:SSZ`, so that comparing the text compares instants.
 * The columns hold whole seconds, so a bound with milliseconds moves to
 * the next whole second (`up`) or the one before (`down`). A bound
 * without `Z` is read as UTC, like the columns.
 */
function utcSecondsBound(value: string, round: 'up' | 'down'): string {
  const millis = Date.parse(value.endsWith('Z') ? value : `${value}Z`)
  const seconds =
    round === 'up' ? Math.ceil(millis / 1000) : Math.floor(millis / 1000)
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

/** Start of a date range: a bare date starts at that day's first second. */
function dateLowerBound(from: string): string {
  return BARE_DATE.test(from) ? from : utcSecondsBound(from, 'up')
}

/** End of a date range: a bare date includes that whole day. */
function dateUpperBound(to: string): { op: string; value: string } {
  if (BARE_DATE.test(to)) {
    const next = new Date(`${to}T00:00:00Z`)
    next.setUTCDate(next.getUTCDate() + 1)
    return { op: '<', value: next.toISOString().slice(0, 10) }
  }
  return { op: '<=', value: utcSecondsBound(to, 'down') }
}

function bindValue(column: CatalogColumn, value: string | number): SqlParam {
  if (column.kind === 'integer' || column.kind === 'boolean') {
    const number = Number(value)
    if (
      typeof value === 'string' &&
      value.trim() !== '' &&
      !Number.isNaN(number)
    ) {
      return number
    }
  }
  return value
}

export interface WhereOptions {
  /**
   * Sort column whose index the page should walk. Filters on other columns
   * then get a unary plus, which stops SQLite from using their indexes:
   * it reads rows in sort order and stops after one page instead of
   * collecting and sorting every match.
   */
  walkSortIndex?: string
  /** Leaves out the search, which the query's FROM clause applies instead. */
  omitSearch?: boolean
  /**
   * SELECT of the record ids whose search documents the word index does
   * not cover yet and that match the search (see word-tail.ts), with its
   * parameters. The search then adds them to the index's matches.
   */
  unindexedSearch?: WhereClause | null
}

function filterSql(
  catalog: EntityCatalog,
  filter: ReviewFilter,
  params: SqlParam[],
  options: WhereOptions,
): string[] {
  const column = requireColumn(catalog, filter.column)
  const unindexed =
    options.walkSortIndex !== undefined && options.walkSortIndex !== column.name
  const prefix = unindexed ? '+' : ''
  const name = `${prefix}t.${quoteIdentifier(column.name)}`
  switch (filter.kind) {
    case 'text':
      if (filter.op === 'equals') {
        params.push(bindValue(column, filter.value))
        return [`${name} = ?`]
      }
      // NOTE: LIKE folds the case of A-Z only, so `jörg` does not find
      // `JÖRG`. The trigram path gives the same rows, because the trigram
      // index (which folds all of SQLite's case pairs) only finds
      // candidates and this LIKE then checks each one. Folding more needs
      // an SQL function on every connection that runs this clause, and the
      // export builds it before it opens its connection (review-filter.ts),
      // so the grid and the exported file would then disagree.
      params.push(`%${escapeLike(filter.value)}%`)
      return [`${name} LIKE ? ESCAPE '\\'`]
    case 'number': {
      const numeric = ['integer', 'decimal', 'boolean'].includes(column.kind)
      if (!numeric) rejectFilter(catalog, column, 'number')
      const parts: string[] = []
      const expression = `${prefix}${columnExpression(column, 't')}`
      if (filter.min !== undefined) {
        parts.push(`${expression} >= ?`)
        params.push(filter.min)
      }
      if (filter.max !== undefined) {
        parts.push(`${expression} <= ?`)
        params.push(filter.max)
      }
      return parts
    }
    case 'date': {
      if (column.kind !== 'date') rejectFilter(catalog, column, 'date')
      const parts: string[] = []
      if (filter.from !== undefined) {
        parts.push(`${name} >= ?`)
        params.push(dateLowerBound(filter.from))
      }
      if (filter.to !== undefined) {
        const bound = dateUpperBound(filter.to)
        parts.push(`${name} ${bound.op} ?`)
        params.push(bound.value)
      }
      return parts
    }
    case 'in': {
      const marks = filter.values.map(() => '?').join(', ')
      params.push(...filter.values.map((v) => bindValue(column, v)))
      return [`${name} IN (${marks})`]
    }
  }
}

/**
 * Condition on `t.id` for the view's search: the records whose search
 * document the word index matches, plus those `unindexed` selects. The two
 * sets cannot overlap, because the index covers no unindexed document.
 */
function searchCondition(
  catalog: EntityCatalog,
  fts: FtsQuery,
  unindexed: WhereClause | null | undefined,
): { sql: string; params: SqlParam[] } {
  const verify = verifySql(fts.verify)
  // CROSS JOIN keeps the FTS index as the outer loop; otherwise SQLite
  // may walk every search document of the entity and test each one.
  const indexed = `SELECT d.record_id FROM search_index s CROSS JOIN search_docs d ON d.rowid = s.rowid WHERE search_index MATCH ? AND d.entity = ?${verify.sql}`
  const params: SqlParam[] = [fts.match, catalog.key, ...verify.params]
  if (unindexed === undefined || unindexed === null) {
    return { sql: `t.id IN (${indexed})`, params }
  }
  return {
    sql: `t.id IN (${indexed} UNION ALL ${unindexed.sql})`,
    params: [...params, ...unindexed.params],
  }
}

/** Builds the WHERE clause for a view's filters and search, over table `t`. */
export function buildWhere(
  catalog: EntityCatalog,
  view: Pick<ReviewView, 'filters' | 'search'>,
  options: WhereOptions = {},
): WhereClause {
  const params: SqlParam[] = []
  const conditions = view.filters.flatMap((f) =>
    filterSql(catalog, f, params, options),
  )
  const fts = options.omitSearch === true ? null : ftsQuery(view.search)
  if (
    fts === null &&
    options.omitSearch !== true &&
    view.search.trim() !== ''
  ) {
    // Text without a letter or digit matches no word, as in the global
    // search, rather than leaving the grid unfiltered.
    conditions.push('0')
  }
  if (fts !== null) {
    const search = searchCondition(catalog, fts, options.unindexedSearch)
    conditions.push(search.sql)
    params.push(...search.params)
  }
  if (conditions.length === 0) return { sql: '', params }
  return { sql: `WHERE ${conditions.join(' AND ')}`, params }
}
