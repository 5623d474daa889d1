import { BrowserWindow, session, shell } from 'electron'
import { join } from 'node:path'
import { log } from '../log.ts'
import { isAllowedExternalUrl } from '../security/external-url.ts'
import {
  decidePermission,
  isAppUrl,
  secureWebPreferences,
} from '../security/window-options.ts'

export interface WindowTarget {
  /** `file://` for the packaged page, or the dev server's origin. */
  origin: string
  load(window: BrowserWindow): Promise<void>
}

export function windowTarget(mainDir: string): WindowTarget {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (devUrl) {
    return {
      origin: new URL(devUrl).origin,
      load: (window) => window.loadURL(devUrl),
    }
  }
  const file = join(mainDir, '../renderer/index.html')
  return { origin: 'file://', load: (window) => window.loadFile(file) }
}

/** Denies every permission request and stray webview for the session. */
export function hardenSession(): void {
  const current = session.defaultSession
  current.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(decidePermission(permission))
  })
  current.setPermissionCheckHandler((_contents, permission) =>
    decidePermission(permission),
  )
}

function openOutside(url: string): void {
  if (isAllowedExternalUrl(url)) {
    void shell.openExternal(url)
  } else {
    log.warn('window: blocked a link to a host outside the allow-list')
  }
}

export async function createMainWindow(
  mainDir: string,
  target: WindowTarget,
): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: '3dcart Migration Wizard',
    webPreferences: secureWebPreferences(
      join(mainDir, '../preload/index.cjs'),
      !process.env['ELECTRON_IS_PACKAGED'],
    ),
  })
  const contents = window.webContents
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, target.origin)) {
      event.preventDefault()
      openOutside(url)
    }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  window.once('ready-to-show', () => window.show())
  await target.load(window)
  return window
}
