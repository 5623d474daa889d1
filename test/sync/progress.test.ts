import { describe, expect, it } from 'vitest'
import { ProgressTracker } from '../../src/main/sync/progress.ts'
import type { EntityKey } from '../../src/shared/entities.ts'

/** Creates a tracker that paces one second per request after the first. */
function tracker(
  entities: EntityKey[] = ['orders', 'manufacturers'],
  estimate: (requests: number) => number | null = (requests) =>
    Math.max(0, requests - 1),
): ProgressTracker {
  return new ProgressTracker(entities, estimate, undefined, () => 0)
}

describe('ProgressTracker ETA', () => {
  it('is unknown before any count', () => {
    expect(tracker().snapshot().etaSeconds).toBeNull()
  })

  it('counts pages once a total is known', () => {
    const progress = tracker()
    progress.updateEntity('orders', { total: 900, state: 'pulling' })
    // Orders: 900 records at 300 a page plus the two requests of their
    // verification. Manufacturers, not counted yet, count as one page.
    expect(progress.snapshot().etaSeconds).toBe(5)
  })

  it('is unknown while a large entity is uncounted', () => {
    const progress = tracker(['products', 'orders'])
    progress.updateEntity('products', { total: 10, state: 'complete' })
    expect(progress.snapshot().etaSeconds).toBeNull()
  })

  it('is unknown without pacing', () => {
    const progress = tracker(['orders'], () => null)
    progress.updateEntity('orders', { total: 900, state: 'pulling' })
    expect(progress.snapshot().etaSeconds).toBeNull()
  })

  it('is zero once the pull completes', () => {
    const progress = tracker()
    progress.setState('completed')
    expect(progress.snapshot().etaSeconds).toBe(0)
  })
})
