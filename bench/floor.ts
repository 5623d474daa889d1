/**
 * The rate-limit floor of a pull: the least wall time the store's leaky
 * bucket (a burst of 50 requests, then 2 per second) allows for the
 * requests a full pull needs at maximum page size.
 */
import {
  ENTITIES,
  type EntityDefinition,
  type EntityKey,
} from '../src/shared/entities.ts'

export interface BucketLimit {
  burst: number
  perSecond: number
}

export const REAL_BUCKET: BucketLimit = { burst: 50, perSecond: 2 }

/**
 * Requests a full pull needs when every page is as large as the API
 * allows: one for StoreSettings and `ceil(count / maxPageSize)` for each
 * list, at least one even for an empty list. Count requests and the final
 * empty page are not included, because a pull could do without them.
 */
export function minimalRequests(
  counts: Partial<Record<EntityKey, number>>,
  entities: readonly EntityDefinition[] = ENTITIES.filter(
    (e) => e.defaultSelected,
  ),
): number {
  let requests = 0
  for (const definition of entities) {
    if (definition.shape === 'object') {
      requests += 1
      continue
    }
    const count = counts[definition.key] ?? 0
    requests += Math.max(1, Math.ceil(count / definition.maxPageSize))
  }
  return requests
}

/** Seconds the bucket needs to admit `requests`: max(0, requests − burst) / rate. */
export function floorSeconds(
  requests: number,
  limit: BucketLimit = REAL_BUCKET,
): number {
  return Math.max(0, requests - limit.burst) / limit.perSecond
}
