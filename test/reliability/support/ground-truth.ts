/**
 * Compares an archive with the demo store's ground truth, record for
 * record: the same ids, no duplicates, and each stored raw JSON equal to
 * the store's text with the sensitive members removed as the pull does.
 */
import { stripSensitiveFields } from '../../../src/main/api/raw-json.ts'
import type { Archive } from '../../../src/main/archive/index.ts'
import type { DemoStore } from '../../../src/main/demo-store/index.ts'
import {
  getEntity,
  SENSITIVE_FIELDS,
  type EntityKey,
} from '../../../src/shared/entities.ts'

export interface EntityComparison {
  entity: EntityKey
  storeCount: number
  archiveCount: number
  missing: string[]
  extra: string[]
  different: string[]
  duplicates: number
}

export interface Comparison {
  /** Records compared byte for byte. */
  compared: number
  entities: EntityComparison[]
  /** One line per difference, empty when the archive is exact. */
  problems: string[]
}

function duplicateIds(archive: Archive, entity: EntityKey): number {
  if (getEntity(entity).shape === 'object') return 0
  const row = archive.db
    .prepare(
      `SELECT count(*) - count(DISTINCT id) AS duplicates FROM "${entity}"`,
    )
    .get() as { duplicates: number }
  return row.duplicates
}

export function compareEntity(
  archive: Archive,
  store: DemoStore,
  entity: EntityKey,
  storeSensitive = false,
): EntityComparison {
  const expected = new Map<string, string>()
  for (const { id, raw } of store.records(entity)) {
    const text = storeSensitive
      ? raw
      : stripSensitiveFields(raw, SENSITIVE_FIELDS)
    expected.set(String(id), text)
  }
  const stored =
    getEntity(entity).shape === 'object'
      ? archive.count(entity) > 0
        ? ['1']
        : []
      : archive.ids(entity).map(String)
  const storedSet = new Set(stored)
  const missing = [...expected.keys()].filter((id) => !storedSet.has(id))
  const extra = stored.filter((id) => !expected.has(id))
  const different: string[] = []
  for (const id of stored) {
    const want = expected.get(id)
    if (want === undefined) continue
    const key = getEntity(entity).shape === 'object' ? 1 : id
    if (archive.getRaw(entity, key) !== want) different.push(id)
  }
  return {
    entity,
    storeCount: expected.size,
    archiveCount: stored.length,
    missing,
    extra,
    different,
    duplicates: duplicateIds(archive, entity),
  }
}

export function compareArchive(
  archive: Archive,
  store: DemoStore,
  entities: readonly EntityKey[],
  storeSensitive = false,
): Comparison {
  const results = entities.map((entity) =>
    compareEntity(archive, store, entity, storeSensitive),
  )
  const problems: string[] = []
  let compared = 0
  for (const result of results) {
    compared += result.archiveCount - result.extra.length
    const { entity } = result
    if (result.missing.length > 0) {
      problems.push(
        `${entity}: missing ${result.missing.slice(0, 5).join(', ')}`,
      )
    }
    if (result.extra.length > 0) {
      problems.push(`${entity}: extra ${result.extra.slice(0, 5).join(', ')}`)
    }
    if (result.different.length > 0) {
      problems.push(
        `${entity}: raw JSON differs for ${result.different.slice(0, 5).join(', ')}`,
      )
    }
    if (result.duplicates > 0) {
      problems.push(`${entity}: ${result.duplicates} duplicate ids`)
    }
  }
  return { compared, entities: results, problems }
}
