/**
 * Parsing of successful API bodies. Any body that is not the expected JSON
 * (an HTML error page, a page cut off mid-transfer) raises a transient
 * error, so the request is retried instead of storing a broken record.
 */
import { TransientApiError } from './errors.ts'
import { splitJsonArray } from './raw-json.ts'

/** One record: its exact text as sent, and the parsed value. */
export interface ParsedRecord {
  raw: string
  value: Record<string, unknown>
}

function describeBody(text: string, expectList: boolean): string {
  const start = text.trimStart().slice(0, 1)
  if (start === '<') return 'an HTML page instead of JSON'
  if (text.length === 0) return 'an empty body'
  if (expectList && start === '{') {
    return 'a JSON object where a list was expected'
  }
  return 'incomplete or invalid JSON'
}

function invalidBody(
  text: string,
  cause: unknown,
  expectList = false,
): TransientApiError {
  const description = describeBody(text, expectList)
  return new TransientApiError(
    'invalid-body',
    `The store sent ${description}`,
    {
      cause,
    },
  )
}

function parseRecord(raw: string): ParsedRecord {
  const value: unknown = JSON.parse(raw)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SyntaxError('A list element is not a JSON object')
  }
  return { raw, value: value as Record<string, unknown> }
}

/** Splits a list page into records, keeping each record's exact text. */
export function parseListBody(text: string): ParsedRecord[] {
  try {
    return splitJsonArray(text).map(parseRecord)
  } catch (error) {
    throw invalidBody(text, error, true)
  }
}

/** Parses an object resource; a one-element array is unwrapped. */
export function parseObjectBody(text: string): ParsedRecord {
  try {
    const trimmed = text.trim()
    if (trimmed.startsWith('[')) {
      const elements = splitJsonArray(trimmed)
      if (elements.length !== 1) {
        throw new SyntaxError(`Expected one object, got ${elements.length}`)
      }
      return parseRecord(elements[0]!)
    }
    return parseRecord(trimmed)
  } catch (error) {
    throw invalidBody(text, error)
  }
}

/** Reads `{"TotalCount": N}` from a `countonly=1` reply. */
export function parseCountBody(text: string): number {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw invalidBody(text, error)
  }
  const count = (value as { TotalCount?: unknown } | null)?.TotalCount
  const number = typeof count === 'string' ? Number(count) : count
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
    throw invalidBody(text, new SyntaxError('TotalCount is missing'))
  }
  return number
}
