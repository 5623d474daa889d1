/**
 * Reads what earlier pulls recorded about an entity in their run summaries,
 * such as ids the store lists twice or a count that disagrees with the
 * listing. Incremental pulls and `verify` reuse them instead of reading the
 * whole listing again.
 */
import { z } from 'zod'
import type { EntityKey } from '../../shared/entities.ts'
import type { Archive } from '../archive/index.ts'

/**
 * Returns, per entity, the `field` of its row in the latest completed run
 * summary that verified it, read with `schema`. Entities whose latest row
 * has no such field are left out, and summaries that do not parse are
 * skipped.
 */
export function latestRecordedFinding<T>(
  archive: Archive,
  entities: readonly EntityKey[],
  field: string,
  schema: z.ZodType<T>,
): Map<EntityKey, T> {
  const summarySchema = z.object({
    entities: z.array(
      z.object({ entity: z.string(), [field]: schema.optional() }),
    ),
  })
  const found = new Map<EntityKey, T>()
  const pending = new Set(entities)
  const summaries = archive.db
    .prepare(
      `SELECT summary FROM sync_runs
       WHERE status = 'completed' AND summary IS NOT NULL ORDER BY id DESC`,
    )
    .pluck()
    .iterate() as IterableIterator<string>
  for (const text of summaries) {
    if (pending.size === 0) break
    const parsed = summarySchema.safeParse(parseJson(text))
    if (!parsed.success) continue
    for (const row of parsed.data.entities) {
      const key = row.entity as EntityKey
      if (!pending.has(key)) continue
      pending.delete(key)
      const finding = (row as Record<string, unknown>)[field]
      if (finding !== undefined) found.set(key, finding as T)
    }
  }
  return found
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
