import type { EntityKey } from '../../../shared/entities.ts'
import { formatPayloadDate, wallSeconds } from '../dates.ts'
import { idAt, indexOfId, type IdScheme } from '../ids.ts'
import { recordRng, type Rng } from '../random.ts'
import type {
  EntityGenerator,
  FilterSpec,
  GenContext,
  JsonRecord,
} from '../types.ts'

/** Generated history runs from here to `HISTORY_END` (store-local). */
export const HISTORY_START = wallSeconds(2016, 1, 4, 8, 0, 0)
export const HISTORY_END = wallSeconds(2024, 11, 29, 18, 0, 0)
export const DAY = 86_400

export function payloadDate(ctx: GenContext, seconds: number): string {
  return formatPayloadDate(seconds, ctx.dateFormat)
}

/** A time spread evenly over the history by position, plus jitter. */
export function spreadTime(
  index: number,
  count: number,
  rng: Rng,
  start = HISTORY_START,
  end = HISTORY_END,
): number {
  const step = (end - start) / Math.max(1, count)
  return Math.floor(start + index * step + rng.next() * step)
}

interface SimpleOptions {
  key: EntityKey
  ids: IdScheme
  build(ctx: GenContext, index: number, rng: Rng, id: number): JsonRecord
  filters?: FilterSpec[]
  /** Field set to the change time by `touch`, if the entity has one. */
  lastUpdateField?: string
  /** Field edited by `touch`; a string gets " (edited)" appended. */
  editField: string
}

/** A generator whose filter attributes are the record itself. */
export function simpleGenerator(options: SimpleOptions): EntityGenerator {
  const build = (ctx: GenContext, index: number): JsonRecord =>
    options.build(
      ctx,
      index,
      recordRng(ctx.seed, options.key, index),
      idAt(options.ids, index),
    )
  return {
    key: options.key,
    id: (_ctx, index) => idAt(options.ids, index),
    indexOf: (_ctx, id) => indexOfId(options.ids, id),
    build,
    attributes: build,
    filters: options.filters ?? [],
    touch(record, attributes, nowText) {
      editRecord(record, options.editField, options.lastUpdateField, nowText)
      if (attributes !== record) {
        editRecord(
          attributes,
          options.editField,
          options.lastUpdateField,
          nowText,
        )
      }
    },
  }
}

export function editRecord(
  record: JsonRecord,
  editField: string,
  lastUpdateField: string | undefined,
  nowText: string,
): void {
  const value = record[editField]
  if (typeof value === 'string') record[editField] = `${value} (edited)`
  else if (typeof value === 'number') record[editField] = value + 1
  else if (typeof value === 'boolean') record[editField] = !value
  if (lastUpdateField !== undefined) record[lastUpdateField] = nowText
}
