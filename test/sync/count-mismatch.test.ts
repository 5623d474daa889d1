/**
 * Stores whose count disagrees with their listing, served on 127.0.0.1.
 * The pull completes after one re-read of the entity, its result explains
 * why the counts differ, and the archive contains every listed record.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../src/main/archive/index.ts'
import { PullJob } from '../../src/main/sync/pull.ts'
import { verificationTable } from '../../src/main/sync/progress-format.ts'
import { FAST_RETRY, tempArchive } from './helpers.ts'
import {
  orderJson,
  startListingStore,
  type ListingOptions,
  type ListingStore,
} from './listing-server.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

/** Orders with the ids from..to, in ascending order. */
function orders(from: number, to: number): string[] {
  const out: string[] = []
  for (let id = from; id <= to; id++) out.push(orderJson(String(id)))
  return out
}

function pullJob(
  store: ListingStore,
  archive: Archive,
  mode: 'full' | 'incremental' = 'full',
) {
  return new PullJob({
    archive,
    credentials: store.credentials,
    baseUrl: store.baseUrl,
    entities: ['orders'],
    mode,
    pacing: 'off',
    retry: FAST_RETRY,
    timeoutMs: 5_000,
  }).start()
}

async function pull(options: ListingOptions) {
  const store = await startListingStore(options)
  cleanups.push(() => store.close())
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  const archive = temp.open()
  cleanups.push(() => archive.close())
  const result = await pullJob(store, archive)
  return { store, archive, result }
}

/** Pages of a whole ordered walk of `records` orders (300 a page, overlap 1). */
function walkPages(records: number): number {
  return Math.ceil((records - 1) / 299) + 1
}

describe('pull where the count exceeds the listing', () => {
  it('completes after one re-read', async () => {
    const { store, archive, result } = await pull({
      records: orders(1, 2990),
      count: 3000,
    })
    expect(result.state).toBe('completed')
    expect(result.error).toBeNull()
    expect(result.complete).toBe(true)
    expect(archive.count('orders')).toBe(2990)
    const row = result.entities[0]!
    expect(row.complete).toBe(true)
    expect(row.rewalks).toBe(1)
    expect(row.storeCount).toBe(3000)
    expect(row.localCount).toBe(2990)
    expect(row.countMismatch?.listed).toBe(2990)
    // Two whole walks and a catch-up read after each, not five re-reads.
    expect(store.pageRequests).toBeLessThanOrEqual(2 * walkPages(2990) + 2)
    expect(store.countRequests).toBeLessThanOrEqual(3)
  })

  it('says the difference cannot be read', async () => {
    const { result } = await pull({ records: orders(1, 2990), count: 3000 })
    const message = result.entities[0]!.countMismatch!.message
    expect(message).toContain('Orders')
    expect(message).toContain('10 records more than its listing returns')
    expect(message).toContain('3000 counted, 2990 listed')
    expect(message).toContain('cannot be read')
    expect(message).toContain('another pull will not change this')
    expect(result.notices).toContain(message)
    expect(result.notices.join(' ')).not.toContain('kept changing')
    expect(verificationTable(result.entities)).toContain(message)
  })
})

describe('pull where the count is below the listing', () => {
  it('reads past the count', async () => {
    const { archive, result } = await pull({
      records: orders(1, 3000),
      count: 2990,
    })
    expect(archive.count('orders')).toBe(3000)
    expect(archive.getRaw('orders', 3000)).toBe(orderJson('3000'))
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    const row = result.entities[0]!
    expect(row.rewalks).toBe(1)
    expect(row.countMismatch?.message).toContain(
      '10 records fewer than its listing returns (2990 counted, 3000 listed)',
    )
  })
})

describe('pull of a one-page entity with a wrong count', () => {
  it('completes without a re-read', async () => {
    const { store, archive, result } = await pull({
      records: orders(1, 40),
      count: 45,
    })
    expect(archive.count('orders')).toBe(40)
    expect(result.complete).toBe(true)
    // One page is the whole listing, so its length is the count used.
    expect(result.entities[0]!.rewalks).toBe(0)
    expect(store.pageRequests).toBe(1)
  })
})

describe('incremental pull after a count mismatch', () => {
  it('completes without a re-read', async () => {
    const { store, archive } = await pull({
      records: orders(1, 2990),
      count: 3000,
    })
    const before = store.pageRequests
    const result = await pullJob(store, archive, 'incremental')
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    const row = result.entities[0]!
    expect(row.rewalks).toBe(0)
    expect(row.countMismatch?.message).toContain('(3000 counted, 2990 listed)')
    // The filtered walk and its catch-up read, each one empty page.
    expect(store.pageRequests - before).toBe(2)
  })
})

describe('pull where a count below the listing ends on a full page', () => {
  // The first page contains 300 orders and the second 299 more after the
  // re-read one, so the count of 599 is reached on a full page.
  it('reads the records past the count', async () => {
    const { store, archive, result } = await pull({
      records: orders(1, 650),
      count: 599,
    })
    expect(archive.count('orders')).toBe(650)
    expect(archive.getRaw('orders', 650)).toBe(orderJson('650'))
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    const row = result.entities[0]!
    expect(row.localCount).toBe(650)
    expect(row.countMismatch?.message).toContain(
      '51 records fewer than its listing returns (599 counted, 650 listed)',
    )
    // Two whole walks of three pages (the last one short) and a catch-up
    // read after each.
    expect(store.pageRequests).toBe(2 * 3 + 2)
  })
})

describe('pull where the count matches a listing of whole pages', () => {
  it('asks for one page past the count only', async () => {
    const { store, archive, result } = await pull({
      records: orders(1, 599),
    })
    expect(archive.count('orders')).toBe(599)
    expect(result.complete).toBe(true)
    expect(result.entities[0]!.rewalks).toBe(0)
    // Two full pages, the page that confirms the end and a catch-up read.
    expect(store.pageRequests).toBe(4)
  })
})
