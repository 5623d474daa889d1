/**
 * Reads an archive for export: which tables exist, their export columns,
 * counts, and the store settings. Opens the file read-only with its own
 * connection, so an export cannot change the archive. A pull may write to it
 * at the same time, because WAL mode lets readers and a writer run together.
 * The connection keeps one read transaction open from `open` to `close`, so
 * every read of one export returns the archive as it was when it opened,
 * without the pages a pull commits later.
 */
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../shared/errors.ts'
import {
  ENTITIES,
  SENSITIVE_FIELDS,
  type EntityDefinition,
  type EntityKey,
} from '../../shared/entities.ts'
import { snakeCase, type ColumnSpec } from '../archive/columns.ts'
import { ArchiveErrorCode, toArchiveError } from '../archive/errors.ts'
import { SCHEMA_VERSION, quoteIdentifier } from '../archive/schema.ts'
import { recordTable } from '../archive/tables.ts'
import { ExportErrorCode } from './errors.ts'

export type CellKind = 'integer' | 'decimal' | 'boolean' | 'text' | 'date'

export interface ExportColumn {
  header: string
  kind: CellKind
  /** SQL columns read for this cell: one, or `_utc` and `_raw` for a date. */
  sql: string[]
}

export interface ExportTable {
  /** Archive table, also the file and sheet name. */
  name: string
  entity: EntityKey
  label: string
  /** Child tables have `parent_id` and `position` instead of `id`. */
  child: boolean
  columns: ExportColumn[]
}

/** Bookkeeping columns of the archive that mean nothing outside it. */
const SKIPPED = new Set([
  'raw',
  'raw_hash',
  'first_seen_run',
  'last_seen_run',
  'updated_run',
])
const SENSITIVE_COLUMNS = new Set(SENSITIVE_FIELDS.map(snakeCase))
/** Rows read per query while streaming a table. */
const PAGE_ROWS = 2_000

export interface StoreInfo {
  name: string | null
  url: string | null
  /** The store's secure URL, the base of its image paths. */
  secureUrl: string | null
  timeZone: string | null
}

export class ArchiveSource {
  readonly file: string
  readonly db: Database.Database
  private readonly tableNames: Set<string>

  private constructor(file: string, db: Database.Database) {
    this.file = file
    this.db = db
    const rows = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all() as string[]
    this.tableNames = new Set(rows)
  }

  static open(file: string): ArchiveSource {
    if (!existsSync(file)) {
      throw new AppError(
        ExportErrorCode.archiveMissing,
        `The archive "${file}" was not found. Pull the store first, or check ` +
          'the file name.',
        { file },
      )
    }
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true })
      const version = db.pragma('user_version', { simple: true }) as number
      if (version > SCHEMA_VERSION) {
        db.close()
        // Its tables may differ from the ones this version reads.
        throw new AppError(
          ArchiveErrorCode.newerVersion,
          `The archive "${basename(file)}" is in archive format ${version}, ` +
            `but this app reads formats up to ${SCHEMA_VERSION}. Update the ` +
            'app to export it. The file was not changed.',
          { file, fileVersion: version, supportedVersion: SCHEMA_VERSION },
        )
      }
      // A deferred BEGIN takes the WAL snapshot at the first read, which is
      // the constructor's schema query.
      db.exec('BEGIN')
      return new ArchiveSource(file, db)
    } catch (error) {
      const mapped = toArchiveError(file, error)
      if (mapped instanceof AppError) throw mapped
      throw new AppError(
        ExportErrorCode.archiveUnreadable,
        `The archive "${file}" could not be opened for reading. Check that ` +
          'it is an archive of this app and that no other program has it locked.',
        { file },
        { cause: error },
      )
    }
  }

  /** Closes the connection, which ends its read transaction. */
  close(): void {
    if (this.db.open) this.db.close()
  }

  hasTable(name: string): boolean {
    return this.tableNames.has(name)
  }

  /** Entities with a table in the archive; sensitive ones are never listed. */
  exportableEntities(only?: readonly EntityKey[]): EntityDefinition[] {
    return ENTITIES.filter(
      (e) =>
        !e.sensitive &&
        this.hasTable(e.key) &&
        (only === undefined || only.includes(e.key)),
    )
  }

  /** Lists the entity's table followed by its child tables, as export tables. */
  tablesOf(entity: EntityDefinition): ExportTable[] {
    const tables: ExportTable[] = []
    if (entity.shape === 'object') {
      tables.push(this.plainTable(entity.key, entity.key, entity.label))
      return tables
    }
    const spec = recordTable(entity.key)
    tables.push({
      name: entity.key,
      entity: entity.key,
      label: entity.label,
      child: false,
      columns: [
        {
          header: 'id',
          kind: spec?.idType === 'INTEGER' ? 'integer' : 'text',
          sql: ['id'],
        },
        ...this.specColumns(entity.key, spec?.columns ?? []),
      ],
    })
    for (const child of spec?.children ?? []) {
      if (!this.hasTable(child.table)) continue
      const list = entity.childLists.find((l) => l.table === child.table)
      tables.push({
        name: child.table,
        entity: entity.key,
        label: `${entity.label}: ${list?.label ?? child.table}`,
        child: true,
        columns: [
          {
            header: 'parent_id',
            kind: spec?.idType === 'INTEGER' ? 'integer' : 'text',
            sql: ['parent_id'],
          },
          { header: 'position', kind: 'integer', sql: ['position'] },
          ...this.specColumns(child.table, child.columns),
        ],
      })
    }
    return tables
  }

  /** Columns of the typed specs that exist in the table, minus secrets. */
  private specColumns(
    table: string,
    specs: readonly ColumnSpec[],
  ): ExportColumn[] {
    const present = this.columnNames(table)
    const columns: ExportColumn[] = []
    for (const spec of specs) {
      if (SENSITIVE_COLUMNS.has(spec.name)) continue
      if (spec.type === 'date') {
        const utc = `${spec.name}_utc`
        const raw = `${spec.name}_raw`
        if (!present.has(utc) || !present.has(raw)) continue
        columns.push({ header: spec.name, kind: 'date', sql: [utc, raw] })
        continue
      }
      if (!present.has(spec.name)) continue
      const kind: CellKind = spec.type === 'trimmed' ? 'text' : spec.type
      columns.push({ header: spec.name, kind, sql: [spec.name] })
    }
    return columns
  }

  /** A table without a typed spec: every column except bookkeeping ones. */
  private plainTable(
    name: string,
    entity: EntityKey,
    label: string,
  ): ExportTable {
    const info = this.db
      .prepare(`PRAGMA table_info(${quoteIdentifier(name)})`)
      .all() as Array<{ name: string; type: string }>
    const columns: ExportColumn[] = info
      .filter((c) => !SKIPPED.has(c.name) && !SENSITIVE_COLUMNS.has(c.name))
      .map((c) => ({
        header: c.name,
        kind: c.type.toUpperCase() === 'INTEGER' ? 'integer' : 'text',
        sql: [c.name],
      }))
    return { name, entity, label, child: false, columns }
  }

  private columnNames(table: string): Set<string> {
    const info = this.db
      .prepare(`PRAGMA table_info(${quoteIdentifier(table)})`)
      .all() as Array<{ name: string }>
    return new Set(info.map((c) => c.name))
  }

  /**
   * Streams the table's export columns as arrays, in primary key order. Rows
   * are read in pages by key (`id`, or `parent_id, position` for a child
   * table), all in the connection's one read transaction. Within a page
   * the rows are stepped one at a time rather than collected with `all()`,
   * so only the current row is alive when V8 collects garbage. A page of
   * live rows surviving each collection makes V8 grow its young generation
   * in step with the table size. The key columns are the first columns of
   * every export table.
   */
  *iterateRows(
    table: ExportTable,
    where = '',
    params: readonly unknown[] = [],
  ): Generator<unknown[]> {
    const select = table.columns.flatMap((c) => c.sql).map(quoteIdentifier)
    const from = `SELECT ${select.join(', ')} FROM ${quoteIdentifier(table.name)} t`
    const condition = where.replace(/^WHERE /i, '')
    const order = table.child ? 'parent_id, position' : 'id'
    const after = table.child ? '(parent_id, position) > (?, ?)' : 'id > ?'
    // The alias `t` is the one the review grid's WHERE clauses use.
    const first = this.db
      .prepare(
        `${from} ${condition ? `WHERE ${condition}` : ''} ORDER BY ${order} LIMIT ${PAGE_ROWS}`,
      )
      .raw(true)
    const next = this.db
      .prepare(
        `${from} WHERE ${condition ? `(${condition}) AND ` : ''}${after} ORDER BY ${order} LIMIT ${PAGE_ROWS}`,
      )
      .raw(true)
    let page = first.iterate(...params) as IterableIterator<unknown[]>
    for (;;) {
      let count = 0
      let last: unknown[] | undefined
      for (const row of page) {
        count++
        last = row
        yield row
      }
      if (last === undefined || count < PAGE_ROWS) return
      const key = table.child ? [last[0], last[1]] : [last[0]]
      page = next.iterate(...params, ...key) as IterableIterator<unknown[]>
    }
  }

  /** Streams `[id, raw]` of every record of a table. */
  iterateRaw(table: string): IterableIterator<[unknown, string]> {
    const order = this.columnNames(table).has('position')
      ? 'parent_id, position'
      : 'id'
    const idColumn = order === 'id' ? 'id' : 'parent_id'
    return this.db
      .prepare(
        `SELECT ${idColumn}, raw FROM ${quoteIdentifier(table)} ORDER BY ${order}`,
      )
      .raw(true)
      .iterate() as IterableIterator<[unknown, string]>
  }

  count(table: string): number {
    if (!this.hasTable(table)) return 0
    return this.db
      .prepare(`SELECT COUNT(*) FROM ${quoteIdentifier(table)}`)
      .pluck()
      .get() as number
  }

  countWhere(table: string, where: string, params: readonly unknown[]): number {
    return this.db
      .prepare(
        `SELECT COUNT(*) FROM ${quoteIdentifier(table)} t WHERE ${where}`,
      )
      .pluck()
      .get(...params) as number
  }

  /** Returns the store's own count from the latest pull that recorded one. */
  storeCount(entity: EntityKey): number | null {
    if (!this.hasTable('store_counts')) return null
    const value = this.db
      .prepare(
        'SELECT store_count FROM store_counts WHERE entity = ? ORDER BY run_id DESC LIMIT 1',
      )
      .pluck()
      .get(entity) as number | undefined
    return value ?? null
  }

  storeInfo(): StoreInfo {
    if (!this.hasTable('store_settings')) {
      return { name: null, url: null, secureUrl: null, timeZone: null }
    }
    const row = this.db
      .prepare('SELECT * FROM store_settings LIMIT 1')
      .get() as Record<string, unknown> | undefined
    const raw = parseObject(row?.['raw'])
    const information = (raw['StoreInformation'] ?? {}) as Record<
      string,
      unknown
    >
    const standards = (raw['StoreStandards'] ?? {}) as Record<string, unknown>
    return {
      name: textOrNull(row?.['store_name'] ?? information['StoreName']),
      url: textOrNull(row?.['store_url'] ?? information['StoreURL']),
      secureUrl: textOrNull(information['StoreSecureURL']),
      timeZone: textOrNull(row?.['time_zone'] ?? standards['StoreTimeZone']),
    }
  }
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

function parseObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return {}
  try {
    const value: unknown = JSON.parse(raw)
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}
