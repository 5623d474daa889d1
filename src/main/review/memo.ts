/**
 * Caches results of slow aggregate queries per connection until another
 * connection writes to the archive. `PRAGMA data_version` changes exactly
 * when a commit from another connection lands.
 */
import type BetterSqlite3 from 'better-sqlite3'

interface Entry {
  dataVersion: number
  value: unknown
}

const caches = new WeakMap<BetterSqlite3.Database, Map<string, Entry>>()

/** Largest number of results kept per connection before the cache is emptied. */
const MAX_ENTRIES = 200

export function memoize<T>(
  db: BetterSqlite3.Database,
  key: string,
  compute: () => T,
): T {
  const dataVersion = db.pragma('data_version', { simple: true }) as number
  let cache = caches.get(db)
  if (cache === undefined) {
    cache = new Map()
    caches.set(db, cache)
  }
  const hit = cache.get(key)
  if (hit !== undefined && hit.dataVersion === dataVersion)
    return hit.value as T
  const value = compute()
  if (cache.size >= MAX_ENTRIES) cache.clear()
  cache.set(key, { dataVersion, value })
  return value
}
