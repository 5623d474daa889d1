/**
 * Stores whose `countonly` count disagrees with their listing. Some stores
 * count records that the listing never returns (or list records the count
 * leaves out), so the counts never agree, however often the entity is read.
 * Two whole walks in id order without shifts that return the same ids show
 * that the listing is stable and the archive contains all of it.
 */
import { z } from 'zod'
import { getEntity, type EntityKey } from '../../shared/entities.ts'
import type { Archive } from '../archive/index.ts'
import { log } from '../log.ts'
import { latestRecordedFinding } from './recorded-findings.ts'
import type { WalkResult } from './walk.ts'

/** A difference between the store's count and its stable listing. */
export interface CountMismatch {
  /** The count `countonly` returned. */
  storeCount: number
  /** Distinct records the listing returned. */
  listed: number
  /** Message for the merchant: the difference and that nothing more can be read. */
  message: string
}

/** The counts of a mismatch as a run summary records them. */
export type RecordedMismatch = Pick<CountMismatch, 'storeCount' | 'listed'>

/** One whole walk's listing, kept to compare with the next one. */
export interface ListingSnapshot {
  ids: ReadonlySet<string>
  storeCount: number
}

/**
 * Returns the listing of a walk that read the whole unfiltered listing
 * from offset 1 to its end in ascending id order without a shift, or
 * null. Only such a walk saw every listed record.
 */
export function cleanListing(
  walk: WalkResult | null,
  seenIds: Set<string> | null,
  storeCount: number,
): ListingSnapshot | null {
  if (walk === null || seenIds === null) return null
  if (walk.endCount === null || !walk.ordered) return null
  return { ids: new Set(seenIds), storeCount }
}

/**
 * Returns true when two clean walks returned the same ids and the store
 * counted the same number both times, so the store did not change between
 * them.
 */
export function sameListing(
  earlier: ListingSnapshot,
  later: ListingSnapshot,
): boolean {
  if (earlier.storeCount !== later.storeCount) return false
  if (earlier.ids.size !== later.ids.size) return false
  for (const id of later.ids) if (!earlier.ids.has(id)) return false
  return true
}

/** Builds the merchant's message for a count that disagrees with the listing. */
export function describeCountMismatch(
  entity: EntityKey,
  storeCount: number,
  listed: number,
): CountMismatch {
  const label = getEntity(entity).label
  const difference = Math.abs(storeCount - listed)
  const records = difference === 1 ? '1 record' : `${difference} records`
  const counts = `${storeCount} counted, ${listed} listed`
  const message =
    storeCount > listed
      ? `${label}: the store's count reports ${records} more than its ` +
        `listing returns (${counts}). The API does not return ` +
        `${difference === 1 ? 'it' : 'them'}, so ${difference === 1 ? 'it' : 'they'} ` +
        `cannot be read, and another pull will not change this. The archive ` +
        `contains every record the store lists.`
      : `${label}: the store's count reports ${records} fewer than its ` +
        `listing returns (${counts}). The archive contains every record the ` +
        `store lists, and another pull will not change this.`
  log.info("Store's count disagrees with its listing", {
    entity,
    storeCount,
    listed,
  })
  return { storeCount, listed, message }
}

const mismatchSchema = z.object({
  storeCount: z.number().int().nonnegative(),
  listed: z.number().int().nonnegative(),
})

/**
 * Reads, per entity, the count mismatch that the latest completed pull
 * verifying that entity found. Entities whose latest pull found none are
 * left out.
 */
export function recordedCountMismatches(
  archive: Archive,
  entities: readonly EntityKey[],
): Map<EntityKey, RecordedMismatch> {
  return latestRecordedFinding(
    archive,
    entities,
    'countMismatch',
    mismatchSchema,
  )
}
