/**
 * Ids that a store lists more than once. Some stores list a record at two
 * positions, so their count exceeds their number of distinct ids. The
 * archive stores each record once (upserts by id), so the local count stays
 * below the store's, and no pull can change that.
 */
import { z } from 'zod'
import { getEntity, type EntityKey } from '../../shared/entities.ts'
import type { Archive } from '../archive/index.ts'
import { log } from '../log.ts'
import { latestRecordedFinding } from './recorded-findings.ts'
import type { EntityVerification } from './reconcile.ts'
import type { WalkResult } from './walk.ts'

/** Repeated ids kept per walk to name in the message. */
export const REPEAT_SAMPLE_SIZE = 5

/** Repeats found in one walk of an entity's listing. */
export interface ListingRepeats {
  /** Distinct ids listed more than once. */
  ids: number
  /** Rows beyond the first of each repeated id. */
  extraRows: number
  /** The first repeated ids, in listing order. */
  sample: Array<number | string>
}

/** The repeats that explain why the local count is below the store's. */
export interface DuplicateListings extends ListingRepeats {
  /** Message for the merchant: the entity, the ids and why nothing is missing. */
  message: string
}

/**
 * Counts ids at adjacent positions of a listing in ascending id order. In
 * such a listing the rows of a repeated id are next to each other, so only
 * the previous id is kept, whatever the size of the store.
 */
export class RepeatTally {
  private previous: number | string | undefined = undefined
  private lastRepeated: number | string | undefined = undefined
  private ids = 0
  private extraRows = 0
  private readonly sample: Array<number | string> = []

  /** Adds the next row's id. Pass every row once, in listing order. */
  add(id: number | string | undefined): void {
    const repeated = id !== undefined && id === this.previous
    this.previous = id
    if (!repeated) return
    this.extraRows++
    if (id === this.lastRepeated) return
    this.lastRepeated = id
    this.ids++
    if (this.sample.length < REPEAT_SAMPLE_SIZE) this.sample.push(id)
  }

  result(): ListingRepeats {
    return {
      ids: this.ids,
      extraRows: this.extraRows,
      sample: [...this.sample],
    }
  }
}

/**
 * Returns true when a store count above the local count is explained by
 * rows that list an id again: the difference equals the extra rows.
 */
export function explainedByRepeats(
  storeCount: number,
  localCount: number,
  repeats: ListingRepeats | null | undefined,
): boolean {
  if (!repeats || repeats.extraRows === 0) return false
  return storeCount - localCount === repeats.extraRows
}

function listIds(
  sample: ReadonlyArray<number | string>,
  total: number,
): string {
  const named = sample.map(String)
  const more = total - named.length
  if (more > 0) return `${named.join(', ')} and ${more} more`
  if (named.length === 1) return named[0]!
  return `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`
}

/** Builds the merchant's message for an entity whose store repeats ids. */
export function describeDuplicateListings(
  entity: EntityKey,
  repeats: ListingRepeats,
  storeCount: number,
  localCount: number,
): DuplicateListings {
  const label = getEntity(entity).label
  const times = repeats.extraRows === repeats.ids ? 'twice' : 'more than once'
  const records = repeats.ids === 1 ? '1 record' : `${repeats.ids} records`
  const idWord = repeats.ids === 1 ? 'id' : 'ids'
  const message =
    `${label}: the store lists ${records} ${times} (${idWord} ` +
    `${listIds(repeats.sample, repeats.ids)}), so it counts ${storeCount} ` +
    `where it has ${localCount} distinct records. No data is missing. ` +
    `The archive contains each record once, and another pull will not ` +
    `change this, because it is how the store lists them.`
  return { ...repeats, message }
}

/**
 * Returns the rows beyond the first of each id the store lists more than
 * once, as the walk counted them. Only a whole walk in id order counts them
 * exactly. A walk whose positions moved may count a repeated id once per
 * read, so when it found any, the count is unknown (null) and the entity
 * is read again. A walk out of id order finds none.
 */
export function repeatedRows(walk: WalkResult | null): number | null {
  const repeats = walk?.repeats
  if (!repeats || repeats.extraRows === 0) return 0
  return walk!.endCount !== null ? repeats.extraRows : null
}

/**
 * Returns the repeats by which the local count falls short of the store's,
 * or null when their number is unknown. They are the walk's (see
 * `repeatedRows`). When this pull did not read the whole listing (an
 * incremental pull, or a walk that ended in an earlier run) and saw none,
 * they are the last completed pull's, if those are exactly the difference.
 */
export function expectedRepeats(
  walk: WalkResult | null,
  recorded: ListingRepeats | null,
  storeCount: number,
  localCount: number,
): ListingRepeats | null {
  const none: ListingRepeats = { ids: 0, extraRows: 0, sample: [] }
  const counted = repeatedRows(walk)
  if (counted === null) return null
  if (counted > 0) return walk!.repeats
  const partial = walk === null || walk.repeats === null
  if (partial && explainedByRepeats(storeCount, localCount, recorded)) {
    return recorded
  }
  return none
}

/** Describes the repeats that made an entity complete, and logs them. */
export function duplicatesFound(
  counts: Pick<EntityVerification, 'entity' | 'storeCount' | 'localCount'>,
  repeats: ListingRepeats,
): DuplicateListings {
  log.info('Store lists some ids on more than one row', {
    entity: counts.entity,
    ids: repeats.ids,
    extraRows: repeats.extraRows,
    sample: repeats.sample,
  })
  return describeDuplicateListings(
    counts.entity,
    repeats,
    counts.storeCount,
    counts.localCount,
  )
}

const repeatsSchema = z.object({
  ids: z.number().int().positive(),
  extraRows: z.number().int().positive(),
  sample: z.array(z.union([z.number(), z.string()])),
})

/**
 * Reads, per entity, the repeats that the latest completed pull verifying
 * that entity found. Entities whose latest pull found none are left out.
 */
export function recordedRepeats(
  archive: Archive,
  entities: readonly EntityKey[],
): Map<EntityKey, ListingRepeats> {
  return latestRecordedFinding(
    archive,
    entities,
    'duplicateListings',
    repeatsSchema,
  )
}
