/**
 * Upkeep of `search_index`, the word index over `search_docs`. Triggers
 * keep it in step record by record, which took about a quarter of the
 * CPU time of writing 10,000 demo orders. So a full pull defers it: `archive_info`
 * then contains the highest `search_docs` rowid the index covers, the
 * triggers skip rows above it, and `catchUp` indexes those rows in one
 * statement. Rows at or below it stay in step through the triggers. Even
 * an insert trigger that skips the row made each insert into `search_docs`
 * about four times slower (one measurement), so the insert trigger is
 * dropped while the index is deferred, and `RecordWriter` gives each new
 * row a rowid above the mark so that `catchUp` finds it.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { log } from '../log.ts'

/** `archive_info` key present while the word index is deferred. */
export const DEFERRED_KEY = 'search_index_covers_through'

const COVERED = `coalesce((SELECT CAST(value AS INTEGER) FROM archive_info
    WHERE key = '${DEFERRED_KEY}'), 9223372036854775807)`

/** The triggers of the word index, in the form `upgradeWordIndex` installs. */
export const WORD_INDEX_TRIGGERS: ReadonlyArray<
  readonly [name: string, sql: string]
> = [
  [
    'search_docs_insert',
    `CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs
  WHEN new.rowid <= ${COVERED} BEGIN
  INSERT INTO search_index(rowid, text) VALUES (new.rowid, new.text);
END`,
  ],
  [
    'search_docs_delete',
    `CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs
  WHEN old.rowid <= ${COVERED} BEGIN
  INSERT INTO search_index(search_index, rowid, text)
    VALUES ('delete', old.rowid, old.text);
END`,
  ],
  [
    'search_docs_update',
    `CREATE TRIGGER search_docs_update AFTER UPDATE ON search_docs
  WHEN old.rowid <= ${COVERED} BEGIN
  INSERT INTO search_index(search_index, rowid, text)
    VALUES ('delete', old.rowid, old.text);
  INSERT INTO search_index(rowid, text) VALUES (new.rowid, new.text);
END`,
  ],
]

/** The trigger that `WordIndex.suspend` drops and `catchUp` creates again. */
const INSERT_TRIGGER = WORD_INDEX_TRIGGERS[0]!

function isDeferred(db: BetterSqlite3.Database): boolean {
  return (
    db.prepare('SELECT 1 FROM archive_info WHERE key = ?').get(DEFERRED_KEY) !==
    undefined
  )
}

/**
 * Replaces word index triggers of an older form (files made before the
 * index could be deferred). The older triggers index every row, so the
 * index is complete and nothing needs indexing again. The insert trigger
 * of a deferred index stays dropped.
 */
export function upgradeWordIndex(db: BetterSqlite3.Database): void {
  const current = new Map(
    (
      db
        .prepare(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search_docs_%'",
        )
        .all() as Array<{ name: string; sql: string }>
    ).map((row) => [row.name, row.sql]),
  )
  const deferred = isDeferred(db)
  const outdated = WORD_INDEX_TRIGGERS.filter(([name, sql]) => {
    const present = current.get(name)
    if (deferred && name === INSERT_TRIGGER[0] && present === undefined) {
      return false
    }
    return present !== sql
  })
  if (outdated.length === 0) return
  db.transaction(() => {
    for (const [name, sql] of outdated) {
      db.exec(`DROP TRIGGER IF EXISTS ${name}`)
      db.exec(sql)
    }
  }).immediate()
  log.info('archive: word index triggers replaced', {
    triggers: outdated.map(([name]) => name),
  })
}

export class WordIndex {
  private readonly db: BetterSqlite3.Database
  private readonly covered: BetterSqlite3.Statement
  private readonly defer: BetterSqlite3.Statement
  private readonly indexPending: BetterSqlite3.Statement
  private readonly resume: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.db = db
    this.covered = db
      .prepare('SELECT value FROM archive_info WHERE key = ?')
      .pluck()
    // Keeps an existing mark: rows a killed pull left unindexed stay due.
    this.defer = db.prepare(
      `INSERT OR IGNORE INTO archive_info (key, value)
       SELECT ?, coalesce(max(rowid), 0) FROM search_docs`,
    )
    this.indexPending = db.prepare(
      `INSERT INTO search_index(rowid, text)
       SELECT rowid, text FROM search_docs WHERE rowid > ?`,
    )
    this.resume = db.prepare('DELETE FROM archive_info WHERE key = ?')
  }

  isDeferred(): boolean {
    return this.covered.get(DEFERRED_KEY) !== undefined
  }

  /** Stops record-by-record upkeep. Call inside a write transaction. */
  suspend(): void {
    this.defer.run(DEFERRED_KEY)
    this.db.exec(`DROP TRIGGER IF EXISTS ${INSERT_TRIGGER[0]}`)
  }

  /**
   * Indexes the rows added since `suspend` and restarts record-by-record
   * upkeep. Call inside a write transaction.
   */
  catchUp(): void {
    const through = this.covered.get(DEFERRED_KEY) as string | undefined
    if (through === undefined) return
    this.indexPending.run(Number(through))
    this.resume.run(DEFERRED_KEY)
    this.db.exec(`DROP TRIGGER IF EXISTS ${INSERT_TRIGGER[0]}`)
    this.db.exec(INSERT_TRIGGER[1])
  }
}
