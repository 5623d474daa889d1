/**
 * Opening an archive file: refuses files that are not SQLite, belong to
 * another program, come from a newer app or fail `PRAGMA quick_check`, and
 * never changes such a file. Then sets the pragmas and applies migrations.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { AppError } from '../../shared/errors.ts'
import { APP_VERSION } from '../app-version.ts'
import { registerDecimalSum } from './decimal-sql.ts'
import { addMissingColumns } from './upgrade.ts'
import { upgradeWordIndex } from './word-index.ts'
import { WriterLock } from './writer-lock.ts'
import {
  ArchiveErrorCode,
  corruptError,
  toArchiveError,
  unwritableError,
} from './errors.ts'
import {
  APPLICATION_ID,
  SCHEMA_VERSION,
  createMissingRecordTables,
  migrate,
} from './schema.ts'

/**
 * How long a statement waits for another program's lock before failing with
 * ARCHIVE_LOCKED: short, so the merchant hears about it instead of waiting.
 */
export const BUSY_TIMEOUT_MS = 1000

const SQLITE_HEADER = 'SQLite format 3\u0000'

export interface OpenOptions {
  readonly?: boolean
  /**
   * Runs `PRAGMA quick_check` before use (default true). It reads the whole
   * file (2.2 s for a 315 MB archive on a shared 2-core machine), so a
   * caller that reopens a file it checked before may skip it. Damage found
   * later still raises ARCHIVE_CORRUPT.
   */
  checkIntegrity?: boolean
  /**
   * Version of the running app, recorded in `archive_info`. Defaults to the
   * `version` of package.json.
   */
  appVersion?: string
}

function folderError(file: string): AppError {
  return new AppError(
    ArchiveErrorCode.unwritable,
    `"${file}" is a folder, not an archive file. Choose a file name, ` +
      `for example "${join(file, 'store.sqlite')}".`,
    { file },
  )
}

function readHeader(file: string): string | null {
  if (!existsSync(file)) return null
  const stats = statSync(file)
  if (stats.isDirectory()) throw folderError(file)
  if (stats.size === 0) return null
  const descriptor = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(16)
    const length = readSync(descriptor, buffer, 0, 16, 0)
    return buffer.subarray(0, length).toString('latin1')
  } finally {
    closeSync(descriptor)
  }
}

function checkHeader(file: string): void {
  const header = readHeader(file)
  if (header !== null && header !== SQLITE_HEADER) {
    throw corruptError(file, 'it is not an SQLite database')
  }
}

function connect(file: string, readonly: boolean): BetterSqlite3.Database {
  if (readonly && !existsSync(file)) {
    throw new AppError(
      ArchiveErrorCode.notFound,
      `The archive "${basename(file)}" does not exist. Check the file name, ` +
        'or pull the store to create it.',
      { file },
    )
  }
  try {
    return new Database(file, {
      readonly,
      fileMustExist: readonly,
      timeout: BUSY_TIMEOUT_MS,
    })
  } catch (error) {
    const mapped = toArchiveError(file, error)
    throw mapped === error ? unwritableError(file, error) : mapped
  }
}

function newerVersionError(
  file: string,
  fileVersion: number,
  db: BetterSqlite3.Database,
): AppError {
  let writtenBy: string | undefined
  try {
    writtenBy = db
      .prepare("SELECT value FROM archive_info WHERE key = 'last_written_by'")
      .pluck()
      .get() as string | undefined
  } catch {
    // A newer format may have no such table; the version number suffices.
  }
  const by = writtenBy === undefined ? '' : ` by app version ${writtenBy}`
  return new AppError(
    ArchiveErrorCode.newerVersion,
    `The archive "${basename(file)}" was written${by} in archive format ` +
      `${fileVersion}, but this app reads formats up to ${SCHEMA_VERSION}. ` +
      'Update the app to open it. The file was not changed.',
    { file, fileVersion, supportedVersion: SCHEMA_VERSION, writtenBy },
  )
}

function checkIdentity(file: string, db: BetterSqlite3.Database): number {
  const applicationId = db.pragma('application_id', { simple: true }) as number
  const version = db.pragma('user_version', { simple: true }) as number
  const tableCount = db
    .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")
    .pluck()
    .get() as number
  const ours = applicationId === APPLICATION_ID
  if (!ours && (applicationId !== 0 || tableCount > 0)) {
    throw new AppError(
      ArchiveErrorCode.foreign,
      `The file "${basename(file)}" is an SQLite database of another ` +
        'program, not an archive of this app. It was left untouched. Choose ' +
        'another file name for the archive.',
      { file, applicationId },
    )
  }
  if (version > SCHEMA_VERSION) throw newerVersionError(file, version, db)
  return version
}

function checkIntegrity(file: string, db: BetterSqlite3.Database): void {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>
  const first = rows[0]?.quick_check
  if (first !== 'ok') {
    throw corruptError(
      file,
      `the integrity check found: ${first ?? 'no answer'}`,
    )
  }
}

/**
 * Page size of new archives. An order row with its raw JSON takes about
 * 4 KiB, so an 8 KiB page often held one row and a quarter of the orders
 * table was free space. With 32 KiB pages, 30,000 orders made a 15%
 * smaller file and stored about 17% faster, and review queries on 100,000
 * orders kept their speed (bench/ingest.ts, bench/review.ts). Existing
 * archives keep the page size they were created with.
 */
export const NEW_FILE_PAGE_SIZE = 32768

/**
 * Page cache of a writing connection. It fills up to this size as the
 * archive grows, so it is part of how a pull's memory grows with the
 * store: 64 MiB made the peak of a 10,000-order pull about 70 MiB higher
 * than 8 MiB did. A first pull builds its indexes after the walk (see
 * bulk-indexes.ts), so it needs few pages cached besides the ends of its
 * tables.
 */
const WRITE_CACHE_KIB = 16 * 1024

function prepareForWriting(
  db: BetterSqlite3.Database,
  version: number,
  appVersion: string,
): void {
  // page_size only takes effect before the first table exists.
  if (version === 0) db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  // A pull into an archive with records updates several indexes per page.
  // With SQLite's default 2 MiB page cache, their pages are read again from
  // the operating system's file cache once the archive grows.
  db.pragma(`cache_size = -${WRITE_CACHE_KIB}`)
  migrate(db, appVersion)
  createMissingRecordTables(db)
  addMissingColumns(db)
  upgradeWordIndex(db)
  db.prepare(
    "INSERT OR REPLACE INTO archive_info (key, value) VALUES ('last_written_by', ?)",
  ).run(appVersion)
}

/** Opens (creating if missing) and checks an archive file. */
export function openDatabase(
  file: string,
  options: OpenOptions = {},
): BetterSqlite3.Database {
  return openChecked(file, options, false).db
}

/** A connection for a pull and the writer lock that it holds. */
export interface WriterConnection {
  db: BetterSqlite3.Database
  lock: WriterLock
}

/**
 * Opens an archive for a pull like `openDatabase`, and takes its writer lock
 * after the checks, so that a rejected file gets no lock file beside it, and
 * before the migrations, so that a second writer changes nothing. Throws
 * ARCHIVE_LOCKED while another writer holds the lock. The caller releases
 * the lock after closing `db`.
 */
export function openWriter(
  file: string,
  options: Omit<OpenOptions, 'readonly'> = {},
): WriterConnection {
  const { db, lock } = openChecked(file, { ...options, readonly: false }, true)
  return { db, lock: lock! }
}

function openChecked(
  file: string,
  options: OpenOptions,
  takeLock: boolean,
): { db: BetterSqlite3.Database; lock: WriterLock | null } {
  const readonly = options.readonly ?? false
  checkHeader(file)
  const db = connect(file, readonly)
  let lock: WriterLock | null = null
  try {
    db.pragma('foreign_keys = ON')
    registerDecimalSum(db)
    const version = checkIdentity(file, db)
    if (version > 0 && options.checkIntegrity !== false) {
      checkIntegrity(file, db)
    }
    if (readonly) {
      if (version < SCHEMA_VERSION) {
        throw new AppError(
          ArchiveErrorCode.olderVersion,
          `The archive "${basename(file)}" uses the older archive format ` +
            `${version}. Open it once for a pull so the app can upgrade it, ` +
            'then try again.',
          { file, fileVersion: version },
        )
      }
    } else {
      if (takeLock) lock = WriterLock.acquire(file)
      prepareForWriting(db, version, options.appVersion ?? APP_VERSION)
    }
    return { db, lock }
  } catch (error) {
    db.close()
    lock?.release()
    const mapped = toArchiveError(file, error)
    if (mapped !== error) throw mapped
    throw error
  }
}
