/**
 * Client-side pacing that mirrors the store's leaky bucket (a burst of 50
 * requests, then 2 per second). One pacer per store is shared by every
 * request to it, so concurrent work in one process never exceeds the limit
 * together.
 */

export interface PacingConfig {
  /** Requests that may be sent at once when the bucket is full. */
  burst: number
  /** Requests per second once the burst is spent. */
  perSecond: number
  /**
   * Milliseconds each request waits after the bucket could admit it,
   * default 0. A request that reaches the store sooner after the one before
   * than it left the client would overflow the store's full bucket, and
   * the headroom absorbs that jitter. It delays requests once and keeps
   * the rate.
   */
  headroomMs?: number
}

/** Maximum delay of `setTimeout`: 2^31 - 1 ms, about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** The limit 3dcart documents for every store. */
export const STORE_RATE_LIMIT: PacingConfig = { burst: 50, perSecond: 2 }

/**
 * The client's default: the store's whole burst and rate, with 100 ms of
 * headroom, so a request may reach the store up to 100 ms early relative to
 * the first request of the pull. The headroom costs 100 ms per pull, and
 * keeping one request of the burst in reserve instead would cost 500 ms.
 * Larger jitter costs a throttled request, which waits a second.
 */
export const DEFAULT_PACING: PacingConfig = {
  ...STORE_RATE_LIMIT,
  headroomMs: 100,
}

export interface Pacer {
  /** Waits until a request may be sent; rejects when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void>
  /** Empties the bucket and delays every request by `delayMs`. */
  throttle(delayMs: number): void
  /**
   * Seconds the pacer needs to admit `requests` more requests from now, or
   * null when it sets no pace to estimate from.
   */
  estimateSeconds(requests: number): number | null
}

interface Waiter {
  resolve: () => void
  reject: (reason: unknown) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

export class TokenBucketPacer implements Pacer {
  readonly config: PacingConfig
  private tokens: number
  private updatedAt: number
  private blockedUntil = 0
  private readonly queue: Waiter[] = []
  private timer: NodeJS.Timeout | null = null
  private readonly now: () => number
  /**
   * Tokens the bucket needs to admit a request: one, plus the headroom,
   * at most the burst (a bucket of one request has no room for headroom).
   */
  private readonly needed: number

  constructor(
    config: PacingConfig,
    now: () => number = performance.now.bind(performance),
  ) {
    if (!(config.burst >= 1) || !(config.perSecond > 0)) {
      throw new RangeError(
        `Pacing needs a burst of at least 1 and a positive rate, got ${config.burst} and ${config.perSecond}`,
      )
    }
    const headroomMs = config.headroomMs ?? 0
    if (!(headroomMs >= 0) || headroomMs >= 1000 / config.perSecond) {
      throw new RangeError(
        `Pacing headroom must be at least 0 and shorter than one request interval (${1000 / config.perSecond} ms), got ${headroomMs}`,
      )
    }
    this.config = config
    this.now = now
    this.needed = Math.min(
      config.burst,
      1 + (headroomMs / 1000) * config.perSecond,
    )
    this.tokens = config.burst
    this.updatedAt = now()
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter)
          if (index >= 0) this.queue.splice(index, 1)
          reject(signal?.reason)
        },
      }
      signal?.addEventListener('abort', waiter.onAbort, { once: true })
      this.queue.push(waiter)
      this.drain()
    })
  }

  throttle(delayMs: number): void {
    this.refill()
    this.tokens = 0
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + delayMs)
    this.schedule()
  }

  estimateSeconds(requests: number): number {
    this.refill()
    const queued = requests + this.queue.length
    const blocked = Math.max(0, this.blockedUntil - this.now()) / 1000
    const fromBucket = Math.max(0, queued - Math.floor(this.tokens))
    return blocked + fromBucket / this.config.perSecond
  }

  private refill(): void {
    const now = this.now()
    const start = Math.max(this.updatedAt, this.blockedUntil)
    if (now > start) {
      this.tokens = Math.min(
        this.config.burst,
        this.tokens + ((now - start) / 1000) * this.config.perSecond,
      )
    }
    this.updatedAt = Math.max(now, this.updatedAt)
  }

  private drain(): void {
    this.refill()
    const now = this.now()
    while (this.queue.length > 0 && now >= this.blockedUntil) {
      if (this.tokens < this.needed) break
      this.tokens -= 1
      const waiter = this.queue.shift()!
      waiter.signal?.removeEventListener('abort', waiter.onAbort)
      waiter.resolve()
    }
    this.schedule()
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return
    const now = this.now()
    const untilToken =
      this.tokens >= this.needed
        ? 0
        : ((this.needed - this.tokens) / this.config.perSecond) * 1000
    const delay = Math.max(this.blockedUntil - now, 0) + untilToken
    // Node runs a timer longer than MAX_TIMER_MS after 1 ms, so an uncapped
    // wait would re-arm every millisecond. A capped one wakes early once.
    this.timer = setTimeout(
      () => {
        this.timer = null
        this.drain()
      },
      Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(delay))),
    )
  }
}

/** A pacer that admits everything, for `pacing: 'off'`. */
export const UNPACED: Pacer = {
  acquire: (signal) =>
    signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve(),
  throttle: () => {},
  estimateSeconds: () => null,
}

const registry = new Map<string, TokenBucketPacer>()

/**
 * Returns the shared pacer of one store, keyed by API base URL and secure
 * URL. A later caller with a different config replaces it, since the limit
 * belongs to the store.
 */
export function pacerFor(
  baseUrl: string,
  secureUrl: string,
  config: PacingConfig | 'off' = DEFAULT_PACING,
): Pacer {
  if (config === 'off') return UNPACED
  const key = `${baseUrl}\n${secureUrl.toLowerCase()}`
  const existing = registry.get(key)
  if (
    existing &&
    existing.config.burst === config.burst &&
    existing.config.perSecond === config.perSecond &&
    (existing.config.headroomMs ?? 0) === (config.headroomMs ?? 0)
  ) {
    return existing
  }
  const pacer = new TokenBucketPacer(config)
  registry.set(key, pacer)
  return pacer
}
