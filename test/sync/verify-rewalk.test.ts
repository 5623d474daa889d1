/**
 * Verification re-reads the entities without a LastUpdate filter, so
 * edits, inserts and deletes applied after their walk ended are stored,
 * removed and reported, also when the pull is cancelled during that
 * re-read and resumed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
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
 * newest manufacturer once the orders walk has stored a page, when the
 * walks of both entities have ended. Returns the expected removals per entity.
 */
function changeAfterWalks(store: DemoStore, archive: Archive) {
  expect(archive.getCheckpoint('categories')?.phase).toBe('verify')
  expect(archive.getCheckpoint('manufacturers')?.phase).toBe('verify')
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

describe('verification re-read of unfiltered entities', () => {
  it('stores and reports changes applied after a walk', async () => {
    const { store, temp } = await setup(41)
    const archive = temp.open()
    cleanups.push(() => archive.close())
    let expected: { manufacturersRemoved: number } | null = null
    const result = await new PullJob(
      options(store, archive, (progress) => {
        if (expected === null && entityState(progress, 'orders')?.done) {
          expected = changeAfterWalks(store, archive)
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
    expect(changes['categories']).toMatchObject({
      added: store.count('categories'),
      changed: 0,
      removed: 1,
    })
    expect(changes['manufacturers']).toMatchObject({
      removed: expected!.manufacturersRemoved,
    })
    const categories = result.entities.find((e) => e.entity === 'categories')
    expect(categories).toMatchObject({ complete: true, removed: 1 })
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
          expected = changeAfterWalks(store, archive)
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

  it('resumes after a cancel during the re-read', async () => {
    const { store, temp } = await setup(43)
    const seeded = temp.open()
    const first = await new PullJob(options(store, seeded)).start()
    expect(first.complete).toBe(true)

    let expected: { manufacturersRemoved: number } | null = null
    let rereadStarted = false
    let job: PullJob | null = null
    job = new PullJob(
      options(store, seeded, (progress) => {
        if (expected === null && entityState(progress, 'orders')?.done) {
          expected = changeAfterWalks(store, seeded)
        }
        // The re-read resets the count of records done, then stores its
        // first page: cancel right after that page.
        const categories = entityState(progress, 'categories')
        if (progress.state !== 'verifying' || !categories) return
        if (categories.state === 'verifying' && categories.done === 0) {
          rereadStarted = true
        } else if (rereadStarted && categories.done > 0) {
          job!.cancel()
        }
      }),
    )
    const cancelled = await job.start()
    expect(expected).not.toBeNull()
    expect(cancelled.state).toBe('cancelled')
    expect(seeded.getCheckpoint('categories')?.phase).toBe('verify')
    seeded.close()

    const archive = temp.open()
    cleanups.push(() => archive.close())
    const resumed = await new PullJob(options(store, archive)).start()
    expect(resumed.state).toBe('completed')
    expect(resumed.complete).toBe(true)
    expectMatchesStore(archive, store, { entities: ENTITIES })
    expect(archive.getCheckpoint('categories')).toBeUndefined()
    // The cancelled run stored the insert and the edit; the resumed run
    // removes the deleted record.
    const before = Object.fromEntries(
      cancelled.changes.map((change) => [change.entity, change]),
    )
    const after = Object.fromEntries(
      resumed.changes.map((change) => [change.entity, change]),
    )
    expect(before['categories']).toMatchObject({ added: 1, changed: 1 })
    expect(after['categories']).toMatchObject({ added: 0, removed: 1 })
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

  it('re-reads entities walked side by side', async () => {
    const { store, temp } = await setup(45)
    const archive = temp.open()
    cleanups.push(() => archive.close())
    const before = store.requestCount()
    const result = await new PullJob(
      options(store, archive, undefined, ['manufacturers', 'categories']),
    ).start()
    expect(result.complete).toBe(true)
    // StoreSettings, then each entity's page twice.
    expect(store.requestCount() - before).toBe(5)
  })
})
