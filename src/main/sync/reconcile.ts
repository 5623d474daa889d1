/**
 * The verification pass of a pull: compares each entity's store count with
 * the local count and, when the store changed during the pull, reads the
 * entity again and removes the local records the store no longer has.
 */
import type { EntityDefinition } from '../../shared/entities.ts'
import { log } from '../log.ts'
import type { StoreZone } from '../archive/time-zones.ts'
import { CATCH_UP_OVERLAP_MS, updatedSinceFilter } from './incremental.ts'
import {
  compareIds,
  walkEntity,
  type RecordId,
  type SyncContext,
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
}

export interface VerifyState {
  /** Store count when the entity's walk began; null when unknown. */
  walkCount: number | null
  /**
   * Ids seen by a walk that read the whole unfiltered entity from offset
   * 1 in ascending id order, or null. Such a walk skips no record that the
   * store kept throughout, so a local id it did not see was deleted.
   */
  seenIds: Set<string> | null
  /** Largest id that walk read; the walk may have stopped before later ids. */
  seenUpTo: RecordId
  /** When the walk began, for the catch-up read of later updates. */
  walkStartedAt: Date
  zone: StoreZone
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
  const filters = updatedSinceFilter(since, zone)
  const expected = await context.client.count(definition, filters)
  if (expected === 0) return
  await walkEntity(context, definition, {
    filters,
    expected,
    checkpoint: false,
    ...(seenIds ? { seenIds } : {}),
  })
}

function removeUnseen(
  context: SyncContext,
  definition: EntityDefinition,
  seenIds: Set<string>,
  seenUpTo: RecordId,
): number {
  if (seenUpTo === undefined) return 0
  const unseen = context.archive
    .ids(definition.key)
    .filter((id) => compareIds(id, seenUpTo) <= 0 && !seenIds.has(String(id)))
  if (unseen.length === 0) return 0
  log.info('Removing records the store no longer has', {
    entity: definition.key,
    count: unseen.length,
  })
  return context.archive.deleteRecords(definition.key, unseen, context.runId)
}

export async function verifyEntity(
  context: SyncContext,
  definition: EntityDefinition,
  state: VerifyState,
): Promise<EntityVerification> {
  const { archive, client, progress } = context
  progress.updateEntity(definition.key, { state: 'verifying' })
  let walkCount = state.walkCount
  let walkStartedAt = state.walkStartedAt
  let seenIds = state.seenIds
  let seenUpTo = state.seenUpTo
  let removed = 0
  for (let rewalks = 0; ; rewalks++) {
    await context.gate.pass()
    // Edits made behind the walk's offset are read again here, after the
    // first walk and after every re-read.
    if (definition.lastUpdateFilter) {
      await catchUp(context, definition, walkStartedAt, state.zone, seenIds)
    }
    const storeCount = await client.count(definition)
    archive.recordStoreCount(context.runId, definition.key, storeCount)
    const stable = walkCount === storeCount
    if (seenIds) {
      removed += removeUnseen(context, definition, seenIds, seenUpTo)
    }
    seenIds = null
    const localCount = archive.count(definition.key)
    // The catch-up read covers inserts and edits of entities with an
    // update filter, so only their count has to agree.
    const complete =
      localCount === storeCount && (stable || definition.lastUpdateFilter)
    if (complete || rewalks >= MAX_RECONCILE_ROUNDS) {
      progress.updateEntity(definition.key, {
        state: complete ? 'complete' : 'incomplete',
        total: storeCount,
        done: localCount,
      })
      return {
        entity: definition.key,
        storeCount,
        localCount,
        complete,
        rewalks,
        removed,
      }
    }
    log.info('Store changed during the pull; reading the entity again', {
      entity: definition.key,
      storeCount,
      localCount,
      walkCount,
    })
    progress.updateEntity(definition.key, {
      state: 'reconciling',
      done: 0,
      total: storeCount,
    })
    walkCount = storeCount
    walkStartedAt = new Date()
    const seen = new Set<string>()
    const walk = await walkEntity(context, definition, {
      expected: storeCount,
      checkpoint: false,
      seenIds: seen,
    })
    seenIds = walk.ordered ? seen : null
    seenUpTo = walk.lastId
  }
}
