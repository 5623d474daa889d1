import { afterEach, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import type { FaultProfile } from '../../src/main/demo-store/faults.ts'
import { apiGet, authHeaders } from './helpers.ts'

const stores: DemoStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()))
})

async function open(
  options: Parameters<typeof startDemoStore>[0],
): Promise<DemoStore> {
  const store = await startDemoStore(options)
  stores.push(store)
  return store
}

describe('rate limit', () => {
  it('throttles past the burst with 429', async () => {
    const store = await open({ rateLimit: { burst: 5, perSecond: 0.01 } })
    const statuses: number[] = []
    for (let n = 0; n < 8; n++)
      statuses.push((await apiGet(store, 'Orders?countonly=1')).status)
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
    expect(statuses.slice(5)).toEqual([429, 429, 429])
  })

  it('can answer 503 with Retry-After', async () => {
    const store = await open({
      rateLimit: { burst: 1, perSecond: 0.01 },
      throttleStatus: 503,
      retryAfterSeconds: 7,
    })
    await apiGet(store, 'Orders?countonly=1')
    const throttled = await apiGet(store, 'Orders?countonly=1')
    expect(throttled.status).toBe(503)
    expect(throttled.headers.get('retry-after')).toBe('7')
  })

  it('uses the documented 50 burst for real', async () => {
    const store = await open({ rateLimit: 'real' })
    const results = await Promise.all(
      Array.from({ length: 60 }, () =>
        apiGet(store, 'OrderStatus?countonly=1'),
      ),
    )
    const ok = results.filter((r) => r.status === 200).length
    // 50 fit the bucket; at 2 per second at most a few more drain meanwhile.
    expect(ok).toBeGreaterThanOrEqual(50)
    expect(ok).toBeLessThan(60)
    expect(results.some((r) => r.status === 429)).toBe(true)
  })
})

/** Status or error of `count` sequential requests. */
async function outcomes(store: DemoStore, count: number): Promise<string[]> {
  const seen: string[] = []
  for (let n = 0; n < count; n++) {
    try {
      const response = await fetch(
        `${store.baseUrl}/Orders?limit=50&offset=1`,
        {
          headers: authHeaders(store),
          signal: AbortSignal.timeout(1_000),
        },
      )
      const text = await response.text()
      const type = response.headers.get('content-type') ?? ''
      let parses = true
      try {
        JSON.parse(text)
      } catch {
        parses = false
      }
      seen.push(
        `${response.status}${text === '' ? ':empty' : ''}${type.startsWith('text/html') ? ':html' : ''}${parses ? '' : ':badjson'}`,
      )
    } catch (error) {
      seen.push(
        (error as Error).name === 'TimeoutError' ? 'timeout' : 'network',
      )
    }
  }
  return seen
}

describe('fault profiles', () => {
  const cases: Array<[FaultProfile, string]> = [
    ['empty-500', '500:empty:badjson'],
    ['html-502', '502:html:badjson'],
    ['truncated-json', '200:badjson'],
    ['reset', 'network'],
    ['slow', 'timeout'],
    ['throttle-storm', '429'],
  ]
  for (const [profile, expected] of cases) {
    it(`injects ${profile}`, async () => {
      const store = await open({
        faults: [profile],
        faultRate: profile === 'slow' ? 0.5 : 0.3,
        faultSeed: 3,
        slowMs: 5_000,
      })
      const seen = await outcomes(store, profile === 'slow' ? 6 : 30)
      expect(seen).toContain(expected)
      expect(seen).toContain('200')
    })
  }

  it('starts storms of several throttled requests', async () => {
    const store = await open({
      faults: ['throttle-storm'],
      faultRate: 0.2,
      faultSeed: 5,
    })
    const seen = await outcomes(store, 40)
    const run = seen.join(' ').match(/(429 ?){8}/)
    expect(run).not.toBeNull()
  })

  it('repeats the same faults for the same seed', async () => {
    const a = await open({
      faults: ['empty-500', 'html-502'],
      faultRate: 0.3,
      faultSeed: 9,
    })
    const b = await open({
      faults: ['empty-500', 'html-502'],
      faultRate: 0.3,
      faultSeed: 9,
    })
    expect(await outcomes(b, 20)).toEqual(await outcomes(a, 20))
  })

  it('rejects unknown profiles and rates', async () => {
    await expect(
      startDemoStore({ faults: ['bogus' as FaultProfile] }),
    ).rejects.toThrow(/Unknown fault profile "bogus"/)
    await expect(
      startDemoStore({ faults: ['reset'], faultRate: 2 }),
    ).rejects.toThrow(/faultRate/)
  })
})

describe('changes while paging', () => {
  it('inserts, updates and deletes between pages, and ground truth follows', async () => {
    const store = await open({
      size: 'small',
      faults: ['changes'],
      faultRate: 0.9,
      faultSeed: 4,
    })
    const before = store.count('orders')
    const seen = new Map<number, string>()
    for (let offset = 1; ; offset += 25) {
      const page = await apiGet(store, `Orders?limit=25&offset=${offset}`)
      if (page.status !== 200) break
      for (const order of JSON.parse(page.text) as Array<{ OrderID: number }>) {
        seen.set(order.OrderID, JSON.stringify(order))
      }
    }
    const changes = store.changes()
    expect(changes.length).toBeGreaterThan(0)
    expect(new Set(changes.map((c) => c.kind)).size).toBe(3)
    const inserts = changes.filter((c) => c.kind === 'insert').length
    const deletes = changes.filter((c) => c.kind === 'delete').length
    expect(store.count('orders')).toBe(before + inserts - deletes)
    const truth = [...store.records('orders')]
    expect(truth).toHaveLength(store.count('orders'))
    const count = await apiGet(store, 'Orders?countonly=1')
    expect(JSON.parse(count.text).TotalCount).toBe(truth.length)
    const maxBefore = Math.max(
      ...[...seen.keys()].filter(
        (id) => !changes.some((c) => c.kind === 'insert' && c.id === id),
      ),
    )
    for (const change of changes.filter((c) => c.kind === 'insert')) {
      expect(Number(change.id)).toBeGreaterThan(maxBefore)
    }
    const deleted = new Set(
      changes.filter((c) => c.kind === 'delete').map((c) => c.id),
    )
    expect(truth.some((r) => deleted.has(r.id))).toBe(false)
    const updated = changes.find(
      (c) => c.kind === 'update' && !deleted.has(c.id),
    )
    if (updated) {
      const record = truth.find((r) => r.id === updated.id)!
      expect(record.raw).toContain('(edited)')
      const single = await apiGet(store, `Orders/${updated.id}`)
      expect(single.text).toBe(`[${record.raw}]`)
    }
  })

  it('applies changes on request and writes ground truth files', async () => {
    const store = await open({ size: 'tiny' })
    const applied = store.applyChanges('customers', 3)
    expect(applied.map((c) => c.kind)).toEqual(['insert', 'update', 'delete'])
    const { mkdtemp, readFile, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'demo-truth-'))
    try {
      await store.writeGroundTruth(dir)
      const lines = (await readFile(join(dir, 'customers.ndjson'), 'utf8'))
        .trimEnd()
        .split('\n')
      expect(lines).toEqual([...store.records('customers')].map((r) => r.raw))
      expect(lines).toHaveLength(12)
      const settings = await readFile(
        join(dir, 'store_settings.ndjson'),
        'utf8',
      )
      expect(JSON.parse(settings).StoreStandards.StoreTimeZone).toBe(
        'America/New_York',
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
