import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import { DEFERRED_KEY } from '../../src/main/archive/word-index.ts'
import { order, records, tempDir } from './helpers.ts'

let folder: { dir: string; cleanup: () => void }
let archive: Archive

function file(): string {
  return join(folder.dir, 'store.sqlite')
}

/** Returns the rowids that the FTS5 index lists for `word`. */
function indexed(word: string): number[] {
  return archive.db
    .prepare(
      'SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid',
    )
    .pluck()
    .all(`"${word}"`) as number[]
}

function deferred(): boolean {
  return (
    archive.db
      .prepare('SELECT 1 FROM archive_info WHERE key = ?')
      .get(DEFERRED_KEY) !== undefined
  )
}

/** Raises when the FTS5 index disagrees with `search_docs`. */
function checkIndex(): void {
  archive.db.exec(
    "INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)",
  )
}

beforeEach(() => {
  folder = tempDir()
  archive = Archive.open(file())
  const runId = archive.startRun('incremental', ['orders'])
  archive.upsertPage(
    'orders',
    records([order(1, { BillingLastName: 'Lindqvist' })]),
  )
  archive.finishRun(runId, 'completed')
})

afterEach(() => {
  archive.close()
  folder.cleanup()
})

describe('word index during a full pull', () => {
  it('defers new records until the walk ends', () => {
    const runId = archive.startRun('full', ['orders'])
    const checkpoint = {
      entity: 'orders' as const,
      runId,
      nextOffset: 2,
      received: 1,
      storeCount: 1,
    }
    archive.upsertPage(
      'orders',
      records([order(2, { BillingLastName: 'Haraldsen' })]),
      { ...checkpoint, phase: 'walk' },
    )
    expect(deferred()).toBe(true)
    expect(indexed('Haraldsen')).toEqual([])
    archive.upsertPage('orders', [], { ...checkpoint, phase: 'verify' })
    expect(deferred()).toBe(false)
    expect(indexed('Haraldsen')).toHaveLength(1)
    checkIndex()
  })

  it('keeps changed older records in step', () => {
    const runId = archive.startRun('full', ['orders'])
    archive.upsertPage(
      'orders',
      records([order(1, { BillingLastName: 'Bergstrom' })]),
    )
    expect(indexed('Lindqvist')).toEqual([])
    expect(indexed('Bergstrom')).toHaveLength(1)
    archive.finishRun(runId, 'completed')
    checkIndex()
  })

  it('indexes pending records after a killed pull', () => {
    archive.startRun('full', ['orders'])
    archive.upsertPage(
      'orders',
      records([order(3, { BillingLastName: 'Okonkwo' })]),
    )
    archive.upsertPage('orders', records([order(3, { BillingCity: 'Lagos' })]))
    // Closing without finishRun leaves the file as a SIGKILL would.
    archive.close()
    // Opening for writing catches up, so a read-only review finds them.
    archive = Archive.open(file())
    expect(deferred()).toBe(false)
    expect(indexed('Lagos')).toHaveLength(1)
    expect(archive.search('Lagos').map((hit) => hit.id)).toEqual([3])
    expect(archive.search('Okonkwo')).toEqual([])
    checkIndex()
  })

  it('resumes upkeep for a later incremental pull', () => {
    const full = archive.startRun('full', ['orders'])
    archive.finishRun(full, 'failed')
    expect(deferred()).toBe(false)
    archive.startRun('incremental', ['orders'])
    archive.upsertPage(
      'orders',
      records([order(4, { BillingLastName: 'Nakamura' })]),
    )
    expect(indexed('Nakamura')).toHaveLength(1)
    archive.deleteRecords('orders', [4], full)
    expect(indexed('Nakamura')).toEqual([])
    checkIndex()
  })

  it('drops the insert trigger while deferred', () => {
    const runId = archive.startRun('full', ['orders'])
    expect(triggers()).not.toContain('search_docs_insert')
    archive.finishRun(runId, 'completed')
    expect(triggers()).toContain('search_docs_insert')
  })

  it('restores the insert trigger on reopen', () => {
    archive.startRun('full', ['orders'])
    archive.close()
    archive = Archive.open(file())
    expect(triggers()).toContain('search_docs_insert')
    expect(deferred()).toBe(false)
  })

  it('indexes a new record after the top row is deleted', () => {
    const runId = archive.startRun('full', ['orders'])
    // Order 1 has the highest rowid the index covers. Without care, the
    // next row would reuse its rowid and stay unindexed.
    archive.deleteRecords('orders', [1], runId)
    archive.upsertPage(
      'orders',
      records([order(5, { BillingLastName: 'Abernathy' })]),
    )
    archive.finishRun(runId, 'completed')
    expect(indexed('Abernathy')).toHaveLength(1)
    expect(indexed('Lindqvist')).toEqual([])
    checkIndex()
  })
})

function triggers(): string[] {
  return archive.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
    .pluck()
    .all() as string[]
}
