/**
 * A listing with records that have no usable id, served on 127.0.0.1. The
 * rest of each page is stored and each bad record is kept with its raw JSON
 * in sync_errors. The pull completes with errors instead of stopping on the
 * same page every time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PullManager } from '../../src/main/pull-manager/manager.ts'
import type { PullStatus } from '../../src/shared/ipc/channels/wizard.ts'
import type { Archive } from '../../src/main/archive/index.ts'
import { PullJob } from '../../src/main/sync/pull.ts'
import { FAST_RETRY, tempArchive } from './helpers.ts'
import {
  orderJson,
  startListingStore,
  type ListingStore,
} from './listing-server.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

const NO_ID = '{"InvoiceNumber":77,"CardNumber":"4111111111111111"}'
const HUGE_ID = orderJson('12345678901234567890')
const WORD_ID = orderJson('"abc"')

/**
 * 700 orders with ids 1..700, where the listing replaces the records at
 * positions 302, 450 and 700 (1-based) with records the archive cannot
 * store. Position 700 is the last of the listing.
 */
function listing(): string[] {
  const records: string[] = []
  for (let id = 1; id <= 700; id++) records.push(orderJson(String(id)))
  records[301] = NO_ID
  records[449] = HUGE_ID
  records[699] = WORD_ID
  return records
}

async function startStore(): Promise<ListingStore> {
  const store = await startListingStore({ records: listing() })
  cleanups.push(() => store.close())
  return store
}

function openArchive(): Archive {
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  const archive = temp.open()
  cleanups.push(() => archive.close())
  return archive
}

function pull(store: ListingStore, archive: Archive) {
  return new PullJob({
    archive,
    credentials: store.credentials,
    baseUrl: store.baseUrl,
    entities: ['orders'],
    pacing: 'off',
    retry: FAST_RETRY,
    timeoutMs: 5_000,
  }).start()
}

interface ErrorRow {
  run_id: number
  entity: string
  code: string
  message: string
  record_raw: string | null
}

function syncErrors(archive: Archive): ErrorRow[] {
  return archive.db
    .prepare(
      'SELECT run_id, entity, code, message, record_raw FROM sync_errors ORDER BY id',
    )
    .all() as ErrorRow[]
}

describe('pull of records without a usable id', () => {
  it('stores the rest and completes with errors', async () => {
    const store = await startStore()
    const archive = openArchive()
    const result = await pull(store, archive)
    expect(result.state).toBe('completed')
    expect(result.error).toBeNull()
    expect(result.complete).toBe(false)
    expect(archive.count('orders')).toBe(697)
    // Records after each bad one were read and stored.
    expect(archive.getRaw('orders', 303)).toBe(orderJson('303'))
    expect(archive.getRaw('orders', 699)).toBe(orderJson('699'))
    const row = result.entities[0]!
    expect(row.storeCount).toBe(700)
    expect(row.localCount).toBe(697)
    expect(row.keptAside?.records).toBe(3)
    expect(row.complete).toBe(false)
    // The walk and its verification read the listing once.
    expect(row.rewalks).toBe(0)
  })

  it('keeps each bad record in sync_errors', async () => {
    const store = await startStore()
    const archive = openArchive()
    const result = await pull(store, archive)
    const rows = syncErrors(archive)
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      expect(row.run_id).toBe(result.runId)
      expect(row.entity).toBe('orders')
    }
    const [noId, huge, word] = rows
    expect(noId!.code).toBe('ARCHIVE_RECORD_WITHOUT_ID')
    expect(noId!.message).toContain('has no OrderID')
    expect(noId!.message).toContain('at offset 302')
    expect(noId!.message).toContain('record_raw column')
    expect(JSON.parse(noId!.record_raw!)).toMatchObject({ InvoiceNumber: 77 })
    // Card data is dropped, as from stored records.
    expect(noId!.record_raw).not.toContain('4111111111111111')
    expect(noId!.message).not.toContain('4111111111111111')
    expect(huge!.code).toBe('ARCHIVE_INVALID_RECORD')
    expect(huge!.message).toContain('at offset 450')
    expect(huge!.record_raw).toBe(HUGE_ID)
    expect(word!.message).toContain('at offset 700')
    expect(word!.message).toContain('not a whole number')
  })

  it('names the exact text of a huge id', async () => {
    const store = await startStore()
    const archive = openArchive()
    await pull(store, archive)
    const huge = syncErrors(archive)[1]!.message
    expect(huge).toContain(
      'has the id 12345678901234567890, which is too large to store exactly as an integer',
    )
    expect(huge).not.toContain('12345678901234567000')
  })

  it('says where the records are and what to do', async () => {
    const store = await startStore()
    const archive = openArchive()
    const result = await pull(store, archive)
    const message = result.entities[0]!.keptAside!.message
    expect(message).toContain('Orders: 3 records could not be stored')
    expect(message).toContain('sync_errors')
    expect(message).toContain("Contact the store's support")
    expect(message).toContain('The rest of the archive is complete')
    expect(result.notices).toContain(message)
    expect(result.notices.join(' ')).not.toContain('kept changing')
  })

  it('reads past the bad records again on a rerun', async () => {
    const store = await startStore()
    const archive = openArchive()
    await pull(store, archive)
    const again = await pull(store, archive)
    expect(again.state).toBe('completed')
    expect(again.entities[0]!.keptAside?.records).toBe(3)
    expect(archive.count('orders')).toBe(697)
    const rows = syncErrors(archive)
    expect(rows.filter((row) => row.run_id === again.runId)).toHaveLength(3)
  })
})

describe('wizard status of records kept aside', () => {
  it('notes them, also after a restart', async () => {
    const store = await startStore()
    const dir = mkdtempSync(join(tmpdir(), 'kept-aside-wizard-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const managerFor = (events: PullStatus[]) =>
      new PullManager({
        userDataDir: dir,
        emit: (status) => events.push(status),
        connect: async () => ({
          baseUrl: store.baseUrl,
          credentials: store.credentials,
          pacing: { burst: 1000, perSecond: 1000 },
        }),
        onCompleted: () => {},
      })
    const events: PullStatus[] = []
    const manager = managerFor(events)
    await manager.start('shop', ['orders'], false)
    const done = await new Promise<PullStatus>((resolve) => {
      const check = (): void => {
        const found = events.find((status) => status.finishedAt !== null)
        if (found) resolve(found)
        else setTimeout(check, 20)
      }
      check()
    })
    await manager.dispose()
    expect(done.state).toBe('completed')
    const orders = done.verification?.find((row) => row.entity === 'orders')
    expect(orders?.ok).toBe(false)
    expect(orders?.expected).toBe(700)
    expect(orders?.stored).toBe(697)
    expect(orders?.note).toContain('3 records could not be stored')
    expect(orders?.note).toContain('sync_errors')

    const restarted = managerFor([])
    expect(restarted.status('shop')?.verification).toEqual(done.verification)
  })
})
