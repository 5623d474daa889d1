/**
 * The 'duplicate-ids' fault: the listing of every list entity contains a
 * few records twice, the second row right after the first, and `countonly`
 * counts both rows. Some 3dcart stores list records this way, so their count
 * exceeds their number of distinct ids. The 'duplicate-ids-later' fault
 * lists the second rows after the last record instead, so they are out of
 * id order and pages away from the first rows. The store's records, which
 * are the ground truth, stay distinct: only what the API lists changes.
 */
import { ENTITIES, type EntityKey } from '../../shared/entities.ts'
import type { StoreData } from './handlers.ts'
import { hashString, mix, Rng } from './random.ts'
import type { Table } from './tables.ts'

/** Records listed twice per entity, or every record of a smaller entity. */
export const DUPLICATED_PER_ENTITY = 3

/** Position of a doubled record's second row in the listing. */
export type SecondRowPlacement = 'adjacent' | 'end'

/**
 * A table as the listing shows it: each doubled record appears at two
 * positions, adjacent or the second after the last record. Reads of one
 * record go to the underlying table, so the 'changes' fault still applies.
 */
class DuplicatingTable implements Table {
  private readonly inner: Table
  private readonly placement: SecondRowPlacement
  /** Indices of the records listed twice, ascending. */
  private readonly doubled: number[]
  private cachedVersion = -1
  /** 0-based positions, in the table, of the doubled records still live. */
  private positions: number[] = []

  constructor(inner: Table, seed: number, placement: SecondRowPlacement) {
    this.inner = inner
    this.placement = placement
    const rng = new Rng(mix(seed, hashString(`duplicate-ids:${inner.key}`)))
    const live = inner.count()
    const chosen = new Set<number>()
    while (chosen.size < Math.min(DUPLICATED_PER_ENTITY, live)) {
      chosen.add(inner.indexAt(rng.int(0, live - 1)))
    }
    this.doubled = [...chosen].sort((a, b) => a - b)
  }

  get key(): EntityKey {
    return this.inner.key
  }

  get filters(): Table['filters'] {
    return this.inner.filters
  }

  get version(): number {
    return this.inner.version
  }

  count(): number {
    return this.inner.count() + this.livePositions().length
  }

  indexAt(position: number): number {
    const doubled = this.livePositions()
    if (this.placement === 'end') {
      const records = this.inner.count()
      if (position < records) return this.inner.indexAt(position)
      return this.inner.indexAt(doubled[position - records]!)
    }
    for (let k = 0; k < doubled.length; k++) {
      // The second row of the k-th doubled record follows its first row,
      // which k earlier second rows have pushed down.
      const secondRow = doubled[k]! + k + 1
      if (position < secondRow) return this.inner.indexAt(position - k)
      if (position === secondRow) return this.inner.indexAt(doubled[k]!)
    }
    return this.inner.indexAt(position - doubled.length)
  }

  *indices(): Iterable<number> {
    if (this.placement === 'end') {
      yield* this.inner.indices()
      yield* this.liveIndices()
      return
    }
    const doubled = new Set(this.liveIndices())
    for (const index of this.inner.indices()) {
      yield index
      if (doubled.has(index)) yield index
    }
  }

  findIndex(id: string): number {
    return this.inner.findIndex(id)
  }

  id(index: number): number | string {
    return this.inner.id(index)
  }

  record(index: number): ReturnType<Table['record']> {
    return this.inner.record(index)
  }

  raw(index: number): string {
    return this.inner.raw(index)
  }

  attributes(index: number): ReturnType<Table['attributes']> {
    return this.inner.attributes(index)
  }

  /** Indices of the doubled records that the store has not deleted. */
  liveIndices(): number[] {
    return this.livePositions().map((position) => this.inner.indexAt(position))
  }

  private livePositions(): number[] {
    if (this.cachedVersion === this.inner.version) return this.positions
    this.positions = []
    for (const index of this.doubled) {
      const position = this.positionOf(index)
      if (position >= 0) this.positions.push(position)
    }
    this.cachedVersion = this.inner.version
    return this.positions
  }

  /**
   * Returns the position of a record, or -1 when it was deleted. A binary
   * search works because `indexAt` grows with the position.
   */
  private positionOf(index: number): number {
    let low = 0
    let high = this.inner.count() - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const at = this.inner.indexAt(middle)
      if (at === index) return middle
      if (at < index) low = middle + 1
      else high = middle - 1
    }
    return -1
  }
}

/** The store's data as the API serves it under the 'duplicate-ids' fault. */
export class DuplicateIdsData implements StoreData {
  /** Differs from the store's, so cached filter results never mix. */
  readonly cacheScope: string
  private readonly inner: StoreData
  private readonly tables = new Map<EntityKey, DuplicatingTable>()

  constructor(
    inner: StoreData,
    seed: number,
    placement: SecondRowPlacement = 'adjacent',
  ) {
    this.inner = inner
    this.cacheScope = `${inner.cacheScope}|duplicate-ids-${placement}`
    // Chosen at start, so the doubled records do not depend on timing.
    for (const definition of ENTITIES) {
      if (definition.shape === 'object') continue
      const table = inner.table(definition.key)
      this.tables.set(
        definition.key,
        new DuplicatingTable(table, seed, placement),
      )
    }
  }

  table(entity: EntityKey): Table {
    return this.tables.get(entity) ?? this.inner.table(entity)
  }

  storeSettingsRaw(): string {
    return this.inner.storeSettingsRaw()
  }

  /** Ids the listing of an entity contains twice now, ascending. */
  listedTwice(entity: EntityKey): Array<number | string> {
    const table = this.tables.get(entity)
    if (!table) return []
    return table.liveIndices().map((index) => table.id(index))
  }
}
