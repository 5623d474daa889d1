/**
 * The verification pass of a pull: compares each entity's store count with
 * the local count and, when the store changed during the pull, reads the
 * entity again and removes the local records the store no longer has.
 */
import type { EntityDefinition } from '../../shared/entities.ts'
import { log } from '../log.ts'
import type { StoreZone } from '../archive/time-zones.ts'
import type { TimeZoneFinding } from './store-zone.ts'
import {
  duplicatesFound,
  expectedRepeats,
  repeatedRows,
  type DuplicateListings,
  type ListingRepeats,
} from './duplicate-listings.ts'
import {
  cleanListing,
  describeCountMismatch,
  sameListing,
  type CountMismatch,
  type ListingSnapshot,
  type RecordedMismatch,
} from './count-mismatch.ts'
import { CATCH_UP_OVERLAP_MS, updatedSinceFilter } from './incremental.ts'
import { describeKeptAside, type KeptAside } from './kept-aside.ts'
import {
  sameScatteredListing,
  scatteredListing,
  type ScatteredListing,
} from './scattered-repeats.ts'
import {
  compareIds,
  walkEntity,
  type RecordId,
  type SyncContext,
  type WalkResult,
} from './walk.ts'

/** Re-reads of one entity before it is reported incomplete. */
export const MAX_RECONCILE_ROUNDS = 5

export interface EntityVerification {
  entity: EntityDefinition['key']
  storeCount: number
  localCount: number
  complete: boolean
  /** Full re-reads needed because the store changed during the pull. */
  rewalks: number
  /** Local records deleted because the store no longer has them. */
  removed: number
  /**
   * Present when the store lists some ids on more than one row and those
   * rows are the whole difference between its count and the local count.
   * Such an entity is complete.
   */
  duplicateListings?: DuplicateListings
  /**
   * Present when the store's count disagrees with a listing that two whole
   * walks returned unchanged, and the archive contains every listed record.
   * Such an entity is complete.
   */
  countMismatch?: CountMismatch
  /**
   * Present when the listing contained records without a usable id, kept
   * aside in `sync_errors`. The entity is then not complete, but reading it
   * again would not change that, so verification stops.
   */
  keptAside?: KeptAside
  /**
   * Present on one row when StoreSettings gave no usable time zone, so the
   * `*_utc` columns are empty.
   */
  timeZone?: TimeZoneFinding
}

export interface VerifyState {
  /** The entity's walk in this pull, or null when it ended in an earlier one. */
  walk: WalkResult | null
  /**
   * Ids seen by a walk that read the whole unfiltered entity from offset
   * 1 in ascending id order, or null. Such a walk skips no record that the
   * store kept throughout, so a local id it did not see was deleted.
   */
  seenIds: Set<string> | null
  /** When the walk began, for the catch-up read of later updates. */
  walkStartedAt: Date
  /**
   * True when the walks that verification must follow had all ended when
   * this walk started. For an entity without an update filter these are
   * the walks of the entities with one, and for an entity with one, every
   * other walk. Like a re-read in verification, the walk then read every
   * change made until those walks ended.
   */
  walkedLast: boolean
  zone: StoreZone
  /**
   * Ids repeated in the listing as the last completed pull counted them,
   * or null. Used only when this pull did not read the whole listing.
   */
  recordedRepeats: ListingRepeats | null
  /**
   * The count mismatch the last completed pull found, or null. Used only
   * when this pull did not read the whole listing.
   */
  recordedMismatch: RecordedMismatch | null
}

/** Reads the records updated since a walk began (inserts and edits). */
async function catchUp(
  context: SyncContext,
  definition: EntityDefinition,
  walkStartedAt: Date,
  zone: StoreZone,
  seenIds: Set<string> | null,
): Promise<void> {
  const since = new Date(walkStartedAt.getTime() - CATCH_UP_OVERLAP_MS)
  await walkEntity(context, definition, {
    filters: updatedSinceFilter(since, zone),
    checkpoint: false,
    ...(seenIds ? { seenIds } : {}),
  })
}

/**
 * Deletes the local records that a whole, ordered walk did not see. A page
 * cap lower than documented can end a walk early, so only ids up to the
 * largest one seen count as gone, unless the walk saw as many ids as the
 * store counts, less the rows that list an id again. Such a walk read the
 * whole list.
 */
function removeUnseen(
  context: SyncContext,
  definition: EntityDefinition,
  seenIds: Set<string>,
  seenUpTo: RecordId,
  listedRows: number,
): number {
  // A walk that saw nothing may have failed to list the entity, so it
  // deletes nothing.
  if (seenUpTo === undefined) return 0
  const sawAll = seenIds.size === listedRows
  const unseen = context.archive
    .ids(definition.key)
    .filter(
      (id) =>
        (sawAll || compareIds(id, seenUpTo) <= 0) && !seenIds.has(String(id)),
    )
  if (unseen.length === 0) return 0
  log.info('Removing records the store no longer has', {
    entity: definition.key,
    count: unseen.length,
  })
  return context.archive.deleteRecords(definition.key, unseen, context.runId)
}

/**
 * Returns true when the counts are those of the mismatch the last completed
 * pull found. A record inserted or deleted since changes one of them.
 */
function sameAsRecorded(
  recorded: RecordedMismatch | null,
  storeCount: number,
  localCount: number,
): boolean {
  if (recorded === null) return false
  return recorded.storeCount === storeCount && recorded.listed === localCount
}

/** Reads the whole entity again, collecting its ids when they are ordered. */
async function walkAgain(
  context: SyncContext,
  definition: EntityDefinition,
): Promise<Pick<VerifyState, 'walk' | 'seenIds'>> {
  const seen = new Set<string>()
  const walk = await walkEntity(context, definition, {
    checkpoint: false,
    seenIds: seen,
  })
  return { walk, seenIds: walk.ordered ? seen : null }
}

/**
 * Verifies one entity after its walk. When the walk read the whole list
 * without any shift, its end position is the store count, which saves a
 * request per entity. Otherwise a `countonly` request counts the store.
 * Entities with an update filter first get a catch-up read of edits made
 * behind the walk's offset, unless one page contained them all. A walk
 * that ended while other walks ran may have missed later changes. Such an
 * entity without an update filter is read again in full, because an edit,
 * or an insert plus a delete that leave the count unchanged, is found no
 * other way. So is a one-page entity with one, where that page costs less
 * than a catch-up read and a count. A whole walk that no verified walk
 * followed (`walkedLast`) is not read again.
 */
export async function verifyEntity(
  context: SyncContext,
  definition: EntityDefinition,
  state: VerifyState,
): Promise<EntityVerification> {
  const { archive, client, progress } = context
  progress.updateEntity(definition.key, { state: 'verifying' })
  let { walk, seenIds, walkStartedAt } = state
  let removed = 0
  // The previous round's whole listing, to tell a store whose count
  // disagrees with a stable listing from one that changes.
  let previousListing: ListingSnapshot | null = null
  // The previous whole walk out of id order, to confirm its repeats.
  let previousScattered: ScatteredListing | null = null
  const walkedLastWhole = state.walkedLast && walk?.endCount != null
  const onePage = walk !== null && walk.pages <= 1 && walk.endCount !== null
  if (!walkedLastWhole && (!definition.lastUpdateFilter || onePage)) {
    // The re-read counts its records from zero. A kill during it leaves the
    // checkpoint in the verify phase, so a resumed pull reads it again.
    progress.updateEntity(definition.key, { done: 0 })
    previousScattered = scatteredListing(walk)
    ;({ walk, seenIds } = await walkAgain(context, definition))
  }
  for (let rewalks = 0; ; rewalks++) {
    await context.gate.pass()
    // Listed rows the archive cannot store, as the latest walk counted them.
    const keptAside = walk?.keptAside ?? 0
    const atomic = walk !== null && walk.pages <= 1 && walk.endCount !== null
    const caughtUp = definition.lastUpdateFilter && !atomic
    if (caughtUp) {
      await catchUp(context, definition, walkStartedAt, state.zone, seenIds)
    }
    // A walk without a shift found the count as of its last request. A
    // catch-up read is a later request, so the store is counted again.
    const storeCount =
      walk?.endCount !== null && walk?.endCount !== undefined && !caughtUp
        ? walk.endCount
        : await client.count(definition)
    archive.recordStoreCount(context.runId, definition.key, storeCount)
    if (seenIds && walk) {
      removed += removeUnseen(
        context,
        definition,
        seenIds,
        walk.lastId,
        storeCount - (repeatedRows(walk) ?? 0) - keptAside,
      )
    }
    const localCount = archive.count(definition.key)
    // Rows that list an id again are not records, so the archive must hold
    // exactly the store's count less those rows.
    const repeats = expectedRepeats(
      walk,
      state.recordedRepeats,
      storeCount,
      localCount,
    )
    const repeated = repeats !== null && repeats.extraRows > 0
    // Repeats that a walk out of id order found count only when the walk
    // before it listed the same rows (see sameScatteredListing).
    const scattered = scatteredListing(walk)
    const unconfirmed =
      repeated &&
      scattered !== null &&
      !sameScatteredListing(previousScattered, scattered)
    // Without an update filter, edits behind a shifted walk cannot be
    // found, so such an entity is read again even when the counts agree.
    // NOTE: edits behind the offset of a multi-page read of such an entity
    // (a re-read, or a walk after the walks of the entities with an update
    // filter), made while that read runs, go unnoticed when no insert or
    // delete shifted it.
    const stable = walk !== null && walk.endCount !== null
    const explained =
      repeats !== null &&
      localCount === storeCount - repeats.extraRows - keptAside &&
      (stable || definition.lastUpdateFilter)
    const countsAgree = explained && !unconfirmed
    const listing = cleanListing(walk, seenIds, storeCount)
    // A pull that read only part of the listing (an incremental pull, or a
    // walk that ended in an earlier run) relies on the last pull's counts.
    const partial = walk === null || walk.repeats === null
    // A count that disagrees with the same listing twice will not change
    // with more reads, so the entity completes with what the store lists.
    const mismatched =
      !countsAgree &&
      (listing !== null
        ? previousListing !== null &&
          sameListing(previousListing, listing) &&
          localCount === listing.ids.size
        : partial &&
          sameAsRecorded(state.recordedMismatch, storeCount, localCount))
    const accounted = countsAgree || mismatched
    const complete = accounted && keptAside === 0
    if (accounted || rewalks >= MAX_RECONCILE_ROUNDS) {
      progress.updateEntity(definition.key, {
        state: complete ? 'complete' : 'incomplete',
        // Repeated rows, and records the listing never returns, are not
        // records to copy.
        total: repeated || mismatched ? localCount + keptAside : storeCount,
        done: localCount,
      })
      const result = { entity: definition.key, storeCount, localCount }
      return {
        ...result,
        complete,
        rewalks,
        removed,
        ...(countsAgree && repeated
          ? { duplicateListings: duplicatesFound(result, repeats) }
          : {}),
        ...(mismatched
          ? {
              countMismatch: describeCountMismatch(
                definition.key,
                storeCount,
                localCount,
              ),
            }
          : {}),
        ...(accounted && keptAside > 0
          ? { keptAside: describeKeptAside(definition.key, keptAside) }
          : {}),
      }
    }
    previousListing = listing
    previousScattered = scattered
    log.info(
      explained
        ? 'Store lists ids more than once out of order; reading the entity again to confirm'
        : 'Store changed during the pull; reading the entity again',
      { entity: definition.key, storeCount, localCount },
    )
    progress.updateEntity(definition.key, {
      state: 'reconciling',
      done: 0,
      total: storeCount,
    })
    walkStartedAt = new Date()
    ;({ walk, seenIds } = await walkAgain(context, definition))
  }
}
