import { afterEach, describe, expect, it } from 'vitest'
import { startDemoStore } from '../../src/main/demo-store/index.ts'
import { PullJob } from '../../src/main/sync/pull.ts'
import { storeIdentity } from '../../src/main/sync/store-identity.ts'
import { FAST_RETRY, tempArchive } from './helpers.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function demo(secureUrl: string) {
  const store = await startDemoStore({
    size: 'tiny',
    credentials: { secureUrl },
  })
  cleanups.push(() => store.close())
  return store
}

function pull(
  archive: ReturnType<ReturnType<typeof tempArchive>['open']>,
  store: Awaited<ReturnType<typeof demo>>,
  secureUrl: string,
) {
  return new PullJob({
    archive,
    credentials: { ...store, secureUrl },
    baseUrl: store.baseUrl,
    entities: ['store_settings', 'customers'],
    pacing: 'off',
    retry: FAST_RETRY,
  }).start()
}

describe('store identity', () => {
  it('normalizes secure URLs', () => {
    expect(storeIdentity('https://www.Shop-A.3dcartstores.com/')).toBe(
      storeIdentity('shop-a.3dcartstores.com'),
    )
    expect(storeIdentity('http://127.0.0.1:4001')).toBe(
      storeIdentity('http://127.0.0.1:5002/'),
    )
    expect(storeIdentity('https://shop-a.3dcartstores.com')).not.toBe(
      storeIdentity('https://shop-b.3dcartstores.com'),
    )
  })

  it('rejects another store', async () => {
    const urlA = 'https://www.shop-a.3dcartstores.com'
    const urlB = 'https://shop-b.3dcartstores.com'
    const storeA = await demo(urlA)
    const storeB = await demo(urlB)
    const temp = tempArchive()
    cleanups.push(() => temp.remove())
    const archive = temp.open()
    cleanups.push(() => archive.close())

    const first = await pull(archive, storeA, urlA)
    expect(first.state).toBe('completed')
    const customers = archive.count('customers')
    expect(customers).toBeGreaterThan(0)
    const settingsBefore = archive.db
      .prepare('SELECT raw FROM store_settings')
      .pluck()
      .get()

    const refused = pull(archive, storeB, urlB)
    await expect(refused).rejects.toMatchObject({
      code: 'ARCHIVE_OTHER_STORE',
    })
    await refused.catch((error: Error) => {
      expect(error.message).toContain('shop-a.3dcartstores.com')
      expect(error.message).toContain('shop-b.3dcartstores.com')
      expect(error.message).toContain('Choose another archive file')
    })
    expect(archive.count('customers')).toBe(customers)
    expect(
      archive.db.prepare('SELECT raw FROM store_settings').pluck().get(),
    ).toBe(settingsBefore)

    // The same store written another way is still the same store.
    const again = await pull(
      archive,
      storeA,
      'HTTPS://shop-a.3dcartstores.com/',
    )
    expect(again.state).toBe('completed')
  })

  it('closes runs left running', async () => {
    const url = 'http://127.0.0.1'
    const store = await demo(url)
    const temp = tempArchive()
    cleanups.push(() => temp.remove())
    const archive = temp.open()
    cleanups.push(() => archive.close())
    // What a SIGKILL leaves behind: a run that never finished.
    const killed = archive.startRun('full', ['customers'])
    const result = await pull(archive, store, url)
    expect(result.state).toBe('completed')
    const row = archive.db
      .prepare(
        'SELECT status, summary, finished_at FROM sync_runs WHERE id = ?',
      )
      .get(killed) as { status: string; summary: string; finished_at: string }
    expect(row.status).toBe('cancelled')
    expect(JSON.parse(row.summary)).toEqual({ interrupted: true })
    expect(row.finished_at).not.toBeNull()
    const running = archive.db
      .prepare("SELECT count(*) FROM sync_runs WHERE status = 'running'")
      .pluck()
      .get()
    expect(running).toBe(0)
  })
})
