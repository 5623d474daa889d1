/**
 * The archive: one SQLite file per store holding every pulled record as raw
 * JSON plus typed columns, child tables, a search index and the bookkeeping
 * of pulls. The pull engine writes through `upsertPage`; review screens and
 * exports read the tables directly (see docs/archive-schema.md).
 */
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../shared/errors.ts'
import { log } from '../log.ts'
import { getEntity, type EntityKey } from '../../shared/entities.ts'
import { BULK_LOAD_MIN_RECORDS, BulkIndexes } from './bulk-indexes.ts'
import { StoreClock } from './dates.ts'
import { ArchiveErrorCode, toArchiveError } from './errors.ts'
import { openDatabase, openWriter, type OpenOptions } from './open.ts'
import { RecordWriter, type UpsertOutcome } from './record-writer.ts'
import {
  RunStatements,
  checkpointFromRow,
  now,
  type ChangeKind,
  type CheckpointRow,
  type CheckpointState,
  type EntityChanges,
  type RunInfo,
} from './runs.ts'
import { quoteIdentifier } from './schema.ts'
import {
  SubstringIndex,
  searchArchive,
  type SearchHit,
  type SearchOptions,
} from './search.ts'
import {
  readStoreSettings,
  refreshUtcColumns,
  writeStoreSettingsRow,
} from './store-settings.ts'
import { recordTable } from './tables.ts'
import { WordIndex } from './word-index.ts'
import type { WriterLock } from './writer-lock.ts'

export type { CheckpointState } from './runs.ts'

/** A record as received: `raw` is its JSON text, stored verbatim. */
export interface RawRecord {
  raw: string
  value: Record<string, unknown>
}

export interface PageCounts {
  added: number
  changed: number
  unchanged: number
}

export interface EntityCompleteness {
  entity: EntityKey
  /** Count the store reported at the last pull that recorded one. */
  storeCount: number | null
  localCount: number
  /** When that count was recorded (ISO 8601 UTC). */
  pulledAt: string | null
  runId: number | null
}

/** Names the entity's table and its child tables. */
function entityTables(writer: RecordWriter): string[] {
  const table = writer.table
  return [table.definition.key, ...table.children.map((child) => child.table)]
}

export class Archive {
  readonly db: BetterSqlite3.Database
  readonly file: string
  private clock: StoreClock
  private readonly writers = new Map<EntityKey, RecordWriter>()
  private readonly runs: RunStatements
  private readonly substringIndex: SubstringIndex
  private readonly wordIndex: WordIndex
  private readonly bulkIndexes: BulkIndexes
  /** Run that `upsertPage` logs changes under when no checkpoint names one. */
  private activeRunId: number | null = null
  /** Writer lock of an archive opened for writing, released by `close`. */
  private readonly lock: WriterLock | null

  private constructor(
    db: BetterSqlite3.Database,
    file: string,
    lock: WriterLock | null,
  ) {
    this.db = db
    this.file = file
    this.lock = lock
    this.runs = new RunStatements(db)
    this.substringIndex = new SubstringIndex(db)
    this.wordIndex = new WordIndex(db)
    this.bulkIndexes = new BulkIndexes(db)
    this.clock = new StoreClock(readStoreSettings(db)?.timeZone)
    db.function('archive_store_utc', { deterministic: false }, (raw) =>
      this.clock.toUtc(raw),
    )
  }

  /**
   * Opens an archive, creating it when missing; runs migrations. Unless
   * `readonly`, takes the writer lock, so it throws ARCHIVE_LOCKED while
   * another pull writes the file.
   */
  static open(file: string, options?: OpenOptions): Archive {
    const { db, lock } = options?.readonly
      ? { db: openDatabase(file, options), lock: null }
      : openWriter(file, options)
    try {
      const archive = new Archive(db, file, lock)
      // A pull killed during a bulk load left indexes to build and
      // records not yet searchable by word.
      if (!db.readonly) {
        archive.restoreBulkIndexes()
        archive.catchUpWordIndex()
      }
      return archive
    } catch (error) {
      db.close()
      lock?.release()
      throw toArchiveError(file, error)
    }
  }

  close(): void {
    if (this.db.open) this.db.close()
    this.lock?.release()
  }

  /** Runs `work` and turns SQLite failures into archive `AppError`s. */
  private guard<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      throw toArchiveError(this.file, error)
    }
  }

  private writer(entity: EntityKey): RecordWriter {
    let writer = this.writers.get(entity)
    if (writer === undefined) {
      const table = recordTable(entity)
      if (table === undefined) {
        throw new AppError(
          ArchiveErrorCode.unknownEntity,
          `"${entity}" has no record table in the archive. Store settings ` +
            'go through setStoreSettings.',
          { entity },
        )
      }
      writer = new RecordWriter(this.db, table)
      this.writers.set(entity, writer)
    }
    return writer
  }

  /**
   * Saves the StoreSettings object. When its time zone resolves to another
   * zone than the `*_utc` columns were computed with, every `*_utc` column
   * is computed again from its `*_raw`.
   */
  setStoreSettings(raw: string, value: Record<string, unknown>): void {
    this.guard(() => {
      this.db
        .transaction(() => {
          const before = readStoreSettings(this.db)?.timeZone ?? null
          const after = writeStoreSettingsRow(this.db, raw, value)
          this.clock = new StoreClock(after)
          refreshUtcColumns(this.db, before, after)
        })
        .immediate()
    })
  }

  storeTimeZone(): string | null {
    return readStoreSettings(this.db)?.timeZone ?? null
  }

  /**
   * Upserts the records in one transaction (raw, typed columns, child tables,
   * search text), logs what changed and saves the checkpoint. Nothing of the
   * page is written when any part fails.
   */
  upsertPage(
    entity: EntityKey,
    records: RawRecord[],
    checkpoint?: Omit<CheckpointState, 'updatedAt'>,
  ): PageCounts {
    const writer = this.writer(entity)
    const runId = checkpoint?.runId ?? this.activeRunId
    const counts: PageCounts = { added: 0, changed: 0, unchanged: 0 }
    const write = this.db.transaction(() => {
      if (checkpoint?.phase === 'walk') this.startBulkLoad(writer, records)
      const outcomes = writer.upsertPage(records, runId, this.clock)
      const changes: Array<[number | string, UpsertOutcome]> = []
      for (const { id, outcome } of outcomes) {
        counts[outcome] += 1
        if (outcome !== 'unchanged') changes.push([id, outcome])
      }
      if (changes.length > 0 && runId !== null) {
        this.runs.pageChanges.run(runId, entity, JSON.stringify(changes))
      }
      if (checkpoint !== undefined) {
        this.saveCheckpoint(checkpoint)
        // The walk of the entity is over: its records become searchable
        // by word, and its indexes are built, in the same transaction.
        if (checkpoint.phase !== 'walk') {
          this.wordIndex.catchUp()
          this.bulkIndexes.restore(entityTables(writer))
        }
      }
    })
    this.guard(() => write.immediate())
    return counts
  }

  /**
   * Defers the secondary indexes of the entity's tables when a walk writes
   * a full page into an empty table (see bulk-indexes.ts).
   */
  private startBulkLoad(writer: RecordWriter, records: RawRecord[]): void {
    if (records.length < BULK_LOAD_MIN_RECORDS || !writer.isEmpty()) return
    this.bulkIndexes.defer(entityTables(writer))
  }

  private saveCheckpoint(checkpoint: Omit<CheckpointState, 'updatedAt'>): void {
    this.runs.saveCheckpoint.run({
      entity: checkpoint.entity,
      runId: checkpoint.runId,
      nextOffset: checkpoint.nextOffset,
      received: checkpoint.received,
      storeCount: checkpoint.storeCount,
      phase: checkpoint.phase,
      updatedAt: now(),
    })
  }

  /** Deletes records gone from the store and logs them as removed. */
  deleteRecords(
    entity: EntityKey,
    ids: Array<number | string>,
    runId: number,
  ): number {
    const writer = this.writer(entity)
    let deleted = 0
    const remove = this.db.transaction(() => {
      for (const id of ids) {
        if (writer.delete(id)) {
          deleted += 1
          this.runs.removal.run(runId, entity, writer.normalizeId(id))
        }
      }
    })
    this.guard(() => remove.immediate())
    return deleted
  }

  /** Returns the ids of the stored records of an entity, in ascending order. */
  ids(entity: EntityKey): Array<number | string> {
    const table = this.tableName(entity)
    return this.guard(
      () =>
        this.db
          .prepare(`SELECT id FROM ${table} ORDER BY id`)
          .pluck()
          .all() as Array<number | string>,
    )
  }

  count(entity: EntityKey): number {
    const table = this.tableName(entity)
    return this.guard(
      () =>
        this.db
          .prepare(`SELECT count(*) FROM ${table}`)
          .pluck()
          .get() as number,
    )
  }

  /** Returns the record's JSON text exactly as received. */
  getRaw(entity: EntityKey, id: number | string): string | undefined {
    if (entity === 'store_settings') {
      return this.db
        .prepare('SELECT raw FROM store_settings WHERE id = 1')
        .pluck()
        .get() as string | undefined
    }
    const writer = this.writer(entity)
    const table = this.tableName(entity)
    return this.guard(
      () =>
        this.db
          .prepare(`SELECT raw FROM ${table} WHERE id = ?`)
          .pluck()
          .get(writer.normalizeId(id)) as string | undefined,
    )
  }

  private tableName(entity: EntityKey): string {
    getEntity(entity)
    return quoteIdentifier(entity)
  }

  /**
   * Records the start of a pull. A full pull suspends the substring index,
   * which `finishRun` rebuilds, and defers the word index, which the end of
   * each entity's walk and `finishRun` bring up to date.
   */
  startRun(mode: 'full' | 'incremental', entities: EntityKey[]): number {
    if (mode === 'full') {
      this.guard(() => {
        this.substringIndex.suspend()
        this.db.transaction(() => this.wordIndex.suspend()).immediate()
      })
    }
    const id = this.guard(
      () =>
        this.runs.insertRun.run(mode, JSON.stringify(entities), now())
          .lastInsertRowid,
    )
    this.activeRunId = Number(id)
    return this.activeRunId
  }

  finishRun(
    runId: number,
    status: 'completed' | 'cancelled' | 'failed',
    summary?: unknown,
  ): void {
    const summaryText = summary === undefined ? null : JSON.stringify(summary)
    this.guard(() => this.runs.finishRun.run(status, now(), summaryText, runId))
    if (this.activeRunId === runId) this.activeRunId = null
    this.catchUpWordIndex()
    this.restoreBulkIndexes()
    // A failed pull often failed in the archive itself (disk full), where a
    // rebuild would fail again. The next finished pull rebuilds instead.
    if (status === 'failed') return
    try {
      this.refreshSubstringIndex()
    } catch (error) {
      // The run is saved. Substring search stays off until a later rebuild.
      log.warn('archive: substring index rebuild failed', { runId, error })
    }
  }

  /**
   * Rebuilds the substring search index when it is stale. `finishRun` calls
   * it unless the pull failed. Until a rebuild succeeds, substring search
   * stays off.
   */
  refreshSubstringIndex(): void {
    this.guard(() => this.substringIndex.refresh())
  }

  /**
   * Indexes by word the records a full pull wrote since the word index was
   * deferred. On failure (a full disk) they stay due, and the next call
   * tries again.
   */
  private catchUpWordIndex(): void {
    if (this.db.readonly || !this.wordIndex.isDeferred()) return
    try {
      this.guard(() =>
        this.db.transaction(() => this.wordIndex.catchUp()).immediate(),
      )
    } catch (error) {
      log.warn('archive: word index catch-up failed', { error })
    }
  }

  /**
   * Builds the indexes a bulk load deferred. On failure (a full disk) they
   * stay deferred, and the next call tries again.
   */
  private restoreBulkIndexes(): void {
    if (this.db.readonly || !this.bulkIndexes.hasDeferred()) return
    try {
      this.guard(() =>
        this.db.transaction(() => this.bulkIndexes.restore()).immediate(),
      )
    } catch (error) {
      log.warn('archive: building deferred indexes failed', { error })
    }
  }

  getCheckpoint(entity: EntityKey): CheckpointState | undefined {
    const row = this.runs.getCheckpoint.get(entity) as CheckpointRow | undefined
    return row === undefined ? undefined : checkpointFromRow(row)
  }

  clearCheckpoint(entity: EntityKey): void {
    this.guard(() => this.runs.clearCheckpoint.run(entity))
  }

  recordStoreCount(runId: number, entity: EntityKey, count: number): void {
    this.guard(() => this.runs.storeCount.run(runId, entity, count, now()))
  }

  /**
   * Records an error of a run. `recordRaw` is the JSON of a record the run
   * could not store, kept with the error.
   */
  recordError(
    runId: number,
    entity: EntityKey | null,
    code: string,
    message: string,
    recordRaw: string | null = null,
  ): void {
    this.guard(() =>
      this.runs.error.run(runId, entity, code, message, now(), recordRaw),
    )
  }

  lastRun(): RunInfo | undefined {
    return this.runs.lastRun.get() as RunInfo | undefined
  }

  /** Counts the records a run added, changed and removed, per entity. */
  changesForRun(runId: number): EntityChanges[] {
    return this.runs.changesForRun.all(runId) as EntityChanges[]
  }

  /** Returns the ids of one entity's records that a run added, changed or removed. */
  changedIds(
    runId: number,
    entity: EntityKey,
    change: ChangeKind,
  ): Array<number | string> {
    return this.runs.changedIds.all(runId, entity, change) as Array<
      number | string
    >
  }

  /** Compares, per entity, the store's count at the last pull with the local count. */
  completeness(entities?: EntityKey[]): EntityCompleteness[] {
    const keys = entities ?? [...this.recordedEntities()]
    const latest = this.db.prepare(
      `SELECT c.store_count AS storeCount, c.run_id AS runId,
              coalesce(r.finished_at, c.recorded_at) AS pulledAt
       FROM store_counts c JOIN sync_runs r ON r.id = c.run_id
       WHERE c.entity = ? ORDER BY c.run_id DESC LIMIT 1`,
    )
    return keys.map((entity) => {
      const row = latest.get(entity) as
        { storeCount: number; runId: number; pulledAt: string } | undefined
      return {
        entity,
        storeCount: row?.storeCount ?? null,
        localCount: this.count(entity),
        pulledAt: row?.pulledAt ?? null,
        runId: row?.runId ?? null,
      }
    })
  }

  private recordedEntities(): Set<EntityKey> {
    const rows = this.db
      .prepare('SELECT DISTINCT entity FROM store_counts ORDER BY entity')
      .pluck()
      .all() as EntityKey[]
    return new Set(rows)
  }

  /**
   * Searches names, emails, SKUs, invoice numbers and addresses of all
   * records. Records that a running full pull wrote are indexed by word first.
   */
  search(query: string, options?: SearchOptions): SearchHit[] {
    this.catchUpWordIndex()
    // A writer leaves substrings off until it rebuilds a stale index. A
    // reader cannot rebuild it, so it reads the documents instead.
    const substrings = this.db.readonly || !this.substringIndex.isStale()
    return this.guard(() => searchArchive(this.db, query, options, substrings))
  }
}
