/**
 * Security settings of the app window, kept apart from Electron so tests can
 * check them without a binary.
 */
export interface SecureWebPreferences {
  preload: string
  contextIsolation: true
  sandbox: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  nodeIntegrationInSubFrames: false
  webSecurity: true
  allowRunningInsecureContent: false
  webviewTag: false
  experimentalFeatures: false
  spellcheck: false
  devTools: boolean
}

export function secureWebPreferences(
  preload: string,
  allowDevTools: boolean,
): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
    devTools: allowDevTools,
  }
}

/**
 * Returns whether the window may load `target`. Only the app's own page may
 * load: the packaged file, or the dev server while developing. The window
 * cancels every other navigation, and allowed https links open in the
 * system browser.
 */
export function isAppUrl(target: string, appOrigin: string): boolean {
  try {
    const url = new URL(target)
    if (appOrigin === 'file://') return url.protocol === 'file:'
    return url.origin === appOrigin
  } catch {
    return false
  }
}

export interface SenderInfo {
  webContentsId: number
  frameUrl: string | undefined
  isMainFrame: boolean
}

/** Accepts IPC only from our own window's top frame on the app's page. */
export function isTrustedSender(
  sender: SenderInfo,
  trustedWebContentsIds: ReadonlySet<number>,
  appOrigin: string,
): boolean {
  if (!trustedWebContentsIds.has(sender.webContentsId)) return false
  if (!sender.isMainFrame || sender.frameUrl === undefined) return false
  return isAppUrl(sender.frameUrl, appOrigin)
}

/** Denies every browser permission, because the renderer needs none. */
export function decidePermission(_permission: string): boolean {
  return false
}
