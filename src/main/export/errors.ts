/**
 * Export failures with stable codes. File-system errors become one of three
 * codes the merchant can act on; anything else keeps its own message.
 */
import { AppError } from '../../shared/errors.ts'

export const ExportErrorCode = {
  folderUnwritable: 'EXPORT_FOLDER_UNWRITABLE',
  diskFull: 'DISK_FULL',
  cancelled: 'EXPORT_CANCELLED',
  archiveMissing: 'EXPORT_ARCHIVE_NOT_FOUND',
  archiveUnreadable: 'EXPORT_ARCHIVE_UNREADABLE',
  invalidOptions: 'EXPORT_INVALID_OPTIONS',
  busy: 'EXPORT_BUSY',
  imageBaseUrl: 'EXPORT_IMAGE_BASE_URL_INVALID',
  storeUnreachable: 'STORE_UNREACHABLE',
} as const

const UNWRITABLE = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EISDIR',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
])
// EFBIG comes from a file size limit (RLIMIT_FSIZE) and EDQUOT from a quota:
// for the merchant both mean the same as a full disk. SQLite reports a write
// refused by the file system as SQLITE_IOERR_WRITE.
// NOTE: SQLITE_IOERR_WRITE can also mean a failing disk; the message then
// still points at the disk, which is where the fault is.
const FULL = new Set([
  'ENOSPC',
  'EFBIG',
  'EDQUOT',
  'SQLITE_FULL',
  'SQLITE_IOERR_WRITE',
])

export function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error) {
    const code = (error as { code: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

export function unwritableError(folder: string, cause?: unknown): AppError {
  return new AppError(
    ExportErrorCode.folderUnwritable,
    `The export folder "${folder}" cannot be written to. Choose another ` +
      'folder, or give your user account write access to this one.',
    { folder },
    { cause },
  )
}

/** Builds the error for an output path that is an existing file. */
export function notAFolderError(path: string, cause?: unknown): AppError {
  return new AppError(
    ExportErrorCode.folderUnwritable,
    `The output path "${path}" is a file, not a folder. Choose a folder ` +
      '(a missing one is created), or a new name.',
    { folder: path },
    { cause },
  )
}

export function diskFullError(folder: string, cause?: unknown): AppError {
  return new AppError(
    ExportErrorCode.diskFull,
    `The disk holding "${folder}" is full. The unfinished files were ` +
      'removed. Free some space or choose a folder on another disk, then ' +
      'export again.',
    { folder },
    { cause },
  )
}

export function cancelledError(): AppError {
  return new AppError(
    ExportErrorCode.cancelled,
    'The export was cancelled. Files that were not finished were removed.',
  )
}

/** Maps a file-system failure while writing into `folder` to an `AppError`. */
export function toExportError(folder: string, error: unknown): unknown {
  if (error instanceof AppError) return error
  const code = errnoCode(error)
  // mkdir reports EEXIST when the folder path itself is a file.
  if (code === 'EEXIST') return notAFolderError(folder, error)
  if (code !== undefined && UNWRITABLE.has(code)) {
    return unwritableError(folder, error)
  }
  if (code !== undefined && FULL.has(code)) return diskFullError(folder, error)
  if (code === 'ABORT_ERR') return cancelledError()
  return error
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError()
}
