/**
 * Substring search without the trigram index. A full pull suspends the
 * upkeep of `search_trigram` until it finishes (see archive/search.ts), so
 * meanwhile the index misses new and changed search documents and may
 * still list old text. A substring search then reads every document of
 * `search_docs` and folds it as the trigram tokenizer does, so it finds the
 * records the rebuilt index will find.
 * NOTE: a search that fills its limit stops early, but one with few
 * matches reads the whole table: 1.2 to 2.6 s for the 1.4 million
 * documents of the benchmark's million-order archive on a shared 2-core
 * machine (one measurement each).
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { SqlParam } from './sql.ts'
import { foldCase } from './unicode61.ts'

type Database = BetterSqlite3.Database

/** SQL function `(text, needles)` that returns 1 when text contains each. */
export const SUBSTRING_MATCH_FUNCTION = 'review_substring_match'

const registered = new WeakSet<Database>()

/** True when the text has only ASCII characters other than NUL. */
function isAsciiWithoutNul(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0 || code > 0x7f) return false
  }
  return true
}

/** Registers `SUBSTRING_MATCH_FUNCTION` on the connection once. */
function registerSubstringMatch(db: Database): void {
  if (registered.has(db)) return
  let lastArgument = ''
  let lastNeedles: string[] = []
  db.function(
    SUBSTRING_MATCH_FUNCTION,
    { deterministic: true },
    (text: unknown, argument: unknown) => {
      if (typeof text !== 'string' || typeof argument !== 'string') return 0
      // One statement calls it with the same needles for every row.
      if (argument !== lastArgument) {
        lastNeedles = JSON.parse(argument) as string[]
        lastArgument = argument
      }
      const folded = foldCase(text)
      return lastNeedles.every((needle) => folded.includes(needle)) ? 1 : 0
    },
  )
  registered.add(db)
}

/**
 * Builds the condition on the search document `d` that holds when its text
 * contains every phrase as the trigram index matches them, case folded. An
 * ASCII document (no NUL, which ends `length`) is checked natively, because
 * there the tokenizer's folding is SQLite's `lower`. Registers the SQL
 * function the other documents need on `db`.
 */
export function substringScanWhere(
  db: Database,
  phrases: string[],
): { sql: string; params: SqlParam[] } {
  registerSubstringMatch(db)
  const needles = [...new Set(phrases.map(foldCase))]
  // An ASCII document folds to ASCII, so it cannot contain a folded needle
  // with other characters.
  const ascii = needles.every(isAsciiWithoutNul)
  const native = ascii
    ? needles.map(() => 'instr(lower(d.text), ?) > 0').join(' AND ')
    : '0'
  return {
    sql: `(CASE WHEN length(d.text) = octet_length(d.text) THEN ${native} ELSE ${SUBSTRING_MATCH_FUNCTION}(d.text, ?) END)`,
    params: [...(ascii ? needles : []), JSON.stringify(needles)],
  }
}
