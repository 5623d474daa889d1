/**
 * The store's data: one table per list entity, the StoreSettings object and
 * the log of changes made since the store started.
 */
import { ENTITIES, type EntityKey } from '../../shared/entities.ts'
import { nowInZone } from './dates.ts'
import { GENERATORS } from './generators/index.ts'
import { buildStoreSettings } from './generators/store-settings.ts'
import type { StoreData } from './handlers.ts'
import type { LoadedSamples } from './samples.ts'
import {
  FixedTable,
  GeneratedTable,
  type Change,
  type Table,
} from './tables.ts'
import type { GenContext } from './types.ts'

let storeCounter = 0

export class StoreState implements StoreData {
  readonly cacheScope = `store${++storeCounter}`
  readonly changeLog: Change[] = []
  private readonly tables = new Map<EntityKey, Table>()
  private readonly ctx: GenContext
  private readonly samples: LoadedSamples | null
  private settingsRaw: string | null = null

  constructor(ctx: GenContext, samples: LoadedSamples | null) {
    this.ctx = ctx
    this.samples = samples
    for (const definition of ENTITIES) {
      if (definition.shape === 'object') continue
      const key = definition.key as Exclude<EntityKey, 'store_settings'>
      const generator = GENERATORS[key]
      this.tables.set(
        key,
        samples
          ? new FixedTable(key, generator.filters, samples.lists.get(key) ?? [])
          : new GeneratedTable(generator, ctx),
      )
    }
  }

  table(entity: EntityKey): Table {
    const table = this.tables.get(entity)
    if (!table) throw new Error(`The demo store has no table for ${entity}`)
    return table
  }

  /** Built on first use, once the server's address is in the context. */
  storeSettingsRaw(): string {
    this.settingsRaw ??=
      this.samples?.storeSettings ??
      JSON.stringify(buildStoreSettings(this.ctx))
    return this.settingsRaw
  }

  count(entity: EntityKey): number {
    return entity === 'store_settings' ? 1 : this.table(entity).count()
  }

  /** Yields the live records in id order; StoreSettings has id 1. */
  *records(entity: EntityKey): Iterable<{ id: number | string; raw: string }> {
    if (entity === 'store_settings') {
      yield { id: 1, raw: this.storeSettingsRaw() }
      return
    }
    const table = this.table(entity)
    for (const index of table.indices()) {
      yield { id: table.id(index), raw: table.raw(index) }
    }
  }

  /**
   * Inserts, updates or deletes one record now. `pick` in [0, 1) chooses
   * the record to update or delete. Loaded sample records never change.
   */
  applyChange(
    entity: EntityKey,
    kind: Change['kind'],
    pick: number,
  ): Change | null {
    if (entity === 'store_settings') return null
    const table = this.table(entity)
    if (!(table instanceof GeneratedTable)) return null
    const change = table.applyChange(
      kind,
      pick,
      nowInZone(this.ctx.storeTimeZone),
    )
    if (change) this.changeLog.push(change)
    return change
  }
}
