/**
 * Reads typed column values and search text out of a parsed record. Numbers
 * may be plain or `JSON.rawJSON` objects (see json-source.ts).
 */
import { decimalText } from './decimal.ts'
import type { StoreClock } from './dates.ts'
import { isRawJsonNumber, numberOf } from './json-source.ts'
import type { ColumnSpec, SearchPaths, SqlValue } from './columns.ts'

export type JsonObject = Record<string, unknown>

export function readPath(record: JsonObject, path: readonly string[]): unknown {
  let current: unknown = record
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as JsonObject)[part]
  }
  return current
}

function toInteger(value: unknown): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string') {
    const textValue = value.trim()
    return /^-?\d{1,15}$/.test(textValue) ? Number(textValue) : null
  }
  if (isRawJsonNumber(value) && /^-?\d{16,}$/.test(value.rawJSON)) {
    return BigInt(value.rawJSON)
  }
  const number = numberOf(value)
  if (number === undefined || !Number.isInteger(number)) return null
  return number
}

function toText(value: unknown): SqlValue {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number' || isRawJsonNumber(value)) {
    return decimalText(value)
  }
  return JSON.stringify(value)
}

function toBoolean(value: unknown): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0
  const number = numberOf(value)
  if (number === 0 || number === 1) return number
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase()
    if (lower === 'true' || lower === '1') return 1
    if (lower === 'false' || lower === '0') return 0
  }
  return null
}

function toTrimmed(value: unknown): SqlValue {
  if (typeof value !== 'string') return toText(value)
  const trimmedValue = value.trim()
  return trimmedValue === '' ? null : trimmedValue
}

/** Appends the SQL values of one column spec (two for a date) to `out`. */
export function appendColumnValues(
  spec: ColumnSpec,
  record: JsonObject,
  parent: JsonObject | undefined,
  clock: StoreClock,
  out: SqlValue[],
): void {
  const value = spec.compute
    ? spec.compute({ record, parent })
    : readPath(record, spec.path)
  switch (spec.type) {
    case 'integer':
      out.push(toInteger(value))
      return
    case 'text':
      out.push(toText(value))
      return
    case 'trimmed':
      out.push(toTrimmed(value))
      return
    case 'decimal':
      out.push(decimalText(value))
      return
    case 'boolean':
      out.push(toBoolean(value))
      return
    case 'date':
      out.push(typeof value === 'string' ? value : toText(value))
      out.push(clock.toUtc(value))
      return
  }
}

/** Adds the trimmed, non-empty text of each search path to `parts`. */
export function collectSearchText(
  record: JsonObject,
  search: SearchPaths,
  parts: string[],
): void {
  for (const path of search) {
    const value = readPath(record, path)
    const textValue = typeof value === 'string' ? value : toText(value)
    if (typeof textValue === 'string') {
      const trimmedValue = textValue.trim()
      if (trimmedValue !== '' && trimmedValue !== 'null')
        parts.push(trimmedValue)
    }
  }
}
