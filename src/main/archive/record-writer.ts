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
import { sourceFaithfulTree } from './json-source.ts'
import { quoteIdentifier } from './schema.ts'
import type { ChildTableSpec, ResolvedTable } from './tables.ts'

export type UpsertOutcome = 'added' | 'changed' | 'unchanged'

export interface IncomingRecord {
  raw: string
  value: unknown
}

/** SHA-256 of the raw JSON text, hex: detects changed records. */
export function rawHash(raw: string): string {
  return hash('sha256', raw, 'hex')
}

interface ChildStatements {
  spec: ChildTableSpec
  insert: BetterSqlite3.Statement
  deleteAll: BetterSqlite3.Statement
}

function isIntegerId(id: number | string): boolean {
  return typeof id === 'number'
    ? Number.isSafeInteger(id)
    : /^-?\d{1,15}$/.test(id)
}

function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ')
}

export class RecordWriter {
  readonly table: ResolvedTable
  private readonly selectHash: BetterSqlite3.Statement
  private readonly insert: BetterSqlite3.Statement
  private readonly update: BetterSqlite3.Statement
  private readonly touch: BetterSqlite3.Statement
  private readonly remove: BetterSqlite3.Statement
  private readonly upsertSearch: BetterSqlite3.Statement
  private readonly removeSearch: BetterSqlite3.Statement
  private readonly children: ChildStatements[]
  private readonly searchColumnIndexes: number[]

  constructor(db: BetterSqlite3.Database, table: ResolvedTable) {
    this.table = table
    const name = quoteIdentifier(table.definition.key)
    const typed = table.columns.flatMap(sqlColumnNames).map(quoteIdentifier)
    this.selectHash = db
      .prepare(`SELECT raw_hash FROM ${name} WHERE id = ?`)
      .pluck()

    const insertColumns = ['id', 'raw', 'raw_hash', ...typed]
    this.insert = db.prepare(
      `INSERT INTO ${name} (${insertColumns.join(', ')}, first_seen_run, last_seen_run, updated_run)
       VALUES (${placeholders(insertColumns.length)}, @run, @run, @run)`,
    )
    const assignments = ['raw', 'raw_hash', ...typed].map((c) => `${c} = ?`)
    this.update = db.prepare(
      `UPDATE ${name} SET ${assignments.join(', ')},
       last_seen_run = COALESCE(@run, last_seen_run),
       updated_run = COALESCE(@run, updated_run)
       WHERE id = @id`,
    )

    this.touch = db.prepare(
      `UPDATE ${name} SET last_seen_run = @run WHERE id = @id AND @run IS NOT NULL`,
    )

    this.remove = db.prepare(`DELETE FROM ${name} WHERE id = ?`)
    this.upsertSearch = db.prepare(
      `INSERT INTO search_docs (entity, record_id, text) VALUES (?, ?, ?)
       ON CONFLICT (entity, record_id) DO UPDATE SET text = excluded.text
       WHERE text IS NOT excluded.text`,
    )

    this.removeSearch = db.prepare(
      'DELETE FROM search_docs WHERE entity = ? AND record_id = ?',
    )

    this.children = table.children.map((spec) => this.prepareChild(db, spec))
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
    const columns = [
      'parent_id',
      'position',
      'raw',
      ...spec.columns.flatMap(sqlColumnNames).map(quoteIdentifier),
    ]
    return {
      spec,
      insert: db.prepare(
        `INSERT INTO ${name} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`,
      ),
      deleteAll: db.prepare(`DELETE FROM ${name} WHERE parent_id = ?`),
    }
  }

  /** Reads the record's id; raises when the record has none. */
  recordId(value: unknown, position: number): number | string {
    const id = readRecordId(this.table.definition, value)
    if (id === undefined || id === '') {
      throw new AppError(
        ArchiveErrorCode.recordWithoutId,
        `A ${this.table.definition.label.toLowerCase()} record at position ` +
          `${position + 1} of the page has no ${this.table.definition.idPath}, ` +
          'so it cannot be stored. Nothing of the page was saved.',
        { entity: this.table.definition.key, position },
      )
    }
    if (this.table.idType === 'INTEGER' && !isIntegerId(id)) {
      throw new AppError(
        ArchiveErrorCode.invalidRecord,
        `A ${this.table.definition.label.toLowerCase()} record at position ` +
          `${position + 1} of the page has the id ${JSON.stringify(id)}, ` +
          'which is not a whole number. Nothing of the page was saved.',
        { entity: this.table.definition.key, position, id },
      )
    }
    return this.normalizeId(id)
  }

  /** Inserts or updates one record; must run inside a transaction. */
  upsert(
    record: IncomingRecord,
    position: number,
    runId: number | null,
    clock: StoreClock,
  ): { id: number | string; outcome: UpsertOutcome } {
    const value = record.value ?? JSON.parse(record.raw)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new AppError(
        ArchiveErrorCode.invalidRecord,
        `A ${this.table.definition.label.toLowerCase()} record at position ` +
          `${position + 1} of the page is not a JSON object. Nothing of the ` +
          'page was saved.',
        { entity: this.table.definition.key, position },
      )
    }
    const id = this.recordId(value, position)
    const digest = rawHash(record.raw)
    const previous = this.selectHash.get(id) as string | undefined
    if (previous === digest) {
      this.touch.run({ run: runId, id })
      return { id, outcome: 'unchanged' }
    }
    const tree = sourceFaithfulTree(record.raw, value) as JsonObject
    const typed: SqlValue[] = []
    for (const spec of this.table.columns) {
      appendColumnValues(spec, tree, undefined, clock, typed)
    }
    if (previous === undefined) {
      this.insert.run({ run: runId }, id, record.raw, digest, ...typed)
    } else {
      this.update.run({ run: runId, id }, record.raw, digest, ...typed)
      for (const child of this.children) child.deleteAll.run(id)
    }
    this.writeChildren(id, tree, clock)
    this.writeSearch(id, tree, typed)
    return { id, outcome: previous === undefined ? 'added' : 'changed' }
  }

  private writeChildren(
    id: number | string,
    tree: JsonObject,
    clock: StoreClock,
  ): void {
    for (const child of this.children) {
      const list = tree[child.spec.field]
      if (!Array.isArray(list)) continue
      list.forEach((item: unknown, position) => {
        const row: SqlValue[] = [id, position, JSON.stringify(item)]
        const childRecord =
          item !== null && typeof item === 'object' ? (item as JsonObject) : {}
        for (const spec of child.spec.columns) {
          appendColumnValues(spec, childRecord, tree, clock, row)
        }
        child.insert.run(row)
      })
    }
  }

  private writeSearch(
    id: number | string,
    tree: JsonObject,
    typed: SqlValue[],
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
    if (parts.length === 0) this.removeSearch.run(key, id)
    else this.upsertSearch.run(key, id, [...new Set(parts)].join(' \n '))
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
