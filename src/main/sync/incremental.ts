/**
 * Incremental pulls: only records changed since the last completed pull,
 * read through the API's `lastupdatestart` filter with an overlap so that
 * clock differences and date-only filters lose nothing. Records seen twice
 * are upserted by id, so the overlap never duplicates a row.
 */
import type { Query } from '../api/client.ts'
import { formatStoreDate } from '../api/dates.ts'
import type { StoreZone } from '../archive/time-zones.ts'
import type { EntityDefinition } from '../../shared/entities.ts'

/**
 * Overlap before the last pull's start. One day, because the Orders
 * filter is documented as date-only (`MM/dd/yyyy`).
 */
export const INCREMENTAL_OVERLAP_MS = 24 * 60 * 60 * 1000

/**
 * Overlap before a walk's start for the catch-up read after it, covering
 * clock differences between this computer and the store.
 */
export const CATCH_UP_OVERLAP_MS = 60 * 60 * 1000

/** The limits of incremental mode, stated to the merchant. */
export const INCREMENTAL_LIMITS: readonly string[] = [
  'Only orders, products and customers can be filtered by last update; every other entity is read in full.',
  'Deleted records are found by comparing counts with the store. When they differ the whole entity is read again.',
  'Customer records carry no update time, so an edited customer may be missed. Run a full pull to be sure.',
  'The order filter works by whole days, so each incremental pull re-reads at least one day of orders.',
]

/** Filter for records updated at or after `since`, in store time. */
export function updatedSinceFilter(since: Date, zone: StoreZone): Query {
  return { lastupdatestart: formatStoreDate(since, zone) }
}

export function supportsIncremental(definition: EntityDefinition): boolean {
  return definition.lastUpdateFilter
}
