/**
 * Pulls from a store that changes while it is read: records are inserted,
 * updated and deleted during the pull. Verification must reconcile every
 * change, and the pull's report must list what changed. The pull engine's
 * own tests cover the demo store's 'changes' fault during a first pull
 * (test/sync/pull-faults.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { stripSensitiveFields } from '../../src/main/api/raw-json.ts'
import { Archive } from '../../src/main/archive/index.ts'
import {
  startDemoStore,
  type Change,
  type DemoStore,
} from '../../src/main/demo-store/index.ts'
import { SENSITIVE_FIELDS, type EntityKey } from '../../src/shared/entities.ts'
import { defaultEntities } from '../../src/main/sync/pull.ts'
import { FigureLog } from './support/figures.ts'
import { compareArchive } from './support/ground-truth.ts'
import { pullInto } from './support/pull.ts'

const figures = new FigureLog('changing-store')
const workDir = mkdtempSync(join(tmpdir(), 'reliability-changes-'))

afterAll(() => {
  figures.write()
  rmSync(workDir, { recursive: true, force: true })
})

type Snapshot = Map<string, string>

function snapshot(store: DemoStore, entity: EntityKey): Snapshot {
  const records = new Map<string, string>()
  for (const { id, raw } of store.records(entity)) {
    records.set(String(id), stripSensitiveFields(raw, SENSITIVE_FIELDS))
  }
  return records
}

/** Ids added, changed and removed between two snapshots, sorted. */
function difference(before: Snapshot, after: Snapshot) {
  const sorted = (ids: string[]) => ids.sort((a, b) => Number(a) - Number(b))
  return {
    added: sorted([...after.keys()].filter((id) => !before.has(id))),
    changed: sorted(
      [...after.keys()].filter(
        (id) => before.has(id) && before.get(id) !== after.get(id),
      ),
    ),
    removed: sorted([...before.keys()].filter((id) => !after.has(id))),
  }
}

describe('changes during a second pull', () => {
  // Orders take two pages, so their changes land in the middle of the walk;
  // customers and products take one, so theirs land after it.
  const changed: EntityKey[] = ['orders', 'customers', 'products']

  it('reconciles and reports every change', async () => {
    const store = await startDemoStore({ size: 'small', seed: 31 })
    try {
      const file = join(workDir, 'second.db')
      const first = await pullInto(store, file)
      expect(first.complete).toBe(true)

      const before = new Map(changed.map((e) => [e, snapshot(store, e)]))
      const made: Change[] = []
      const done = new Set<EntityKey>()
      const second = await pullInto(store, file, {
        // Changes the store once per entity, after its first page arrived.
        onProgress(progress) {
          for (const entry of progress.entities) {
            if (!changed.includes(entry.entity) || done.has(entry.entity)) {
              continue
            }
            if (entry.state === 'pulling' && entry.done > 0) {
              done.add(entry.entity)
              made.push(...store.applyChanges(entry.entity, 6))
            }
          }
        },
      })

      expect(second.error).toBeNull()
      expect(second.complete).toBe(true)
      expect([...done].sort()).toEqual([...changed].sort())
      expect(made.length).toBe(changed.length * 6)

      const archive = Archive.open(file, { readonly: true })
      try {
        const comparison = compareArchive(archive, store, defaultEntities())
        expect(comparison.problems).toEqual([])
        for (const entity of changed) {
          const diff = difference(before.get(entity)!, snapshot(store, entity))
          const ids = (kind: 'added' | 'changed' | 'removed') =>
            archive
              .changedIds(second.runId, entity, kind)
              .map(String)
              .sort((a, b) => Number(a) - Number(b))
          expect(ids('added'), `${entity} added`).toEqual(diff.added)
          expect(ids('changed'), `${entity} changed`).toEqual(diff.changed)
          expect(ids('removed'), `${entity} removed`).toEqual(diff.removed)
          const reported = second.changes.find((c) => c.entity === entity)
          expect(reported, `${entity} in the report`).toEqual({
            entity,
            added: diff.added.length,
            changed: diff.changed.length,
            removed: diff.removed.length,
          })
        }
        // Entities the store did not change show no change at all.
        const untouched = second.changes.filter(
          (c) => !changed.includes(c.entity),
        )
        for (const entry of untouched) {
          expect(entry.added + entry.changed + entry.removed).toBe(0)
        }
        figures.add('second pull with changes', {
          storeChanges: made.length,
          inserted: made.filter((c) => c.kind === 'insert').length,
          updated: made.filter((c) => c.kind === 'update').length,
          deleted: made.filter((c) => c.kind === 'delete').length,
          recordsCompared: comparison.compared,
        })
      } finally {
        archive.close()
      }
    } finally {
      await store.close()
    }
  })
})

describe('changes after an entity was read', () => {
  it('reconciles categories changed later', async () => {
    const store = await startDemoStore({ size: 'small', seed: 32 })
    try {
      const file = join(workDir, 'later.db')
      let made: Change[] = []
      const result = await pullInto(store, file, {
        onProgress(progress) {
          const orders = progress.entities.find((e) => e.entity === 'orders')
          if (made.length === 0 && orders?.state === 'pulling') {
            made = store.applyChanges('categories', 3, [
              'insert',
              'delete',
              'update',
            ])
          }
        },
      })
      expect(made.map((change) => change.kind)).toEqual([
        'insert',
        'delete',
        'update',
      ])
      expect(result.complete).toBe(true)
      const archive = Archive.open(file, { readonly: true })
      const comparison = compareArchive(archive, store, ['categories'])
      archive.close()
      expect(comparison.problems).toEqual([])
    } finally {
      await store.close()
    }
  })
})
