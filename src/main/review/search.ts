/**
 * Global search over every entity: names, emails, SKUs, invoice numbers and
 * addresses, through the archive's FTS5 indexes.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { SearchResult } from '../../shared/ipc/channels/review.ts'
import { findCatalog } from './catalog.ts'
import {
  ftsQuery,
  trigramMatchExpression,
  trigramPhrases,
  verifySql,
  type FtsQuery,
} from './fts.ts'
import { cachedStatement } from './query.ts'
import { substringScanWhere } from './substring-scan.ts'
import { trigramUsable } from './text-match.ts'
import { recordTitles } from './titles.ts'
import { phrasesArgument, tailWhere, unindexedAfter } from './word-tail.ts'

type Database = BetterSqlite3.Database

export const SEARCH_LIMIT_DEFAULT = 50

function hasTable(db: Database, name: string): boolean {
  return (
    cachedStatement(
      db,
      "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
    ).get(name) !== undefined
  )
}

function matches(
  db: Database,
  index: 'search_index' | 'search_trigram',
  expression: string,
  verify: string[],
  limit: number,
): Hit[] {
  const check = verifySql(verify)
  // No ORDER BY rank: ranking every match of a common word on a million
  // orders costs far more than the few rows shown.
  return cachedStatement(
    db,
    `SELECT d.entity AS entity, d.record_id AS recordId
     FROM ${index} s JOIN search_docs d ON d.rowid = s.rowid
     WHERE ${index} MATCH ?${check.sql} ORDER BY s.rowid DESC LIMIT ?`,
  ).all(expression, ...check.params, limit) as Hit[]
}

type Hit = { entity: string; recordId: string | number }

/**
 * Finds up to `limit` matches of the words, newest first. The
 * search documents the word index does not cover yet have the highest
 * rowids, so their matches come first and the index fills the rest.
 */
function wordMatches(db: Database, words: FtsQuery, limit: number): Hit[] {
  const covered = unindexedAfter(db)
  if (covered === null) {
    return matches(db, 'search_index', words.match, words.verify, limit)
  }
  const tail = tailWhere(
    covered,
    phrasesArgument(words.phrases),
    verifySql(words.verify),
  )
  const found = cachedStatement(
    db,
    `SELECT d.entity AS entity, d.record_id AS recordId FROM search_docs d
     WHERE ${tail.sql} ORDER BY d.rowid DESC LIMIT ?`,
  ).all(...tail.params, limit) as Hit[]
  if (found.length >= limit) return found
  const rest = limit - found.length
  return [
    ...found,
    ...matches(db, 'search_index', words.match, words.verify, rest),
  ]
}

/**
 * Finds up to `limit` records whose text contains every phrase, newest
 * first. While a full pull keeps the trigram index out of step, the search
 * documents are read instead (see substring-scan.ts).
 */
function substringMatches(db: Database, text: string, limit: number): Hit[] {
  const expression = trigramMatchExpression(text)
  if (expression === null || !hasTable(db, 'search_trigram')) return []
  if (trigramUsable(db)) {
    return matches(db, 'search_trigram', expression, [], limit)
  }
  const scan = substringScanWhere(db, trigramPhrases(text))
  return cachedStatement(
    db,
    `SELECT d.entity AS entity, d.record_id AS recordId FROM search_docs d
     WHERE ${scan.sql} ORDER BY d.rowid DESC LIMIT ?`,
  ).all(...scan.params, limit) as Hit[]
}

/**
 * Finds records by words or word prefixes. When no record matches and the
 * archive has the trigram index, text inside words is tried as well, such as
 * the middle of a SKU.
 */
export function searchAll(
  db: Database,
  text: string,
  options: { limit?: number } = {},
): SearchResult[] {
  const limit = options.limit ?? SEARCH_LIMIT_DEFAULT
  const words = ftsQuery(text)
  if (words === null) return []
  let hits = wordMatches(db, words, limit)
  if (hits.length === 0) hits = substringMatches(db, text, limit)
  const idsByEntity = new Map<string, Array<string | number>>()
  for (const hit of hits) {
    const ids = idsByEntity.get(hit.entity) ?? []
    ids.push(hit.recordId)
    idsByEntity.set(hit.entity, ids)
  }
  const titles = new Map<string, Map<string | number, string>>()
  for (const [entity, ids] of idsByEntity) {
    titles.set(entity, recordTitles(db, entity, ids))
  }
  return hits.flatMap((hit) => {
    const catalog = findCatalog(hit.entity)
    const title = titles.get(hit.entity)?.get(hit.recordId)
    if (catalog === undefined || title === undefined) return []
    return [
      {
        entity: catalog.key,
        entityLabel: catalog.label,
        id: hit.recordId,
        title,
      },
    ]
  })
}
