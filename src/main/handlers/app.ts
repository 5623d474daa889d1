import { stat } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { AppError } from '../../shared/errors.ts'
import type { HandlerTable } from '../ipc/dispatch.ts'
import { log } from '../log.ts'
import type { AppContext } from '../platform/context.ts'
import { isAllowedExternalUrl } from '../security/external-url.ts'

type AppHandlers = Pick<
  HandlerTable,
  'getAppInfo' | 'writeLog' | 'openExternal' | 'openPath'
>

export function createAppHandlers(context: AppContext): AppHandlers {
  return {
    getAppInfo: () => ({
      name: context.appName,
      version: context.version,
      transport: context.transport,
      platform: process.platform,
      userDataDir: context.userDataDir,
      encryptionAvailable: context.cipher.isEncryptionAvailable(),
    }),
    writeLog: ({ level, message, context: fields }) => {
      log[level](`renderer: ${message}`, fields ?? {})
      return null
    },
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError(
          'EXTERNAL_URL_NOT_ALLOWED',
          'The app only opens 3dcart and Shift4Shop pages over https.',
        )
      }
      await context.openExternal(url)
      return null
    },
    openPath: async ({ path }) => {
      await assertOpenableFolder(path)
      await context.openPath(path)
      return null
    },
  }
}

/**
 * Rejects anything but an existing folder given by its absolute path. The
 * renderer only shows export folders, and opening a file would start its
 * default program, which for an executable means running it.
 */
async function assertOpenableFolder(path: string): Promise<void> {
  const info = isAbsolute(path) ? await stat(path).catch(() => null) : null
  if (!info?.isDirectory()) {
    log.warn('openPath: rejected a path that is not a folder', { path })
    throw new AppError(
      'OPEN_PATH_NOT_FOLDER',
      `${path} is not a folder on this computer, so it cannot be shown.`,
    )
  }
}
