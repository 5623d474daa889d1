/**
 * Listing as the API does it: filters, `countonly`, `limit` capped at the
 * resource maximum, 1-based `offset`, 404 when nothing matches and 400 when
 * the offset lies past the last match.
 */
import { parseFilterDate, wallSeconds } from './dates.ts'
import {
  errorArray,
  json,
  OFFSET_EXCEEDED,
  page,
  type ApiResponse,
} from './responses.ts'
import type { Table } from './tables.ts'
import type { FilterSpec, JsonRecord } from './types.ts'

export interface ListSettings {
  maxPageSize: number
  /** `limit` used when the request sends none. */
  defaultLimit: number
  /** Text of the 404 when nothing matches, e.g. "No orders found". */
  notFoundMessage: string
  /** Extra condition on filter attributes, for parent-scoped lists. */
  scope?: (attributes: JsonRecord) => boolean
}

type Predicate = (attributes: JsonRecord) => boolean

class BadRequest extends Error {
  readonly value: string
  constructor(message: string, value: string) {
    super(message)
    this.value = value
  }
}

const ISO_PAYLOAD = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/
const US_PAYLOAD = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/

/** Naive seconds of a date attribute: seconds already, or a payload date. */
function attributeSeconds(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (typeof value !== 'string') return null
  let match = ISO_PAYLOAD.exec(value)
  if (match) {
    const [, y, mo, d, h, mi, s] = match.map(Number)
    return wallSeconds(y!, mo!, d!, h!, mi!, s!)
  }
  match = US_PAYLOAD.exec(value)
  if (match) {
    const [, mo, d, y, h, mi] = match.map(Number)
    return wallSeconds(y!, mo!, d!, h!, mi!, 0)
  }
  return null
}

function parseNumber(param: string, text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new BadRequest(
      `The value '${text}' is not valid for ${param}.`,
      param,
    )
  }
  return value
}

function parseBoolean(param: string, text: string): boolean {
  const lower = text.toLowerCase()
  if (lower === 'true' || lower === '1') return true
  if (lower === 'false' || lower === '0') return false
  throw new BadRequest(`The value '${text}' is not valid for ${param}.`, param)
}

function predicateFor(spec: FilterSpec, text: string): Predicate | null {
  const field = spec.field
  switch (spec.kind) {
    case 'text': {
      const expected = text.toLowerCase()
      return (a) => String(a[field] ?? '').toLowerCase() === expected
    }
    case 'contains': {
      const expected = text.toLowerCase()
      return (a) =>
        String(a[field] ?? '')
          .toLowerCase()
          .includes(expected)
    }
    case 'int': {
      const expected = parseNumber(spec.param, text)
      // The order status filter documents 0 as "any status".
      if (expected === 0 && spec.param === 'orderstatus') return null
      return (a) => a[field] === expected
    }
    case 'min': {
      const bound = parseNumber(spec.param, text)
      return (a) => Number(a[field]) >= bound
    }
    case 'max': {
      const bound = parseNumber(spec.param, text)
      return (a) => Number(a[field]) <= bound
    }
    case 'bool': {
      const expected = parseBoolean(spec.param, text)
      return (a) => a[field] === expected
    }
    case 'date-start':
    case 'date-end': {
      const parsed = parseFilterDate(text)
      if (!parsed) {
        throw new BadRequest(
          `The value '${text}' is not a valid date for ${spec.param}. Use MM/dd/yyyy or MM/dd/yyyy HH:mm:ss.`,
          spec.param,
        )
      }
      if (spec.kind === 'date-start') {
        return (a) =>
          (attributeSeconds(a[field]) ?? -Infinity) >= parsed.seconds
      }
      // A date-only end bound includes the whole day.
      const end = parsed.dateOnly ? parsed.seconds + 86_399 : parsed.seconds
      return (a) => (attributeSeconds(a[field]) ?? Infinity) <= end
    }
  }
}

function buildPredicates(
  table: Table,
  query: URLSearchParams,
): { predicates: Predicate[]; signature: string } {
  const predicates: Predicate[] = []
  const parts: string[] = []
  for (const spec of table.filters) {
    const text = query.get(spec.param)
    if (text === null || text === '') continue
    const predicate = predicateFor(spec, text)
    if (!predicate) continue
    predicates.push(predicate)
    parts.push(`${spec.param}=${text}`)
  }
  return { predicates, signature: parts.join('&') }
}

/** Matching indices per (table, version, filters); a few kept at a time. */
const MATCH_CACHE_SIZE = 8
const matchCache = new Map<string, Int32Array>()

function matchingIndices(
  table: Table,
  predicates: Predicate[],
  cacheKey: string,
): Int32Array {
  const cached = matchCache.get(cacheKey)
  if (cached) return cached
  const found: number[] = []
  for (const index of table.indices()) {
    const attributes = table.attributes(index)
    if (predicates.every((predicate) => predicate(attributes))) {
      found.push(index)
    }
  }
  const result = Int32Array.from(found)
  matchCache.set(cacheKey, result)
  if (matchCache.size > MATCH_CACHE_SIZE) {
    const oldest = matchCache.keys().next().value
    if (oldest !== undefined) matchCache.delete(oldest)
  }
  return result
}

/** Lower-cases parameter names, as ASP.NET binds them case-insensitively. */
export function normalizeQuery(search: URLSearchParams): URLSearchParams {
  const result = new URLSearchParams()
  for (const [name, value] of search) result.append(name.toLowerCase(), value)
  return result
}

export function readPaging(
  query: URLSearchParams,
  settings: Pick<ListSettings, 'maxPageSize' | 'defaultLimit'>,
): { limit: number; offset: number } {
  const limitText = query.get('limit')
  const offsetText = query.get('offset')
  let limit =
    limitText === null || limitText === ''
      ? settings.defaultLimit
      : Math.trunc(parseNumber('limit', limitText))
  if (limit <= 0) limit = settings.defaultLimit
  // Above the maximum the API serves the maximum without complaint.
  limit = Math.min(limit, settings.maxPageSize)
  let offset =
    offsetText === null || offsetText === ''
      ? 1
      : Math.trunc(parseNumber('offset', offsetText))
  // NOTE: offset=0 is accepted by the real API and appears to start at the
  // first record; whether it equals offset=1 is unverified.
  if (offset < 1) offset = 1
  return { limit, offset }
}

/** Serves a list request against a table. */
export function listTable(
  table: Table,
  query: URLSearchParams,
  settings: ListSettings,
  cacheScope: string,
): ApiResponse {
  try {
    const { predicates, signature } = buildPredicates(table, query)
    if (settings.scope) predicates.push(settings.scope)
    const countOnly = query.get('countonly') === '1'
    const unfiltered = predicates.length === 0
    const matches = unfiltered
      ? null
      : matchingIndices(
          table,
          predicates,
          `${cacheScope}|${table.key}|${table.version}|${signature}`,
        )
    const total = matches ? matches.length : table.count()
    if (countOnly) return json(200, { TotalCount: total })
    const { limit, offset } = readPaging(query, settings)
    if (total === 0) return errorArray(404, settings.notFoundMessage)
    if (offset > total) return errorArray(400, OFFSET_EXCEEDED)
    const end = Math.min(total, offset - 1 + limit)
    const raws: string[] = []
    for (let position = offset - 1; position < end; position++) {
      const index = matches ? (matches[position] ?? 0) : table.indexAt(position)
      raws.push(table.raw(index))
    }
    return page(raws)
  } catch (error) {
    if (error instanceof BadRequest) {
      return errorArray(400, error.message, error.value)
    }
    throw error
  }
}

/** Pages through an embedded list (order items, product images, ...). */
export function listItems(
  items: readonly unknown[],
  query: URLSearchParams,
  notFoundMessage: string,
): ApiResponse {
  try {
    if (query.get('countonly') === '1') {
      return json(200, { TotalCount: items.length })
    }
    const { limit, offset } = readPaging(query, {
      maxPageSize: 500,
      defaultLimit: 500,
    })
    if (items.length === 0) return errorArray(404, notFoundMessage)
    if (offset > items.length) return errorArray(400, OFFSET_EXCEEDED)
    const slice = items.slice(offset - 1, offset - 1 + limit)
    return page(slice.map((item) => JSON.stringify(item)))
  } catch (error) {
    if (error instanceof BadRequest) {
      return errorArray(400, error.message, error.value)
    }
    throw error
  }
}
