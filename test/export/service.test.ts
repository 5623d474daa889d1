import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors.ts'
import type {
  EventName,
  EventPayloadOf,
} from '../../src/shared/ipc/contract.ts'
import { reviewViewSchema } from '../../src/shared/review-query.ts'
import { ExportService } from '../../src/main/export/service.ts'
import {
  NO_ENCRYPTION,
  type AppContext,
} from '../../src/main/platform/context.ts'
import { archivePathFor } from '../../src/main/platform/paths.ts'
import { demoArchive, tempDir, type DemoArchive } from './helpers.ts'

const STORE = 'svc-store'
type Finished = EventPayloadOf<'exportFinished'>

let demo: DemoArchive
let userData: { dir: string; cleanup: () => void }
let service: ExportService
const events: Array<{ event: EventName; payload: unknown }> = []

function finished(jobId: string): Promise<Finished> {
  return new Promise((resolve) => {
    const check = (): void => {
      const hit = events.find(
        (e) =>
          e.event === 'exportFinished' &&
          (e.payload as Finished).jobId === jobId,
      )
      if (hit) resolve(hit.payload as Finished)
      else setTimeout(check, 20)
    }
    check()
  })
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action()
  } catch (error) {
    if (error instanceof AppError) return error.code
    throw error
  }
  return undefined
}

beforeAll(async () => {
  demo = await demoArchive()
  userData = tempDir('export-service-')
  mkdirSync(join(userData.dir, 'archives'))
  copyFileSync(demo.file, archivePathFor(userData.dir, STORE))
  const context: AppContext = {
    appName: 'test',
    version: '0.0.0',
    transport: 'bridge',
    userDataDir: userData.dir,
    emit: (event, payload) => events.push({ event, payload }),
    cipher: NO_ENCRYPTION,
    openExternal: async () => {},
    openPath: async () => {},
  }
  service = new ExportService(context)
}, 120_000)

afterAll(async () => {
  await service?.dispose()
  userData?.cleanup()
  await demo?.cleanup()
})

describe('export service', () => {
  it('offers the default folder and store address', () => {
    const defaults = service.defaults(STORE)
    expect(defaults.outDir).toBe(join(userData.dir, 'exports', STORE))
    expect(defaults.storeUrl).toBe(demo.store.secureUrl)
  })

  it('exports only the rows of the review view', async () => {
    const view = reviewViewSchema.parse({
      entity: 'orders',
      filters: [{ kind: 'in', column: 'order_status_id', values: [4] }],
    })
    const outDir = join(userData.dir, 'view-export')
    const { jobId } = service.start({
      storeId: STORE,
      formats: ['csv'],
      outDir,
      view,
    })
    const outcome = await finished(jobId)
    expect(outcome.error).toBeNull()
    expect(outcome.ok).toBe(true)

    const rows = parse(
      readFileSync(join(outDir, 'csv', 'orders.csv'), 'utf8'),
      {
        bom: true,
        columns: true,
      },
    ) as Array<Record<string, string>>
    const db = new Database(demo.file, { readonly: true })
    const expected = db
      .prepare('SELECT id FROM orders WHERE order_status_id = 4 ORDER BY id')
      .pluck()
      .all()
    db.close()

    expect(expected.length).toBeGreaterThan(0)
    expect(rows.map((r) => Number(r['id']))).toEqual(expected)
    expect(outcome.files.map((f) => f.file)).not.toContain('csv/customers.csv')
    const progress = events.filter((e) => e.event === 'exportProgress')
    expect(progress.length).toBeGreaterThan(0)
  })

  it('rejects bad requests with stable codes', () => {
    const view = reviewViewSchema.parse({ entity: 'orders' })
    expect(
      codeOf(() =>
        service.start({ storeId: STORE, formats: ['csv'], outDir: 'relative' }),
      ),
    ).toBe('EXPORT_INVALID_OPTIONS')
    expect(
      codeOf(() =>
        service.start({
          storeId: STORE,
          formats: ['shopify'],
          outDir: userData.dir,
          view,
        }),
      ),
    ).toBe('EXPORT_INVALID_OPTIONS')
    expect(
      codeOf(() =>
        service.start({
          storeId: 'no-such-store',
          formats: ['csv'],
          outDir: userData.dir,
        }),
      ),
    ).toBe('EXPORT_ARCHIVE_NOT_FOUND')
  })

  it('runs one export at a time and cancels', async () => {
    const outDir = join(userData.dir, 'cancelled')
    const { jobId } = service.start({
      storeId: STORE,
      formats: ['xlsx', 'csv'],
      outDir,
    })
    expect(
      codeOf(() => service.start({ storeId: STORE, formats: ['csv'], outDir })),
    ).toBe('EXPORT_BUSY')
    service.cancel(jobId)
    const outcome = await finished(jobId)
    expect(outcome.ok).toBe(false)
    expect(outcome.error?.code).toBe('EXPORT_CANCELLED')
  })
})
