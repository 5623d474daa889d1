import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createReviewHandlers } from '../../src/main/handlers/review.ts'
import { createHandlers } from '../../src/main/handlers/index.ts'
import { dispatch } from '../../src/main/ipc/dispatch.ts'
import {
  NO_ENCRYPTION,
  type AppContext,
} from '../../src/main/platform/context.ts'
import { buildArchive, tempDir } from './fixture.ts'

let folder: ReturnType<typeof tempDir>
let context: AppContext
let table: ReturnType<typeof createHandlers>

beforeAll(() => {
  folder = tempDir()
  mkdirSync(join(folder.dir, 'archives'))
  buildArchive(join(folder.dir, 'archives', 'fixture.sqlite'))
  writeFileSync(join(folder.dir, 'archives', 'notes.txt'), 'not an archive')
  context = {
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

const call = (name: string, payload: unknown) =>
  dispatch(table.handlers, name, payload)

describe('review handlers', () => {
  it('lists the archives on disk', async () => {
    const result = await call('listReviewStores', {})
    expect(result.ok).toBe(true)
    const stores = result.ok ? (result.value as Array<{ storeId: string }>) : []
    expect(stores.map((s) => s.storeId)).toEqual(['fixture'])
  })

  it('returns a page and its count', async () => {
    const page = await call('queryRows', {
      storeId: 'fixture',
      query: { entity: 'orders', columns: ['order_amount'], limit: 2 },
    })
    expect(page).toMatchObject({
      ok: true,
      value: { columns: ['id', 'order_amount'], offset: 0 },
    })
    const count = await call('countRows', {
      storeId: 'fixture',
      view: { entity: 'orders', search: 'First4' },
    })
    expect(count).toEqual({
      ok: true,
      value: { matching: 2, exact: true, total: 6 },
    })
  })

  it('rejects column names that are not identifiers', async () => {
    const result = await call('queryRows', {
      storeId: 'fixture',
      query: { entity: 'orders', columns: ['id) FROM orders; --'] },
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    })
  })

  it('rejects pages larger than the maximum', async () => {
    const result = await call('queryRows', {
      storeId: 'fixture',
      query: { entity: 'orders', limit: 5000 },
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    })
  })

  it('explains a store without an archive', async () => {
    const result = await call('getDashboard', { storeId: 'missing' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('ARCHIVE_NOT_FOUND')
      expect(result.error.message).toContain('missing.sqlite')
    }
  })

  it('rejects a store id that could leave the archive folder', async () => {
    const result = await call('getDashboard', { storeId: '../secret' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'STORE_ID_INVALID' },
    })
  })

  it('closes its connections on dispose', () => {
    const { handlers, service } = createReviewHandlers(context)
    handlers.getDashboard({ storeId: 'fixture' })
    const db = service.database('fixture')
    service.close()
    expect(db.open).toBe(false)
  })
})
