/**
 * The API's documented throttle: a leaky bucket of 50 requests that drains
 * at 2 requests per second, per store. A request that would overflow the
 * bucket is rejected and does not fill it.
 */
export interface BucketSettings {
  burst: number
  perSecond: number
}

export const REAL_LIMIT: BucketSettings = { burst: 50, perSecond: 2 }

export class LeakyBucket {
  private level = 0
  private updatedAt: number
  private readonly settings: BucketSettings
  private readonly clock: () => number

  constructor(
    settings: BucketSettings,
    clock: () => number = performance.now.bind(performance),
  ) {
    if (!(settings.burst >= 1) || !(settings.perSecond > 0)) {
      throw new Error(
        `Invalid rate limit: burst must be at least 1 and perSecond above 0, got ${settings.burst} and ${settings.perSecond}`,
      )
    }
    this.settings = settings
    this.clock = clock
    this.updatedAt = clock()
  }

  /** Admits one request, or returns false when the bucket is full. */
  tryAdmit(): boolean {
    const now = this.clock()
    const drained = ((now - this.updatedAt) / 1000) * this.settings.perSecond
    this.level = Math.max(0, this.level - drained)
    this.updatedAt = now
    if (this.level + 1 > this.settings.burst) return false
    this.level += 1
    return true
  }
}
