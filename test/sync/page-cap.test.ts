/**
 * A short page of a round size (a multiple of 50) could be a page cap
 * below the documented maximum. The walk counts the store to tell, unless
 * a full page of the same size came back earlier in the pull, which rules
 * out a lower cap for resources with that documented maximum.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startDemoStore } from '../../src/main/demo-store/index.ts'
import type { EntityKey } from '../../src/shared/entities.ts'
import { PullJob } from '../../src/main/sync/pull.ts'
import { expectMatchesStore, FAST_RETRY, tempArchive } from './helpers.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

/** Resource paths of the `countonly` requests sent while `work` runs. */
async function countRequests(work: () => Promise<void>): Promise<string[]> {
  const original = globalThis.fetch
  const counted: string[] = []
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    const url = new URL(String(args[0]))
    if (url.searchParams.get('countonly') === '1') {
      counted.push(url.pathname.split('/').pop()!)
    }
    return original(...args)
  }
  try {
    await work()
  } finally {
    globalThis.fetch = original
  }
  return counted.sort()
}

async function pullAndCount(entities: EntityKey[]) {
  // 3,000 customers in pages of 500, 50 manufacturers and 100 categories:
  // both of the latter fit one short page of a round size.
  const store = await startDemoStore({ size: { orders: 10_000 }, seed: 7 })
  cleanups.push(() => store.close())
  expect(store.count('manufacturers')).toBe(50)
  expect(store.count('categories')).toBe(100)
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  const archive = temp.open()
  cleanups.push(() => archive.close())
  let complete = false
  const counts = await countRequests(async () => {
    const result = await new PullJob({
      archive,
      credentials: store,
      baseUrl: store.baseUrl,
      entities,
      pacing: 'off',
      retry: FAST_RETRY,
    }).start()
    complete = result.complete
  })
  expect(complete).toBe(true)
  expectMatchesStore(archive, store, { entities })
  return counts
}

describe('short page of a round size', () => {
  it('is counted without a full page', async () => {
    const counts = await pullAndCount(['manufacturers', 'categories'])
    expect(counts).toEqual(['Categories', 'Manufacturers'])
  })

  it('ends the walk after a full page', async () => {
    const counts = await pullAndCount([
      'manufacturers',
      'categories',
      'customers',
    ])
    // Customers alone are counted: once for the progress total while
    // their walk runs, and once in verification.
    expect(counts).toEqual(['Customers', 'Customers'])
  })
})
