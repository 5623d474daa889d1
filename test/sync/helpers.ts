/**
 * Shared pieces of the pull tests: a temporary archive, fast retry
 * settings, and the comparison of an archive with the demo store's ground
 * truth.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { Archive } from '../../src/main/archive/index.ts'
import { stripSensitiveFields } from '../../src/main/api/raw-json.ts'
import type { DemoStore } from '../../src/main/demo-store/index.ts'
import { SENSITIVE_FIELDS, type EntityKey } from '../../src/shared/entities.ts'
import { defaultEntities } from '../../src/main/sync/pull.ts'

/** Retries without real waiting, so fault tests run in seconds. */
export const FAST_RETRY = {
  baseDelayMs: 2,
  maxDelayMs: 10,
  throttleDelayMs: 2,
  maxAttempts: 10,
  maxThrottles: 40,
}

export interface TempArchive {
  dir: string
  file: string
  open(): Archive
  remove(): void
}

export function tempArchive(): TempArchive {
  const dir = mkdtempSync(join(tmpdir(), 'pull-test-'))
  const file = join(dir, 'archive.sqlite')
  return {
    dir,
    file,
    open: () => Archive.open(file),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/**
 * Asserts that the archive contains exactly the store's records, each raw
 * text identical (sensitive members removed unless kept).
 */
export function expectMatchesStore(
  archive: Archive,
  store: DemoStore,
  options: { entities?: EntityKey[]; storeSensitive?: boolean } = {},
): void {
  const entities = options.entities ?? defaultEntities()
  for (const entity of entities) {
    const expectedIds: string[] = []
    let mismatches = 0
    let firstMismatch: string | null = null
    for (const { id, raw } of store.records(entity)) {
      expectedIds.push(String(id))
      const expected = options.storeSensitive
        ? raw
        : stripSensitiveFields(raw, SENSITIVE_FIELDS)
      const local = archive.getRaw(entity, id)
      if (local !== expected) {
        mismatches++
        firstMismatch ??= `${entity} ${String(id)}: ${local === undefined ? 'missing' : 'different text'}`
      }
    }
    expect(firstMismatch, `first mismatch of ${entity}`).toBeNull()
    expect(mismatches, `mismatching records of ${entity}`).toBe(0)
    const localIds = archive.ids(entity).map(String)
    expect(localIds.length, `local count of ${entity}`).toBe(expectedIds.length)
    expect(new Set(localIds), `ids of ${entity}`).toEqual(new Set(expectedIds))
  }
}
