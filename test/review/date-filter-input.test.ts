import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createHandlers } from '../../src/main/handlers/index.ts'
import { dispatch } from '../../src/main/ipc/dispatch.ts'
import {
  NO_ENCRYPTION,
  type AppContext,
} from '../../src/main/platform/context.ts'
import { reviewFilterSchema } from '../../src/shared/review-query.ts'
import Database from 'better-sqlite3'
import { buildArchive, tempDir } from './fixture.ts'

let folder: ReturnType<typeof tempDir>
let table: ReturnType<typeof createHandlers>

beforeAll(() => {
  folder = tempDir()
  mkdirSync(join(folder.dir, 'archives'))
  buildArchive(join(folder.dir, 'archives', 'fixture.sqlite'))
  const context: AppContext = {
    appName: 'test',
    version: '0.0.0',
    transport: 'bridge',
    userDataDir: folder.dir,
    emit: () => {},
    cipher: NO_ENCRYPTION,
    openExternal: async () => {},
    openPath: async () => {},
  }
  table = createHandlers(context)
})

afterAll(async () => {
  await table.services.dispose()
  folder.cleanup()
})

const dateFilter = (bounds: { from?: string; to?: string }) => ({
  kind: 'date',
  column: 'order_date_utc',
  ...bounds,
})

/** Dates of the right shape that name no day or time of the calendar. */
const impossible = [
  '2024-13-45',
  '2024-02-30',
  '2023-02-29',
  '2024-00-10',
  '2024-04-31',
  '2024-01-31T25:00',
  '2024-01-31T10:60',
  '2024-01-31T10:00:61Z',
]

describe('date filter input', () => {
  it.each(impossible)('rejects %s in queryRows', async (value) => {
    for (const bounds of [{ from: value }, { to: value }]) {
      const result = await dispatch(table.handlers, 'queryRows', {
        storeId: 'fixture',
        query: { entity: 'orders', filters: [dateFilter(bounds)] },
      })
      expect(result.ok).toBe(false)
      if (result.ok) continue
      expect(result.error.code).toBe('IPC_INVALID_PAYLOAD')
      expect(result.error.message).toContain('must be a date such as')
    }
  })

  it.each(impossible)('rejects %s in countRows', async (value) => {
    const result = await dispatch(table.handlers, 'countRows', {
      storeId: 'fixture',
      view: { entity: 'orders', filters: [dateFilter({ to: value })] },
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('IPC_INVALID_PAYLOAD')
  })

  it('accepts real days and times', () => {
    const valid = [
      '2024-02-29',
      '2023-12-31',
      '2024-01-31T23:59',
      '2024-01-31T23:59:59Z',
      '2024-01-31T00:00:00.123Z',
    ]
    for (const value of valid) {
      const parsed = reviewFilterSchema.safeParse(dateFilter({ to: value }))
      expect(parsed.success, value).toBe(true)
    }
  })

  it.each([
    ['to', (at: string) => at.replace('Z', '.000Z'), true],
    ['to', (at: string) => at.slice(0, 19), true],
    ['to', (at: string) => at.replace('Z', '.999Z'), true],
    ['from', (at: string) => at.replace('Z', '.000Z'), true],
    ['from', (at: string) => at.replace('Z', '.500Z'), false],
    ['from', (at: string) => at.slice(0, 19), true],
  ] as const)('compares a %s bound by instant', async (bound, form, kept) => {
    const file = join(folder.dir, 'archives', 'fixture.sqlite')
    const db = new Database(file, { readonly: true })
    const first = db
      .prepare(
        'SELECT id, order_date_utc FROM orders WHERE order_date_utc IS NOT NULL ORDER BY id LIMIT 1',
      )
      .get() as { id: number; order_date_utc: string }
    db.close()
    expect(first.order_date_utc).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
    )

    const result = await dispatch(table.handlers, 'queryRows', {
      storeId: 'fixture',
      query: {
        entity: 'orders',
        filters: [dateFilter({ [bound]: form(first.order_date_utc) })],
        limit: 200,
      },
    })
    expect(result.ok).toBe(true)
    const ids = result.ok
      ? (result.value as { rows: Array<{ id: number }> }).rows.map((r) => r.id)
      : []
    expect(ids.includes(first.id)).toBe(kept)
  })
})
