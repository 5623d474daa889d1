import { describe, expect, it, vi } from 'vitest'
import { TokenBucketPacer } from '../../src/main/api/pacer.ts'
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  throttleDelay,
} from '../../src/main/api/retry.ts'

describe('TokenBucketPacer', () => {
  it('admits the burst at once and queues the rest', async () => {
    let now = 1_000_000
    const pacer = new TokenBucketPacer({ burst: 3, perSecond: 1000 }, () => now)
    const admitted: number[] = []
    const all = [0, 1, 2, 3, 4].map((i) =>
      pacer.acquire().then(() => admitted.push(i)),
    )
    await Promise.resolve()
    await Promise.resolve()
    expect(admitted).toEqual([0, 1, 2])
    now += 2
    await Promise.all(all)
    expect(admitted).toEqual([0, 1, 2, 3, 4])
  })

  it('delays requests by the headroom', async () => {
    vi.useFakeTimers()
    try {
      const pacer = new TokenBucketPacer(
        { burst: 2, perSecond: 10, headroomMs: 20 },
        () => Date.now(),
      )
      const admitted: number[] = []
      for (const i of [0, 1, 2]) {
        void pacer.acquire().then(() => admitted.push(i))
      }
      await vi.advanceTimersByTimeAsync(0)
      // One token is left, but the second request also needs the headroom.
      expect(admitted).toEqual([0])
      await vi.advanceTimersByTimeAsync(18)
      expect(admitted).toEqual([0])
      await vi.advanceTimersByTimeAsync(3)
      expect(admitted).toEqual([0, 1])
      // Later requests keep the rate: one per 100 ms.
      await vi.advanceTimersByTimeAsync(97)
      expect(admitted).toEqual([0, 1])
      await vi.advanceTimersByTimeAsync(3)
      expect(admitted).toEqual([0, 1, 2])
    } finally {
      vi.useRealTimers()
    }
  })

  it('admits a burst of one despite headroom', async () => {
    const pacer = new TokenBucketPacer({
      burst: 1,
      perSecond: 2,
      headroomMs: 100,
    })
    await expect(pacer.acquire()).resolves.toBeUndefined()
  })

  it('rejects headroom of a whole interval', () => {
    expect(
      () => new TokenBucketPacer({ burst: 5, perSecond: 2, headroomMs: 500 }),
    ).toThrow(RangeError)
  })

  it('estimates time from the rate after the burst', () => {
    const now = 5_000
    const pacer = new TokenBucketPacer({ burst: 50, perSecond: 2 }, () => now)
    expect(pacer.estimateSeconds(50)).toBe(0)
    expect(pacer.estimateSeconds(70)).toBe(10)
  })

  it('holds requests after a throttle', () => {
    const now = 5_000
    const pacer = new TokenBucketPacer({ burst: 50, perSecond: 2 }, () => now)
    pacer.throttle(3_000)
    expect(pacer.estimateSeconds(1)).toBe(3.5)
  })

  it('rejects a waiter whose signal aborts', async () => {
    const pacer = new TokenBucketPacer({ burst: 1, perSecond: 0.001 })
    await pacer.acquire()
    const controller = new AbortController()
    const waiting = pacer.acquire(controller.signal)
    controller.abort(new Error('stop'))
    await expect(waiting).rejects.toThrow('stop')
  })

  it('waits out a throttle longer than a timer', async () => {
    vi.useFakeTimers()
    try {
      const pacer = new TokenBucketPacer({ burst: 2, perSecond: 2 }, () =>
        Date.now(),
      )
      const timers = vi.spyOn(globalThis, 'setTimeout')
      const throttleMs = 3_000_000_000
      pacer.throttle(throttleMs)
      let admitted = false
      void pacer.acquire().then(() => {
        admitted = true
      })
      await vi.advanceTimersByTimeAsync(1_000)
      expect(admitted).toBe(false)
      const delays = timers.mock.calls.map((call) => Number(call[1]))
      // Node runs a longer timer after 1 ms, so it would re-arm in a loop.
      expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1)
      expect(delays.length).toBe(1)
      await vi.advanceTimersByTimeAsync(throttleMs - 1_000)
      expect(admitted).toBe(false)
      // After the throttle the empty bucket needs half a second per token.
      await vi.advanceTimersByTimeAsync(500)
      expect(admitted).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('retry helpers', () => {
  it('doubles the throttle wait up to the cap', () => {
    const policy = { ...DEFAULT_RETRY_POLICY }
    expect(throttleDelay(policy, 1)).toBe(1_000)
    expect(throttleDelay(policy, 2)).toBe(2_000)
    expect(throttleDelay(policy, 4)).toBe(8_000)
    expect(throttleDelay(policy, 5)).toBe(10_000)
    expect(throttleDelay(policy, 30)).toBe(10_000)
  })

  it('doubles the back-off up to the cap', () => {
    const policy = {
      ...DEFAULT_RETRY_POLICY,
      baseDelayMs: 100,
      maxDelayMs: 500,
    }
    expect(backoffDelay(policy, 1, () => 1)).toBe(100)
    expect(backoffDelay(policy, 3, () => 1)).toBe(400)
    expect(backoffDelay(policy, 9, () => 1)).toBe(500)
    expect(backoffDelay(policy, 3, () => 0)).toBe(200)
  })

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4_000)).toBe(6000)
    expect(parseRetryAfter('soon')).toBeNull()
    expect(parseRetryAfter(null)).toBeNull()
  })
})
