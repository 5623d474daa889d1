/**
 * Retry policy for one request: capped exponential back-off with jitter,
 * and a separate, larger budget for throttling, because a throttled store
 * is working as designed and only requests that the client slow down.
 */

export interface RetryPolicy {
  /** Attempts per request for errors, timeouts and broken bodies. */
  maxAttempts: number
  /** Throttled replies (429, 503) tolerated per request. */
  maxThrottles: number
  /** First back-off delay in milliseconds; doubles per attempt. */
  baseDelayMs: number
  /** Upper bound of one back-off delay in milliseconds. */
  maxDelayMs: number
  /**
   * Longest wait after a throttle without `Retry-After`, in milliseconds.
   * The first throttle of a request waits `firstThrottleDelayMs`, and each
   * further one twice as long, up to this.
   */
  throttleDelayMs: number
  /**
   * Wait after a request's first throttle without `Retry-After`, in
   * milliseconds. The store's bucket admits a request every 500 ms, so a
   * bucket overflowed by one request has room again after a second.
   */
  firstThrottleDelayMs: number
  /**
   * Maximum `Retry-After` the client waits out, in milliseconds. A longer
   * one stops the request with a resumable error that names when to run
   * again, so a pull does not wait for hours without any output.
   */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxThrottles: 30,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  throttleDelayMs: 10_000,
  firstThrottleDelayMs: 1_000,
  maxRetryAfterMs: 10 * 60_000,
}

export function resolveRetryPolicy(
  overrides: Partial<RetryPolicy> | undefined,
): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides }
}

/**
 * Delay before retry number `attempt` (1 for the first retry): half fixed,
 * half random, so clients that failed together do not retry together.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1)
  const capped = Math.min(policy.maxDelayMs, exponential)
  return Math.round(capped / 2 + random() * (capped / 2))
}

/**
 * Delay after throttle number `throttle` (1 for the first) of one request
 * that came without `Retry-After`: doubling from the first delay, capped.
 */
export function throttleDelay(policy: RetryPolicy, throttle: number): number {
  const doubled = policy.firstThrottleDelayMs * 2 ** Math.max(0, throttle - 1)
  return Math.min(policy.throttleDelayMs, doubled)
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | null {
  if (!value) return null
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return null
  return Math.max(0, date - now)
}

/** Resolves after `ms`, or rejects with the signal's reason on abort. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
