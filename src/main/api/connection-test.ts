/**
 * The connection test: reads StoreSettings, then one count per entity, and
 * reports in plain words what is wrong (wrong host, no network, rejected
 * credentials, modules without read scope) and which wizard step fixes it.
 */
import { AppError } from '../../shared/errors.ts'
import {
  ENTITIES,
  type ApiModule,
  type EntityDefinition,
  type EntityKey,
} from '../../shared/entities.ts'
import { log } from '../log.ts'
import { ApiClient } from './client.ts'
import type { Credentials } from './credentials.ts'
import { ApiErrorCode, isCancelled } from './errors.ts'
import type { PacingConfig } from './pacer.ts'
import type { RetryPolicy } from './retry.ts'

export type ConnectionStep = 'create-app' | 'authorize' | 'token' | 'connect'

export interface ConnectionProblem {
  code:
    | 'WRONG_HOST'
    | 'NETWORK_UNREACHABLE'
    | 'BAD_CREDENTIALS'
    | 'NOT_AUTHORIZED'
    | 'MISSING_SCOPE'
    | 'API_UNAVAILABLE'
    | 'REQUEST_REJECTED'
    | 'CANCELLED'
  message: string
  step: ConnectionStep
}

export interface ModuleAccess {
  module: ApiModule
  entity: EntityKey
  readable: boolean
  /** Records the store reports; null when unreadable (or an object). */
  count: number | null
}

export interface ConnectionReport {
  ok: boolean
  problem?: ConnectionProblem
  modules: ModuleAccess[]
  storeName?: string
}

export interface ConnectionTestOptions {
  baseUrl?: string
  signal?: AbortSignal
  pacing?: PacingConfig | 'off'
  retry?: Partial<RetryPolicy>
  timeoutMs?: number
}

/** A test should finish in seconds, so it retries less and waits less. */
const TEST_RETRY: Partial<RetryPolicy> = {
  maxAttempts: 3,
  maxThrottles: 3,
  baseDelayMs: 500,
  maxDelayMs: 2_000,
  throttleDelayMs: 2_000,
}
const TEST_TIMEOUT_MS = 30_000

/** System error codes that mean the host cannot be reached at all. */
const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
])

type ProbeOutcome =
  | { kind: 'ok'; count: number | null; storeName?: string }
  | { kind: 'unauthorized' }
  | { kind: 'failed'; problem: ConnectionProblem }

export async function testConnection(
  credentials: Credentials,
  options: ConnectionTestOptions = {},
): Promise<ConnectionReport> {
  const client = new ApiClient({
    credentials,
    retry: { ...TEST_RETRY, ...options.retry },
    timeoutMs: options.timeoutMs ?? TEST_TIMEOUT_MS,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.pacing ? { pacing: options.pacing } : {}),
  })
  const modules: ModuleAccess[] = []
  let storeName: string | undefined
  for (const definition of ENTITIES) {
    const outcome = await probe(client, definition)
    if (outcome.kind === 'failed') {
      log.info('Connection test failed', { code: outcome.problem.code })
      return { ok: false, problem: outcome.problem, modules }
    }
    if (outcome.kind === 'ok' && outcome.storeName) {
      storeName = outcome.storeName
    }
    modules.push({
      module: definition.module,
      entity: definition.key,
      readable: outcome.kind === 'ok',
      count: outcome.kind === 'ok' ? outcome.count : null,
    })
  }
  const problem = accessProblem(modules)
  const report: ConnectionReport = { ok: problem === null, modules }
  if (problem) report.problem = problem
  if (storeName) report.storeName = storeName
  return report
}

async function probe(
  client: ApiClient,
  definition: EntityDefinition,
): Promise<ProbeOutcome> {
  try {
    if (definition.shape === 'object') {
      const record = await client.fetchObject(definition)
      const information = record?.value['StoreInformation'] as
        Record<string, unknown> | undefined
      const name = information?.['StoreName']
      return typeof name === 'string' && name.trim()
        ? { kind: 'ok', count: record ? 1 : 0, storeName: name.trim() }
        : { kind: 'ok', count: record ? 1 : 0 }
    }
    return { kind: 'ok', count: await client.count(definition) }
  } catch (error) {
    if (
      error instanceof AppError &&
      error.code === ApiErrorCode.badCredentials
    ) {
      return { kind: 'unauthorized' }
    }
    return { kind: 'failed', problem: describeFailure(error, client.baseUrl) }
  }
}

function describeFailure(error: unknown, baseUrl: string): ConnectionProblem {
  const host = hostOf(baseUrl)
  if (isCancelled(error)) {
    return {
      code: 'CANCELLED',
      message: 'The connection test was cancelled.',
      step: 'connect',
    }
  }
  if (!(error instanceof AppError)) throw error
  const details = error.details ?? {}
  if (error.code === ApiErrorCode.notAuthorized) {
    return { code: 'NOT_AUTHORIZED', message: error.message, step: 'authorize' }
  }
  if (error.code === ApiErrorCode.wrongHost) {
    return { code: 'WRONG_HOST', message: error.message, step: 'connect' }
  }
  if (error.code === ApiErrorCode.retriesExhausted) {
    const kind = details['kind']
    const networkCode = String(details['networkCode'] ?? '')
    if (kind === 'timeout' || UNREACHABLE_CODES.has(networkCode)) {
      return {
        code: 'NETWORK_UNREACHABLE',
        message: `Could not reach ${host} (${networkCode || 'no reply'}). Check that this computer is online and that no firewall or proxy blocks it, then test again.`,
        step: 'connect',
      }
    }
    if (kind === 'invalid-body') {
      return {
        code: 'WRONG_HOST',
        message: `${host} responded, but not as the 3dcart API does. Check the API address, and put your store’s address in the Secure URL field.`,
        step: 'connect',
      }
    }
    // The error's own message advises running the pull again, which does
    // not fit a connection test, so only the last failure is quoted.
    const last = error.cause instanceof Error ? error.cause.message : null
    return {
      code: 'API_UNAVAILABLE',
      message: `The 3dcart API at ${host} is not responding normally right now${last ? ` (last error: ${last})` : ''}. Test the connection again in a few minutes.`,
      step: 'connect',
    }
  }
  if (error.code === ApiErrorCode.badRequest && details['status'] === 404) {
    return {
      code: 'WRONG_HOST',
      message: `${host} has no 3dcart API at this address. Check the API address.`,
      step: 'connect',
    }
  }
  if (error.code === ApiErrorCode.badRequest) {
    return {
      code: 'REQUEST_REJECTED',
      message: `${error.message.replace(/\.$/, '')}. Check the Secure URL (your store's address) and the token, then test again.`,
      step: 'connect',
    }
  }
  return { code: 'API_UNAVAILABLE', message: error.message, step: 'connect' }
}

/** Words the outcome of the per-module probes, or null when all is well. */
function accessProblem(modules: ModuleAccess[]): ConnectionProblem | null {
  const readable = modules.filter((m) => m.readable)
  if (readable.length === 0) {
    return {
      code: 'BAD_CREDENTIALS',
      message:
        'The store rejected the Secure URL, private key and token together. Check that the Secure URL is the one under Settings > General > Store Settings, and copy the private key and token again.',
      step: 'token',
    }
  }
  // Payment tokens are off by default, so their scope is optional.
  const needed = modules.filter(
    (m) =>
      !m.readable &&
      ENTITIES.find((e) => e.key === m.entity)?.defaultSelected !== false,
  )
  if (needed.length === 0) return null
  const names = [...new Set(needed.map((m) => m.module))]
  return {
    code: 'MISSING_SCOPE',
    message: `The application cannot read ${names.join(', ')}. In the developer portal give it read access to ${names.length === 1 ? 'that module' : 'those modules'}, then authorise it again in your store.`,
    step: 'create-app',
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host
  } catch {
    return baseUrl
  }
}
