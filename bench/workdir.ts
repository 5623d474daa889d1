/** Scratch files of a benchmark run, all under the gitignored work folder. */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/** Creates (or empties) `workDir/name` and returns its path. */
export function freshDir(workDir: string, name: string): string {
  const dir = join(workDir, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Removes an SQLite file with its WAL and shared-memory files. */
export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    rmSync(file + suffix, { force: true })
  }
}
