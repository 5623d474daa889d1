import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHandlers } from '../../src/main/handlers/index.ts'
import {
  NO_ENCRYPTION,
  type AppContext,
} from '../../src/main/platform/context.ts'

/** A real handler table on a fresh user-data folder, as the bridge builds it. */
export function testContext(overrides: Partial<AppContext> = {}) {
  const context: AppContext = {
    appName: '3dcart Migration Wizard',
    version: '0.0.0-test',
    transport: 'bridge',
    userDataDir: mkdtempSync(join(tmpdir(), 'wizard-ipc-')),
    emit: () => undefined,
    cipher: NO_ENCRYPTION,
    openExternal: async () => undefined,
    openPath: async () => undefined,
    ...overrides,
  }
  const { handlers, services } = createHandlers(context)
  return { context, handlers, services }
}
