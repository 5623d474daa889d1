/**
 * REST client for the 3dcart API v1, used by the connection test and the
 * pull engine. Every request is paced by the store's shared pacer and
 * retried on throttling, server errors, resets, timeouts and broken bodies
 * until the retry budget is spent.
 */
import { AppError } from '../../shared/errors.ts'
import type { EntityDefinition } from '../../shared/entities.ts'
import { log } from '../log.ts'
import { redactText, registerSecret } from '../logging/redact.ts'
import type { Credentials } from './credentials.ts'
import { ApiErrorCode, TransientApiError, cancelledError } from './errors.ts'
import { DEFAULT_PACING, UNPACED, pacerFor } from './pacer.ts'
import type { Pacer, PacingConfig } from './pacer.ts'
import { parseListBody, parseObjectBody, parseCountBody } from './parse.ts'
import type { ParsedRecord } from './parse.ts'
import {
  backoffDelay,
  parseRetryAfter,
  resolveRetryPolicy,
  sleep,
  throttleDelay,
} from './retry.ts'
import type { RetryPolicy } from './retry.ts'

export const DEFAULT_API_BASE_URL = 'https://apirest.3dcart.com/3dCartWebAPI/v1'

/**
 * Returns the base URL from the caller, else `THREEDCART_API_BASE_URL`,
 * else 3dcart's. Throws `API_BASE_URL_INVALID` for a value that is not an
 * http or https address.
 */
export function resolveBaseUrl(
  explicit?: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const fromEnv = env['THREEDCART_API_BASE_URL']?.trim()
  const chosen = explicit?.trim() || fromEnv || DEFAULT_API_BASE_URL
  if (!isHttpUrl(chosen)) {
    const source = explicit?.trim()
      ? 'The API address'
      : 'THREEDCART_API_BASE_URL'
    throw new AppError(
      'API_BASE_URL_INVALID',
      `${source} "${chosen}" is not a valid http or https address. Correct it (for example ${DEFAULT_API_BASE_URL}) or leave THREEDCART_API_BASE_URL unset.`,
      { baseUrl: chosen },
    )
  }
  return chosen.replace(/\/+$/, '')
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Default timeout of one request; 3dcart's own SDK waits 120 seconds. */
export const DEFAULT_TIMEOUT_MS = 120_000

export interface RetryEvent {
  attempt: number
  delayMs: number
  code: string
  message: string
}

export interface ApiClientOptions {
  credentials: Credentials
  baseUrl?: string
  pacing?: PacingConfig | 'off'
  retry?: Partial<RetryPolicy>
  timeoutMs?: number
  signal?: AbortSignal
  onRetry?: (event: RetryEvent) => void
}

export type Query = Record<string, string | number | undefined>

export type PageResult =
  | { kind: 'records'; records: ParsedRecord[] }
  | { kind: 'end'; reason: 'empty' | 'not-found' | 'offset-exceeded' }

interface RawResponse {
  status: number
  headers: Headers
  text: string
}

const OFFSET_EXCEEDED = /offset amount exceeds/i
/** ASP.NET Web API's 404 when no route matches: the address is wrong. */
const NO_ROUTE = /no http resource was found/i
/** A body that starts like JSON; a truncated reply still matches. */
const JSON_START = /^\s*[[{]/
/** A body that starts like an HTML or XML page. */
const MARKUP_START = /^\s*</

export class ApiClient {
  readonly baseUrl: string
  private readonly credentials: Credentials
  private readonly pacer: Pacer
  private readonly policy: RetryPolicy
  private readonly timeoutMs: number
  private readonly signal: AbortSignal | undefined
  private readonly onRetry: ((event: RetryEvent) => void) | undefined
  private succeeded = false

  constructor(options: ApiClientOptions) {
    this.credentials = options.credentials
    this.baseUrl = resolveBaseUrl(options.baseUrl)
    this.pacer = pacerFor(
      this.baseUrl,
      options.credentials.secureUrl,
      options.pacing ?? DEFAULT_PACING,
    )
    this.policy = resolveRetryPolicy(options.retry)
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.signal = options.signal
    this.onRetry = options.onRetry
    registerSecret(options.credentials.privateKey)
    registerSecret(options.credentials.token)
  }

  /** True once any request was accepted, so the credentials are valid. */
  get hasSucceeded(): boolean {
    return this.succeeded
  }

  /** Seconds the shared pacer needs for `requests` more requests. */
  estimateSeconds(requests: number): number | null {
    return this.pacer.estimateSeconds(requests)
  }

  /** One page of a list resource, starting at the 1-based `offset`. */
  fetchPage(
    entity: EntityDefinition,
    offset: number,
    limit: number,
    filters: Query = {},
  ): Promise<PageResult> {
    const query = { ...filters, limit, offset }
    return this.request(entity, query, (response) => {
      this.expectRoute(response)
      this.expectNoPage404(response)
      if (response.status === 404) return { kind: 'end', reason: 'not-found' }
      if (response.status === 400 && OFFSET_EXCEEDED.test(response.text)) {
        return { kind: 'end', reason: 'offset-exceeded' }
      }
      this.expectSuccess(entity, response)
      const records = parseListBody(response.text)
      return records.length === 0
        ? { kind: 'end', reason: 'empty' }
        : { kind: 'records', records }
    })
  }

  /**
   * Number of records matching `filters`. The API replies to `countonly` with
   * 200 and `{"TotalCount": N}` even for none, so a 404 or a 200 that is
   * not JSON means the address is not the API.
   */
  count(entity: EntityDefinition, filters: Query = {}): Promise<number> {
    return this.request(entity, { ...filters, countonly: 1 }, (response) => {
      this.expectRoute(response)
      if (response.status === 404) throw this.wrongHost(404)
      if (response.status === 200 && !JSON_START.test(response.text)) {
        throw this.wrongHost(200)
      }
      this.expectSuccess(entity, response)
      return parseCountBody(response.text)
    })
  }

  /** Fetches an object resource such as StoreSettings, or null when absent. */
  fetchObject(entity: EntityDefinition): Promise<ParsedRecord | null> {
    return this.request(entity, {}, (response) => {
      this.expectRoute(response)
      this.expectNoPage404(response)
      if (response.status === 404) return null
      this.expectSuccess(entity, response)
      return parseObjectBody(response.text)
    })
  }

  private async request<T>(
    entity: EntityDefinition,
    query: Query,
    interpret: (response: RawResponse) => T,
  ): Promise<T> {
    const url = this.buildUrl(entity.resource, query)
    let failures = 0
    let throttles = 0
    for (;;) {
      try {
        await this.pacer.acquire(this.signal)
      } catch {
        throw cancelledError()
      }
      try {
        const result = interpret(await this.send(url))
        this.succeeded = true
        return result
      } catch (error) {
        if (this.signal?.aborted) throw cancelledError()
        if (!(error instanceof TransientApiError)) throw error
        if (error.kind === 'throttled') {
          throttles++
          if (throttles > this.policy.maxThrottles) {
            throw this.exhausted(entity, error, failures + throttles)
          }
          if (
            error.retryAfterMs !== null &&
            error.retryAfterMs > this.policy.maxRetryAfterMs
          ) {
            throw this.waitTooLong(entity, error, error.retryAfterMs)
          }
          const delay =
            error.retryAfterMs ?? throttleDelay(this.policy, throttles)
          this.pacer.throttle(delay)
          this.reportRetry(entity, throttles, delay, error)
          // Without pacing nothing else delays the next attempt.
          if (this.pacer === UNPACED) await this.pause(delay)
          continue
        }
        failures++
        if (failures >= this.policy.maxAttempts) {
          throw this.exhausted(entity, error, failures + throttles)
        }
        const delay = backoffDelay(this.policy, failures)
        this.reportRetry(entity, failures, delay, error)
        await this.pause(delay)
      }
    }
  }

  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, this.signal)
    } catch {
      throw cancelledError()
    }
  }

  private buildUrl(resource: string, query: Query): string {
    const url = new URL(`${this.baseUrl}/${resource}`)
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    return url.toString()
  }

  private async send(url: string): Promise<RawResponse> {
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const signal = this.signal
      ? AbortSignal.any([this.signal, timeout])
      : timeout
    try {
      const response = await fetch(url, {
        headers: {
          SecureUrl: this.credentials.secureUrl,
          PrivateKey: this.credentials.privateKey,
          Token: this.credentials.token,
          Accept: 'application/json',
        },
        redirect: 'manual',
        signal,
      })
      const text = await response.text()
      return { status: response.status, headers: response.headers, text }
    } catch (error) {
      if (this.signal?.aborted) throw cancelledError()
      if (timeout.aborted) {
        throw new TransientApiError(
          'timeout',
          `No complete reply within ${formatDuration(this.timeoutMs)}`,
          { cause: error },
        )
      }
      const networkCode = networkErrorCode(error)
      throw new TransientApiError(
        'network',
        `Connection failed (${networkCode ?? networkErrorText(error)})`,
        { networkCode, cause: error },
      )
    }
  }

  private expectRoute(response: RawResponse): void {
    if (response.status !== 404 || !NO_ROUTE.test(response.text)) return
    throw new AppError(
      ApiErrorCode.wrongHost,
      `${this.baseUrl} is not the address of the 3dcart REST API (it has no such resource). Check the API address.`,
      { status: 404 },
    )
  }

  /** Raises WRONG_HOST for a 404 web page: the API's 404s are JSON or empty. */
  private expectNoPage404(response: RawResponse): void {
    if (response.status === 404 && MARKUP_START.test(response.text)) {
      throw this.wrongHost(404)
    }
  }

  private wrongHost(status: number): AppError {
    return new AppError(
      ApiErrorCode.wrongHost,
      `This address does not answer like the 3dcart REST API: ${this.baseUrl}. Check THREEDCART_API_BASE_URL or leave it unset.`,
      { status, url: this.baseUrl },
    )
  }

  /** Raises the right error for any reply that is not a 2xx success. */
  private expectSuccess(entity: EntityDefinition, response: RawResponse): void {
    const { status } = response
    if (status >= 200 && status < 300) return
    if (status >= 300 && status < 400) {
      throw new AppError(
        ApiErrorCode.wrongHost,
        `The API address ${this.baseUrl} redirected to ${response.headers.get('location') ?? 'another address'}. Use the 3dcart API address, and put your store’s address in the Secure URL field.`,
        { status },
      )
    }
    if (status === 401) {
      throw new AppError(
        ApiErrorCode.badCredentials,
        `The store refused access to ${entity.label.toLowerCase()} (HTTP 401). Check the Secure URL, private key and token, and that the application has read access to the ${entity.module} module.`,
        { status, module: entity.module, entity: entity.key },
      )
    }
    if (status === 403) {
      throw new AppError(
        ApiErrorCode.notAuthorized,
        `The store refused the application (HTTP 403). Authorise it again in your store admin under Modules > REST API.`,
        { status, module: entity.module },
      )
    }
    if (status === 429 || status === 503) {
      throw new TransientApiError(
        'throttled',
        `The store asked to slow down (HTTP ${status})`,
        {
          status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        },
      )
    }
    if (status === 408 || status >= 500) {
      throw new TransientApiError(
        'server-error',
        `The store replied with HTTP ${status}`,
        { status },
      )
    }
    throw new AppError(
      ApiErrorCode.badRequest,
      `The API rejected the request for ${entity.label.toLowerCase()} (HTTP ${status}): ${summarize(response.text)}`,
      { status, entity: entity.key },
    )
  }

  private reportRetry(
    entity: EntityDefinition,
    attempt: number,
    delayMs: number,
    error: TransientApiError,
  ): void {
    log.warn('API request will be retried', {
      entity: entity.key,
      attempt,
      delayMs,
      kind: error.kind,
      status: error.status,
      message: error.message,
    })
    this.onRetry?.({
      attempt,
      delayMs,
      code: `API_${error.kind.toUpperCase().replace('-', '_')}`,
      message: error.message,
    })
  }

  /** Builds the error for a `Retry-After` above the policy maximum. */
  private waitTooLong(
    entity: EntityDefinition,
    error: TransientApiError,
    retryAfterMs: number,
  ): AppError {
    const resumeAt = new Date(Date.now() + retryAfterMs)
    const resumeText = Number.isNaN(resumeAt.getTime())
      ? 'later'
      : `after ${resumeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
    return new AppError(
      ApiErrorCode.retriesExhausted,
      `The store requested a wait of ${Math.ceil(retryAfterMs / 1000)} seconds before the app reads ${entity.label.toLowerCase()} again (HTTP ${error.status ?? 429} with Retry-After), longer than the ${formatDuration(this.policy.maxRetryAfterMs)} the app waits. Run the pull again ${resumeText}; it continues where it stopped.`,
      {
        entity: entity.key,
        kind: error.kind,
        status: error.status,
        retryAfterMs,
      },
      { cause: error },
    )
  }

  private exhausted(
    entity: EntityDefinition,
    error: TransientApiError,
    attempts: number,
  ): AppError {
    return new AppError(
      ApiErrorCode.retriesExhausted,
      `Reading ${entity.label.toLowerCase()} failed ${attempts} times in a row (last error: ${error.message}). ${nextStep(error)}`,
      {
        entity: entity.key,
        attempts,
        kind: error.kind,
        status: error.status,
        networkCode: error.networkCode,
      },
      { cause: error },
    )
  }
}

/**
 * Returns the advice after the last failed attempt. A failed connection
 * points at this computer's network, and a bad reply points at the store.
 */
function nextStep(error: TransientApiError): string {
  const resume = 'it continues where it stopped.'
  if (error.kind === 'network' || error.kind === 'timeout') {
    return `Check your internet connection and run the pull again; ${resume}`
  }
  return `The store's API is failing right now. Wait a few minutes and run the pull again; ${resume}`
}

/** Finds the system error code under a fetch failure, such as `ECONNRESET`. */
export function networkErrorCode(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return null
}

/**
 * Returns the innermost cause's message of a failed fetch without an error
 * code, such as `bad port` for a port that fetch never connects to.
 */
function networkErrorText(error: unknown): string {
  let text = 'unknown network error'
  let current: unknown = (error as { cause?: unknown } | null)?.cause
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.message) text = current.message
    current = current.cause
  }
  return text
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`
}

// The store's text reaches the terminal and the archive's sync_runs, so a
// proxy or store that echoes the request's key or token must not leak it.
function summarize(text: string): string {
  const message = /"Message"\s*:\s*"([^"]{1,200})"/.exec(text)?.[1]
  if (message) return redactText(message)
  // Masked before the cut, which could otherwise keep part of a secret.
  const plain = redactText(text.replace(/\s+/g, ' ').trim())
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain || 'no details'
}
