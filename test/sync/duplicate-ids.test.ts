/**
 * A store whose listing contains some ids twice (the demo store's
 * 'duplicate-ids' fault): the pull completes with each record stored once
 * and names the repeated ids, while a store that really changes during
 * paging still gets the "kept changing" message.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { apiGet } from '../demo-store/helpers.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import type { Archive } from '../../src/main/archive/index.ts'
import { getEntity, type EntityKey } from '../../src/shared/entities.ts'
import { defaultEntities, PullJob } from '../../src/main/sync/pull.ts'
import type { EntityVerification } from '../../src/main/sync/reconcile.ts'
import { verifyArchive } from '../../src/main/sync/verify.ts'
import { verificationTable } from '../../src/main/sync/progress-format.ts'
import { PullManager } from '../../src/main/pull-manager/manager.ts'
import type { PullStatus } from '../../src/shared/ipc/channels/wizard.ts'
import { expectMatchesStore, FAST_RETRY, tempArchive } from './helpers.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function demo(options: Parameters<typeof startDemoStore>[0]) {
  const store = await startDemoStore(options)
  cleanups.push(() => store.close())
  return store
}

async function pullFrom(store: DemoStore, entities?: EntityKey[]) {
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  const archive = temp.open()
  cleanups.push(() => archive.close())
  const result = await new PullJob({
    archive,
    credentials: store,
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

/** Counts the rows of an entity's table, and its distinct ids. */
function rowCounts(archive: Archive, entity: EntityKey) {
  return archive.db
    .prepare(
      `SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM "${entity}"`,
    )
    .get() as { rows: number; ids: number }
}

/** Asserts the row names the store's repeated ids and counts. */
function expectNamesRepeats(row: EntityVerification, store: DemoStore): void {
  const twice = store.listedTwice(row.entity)
  const listing = row.duplicateListings
  expect(listing, `duplicate listings of ${row.entity}`).toBeDefined()
  expect(listing!.ids).toBe(twice.length)
  expect(listing!.extraRows).toBe(twice.length)
  expect(listing!.sample).toEqual(twice.slice(0, 5))
  for (const id of twice.slice(0, 5)) {
    expect(listing!.message).toContain(String(id))
  }
  expect(listing!.message).toContain(getEntity(row.entity).label)
  expect(listing!.message).toContain('No data is missing')
  expect(listing!.message).toContain('another pull will not change this')
  expect(row.storeCount).toBe(store.count(row.entity) + twice.length)
  expect(row.localCount).toBe(store.count(row.entity))
}

describe('demo store duplicate-ids fault', () => {
  it('lists each doubled id on two adjacent rows', async () => {
    const store = await demo({ size: 'tiny', faults: ['duplicate-ids'] })
    const twice = store.listedTwice('orders')
    expect(twice).toHaveLength(3)
    const counted = await apiGet(store, 'Orders?countonly=1')
    expect(JSON.parse(counted.text)).toEqual({ TotalCount: 24 + 3 })
    const page = await apiGet(store, 'Orders?limit=300&offset=1')
    const ids = (JSON.parse(page.text) as Array<{ OrderID: number }>).map(
      (order) => order.OrderID,
    )
    expect(ids).toHaveLength(27)
    for (const id of twice) {
      const first = ids.indexOf(id as number)
      expect(ids[first + 1], `second row of ${id}`).toBe(id)
    }
    expect(new Set(ids).size).toBe(24)
  })
})

describe('pull of a store that lists ids twice', () => {
  it('completes with each record once and names the ids', async () => {
    const store = await demo({
      size: 'small',
      faults: ['duplicate-ids'],
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
      const counts = rowCounts(archive, entity)
      expect(counts.rows, `rows of ${entity}`).toBe(counts.ids)
      const row = rowOf(result.entities, entity)
      expect(row.complete, `${entity} complete`).toBe(true)
      // No entity is read again in circles to find a count it cannot reach.
      expect(row.rewalks, `re-reads of ${entity}`).toBe(0)
      expectNamesRepeats(row, store)
    }
  })

  it('records the repeats in the run summary', async () => {
    const store = await demo({ size: 'tiny', faults: ['duplicate-ids'] })
    const { archive, result } = await pullFrom(store, ['orders', 'customers'])
    const summary = archive.db
      .prepare('SELECT summary FROM sync_runs WHERE id = ?')
      .pluck()
      .get(result.runId) as string
    const rows = (JSON.parse(summary) as { entities: EntityVerification[] })
      .entities
    expectNamesRepeats(rowOf(rows, 'orders'), store)
    expectNamesRepeats(rowOf(rows, 'customers'), store)
  })

  it('uses recorded repeats in an incremental pull', async () => {
    const store = await demo({ size: 'small', faults: ['duplicate-ids'] })
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
      // The filtered walk reads no repeats, so without the recorded ones
      // the entity would be read again in full.
      expect(row.rewalks, `re-reads of ${entity}`).toBe(0)
      expectNamesRepeats(row, store)
    }
    expectMatchesStore(archive, store, { entities: ['orders', 'customers'] })
  })

  it('shows the repeats in a later verification', async () => {
    const store = await demo({ size: 'tiny', faults: ['duplicate-ids'] })
    const { archive } = await pullFrom(store, ['orders', 'manufacturers'])
    const report = await verifyArchive({
      archive,
      credentials: store,
      baseUrl: store.baseUrl,
      pacing: 'off',
    })
    expect(report.complete).toBe(true)
    const orders = rowOf(report.entities, 'orders')
    expectNamesRepeats(orders, store)
    const table = verificationTable(report.entities)
    expect(table).toContain(orders.duplicateListings!.message)
  })

  it('reports a missing record despite recorded repeats', async () => {
    const store = await demo({ size: 'tiny', faults: ['duplicate-ids'] })
    const { archive, result } = await pullFrom(store, ['orders'])
    const twice = store.listedTwice('orders')
    const other = archive.ids('orders').find((id) => !twice.includes(id))!
    archive.deleteRecords('orders', [other], result.runId)
    const report = await verifyArchive({
      archive,
      credentials: store,
      baseUrl: store.baseUrl,
      pacing: 'off',
    })
    expect(report.complete).toBe(false)
    expect(rowOf(report.entities, 'orders').duplicateListings).toBeUndefined()
  })

  it.each([2, 3])(
    'reconciles changes and repeats together (seed %i)',
    async (faultSeed) => {
      const store = await demo({
        size: 'small',
        faults: ['changes', 'duplicate-ids'],
        faultRate: 0.3,
        faultSeed,
      })
      const { archive, result } = await pullFrom(store)
      expect(store.changes().length).toBeGreaterThan(0)
      expect(result.complete).toBe(true)
      expectMatchesStore(archive, store)
      const orders = rowOf(result.entities, 'orders')
      expectNamesRepeats(orders, store)
    },
  )

  it('names no repeats when rows only shift', async () => {
    const store = await demo({
      size: { orders: 3_000 },
      faults: ['changes'],
      faultRate: 0.5,
      faultSeed: 11,
      maxChanges: 40,
    })
    const { archive, result } = await pullFrom(store, ['orders'])
    expect(store.changes().some((c) => c.kind === 'delete')).toBe(true)
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: ['orders'] })
    expect(rowOf(result.entities, 'orders').duplicateListings).toBeUndefined()
  })

  it('keeps the changed message for a store that keeps changing', async () => {
    // Every page request changes the store, so a read of 30 pages almost
    // always meets a deletion before its offset.
    const store = await demo({
      size: { orders: 9_000 },
      faults: ['changes', 'duplicate-ids'],
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

describe('wizard status of a store that lists ids twice', () => {
  function managerFor(store: DemoStore, dir: string, events: PullStatus[]) {
    return new PullManager({
      userDataDir: dir,
      emit: (status) => events.push(status),
      connect: async () => ({
        baseUrl: store.baseUrl,
        credentials: store,
        pacing: { burst: 1000, perSecond: 1000 },
      }),
      onCompleted: () => {},
    })
  }

  it('notes the repeats, also after a restart', async () => {
    const store = await demo({ size: 'tiny', faults: ['duplicate-ids'] })
    const dir = mkdtempSync(join(tmpdir(), 'duplicate-ids-wizard-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const events: PullStatus[] = []
    const manager = managerFor(store, dir, events)
    await manager.start('shop', ['orders', 'customers'], false)
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
    expect(orders?.ok).toBe(true)
    expect(orders?.expected).toBe(27)
    expect(orders?.stored).toBe(24)
    expect(orders?.note).toContain('Orders: the store lists 3 records twice')
    for (const id of store.listedTwice('orders')) {
      expect(orders?.note).toContain(String(id))
    }

    const restarted = managerFor(store, dir, [])
    expect(restarted.status('shop')?.verification).toEqual(done.verification)
  })
})
