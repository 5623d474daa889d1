/**
 * The Electron layer with a fake `electron` module: the window gets the
 * secure preferences, navigation and new windows are denied, and links open
 * outside only for allowed hosts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = (...args: unknown[]) => void

const state = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown> }>,
  opened: [] as string[],
  contentsListeners: new Map<string, Listener>(),
  windowOpenHandler: undefined as
    ((details: { url: string }) => { action: string }) | undefined,
  permissionHandler: undefined as
    | ((
        contents: unknown,
        permission: string,
        cb: (ok: boolean) => void,
      ) => void)
    | undefined,
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (
        handler: (details: { url: string }) => { action: string },
      ) => {
        state.windowOpenHandler = handler
      },
      on: (name: string, listener: Listener) => {
        state.contentsListeners.set(name, listener)
      },
    }
    constructor(options: Record<string, unknown>) {
      state.windows.push({ options })
    }
    once() {}
    loadFile() {
      return Promise.resolve()
    }
    loadURL() {
      return Promise.resolve()
    }
  }
  return {
    BrowserWindow,
    shell: {
      openExternal: (url: string) => {
        state.opened.push(url)
        return Promise.resolve()
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (
          handler: typeof state.permissionHandler,
        ) => {
          state.permissionHandler = handler
        },
        setPermissionCheckHandler: () => undefined,
      },
    },
  }
})

const { createMainWindow, hardenSession, windowTarget } =
  await import('../../src/main/electron/window.ts')

beforeEach(() => {
  state.windows.length = 0
  state.opened.length = 0
  state.contentsListeners.clear()
})

describe('createMainWindow', () => {
  it('uses the secure preferences and the preload script', async () => {
    await createMainWindow('/app/out/main', windowTarget('/app/out/main'))
    const prefs = state.windows[0]?.options['webPreferences'] as Record<
      string,
      unknown
    >
    expect(prefs['contextIsolation']).toBe(true)
    expect(prefs['sandbox']).toBe(true)
    expect(prefs['nodeIntegration']).toBe(false)
    expect(prefs['preload']).toBe('/app/out/preload/index.cjs')
    expect(state.windows[0]?.options['minWidth']).toBe(1024)
  })

  it('denies new windows and opens allowed links outside', async () => {
    await createMainWindow('/app/out/main', windowTarget('/app/out/main'))
    const handler = state.windowOpenHandler
    expect(handler?.({ url: 'https://devportal.3dcart.com/' })).toEqual({
      action: 'deny',
    })
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    })
    expect(state.opened).toEqual(['https://devportal.3dcart.com/'])
  })

  it('cancels navigation away from the app', async () => {
    await createMainWindow('/app/out/main', windowTarget('/app/out/main'))
    const navigate = state.contentsListeners.get('will-navigate')
    const away = { preventDefault: vi.fn() }
    navigate?.(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const inside = { preventDefault: vi.fn() }
    navigate?.(inside, 'file:///app/out/renderer/index.html')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    state.contentsListeners.get('will-attach-webview')?.(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })
})

describe('hardenSession', () => {
  it('denies permission requests', () => {
    hardenSession()
    const answers: boolean[] = []
    state.permissionHandler?.({}, 'media', (ok) => answers.push(ok))
    state.permissionHandler?.({}, 'notifications', (ok) => answers.push(ok))
    expect(answers).toEqual([false, false])
  })
})
