/**
 * Electron entry point. It stays thin: it wires Electron's window, IPC,
 * safeStorage and shell to the plain modules that do the work, which run and
 * are tested under Node without Electron.
 */
import { app, BrowserWindow } from 'electron'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { registerIpc, type IpcRegistration } from './electron/ipc.ts'
import { electronContext } from './electron/context.ts'
import {
  createMainWindow,
  hardenSession,
  windowTarget,
} from './electron/window.ts'
import { createHandlers, type Services } from './handlers/index.ts'
import { configureLogFile, log } from './log.ts'

const mainDir = dirname(fileURLToPath(import.meta.url))
let mainWindow: BrowserWindow | undefined
let services: Services | undefined
let ipc: IpcRegistration | undefined

async function openWindow(): Promise<void> {
  const target = windowTarget(mainDir)
  ipc ??= (() => {
    const context = electronContext((event, payload) =>
      ipc?.emit(event, payload),
    )
    const built = createHandlers(context)
    services = built.services
    return registerIpc(built.handlers, target.origin)
  })()
  mainWindow = await createMainWindow(mainDir, target)
  ipc.trust(mainWindow.webContents)
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
}

function focusExisting(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusExisting)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow()
  })
  app.on('before-quit', () => {
    void services?.dispose()
  })
  void app.whenReady().then(async () => {
    configureLogFile(app.getPath('userData'))
    log.info('app: starting', { version: app.getVersion() })
    hardenSession()
    await openWindow()
  })
}
