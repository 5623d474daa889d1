/**
 * Pulls from a store on 127.0.0.1 whose StoreSettings time zone is a
 * Windows display name, missing, empty, unknown or unreadable. A usable
 * zone fills the `*_utc` columns. Otherwise they stay NULL and the result
 * states the cause and what to do, and a later pull with the zone set fills them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { formatStoreDate } from '../../src/main/api/dates.ts'
import type { Archive } from '../../src/main/archive/index.ts'
import { verificationRow } from '../../src/main/pull-manager/finished-status.ts'
import { INCREMENTAL_OVERLAP_MS } from '../../src/main/sync/incremental.ts'
import { PullJob, type PullResult } from '../../src/main/sync/pull.ts'
import { EARLIEST_ZONE } from '../../src/main/sync/store-zone.ts'
import type { EntityKey } from '../../src/shared/entities.ts'
import { FAST_RETRY, tempArchive } from './helpers.ts'
import { ORDER_DATES, startZoneStore, type ZoneStore } from './zone-server.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

async function startStore(zone: unknown): Promise<ZoneStore> {
  const store = await startZoneStore(zone)
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

function pull(
  store: ZoneStore,
  archive: Archive,
  entities: EntityKey[] = ['store_settings', 'orders'],
  mode: 'full' | 'incremental' = 'full',
): Promise<PullResult> {
  return new PullJob({
    archive,
    credentials: store.credentials,
    baseUrl: store.baseUrl,
    entities,
    mode,
    pacing: 'off',
    retry: FAST_RETRY,
    timeoutMs: 5_000,
  }).start()
}

function utcDates(archive: Archive): unknown[] {
  return archive.db
    .prepare('SELECT order_date_utc FROM orders ORDER BY id')
    .pluck()
    .all()
}

function rawDates(archive: Archive): unknown[] {
  return archive.db
    .prepare('SELECT order_date_raw FROM orders ORDER BY id')
    .pluck()
    .all()
}

function zoneNotices(result: PullResult): string[] {
  return result.notices.filter((notice) => notice.includes('StoreSettings'))
}

const NEW_YORK_UTC = [
  '2024-01-15T14:30:00Z',
  '2024-07-15T13:30:00Z',
  '2024-11-03T05:30:00Z',
]

describe('pull with a display-name time zone', () => {
  it('converts the UTC display name', async () => {
    const store = await startStore('(UTC) Coordinated Universal Time')
    const archive = openArchive()
    const result = await pull(store, archive)
    expect(result.state).toBe('completed')
    expect(zoneNotices(result)).toEqual([])
    expect(utcDates(archive)).toEqual(ORDER_DATES.map((date) => `${date}Z`))
  })

  it('applies DST of a display name with places', async () => {
    const store = await startStore(
      '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    )
    const archive = openArchive()
    const result = await pull(store, archive)
    expect(zoneNotices(result)).toEqual([])
    expect(utcDates(archive)).toEqual([
      '2024-01-15T08:30:00Z',
      '2024-07-15T07:30:00Z',
      '2024-11-03T00:30:00Z',
    ])
  })
})

describe('pull without a usable time zone', () => {
  it.each([
    ['absent', 'missing', 'StoreSettings has no StoreTimeZone, so'],
    ['', 'empty', 'StoreSettings has an empty StoreTimeZone (""), so'],
    ['   ', 'empty', 'StoreSettings has an empty StoreTimeZone ("   "), so'],
    [
      'Mars/Olympus',
      'unknown',
      'StoreSettings has StoreTimeZone "Mars/Olympus", which is no time zone',
    ],
  ])('reports a %j zone', async (zone, problem, start) => {
    const store = await startStore(zone)
    const archive = openArchive()
    const result = await pull(store, archive)
    expect(result.state).toBe('completed')
    expect(result.complete).toBe(true)
    const [notice, ...others] = zoneNotices(result)
    expect(others).toEqual([])
    expect(notice?.startsWith(start)).toBe(true)
    expect(notice).toContain('orders.order_date_utc')
    expect(notice).toContain("set the time zone in the store's settings")
    expect(notice).toContain('run the pull again')
    const row = result.entities.find((e) => e.entity === 'store_settings')
    expect(row?.timeZone?.problem).toBe(problem)
    expect(row?.timeZone?.message).toBe(notice)
    expect(verificationRow(row!).note).toBe(notice)
    expect(utcDates(archive)).toEqual([null, null, null])
    expect(rawDates(archive)).toEqual(ORDER_DATES)
  })

  it.each([
    [404, 'StoreSettings could not be read (the store returned 404 Not Found)'],
    [
      401,
      'StoreSettings could not be read (the application has no read access to StoreSettings)',
    ],
  ])('reports unreadable settings (%i)', async (status, start) => {
    const store = await startStore(status)
    const archive = openArchive()
    const result = await pull(store, archive, ['orders'])
    expect(result.state).toBe('completed')
    const [notice] = zoneNotices(result)
    expect(notice?.startsWith(start)).toBe(true)
    // Without a StoreSettings row the finding goes on the first entity.
    expect(result.entities[0]?.timeZone?.problem).toBe('unreadable')
    expect(result.entities[0]?.timeZone?.setting).toBeNull()
    expect(utcDates(archive)).toEqual([null, null, null])
  })

  it('completes a store without settings', async () => {
    const store = await startStore(404)
    const archive = openArchive()
    const result = await pull(store, archive, ['store_settings', 'orders'])
    const row = result.entities.find((e) => e.entity === 'store_settings')
    expect(result.complete).toBe(true)
    expect(row?.complete).toBe(true)
    expect(row?.storeCount).toBe(0)
    expect(row?.timeZone?.problem).toBe('unreadable')
  })

  it('fills UTC columns once the zone is set', async () => {
    const store = await startStore('absent')
    const archive = openArchive()
    await pull(store, archive)
    expect(utcDates(archive)).toEqual([null, null, null])
    store.storeTimeZone = '(UTC-05:00) Eastern Time (US & Canada)'
    const second = await pull(store, archive)
    expect(second.state).toBe('completed')
    expect(zoneNotices(second)).toEqual([])
    expect(second.entities.every((e) => e.timeZone === undefined)).toBe(true)
    expect(utcDates(archive)).toEqual(NEW_YORK_UTC)
  })

  it('keeps a known zone when settings become unreadable', async () => {
    const store = await startStore('America/New_York')
    const archive = openArchive()
    await pull(store, archive)
    store.storeTimeZone = 404
    const second = await pull(store, archive, ['orders'])
    expect(zoneNotices(second)).toEqual([])
    expect(utcDates(archive)).toEqual(NEW_YORK_UTC)
  })

  it('filters updates from UTC-12 without a zone', async () => {
    const store = await startStore('absent')
    const archive = openArchive()
    const full = await pull(store, archive)
    const startedAt = archive.db
      .prepare('SELECT started_at FROM sync_runs WHERE id = ?')
      .pluck()
      .get(full.runId) as string
    const since = new Date(Date.parse(startedAt) - INCREMENTAL_OVERLAP_MS)
    store.updateFilters.length = 0
    const incremental = await pull(store, archive, undefined, 'incremental')
    expect(incremental.state).toBe('completed')
    expect(zoneNotices(incremental)).toHaveLength(1)
    expect(store.updateFilters[0]).toBe(formatStoreDate(since, EARLIEST_ZONE))
  })
})
