/**
 * The store's records per entity. A generated table builds each record on
 * demand from (seed, entity, index), so it keeps no records in memory except
 * the few that the 'changes' fault inserted, updated or deleted.
 */
import type { EntityKey } from '../../shared/entities.ts'
import type {
  EntityGenerator,
  FilterSpec,
  GenContext,
  JsonRecord,
} from './types.ts'
import { formatPayloadDate } from './dates.ts'

export interface Table {
  readonly key: EntityKey
  readonly filters: readonly FilterSpec[]
  /** Bumped on every change, so cached filter results can be dropped. */
  readonly version: number
  /** Number of live records. */
  count(): number
  /** Index of the live record at a 0-based position in id order. */
  indexAt(position: number): number
  /** Live record indices in ascending id order. */
  indices(): Iterable<number>
  /** Index of the live record with this id, or -1. */
  findIndex(id: string): number
  id(index: number): number | string
  record(index: number): JsonRecord
  /** The record's JSON text exactly as the server sends it. */
  raw(index: number): string
  attributes(index: number): JsonRecord
}

export type ChangeKind = 'insert' | 'update' | 'delete'

export interface Change {
  entity: EntityKey
  kind: ChangeKind
  id: number | string
}

export class GeneratedTable implements Table {
  readonly key: EntityKey
  readonly filters: readonly FilterSpec[]
  version = 0
  private readonly generator: EntityGenerator
  private readonly ctx: GenContext
  private readonly baseCount: number
  private inserted = 0
  /** Deleted indices, ascending. */
  private readonly deleted: number[] = []
  private readonly overrides = new Map<
    number,
    { record: JsonRecord; attributes: JsonRecord }
  >()

  constructor(generator: EntityGenerator, ctx: GenContext) {
    this.generator = generator
    this.ctx = ctx
    this.key = generator.key
    this.filters = generator.filters
    this.baseCount = ctx.counts[generator.key]
  }

  private get upperBound(): number {
    return this.baseCount + this.inserted
  }

  count(): number {
    return this.upperBound - this.deleted.length
  }

  indexAt(position: number): number {
    let index = position
    for (const deletedIndex of this.deleted) {
      if (deletedIndex <= index) index++
      else break
    }
    return index
  }

  *indices(): Iterable<number> {
    let next = 0
    for (let index = 0; index < this.upperBound; index++) {
      if (this.deleted[next] === index) {
        next++
        continue
      }
      yield index
    }
  }

  findIndex(id: string): number {
    if (!/^\d+$/.test(id)) return -1
    const index = this.generator.indexOf(this.ctx, Number(id))
    if (index < 0 || index >= this.upperBound) return -1
    return this.isDeleted(index) ? -1 : index
  }

  id(index: number): number {
    return this.generator.id(this.ctx, index)
  }

  record(index: number): JsonRecord {
    return (
      this.overrides.get(index)?.record ?? this.generator.build(this.ctx, index)
    )
  }

  raw(index: number): string {
    return JSON.stringify(this.record(index))
  }

  attributes(index: number): JsonRecord {
    return (
      this.overrides.get(index)?.attributes ??
      this.generator.attributes(this.ctx, index)
    )
  }

  /** Applies one change at a position chosen by `pick` (0 ≤ pick < 1). */
  applyChange(kind: ChangeKind, pick: number, now: number): Change | null {
    if (kind === 'insert') {
      const index = this.upperBound
      this.inserted++
      this.edit(index, now)
      this.version++
      return { entity: this.key, kind, id: this.id(index) }
    }
    const live = this.count()
    if (live === 0) return null
    const index = this.indexAt(Math.floor(pick * live))
    if (kind === 'update') this.edit(index, now)
    else this.remove(index)
    this.version++
    return { entity: this.key, kind, id: this.id(index) }
  }

  private edit(index: number, now: number): void {
    const record = structuredClone(this.record(index))
    const attributes = structuredClone(this.attributes(index))
    const nowText = formatPayloadDate(now, this.ctx.dateFormat)
    this.generator.touch(record, attributes, nowText, now)
    this.overrides.set(index, { record, attributes })
  }

  private remove(index: number): void {
    let at = 0
    while (at < this.deleted.length && (this.deleted[at] ?? 0) < index) at++
    this.deleted.splice(at, 0, index)
    this.overrides.delete(index)
  }

  private isDeleted(index: number): boolean {
    let low = 0
    let high = this.deleted.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const value = this.deleted[middle] ?? 0
      if (value === index) return true
      if (value < index) low = middle + 1
      else high = middle - 1
    }
    return false
  }
}

/** Records loaded from JSON files and served exactly as they were written. */
export class FixedTable implements Table {
  readonly key: EntityKey
  readonly filters: readonly FilterSpec[]
  readonly version = 0
  private readonly rows: Array<{
    id: number | string
    raw: string
    record: JsonRecord
  }>

  constructor(
    key: EntityKey,
    filters: readonly FilterSpec[],
    rows: Array<{ id: number | string; raw: string; record: JsonRecord }>,
  ) {
    this.key = key
    this.filters = filters
    this.rows = rows
  }

  count(): number {
    return this.rows.length
  }

  indexAt(position: number): number {
    return position
  }

  *indices(): Iterable<number> {
    for (let index = 0; index < this.rows.length; index++) yield index
  }

  findIndex(id: string): number {
    return this.rows.findIndex((row) => String(row.id) === id)
  }

  id(index: number): number | string {
    return this.row(index).id
  }

  record(index: number): JsonRecord {
    return this.row(index).record
  }

  raw(index: number): string {
    return this.row(index).raw
  }

  attributes(index: number): JsonRecord {
    return this.row(index).record
  }

  private row(index: number): {
    id: number | string
    raw: string
    record: JsonRecord
  } {
    const row = this.rows[index]
    if (!row) throw new RangeError(`No record at index ${index}`)
    return row
  }
}
