import { describe, expect, it } from 'vitest'
import {
  plainProgressLine,
  plainProgressPrinter,
} from '../../src/main/sync/progress-format.ts'
import type { PullProgress } from '../../src/main/sync/progress.ts'

function progress(ordersDone: number): PullProgress {
  return {
    runId: 1,
    state: 'running',
    entities: [
      { entity: 'customers', done: 40, total: 40, state: 'complete' },
      { entity: 'orders', done: ordersDone, total: 1200, state: 'pulling' },
      { entity: 'products', done: 10, total: null, state: 'pulling' },
    ],
    recordsPerSecond: 149.6,
    etaSeconds: 75,
    retries: 0,
    lastError: null,
  }
}

describe('plain progress', () => {
  it('names entities in flight and the rate', () => {
    expect(plainProgressLine(progress(300))).toBe(
      'progress: orders 300/1200, products 10/? · 150 rec/s · ETA 1m15s',
    )
  })

  it('writes at most every ten seconds', () => {
    const lines: string[] = []
    let clock = 0
    const print = plainProgressPrinter(
      (line) => lines.push(line),
      10_000,
      () => clock,
    )
    for (const [at, done] of [
      [0, 100],
      [4_000, 200],
      [9_999, 300],
      [10_000, 400],
      [15_000, 500],
      [21_000, 600],
    ] as const) {
      clock = at
      print(progress(done))
    }
    expect(lines).toHaveLength(3)
    expect(lines[0]).toContain('orders 100/1200')
    expect(lines[1]).toContain('orders 400/1200')
    expect(lines[2]).toContain('orders 600/1200')
  })

  it('skips updates with nothing in flight', () => {
    const lines: string[] = []
    const print = plainProgressPrinter((line) => lines.push(line))
    print({ ...progress(0), entities: [], state: 'completed' })
    expect(lines).toEqual([])
  })
})
