import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors.ts'
import { dispatch, type HandlerTable } from '../../src/main/ipc/dispatch.ts'
import { createAppHandlers } from '../../src/main/handlers/app.ts'
import { testContext } from './helpers.ts'

function tableWith(overrides: Partial<HandlerTable>): HandlerTable {
  const { handlers } = testContext()
  return { ...handlers, ...overrides }
}

describe('dispatch', () => {
  it('rejects an invalid payload with a validation code', async () => {
    const result = await dispatch(tableWith({}), 'openExternal', { url: 42 })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('IPC_INVALID_PAYLOAD')
    expect(result.error.message).toContain('url')
  })

  it('rejects unknown fields', async () => {
    const result = await dispatch(tableWith({}), 'getAppInfo', { extra: 1 })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    })
  })

  it('rejects an unknown channel', async () => {
    const result = await dispatch(tableWith({}), 'readAnyFile', {})
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IPC_UNKNOWN_CHANNEL' },
    })
  })

  it('does not treat prototype keys as channels', async () => {
    const result = await dispatch(tableWith({}), 'constructor', {})
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'IPC_UNKNOWN_CHANNEL' },
    })
  })

  it('passes an AppError code and message through', async () => {
    const table = tableWith({
      getAppInfo: () => {
        throw new AppError('STORE_GONE', 'The store was removed.')
      },
    })
    const result = await dispatch(table, 'getAppInfo', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'STORE_GONE', message: 'The store was removed.' },
    })
  })

  it('hides the text of unexpected errors', async () => {
    const table = tableWith({
      getAppInfo: () => {
        throw new Error('SQLITE_MISUSE at /home/merchant/secret/path')
      },
    })
    const result = await dispatch(table, 'getAppInfo', {})
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL_ERROR')
    expect(result.error.message).not.toContain('/home/merchant')
  })

  it('wraps a handler value', async () => {
    const result = await dispatch(tableWith({}), 'getAppInfo', {})
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({ transport: 'bridge' })
  })
})

describe('openExternal', () => {
  it('refuses hosts outside the allow-list', async () => {
    const opened: string[] = []
    const { context } = testContext({
      openExternal: async (url) => {
        opened.push(url)
      },
    })
    const handlers = createAppHandlers(context)
    await expect(
      handlers.openExternal({
        url: 'https://evil.example/devportal.3dcart.com',
      }),
    ).rejects.toMatchObject({ code: 'EXTERNAL_URL_NOT_ALLOWED' })
    await handlers.openExternal({ url: 'https://devportal.3dcart.com/' })
    expect(opened).toEqual(['https://devportal.3dcart.com/'])
  })
})

describe('openPath', () => {
  function handlersWithLog() {
    const opened: string[] = []
    const { context } = testContext({
      openPath: async (path) => {
        opened.push(path)
      },
    })
    return { opened, handlers: createAppHandlers(context) }
  }

  it('opens an existing folder', async () => {
    const { opened, handlers } = handlersWithLog()
    const folder = mkdtempSync(join(tmpdir(), 'wizard-open-'))
    await handlers.openPath({ path: folder })
    expect(opened).toEqual([folder])
  })

  it('rejects files, relative and missing paths', async () => {
    const { opened, handlers } = handlersWithLog()
    const folder = mkdtempSync(join(tmpdir(), 'wizard-open-'))
    const file = join(folder, 'run-me.sh')
    writeFileSync(file, '#!/bin/sh\n')
    for (const path of [file, 'exports', join(folder, 'missing')]) {
      await expect(handlers.openPath({ path })).rejects.toMatchObject({
        code: 'OPEN_PATH_NOT_FOLDER',
      })
    }
    expect(opened).toEqual([])
  })
})
