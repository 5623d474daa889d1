/**
 * Stores that list an id again away from its first row: the demo store's
 * 'duplicate-ids-later' fault, which lists second rows after the last
 * record, and a store on 127.0.0.1 whose listing is in descending id order.
 * The pull completes with each record once and names the repeated ids after
 * at most one more read, while a store that really changes still gets the
 * "kept changing" message.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { apiGet } from '../demo-store/helpers.ts'
import { getEntity, type EntityKey } from '../../src/shared/entities.ts'
import { defaultEntities, PullJob } from '../../src/main/sync/pull.ts'
import type { EntityVerification } from '../../src/main/sync/reconcile.ts'
import { ScatteredRepeats } from '../../src/main/sync/scattered-repeats.ts'
import { expectMatchesStore, FAST_RETRY, tempArchive } from './helpers.ts'
import {
  orderJson,
  startListingStore,
  type ListingStore,
} from './listing-server.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function demo(options: Parameters<typeof startDemoStore>[0]) {
  const store = await startDemoStore(options)
  cleanups.push(() => store.close())
  return store
}

function openArchive() {
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  const archive = temp.open()
  cleanups.push(() => archive.close())
  return archive
}

/** Pulls from the demo store, or from a listing store with its credentials. */
async function pullFrom(
  store: DemoStore | ListingStore,
  entities?: EntityKey[],
) {
  const archive = openArchive()
  const credentials = 'credentials' in store ? store.credentials : store
  const result = await new PullJob({
    archive,
    credentials,
    baseUrl: store.baseUrl,
    pacing: 'off',
    retry: FAST_RETRY,
    timeoutMs: 5_000,
    ...(entities ? { entities } : {}),
  }).start()
  return { archive, result }
}

function rowOf(rows: EntityVerification[], entity: EntityKey) {
  const row = rows.find((r) => r.entity === entity)
  if (!row) throw new Error(`no verification row for ${entity}`)
  return row
}

/** Asserts the row names the repeated ids and states that no data is missing. */
function expectNamesRepeats(
  row: EntityVerification,
  twice: Array<number | string>,
  distinct: number,
): void {
  const listing = row.duplicateListings
  expect(listing, `duplicate listings of ${row.entity}`).toBeDefined()
  expect(listing!.ids).toBe(twice.length)
  expect(listing!.extraRows).toBe(twice.length)
  expect([...listing!.sample].sort()).toEqual(twice.slice(0, 5).sort())
  for (const id of twice.slice(0, 5)) {
    expect(listing!.message).toContain(String(id))
  }
  expect(listing!.message).toContain(getEntity(row.entity).label)
  expect(listing!.message).toContain('No data is missing')
  expect(listing!.message).toContain('another pull will not change this')
  expect(row.storeCount).toBe(distinct + twice.length)
  expect(row.localCount).toBe(distinct)
}

/** Tallies the rows as a walk does, adding each id to the seen set after. */
function tally(rows: Array<number | string>): ScatteredRepeats {
  const seen = new Set<string>()
  const repeats = new ScatteredRepeats()
  for (const id of rows) {
    repeats.add(id, seen)
    seen.add(String(id))
  }
  return repeats
}

describe('ScatteredRepeats', () => {
  it('counts rows and ids listed again', () => {
    const result = tally([5, 3, 5, 7, 5, 3]).result()
    expect(result.extraRows).toBe(3)
    expect(result.ids).toBe(2)
    expect(result.sample).toEqual([5, 3])
  })

  it('fingerprints the rows in any order', () => {
    const listing = tally([5, 3, 5, 7]).fingerprint()
    expect(tally([7, 5, 3, 5]).fingerprint()).toBe(listing)
    expect(tally([5, 3, 7]).fingerprint()).not.toBe(listing)
    expect(tally([5, 3, 5, 8]).fingerprint()).not.toBe(listing)
    expect(tally(['5', 3, 5, 7]).fingerprint()).toBe(listing)
  })
})

describe('demo store duplicate-ids-later fault', () => {
  it('lists second rows after the last record', async () => {
    const store = await demo({ size: 'tiny', faults: ['duplicate-ids-later'] })
    const twice = store.listedTwice('orders')
    expect(twice).toHaveLength(3)
    const counted = await apiGet(store, 'Orders?countonly=1')
    expect(JSON.parse(counted.text)).toEqual({ TotalCount: 24 + 3 })
    const page = await apiGet(store, 'Orders?limit=300&offset=1')
    const ids = (JSON.parse(page.text) as Array<{ OrderID: number }>).map(
      (order) => order.OrderID,
    )
    expect(ids).toHaveLength(27)
    expect(ids.slice(24)).toEqual(twice)
    expect(new Set(ids.slice(0, 24)).size).toBe(24)
  })
})

describe('pull of a store that lists ids again later', () => {
  it('completes with each record once', async () => {
    const store = await demo({
      size: 'small',
      faults: ['duplicate-ids-later'],
      faultSeed: 5,
    })
    const { archive, result } = await pullFrom(store)
    expect(result.state).toBe('completed')
    expect(result.error).toBeNull()
    expect(result.complete).toBe(true)
    expect(result.notices.join(' ')).not.toContain('kept changing')
    expectMatchesStore(archive, store)
    for (const entity of defaultEntities()) {
      if (getEntity(entity).shape === 'object') continue
      const row = rowOf(result.entities, entity)
      expect(row.complete, `${entity} complete`).toBe(true)
      // One more read at most confirms that the listing repeats the ids.
      expect(row.rewalks, `re-reads of ${entity}`).toBeLessThanOrEqual(1)
      expectNamesRepeats(row, store.listedTwice(entity), store.count(entity))
    }
  })

  it('reads a multi-page entity twice at most', async () => {
    const store = await demo({
      size: { orders: 1_500 },
      faults: ['duplicate-ids-later'],
    })
    const { archive, result } = await pullFrom(store, ['orders'])
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: ['orders'] })
    const orders = rowOf(result.entities, 'orders')
    expect(orders.rewalks).toBe(1)
    expectNamesRepeats(orders, store.listedTwice('orders'), 1_500)
    // Two walks of 1,503 rows (6 pages each, the second and later ones
    // re-reading one row until the listing leaves id order), a catch-up
    // read after each, and at most one count per walk.
    expect(store.requestCount()).toBeLessThanOrEqual(2 * (6 + 1 + 1) + 2)
  })

  it('uses the recorded repeats in an incremental pull', async () => {
    const store = await demo({
      size: { orders: 1_000 },
      faults: ['duplicate-ids-later'],
    })
    const { archive } = await pullFrom(store, ['orders', 'customers'])
    const result = await new PullJob({
      archive,
      credentials: store,
      baseUrl: store.baseUrl,
      pacing: 'off',
      retry: FAST_RETRY,
      mode: 'incremental',
      entities: ['orders', 'customers'],
    }).start()
    expect(result.complete).toBe(true)
    for (const entity of ['orders', 'customers'] as const) {
      const row = rowOf(result.entities, entity)
      expect(row.rewalks, `re-reads of ${entity}`).toBe(0)
      expectNamesRepeats(row, store.listedTwice(entity), store.count(entity))
    }
  })

  it('keeps the changed message for a store that keeps changing', async () => {
    const store = await demo({
      size: { orders: 3_000 },
      faults: ['changes', 'duplicate-ids-later'],
      faultRate: 1,
      faultSeed: 4,
      maxChanges: 1_000_000,
    })
    const { result } = await pullFrom(store, ['orders'])
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(false)
    const orders = rowOf(result.entities, 'orders')
    expect(orders.complete).toBe(false)
    expect(orders.duplicateListings).toBeUndefined()
    expect(result.notices.join(' ')).toContain(
      'The store kept changing while it was read',
    )
  })
})

describe('pull of a listing in descending id order', () => {
  /** Orders 1..count, newest first, with `again` listed a second time. */
  function descending(count: number, again: number, at: number): string[] {
    const rows: string[] = []
    for (let id = count; id >= 1; id--) rows.push(orderJson(String(id)))
    rows.splice(at, 0, orderJson(String(again)))
    return rows
  }

  async function pullListing(
    records: string[],
    beforePage?: (served: number) => void,
  ) {
    const store = await startListingStore({
      records,
      ...(beforePage ? { beforePage } : {}),
    })
    cleanups.push(() => store.close())
    const pulled = await pullFrom(store, ['orders'])
    return { store, ...pulled }
  }

  it('names an id listed again pages later', async () => {
    // Order 1,000 is the first row, and again the 901st, on the fourth page.
    const { store, archive, result } = await pullListing(
      descending(1_000, 1_000, 900),
    )
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    expect(archive.count('orders')).toBe(1_000)
    expect(archive.getRaw('orders', 1)).toBe(orderJson('1'))
    const row = result.entities[0]!
    expect(row.rewalks).toBe(1)
    expectNamesRepeats(row, [1_000], 1_000)
    expect(result.notices.join(' ')).not.toContain('kept changing')
    // Two walks of four pages (the last one short) and a catch-up read
    // after each.
    expect(store.pageRequests).toBe(2 * 4 + 2)
  })

  it('reads again after an insert before the offset', async () => {
    // A new order is listed first after the first page was read, so the
    // second page begins with the last row of the first, read again. That
    // row looks like a repeat, and the new order was never read.
    const records = descending(1_000, 1, 1_000).slice(0, 1_000)
    const { archive, result } = await pullListing(records, (served) => {
      if (served === 1) records.unshift(orderJson('1001'))
    })
    expect(result.complete).toBe(true)
    expect(archive.count('orders')).toBe(1_001)
    expect(archive.getRaw('orders', 1_001)).toBe(orderJson('1001'))
    const row = result.entities[0]!
    expect(row.rewalks).toBe(1)
    expect(row.duplicateListings).toBeUndefined()
  })

  it('completes a listing without repeats at once', async () => {
    const records = descending(1_000, 1, 1_000).slice(0, 1_000)
    const { archive, result } = await pullListing(records)
    expect(result.complete).toBe(true)
    expect(archive.count('orders')).toBe(1_000)
    const row = result.entities[0]!
    expect(row.rewalks).toBe(0)
    expect(row.duplicateListings).toBeUndefined()
  })
})
