/**
 * The Electron entry point with a fake `electron` module: a second instance
 * quits at once, and the first one focuses its window when another starts.
 */
import { describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void

function fakeElectron(hasLock: boolean) {
  const listeners = new Map<string, Listener>()
  const app = {
    quit: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => hasLock),
    on: vi.fn((name: string, listener: Listener) => {
      listeners.set(name, listener)
    }),
    // Never resolves: these tests stop before a window would open.
    whenReady: () => new Promise(() => undefined),
    getPath: () => '/tmp',
    getName: () => '3dcart Migration Wizard',
    getVersion: () => '0.0.0',
  }
  return {
    app,
    listeners,
    module: {
      app,
      BrowserWindow: { getAllWindows: () => [] },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      safeStorage: {},
      shell: {},
      session: {},
      dialog: {},
    },
  }
}

describe('main entry', () => {
  it('quits when another instance holds the lock', async () => {
    vi.resetModules()
    const fake = fakeElectron(false)
    vi.doMock('electron', () => ({ ...fake.module, default: fake.module }))
    await import('../../src/main/index.ts')
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled()
    expect(fake.app.quit).toHaveBeenCalled()
    expect(fake.listeners.has('second-instance')).toBe(false)
  })

  it('keeps the lock and listens for a second instance', async () => {
    vi.resetModules()
    const fake = fakeElectron(true)
    vi.doMock('electron', () => ({ ...fake.module, default: fake.module }))
    await import('../../src/main/index.ts')
    expect(fake.app.quit).not.toHaveBeenCalled()
    expect(fake.listeners.has('second-instance')).toBe(true)
    expect(fake.listeners.has('window-all-closed')).toBe(true)
  })
})
