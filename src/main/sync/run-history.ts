/**
 * Read-only queries over the archive's `sync_runs` table that the pull
 * needs and the archive's API does not offer: a run by id, the last
 * completed run, and the start of the unfinished runs after it.
 */
import type { Archive, RunInfo } from '../archive/index.ts'

const RUN_COLUMNS = `id, mode, status, started_at AS startedAt,
  finished_at AS finishedAt`

export function runById(archive: Archive, id: number): RunInfo | undefined {
  return archive.db
    .prepare(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = ?`)
    .get(id) as RunInfo | undefined
}

export function lastCompletedRun(archive: Archive): RunInfo | undefined {
  return archive.db
    .prepare(
      `SELECT ${RUN_COLUMNS} FROM sync_runs
       WHERE status = 'completed' ORDER BY id DESC LIMIT 1`,
    )
    .get() as RunInfo | undefined
}

/**
 * Start time (ISO 8601) of the earliest run since the last completed one,
 * counting `currentRunId`. A pull resumed across several interrupted runs
 * began then, so changes made after it may have been missed.
 */
export function chainStartedAt(archive: Archive, currentRunId: number): string {
  const lastCompleted = lastCompletedRun(archive)?.id ?? 0
  const row = archive.db
    .prepare(`SELECT min(started_at) FROM sync_runs WHERE id > ? AND id <= ?`)
    .pluck()
    .get(lastCompleted, currentRunId) as string | null
  return row ?? new Date().toISOString()
}

/**
 * Closes the runs left 'running' by a process that was killed, as
 * 'cancelled' with `{"interrupted":true}` as their summary. Call it before
 * a new run starts, because one archive is pulled by one process at a time.
 */
export function markInterruptedRuns(archive: Archive): number {
  return archive.db
    .prepare(
      `UPDATE sync_runs
       SET status = 'cancelled', finished_at = ?, summary = ?
       WHERE status = 'running'`,
    )
    .run(new Date().toISOString(), JSON.stringify({ interrupted: true }))
    .changes
}
