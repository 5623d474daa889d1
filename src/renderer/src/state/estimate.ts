/**
 * Estimates shown on the "Choose data" step: how long a pull takes at the
 * store's rate limit and how much disk the archive needs. Both are
 * estimates, and the screen labels them so.
 */
import { getEntity, type EntityKey } from '../../../shared/entities.ts'

/** 3dcart serves a burst of 50 requests per store, then 2 per second. */
export const STORE_BURST = 50
export const STORE_REQUESTS_PER_SECOND = 2

/**
 * Average size of one raw record in bytes. Orders and products come from
 * recorded 3dcart payloads (about 3.5 KB and 10 KB); the rest are small
 * lookup records, guessed at 1 KB.
 */
const AVERAGE_RECORD_BYTES: Partial<Record<EntityKey, number>> = {
  orders: 3_500,
  products: 10_000,
  customers: 1_500,
  gift_registries: 2_000,
  rmas: 2_000,
  store_settings: 20_000,
}
const DEFAULT_RECORD_BYTES = 1_000
/** Indexes and typed columns roughly double the raw JSON. */
const STORAGE_FACTOR = 2

export interface EntityCount {
  entity: EntityKey
  count: number | null
}

export function requestsFor({ entity, count }: EntityCount): number {
  const definition = getEntity(entity)
  if (definition.shape === 'object') return 1
  const records = count ?? 0
  // One more request finds the end of the list, or counts for verification.
  return Math.ceil(records / definition.maxPageSize) + 1
}

/** Seconds a pull of these entities needs at the store's rate limit. */
export function estimateSeconds(entities: readonly EntityCount[]): number {
  const requests = entities.reduce((sum, e) => sum + requestsFor(e), 0)
  return Math.max(0, requests - STORE_BURST) / STORE_REQUESTS_PER_SECOND
}

export function estimateBytes(entities: readonly EntityCount[]): number {
  return entities.reduce((sum, { entity, count }) => {
    const size = AVERAGE_RECORD_BYTES[entity] ?? DEFAULT_RECORD_BYTES
    const records = getEntity(entity).shape === 'object' ? 1 : (count ?? 0)
    return sum + records * size * STORAGE_FACTOR
  }, 0)
}

/** "about 3 minutes", "less than a minute", "about 2 hours 10 minutes". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return 'less than a minute'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  const hourText = `${hours} hour${hours === 1 ? '' : 's'}`
  return rest === 0 ? `about ${hourText}` : `about ${hourText} ${rest} min`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1_000))} KB`
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`
}
