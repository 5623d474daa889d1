/**
 * Standalone verification of an archive: the store's count of each entity
 * against the local count, without changing anything. An entity whose store
 * lists some ids on more than one row is complete when those rows, as the
 * last pull counted them, are the whole difference. So is one whose count
 * disagreed with a stable listing in the last pull, while both still match.
 */
import {
  getEntity,
  isEntityKey,
  type EntityKey,
} from '../../shared/entities.ts'
import type { Archive } from '../archive/index.ts'
import { ApiClient } from '../api/client.ts'
import type { Credentials } from '../api/credentials.ts'
import type { PacingConfig } from '../api/pacer.ts'
import type { RetryPolicy } from '../api/retry.ts'
import {
  describeDuplicateListings,
  explainedByRepeats,
  recordedRepeats,
} from './duplicate-listings.ts'
import {
  describeCountMismatch,
  recordedCountMismatches,
} from './count-mismatch.ts'
import { resolveEntities } from './pull.ts'
import type { EntityVerification } from './reconcile.ts'

export interface VerifyOptions {
  archive: Archive
  credentials: Credentials
  baseUrl?: string
  /** Default: the entities the archive has store counts for. */
  entities?: EntityKey[]
  signal?: AbortSignal
  pacing?: PacingConfig | 'off'
  retry?: Partial<RetryPolicy>
  timeoutMs?: number
}

export interface VerifyReport {
  entities: EntityVerification[]
  complete: boolean
}

/** Entities a verification checks when the caller names none. */
function entitiesToVerify(archive: Archive): EntityKey[] {
  const recorded = archive
    .completeness()
    .map((row) => row.entity)
    .filter(isEntityKey)
  return resolveEntities(recorded.length > 0 ? recorded : undefined)
}

/** Compares each entity's store count with its local count. */
export async function verifyArchive(
  options: VerifyOptions,
): Promise<VerifyReport> {
  const { archive } = options
  const client = new ApiClient({
    credentials: options.credentials,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  })
  const keys = options.entities
    ? resolveEntities(options.entities)
    : entitiesToVerify(archive)
  const repeats = recordedRepeats(archive, keys)
  const mismatches = recordedCountMismatches(archive, keys)
  const rows: EntityVerification[] = []
  for (const key of keys) {
    const definition = getEntity(key)
    const storeCount =
      definition.shape === 'object'
        ? (await client.fetchObject(definition))
          ? 1
          : 0
        : await client.count(definition)
    const localCount = archive.count(key)
    const listed = repeats.get(key)
    const repeated = explainedByRepeats(storeCount, localCount, listed)
    // The same count and the same number of records as when the last pull
    // found the count disagreeing with a stable listing.
    const mismatch = mismatches.get(key)
    const mismatched =
      mismatch !== undefined &&
      mismatch.storeCount === storeCount &&
      mismatch.listed === localCount
    rows.push({
      entity: key,
      storeCount,
      localCount,
      complete: storeCount === localCount || repeated || mismatched,
      rewalks: 0,
      removed: 0,
      ...(repeated
        ? {
            duplicateListings: describeDuplicateListings(
              key,
              listed!,
              storeCount,
              localCount,
            ),
          }
        : {}),
      ...(mismatched
        ? {
            countMismatch: describeCountMismatch(key, storeCount, localCount),
          }
        : {}),
    })
  }
  return { entities: rows, complete: rows.every((row) => row.complete) }
}
