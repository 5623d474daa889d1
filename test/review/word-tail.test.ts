import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { Archive } from '../../src/main/archive/index.ts'
import { openDatabase } from '../../src/main/archive/open.ts'
import { countRows, queryRows } from '../../src/main/review/query.ts'
import { searchAll } from '../../src/main/review/search.ts'
import {
  WORD_MATCH_FUNCTION,
  unindexedAfter,
  unindexedSelect,
} from '../../src/main/review/word-tail.ts'
import { ftsQuery } from '../../src/main/review/fts.ts'
import { order, records } from '../archive/helpers.ts'
import { tempDir } from './fixture.ts'

/** Orders a finished pull wrote, so the word index covers them. */
const INDEXED = [
  order(1, { BillingLastName: 'Lindqvist' }),
  order(2, { BillingFirstName: 'Élodie', BillingLastName: 'Moreau' }),
  order(3, { BillingLastName: "O'Brien", BillingEmail: 'ob@shop.test' }),
  order(4, { BillingLastName: 'Okafor' }),
  order(5, { BillingLastName: 'Nguyen', BillingCity: 'Hanoi' }),
]

/** Orders of a full pull that has not finished its walk. */
const UNINDEXED = [
  order(6, { BillingLastName: 'Lindqvist' }),
  order(7, { BillingFirstName: 'ÉLODIE', BillingLastName: 'Moreau-Durand' }),
  order(8, { BillingLastName: "O'Brien", BillingEmail: 'o.brien@shop.test' }),
  order(9, { BillingLastName: 'Okonkwo' }),
  order(10, { BillingLastName: 'Nguyễn', BillingCity: 'Hà Nội' }),
  order(11, { BillingEmail: 'jane.doe@shop.test' }),
  // A decomposed accent: "Jose" followed by U+0301.
  order(12, { BillingFirstName: 'Jose\u0301', BillingLastName: 'Straße' }),
]

/** Searches whose results must not change when the index catches up. */
const SEARCHES = [
  'lindq',
  'elodie',
  'ÉLO',
  'moreau durand',
  "o'brien",
  'O.Brien@shop',
  'okon',
  'ok',
  'nguyen',
  'ha noi',
  'jane.doe@shop.test',
  'jose',
  'josé',
  'strasse',
  'straß',
  'example',
  'AB-1009',
  '1009',
  'zzz',
  '-- @@',
]

let folder: ReturnType<typeof tempDir>
/** The archive of a killed full pull, with unindexed documents. */
let file: string
/** A copy of `file` opened for writing once, which caught the index up. */
let caughtUpFile: string

/** Results of every search in `SEARCHES`, as the review returns them. */
interface SearchResults {
  pages: unknown[][]
  byId: unknown[][]
  counts: number[]
  global: unknown[][]
}

function ids(page: { rows: Array<Record<string, unknown>> }): unknown[] {
  return page.rows.map((row) => row['id'])
}

function searchResults(db: BetterSqlite3.Database): SearchResults {
  return {
    pages: SEARCHES.map((search) =>
      ids(queryRows(db, { entity: 'orders', search })),
    ),
    byId: SEARCHES.map((search) =>
      ids(
        queryRows(db, {
          entity: 'orders',
          search,
          sort: { column: 'id', direction: 'asc' },
        }),
      ),
    ),
    counts: SEARCHES.map(
      (search) =>
        countRows(db, { entity: 'orders', search }, { exact: true }).matching,
    ),
    global: SEARCHES.map((search) =>
      searchAll(db, search).map((hit) => `${hit.entity}:${hit.id}`),
    ),
  }
}

function withReader<T>(
  work: (db: BetterSqlite3.Database) => T,
  path = file,
): T {
  const db = openDatabase(path, { readonly: true })
  try {
    return work(db)
  } finally {
    db.close()
  }
}

function searchIds(db: BetterSqlite3.Database, search: string): unknown[] {
  return ids(
    queryRows(db, {
      entity: 'orders',
      search,
      sort: { column: 'id', direction: 'asc' },
    }),
  )
}

function globalIds(db: BetterSqlite3.Database, search: string): unknown[] {
  return searchAll(db, search).map((hit) => hit.id)
}

/** SQL texts the connection prepares while `work` runs. */
function preparedSql(db: BetterSqlite3.Database, work: () => void): string[] {
  const spy = vi.spyOn(db, 'prepare')
  try {
    work()
    return spy.mock.calls.map((call) => String(call[0]))
  } finally {
    spy.mockRestore()
  }
}

/** Runs EXPLAIN QUERY PLAN on `sql` with null parameters, one detail a line. */
function explain(db: BetterSqlite3.Database, sql: string): string {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`)
  const params = new Array<null>(sql.split('?').length - 1).fill(null)
  const rows = statement.all(...params) as Array<{ detail: string }>
  return rows.map((row) => row.detail).join('\n')
}

let duringPull: SearchResults
let afterKill: SearchResults
let caughtUp: SearchResults

beforeAll(() => {
  folder = tempDir()
  file = join(folder.dir, 'store.sqlite')
  const archive = Archive.open(file)
  const first = archive.startRun('incremental', ['orders'])
  archive.upsertPage('orders', records(INDEXED))
  archive.finishRun(first, 'completed')

  const runId = archive.startRun('full', ['orders'])
  archive.upsertPage('orders', records(UNINDEXED), {
    entity: 'orders',
    runId,
    nextOffset: UNINDEXED.length,
    received: UNINDEXED.length,
    storeCount: INDEXED.length + UNINDEXED.length,
    phase: 'walk',
  })
  duringPull = withReader(searchResults)
  // Closing without finishRun leaves the file as a killed pull does.
  archive.close()
  afterKill = withReader(searchResults)

  caughtUpFile = join(folder.dir, 'caught-up.sqlite')
  copyFileSync(file, caughtUpFile)
  // Opening for writing catches the word index up (archive.ts).
  Archive.open(caughtUpFile).close()
  caughtUp = withReader(searchResults, caughtUpFile)
})

afterAll(() => folder.cleanup())

describe('word search while the index is behind', () => {
  it('reads an archive with unindexed documents', () => {
    withReader((db) => {
      expect(unindexedAfter(db)).not.toBeNull()
      const indexed = db
        .prepare(
          'SELECT count(*) FROM search_index WHERE search_index MATCH \'"okonkwo"\'',
        )
        .pluck()
        .get()
      expect(indexed).toBe(0)
    })
  })

  it('finds unindexed records in the grid', () => {
    withReader((db) => {
      expect(searchIds(db, 'okon')).toEqual([9])
      expect(searchIds(db, 'lindq')).toEqual([1, 6])
      expect(searchIds(db, 'elodie')).toEqual([2, 7])
      expect(searchIds(db, 'jane.doe@shop.test')).toEqual([11])
      expect(searchIds(db, "o'brien")).toEqual([3, 8])
      expect(searchIds(db, 'nguyen')).toEqual([5, 10])
      expect(searchIds(db, 'jose')).toEqual([12])
    })
  })

  it('counts unindexed records', () => {
    withReader((db) => {
      const count = (search: string) =>
        countRows(db, { entity: 'orders', search }).matching
      expect(count('okon')).toBe(1)
      expect(count('lindq')).toBe(2)
      expect(count('example')).toBe(12)
    })
  })

  it('finds unindexed records globally', () => {
    withReader((db) => {
      expect(globalIds(db, 'okon')).toEqual([9])
      // Newest documents first: the unindexed ones, then the index's.
      expect(globalIds(db, 'lindq')).toEqual([6, 1])
      expect(globalIds(db, 'moreau')).toEqual([7, 2])
      expect(searchAll(db, 'example', { limit: 3 }).map((h) => h.id)).toEqual([
        12, 11, 10,
      ])
      expect(searchAll(db, 'example', { limit: 9 }).map((h) => h.id)).toEqual([
        12, 11, 10, 9, 8, 7, 6, 5, 4,
      ])
    })
  })

  it('pages without repeats or gaps', () => {
    withReader((db) => {
      const all = ids(
        queryRows(db, { entity: 'orders', search: 'example', limit: 100 }),
      )
      expect(all).toHaveLength(12)
      const paged: unknown[] = []
      for (let offset = 0; offset < 12; offset += 5) {
        const page = queryRows(db, {
          entity: 'orders',
          search: 'example',
          offset,
          limit: 5,
        })
        paged.push(...ids(page))
      }
      expect(paged).toEqual(all)
      expect(new Set(paged).size).toBe(12)
    })
  })

  it('scans again beyond the cached ids', () => {
    withReader((db) => {
      const covered = unindexedAfter(db)!
      const words = ftsQuery('example')!
      const cached = unindexedSelect(db, covered, 'orders', words)
      const scanned = unindexedSelect(db, covered, 'orders', words, 1)
      expect(cached.sql).toContain('json_each')
      expect(scanned.sql).toContain(WORD_MATCH_FUNCTION)
      const select = (clause: { sql: string; params: unknown[] }) =>
        db
          .prepare(`${clause.sql} ORDER BY 1`)
          .pluck()
          .all(...clause.params)
      expect(select(cached)).toEqual([6, 7, 8, 9, 10, 11, 12])
      expect(select(scanned)).toEqual([6, 7, 8, 9, 10, 11, 12])
    })
  })

  it('gives the same results during the pull and after a kill', () => {
    expect(afterKill).toEqual(duringPull)
  })

  it('gives the results the caught-up index gives', () => {
    SEARCHES.forEach((search, i) => {
      expect(duringPull.pages[i], `page of "${search}"`).toEqual(
        caughtUp.pages[i],
      )
      expect(duringPull.byId[i], `ids of "${search}"`).toEqual(caughtUp.byId[i])
      expect(duringPull.counts[i], `count of "${search}"`).toBe(
        caughtUp.counts[i],
      )
      expect(duringPull.global[i], `global "${search}"`).toEqual(
        caughtUp.global[i],
      )
    })
  })
})

describe('query plans', () => {
  it('read only the index when nothing is unindexed', () => {
    withReader((db) => {
      expect(unindexedAfter(db)).toBeNull()
      const sql = preparedSql(db, () => searchResults(db))
      expect(sql.length).toBeGreaterThan(0)
      for (const text of sql) {
        expect(text).not.toContain(WORD_MATCH_FUNCTION)
        expect(text).not.toContain('UNION ALL')
      }
    }, caughtUpFile)
  })

  it('read unindexed documents by rowid range', () => {
    withReader((db) => {
      const sql = preparedSql(db, () => searchResults(db)).filter((text) =>
        text.includes(WORD_MATCH_FUNCTION),
      )
      expect(sql.length).toBeGreaterThan(0)
      for (const text of sql) {
        const plan = explain(db, text)
        expect(plan, text).toMatch(
          /SEARCH d USING INTEGER PRIMARY KEY \(rowid>\?\)/,
        )
        expect(plan, text).not.toMatch(/SCAN d\b/)
      }
    })
  })
})
