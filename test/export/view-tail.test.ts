import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import { openDatabase } from '../../src/main/archive/open.ts'
import { runExport } from '../../src/main/export/run.ts'
import { ExportService } from '../../src/main/export/service.ts'
import {
  NO_ENCRYPTION,
  type AppContext,
} from '../../src/main/platform/context.ts'
import { archivePathFor } from '../../src/main/platform/paths.ts'
import { countRows, queryRows } from '../../src/main/review/query.ts'
import { unindexedAfter } from '../../src/main/review/word-tail.ts'
import {
  reviewViewSchema,
  type ReviewView,
} from '../../src/shared/review-query.ts'
import { order, records } from '../archive/helpers.ts'
import { tempDir } from './helpers.ts'

/** Orders of a finished pull, which the word index covers. */
const INDEXED = [
  order(1, { BillingLastName: 'Lindqvist' }),
  order(2, { BillingFirstName: 'Élodie', BillingLastName: 'Moreau' }),
  order(3, { BillingLastName: "O'Brien", BillingEmail: 'ob@shop.test' }),
  order(4, { BillingLastName: 'Okafor', OrderStatusID: 4 }),
  order(5, { BillingLastName: 'Nguyen', BillingCity: 'Hanoi' }),
]

/** Orders of a full pull that has not finished its walk. */
const UNINDEXED = [
  order(6, { BillingLastName: 'Lindqvist', OrderStatusID: 4 }),
  order(7, { BillingFirstName: 'ÉLODIE', BillingLastName: 'Moreau-Durand' }),
  order(8, { BillingLastName: "O'Brien", BillingEmail: 'o.brien@shop.test' }),
  order(9, { BillingLastName: 'Okonkwo', OrderStatusID: 4 }),
  order(10, { BillingLastName: 'Nguyễn', BillingCity: 'Hà Nội' }),
  order(11, { BillingEmail: 'jane.doe@shop.test' }),
]

/** Views whose export must contain exactly the rows the grid counts. */
const VIEWS: ReviewView[] = [
  { search: 'lindq' },
  { search: 'okon' },
  { search: 'elodie' },
  { search: "o'brien" },
  { search: 'jane.doe@shop.test' },
  { search: 'nguyen' },
  { search: 'example' },
  { search: 'zzz' },
  {
    search: 'example',
    filters: [{ kind: 'in', column: 'order_status_id', values: [4] }],
  },
  {
    search: 'moreau',
    filters: [
      {
        kind: 'text',
        op: 'contains',
        column: 'billing_last_name',
        value: 'Dur',
      },
    ],
  },
  {
    filters: [
      { kind: 'text', op: 'contains', column: 'billing_city', value: 'noi' },
    ],
  },
].map((view) => reviewViewSchema.parse({ entity: 'orders', ...view }))

let folder: ReturnType<typeof tempDir>
let file: string
let exports = 0

function withReader<T>(
  path: string,
  work: (db: BetterSqlite3.Database) => T,
): T {
  const db = openDatabase(path, { readonly: true })
  try {
    return work(db)
  } finally {
    db.close()
  }
}

/** Ids of the view's rows in the grid, in id order, and its exact count. */
function gridRows(
  path: string,
  view: ReviewView,
): { ids: number[]; count: number } {
  return withReader(path, (db) => {
    const page = queryRows(db, {
      ...view,
      sort: { column: 'id', direction: 'asc' },
      limit: 200,
    })
    const count = countRows(db, view, { exact: true }).matching
    return { ids: page.rows.map((row) => Number(row['id'])), count }
  })
}

/** Exports the view as CSV and returns the ids of the file's rows. */
async function exportedIds(path: string, view: ReviewView): Promise<number[]> {
  const outDir = join(folder.dir, `export-${++exports}`)
  await runExport({ archive: path, outDir, formats: ['csv'], view })
  const text = readFileSync(join(outDir, 'csv', 'orders.csv'), 'utf8')
  const rows = parse(text, { bom: true, columns: true }) as Array<
    Record<string, string>
  >
  return rows.map((row) => Number(row['id']))
}

/** Exports the view through the app's export service, as the grid's export does. */
async function serviceExportIds(
  path: string,
  view: ReviewView,
): Promise<number[]> {
  const userData = join(folder.dir, `app-${++exports}`)
  mkdirSync(join(userData, 'archives'), { recursive: true })
  copyFileSync(path, archivePathFor(userData, 'tail-store'))

  let finish: (payload: unknown) => void = () => undefined
  const finished = new Promise((resolve) => (finish = resolve))
  const context: AppContext = {
    appName: 'test',
    version: '0.0.0',
    transport: 'bridge',
    userDataDir: userData,
    emit: (event, payload) => {
      if (event === 'exportFinished') finish(payload)
    },
    cipher: NO_ENCRYPTION,
    openExternal: async () => {},
    openPath: async () => {},
  }

  const outDir = join(userData, 'out')
  new ExportService(context).start({
    storeId: 'tail-store',
    formats: ['csv'],
    outDir,
    view,
  })
  expect(await finished).toMatchObject({ ok: true, error: null })

  const text = readFileSync(join(outDir, 'csv', 'orders.csv'), 'utf8')
  const rows = parse(text, { bom: true, columns: true }) as Array<
    Record<string, string>
  >
  return rows.map((row) => Number(row['id']))
}

/** Checks every view: the export equals the grid's rows and count. */
async function expectExportsMatchGrid(path: string): Promise<number[][]> {
  const found: number[][] = []
  for (const view of VIEWS) {
    const label = JSON.stringify([view.search, view.filters])
    const grid = gridRows(path, view)
    const exported = await exportedIds(path, view)
    expect(exported, label).toEqual(grid.ids)
    expect(exported.length, label).toBe(grid.count)
    found.push(exported)
  }
  return found
}

let archive: Archive

beforeAll(() => {
  folder = tempDir('export-tail-')
  file = join(folder.dir, 'store.sqlite')
  archive = Archive.open(file)
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
})

afterAll(() => {
  archive.close()
  folder.cleanup()
})

describe('export of a review view during a full pull', () => {
  let duringPull: number[][]

  it('reads an archive with unindexed documents', () => {
    expect(withReader(file, unindexedAfter)).not.toBeNull()
  })

  it('writes the rows the grid counts while the pull runs', async () => {
    duringPull = await expectExportsMatchGrid(file)
    expect(duringPull[0]).toEqual([1, 6])
    expect(duringPull[1]).toEqual([9])
    expect(duringPull[6]).toHaveLength(11)
    expect(duringPull[8]).toEqual([4, 6, 9])
    expect(duringPull[9]).toEqual([7])
    expect(duringPull[10]).toEqual([5])
  })

  it('writes the same rows after a kill and a catch-up', async () => {
    archive.close()
    const afterKill = await expectExportsMatchGrid(file)
    expect(afterKill).toEqual(duringPull)
    // The app's export service writes the same rows.
    for (const [i, view] of VIEWS.entries()) {
      expect(await serviceExportIds(file, view), view.search).toEqual(
        duringPull[i],
      )
    }

    const caughtUpFile = join(folder.dir, 'caught-up.sqlite')
    copyFileSync(file, caughtUpFile)
    // Opening for writing catches the word index up.
    Archive.open(caughtUpFile).close()
    expect(withReader(caughtUpFile, unindexedAfter)).toBeNull()
    const caughtUp = await expectExportsMatchGrid(caughtUpFile)
    expect(caughtUp).toEqual(duringPull)
  })
})
