/**
 * The archive's SQL schema and its migrations. `PRAGMA user_version` is
 * the number of migrations applied, and `PRAGMA application_id` marks the
 * file as an archive of this app.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { log } from '../log.ts'
import { sqlColumnNames, sqlColumnType, type ColumnSpec } from './columns.ts'
import {
  RECORD_TABLES,
  type ChildTableSpec,
  type ResolvedTable,
} from './tables.ts'

/** "3dCt" in ASCII, which identifies this app's archives among SQLite files. */
export const APPLICATION_ID = 0x33644374

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/** Returns the names of a table's columns, or none when it does not exist. */
export function tableColumns(
  db: BetterSqlite3.Database,
  table: string,
): Set<string> {
  const rows = db.pragma(`table_info(${quoteIdentifier(table)})`) as Array<{
    name: string
  }>
  return new Set(rows.map((row) => row.name))
}

function typedColumnsSql(columns: readonly ColumnSpec[]): string[] {
  return columns.flatMap((spec) =>
    sqlColumnNames(spec).map(
      (name) => `${quoteIdentifier(name)} ${sqlColumnType(spec)}`,
    ),
  )
}

function parentTableSql(table: ResolvedTable): string {
  const name = quoteIdentifier(table.definition.key)
  const id =
    table.idType === 'INTEGER'
      ? 'id INTEGER PRIMARY KEY'
      : 'id TEXT PRIMARY KEY NOT NULL'
  const columns = [
    id,
    'raw TEXT NOT NULL',
    'raw_hash TEXT NOT NULL',
    ...typedColumnsSql(table.columns),
    'first_seen_run INTEGER',
    'last_seen_run INTEGER',
    'updated_run INTEGER',
  ]
  return `CREATE TABLE ${name} (\n  ${columns.join(',\n  ')}\n)`
}

/**
 * Child rows keep no JSON text: each item's text is in the parent's `raw`.
 * Child tables of files created by earlier versions have a `raw` column,
 * which `RecordWriter` keeps filling.
 */
function childTableSql(table: ResolvedTable, child: ChildTableSpec): string {
  const parent = quoteIdentifier(table.definition.key)
  const columns = [
    `parent_id ${table.idType} NOT NULL REFERENCES ${parent}(id) ON DELETE CASCADE`,
    'position INTEGER NOT NULL',
    ...typedColumnsSql(child.columns),
    'PRIMARY KEY (parent_id, position)',
  ]
  return `CREATE TABLE ${quoteIdentifier(child.table)} (\n  ${columns.join(',\n  ')}\n) WITHOUT ROWID`
}

/** DDL of each record table by name: entity tables, then child tables. */
function recordTableSql(): Array<[name: string, sql: string]> {
  return RECORD_TABLES.flatMap((table) => [
    [table.definition.key, parentTableSql(table)] as [string, string],
    ...table.children.map(
      (child) => [child.table, childTableSql(table, child)] as [string, string],
    ),
  ])
}

/** Indexes for the lookups of review screens and exports. */
const INDEXES: ReadonlyArray<readonly [table: string, columns: string]> = [
  ['orders', 'customer_id'],
  ['orders', 'order_date_utc'],
  ['orders', 'last_update_utc'],
  ['orders', 'order_status_id'],
  ['orders', 'invoice_number'],
  ['order_items', 'catalog_id'],
  ['order_items', 'item_id'],
  ['products', 'sku'],
  ['products', 'manufacturer_id'],
  ['product_categories', 'category_id'],
  ['product_variants', 'sku'],
  ['customers', 'email'],
  ['customers', 'customer_group_id'],
  ['categories', 'parent_id'],
  ['rmas', 'order_id'],
]

function indexSql(tables?: ReadonlySet<string>): string[] {
  return INDEXES.filter(
    ([table]) => tables === undefined || tables.has(table),
  ).map(
    ([table, column]) =>
      `CREATE INDEX ${quoteIdentifier(`${table}_${column}`)} ON ${quoteIdentifier(table)}(${quoteIdentifier(column)})`,
  )
}

const BOOKKEEPING_SQL = [
  `CREATE TABLE archive_info (
  key TEXT PRIMARY KEY,
  value TEXT
)`,
  `CREATE TABLE store_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  raw TEXT NOT NULL,
  raw_hash TEXT NOT NULL,
  store_name TEXT,
  store_url TEXT,
  store_email TEXT,
  company TEXT,
  time_zone TEXT,
  currency_code TEXT,
  currency_symbol TEXT,
  updated_at TEXT NOT NULL
)`,
  `CREATE TABLE sync_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
  status TEXT NOT NULL
    CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
  entities TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  summary TEXT
)`,
  `CREATE TABLE checkpoints (
  entity TEXT PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES sync_runs(id),
  next_offset INTEGER NOT NULL,
  received INTEGER NOT NULL,
  store_count INTEGER,
  phase TEXT NOT NULL CHECK (phase IN ('walk', 'verify', 'done')),
  updated_at TEXT NOT NULL
)`,
  `CREATE TABLE store_counts (
  run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  store_count INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (run_id, entity)
) WITHOUT ROWID`,
  `CREATE TABLE sync_errors (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES sync_runs(id) ON DELETE CASCADE,
  entity TEXT,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  occurred_at TEXT NOT NULL
)`,
  'CREATE INDEX sync_errors_run ON sync_errors(run_id)',
  `CREATE TABLE record_changes (
  run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  record_id NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
  PRIMARY KEY (run_id, entity, record_id)
) WITHOUT ROWID`,
]

/**
 * Creates `search_docs`, which contains the search text of each record, and
 * the FTS5 indexes that read it as external content. Triggers keep
 * `search_index` (words, diacritics folded) in step. `search_trigram`
 * (substrings of SKUs, emails and phone numbers) exists when SQLite has the
 * trigram tokenizer. Its triggers come and go with `SubstringIndex`.
 */
function searchSql(trigram: boolean): string[] {
  const statements = [
    `CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  entity TEXT NOT NULL,
  record_id NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (entity, record_id)
)`,
    `CREATE VIRTUAL TABLE search_index USING fts5(
  text, content='search_docs', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2'
)`,
    `CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_index(rowid, text) VALUES (new.rowid, new.text);
END`,
    `CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_index(search_index, rowid, text)
    VALUES ('delete', old.rowid, old.text);
END`,
    `CREATE TRIGGER search_docs_update AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_index(search_index, rowid, text)
    VALUES ('delete', old.rowid, old.text);
  INSERT INTO search_index(rowid, text) VALUES (new.rowid, new.text);
END`,
  ]
  if (trigram) {
    statements.push(`CREATE VIRTUAL TABLE search_trigram USING fts5(
  text, content='search_docs', content_rowid='rowid', tokenize='trigram'
)`)
  }
  return statements
}

export function hasTrigramTokenizer(db: BetterSqlite3.Database): boolean {
  try {
    db.exec(
      "CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(t, tokenize='trigram')",
    )
    db.exec('DROP TABLE temp.trigram_probe')
    return true
  } catch {
    return false
  }
}

function migrateToVersion1(db: BetterSqlite3.Database): void {
  const statements = [
    ...BOOKKEEPING_SQL,
    ...recordTableSql().map(([, sql]) => sql),
    ...indexSql(),
    ...searchSql(hasTrigramTokenizer(db)),
  ]
  for (const statement of statements) db.exec(statement)
}

/**
 * Indexes of the review grid on a million orders: the status filter with
 * the date sort, and orders sorted or ranged by their total as a number
 * (the expression matches the review's `CAST(order_amount AS REAL)`).
 */
function migrateToVersion2(db: BetterSqlite3.Database): void {
  db.exec(
    'CREATE INDEX IF NOT EXISTS orders_status_date ON orders(order_status_id, order_date_utc)',
  )
  db.exec(
    'CREATE INDEX IF NOT EXISTS orders_amount_value ON orders(CAST(order_amount AS REAL))',
  )
}

/** Index of the review grid sorted by the billing last name of orders. */
function migrateToVersion3(db: BetterSqlite3.Database): void {
  db.exec(
    'CREATE INDEX IF NOT EXISTS orders_billing_last_name ON orders(billing_last_name)',
  )
}

/**
 * Indexes for the review grid sorted by the other order columns it shows
 * by default, so each sort reads its pages in index order instead of
 * sorting every order.
 */
function migrateToVersion4(db: BetterSqlite3.Database): void {
  for (const column of [
    'invoice_display',
    'billing_first_name',
    'billing_email',
  ]) {
    db.exec(`CREATE INDEX IF NOT EXISTS orders_${column} ON orders(${column})`)
  }
}

/**
 * Adds a narrow copy, led by the id, of the order columns that the review
 * grid's `contains` filters, its default sort and its amount and status
 * filters read. A page driven by the trigram index then reads one short
 * index entry per match instead of the whole row with its raw JSON
 * (src/main/review/cover.ts).
 */
function migrateToVersion5(db: BetterSqlite3.Database): void {
  db.exec(
    'CREATE INDEX IF NOT EXISTS orders_by_id ON orders(id, order_date_utc, order_amount, order_status_id, billing_first_name, billing_last_name, billing_company, billing_email, billing_address, billing_city)',
  )
}

/**
 * Adds an index for the review grid filtered by an order total range in
 * date order. It contains both columns, so such a page finds and sorts its
 * matches without reading their rows.
 */
function migrateToVersion6(db: BetterSqlite3.Database): void {
  db.exec(
    'CREATE INDEX IF NOT EXISTS orders_amount_date ON orders(CAST(order_amount AS REAL), order_date_utc)',
  )
}

/**
 * Changes no table. From this version on, new files create child tables
 * without a `raw` column (older files keep theirs, see `childTableSql`).
 * The version number changes so that an older app, which writes that
 * column, refuses a newer file instead of failing on its first child row.
 */
function migrateToVersion7(): void {}

/**
 * Gives `sync_errors` a column for the JSON of a record a pull kept aside
 * because it had no usable id, so the record is data that other tools can
 * read rather than text inside a message.
 */
function migrateToVersion8(db: BetterSqlite3.Database): void {
  db.exec('ALTER TABLE sync_errors ADD COLUMN record_raw TEXT')
}

/**
 * Migrations in order; entry `n` brings a file from version `n` to `n + 1`.
 * NOTE: version 1 is generated from the table specs. Record tables and
 * typed columns that the specs gain later are added when a file opens
 * (`createMissingRecordTables`, `addMissingColumns`), but a renamed column,
 * a changed type or a new index needs a new entry here.
 */
const MIGRATIONS: ReadonlyArray<(db: BetterSqlite3.Database) => void> = [
  migrateToVersion1,
  migrateToVersion2,
  migrateToVersion3,
  migrateToVersion4,
  migrateToVersion5,
  migrateToVersion6,
  migrateToVersion7,
  migrateToVersion8,
]

export const SCHEMA_VERSION = MIGRATIONS.length

/**
 * Applies the missing migrations, each in its own transaction. Each step
 * reads `user_version` inside its `BEGIN IMMEDIATE` transaction, so two
 * connections that open a file at once apply each step once: the second
 * waits for the first (up to the busy timeout) and then reads the new version.
 */
export function migrate(db: BetterSqlite3.Database, appVersion: string): void {
  const applyNextStep = db.transaction((): number | null => {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version >= SCHEMA_VERSION) return null
    MIGRATIONS[version]!(db)
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma(`user_version = ${version + 1}`)
    db.prepare(
      'INSERT OR REPLACE INTO archive_info (key, value) VALUES (?, ?)',
    ).run(
      `migrated_to_${version + 1}`,
      `${new Date().toISOString()} by ${appVersion}`,
    )
    return version
  })
  for (;;) {
    const from = applyNextStep.immediate()
    if (from === null) return
    log.info('archive: migrated', { from, to: from + 1 })
  }
}

/**
 * Creates the record tables of entities added to the catalogue after the
 * file was made, with their indexes, so pulling such an entity works without
 * a migration. Columns added to existing tables still need one.
 */
export function createMissingRecordTables(db: BetterSqlite3.Database): void {
  // The list is read inside the write transaction, so that a connection
  // that opened the file at the same time cannot create a table in between.
  const created = db
    .transaction((): Set<string> => {
      const existing = new Set(
        db
          .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
          .pluck()
          .all() as string[],
      )
      const missing = recordTableSql().filter(([name]) => !existing.has(name))
      const names = new Set(missing.map(([name]) => name))
      for (const [, sql] of missing) db.exec(sql)
      for (const sql of indexSql(names)) db.exec(sql)
      return names
    })
    .immediate()
  if (created.size > 0) {
    log.info('archive: created tables', { tables: [...created] })
  }
}
