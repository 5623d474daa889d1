/**
 * An export while a pull writes: every file and the summary must show the
 * archive as of the export's start. The test writes a page of new orders
 * with items through a second connection each time the export starts a
 * file, between the file's row count and its rows.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import { writerLockPath } from '../../src/main/archive/writer-lock.ts'
import { PULL_WRITING_NOTICE } from '../../src/main/export/pull-state.ts'
import { runExport, type ExportResult } from '../../src/main/export/run.ts'
import type { ExportProgress } from '../../src/main/export/types.ts'
import { getEntity } from '../../src/shared/entities.ts'
import { reviewViewSchema } from '../../src/shared/review-query.ts'
import { order, records } from '../archive/helpers.ts'
import { runCli } from './cli-run.ts'
import { demoArchive, tempDir, type DemoArchive } from './helpers.ts'

/** Orders per page written during the export, above the demo store's ids. */
const PAGE_ORDERS = 40
const FIRST_NEW_ID = 9_000_000

let demo: DemoArchive
let out: ReturnType<typeof tempDir>

beforeAll(async () => {
  demo = await demoArchive()
  out = tempDir('export-snapshot-')
}, 60_000)

afterAll(async () => {
  out.cleanup()
  await demo.cleanup()
})

/**
 * Returns a progress callback that writes a page of new orders, each with
 * an item, through `writer` whenever the export starts a file.
 */
function writeOnEachStart(writer: Archive): {
  onProgress: (progress: ExportProgress) => void
  pages: () => number
} {
  let pages = 0
  const onProgress = (progress: ExportProgress): void => {
    if (progress.done !== 0) return
    const first = FIRST_NEW_ID + pages * PAGE_ORDERS
    const page = Array.from({ length: PAGE_ORDERS }, (_, i) => order(first + i))
    writer.upsertPage('orders', records(page))
    pages++
  }
  return { onProgress, pages: () => pages }
}

function csvRows(dir: string, table: string): Array<Record<string, string>> {
  const text = readFileSync(join(dir, 'csv', `${table}.csv`), 'utf8')
  return parse(text, { bom: true, columns: true }) as Array<
    Record<string, string>
  >
}

function ndjsonLines(dir: string, table: string): number {
  const text = readFileSync(join(dir, 'ndjson', `${table}.ndjson`), 'utf8')
  return text.split('\n').filter((line) => line !== '').length
}

function copyCount(dir: string, table: string): number {
  const db = new Database(join(dir, 'archive.sqlite'), { readonly: true })
  try {
    return db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number
  } finally {
    db.close()
  }
}

describe('export during a pull', () => {
  let result: ExportResult
  let pagesWritten = 0
  let ordersBefore = 0
  let ordersAfter = 0

  beforeAll(async () => {
    // An open Archive holds the writer lock, as a running pull does.
    const writer = Archive.open(demo.file)
    try {
      ordersBefore = writer.count('orders')
      const hook = writeOnEachStart(writer)
      result = await runExport({
        archive: demo.file,
        outDir: join(out.dir, 'during-pull'),
        formats: ['sqlite', 'ndjson', 'csv', 'xlsx'],
        onProgress: hook.onProgress,
      })
      pagesWritten = hook.pages()
      ordersAfter = writer.count('orders')
    } finally {
      writer.close()
    }
  }, 60_000)

  it('writes orders while the export runs', () => {
    expect(pagesWritten).toBeGreaterThan(3)
    expect(ordersAfter).toBe(ordersBefore + pagesWritten * PAGE_ORDERS)
  })

  it('exports the orders of its start', () => {
    const orders = csvRows(result.outDir, 'orders')
    expect(orders.length).toBe(ordersBefore)
    const newOrders = orders.filter((o) => Number(o['id']) >= FIRST_NEW_ID)
    expect(newOrders).toEqual([])
  })

  it('names only exported orders in child files', () => {
    const ids = new Set(csvRows(result.outDir, 'orders').map((o) => o['id']))
    const children = getEntity('orders').childLists.map((l) => l.table)
    let checked = 0
    for (const file of result.summary.files) {
      if (file.format !== 'csv' || !children.includes(file.table ?? '')) {
        continue
      }
      const orphans = csvRows(result.outDir, file.table!).filter(
        (row) => !ids.has(row['parent_id']),
      )
      expect(orphans.length, file.file).toBe(0)
      checked++
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('counts the archive as the files do', () => {
    const orders = result.summary.counts.find((c) => c.table === 'orders')
    expect(orders?.archive).toBe(ordersBefore)
    for (const count of result.summary.counts) {
      for (const [format, rows] of Object.entries(count.files)) {
        expect(rows, `${format} ${count.table}`).toBe(count.archive)
      }
    }
  })

  it('writes the same orders to every format', () => {
    expect(ndjsonLines(result.outDir, 'orders')).toBe(ordersBefore)
    expect(copyCount(result.outDir, 'orders')).toBe(ordersBefore)
    const items = csvRows(result.outDir, 'order_items').length
    expect(copyCount(result.outDir, 'order_items')).toBe(items)
  })

  it('writes a sqlite copy without a WAL', () => {
    const db = new Database(join(result.outDir, 'archive.sqlite'), {
      readonly: true,
    })
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete')
      expect(db.pragma('freelist_count', { simple: true })).toBe(0)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  })

  it('tells that a pull was writing', () => {
    expect(result.summary.pullNotice).toBe(PULL_WRITING_NOTICE)
    expect(result.summary.notes[0]).toBe(PULL_WRITING_NOTICE)
    const text = readFileSync(join(result.outDir, 'export-summary.txt'), 'utf8')
    expect(text).toContain(PULL_WRITING_NOTICE)
  })
})

describe('view export during a pull', () => {
  it('writes the rows of its start', async () => {
    const view = reviewViewSchema.parse({
      entity: 'orders',
      // The status of the orders the test writes.
      filters: [{ kind: 'in', column: 'order_status_id', values: [1] }],
    })
    const writer = Archive.open(demo.file)
    let result: ExportResult
    const totals: Array<number | null> = []
    let matching: number
    try {
      matching = writer.count('orders')
      const hook = writeOnEachStart(writer)
      result = await runExport({
        archive: demo.file,
        outDir: join(out.dir, 'view'),
        formats: ['csv'],
        view,
        onProgress: (progress) => {
          if (progress.done === 0) totals.push(progress.total)
          hook.onProgress(progress)
        },
      })
    } finally {
      writer.close()
    }
    const rows = csvRows(result.outDir, 'orders')
    expect(totals.length).toBe(1)
    expect(rows.length).toBe(totals[0])
    expect(rows.length).toBeLessThanOrEqual(matching)
    expect(rows.length).toBeGreaterThan(0)
  }, 60_000)
})

describe('export command during a pull', () => {
  it('prints the pull notice', () => {
    const writer = Archive.open(demo.file)
    let outcome: ReturnType<typeof runCli>
    try {
      outcome = runCli([
        'export',
        '--db',
        demo.file,
        '--format',
        'csv',
        '--entities',
        'orders',
        '--out',
        join(out.dir, 'cli'),
      ])
    } finally {
      writer.close()
    }
    expect(outcome.status, outcome.stderr).toBe(0)
    const lines = outcome.stdout.trimEnd().split('\n')
    expect(lines.at(-2)).toBe(PULL_WRITING_NOTICE)
    expect(lines.at(-1)).toMatch(/^Done: /)
  }, 120_000)
})

describe('export with no pull', () => {
  it('has no pull notice', async () => {
    const result = await runExport({
      archive: demo.file,
      outDir: join(out.dir, 'idle'),
      formats: ['csv'],
      entities: ['orders'],
    })
    expect(result.summary.pullNotice).toBeNull()
    expect(result.summary.notes).not.toContain(PULL_WRITING_NOTICE)
  }, 60_000)

  // Runs last in the file: it leaves a run marked running in the archive.
  it('ignores a killed pull with a free lock', async () => {
    const killed = Archive.open(demo.file)
    killed.startRun('incremental', ['orders'])
    killed.close()
    const result = await runExport({
      archive: demo.file,
      outDir: join(out.dir, 'killed'),
      formats: ['csv'],
      entities: ['orders'],
    })
    expect(result.summary.pullNotice).toBeNull()
  }, 60_000)

  it('falls back to a running run without a lock file', async () => {
    rmSync(writerLockPath(demo.file))
    const result = await runExport({
      archive: demo.file,
      outDir: join(out.dir, 'no-lock-file'),
      formats: ['csv'],
      entities: ['orders'],
    })
    expect(result.summary.pullNotice).toBe(PULL_WRITING_NOTICE)
  }, 60_000)
})
