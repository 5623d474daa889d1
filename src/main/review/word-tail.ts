/**
 * Word search over the search documents the word index does not cover yet.
 * During a full pull, and after a killed one until the archive is opened
 * for writing, `search_docs` rows above the rowid stored under
 * `DEFERRED_KEY` are missing from `search_index` (see word-index.ts). A
 * word search reads those rows directly and matches them with a port of
 * the index's tokenizer, so it finds the same records the index would.
 * NOTE: that read scans every unindexed row, about 0.1 s per 100,000
 * orders on a shared 2-core machine (one measurement), so while a first
 * pull of a million orders walks them, a search takes about a second.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { DEFERRED_KEY } from '../archive/word-index.ts'
import { verifySql, type FtsQuery } from './fts.ts'
import { memoize } from './memo.ts'
import type { SqlParam } from './sql.ts'
import { foldText, isPlainAscii, tokenize } from './unicode61.ts'

type Database = BetterSqlite3.Database

/** SQL function `(text, phrases)` that returns 1 when every phrase matches. */
export const WORD_MATCH_FUNCTION = 'review_word_match'

/** Parsed phrase arguments kept per connection before the cache empties. */
const MAX_PARSED = 100

interface TailStatements {
  mark: BetterSqlite3.Statement
  top: BetterSqlite3.Statement
}

const statements = new WeakMap<Database, TailStatements>()
const registered = new WeakSet<Database>()

function tailStatements(db: Database): TailStatements {
  let found = statements.get(db)
  if (found === undefined) {
    found = {
      mark: db
        .prepare(
          'SELECT CAST(value AS INTEGER) FROM archive_info WHERE key = ?',
        )
        .pluck(),
      top: db.prepare('SELECT max(rowid) FROM search_docs').pluck(),
    }
    statements.set(db, found)
  }
  return found
}

/**
 * True when `tokens` contain the phrase's words in a row, the last one as a
 * prefix, as an FTS5 phrase `"…"*` matches.
 */
function hasPhrase(tokens: string[], phrase: string[]): boolean {
  const last = phrase.length - 1
  for (let start = 0; start + last < tokens.length; start++) {
    let matched = true
    for (let k = 0; k < last && matched; k++) {
      matched = tokens[start + k] === phrase[k]
    }
    if (matched && tokens[start + last]!.startsWith(phrase[last]!)) {
      return true
    }
  }
  return false
}

/** Phrases of a word search, each as its folded words. */
interface ParsedPhrases {
  phrases: string[][]
  /** Every phrase word after `toLowerCase`, for the quick test of `foldText`. */
  needles: string[]
}

/**
 * Tests text against phrases joined by AND. A substring test on the folded
 * text first rules out most text, several times faster than splitting it
 * into words.
 */
function matchesAll(text: string, parsed: ParsedPhrases | null): boolean {
  if (parsed === null) return false
  const folded = foldText(text)
  if (!parsed.needles.every((needle) => folded.includes(needle))) return false
  const tokens = tokenize(text)
  return parsed.phrases.every((phrase) => hasPhrase(tokens, phrase))
}

/**
 * Parses the function's argument, a JSON array of phrase texts, optionally
 * led by `"implicit"` when the FTS5 query joins its phrases by spaces.
 * FTS5 treats a phrase without a word (such as `"-"`) by how phrases are
 * joined: an explicit AND then matches nothing, while phrases joined by
 * spaces leave it out (checked on SQLite 3.54.1). Returns null when
 * nothing can match.
 */
function parsePhrases(argument: string): ParsedPhrases | null {
  const values = JSON.parse(argument) as string[]
  const implicit = values[0] === IMPLICIT
  const texts = implicit ? values.slice(1) : values
  let phrases = texts.map(tokenize)
  if (implicit) phrases = phrases.filter((phrase) => phrase.length > 0)
  if (phrases.length === 0 || phrases.some((phrase) => phrase.length === 0)) {
    return null
  }
  const needles = new Set(phrases.flat().map((word) => word.toLowerCase()))
  return { phrases, needles: [...needles] }
}

const IMPLICIT = 'implicit'

/** Registers `WORD_MATCH_FUNCTION` on the connection once. */
function registerWordMatch(db: Database): void {
  if (registered.has(db)) return
  const parsed = new Map<string, ParsedPhrases | null>()
  db.function(
    WORD_MATCH_FUNCTION,
    { deterministic: true },
    (text: unknown, argument: unknown) => {
      if (typeof text !== 'string' || typeof argument !== 'string') return 0
      let phrases = parsed.get(argument)
      if (phrases === undefined) {
        if (parsed.size >= MAX_PARSED) parsed.clear()
        phrases = parsePhrases(argument)
        parsed.set(argument, phrases)
      }
      return matchesAll(text, phrases) ? 1 : 0
    },
  )
  registered.add(db)
}

/**
 * Returns the highest `search_docs` rowid the word index covers when rows
 * above it exist, else null. A non-null result means a word search must
 * also read those rows, and the connection then has `WORD_MATCH_FUNCTION`.
 */
export function unindexedAfter(db: Database): number | null {
  const { mark, top } = tailStatements(db)
  const covered = mark.get(DEFERRED_KEY) as number | null | undefined
  if (covered === undefined || covered === null) return null
  const highest = top.get() as number | null
  if (highest === null || highest <= covered) return null
  registerWordMatch(db)
  return covered
}

/**
 * Builds the `WORD_MATCH_FUNCTION` argument for FTS5 prefix phrases `"…"*`. With
 * `joinedBySpaces`, the FTS5 query joins them by spaces instead of AND.
 */
export function phrasesArgument(
  phrases: string[],
  joinedBySpaces = false,
): string {
  return JSON.stringify(joinedBySpaces ? [IMPLICIT, ...phrases] : phrases)
}

/**
 * Builds SQL that rules out, natively, most documents the phrases cannot match,
 * before SQLite calls `WORD_MATCH_FUNCTION`. An ASCII document's words are
 * pieces of its ASCII lower case form, so it must contain the longest
 * phrase word there, and it cannot contain a word with other characters.
 * A document with other characters (or a NUL, which ends `length`) is left
 * to the function.
 */
function prefilter(argument: string): { sql: string; params: SqlParam[] } {
  const words = parsePhrases(argument)?.phrases.flat() ?? []
  const longest = words.reduce(
    (best, word) => (word.length > best.length ? word : best),
    '',
  )
  const other = 'length(d.text) <> octet_length(d.text)'
  if (!isPlainAscii(longest)) return { sql: ` AND ${other}`, params: [] }
  return {
    sql: ` AND (${other} OR instr(lower(d.text), ?) > 0)`,
    params: [longest],
  }
}

/**
 * Builds the WHERE conditions over the search documents `d` above the covered rowid
 * that match the phrases, with their parameters in order. `extra` contains
 * more conditions on `d`, each starting with ` AND`, which SQLite checks
 * before the slower phrase match.
 */
export function tailWhere(
  covered: number,
  argument: string,
  extra: { sql: string; params: SqlParam[] },
): { sql: string; params: SqlParam[] } {
  const quick = prefilter(argument)
  return {
    sql: `d.rowid > ?${extra.sql}${quick.sql} AND ${WORD_MATCH_FUNCTION}(d.text, ?)`,
    params: [covered, ...extra.params, ...quick.params, argument],
  }
}

/**
 * Unindexed matches up to which a view keeps their record ids until the
 * archive changes, so its pages and count share one scan. 50,000 ids are a
 * few hundred kilobytes of JSON.
 */
const KEPT_IDS_MAX = 50_000

/**
 * Builds the SELECT of the record ids of `entity` whose unindexed search
 * documents match the words, with its parameters. The ids are read once per
 * archive change when there are at most `keptMax`, else each query scans
 * the unindexed documents again.
 */
export function unindexedSelect(
  db: Database,
  covered: number,
  entity: string,
  words: FtsQuery,
  keptMax = KEPT_IDS_MAX,
): { sql: string; params: SqlParam[] } {
  const verify = verifySql(words.verify)
  // The unary plus keeps SQLite on the rowid range instead of reading
  // every document of the entity through the (entity, record_id) index.
  const tail = tailWhere(covered, phrasesArgument(words.phrases), {
    sql: ` AND +d.entity = ?${verify.sql}`,
    params: [entity, ...verify.params],
  })
  const scan = `SELECT d.record_id FROM search_docs d WHERE ${tail.sql}`
  const key = `unindexed:${keptMax}:${scan}:${JSON.stringify(tail.params)}`
  const ids = memoize(db, key, () => {
    const found = db
      .prepare(`${scan} LIMIT ?`)
      .pluck()
      .all(...tail.params, keptMax + 1)
    return found.length > keptMax ? null : found
  })
  if (ids === null) return { sql: scan, params: tail.params }
  return {
    sql: 'SELECT value FROM json_each(?)',
    params: [JSON.stringify(ids)],
  }
}
