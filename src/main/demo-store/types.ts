import type { EntityKey } from '../../shared/entities.ts'
import type { PayloadDateFormat } from './dates.ts'

/** Store-wide settings that every generator reads. */
export interface GenContext {
  seed: number
  /** Number of generated records per entity before any change. */
  counts: Record<EntityKey, number>
  dateFormat: PayloadDateFormat
  /**
   * The public storefront address used in record links such as
   * `ProductLink`. It does not contain the port, so records stay the same
   * when the server restarts on another port.
   */
  storeUrl: string
  /** The loopback address the server listens on, for StoreSettings. */
  secureUrl: string
  storeTimeZone: string
}

/** A JSON object as the API sends it. */
export type JsonRecord = Record<string, unknown>

/**
 * A query parameter that narrows a list. `field` names a key of the
 * entity's filter attributes; date kinds accept naive seconds or a payload
 * date string there.
 */
export interface FilterSpec {
  param: string
  kind:
    | 'text' // case-insensitive equality
    | 'contains' // case-insensitive substring
    | 'int'
    | 'min'
    | 'max'
    | 'bool'
    | 'date-start'
    | 'date-end'
  field: string
}

export interface EntityGenerator {
  key: EntityKey
  /** Id of record `index`; strictly increasing with the index. */
  id(ctx: GenContext, index: number): number
  /** Index of the record with this id, or -1. */
  indexOf(ctx: GenContext, id: number): number
  /** The full record, exactly as the API returns it. */
  build(ctx: GenContext, index: number): JsonRecord
  /**
   * The values filters read, cheaper than `build` for the large entities.
   * Small entities return the record itself.
   */
  attributes(ctx: GenContext, index: number): JsonRecord
  filters: readonly FilterSpec[]
  /**
   * Edits a record the way a merchant would, for the 'changes' fault:
   * a new `LastUpdate` (when the entity has one) and one changed field.
   */
  touch(
    record: JsonRecord,
    attributes: JsonRecord,
    nowText: string,
    now: number,
  ): void
}
