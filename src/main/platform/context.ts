/**
 * Services a handler needs from its host. The Electron main process and the
 * loopback bridge each build one of these, so every handler runs the same
 * code under both transports.
 */
import type { EmitEvent } from '../ipc/dispatch.ts'

/** Encrypts secrets at rest: Electron's safeStorage, or nothing. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
}

export interface AppContext {
  appName: string
  version: string
  transport: 'electron' | 'bridge'
  /** Folder for archives, settings and logs. */
  userDataDir: string
  emit: EmitEvent
  cipher: SecretCipher
  /** Opens an allowed https URL in the system browser. */
  openExternal(url: string): Promise<void>
  /** Shows a file or folder in the system file manager. */
  openPath(path: string): Promise<void>
  /**
   * Shows a folder picker and returns the chosen folder, or null when the
   * merchant closes it. Absent in the browser, where a text field is used.
   */
  chooseFolder?(defaultPath?: string): Promise<string | null>
  /**
   * 3dcart REST API base URL for saved stores. Unset means
   * `THREEDCART_API_BASE_URL`, else the real API; tests set a demo store.
   */
  apiBaseUrl?: string
  /** Delay the built-in demo store adds to each request; tests slow it. */
  demoLatencyMs?: number
}

/** The cipher used where no OS keychain is available. */
export const NO_ENCRYPTION: SecretCipher = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('Encryption is not available on this computer.')
  },
  decryptString: () => {
    throw new Error('Encryption is not available on this computer.')
  },
}
