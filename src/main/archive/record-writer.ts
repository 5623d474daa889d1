/**
 * Prepared statements and row building for one entity table with its child
 * tables and search document. Used inside the transactions of `Archive`.
 */
import { hash } from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../shared/errors.ts'
import { readRecordId } from '../../shared/entities.ts'
import { sqlColumnNames, type SqlValue } from './columns.ts'
import type { StoreClock } from './dates.ts'
import { ArchiveErrorCode } from './errors.ts'
import {
  appendColumnValues,
  collectSearchText,
  type JsonObject,
} from './extract.ts'
import { scanRecord } from './json-scan.ts'
import { parseKeepingNumbers, sourceFaithfulTree } from './json-source.ts'
import { quoteIdentifier, tableColumns } from './schema.ts'
import { DEFERRED_KEY } from './word-index.ts'
import type { ChildTableSpec, ResolvedTable } from './tables.ts'

export type UpsertOutcome = 'added' | 'changed' | 'unchanged'

export interface IncomingRecord {
  raw: string
  value: unknown
}

/** The outcome of one record of a page. */
export interface RecordOutcome {
  id: number | string
  outcome: UpsertOutcome
}

/** A record of a page, checked and with its id read. */
interface PageEntry {
  record: IncomingRecord
  value: JsonObject
  id: number | string
}

/** SHA-256 of the raw JSON text, hex: detects changed records. */
export function rawHash(raw: string): string {
  return hash('sha256', raw, 'hex')
}

/** Statements and pending rows of one child table. */
interface ChildStatements {
  spec: ChildTableSpec
  /** INSERT statements by the number of rows they write. */
  inserts: Map<number, BetterSqlite3.Statement>
  /** SQL of the INSERT up to its VALUES, and one row's placeholders. */
  insertHead: string
  rowMarks: string
  columnCount: number
  deleteAll: BetterSqlite3.Statement
  /**
   * True when the table has a `raw` column with each item's JSON text.
   * Only child tables of archives created by earlier versions have one.
   */
  storesRaw: boolean
  /** Values of the rows written by the next flush, row after row. */
  pending: SqlValue[]
}

/**
 * Rows written by one child INSERT: one statement for many rows costs
 * less than one statement run per row. 64 rows of the widest child table
 * stay far below SQLite's default limit of 32,766 parameters per statement.
 */
const CHILD_ROWS_PER_INSERT = 64

function isIntegerId(id: number | string): boolean {
  return typeof id === 'number'
    ? Number.isSafeInteger(id)
    : /^-?\d{1,15}$/.test(id)
}

/** Why a record cannot be stored: a stable code and a plain message. */
export interface RecordProblem {
  code: string
  message: string
  details: Record<string, unknown>
}

/**
 * Returns why a record of a page cannot be stored under its id, or null
 * when it can. A record cannot be stored when it is not an object or has
 * no id. Nor can it when the table stores integer ids and its id is not a
 * whole number of at most 15 digits. `raw` is the record's JSON text, so an
 * id too large for a JavaScript number is named as the store sent it.
 */
export function recordIdProblem(
  table: ResolvedTable,
  value: unknown,
  position: number,
  raw?: string,
): RecordProblem | null {
  const { definition } = table
  const record =
    `A ${definition.label.toLowerCase()} record at position ` +
    `${position + 1} of the page`
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      code: ArchiveErrorCode.invalidRecord,
      message: `${record} is not a JSON object, so it cannot be stored.`,
      details: { entity: definition.key, position },
    }
  }
  const id = readRecordId(definition, value)
  if (id === undefined || id === '') {
    return {
      code: ArchiveErrorCode.recordWithoutId,
      message: `${record} has no ${definition.idPath}, so it cannot be stored.`,
      details: { entity: definition.key, position },
    }
  }
  if (table.idType !== 'INTEGER' || isIntegerId(id)) return null
  const text =
    typeof id === 'number'
      ? numberText(id, definition.idPath, raw)
      : JSON.stringify(id)
  const reason = isWholeText(text)
    ? 'which is too large to store exactly as an integer ' +
      `(the largest is ${Number.MAX_SAFE_INTEGER})`
    : 'which is not a whole number'
  return {
    code: ArchiveErrorCode.invalidRecord,
    message: `${record} has the id ${text}, ${reason}, so it cannot be stored.`,
    details: { entity: definition.key, position, id: text },
  }
}

/**
 * Returns a numeric id as its JSON text when `raw` contains it, else as
 * JavaScript prints it. A member of that name nested before the id could
 * match first, so the text is used only when it parses to the same number.
 */
function numberText(id: number, idPath: string, raw?: string): string {
  const name = idPath.split('.').at(-1)!
  const pattern = new RegExp(
    `"${name}"\\s*:\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)`,
  )
  const text = raw?.match(pattern)?.[1]
  return text !== undefined && Number(text) === id ? text : String(id)
}

/** Returns true for the text of a whole number, signed, without exponent. */
function isWholeText(text: string): boolean {
  return /^-?\d+$/.test(text) || /^"-?\d+"$/.test(text)
}

function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ')
}

export class RecordWriter {
  readonly table: ResolvedTable
  private readonly db: BetterSqlite3.Database
  private readonly selectHashes: BetterSqlite3.Statement
  private readonly selectAny: BetterSqlite3.Statement
  private readonly insert: BetterSqlite3.Statement
  private readonly update: BetterSqlite3.Statement
  private readonly touch: BetterSqlite3.Statement
  private readonly remove: BetterSqlite3.Statement
  private readonly insertSearch: BetterSqlite3.Statement
  private readonly upsertSearch: BetterSqlite3.Statement
  private readonly removeSearch: BetterSqlite3.Statement
  private readonly children: ChildStatements[]
  /** Child lists whose tables keep each item's JSON text (older files). */
  private readonly rawChildFields: string[]
  private readonly searchColumnIndexes: number[]

  constructor(db: BetterSqlite3.Database, table: ResolvedTable) {
    this.db = db
    this.table = table
    const name = quoteIdentifier(table.definition.key)
    const typed = table.columns.flatMap(sqlColumnNames).map(quoteIdentifier)
    // One lookup per page instead of one per record: most records of a
    // first pull are new, and the json_each list binds as one parameter.
    this.selectHashes = db
      .prepare(
        `SELECT id, raw_hash FROM ${name}
         WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true)

    this.selectAny = db.prepare(`SELECT 1 FROM ${name} LIMIT 1`).pluck()

    const insertColumns = ['id', 'raw', 'raw_hash', ...typed]
    // Anonymous parameters only: binding a named-parameter object costs
    // more per record, and better-sqlite3 treats `?1` parameters as named.
    this.insert = db.prepare(
      `INSERT INTO ${name} (${insertColumns.join(', ')}, first_seen_run, last_seen_run, updated_run)
       VALUES (${placeholders(insertColumns.length + 3)})`,
    )
    const assignments = ['raw', 'raw_hash', ...typed].map((c) => `${c} = ?`)
    this.update = db.prepare(
      `UPDATE ${name} SET ${assignments.join(', ')},
       last_seen_run = COALESCE(?, last_seen_run),
       updated_run = COALESCE(?, updated_run)
       WHERE id = ?`,
    )

    this.touch = db.prepare(
      `UPDATE ${name} SET last_seen_run = ? WHERE id = ? AND ? IS NOT NULL`,
    )

    this.remove = db.prepare(`DELETE FROM ${name} WHERE id = ?`)
    // While the word index is deferred, a new row goes above the highest
    // rowid it covers, because only rows above it are indexed later (see
    // word-index.ts). Otherwise the subquery is NULL and SQLite picks the
    // rowid. DO NOTHING instead of DO UPDATE keeps the update trigger out
    // of the statement, which makes it several times faster.
    this.insertSearch = db.prepare(
      `INSERT INTO search_docs (rowid, entity, record_id, text) VALUES (
         (SELECT max((SELECT coalesce(max(rowid), 0) FROM search_docs),
                     CAST(value AS INTEGER)) + 1
          FROM archive_info WHERE key = '${DEFERRED_KEY}'),
         ?, ?, ?)
       ON CONFLICT (entity, record_id) DO NOTHING`,
    )
    this.upsertSearch = db.prepare(
      `INSERT INTO search_docs (entity, record_id, text) VALUES (?, ?, ?)
       ON CONFLICT (entity, record_id) DO UPDATE SET text = excluded.text
       WHERE text IS NOT excluded.text`,
    )

    this.removeSearch = db.prepare(
      'DELETE FROM search_docs WHERE entity = ? AND record_id = ?',
    )

    this.children = table.children.map((spec) => this.prepareChild(db, spec))
    this.rawChildFields = this.children
      .filter((child) => child.storesRaw)
      .map((child) => child.spec.field)
    const allTyped = table.columns.flatMap(sqlColumnNames)
    this.searchColumnIndexes = table.searchColumns.map((c) =>
      allTyped.indexOf(c),
    )
  }

  private prepareChild(
    db: BetterSqlite3.Database,
    spec: ChildTableSpec,
  ): ChildStatements {
    const name = quoteIdentifier(spec.table)
    const storesRaw = tableColumns(db, spec.table).has('raw')
    const columns = [
      'parent_id',
      'position',
      ...(storesRaw ? ['raw'] : []),
      ...spec.columns.flatMap(sqlColumnNames).map(quoteIdentifier),
    ]
    return {
      spec,
      inserts: new Map(),
      insertHead: `INSERT INTO ${name} (${columns.join(', ')}) VALUES `,
      rowMarks: `(${placeholders(columns.length)})`,
      columnCount: columns.length,
      deleteAll: db.prepare(`DELETE FROM ${name} WHERE parent_id = ?`),
      storesRaw,
      pending: [],
    }
  }

  /** Returns the child INSERT of `rows` rows, preparing it once. */
  private childInsert(
    child: ChildStatements,
    rows: number,
  ): BetterSqlite3.Statement {
    let statement = child.inserts.get(rows)
    if (statement === undefined) {
      const values = new Array<string>(rows).fill(child.rowMarks).join(', ')
      statement = this.db.prepare(child.insertHead + values)
      child.inserts.set(rows, statement)
    }
    return statement
  }

  /**
   * Writes the pending child rows: chunks of CHILD_ROWS_PER_INSERT, then
   * the rest in chunks of halving size, so at most seven statements per
   * table are ever prepared.
   */
  private flushChildren(): void {
    for (const child of this.children) {
      const values = child.pending
      const width = child.columnCount
      let offset = 0
      let rows = values.length / width
      let chunk = CHILD_ROWS_PER_INSERT
      while (rows > 0) {
        while (chunk > rows) chunk >>= 1
        const end = offset + chunk * width
        this.childInsert(child, chunk).run(values.slice(offset, end))
        offset = end
        rows -= chunk
      }
      child.pending = []
    }
  }

  isEmpty(): boolean {
    return this.selectAny.get() === undefined
  }

  /** Reads the record's id; raises when the record has none. */
  recordId(value: unknown, position: number, raw?: string): number | string {
    const problem = recordIdProblem(this.table, value, position, raw)
    if (problem !== null) {
      throw new AppError(
        problem.code,
        `${problem.message} Nothing of the page was saved.`,
        problem.details,
      )
    }
    return this.normalizeId(readRecordId(this.table.definition, value)!)
  }

  /**
   * Inserts or updates the records of one page and returns what each became.
   * Must run inside a transaction. Every record is checked before the first
   * write, so a bad record fails the page without partial work in it.
   */
  upsertPage(
    records: readonly IncomingRecord[],
    runId: number | null,
    clock: StoreClock,
  ): RecordOutcome[] {
    const entries = records.map((record, position) =>
      this.readEntry(record, position),
    )
    // Rows queued by a page that failed part way were never written.
    for (const child of this.children) child.pending = []
    const previous = this.previousHashes(entries)
    const outcomes = entries.map((entry) => {
      const key = this.lookupKey(entry.id)
      const outcome = this.upsert(entry, previous.get(key), runId, clock)
      // A later record of the same page with this id is then an update.
      previous.set(key, outcome.digest)
      return { id: entry.id, outcome: outcome.outcome }
    })
    this.flushChildren()
    return outcomes
  }

  private readEntry(record: IncomingRecord, position: number): PageEntry {
    const value = record.value ?? JSON.parse(record.raw)
    const id = this.recordId(value, position, record.raw)
    return { record, value: value as JsonObject, id }
  }

  /**
   * Returns the id as SQLite stores it, as text: an INTEGER table turns the
   * id "0123" into 123, and the stored row must be found under either.
   */
  private lookupKey(id: number | string): string {
    return this.table.idType === 'INTEGER' ? String(Number(id)) : String(id)
  }

  /** Returns the stored raw hash of each record of the page that exists. */
  private previousHashes(entries: readonly PageEntry[]): Map<string, string> {
    const hashes = new Map<string, string>()
    if (entries.length === 0) return hashes
    const ids = JSON.stringify(entries.map((entry) => entry.id))
    const rows = this.selectHashes.all(ids) as Array<[number | string, string]>
    for (const [id, digest] of rows) hashes.set(this.lookupKey(id), digest)
    return hashes
  }

  private upsert(
    entry: PageEntry,
    previous: string | undefined,
    runId: number | null,
    clock: StoreClock,
  ): { outcome: UpsertOutcome; digest: string } {
    const { record, id } = entry
    const digest = rawHash(record.raw)
    if (previous === digest) {
      this.touch.run(runId, id, runId)
      return { outcome: 'unchanged', digest }
    }
    // The scan finds the items' source text for child tables that keep
    // it. Without such tables, a regular expression over the text is
    // enough to tell whether the parsed numbers are exact.
    const scan =
      this.rawChildFields.length === 0
        ? undefined
        : scanRecord(record.raw, this.rawChildFields)
    let tree: JsonObject
    if (scan === undefined) {
      tree = sourceFaithfulTree(record.raw, entry.value) as JsonObject
    } else if (scan.inexactNumbers) {
      tree = parseKeepingNumbers(record.raw) as JsonObject
    } else tree = entry.value
    const typed: SqlValue[] = []
    for (const spec of this.table.columns) {
      appendColumnValues(spec, tree, undefined, clock, typed)
    }
    if (previous === undefined) {
      this.insert.run(id, record.raw, digest, ...typed, runId, runId, runId)
    } else {
      // Rows pending for an earlier copy of this record in the page must
      // exist before the delete removes them.
      this.flushChildren()
      this.update.run(record.raw, digest, ...typed, runId, runId, id)
      for (const child of this.children) child.deleteAll.run(id)
    }
    this.writeChildren(id, tree, clock, scan?.lists)
    this.writeSearch(id, tree, typed, previous === undefined)
    return { outcome: previous === undefined ? 'added' : 'changed', digest }
  }

  /**
   * Queues the child rows for `flushChildren`. In a table that keeps each
   * item's JSON text, that text is the item's source text from `sources`
   * when the scan found the list, else the item serialized again.
   */
  private writeChildren(
    id: number | string,
    tree: JsonObject,
    clock: StoreClock,
    sources: Map<string, string[]> | undefined,
  ): void {
    for (const child of this.children) {
      const list = tree[child.spec.field]
      if (!Array.isArray(list)) continue
      let texts = sources?.get(child.spec.field)
      if (texts !== undefined && texts.length !== list.length) texts = undefined
      const row = child.pending
      list.forEach((item: unknown, position) => {
        row.push(id, position)
        if (child.storesRaw) row.push(texts?.[position] ?? JSON.stringify(item))
        const childRecord =
          item !== null && typeof item === 'object' ? (item as JsonObject) : {}
        for (const spec of child.spec.columns) {
          appendColumnValues(spec, childRecord, tree, clock, row)
        }
      })
    }
  }

  private writeSearch(
    id: number | string,
    tree: JsonObject,
    typed: SqlValue[],
    added: boolean,
  ): void {
    const parts: string[] = []
    for (const index of this.searchColumnIndexes) {
      const value = typed[index]
      if (value !== null && value !== undefined) parts.push(String(value))
    }
    collectSearchText(tree, this.table.search, parts)
    for (const child of this.table.children) {
      if (child.search.length === 0) continue
      const list = tree[child.field]
      if (!Array.isArray(list)) continue
      for (const item of list) {
        if (item !== null && typeof item === 'object') {
          collectSearchText(item as JsonObject, child.search, parts)
        }
      }
    }
    const key = this.table.definition.key
    if (parts.length === 0) {
      this.removeSearch.run(key, id)
      return
    }
    const text = [...new Set(parts)].join(' \n ')
    // A new record normally has no search document. If the file still has
    // one for its id (edited outside the app), the upsert replaces it.
    if (added && this.insertSearch.run(key, id, text).changes === 1) return
    this.upsertSearch.run(key, id, text)
  }

  /**
   * Brings an id to the column's type: SQLite would compare a number bound
   * to a TEXT id as `12.0`, not `12`.
   */
  normalizeId(id: number | string): number | string {
    return this.table.idType === 'TEXT' ? String(id) : id
  }

  /** Deletes a record with its children and search document. */
  delete(rawId: number | string): boolean {
    const id = this.normalizeId(rawId)
    const key = this.table.definition.key
    const changes = this.remove.run(id).changes
    if (changes > 0) this.removeSearch.run(key, id)
    return changes > 0
  }
}
