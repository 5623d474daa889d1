/**
 * Records that a page lists but the archive cannot store: no id, an id
 * that is not a whole number, or an id too large to store exactly. The
 * walk stores the rest of the page and keeps each such record's raw JSON
 * in the `record_raw` column of `sync_errors`, so the walk goes on and no
 * data is lost.
 */
import type { ParsedRecord } from '../api/parse.ts'
import { stripSensitiveFields } from '../api/raw-json.ts'
import { recordIdProblem } from '../archive/record-writer.ts'
import { recordTable } from '../archive/tables.ts'
import {
  getEntity,
  SENSITIVE_FIELDS,
  type EntityDefinition,
} from '../../shared/entities.ts'
import { log } from '../log.ts'
import type { SyncContext } from './walk.ts'

/** The table where kept-aside records are stored, named in messages. */
export const KEPT_ASIDE_TABLE = 'sync_errors'

/** Records of one entity that could not be stored, for the merchant. */
export interface KeptAside {
  records: number
  message: string
}

/**
 * Splits a page into the records the archive can store and the positions
 * of those it cannot. Each record kept aside is written to `sync_errors`
 * with its entity, offset, position and raw JSON, once per pull: a
 * re-read of the same page does not write it again.
 */
export function setAsideUnstorable(
  context: SyncContext,
  definition: EntityDefinition,
  records: ParsedRecord[],
  offset: number,
): { storable: ParsedRecord[]; bad: Set<number> } {
  const table = recordTable(definition.key)
  const bad = new Set<number>()
  if (table === undefined) return { storable: records, bad }
  records.forEach((record, position) => {
    const problem = recordIdProblem(table, record.value, position, record.raw)
    if (problem === null) return
    bad.add(position)
    const key = `${definition.key}\n${record.raw}`
    if (context.keptAside.has(key)) return
    context.keptAside.add(key)
    // Kept like a stored record: without secrets unless the merchant chose
    // to keep them.
    const raw = context.storeSensitive
      ? record.raw
      : stripSensitiveFields(record.raw, SENSITIVE_FIELDS)
    const message =
      `${problem.message} It was read at offset ${offset + position} ` +
      `(position ${position + 1} of the page at offset ${offset}). Its ` +
      'JSON, as the store sent it, is in the record_raw column.'
    context.archive.recordError(
      context.runId,
      definition.key,
      problem.code,
      message,
      raw,
    )
    log.warn('Kept a record without a usable id aside', {
      entity: definition.key,
      code: problem.code,
      offset: offset + position,
    })
  })
  if (bad.size === 0) return { storable: records, bad }
  return { storable: records.filter((_, i) => !bad.has(i)), bad }
}

/** Builds the merchant's message for an entity with records kept aside. */
export function describeKeptAside(
  entity: EntityDefinition['key'],
  records: number,
): KeptAside {
  const label = getEntity(entity).label
  const count = records === 1 ? '1 record' : `${records} records`
  const message =
    `${label}: ${count} could not be stored because the store sent ` +
    `${records === 1 ? 'it' : 'them'} without a usable id. ` +
    `${records === 1 ? 'It is' : 'They are'} kept as the store sent ` +
    `${records === 1 ? 'it' : 'them'} in the archive's ${KEPT_ASIDE_TABLE} ` +
    `table. Contact the store's support to correct ` +
    `${records === 1 ? 'it' : 'them'}. The rest of the archive is complete.`
  return { records, message }
}
