/**
 * Maps SQLite failures to `AppError`s with stable codes and a message the
 * merchant can act on. SQLite's own message stays in `cause`.
 */
import { basename } from 'node:path'
import { AppError } from '../../shared/errors.ts'

export const ArchiveErrorCode = {
  newerVersion: 'ARCHIVE_NEWER_VERSION',
  olderVersion: 'ARCHIVE_NEEDS_UPGRADE',
  corrupt: 'ARCHIVE_CORRUPT',
  foreign: 'ARCHIVE_FOREIGN',
  locked: 'ARCHIVE_LOCKED',
  readOnly: 'ARCHIVE_READ_ONLY',
  unwritable: 'ARCHIVE_UNWRITABLE',
  notFound: 'ARCHIVE_NOT_FOUND',
  diskFull: 'DISK_FULL',
  ioError: 'ARCHIVE_IO_ERROR',
  recordWithoutId: 'ARCHIVE_RECORD_WITHOUT_ID',
  unknownEntity: 'ARCHIVE_UNKNOWN_ENTITY',
  invalidRecord: 'ARCHIVE_INVALID_RECORD',
} as const

/** `code` of a better-sqlite3 `SqliteError`, such as `SQLITE_BUSY`. */
export function sqliteCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error) {
    const code = (error as { code: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code
  }
  return undefined
}

export function lockedError(file: string, cause?: unknown): AppError {
  return new AppError(
    ArchiveErrorCode.locked,
    `The archive "${basename(file)}" is in use by another program. ` +
      'Close the other program (or the other copy of this app) that has it ' +
      'open, then try again.',
    { file },
    { cause },
  )
}

/**
 * Builds the error for a second writer: another pull, from this app or the
 * command line, holds the archive's writer lock (see writer-lock.ts).
 */
export function writerLockedError(file: string, cause?: unknown): AppError {
  return new AppError(
    ArchiveErrorCode.locked,
    `Another pull is writing the archive "${basename(file)}", in this app ` +
      'or from the command line. Wait for it to finish or cancel it, then ' +
      'try again. You can review and export the archive meanwhile.',
    { file, writer: 'pull' },
    { cause },
  )
}

export function corruptError(
  file: string,
  detail: string,
  cause?: unknown,
): AppError {
  return new AppError(
    ArchiveErrorCode.corrupt,
    `The file "${basename(file)}" is not a readable archive (${detail}). ` +
      'It was left untouched. Pull the store into a new archive file instead.',
    { file, detail },
    { cause },
  )
}

export function diskFullError(file: string, cause?: unknown): AppError {
  return new AppError(
    ArchiveErrorCode.diskFull,
    `The disk holding "${basename(file)}" is full, so the last page was not ` +
      'saved (nothing of it was written). Free some space, then resume the ' +
      'pull: it continues from the last saved page.',
    { file },
    { cause },
  )
}

export function readOnlyError(file: string, cause?: unknown): AppError {
  return new AppError(
    ArchiveErrorCode.readOnly,
    `The archive "${basename(file)}" cannot be changed because the file or ` +
      'its folder is read-only. Allow writing to both, or choose another ' +
      'folder for the archive.',
    { file },
    { cause },
  )
}

/**
 * Builds the error for an archive whose folder is read-only. SQLite creates
 * the `-wal` and `-shm` files of a WAL archive beside it even to read it,
 * unless they already exist, so a read-only folder stops readers too.
 */
export function readOnlyFolderError(file: string, cause?: unknown): AppError {
  const name = basename(file)
  return new AppError(
    ArchiveErrorCode.readOnly,
    `The folder of the archive "${name}" is read-only, and SQLite needs ` +
      `to create the files "${name}-wal" and "${name}-shm" beside the ` +
      'archive, even to read it. Allow writing to the folder, or copy the ' +
      'archive to a folder you can write to.',
    { file },
    { cause },
  )
}

export function unwritableError(file: string, cause?: unknown): AppError {
  return new AppError(
    ArchiveErrorCode.unwritable,
    `The archive "${basename(file)}" cannot be created or opened for ` +
      'writing in its folder. Check that the folder exists and that you may ' +
      'write to it, or choose another folder.',
    { file },
    { cause },
  )
}

/**
 * Turns a SQLite error raised while reading or writing an open archive into
 * an `AppError`; other errors pass through unchanged.
 */
export function toArchiveError(file: string, error: unknown): unknown {
  if (error instanceof AppError) return error
  const code = sqliteCode(error)
  if (code === undefined) return error
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return lockedError(file, error)
  }
  if (code === 'SQLITE_FULL') return diskFullError(file, error)
  if (code === 'SQLITE_READONLY_DIRECTORY') {
    return readOnlyFolderError(file, error)
  }
  if (code.startsWith('SQLITE_READONLY')) return readOnlyError(file, error)
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return unwritableError(file, error)
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return corruptError(file, 'SQLite reports damage', error)
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AppError(
      ArchiveErrorCode.ioError,
      `Reading or writing "${basename(file)}" failed at the disk level. ` +
        'Check that the drive is still connected, then try again.',
      { file, sqliteCode: code },
      { cause: error },
    )
  }
  return error
}
