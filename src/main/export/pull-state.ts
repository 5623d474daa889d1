/**
 * Detects a pull writing to the archive during an export, so the summary can
 * tell the user that the files show the archive as of the export's start.
 */
import { accessSync, constants, existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { sqliteCode } from '../archive/errors.ts'
import { writerLockPath } from '../archive/writer-lock.ts'
import { log } from '../log.ts'
import type { ArchiveSource } from './source.ts'

export const PULL_WRITING_NOTICE =
  'A pull was writing to this archive, so the export shows the archive as ' +
  'it was when the export started, and records that the pull stored later ' +
  'are not in it.'

type LockState = 'held' | 'free' | 'unknown'

/**
 * Probes the pull's writer lock with `BEGIN IMMEDIATE` and no busy timeout,
 * then rolls back at once. A pull that starts during the probe waits for
 * the lock (its busy timeout is a second) rather than failing. Returns `unknown`
 * when the lock file is missing or read-only, because a read-only
 * connection's `BEGIN IMMEDIATE` succeeds even while a pull holds the lock.
 */
function writerLockState(archive: string): LockState {
  const lockFile = writerLockPath(archive)
  if (!existsSync(lockFile)) return 'unknown'
  try {
    accessSync(lockFile, constants.W_OK)
  } catch {
    return 'unknown'
  }
  let db: Database.Database | undefined
  try {
    db = new Database(lockFile, { timeout: 0, fileMustExist: true })
    db.exec('BEGIN IMMEDIATE')
    db.exec('ROLLBACK')
    return 'free'
  } catch (error) {
    if (sqliteCode(error)?.startsWith('SQLITE_BUSY')) return 'held'
    log.warn('export: writer lock probe failed', { lockFile, error })
    return 'unknown'
  } finally {
    db?.close()
  }
}

/** Tells whether the export's snapshot has a pull run that has not ended. */
function hasRunningRun(source: ArchiveSource): boolean {
  if (!source.hasTable('sync_runs')) return false
  const row = source.db
    .prepare("SELECT 1 FROM sync_runs WHERE status = 'running' LIMIT 1")
    .get()
  return row !== undefined
}

/**
 * Tells whether a pull is writing to the archive. The writer lock decides
 * when it can be probed: a free lock with a run still marked running is a
 * pull that was killed. Without the lock, a running run is the only sign.
 */
export function isPullWriting(source: ArchiveSource): boolean {
  const lock = writerLockState(source.file)
  if (lock !== 'unknown') return lock === 'held'
  return hasRunningRun(source)
}
