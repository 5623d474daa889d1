import { app, dialog, safeStorage, shell } from 'electron'
import { AppError } from '../../shared/errors.ts'
import type { EmitEvent } from '../ipc/dispatch.ts'
import type { AppContext, SecretCipher } from '../platform/context.ts'

const safeStorageCipher: SecretCipher = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  encryptString: (plain) => safeStorage.encryptString(plain),
  decryptString: (encrypted) => safeStorage.decryptString(encrypted),
}

export function electronContext(emit: EmitEvent): AppContext {
  return {
    appName: app.getName(),
    version: app.getVersion(),
    transport: 'electron',
    userDataDir: app.getPath('userData'),
    emit,
    cipher: safeStorageCipher,
    openExternal: (url) => shell.openExternal(url),
    openPath: async (path) => {
      const failure = await shell.openPath(path)
      if (failure) {
        throw new AppError(
          'OPEN_PATH_FAILED',
          `Could not open ${path}: ${failure}`,
        )
      }
    },
    chooseFolder: async (defaultPath) => {
      const result = await dialog.showOpenDialog({
        title: 'Choose the export folder',
        properties: ['openDirectory', 'createDirectory'],
        ...(defaultPath === undefined ? {} : { defaultPath }),
      })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
  }
}
