/** Scratch files of a benchmark run, all under the gitignored work folder. */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { WRITER_LOCK_SUFFIX } from '../src/main/archive/writer-lock.ts'

/** Creates (or empties) `workDir/name` and returns its path. */
export function freshDir(workDir: string, name: string): string {
  const dir = join(workDir, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/**
 * Removes an SQLite file with its WAL and shared-memory files, and the
 * writer lock file an archive opened for writing leaves beside it.
 */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal', WRITER_LOCK_SUFFIX]) {
    rmSync(file + suffix, { force: true })
  }
}
