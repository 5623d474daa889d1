/**
 * Bookkeeping of pulls: runs, per-entity checkpoints, store counts, errors
 * and the change log that the "what changed" review reads.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { EntityKey } from '../../shared/entities.ts'

export interface CheckpointState {
  entity: EntityKey
  runId: number
  nextOffset: number
  received: number
  storeCount: number | null
  phase: 'walk' | 'verify' | 'done'
  updatedAt: string
}

export interface RunInfo {
  id: number
  mode: string
  status: string
  startedAt: string
  finishedAt: string | null
}

export interface EntityChanges {
  entity: EntityKey
  added: number
  changed: number
  removed: number
}

export type ChangeKind = 'added' | 'changed' | 'removed'

interface CheckpointRow {
  entity: EntityKey
  run_id: number
  next_offset: number
  received: number
  store_count: number | null
  phase: CheckpointState['phase']
  updated_at: string
}

export function now(): string {
  return new Date().toISOString()
}

/** Prepared statements of the bookkeeping tables. */
export class RunStatements {
  readonly insertRun: BetterSqlite3.Statement
  readonly finishRun: BetterSqlite3.Statement
  readonly lastRun: BetterSqlite3.Statement
  readonly getCheckpoint: BetterSqlite3.Statement
  readonly saveCheckpoint: BetterSqlite3.Statement
  readonly clearCheckpoint: BetterSqlite3.Statement
  readonly storeCount: BetterSqlite3.Statement
  readonly error: BetterSqlite3.Statement
  readonly pageChanges: BetterSqlite3.Statement
  readonly removal: BetterSqlite3.Statement
  readonly changesForRun: BetterSqlite3.Statement
  readonly changedIds: BetterSqlite3.Statement

  constructor(db: BetterSqlite3.Database) {
    this.insertRun = db.prepare(
      `INSERT INTO sync_runs (mode, status, entities, started_at)
       VALUES (?, 'running', ?, ?)`,
    )

    this.finishRun = db.prepare(
      `UPDATE sync_runs SET status = ?, finished_at = ?, summary = ?
       WHERE id = ?`,
    )

    this.lastRun = db.prepare(
      `SELECT id, mode, status, started_at AS startedAt,
              finished_at AS finishedAt
       FROM sync_runs ORDER BY id DESC LIMIT 1`,
    )

    this.getCheckpoint = db.prepare(
      'SELECT * FROM checkpoints WHERE entity = ?',
    )

    this.saveCheckpoint = db.prepare(
      `INSERT OR REPLACE INTO checkpoints
         (entity, run_id, next_offset, received, store_count, phase, updated_at)
       VALUES (@entity, @runId, @nextOffset, @received, @storeCount, @phase,
               @updatedAt)`,
    )

    this.clearCheckpoint = db.prepare(
      'DELETE FROM checkpoints WHERE entity = ?',
    )

    this.storeCount = db.prepare(
      `INSERT OR REPLACE INTO store_counts
         (run_id, entity, store_count, recorded_at) VALUES (?, ?, ?, ?)`,
    )

    this.error = db.prepare(
      `INSERT INTO sync_errors
         (run_id, entity, code, message, occurred_at, record_raw)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    // The first outcome in a run wins (a record seen twice because pages
    // shifted stays "added"), except that a removal always counts. The last
    // parameter is a JSON array of `[record id, change]` pairs of one page, in order.
    this.pageChanges = db.prepare(
      `INSERT OR IGNORE INTO record_changes (run_id, entity, record_id, change)
       SELECT ?, ?, value ->> 0, value ->> 1 FROM json_each(?)`,
    )

    this.removal = db.prepare(
      `INSERT INTO record_changes (run_id, entity, record_id, change)
       VALUES (?, ?, ?, 'removed')
       ON CONFLICT (run_id, entity, record_id) DO UPDATE SET change = 'removed'`,
    )

    this.changesForRun = db.prepare(
      `SELECT entity,
              sum(change = 'added') AS added,
              sum(change = 'changed') AS changed,
              sum(change = 'removed') AS removed
       FROM record_changes WHERE run_id = ?
       GROUP BY entity ORDER BY entity`,
    )

    this.changedIds = db
      .prepare(
        `SELECT record_id FROM record_changes
         WHERE run_id = ? AND entity = ? AND change = ? ORDER BY record_id`,
      )
      .pluck()
  }
}

export function checkpointFromRow(row: CheckpointRow): CheckpointState {
  return {
    entity: row.entity,
    runId: row.run_id,
    nextOffset: row.next_offset,
    received: row.received,
    storeCount: row.store_count,
    phase: row.phase,
    updatedAt: row.updated_at,
  }
}

export type { CheckpointRow }
