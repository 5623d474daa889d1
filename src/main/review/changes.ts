/**
 * What changed: the records a pull added, changed or removed, per entity,
 * from the archive's change log.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type {
  ChangeRun,
  EntityChangeList,
} from '../../shared/ipc/channels/review.ts'
import { findCatalog } from './catalog.ts'
import { recordTitles } from './titles.ts'

type Database = BetterSqlite3.Database

/** Records listed per entity and kind of change; the counts stay exact. */
export const CHANGE_LIST_LIMIT = 100

/** Finished pulls, newest first, with their change counts. */
export function listChangeRuns(db: Database, limit = 20): ChangeRun[] {
  const runs = db
    .prepare(
      `SELECT id, mode, status, started_at AS startedAt, finished_at AS finishedAt
       FROM sync_runs WHERE status <> 'running' ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as Array<Omit<ChangeRun, 'added' | 'changed' | 'removed'>>
  const totals = db.prepare(
    `SELECT coalesce(sum(change = 'added'), 0) AS added,
            coalesce(sum(change = 'changed'), 0) AS changed,
            coalesce(sum(change = 'removed'), 0) AS removed
     FROM record_changes WHERE run_id = ?`,
  )
  return runs.map((run) => ({
    ...run,
    ...(totals.get(run.id) as {
      added: number
      changed: number
      removed: number
    }),
  }))
}

type ChangeKind = 'added' | 'changed' | 'removed'

function changeIds(
  db: Database,
  runId: number,
  entity: string,
  change: ChangeKind,
): Array<number | string> {
  return db
    .prepare(
      `SELECT record_id FROM record_changes
       WHERE run_id = ? AND entity = ? AND change = ? ORDER BY record_id LIMIT ?`,
    )
    .pluck()
    .all(runId, entity, change, CHANGE_LIST_LIMIT) as Array<number | string>
}

/** The changes of one run per entity, with titles of the records still stored. */
export function getRunChanges(db: Database, runId: number): EntityChangeList[] {
  const counts = db
    .prepare(
      `SELECT entity, sum(change = 'added') AS added,
              sum(change = 'changed') AS changed, sum(change = 'removed') AS removed
       FROM record_changes WHERE run_id = ? GROUP BY entity ORDER BY entity`,
    )
    .all(runId) as Array<{
    entity: string
    added: number
    changed: number
    removed: number
  }>
  return counts.map((row) => {
    const catalog = findCatalog(row.entity)
    const list = (change: ChangeKind) => {
      const ids = changeIds(db, runId, row.entity, change)
      // Removed records are gone from their table, so only the id remains.
      const titles =
        change === 'removed' ? new Map() : recordTitles(db, row.entity, ids)
      return ids.map((id) => ({
        id,
        title: titles.get(id) ?? `Record ${String(id)}`,
      }))
    }
    return {
      entity: row.entity,
      label: catalog?.label ?? row.entity,
      added: row.added,
      changed: row.changed,
      removed: row.removed,
      records: {
        added: list('added'),
        changed: list('changed'),
        removed: list('removed'),
      },
    }
  })
}
