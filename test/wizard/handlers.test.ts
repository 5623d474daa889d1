import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers, type Services } from '../../src/main/handlers/index.ts'
import { dispatch, type HandlerTable } from '../../src/main/ipc/dispatch.ts'
import { NO_ENCRYPTION } from '../../src/main/platform/context.ts'

const KEY = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'
const TOKEN = 'f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5'

let dir: string
let handlers: HandlerTable
let services: Services

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wizard-handlers-'))
  ;({ handlers, services } = createHandlers({
    appName: 'test',
    version: '0.0.0',
    transport: 'bridge',
    userDataDir: dir,
    emit: () => {},
    cipher: NO_ENCRYPTION,
    openExternal: async () => {},
    openPath: async () => {},
  }))
})
afterEach(async () => {
  await services.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('wizard handlers', () => {
  it('normalizes a secure URL while other fields are empty', async () => {
    const result = await dispatch(handlers, 'checkCredentials', {
      secureUrl: ' mystore.3dcartstores.com/admin ',
    })
    expect(result.ok).toBe(true)
    const value = result.ok ? (result.value as Record<string, unknown>) : {}
    expect(value['secureUrl']).toBe('https://mystore.3dcartstores.com')
  })

  it('rejects invalid credentials with a code', async () => {
    const result = await dispatch(handlers, 'saveStore', {
      secureUrl: 'https://mystore.3dcartstores.com',
      privateKey: 'short',
      token: TOKEN,
    })
    expect(result.ok).toBe(false)
    expect(result.ok ? null : result.error.code).toBe('CREDENTIALS_INVALID')
  })

  it('never returns a saved key or token', async () => {
    const saved = await dispatch(handlers, 'saveStore', {
      secureUrl: 'https://mystore.3dcartstores.com',
      privateKey: KEY,
      token: TOKEN,
    })
    const listed = await dispatch(handlers, 'listStores', {})
    for (const result of [saved, listed]) {
      expect(result.ok).toBe(true)
      expect(JSON.stringify(result)).not.toContain(KEY)
      expect(JSON.stringify(result)).not.toContain(TOKEN)
    }
  })

  it('tests the demo store and keeps the result', async () => {
    const demo = await dispatch(handlers, 'startDemoStore', {})
    expect(demo.ok).toBe(true)
    const tested = await dispatch(handlers, 'testStoreConnection', {
      storeId: 'demo',
    })
    expect(tested.ok).toBe(true)
    expect(tested.ok ? (tested.value as { ok: boolean }).ok : null).toBe(true)
    const kept = await dispatch(handlers, 'getConnectionResult', {
      storeId: 'demo',
    })
    expect(kept).toEqual(tested)
  })

  it('rejects an unknown store', async () => {
    const result = await dispatch(handlers, 'startPull', {
      storeId: 'nope',
      entities: ['orders'],
      storeSensitive: false,
    })
    expect(result.ok ? null : result.error.code).toBe('STORE_NOT_FOUND')
  })
})
