import { afterEach, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
  type FaultProfile,
} from '../../src/main/demo-store/index.ts'
import { PullJob } from '../../src/main/sync/pull.ts'
import { expectMatchesStore, FAST_RETRY, tempArchive } from './helpers.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function pullFrom(store: DemoStore, timeoutMs = 2_000) {
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  const archive = temp.open()
  cleanups.push(() => archive.close())
  const job = new PullJob({
    archive,
    credentials: store,
    baseUrl: store.baseUrl,
    pacing: 'off',
    retry: FAST_RETRY,
    timeoutMs,
  })
  const result = await job.start()
  return { archive, result, job }
}

async function demo(options: Parameters<typeof startDemoStore>[0]) {
  const store = await startDemoStore(options)
  cleanups.push(() => store.close())
  return store
}

describe('pull against the demo store', () => {
  it('copies a small store exactly', async () => {
    const store = await demo({ size: 'small' })
    const { archive, result } = await pullFrom(store)
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    expect(result.error).toBeNull()
    expectMatchesStore(archive, store)
    expect(archive.count('payment_tokens')).toBe(0)
  })

  it('stores nothing twice on a second run', async () => {
    const store = await demo({ size: 'tiny' })
    const temp = tempArchive()
    cleanups.push(() => temp.remove())
    for (let run = 0; run < 2; run++) {
      const archive = temp.open()
      const result = await new PullJob({
        archive,
        credentials: store,
        baseUrl: store.baseUrl,
        pacing: 'off',
      }).start()
      expect(result.complete).toBe(true)
      expectMatchesStore(archive, store)
      archive.close()
    }
  })

  const profiles: FaultProfile[] = [
    'empty-500',
    'html-502',
    'truncated-json',
    'reset',
    'slow',
    'throttle-storm',
  ]
  it.each(profiles)('survives the %s fault at 15%%', async (fault) => {
    const store = await demo({
      size: 'small',
      faults: [fault],
      faultRate: 0.15,
      faultSeed: 7,
      slowMs: 1_000,
    })
    const { archive, result, job } = await pullFrom(store, 300)
    expect(result.error).toBeNull()
    expect(result.complete).toBe(true)
    expect(job.progress().retries).toBeGreaterThan(0)
    expectMatchesStore(archive, store)
  })

  it('survives every fault at once', async () => {
    const store = await demo({
      size: 'small',
      faults: [
        'empty-500',
        'html-502',
        'truncated-json',
        'reset',
        'throttle-storm',
      ],
      faultRate: 0.2,
      faultSeed: 3,
    })
    const { archive, result } = await pullFrom(store)
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store)
  })

  it.each([2, 3, 4])(
    'reconciles changes during paging (seed %i)',
    async (faultSeed) => {
      const store = await demo({
        size: 'small',
        faults: ['changes'],
        faultRate: 0.3,
        faultSeed,
      })
      const { archive, result } = await pullFrom(store)
      expect(store.changes().length).toBeGreaterThan(0)
      expect(result.complete).toBe(true)
      expectMatchesStore(archive, store)
    },
  )

  it('reconciles deletions across many pages', async () => {
    const store = await demo({
      size: { orders: 3_000 },
      faults: ['changes'],
      faultRate: 0.5,
      faultSeed: 11,
      maxChanges: 40,
    })
    const { archive, result } = await pullFrom(store, 10_000)
    expect(store.changes().some((c) => c.kind === 'delete')).toBe(true)
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store)
  })

  it('stops with a resumable error after the retry cap', async () => {
    const store = await demo({
      size: 'tiny',
      faults: ['empty-500'],
      faultRate: 1,
    })
    const { archive, result } = await pullFrom(store)
    expect(result.state).toBe('failed')
    expect(result.error?.code).toBe('API_RETRIES_EXHAUSTED')
    expect(archive.lastRun()?.status).toBe('failed')
  })
})
