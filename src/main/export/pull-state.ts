/**
 * Detects a pull writing to the archive during an export, so the summary can
 * tell the user that the files show the archive as of the export's start.
 */
import { probeWriterLock } from '../archive/writer-lock.ts'
import type { ArchiveSource } from './source.ts'

export const PULL_WRITING_NOTICE =
  'A pull was writing to this archive, so the export shows the archive as ' +
  'it was when the export started, and records that the pull stored later ' +
  'are not in it.'

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
  const lock = probeWriterLock(source.file)
  if (lock !== 'unknown') return lock === 'held'
  return hasRunningRun(source)
}
