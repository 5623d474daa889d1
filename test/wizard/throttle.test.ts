import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PullStatus } from '../../src/shared/ipc/channels/wizard.ts'
import { ProgressThrottle } from '../../src/main/pull-manager/throttle.ts'

function status(state: PullStatus['state'], done: number): PullStatus {
  return {
    storeId: 'shop',
    state,
    entities: [{ entity: 'orders', done, total: 100, state: 'pulling' }],
    recordsPerSecond: 0,
    etaSeconds: null,
    retries: 0,
    lastError: null,
    errors: [],
    verification: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: null,
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('ProgressThrottle', () => {
  it('merges counts within an interval', () => {
    const sent: PullStatus[] = []
    const throttle = new ProgressThrottle((s) => sent.push(s))
    for (let done = 1; done <= 10; done++)
      throttle.push(status('running', done))
    expect(sent.map((s) => s.entities[0]?.done)).toEqual([1])
    vi.advanceTimersByTime(250)
    expect(sent.map((s) => s.entities[0]?.done)).toEqual([1, 10])
  })

  it('sends a change of state at once', () => {
    const sent: PullStatus[] = []
    const throttle = new ProgressThrottle((s) => sent.push(s))
    throttle.push(status('running', 1))
    throttle.push(status('paused', 2))
    expect(sent.map((s) => s.state)).toEqual(['running', 'paused'])
  })

  it('drops the pending status when stopped', () => {
    const sent: PullStatus[] = []
    const throttle = new ProgressThrottle((s) => sent.push(s))
    throttle.push(status('running', 1))
    throttle.push(status('running', 2))
    throttle.stop()
    vi.advanceTimersByTime(1_000)
    expect(sent).toHaveLength(1)
  })
})
