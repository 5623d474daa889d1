/** Facts about the machine and tools that the report prints at the top. */
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import Database from 'better-sqlite3'
import type { MachineFacts } from './types.ts'

function sqliteLibraryVersion(): string {
  const db = new Database(':memory:')
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string
  } finally {
    db.close()
  }
}

/** Version of Debian's `sqlite3` tool, or why it is unavailable. */
export function sqliteCliVersion(): string {
  try {
    return execFileSync('sqlite3', ['-version'], { encoding: 'utf8' })
      .trim()
      .split(' ')
      .slice(0, 2)
      .join(' ')
  } catch {
    return 'not installed'
  }
}

export function collectMachineFacts(): MachineFacts {
  const cpus = os.cpus()
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    node: process.version,
    sqlite: sqliteLibraryVersion(),
    sqliteCli: sqliteCliVersion(),
  }
}
