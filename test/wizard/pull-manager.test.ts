import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EntityKey } from '../../src/shared/entities.ts'
import type { PullStatus } from '../../src/shared/ipc/channels/wizard.ts'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { archivePathFor } from '../../src/main/platform/paths.ts'
import { PullManager } from '../../src/main/pull-manager/manager.ts'

const ENTITIES: EntityKey[] = [
  'store_settings',
  'categories',
  'products',
  'customers',
  'orders',
]
const STORE_ID = 'test-store'

let dir: string
let store: DemoStore

function managerFor(events: PullStatus[] = []) {
  return new PullManager({
    userDataDir: dir,
    emit: (status) => events.push(status),
    connect: async () => ({
      baseUrl: store.baseUrl,
      credentials: {
        secureUrl: store.secureUrl,
        privateKey: store.privateKey,
        token: store.token,
      },
      pacing: { burst: 1000, perSecond: 1000 },
    }),
    onCompleted: () => {},
  })
}

function until(
  events: PullStatus[],
  test: (status: PullStatus) => boolean,
): Promise<PullStatus> {
  return new Promise((resolve) => {
    const check = () => {
      const found = events.find(test)
      if (found) resolve(found)
      else setTimeout(check, 20)
    }
    check()
  })
}

/**
 * Replaces the store with one slow enough that the test acts long before
 * the pull could finish.
 */
async function useSlowStore(): Promise<void> {
  await store.close()
  store = await startDemoStore({ size: 'tiny', seed: 7, latencyMs: 300 })
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wizard-pulls-'))
  store = await startDemoStore({ size: 'tiny', seed: 7, latencyMs: 40 })
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('PullManager', () => {
  it('runs a pull to a verified end', async () => {
    const events: PullStatus[] = []
    const manager = managerFor(events)
    const started = await manager.start(STORE_ID, ENTITIES, false)
    expect(started.state).toBe('running')
    const done = await until(events, (s) => s.finishedAt !== null)
    expect(done.state).toBe('completed')
    expect(done.verification?.map((v) => v.entity)).toEqual(ENTITIES)
    for (const row of done.verification ?? []) {
      expect(row.ok).toBe(true)
      expect(row.stored).toBe(row.expected)
    }
    const orders = done.verification?.find((v) => v.entity === 'orders')
    expect(orders?.stored).toBe(store.count('orders'))
    expect(manager.status(STORE_ID)?.state).toBe('completed')
    expect(existsSync(join(dir, 'pulls.json'))).toBe(true)
    expect(JSON.parse(readFileSync(join(dir, 'pulls.json'), 'utf8'))).toEqual(
      {},
    )
  })

  it('rejects a second pull of the same store', async () => {
    const events: PullStatus[] = []
    const manager = managerFor(events)
    await manager.start(STORE_ID, ENTITIES, false)
    await expect(manager.start(STORE_ID, ENTITIES, false)).rejects.toThrow(
      expect.objectContaining({ code: 'PULL_ALREADY_RUNNING' }),
    )
    await manager.cancel(STORE_ID)
  })

  it('pauses and resumes', async () => {
    const events: PullStatus[] = []
    const manager = managerFor(events)
    await manager.start(STORE_ID, ENTITIES, false)
    // Paused before the job has read anything, so the pause cannot miss.
    manager.pause(STORE_ID)
    const paused = await until(events, (s) => s.state === 'paused')
    expect(paused.entities.every((e) => e.done === 0)).toBe(true)
    const resumed = await manager.resume(STORE_ID)
    expect(resumed.state).not.toBe('paused')
    const done = await until(events, (s) => s.finishedAt !== null)
    expect(done.state).toBe('completed')
  })

  it('cancels and forgets the pull', async () => {
    const events: PullStatus[] = []
    const manager = managerFor(events)
    await manager.start(STORE_ID, ENTITIES, false)
    await until(events, (s) => s.entities.some((e) => e.done > 0))
    const cancelled = await manager.cancel(STORE_ID)
    expect(cancelled.state).toBe('cancelled')
    const restarted = managerFor()
    await restarted.resumeInterrupted()
    expect(restarted.status(STORE_ID)).toBeNull()
  })

  it('resumes after the app closes mid-pull', async () => {
    await useSlowStore()
    const first: PullStatus[] = []
    const manager = managerFor(first)
    await manager.start(STORE_ID, ENTITIES, false)
    await until(first, (s) =>
      s.entities.some((e) => e.entity === 'categories' && e.done > 0),
    )
    await manager.dispose()
    const archive = Archive.open(archivePathFor(dir, STORE_ID))
    const copiedBefore = archive.count('categories')
    archive.close()
    expect(copiedBefore).toBe(store.count('categories'))

    const second: PullStatus[] = []
    const restarted = managerFor(second)
    await restarted.resumeInterrupted()
    const done = await until(second, (s) => s.finishedAt !== null)
    expect(done.state).toBe('completed')
    expect(done.verification?.every((v) => v.ok)).toBe(true)
  })

  it('lists a paused pull after a restart', async () => {
    await useSlowStore()
    const events: PullStatus[] = []
    const manager = managerFor(events)
    await manager.start(STORE_ID, ENTITIES, false)
    await until(events, (s) =>
      s.entities.some((e) => e.entity === 'categories' && e.done > 0),
    )
    manager.pause(STORE_ID)
    await until(events, (s) => s.state === 'paused')
    await manager.dispose()

    const second: PullStatus[] = []
    const restarted = managerFor(second)
    await restarted.resumeInterrupted()
    expect(restarted.status(STORE_ID)?.state).toBe('paused')
    const categories = restarted
      .status(STORE_ID)
      ?.entities.find((e) => e.entity === 'categories')
    expect(categories?.done).toBe(store.count('categories'))
    await restarted.resume(STORE_ID)
    const done = await until(second, (s) => s.finishedAt !== null)
    expect(done.state).toBe('completed')
  })

  it('shows the last completed copy after a restart', async () => {
    const events: PullStatus[] = []
    const manager = managerFor(events)
    expect(manager.status(STORE_ID)).toBeNull()
    await manager.start(STORE_ID, ENTITIES, false)
    const done = await until(events, (s) => s.finishedAt !== null)
    await manager.dispose()

    const restarted = managerFor()
    const afterRestart = restarted.status(STORE_ID)
    expect(afterRestart?.state).toBe('completed')
    expect(afterRestart?.finishedAt).not.toBeNull()
    expect(afterRestart?.verification).toEqual(done.verification)
    const orders = afterRestart?.entities.find((e) => e.entity === 'orders')
    expect(orders?.done).toBe(store.count('orders'))
    expect(orders?.state).toBe('complete')
  })

  it('reports a failed connection with advice', async () => {
    const events: PullStatus[] = []
    const manager = new PullManager({
      userDataDir: dir,
      emit: (status) => events.push(status),
      connect: async () => {
        throw Object.assign(new Error('missing'), {})
      },
      onCompleted: () => {},
    })
    await manager.start(STORE_ID, ENTITIES, false)
    const done = await until(events, (s) => s.finishedAt !== null)
    expect(done.state).toBe('failed')
    expect(done.errors[0]?.advice).toMatch(/Continue copying/)
  })
})
