import { describe, expect, it } from 'vitest'
import { LeakyBucket } from '../../src/main/demo-store/rate-limit.ts'

function bucketWithClock(burst: number, perSecond: number) {
  let now = 0
  const bucket = new LeakyBucket({ burst, perSecond }, () => now)
  return {
    bucket,
    advance(ms: number) {
      now += ms
    },
  }
}

describe('leaky bucket', () => {
  it('admits the burst then rejects', () => {
    const { bucket } = bucketWithClock(50, 2)
    const admitted = Array.from({ length: 55 }, () => bucket.tryAdmit())
    expect(admitted.filter(Boolean)).toHaveLength(50)
    expect(admitted.slice(50)).toEqual([false, false, false, false, false])
  })

  it('drains two requests per second', () => {
    const { bucket, advance } = bucketWithClock(50, 2)
    for (let n = 0; n < 50; n++) bucket.tryAdmit()
    advance(499)
    expect(bucket.tryAdmit()).toBe(false)
    advance(1)
    expect(bucket.tryAdmit()).toBe(true)
    expect(bucket.tryAdmit()).toBe(false)
    advance(10_000)
    const admitted = Array.from({ length: 25 }, () => bucket.tryAdmit())
    expect(admitted.filter(Boolean)).toHaveLength(20)
  })

  it('does not fill on rejected requests', () => {
    const { bucket, advance } = bucketWithClock(1, 1)
    expect(bucket.tryAdmit()).toBe(true)
    for (let n = 0; n < 10; n++) expect(bucket.tryAdmit()).toBe(false)
    advance(1_000)
    expect(bucket.tryAdmit()).toBe(true)
  })

  it('rejects invalid settings', () => {
    expect(() => new LeakyBucket({ burst: 0, perSecond: 2 })).toThrow(
      /burst must be at least 1/,
    )
    expect(() => new LeakyBucket({ burst: 5, perSecond: 0 })).toThrow(
      /perSecond above 0/,
    )
  })
})
