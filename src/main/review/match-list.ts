/**
 * Sorted ids of the rows of a view whose page reads every match anyway: a
 * view driven by a full-text match with few enough matches that SQLite
 * reads them all and sorts them. Keeping the sorted ids lets one pass over
 * the matches serve every page of the view as the grid scrolls, and its
 * count, instead of reading and sorting every match again for each page.
 */
import type BetterSqlite3 from 'better-sqlite3'

type Database = BetterSqlite3.Database
export type RowId = number | string

/**
 * Lists kept per connection. A list contains at most `MATCH_LIST_MAX` ids
 * (see query.ts), so eight stay under a few megabytes.
 */
const MAX_LISTS = 8

interface Entry {
  view: string
  dataVersion: number
  ids: RowId[]
}

const lists = new WeakMap<Database, Map<string, Entry>>()

function dataVersion(db: Database): number {
  return db.pragma('data_version', { simple: true }) as number
}

function listsOf(db: Database): Map<string, Entry> {
  let cache = lists.get(db)
  if (cache === undefined) {
    cache = new Map()
    lists.set(db, cache)
  }
  return cache
}

/**
 * Returns the sorted ids of `view` in `order`, computing them once until
 * another connection writes to the archive. The least recently used list
 * goes first when the cache is full.
 */
export function sortedMatches(
  db: Database,
  view: string,
  order: string,
  compute: () => RowId[],
): RowId[] {
  const cache = listsOf(db)
  const key = `${view}\n${order}`
  const version = dataVersion(db)
  const hit = cache.get(key)
  cache.delete(key)
  if (hit !== undefined && hit.dataVersion === version) {
    cache.set(key, hit)
    return hit.ids
  }
  const ids = compute()
  cache.set(key, { view, dataVersion: version, ids })
  while (cache.size > MAX_LISTS) {
    const oldest = cache.keys().next().value as string
    cache.delete(oldest)
  }
  return ids
}

/** Rows of `view` when a sorted list of them is at hand, else undefined. */
export function knownMatchCount(
  db: Database,
  view: string,
): number | undefined {
  const version = dataVersion(db)
  for (const entry of listsOf(db).values()) {
    if (entry.view === view && entry.dataVersion === version) {
      return entry.ids.length
    }
  }
  return undefined
}
