/**
 * Runs the connection test for a saved store and shapes its report for the
 * renderer: the problem in plain words, the wizard step that fixes it, and
 * each module's access and live count.
 */
import type { ConnectionResult } from '../../shared/ipc/channels/wizard.ts'
import { testConnection } from '../api/connection-test.ts'
import type { Credentials } from '../api/credentials.ts'
import type { PacingConfig } from '../api/pacer.ts'
import { log } from '../log.ts'

export async function runConnectionTest(
  credentials: Credentials,
  baseUrl: string,
  pacing?: PacingConfig,
): Promise<ConnectionResult> {
  const report = await testConnection(credentials, {
    baseUrl,
    ...(pacing ? { pacing } : {}),
  })
  const result: ConnectionResult = {
    ok: report.ok,
    modules: report.modules.map((m) => ({ ...m })),
    testedAt: new Date().toISOString(),
  }
  if (report.storeName) result.storeName = report.storeName
  if (report.problem) {
    const { code, message, step } = report.problem
    const unreadable = report.modules.find((m) => !m.readable)
    result.problem = {
      code,
      message,
      step,
      ...(code === 'MISSING_SCOPE' && unreadable
        ? { module: unreadable.module }
        : {}),
    }
    log.info('wizard: connection test failed', { code, step })
  }
  return result
}
