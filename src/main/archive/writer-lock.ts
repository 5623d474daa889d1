/**
 * One writer per archive. A pull keeps a write transaction open, never
 * committed, on a small SQLite file beside the archive
 * (`<archive>-writer.lock`) for as long as its `Archive` is open. A second
 * writer's `BEGIN IMMEDIATE` on that file fails with SQLITE_BUSY, so it
 * stops with ARCHIVE_LOCKED before it changes anything.
 *
 * Why an SQLite lock instead of a file with a process id: SQLite's lock is
 * an operating system lock (fcntl on POSIX, LockFileEx on Windows), which
 * the kernel drops when the holding process exits, even on kill -9. So no
 * stale lock is left to recognise, and a reused process id cannot keep an
 * archive locked. SQLite also makes two connections of one process
 * exclude each other. The lock sits in a separate file because a lock on
 * the archive itself would block the readers (review, export, verify),
 * which WAL mode lets read while a pull writes.
 *
 * The lock file stays after the pull. Deleting it on release would let a
 * writer waiting on the old file and a new writer on a new file both
 * succeed.
 */
import { accessSync, constants, existsSync } from 'node:fs'
import { basename } from 'node:path'
import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../shared/errors.ts'
import { log } from '../log.ts'
import {
  ArchiveErrorCode,
  sqliteCode,
  toArchiveError,
  writerLockedError,
} from './errors.ts'

export const WRITER_LOCK_SUFFIX = '-writer.lock'

/**
 * How long a writer waits for another writer's lock: long enough for a
 * pull that is just closing, short enough to report a running pull at once.
 */
const LOCK_WAIT_MS = 1000

export function writerLockPath(file: string): string {
  return `${file}${WRITER_LOCK_SUFFIX}`
}

/**
 * Rejects a lock file this process may not write. SQLite then opens it
 * read-only without an error, and on Linux (better-sqlite3 13) the
 * `BEGIN IMMEDIATE` of such a connection succeeded while another process
 * held the lock, so the lock would exclude nothing.
 */
function checkWritable(lockFile: string): void {
  try {
    accessSync(lockFile, constants.W_OK)
  } catch (error) {
    throw new AppError(
      ArchiveErrorCode.readOnly,
      `The lock file "${basename(lockFile)}" beside the archive cannot be ` +
        'written, so this pull cannot make sure it is the only one. Allow ' +
        'writing to it, or delete it while no pull runs, then try again.',
      { file: lockFile },
      { cause: error },
    )
  }
}

export class WriterLock {
  private readonly db: BetterSqlite3.Database

  private constructor(db: BetterSqlite3.Database) {
    this.db = db
  }

  /** Takes the archive's writer lock, or throws ARCHIVE_LOCKED. */
  static acquire(file: string): WriterLock {
    const lockFile = writerLockPath(file)
    let db: BetterSqlite3.Database
    try {
      db = new Database(lockFile, { timeout: LOCK_WAIT_MS })
    } catch (error) {
      throw toArchiveError(lockFile, error)
    }
    try {
      checkWritable(lockFile)
      db.exec('BEGIN IMMEDIATE')
    } catch (error) {
      db.close()
      if (sqliteCode(error)?.startsWith('SQLITE_BUSY')) {
        throw writerLockedError(file, error)
      }
      throw toArchiveError(lockFile, error)
    }
    return new WriterLock(db)
  }

  /** Releases the lock; closing rolls back the empty transaction. */
  release(): void {
    if (this.db.open) this.db.close()
  }
}

/** State of an archive's writer lock, as a probe from another connection finds it. */
export type WriterLockState = 'held' | 'free' | 'unknown'

/**
 * Probes the writer lock with `BEGIN IMMEDIATE` and no busy timeout, then
 * rolls back at once. A pull that starts during the probe waits for the
 * lock (LOCK_WAIT_MS) rather than failing. Returns `unknown` when the lock
 * file is missing or read-only, because a read-only connection's
 * `BEGIN IMMEDIATE` succeeds even while a pull holds the lock.
 */
export function probeWriterLock(file: string): WriterLockState {
  const lockFile = writerLockPath(file)
  if (!existsSync(lockFile)) return 'unknown'
  try {
    accessSync(lockFile, constants.W_OK)
  } catch {
    return 'unknown'
  }
  let db: BetterSqlite3.Database | undefined
  try {
    db = new Database(lockFile, { timeout: 0, fileMustExist: true })
    db.exec('BEGIN IMMEDIATE')
    db.exec('ROLLBACK')
    return 'free'
  } catch (error) {
    if (sqliteCode(error)?.startsWith('SQLITE_BUSY')) return 'held'
    log.warn('archive: writer lock probe failed', { lockFile, error })
    return 'unknown'
  } finally {
    db?.close()
  }
}
