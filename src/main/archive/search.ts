/**
 * Global search over the `search_docs` text of every record: whole words
 * and word prefixes through `search_index`, then substrings (part of a SKU,
 * email or phone number) through `search_trigram` when SQLite has it.
 * While a full pull defers either index, the search also reads the
 * documents that index misses, with the review's matchers, so it finds
 * what it will find after the pull.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { log } from '../log.ts'
import type { EntityKey } from '../../shared/entities.ts'
import { substringScanWhere } from '../review/substring-scan.ts'
import {
  phrasesArgument,
  tailWhere,
  unindexedAfter,
} from '../review/word-tail.ts'

export interface SearchOptions {
  /** Largest number of hits returned; default 50. */
  limit?: number
  /** Only hits of these entities. */
  entities?: EntityKey[]
}

export interface SearchHit {
  entity: EntityKey
  id: number | string
  /** The record's search text, for showing why it matched. */
  text: string
}

const DEFAULT_LIMIT = 50
const TRIGRAM_MIN_LENGTH = 3

/** Splits user input into terms; quotes stop FTS5 from reading operators. */
function terms(query: string): string[] {
  return query
    .split(/\s+/)
    .map((term) => term.trim())
    .filter((term) => term !== '')
}

function quoted(term: string): string {
  return `"${term.replaceAll('"', '""')}"`
}

function hasTable(db: BetterSqlite3.Database, name: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
      .get(name) !== undefined
  )
}

/**
 * Builds the condition on `d.entity` for the requested entities. A scan of
 * `search_docs` passes `+d.entity`, so SQLite keeps to its rowid order.
 */
function entityFilter(
  entities: EntityKey[] | undefined,
  column = 'd.entity',
): {
  sql: string
  params: string[]
} {
  if (entities === undefined || entities.length === 0) {
    return { sql: '', params: [] }
  }
  const marks = entities.map(() => '?').join(', ')
  return { sql: ` AND ${column} IN (${marks})`, params: entities }
}

/** Runs one FTS5 query against `search_index` or `search_trigram`. */
function matchIndex(
  db: BetterSqlite3.Database,
  index: 'search_index' | 'search_trigram',
  match: string,
  options: SearchOptions,
  limit: number,
): SearchHit[] {
  const filter = entityFilter(options.entities)
  const sql = `SELECT d.entity, d.record_id AS id, d.text
    FROM ${index} JOIN search_docs d ON d.rowid = ${index}.rowid
    WHERE ${index} MATCH ?${filter.sql}
    ORDER BY ${index}.rank LIMIT ?`
  return db.prepare(sql).all(match, ...filter.params, limit) as SearchHit[]
}

/** Runs `where` over the search documents `d`, newest first. */
function scanDocuments(
  db: BetterSqlite3.Database,
  where: { sql: string; params: unknown[] },
  limit: number,
): SearchHit[] {
  const sql = `SELECT d.entity, d.record_id AS id, d.text FROM search_docs d
    WHERE ${where.sql} ORDER BY d.rowid DESC LIMIT ?`
  return db.prepare(sql).all(...where.params, limit) as SearchHit[]
}

/**
 * Finds word matches among the documents a full pull wrote after the word
 * index was deferred, which the index does not contain yet.
 */
function unindexedHits(
  db: BetterSqlite3.Database,
  words: string[],
  options: SearchOptions,
  limit: number,
): SearchHit[] {
  const covered = unindexedAfter(db)
  if (covered === null) return []
  // The FTS5 query joins its phrases by spaces.
  const argument = phrasesArgument(words, true)
  const where = tailWhere(
    covered,
    argument,
    entityFilter(options.entities, '+d.entity'),
  )
  return scanDocuments(db, where, limit)
}

/**
 * Finds substring matches through `search_trigram`, or, while a full pull
 * keeps that index out of step, by reading every document.
 */
function substringHits(
  db: BetterSqlite3.Database,
  words: string[],
  options: SearchOptions,
  limit: number,
): SearchHit[] {
  if (!hasTable(db, 'search_trigram')) return []
  // Read from the file on each search, because a pull in another process
  // can suspend or rebuild the index at any time.
  if (!new SubstringIndex(db).isStale()) {
    const query = words.map(quoted).join(' ')
    return matchIndex(db, 'search_trigram', query, options, limit)
  }
  const scan = substringScanWhere(db, words)
  const filter = entityFilter(options.entities, '+d.entity')
  return scanDocuments(
    db,
    {
      sql: `${scan.sql}${filter.sql}`,
      params: [...scan.params, ...filter.params],
    },
    limit,
  )
}

/** Appends hits not yet present, up to `limit`. */
function addHits(hits: SearchHit[], found: SearchHit[], limit: number): void {
  const seen = new Set(hits.map((hit) => `${hit.entity}\u0000${hit.id}`))
  for (const hit of found) {
    const key = `${hit.entity}\u0000${hit.id}`
    if (seen.has(key) || hits.length >= limit) continue
    seen.add(key)
    hits.push(hit)
  }
}

/**
 * Finds records by words and word prefixes. When `substrings` is true,
 * SQLite has the trigram index and every term has at least three
 * characters, substring matches fill the remaining places.
 * NOTE: word matches the deferred word index misses come first, newest
 * first, because they have no rank until the index contains them. So with
 * more matches than `limit`, the hits can differ from those after the pull.
 */
export function searchArchive(
  db: BetterSqlite3.Database,
  query: string,
  options: SearchOptions = {},
  substrings = false,
): SearchHit[] {
  const words = terms(query)
  if (words.length === 0) return []
  const limit = options.limit ?? DEFAULT_LIMIT

  // The index contains no unindexed document, so the two never overlap.
  const hits = unindexedHits(db, words, options, limit)
  if (hits.length < limit) {
    const wordQuery = words.map((word) => `${quoted(word)}*`).join(' ')
    const rest = limit - hits.length
    hits.push(...matchIndex(db, 'search_index', wordQuery, options, rest))
  }

  const longEnough = words.every(
    (word) => [...word].length >= TRIGRAM_MIN_LENGTH,
  )
  if (substrings && longEnough && hits.length < limit) {
    addHits(hits, substringHits(db, words, options, limit), limit)
  }
  return hits
}

const TRIGRAM_TRIGGERS = [
  `CREATE TRIGGER search_trigram_insert AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_trigram(rowid, text) VALUES (new.rowid, new.text);
END`,
  `CREATE TRIGGER search_trigram_delete AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_trigram(search_trigram, rowid, text)
    VALUES ('delete', old.rowid, old.text);
END`,
  `CREATE TRIGGER search_trigram_update AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_trigram(search_trigram, rowid, text)
    VALUES ('delete', old.rowid, old.text);
  INSERT INTO search_trigram(rowid, text) VALUES (new.rowid, new.text);
END`,
]

/**
 * Upkeep of `search_trigram`. The trigram index adds an entry for nearly
 * every character of the text, which makes row-by-row upkeep slow for bulk
 * writes. So a full pull drops its triggers and rebuilds the index at the
 * end, and afterwards the triggers keep it in step through the few changes
 * of incremental pulls. The index is fresh exactly while its triggers
 * exist, which other processes can see in the file.
 */
export class SubstringIndex {
  private readonly db: BetterSqlite3.Database
  private readonly present: boolean
  private fresh: boolean

  constructor(db: BetterSqlite3.Database) {
    this.db = db
    this.present = hasTable(db, 'search_trigram')
    const triggers = db
      .prepare(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search_trigram_%'",
      )
      .pluck()
      .get() as number
    this.fresh = this.present && triggers === TRIGRAM_TRIGGERS.length
  }

  isStale(): boolean {
    return this.present && !this.fresh
  }

  /** Stops row-by-row upkeep before a bulk write; the index goes stale. */
  suspend(): void {
    if (!this.fresh) return
    this.db
      .transaction(() => {
        for (const name of ['insert', 'delete', 'update']) {
          this.db.exec(`DROP TRIGGER IF EXISTS search_trigram_${name}`)
        }
      })
      .immediate()
    this.fresh = false
  }

  /**
   * Rebuilds a stale index from `search_docs` and restarts its upkeep.
   * NOTE: this is one synchronous statement: 0.27 s for 6,000 orders on a
   * shared 2-core machine, so about 45 s for a million, during which the
   * calling thread is blocked.
   */
  refresh(): void {
    if (!this.isStale()) return
    const started = Date.now()
    this.db
      .transaction(() => {
        this.db.exec(
          "INSERT INTO search_trigram(search_trigram) VALUES ('rebuild')",
        )
        for (const trigger of TRIGRAM_TRIGGERS) this.db.exec(trigger)
      })
      .immediate()
    this.fresh = true
    log.info('archive: substring index rebuilt', {
      milliseconds: Date.now() - started,
    })
  }
}
