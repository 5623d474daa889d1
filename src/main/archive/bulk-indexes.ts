/**
 * Secondary indexes built in bulk after a first pull of an entity. Keeping
 * every index of `orders` and `order_items` in step row by row took about
 * a third of the time of writing 10,000 demo orders into an empty archive
 * (one measurement on a shared 2-core machine), and building an index over
 * the finished table is cheaper. So when the first page of an
 * entity's walk goes into an empty table, the secondary indexes of the
 * table and its child tables are dropped, and their SQL is kept in
 * `archive_info` in the same transaction. `restore` creates them again at
 * the end of the walk, when the run finishes, and whenever a file with
 * such rows opens for writing (after a killed pull). Primary keys and
 * UNIQUE constraints stay, so a re-run still never duplicates.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { log } from '../log.ts'
import { quoteIdentifier } from './schema.ts'

/** `archive_info` key prefix. The rest of the key is the index name. */
export const DEFERRED_INDEX_PREFIX = 'deferred_index:'

/**
 * Pages shorter than this do not start a bulk load: an entity with a few
 * records gains nothing, and each DROP or CREATE INDEX makes every
 * connection prepare its statements again.
 */
export const BULK_LOAD_MIN_RECORDS = 100

interface IndexRow {
  name: string
  sql: string
}

/** Reads the table name from `CREATE INDEX name ON table(...)`. */
function indexedTable(sql: string): string | null {
  const match = /\sON\s+"?([A-Za-z0-9_]+)"?\s*\(/i.exec(sql)
  return match?.[1] ?? null
}

export class BulkIndexes {
  private readonly db: BetterSqlite3.Database
  private readonly listIndexes: BetterSqlite3.Statement
  private readonly listDeferred: BetterSqlite3.Statement
  private readonly keep: BetterSqlite3.Statement
  private readonly forget: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.db = db
    // Indexes without SQL belong to a PRIMARY KEY or UNIQUE constraint.
    this.listIndexes = db.prepare(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (SELECT value FROM json_each(?))
       ORDER BY name`,
    )
    this.listDeferred = db.prepare(
      `SELECT substr(key, ${DEFERRED_INDEX_PREFIX.length + 1}) AS name,
              value AS sql
       FROM archive_info WHERE key GLOB '${DEFERRED_INDEX_PREFIX}*'
       ORDER BY key`,
    )
    this.keep = db.prepare(
      'INSERT OR REPLACE INTO archive_info (key, value) VALUES (?, ?)',
    )
    this.forget = db.prepare('DELETE FROM archive_info WHERE key = ?')
  }

  /** True while some index waits to be built again. */
  hasDeferred(): boolean {
    return this.listDeferred.all().length > 0
  }

  /**
   * Drops the secondary indexes of `tables` and keeps their SQL for
   * `restore`. Call inside a write transaction, only on empty tables.
   */
  defer(tables: readonly string[]): void {
    const rows = this.listIndexes.all(JSON.stringify(tables)) as IndexRow[]
    for (const row of rows) {
      this.keep.run(DEFERRED_INDEX_PREFIX + row.name, row.sql)
      this.db.exec(`DROP INDEX ${quoteIdentifier(row.name)}`)
    }
  }

  /**
   * Creates the deferred indexes of `tables` again, or every deferred
   * index without `tables`. Call inside a write transaction: a failure (a
   * full disk) leaves them deferred for the next call.
   */
  restore(tables?: readonly string[]): void {
    const selected = tables === undefined ? null : new Set(tables)
    const rows = (this.listDeferred.all() as IndexRow[]).filter(
      (row) => selected === null || selected.has(indexedTable(row.sql) ?? ''),
    )
    if (rows.length === 0) return
    const started = Date.now()
    for (const row of rows) {
      // A migration may have created the index again in the meantime.
      this.db.exec(
        row.sql.replace(/^CREATE (UNIQUE )?INDEX /i, '$&IF NOT EXISTS '),
      )
      this.forget.run(DEFERRED_INDEX_PREFIX + row.name)
    }
    log.info('archive: secondary indexes built', {
      indexes: rows.length,
      milliseconds: Date.now() - started,
    })
  }
}
