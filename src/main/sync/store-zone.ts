/**
 * The store time zone as a pull reads it from StoreSettings, and the
 * finding it reports when the zone is missing, empty, unknown or unread.
 * The rule is the same in all four cases: the `*_utc` columns stay NULL,
 * because any default zone would put wrong instants in them, and the
 * merchant reads why and what to do.
 */
import { resolveStoreZone, type StoreZone } from '../archive/time-zones.ts'

/**
 * Zone of the date filters sent to the API while the store's zone is
 * unknown: UTC-12, the earliest wall clock of any zone. A `lastupdatestart`
 * written in it is never later than the store's own wall clock, so an
 * incremental pull misses no update but may read up to 26 hours more.
 */
export const EARLIEST_ZONE: StoreZone = { kind: 'fixed', offsetMinutes: -720 }

/** Cause of a missing store time zone. */
export type TimeZoneProblem = 'unreadable' | 'missing' | 'empty' | 'unknown'

/** A pull's report of a store time zone that it could not use. */
export interface TimeZoneFinding {
  problem: TimeZoneProblem
  /** `StoreTimeZone` as StoreSettings sent it, or null when absent or unread. */
  setting: string | null
  /** One sentence for the merchant: the value, the effect, what to do. */
  message: string
}

/** Outcome of the pull's request for StoreSettings. */
export type StoreSettingsRead =
  | { kind: 'read'; settings: Record<string, unknown> }
  | { kind: 'unreadable'; reason: string }

export interface PullZone {
  /** Zone for the API's date filters. */
  filterZone: StoreZone
  finding: TimeZoneFinding | null
}

/**
 * Decides the zone of a pull. `storedSetting` is the archive's time zone
 * after the pull stored StoreSettings, or from an earlier pull when they
 * could not be read, so the filters use the zone of the `*_utc` columns.
 */
export function pullZone(
  read: StoreSettingsRead,
  storedSetting: string | null,
): PullZone {
  const zone = resolveStoreZone(storedSetting)
  if (zone !== null) return { filterZone: zone, finding: null }
  return { filterZone: EARLIEST_ZONE, finding: timeZoneFinding(read) }
}

function timeZoneFinding(read: StoreSettingsRead): TimeZoneFinding {
  if (read.kind === 'unreadable') {
    return finding(
      'unreadable',
      null,
      `StoreSettings could not be read (${read.reason})`,
    )
  }
  const standards = read.settings['StoreStandards']
  const value =
    standards !== null && typeof standards === 'object'
      ? (standards as Record<string, unknown>)['StoreTimeZone']
      : undefined
  if (value === undefined || value === null) {
    return finding('missing', null, 'StoreSettings has no StoreTimeZone')
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  if (text.trim() === '') {
    return finding(
      'empty',
      text,
      `StoreSettings has an empty StoreTimeZone (${JSON.stringify(text)})`,
    )
  }
  return finding(
    'unknown',
    text,
    `StoreSettings has StoreTimeZone ${JSON.stringify(text)}, which is no time zone this app recognizes`,
  )
}

function finding(
  problem: TimeZoneProblem,
  setting: string | null,
  cause: string,
): TimeZoneFinding {
  // Unread settings need access to them, not a change in the store.
  const remedy =
    problem === 'unreadable'
      ? "check that the app's API access includes the store settings " +
        '(StoreSettings), then run the pull again'
      : "set the time zone in the store's settings, then run the pull again"
  return {
    problem,
    setting,
    message:
      `${cause}, so the UTC date columns (such as orders.order_date_utc) ` +
      "stay empty, and with them the review's dates and date sorting. To " +
      `fill them, ${remedy}. The raw dates (the _raw columns) are complete.`,
  }
}
