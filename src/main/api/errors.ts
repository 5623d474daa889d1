/**
 * Error codes of the REST client and the pull engine. Each is raised as an
 * `AppError` whose message states what failed and what the merchant can do.
 */
import { AppError } from '../../shared/errors.ts'

export const ApiErrorCode = {
  /** Every attempt of one request failed; the pull resumes when re-run. */
  retriesExhausted: 'API_RETRIES_EXHAUSTED',
  /** 401 on every module: key, token or secure URL is wrong. */
  badCredentials: 'BAD_CREDENTIALS',
  /** 401 on some modules only: the application lacks read scope there. */
  missingScope: 'MISSING_SCOPE',
  /** 403: the store refused the application. */
  notAuthorized: 'NOT_AUTHORIZED',
  /** The address responded, but not as the 3dcart API does. */
  wrongHost: 'WRONG_HOST',
  /** No connection could be made at all. */
  networkUnreachable: 'NETWORK_UNREACHABLE',
  /** A 4xx other than the ones above; retrying cannot help. */
  badRequest: 'API_BAD_REQUEST',
  /** The caller cancelled the work. */
  cancelled: 'CANCELLED',
} as const

/** Failures worth another attempt, with the facts needed to explain them. */
export type TransientKind =
  'throttled' | 'server-error' | 'network' | 'timeout' | 'invalid-body'

export class TransientApiError extends Error {
  readonly kind: TransientKind
  readonly status: number | null
  /** Delay the server asked for, from `Retry-After`. */
  readonly retryAfterMs: number | null
  readonly networkCode: string | null

  constructor(
    kind: TransientKind,
    message: string,
    details: {
      status?: number | null
      retryAfterMs?: number | null
      networkCode?: string | null
      cause?: unknown
    } = {},
  ) {
    super(message, { cause: details.cause })
    this.name = 'TransientApiError'
    this.kind = kind
    this.status = details.status ?? null
    this.retryAfterMs = details.retryAfterMs ?? null
    this.networkCode = details.networkCode ?? null
  }
}

export function cancelledError(): AppError {
  return new AppError(
    ApiErrorCode.cancelled,
    'The work was cancelled. Start it again to continue where it stopped.',
  )
}

export function isCancelled(error: unknown): boolean {
  return error instanceof AppError && error.code === ApiErrorCode.cancelled
}
