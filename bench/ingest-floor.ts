/**
 * The SQLite floor of the ingest figure: the rows an archive run wrote,
 * already extracted, copied page by page into a new archive by
 * `INSERT … SELECT` from the finished file, followed by the same finishing
 * steps. No JSON is parsed, no value is converted and no parameter is
 * bound, so no writer that stores these rows in this schema on this
 * machine can be faster.
 */
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { Archive, type RawRecord } from '../src/main/archive/index.ts'
import { recordTable } from '../src/main/archive/tables.ts'

/** Timings of a floor run, in the shape of the other ingest runs. */
export interface FloorRun {
  seconds: number
  finishSeconds: number
  orders: number
}

/** Ids of the source archive's orders, in pages of `pageSize`. */
function idPages(source: string, pageSize: number): number[][] {
  const db = new Database(source, { readonly: true })
  try {
    const ids = db
      .prepare('SELECT id FROM orders ORDER BY id')
      .pluck()
      .all() as number[]
    const pages: number[][] = []
    for (let start = 0; start < ids.length; start += pageSize) {
      pages.push(ids.slice(start, start + pageSize))
    }
    return pages
  } finally {
    db.close()
  }
}

/** Reads the first page as records, to start the bulk load as a pull does. */
function firstPageRecords(source: string, ids: number[]): RawRecord[] {
  const db = new Database(source, { readonly: true })
  try {
    const raws = db
      .prepare('SELECT raw FROM orders WHERE id BETWEEN ? AND ? ORDER BY id')
      .pluck()
      .all(ids[0], ids.at(-1)) as string[]
    return raws.map((raw) => ({
      raw,
      value: JSON.parse(raw) as Record<string, unknown>,
    }))
  } finally {
    db.close()
  }
}

/**
 * Prepares one statement per table that copies a page's rows (ids between
 * the two parameters) from the attached source. The tables are the orders,
 * their child tables, the search documents (same rowids) and the change log.
 */
function copyStatements(db: Database.Database): Database.Statement[] {
  const children = recordTable('orders')!.children.map((c) => c.table)
  return [
    'INSERT INTO main.orders SELECT * FROM src.orders WHERE id BETWEEN ? AND ?',
    ...children.map(
      (table) =>
        `INSERT INTO main."${table}" SELECT * FROM src."${table}"
         WHERE parent_id BETWEEN ? AND ?`,
    ),
    `INSERT INTO main.search_docs SELECT * FROM src.search_docs
     WHERE entity = 'orders' AND record_id BETWEEN ? AND ?`,
    `INSERT INTO main.record_changes SELECT * FROM src.record_changes
     WHERE entity = 'orders' AND record_id BETWEEN ? AND ?`,
  ].map((sql) => db.prepare(sql))
}

/**
 * Replays the orders of the finished archive `source` into a new archive
 * at `file`. The steps are `startRun`, the first page through `upsertPage`
 * (which defers the secondary indexes as in a pull), and every other page
 * copied in its own transaction with its checkpoint. Then come the end of
 * the walk, `finishRun` and `close`. Everything from `startRun` on is
 * timed, as in the archive run. Reading the ids and the first page is not.
 */
export function replayFloor(
  source: string,
  file: string,
  pageSize: number,
): FloorRun {
  const pages = idPages(source, pageSize)
  const orders = pages.reduce((sum, page) => sum + page.length, 0)
  const first = firstPageRecords(source, pages[0]!)
  const archive = Archive.open(file)
  const started = performance.now()
  let finishStarted: number
  try {
    const runId = archive.startRun('full', ['orders'])
    let written = 0
    const checkpoint = (phase: 'walk' | 'verify') => ({
      entity: 'orders' as const,
      runId,
      nextOffset: written + 1,
      received: written,
      storeCount: orders,
      phase,
    })
    written += first.length
    archive.upsertPage('orders', first, checkpoint('walk'))
    const db = archive.db
    db.prepare('ATTACH DATABASE ? AS src').run(source)
    const copies = copyStatements(db)
    const saveCheckpoint = db.prepare(
      `INSERT OR REPLACE INTO checkpoints
         (entity, run_id, next_offset, received, store_count, phase, updated_at)
       VALUES ('orders', ?, ?, ?, ?, 'walk', ?)`,
    )
    const copyPage = db.transaction((ids: number[]) => {
      for (const copy of copies) copy.run(ids[0], ids.at(-1))
      written += ids.length
      saveCheckpoint.run(runId, written + 1, written, orders, Date.now())
    })
    for (const ids of pages.slice(1)) copyPage.immediate(ids)
    db.exec('DETACH DATABASE src')
    finishStarted = performance.now()
    archive.upsertPage('orders', [], checkpoint('verify'))
    archive.finishRun(runId, 'completed')
  } finally {
    archive.close()
  }
  const ended = performance.now()
  return {
    seconds: (ended - started) / 1000,
    finishSeconds: (ended - finishStarted) / 1000,
    orders,
  }
}
