import { describe, expect, it } from 'vitest'
import {
  estimateBytes,
  estimateSeconds,
  formatBytes,
  formatDuration,
  requestsFor,
} from '../../../src/renderer/src/state/estimate.ts'

describe('pull estimates', () => {
  it('counts pages by the page maximum', () => {
    // Orders are read 300 a page, plus one request to find the end.
    expect(requestsFor({ entity: 'orders', count: 901 })).toBe(5)
    expect(requestsFor({ entity: 'products', count: 200 })).toBe(2)
    expect(requestsFor({ entity: 'store_settings', count: 1 })).toBe(1)
  })

  it('spends the burst before pacing', () => {
    expect(estimateSeconds([{ entity: 'orders', count: 3_000 }])).toBe(0)
    // 100 000 orders: 334 pages and one more, 285 past the burst of 50.
    expect(estimateSeconds([{ entity: 'orders', count: 100_000 }])).toBe(142.5)
  })

  it('sizes orders and products from their averages', () => {
    expect(estimateBytes([{ entity: 'orders', count: 1_000 }])).toBe(7_000_000)
    expect(estimateBytes([{ entity: 'products', count: 10 }])).toBe(200_000)
  })

  it('words durations and sizes', () => {
    expect(formatDuration(20)).toBe('less than a minute')
    expect(formatDuration(150)).toBe('about 3 minutes')
    expect(formatDuration(7_800)).toBe('about 2 hours 10 min')
    expect(formatBytes(678_000)).toBe('678 KB')
    expect(formatBytes(7_000_000)).toBe('7.0 MB')
  })
})
