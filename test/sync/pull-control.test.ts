import { afterEach, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { PullJob, type PullOptions } from '../../src/main/sync/pull.ts'
import type { PullProgress } from '../../src/main/sync/progress.ts'
import { expectMatchesStore, FAST_RETRY, tempArchive } from './helpers.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function setup(size: Parameters<typeof startDemoStore>[0] = {}) {
  const store = await startDemoStore({ size: 'small', ...size })
  cleanups.push(() => store.close())
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  return { store, temp }
}

function options(
  store: DemoStore,
  extra: Partial<PullOptions> & Pick<PullOptions, 'archive'>,
): PullOptions {
  return {
    credentials: store,
    baseUrl: store.baseUrl,
    pacing: 'off',
    retry: FAST_RETRY,
    ...extra,
  }
}

describe('pull control', () => {
  it('pauses, resumes and completes', async () => {
    const { store, temp } = await setup()
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const states: string[] = []
    let job: PullJob | null = null
    let paused = false
    let doneWhenPaused = -1
    job = new PullJob(
      options(store, {
        archive,
        onProgress: (p) => {
          states.push(p.state)
          const orders = p.entities.find((e) => e.entity === 'orders')
          if (!paused && orders && orders.done > 0) {
            paused = true
            job!.pause()
            doneWhenPaused = orders.done
            setTimeout(() => {
              // Nothing moves while paused.
              const now = job!.progress()
              expect(now.state).toBe('paused')
              expect(
                now.entities.find((e) => e.entity === 'orders')?.done,
              ).toBe(doneWhenPaused)
              job!.resume()
            }, 200)
          }
        },
      }),
    )
    const result = await job.start()
    expect(states).toContain('paused')
    expect(states).toContain('verifying')
    expect(result.state).toBe('completed')
    expectMatchesStore(archive, store)
  })

  it('cancels, then resumes from the checkpoint', async () => {
    const { store, temp } = await setup({ latencyMs: 5 })
    let archive = temp.open()
    let job: PullJob | null = null
    job = new PullJob(
      options(store, {
        archive,
        onProgress: (p: PullProgress) => {
          const orders = p.entities.find((e) => e.entity === 'orders')
          if (orders && orders.done >= 300) job!.cancel()
        },
      }),
    )
    const first = await job.start()
    expect(first.state).toBe('cancelled')
    expect(archive.lastRun()?.status).toBe('cancelled')
    const checkpoint = archive.getCheckpoint('orders')
    expect(checkpoint?.phase).toBe('walk')
    expect(checkpoint?.nextOffset).toBe(301)
    // Entities without an update filter are walked after those with one,
    // so none of them was read before the cancel.
    expect(archive.getCheckpoint('order_statuses')).toBeUndefined()
    expect(archive.count('order_statuses')).toBe(0)
    archive.close()

    archive = temp.open()
    cleanups.push(() => archive.close())
    const requestsBefore = store.requestCount()
    const second = await new PullJob(options(store, { archive })).start()
    expect(second.state).toBe('completed')
    expect(second.complete).toBe(true)
    expectMatchesStore(archive, store)
    expect(archive.getCheckpoint('orders')).toBeUndefined()
    // The resumed run reads the rest of the orders, not the whole store.
    const resumedRequests = store.requestCount() - requestsBefore
    expect(resumedRequests).toBeLessThan(40)
  })

  it('holds a pause made right after start', async () => {
    const { store, temp } = await setup({ size: 'tiny' })
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const job = new PullJob(options(store, { archive }))
    const running = job.start()
    job.pause()
    expect(job.progress().state).toBe('paused')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(store.requestCount()).toBe(0)
    expect(job.progress().state).toBe('paused')
    job.resume()
    expect(job.progress().state).toBe('running')
    const result = await running
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store)
  })

  it('cancels through an abort signal', async () => {
    const { store, temp } = await setup({ latencyMs: 20 })
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const controller = new AbortController()
    const job = new PullJob(
      options(store, { archive, signal: controller.signal }),
    )
    setTimeout(() => controller.abort(), 100)
    const result = await job.start()
    expect(result.state).toBe('cancelled')
    expect(job.progress().state).toBe('cancelled')
  })

  it('reports final progress per entity', async () => {
    const { store, temp } = await setup()
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const seen: PullProgress[] = []
    const job = new PullJob(
      options(store, { archive, onProgress: (p) => seen.push(p) }),
    )
    await job.start()
    const last = seen[seen.length - 1]!
    expect(last.state).toBe('completed')
    expect(last.etaSeconds).toBe(0)
    const orders = last.entities.find((e) => e.entity === 'orders')!
    expect(orders).toEqual({
      entity: 'orders',
      done: 500,
      total: 500,
      state: 'complete',
    })
    expect(seen.some((p) => p.etaSeconds !== null && p.etaSeconds > 0)).toBe(
      false,
    )
    expect(seen.every((p) => p.runId === last.runId)).toBe(true)
  })

  it('estimates time from the rate limit', async () => {
    const { store, temp } = await setup()
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const seen: PullProgress[] = []
    const job = new PullJob({
      archive,
      credentials: store,
      baseUrl: store.baseUrl,
      pacing: { burst: 5, perSecond: 1000 },
      onProgress: (p) => seen.push(p),
    })
    const result = await job.start()
    expect(result.complete).toBe(true)
    expect(seen.some((p) => p.etaSeconds !== null)).toBe(true)
  })
})

describe('pull options', () => {
  it('removes sensitive fields by default', async () => {
    const { store, temp } = await setup({ size: 'tiny' })
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const entities = ['customers', 'orders', 'payment_tokens'] as const
    const result = await new PullJob(
      options(store, { archive, entities: [...entities] }),
    ).start()
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: [...entities] })
    const withPassword = [...store.records('customers')].find((r) =>
      r.raw.includes('"Password"'),
    )
    expect(withPassword).toBeDefined()
    expect(archive.getRaw('customers', withPassword!.id)).not.toContain(
      '"Password"',
    )
    const withKeyLink = [...store.records('orders')].find((r) =>
      r.raw.includes('orderkey='),
    )
    expect(withKeyLink).toBeDefined()
    const stored = archive.getRaw('orders', withKeyLink!.id)
    expect(stored).not.toContain('"ContinueURL"')
    expect(stored).not.toContain('orderkey=')
  })

  it('keeps sensitive fields when asked', async () => {
    const { store, temp } = await setup({ size: 'tiny' })
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const entities = ['customers', 'orders', 'payment_tokens'] as const
    await new PullJob(
      options(store, {
        archive,
        entities: [...entities],
        storeSensitive: true,
      }),
    ).start()
    expectMatchesStore(archive, store, {
      entities: [...entities],
      storeSensitive: true,
    })
  })

  it('pulls only the selected entities', async () => {
    const { store, temp } = await setup({ size: 'tiny' })
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const result = await new PullJob(
      options(store, { archive, entities: ['orders', 'manufacturers'] }),
    ).start()
    expect(result.entities.map((e) => e.entity)).toEqual([
      'manufacturers',
      'orders',
    ])
    expect(archive.count('orders')).toBe(store.count('orders'))
    expect(archive.count('customers')).toBe(0)
    // StoreSettings is kept even when not chosen: its time zone turns the
    // store dates into UTC.
    expect(archive.storeTimeZone()).toBe('America/New_York')
    const missing = archive.db
      .prepare(
        `SELECT count(*) FROM orders
         WHERE order_date_raw IS NOT NULL AND order_date_utc IS NULL`,
      )
      .pluck()
      .get()
    expect(missing).toBe(0)
    const dated = archive.db
      .prepare('SELECT count(*) FROM orders WHERE order_date_utc IS NOT NULL')
      .pluck()
      .get()
    expect(dated).toBeGreaterThan(0)
  })

  it('rejects an unknown entity', () => {
    expect(
      () =>
        new PullJob({
          archive: null as never,
          credentials: { secureUrl: '', privateKey: '', token: '' },
          entities: ['invoices' as never],
        }),
    ).toThrow(/Unknown entity: invoices/)
  })

  it('pulls only changes in incremental mode', async () => {
    const { store, temp } = await setup({ size: 'small' })
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const full = await new PullJob(options(store, { archive })).start()
    expect(full.complete).toBe(true)

    const changed = [
      ...store.applyChanges('orders', 4, ['update']),
      ...store.applyChanges('orders', 2, ['insert']),
      ...store.applyChanges('products', 2, ['update']),
      ...store.applyChanges('customers', 1, ['delete']),
      ...store.applyChanges('manufacturers', 1, ['insert']),
    ]
    expect(changed).toHaveLength(10)
    const requestsBefore = store.requestCount()
    const incremental = await new PullJob(
      options(store, { archive, mode: 'incremental' }),
    ).start()
    expect(incremental.state).toBe('completed')
    expect(incremental.complete).toBe(true)
    expect(incremental.notices.length).toBeGreaterThan(0)
    expectMatchesStore(archive, store)
    const changes = Object.fromEntries(
      incremental.changes.map((c) => [c.entity, c]),
    )
    expect(changes['orders']).toMatchObject({ added: 2, changed: 4 })
    expect(changes['products']).toMatchObject({ changed: 2 })
    expect(changes['customers']).toMatchObject({ removed: 1 })
    expect(changes['manufacturers']).toMatchObject({ added: 1 })
    // Orders come through the update filter: far fewer requests than a
    // full pull of 500 orders, 150 products and 300 customers.
    expect(store.requestCount() - requestsBefore).toBeLessThan(60)
  })
})
