import { describe, expect, it } from 'vitest'
import { ProgressTracker } from '../../src/main/sync/progress.ts'

/** Creates a tracker that paces one second per request after the first. */
function tracker(): ProgressTracker {
  return new ProgressTracker(
    ['orders', 'customers'],
    (requests) => Math.max(0, requests - 1),
    undefined,
    () => 0,
  )
}

describe('ProgressTracker ETA', () => {
  it('is unknown before any count', () => {
    expect(tracker().snapshot().etaSeconds).toBeNull()
  })

  it('counts pages once a total is known', () => {
    const progress = tracker()
    progress.updateEntity('orders', { total: 900, state: 'pulling' })
    // Orders: 900 records at 300 a page plus the two requests of their
    // verification. Customers, not counted yet, count as one page.
    expect(progress.snapshot().etaSeconds).toBe(5)
  })

  it('is zero once the pull completes', () => {
    const progress = tracker()
    progress.setState('completed')
    expect(progress.snapshot().etaSeconds).toBe(0)
  })
})
