/**
 * Keeps one read-only connection per reviewed store, so the statement and
 * count caches survive between requests, and lists the archives on disk.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import type { ReviewStore } from '../../shared/ipc/channels/review.ts'
import { openDatabase } from '../archive/open.ts'
import { log } from '../log.ts'
import { archivePathFor } from '../platform/paths.ts'

const ARCHIVE_SUFFIX = '.sqlite'

export class ReviewService {
  private readonly userDataDir: string
  private readonly connections = new Map<string, BetterSqlite3.Database>()

  constructor(userDataDir: string) {
    this.userDataDir = userDataDir
  }

  /**
   * The store's archive, opened read-only on first use. Opening checks the
   * file's identity, format version and integrity (see archive/open.ts) and
   * raises the archive's AppError when one fails.
   */
  database(storeId: string): BetterSqlite3.Database {
    const open = this.connections.get(storeId)
    if (open?.open) return open
    const file = archivePathFor(this.userDataDir, storeId)
    const db = openDatabase(file, { readonly: true })
    this.connections.set(storeId, db)
    log.info('review: opened archive', { storeId })
    return db
  }

  /** Archives in `<userDataDir>/archives`, newest first. */
  listStores(): ReviewStore[] {
    const dir = join(this.userDataDir, 'archives')
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch {
      return []
    }
    return names
      .filter((name) => name.endsWith(ARCHIVE_SUFFIX))
      .map((name) => {
        const stats = statSync(join(dir, name))
        return {
          storeId: name.slice(0, -ARCHIVE_SUFFIX.length),
          modifiedAt: stats.mtime.toISOString(),
          sizeBytes: stats.size,
        }
      })
      .filter((store) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(store.storeId))
      .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
  }

  /** Closes one store's connection, such as before its archive is replaced. */
  release(storeId: string): void {
    this.connections.get(storeId)?.close()
    this.connections.delete(storeId)
  }

  close(): void {
    for (const storeId of [...this.connections.keys()]) this.release(storeId)
  }
}
