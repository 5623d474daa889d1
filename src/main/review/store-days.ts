/**
 * Date filters in store days. The grid shows times on the store's clock,
 * so a filter day such as `2024-01-15` means that day in the store's time
 * zone. The `*_utc` columns hold UTC instants, so a bare day becomes the
 * UTC instants of the store's midnights before the SQL is built.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { StoreClock } from '../archive/dates.ts'
import { readStoreSettings } from '../archive/store-settings.ts'
import { zoneWallClock } from '../../shared/zone-clock.ts'
import type { ReviewFilter } from '../../shared/review-query.ts'
import { memoize } from './memo.ts'

const BARE_DAY = /^\d{4}-\d{2}-\d{2}$/

/** Builds the store's clock from the archive's settings row. */
export function storeClockOf(db: BetterSqlite3.Database): StoreClock {
  return memoize(
    db,
    'store-clock',
    () => new StoreClock(readStoreSettings(db)?.timeZone ?? null),
  )
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + 1)
  return date.toISOString().slice(0, 10)
}

function isoSeconds(millis: number): string {
  return new Date(millis).toISOString().replace('.000Z', 'Z')
}

/** Returns the UTC instant at which the store's day begins. */
function dayStart(day: string, clock: StoreClock): string | null {
  const midnight = clock.toUtc(`${day}T00:00:00`)
  if (midnight === null || clock.zone?.kind !== 'iana') return midnight
  // Where daylight time starts at midnight (America/Santiago), 00:00 does
  // not exist and the instant above is still on the day before, so move to
  // the day's first minute.
  const zone = clock.zone.zone
  let millis = Date.parse(midnight)
  for (
    let step = 0;
    step < 180 && zoneWallClock(zone, millis).slice(0, 10) < day;
    step += 1
  ) {
    millis += 60_000
  }
  return isoSeconds(millis)
}

/** Returns the UTC instant one second before the next store day begins. */
function lastSecondOf(day: string, clock: StoreClock): string | null {
  const next = dayStart(nextDay(day), clock)
  if (next === null) return null
  return isoSeconds(Date.parse(next) - 1_000)
}

function localizeFilter(filter: ReviewFilter, clock: StoreClock): ReviewFilter {
  if (filter.kind !== 'date') return filter
  const result = { ...filter }
  if (filter.from !== undefined && BARE_DAY.test(filter.from)) {
    const start = dayStart(filter.from, clock)
    if (start !== null) result.from = start
  }
  if (filter.to !== undefined && BARE_DAY.test(filter.to)) {
    const end = lastSecondOf(filter.to, clock)
    if (end !== null) result.to = end
  }
  return result
}

/**
 * Returns the view with bare filter days turned into the UTC bounds of
 * those days in the store's time zone. With no known zone the days stay
 * UTC days, as the grid then shows UTC times.
 */
export function withStoreDays<T extends { filters: ReviewFilter[] }>(
  view: T,
  clock: StoreClock,
): T {
  if (clock.zone === null) return view
  if (!view.filters.some((f) => f.kind === 'date')) return view
  return {
    ...view,
    filters: view.filters.map((f) => localizeFilter(f, clock)),
  }
}
