import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import { SubstringIndex } from '../../src/main/archive/search.ts'
import { searchAll } from '../../src/main/review/search.ts'
import { unindexedAfter } from '../../src/main/review/word-tail.ts'
import { order, records } from '../archive/helpers.ts'
import { tempDir } from './fixture.ts'

/** Orders of a finished pull, which both indexes cover. */
const INDEXED = [
  order(1, { BillingLastName: 'Lindqvist' }),
  order(2, { BillingFirstName: 'Élodie', BillingLastName: 'Moreau' }),
  order(3, { BillingLastName: "O'Brien", BillingEmail: 'ob@shop.test' }),
  order(4, { BillingLastName: 'Okafor' }),
  order(5, { BillingLastName: 'Nguyen', BillingCity: 'Hanoi' }),
]

/**
 * Orders of a full pull that has not finished its walk. Order 5 moved
 * city, so the suspended substring index still lists its old text.
 */
const UNINDEXED = [
  order(5, { BillingLastName: 'Nguyen', BillingCity: 'Haiphong' }),
  order(6, { BillingLastName: 'Lindqvist' }),
  order(7, { BillingFirstName: 'ÉLODIE', BillingLastName: 'Moreau-Durand' }),
  order(8, { BillingLastName: "O'Brien", BillingEmail: 'o.brien@shop.test' }),
  order(9, { BillingLastName: 'Okonkwo' }),
  order(10, { BillingLastName: 'NGUYỄN', BillingCity: 'Hà Nội' }),
  order(11, { BillingEmail: 'jane.doe@shop.test' }),
  order(12, { BillingFirstName: 'Jose\u0301', BillingLastName: 'Straße' }),
]

/** Words and substrings whose hits must not change when the pull ends. */
const QUERIES = [
  'lindq',
  'ndqvi',
  'elodie',
  'ÉLO',
  'lodi',
  'moreau durand',
  'eau-dur',
  "o'brien",
  "'brie",
  'O.Brien@shop',
  'okon',
  'konk',
  'nguyen',
  'guyễ',
  'GUYỄN',
  'hanoi',
  'anoi',
  'aiphon',
  'hà nộ',
  'ội',
  'jane.doe@shop.test',
  'e.doe@',
  'jose',
  'josé',
  'straß',
  'RASSE',
  'example',
  'xample',
  'AB-1009',
  '-1009',
  'zzz',
  '-- @@',
]

let folder: ReturnType<typeof tempDir>
/** The archive of a running full pull, then of a killed one. */
let file: string
/** A copy of `file` whose pull finished: both indexes are up to date. */
let finishedFile: string
let writer: Archive

/** Hits of `Archive.search` on a read-only instance, in id order. */
function archiveHits(
  path: string,
  query: string,
  entities?: Array<'orders' | 'customers'>,
): string[] {
  const archive = Archive.open(path, { readonly: true })
  try {
    return archive
      .search(query, { limit: 100, ...(entities ? { entities } : {}) })
      .map((hit) => `${hit.entity}:${hit.id}`)
      .sort()
  } finally {
    archive.close()
  }
}

/** Ids of the review's global search, in the order it returns them. */
function globalIds(path: string, query: string): unknown[] {
  const archive = Archive.open(path, { readonly: true })
  try {
    return searchAll(archive.db, query).map((hit) => hit.id)
  } finally {
    archive.close()
  }
}

/** Archive hits and global search ids of every query. */
function allResults(path: string): {
  archive: string[][]
  global: unknown[][]
} {
  return {
    archive: QUERIES.map((query) => archiveHits(path, query)),
    global: QUERIES.map((query) => globalIds(path, query)),
  }
}

let duringPull: ReturnType<typeof allResults>

beforeAll(() => {
  folder = tempDir()
  file = join(folder.dir, 'store.sqlite')
  writer = Archive.open(file)
  const first = writer.startRun('incremental', ['orders'])
  writer.upsertPage('orders', records(INDEXED))
  writer.finishRun(first, 'completed')

  const runId = writer.startRun('full', ['orders'])
  writer.upsertPage('orders', records(UNINDEXED), {
    entity: 'orders',
    runId,
    nextOffset: UNINDEXED.length,
    received: UNINDEXED.length,
    storeCount: 12,
    phase: 'walk',
  })
  duringPull = allResults(file)

  finishedFile = join(folder.dir, 'finished.sqlite')
  // The copy needs the pages the write-ahead log still contains.
  writer.db.pragma('wal_checkpoint(FULL)')
  copyFileSync(file, finishedFile)
  // Opening for writing catches the word index up, and the rebuild is
  // what a finished pull does last.
  const finished = Archive.open(finishedFile)
  finished.refreshSubstringIndex()
  finished.close()
})

afterAll(() => {
  writer.close()
  folder.cleanup()
})

describe('search while a full pull defers the indexes', () => {
  it('reads an archive with both indexes behind', () => {
    const archive = Archive.open(file, { readonly: true })
    try {
      expect(unindexedAfter(archive.db)).not.toBeNull()
      expect(new SubstringIndex(archive.db).isStale()).toBe(true)
    } finally {
      archive.close()
    }
  })

  it('finds unindexed words read-only', () => {
    expect(archiveHits(file, 'Okonkwo')).toEqual(['orders:9'])
    expect(archiveHits(file, 'lindq')).toEqual(['orders:1', 'orders:6'])
    expect(archiveHits(file, 'nguyen')).toEqual(['orders:10', 'orders:5'])
  })

  it('finds substrings read-only', () => {
    expect(archiveHits(file, 'konk')).toEqual(['orders:9'])
    expect(archiveHits(file, 'aiphon')).toEqual(['orders:5'])
    expect(archiveHits(file, 'anoi')).toEqual([])
    expect(archiveHits(file, 'uyễ')).toEqual(['orders:10'])
  })

  it('keeps to the requested entities', () => {
    expect(archiveHits(file, 'Okonkwo', ['customers'])).toEqual([])
    expect(archiveHits(file, 'konk', ['customers'])).toEqual([])
    expect(archiveHits(file, 'konk', ['orders'])).toEqual(['orders:9'])
  })

  it('finds substrings globally', () => {
    expect(globalIds(file, 'konk')).toEqual([9])
    expect(globalIds(file, 'aiphon')).toEqual([5])
    expect(globalIds(file, 'anoi')).toEqual([])
    expect(globalIds(file, 'ndqvi')).toEqual([6, 1])
  })

  it('gives the same hits after a kill', () => {
    writer.close()
    expect(allResults(file)).toEqual(duringPull)
  })

  it('gives the hits of the finished pull', () => {
    const archive = Archive.open(finishedFile, { readonly: true })
    try {
      expect(unindexedAfter(archive.db)).toBeNull()
      expect(new SubstringIndex(archive.db).isStale()).toBe(false)
    } finally {
      archive.close()
    }
    const finished = allResults(finishedFile)
    QUERIES.forEach((query, i) => {
      expect(duringPull.archive[i], `archive "${query}"`).toEqual(
        finished.archive[i],
      )
      expect(duringPull.global[i], `global "${query}"`).toEqual(
        finished.global[i],
      )
    })
  })
})
