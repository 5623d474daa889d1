/**
 * Entities without a LastUpdate filter are walked after those with one,
 * so edits, inserts and deletes made while the large entities are read
 * are stored, removed and reported without a second read. Verification
 * re-reads such an entity when its walk ended in an earlier, cancelled
 * run, and re-reads a one-page entity with the filter whose walk other
 * walks followed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type Change,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import type { EntityKey } from '../../src/shared/entities.ts'
import { PullJob, type PullOptions } from '../../src/main/sync/pull.ts'
import type { PullProgress } from '../../src/main/sync/progress.ts'
import { expectMatchesStore, FAST_RETRY, tempArchive } from './helpers.ts'

const ENTITIES: EntityKey[] = [
  'manufacturers',
  'categories',
  'products',
  'customers',
  'orders',
]

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function setup(seed: number) {
  const store = await startDemoStore({ size: 'small', seed })
  cleanups.push(() => store.close())
  const temp = tempArchive()
  cleanups.push(() => temp.remove())
  return { store, temp }
}

function options(
  store: DemoStore,
  archive: Archive,
  onProgress?: (progress: PullProgress) => void,
  entities: EntityKey[] = ENTITIES,
): PullOptions {
  return {
    archive,
    credentials: store,
    baseUrl: store.baseUrl,
    entities,
    pacing: 'off',
    retry: FAST_RETRY,
    ...(onProgress ? { onProgress } : {}),
  }
}

function entityState(progress: PullProgress, entity: EntityKey) {
  return progress.entities.find((e) => e.entity === entity)
}

/**
 * Deletes random records until the one with the largest id is gone;
 * returns how many records were deleted.
 */
function deleteNewest(store: DemoStore, entity: EntityKey): number {
  const ids = [...store.records(entity)].map((record) => record.id)
  const newest = ids[ids.length - 1]
  for (let deleted = 1; deleted <= ids.length; deleted++) {
    const [change] = store.applyChanges(entity, 1, ['delete'])
    if (change?.id === newest) return deleted
  }
  throw new Error(`The newest ${entity} record was never deleted`)
}

/**
 * Changes categories (an insert, a delete and an edit) and deletes the
 * newest manufacturer. Returns the expected removals per entity.
 */
function changeCategoriesAndManufacturers(store: DemoStore) {
  const applied = store.applyChanges('categories', 3, [
    'insert',
    'delete',
    'update',
  ])
  expect(applied.map((change) => change.kind)).toEqual([
    'insert',
    'delete',
    'update',
  ])
  // Each change touches a different record, so each is reported once.
  expect(new Set(applied.map((change) => change.id)).size).toBe(3)
  return { manufacturersRemoved: deleteNewest(store, 'manufacturers') }
}

/**
 * Applies the changes once the orders walk has stored a page, before the
 * walks of categories and manufacturers begin.
 */
function changeBeforePlainWalks(store: DemoStore, archive: Archive) {
  expect(archive.getCheckpoint('categories')).toBeUndefined()
  expect(archive.getCheckpoint('manufacturers')).toBeUndefined()
  return changeCategoriesAndManufacturers(store)
}

describe('entities walked after the large ones', () => {
  it('stores changes made while orders are read', async () => {
    const { store, temp } = await setup(41)
    const archive = temp.open()
    cleanups.push(() => archive.close())
    let expected: { manufacturersRemoved: number } | null = null
    const before = store.requestCount()
    const result = await new PullJob(
      options(store, archive, (progress) => {
        if (expected === null && entityState(progress, 'orders')?.done) {
          expected = changeBeforePlainWalks(store, archive)
        }
      }),
    ).start()

    expect(expected).not.toBeNull()
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: ENTITIES })
    const changes = Object.fromEntries(
      result.changes.map((change) => [change.entity, change]),
    )
    // The walk came after the changes: nothing to remove.
    expect(changes['categories']).toMatchObject({
      added: store.count('categories'),
      changed: 0,
      removed: 0,
    })
    expect(changes['manufacturers']).toMatchObject({
      added: store.count('manufacturers'),
      removed: 0,
    })
    const categories = result.entities.find((e) => e.entity === 'categories')
    expect(categories).toMatchObject({ complete: true, rewalks: 0 })
    // StoreSettings, then 4 requests for products: one page of a round
    // size and a count, twice, because verification reads it again. The
    // same 4 for customers. Orders take 5: two pages, a count sent with
    // the second, a catch-up read and a count. Last, one page each of
    // manufacturers and categories.
    expect(store.requestCount() - before).toBe(1 + 4 + 4 + 5 + 2)
  })

  it('reports an edit, an insert and a delete on a later pull', async () => {
    const { store, temp } = await setup(42)
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const first = await new PullJob(options(store, archive)).start()
    expect(first.complete).toBe(true)

    let expected: { manufacturersRemoved: number } | null = null
    const second = await new PullJob(
      options(store, archive, (progress) => {
        if (expected === null && entityState(progress, 'orders')?.done) {
          expected = changeBeforePlainWalks(store, archive)
        }
      }),
    ).start()

    expect(expected).not.toBeNull()
    expect(second.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: ENTITIES })
    const changes = Object.fromEntries(
      second.changes.map((change) => [change.entity, change]),
    )
    expect(changes['categories']).toEqual({
      entity: 'categories',
      added: 1,
      changed: 1,
      removed: 1,
    })
    expect(changes['manufacturers']).toEqual({
      entity: 'manufacturers',
      added: 0,
      changed: 0,
      removed: expected!.manufacturersRemoved,
    })
  })

  it('re-reads a walk of a cancelled run', async () => {
    const { store, temp } = await setup(43)
    const seeded = temp.open()
    const first = await new PullJob(options(store, seeded)).start()
    expect(first.complete).toBe(true)

    // Cancels the second pull once the categories walk has ended.
    let job: PullJob | null = null
    job = new PullJob(
      options(store, seeded, () => {
        if (seeded.getCheckpoint('categories')?.phase === 'verify') {
          job!.cancel()
        }
      }),
    )
    const cancelled = await job.start()
    expect(cancelled.state).toBe('cancelled')
    expect(seeded.getCheckpoint('categories')?.phase).toBe('verify')
    seeded.close()

    const expected = changeCategoriesAndManufacturers(store)
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const resumed = await new PullJob(options(store, archive)).start()
    expect(resumed.state).toBe('completed')
    expect(resumed.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: ENTITIES })
    expect(archive.getCheckpoint('categories')).toBeUndefined()
    const after = Object.fromEntries(
      resumed.changes.map((change) => [change.entity, change]),
    )
    // The cancelled run's walk is read again, which finds every change.
    expect(after['categories']).toEqual({
      entity: 'categories',
      added: 1,
      changed: 1,
      removed: 1,
    })
    expect(after['manufacturers']).toMatchObject({
      removed: expected.manufacturersRemoved,
    })
  })

  it('skips the re-read of a lone entity walked last', async () => {
    const { store, temp } = await setup(44)
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const before = store.requestCount()
    const result = await new PullJob(
      options(store, archive, undefined, ['categories']),
    ).start()
    expect(result.complete).toBe(true)
    // StoreSettings, then the one page of categories.
    expect(store.requestCount() - before).toBe(2)
  })

  it('reads unfiltered entities once each', async () => {
    const { store, temp } = await setup(45)
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const before = store.requestCount()
    const result = await new PullJob(
      options(store, archive, undefined, ['manufacturers', 'categories']),
    ).start()
    expect(result.complete).toBe(true)
    // StoreSettings, then one page of each entity.
    expect(store.requestCount() - before).toBe(3)
  })

  it('re-reads a one-page entity walked early', async () => {
    // Products fit one page here, and orders take ten.
    const store = await startDemoStore({ size: { orders: 3_000 }, seed: 46 })
    cleanups.push(() => store.close())
    const temp = tempArchive()
    cleanups.push(() => temp.remove())
    const archive = temp.open()
    cleanups.push(() => archive.close())
    let made: Change[] = []

    /** Changes products once their walk has ended, polling every 10 ms. */
    async function changeProductsOnceRead(): Promise<void> {
      for (let tries = 0; tries < 500; tries++) {
        if (archive.getCheckpoint('products')?.phase === 'verify') {
          made = store.applyChanges('products', 3, [
            'insert',
            'delete',
            'update',
          ])
          return
        }
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      throw new Error('The products walk did not end within 5 seconds')
    }

    // Pauses the pull once orders stored a page, so the orders walk is
    // still running when products change.
    let job: PullJob | null = null
    let changing: Promise<void> | null = null
    job = new PullJob(
      options(
        store,
        archive,
        (progress) => {
          if (changing !== null || !entityState(progress, 'orders')?.done) {
            return
          }
          job!.pause()
          changing = changeProductsOnceRead().finally(() => job!.resume())
        },
        ['products', 'orders'],
      ),
    )
    const result = await job.start()
    await changing

    expect(made.map((change) => change.kind)).toEqual([
      'insert',
      'delete',
      'update',
    ])
    expect(result.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: ['products', 'orders'] })
    // The re-read removed the deleted product, and only products the
    // store no longer has.
    const deleted = made.find((change) => change.kind === 'delete')!.id
    const removed = archive.changedIds(result.runId, 'products', 'removed')
    expect(removed.map(String)).toContain(String(deleted))
    const remaining = new Set(
      [...store.records('products')].map((record) => String(record.id)),
    )
    for (const id of removed) expect(remaining.has(String(id))).toBe(false)
  })
})
