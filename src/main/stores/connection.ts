/**
 * Runs the connection test for a saved store and words its outcome for the
 * wizard: which problem, in plain words, and which step fixes it.
 */
import { isEntityKey } from '../../shared/entities.ts'
import type {
  ConnectionResult,
  WizardStep,
} from '../../shared/ipc/channels/wizard.ts'
import type { Credentials } from '../api/credentials.ts'
import { log } from '../log.ts'

/** The step where the merchant fixes each kind of failure. */
const STEP_FOR_CODE: Record<string, WizardStep> = {
  BAD_CREDENTIALS: 'create-app',
  MISSING_SCOPE: 'create-app',
  NOT_AUTHORIZED: 'authorize',
  WRONG_HOST: 'authorize',
  NETWORK_UNREACHABLE: 'connect',
}

/** Steps as the connection test names them, by the wizard's numbering. */
const STEP_BY_NUMBER: Record<number, WizardStep> = {
  2: 'create-app',
  3: 'authorize',
  4: 'token',
  5: 'connect',
}

const STEP_BY_NAME: Record<string, WizardStep> = {
  'create-app': 'create-app',
  app: 'create-app',
  createApp: 'create-app',
  privateKey: 'create-app',
  scopes: 'create-app',
  authorize: 'authorize',
  secureUrl: 'authorize',
  token: 'token',
  connect: 'connect',
  network: 'connect',
}

function stepFor(code: string, step: unknown): WizardStep {
  if (typeof step === 'number' && STEP_BY_NUMBER[step]) {
    return STEP_BY_NUMBER[step]
  }
  if (typeof step === 'string' && STEP_BY_NAME[step]) {
    return STEP_BY_NAME[step]
  }
  return STEP_FOR_CODE[code] ?? 'connect'
}

/** The result of `testConnection`. */
interface ConnectionOutcome {
  ok: boolean
  problem?: { code: string; message: string; step?: unknown }
  modules: Array<{
    module: string
    entity: string
    readable: boolean
    count?: number | null
  }>
  storeName?: string
}

export async function runConnectionTest(
  credentials: Credentials,
  baseUrl: string,
): Promise<ConnectionResult> {
  // NOTE: the module is loaded by name until it is committed. The app then
  // starts without it, and only the connection test fails.
  const specifier = '../api/connection-test.ts'
  const { testConnection } = await import(/* @vite-ignore */ specifier)
  const outcome = (await testConnection(credentials, {
    baseUrl,
  })) as ConnectionOutcome
  const modules = outcome.modules
    .flatMap((m) => (isEntityKey(m.entity) ? [{ ...m, entity: m.entity }] : []))
    .map((m) => ({
      module: String(m.module),
      entity: m.entity,
      readable: m.readable,
      count: m.count ?? null,
    }))
  const result: ConnectionResult = {
    ok: outcome.ok,
    modules,
    testedAt: new Date().toISOString(),
  }
  if (outcome.storeName) result.storeName = outcome.storeName
  if (outcome.problem) {
    const { code, message, step } = outcome.problem
    const missing = modules.find((m) => !m.readable)
    result.problem = {
      code,
      message,
      step: stepFor(code, step),
      ...(code === 'MISSING_SCOPE' && missing
        ? { module: missing.module }
        : {}),
    }
    log.info('wizard: connection test failed', { code })
  }
  return result
}
