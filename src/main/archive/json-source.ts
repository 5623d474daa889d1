/**
 * JSON parsing that keeps the source text of every number, so that prices
 * such as `19.90` or very long numbers reach the archive exactly as the store
 * sent them. Uses `JSON.parse` source text access and `JSON.rawJSON`,
 * both present in Node 24, which the app requires.
 */

/** A number as written in the JSON: `JSON.rawJSON` output. */
export interface RawJsonNumber {
  readonly rawJSON: string
}

interface JsonSourceContext {
  source?: string
}

interface JsonWithRaw {
  rawJSON(text: string): RawJsonNumber
  isRawJSON(value: unknown): value is RawJsonNumber
}

const JSON_RAW = JSON as unknown as JsonWithRaw

export function isRawJsonNumber(value: unknown): value is RawJsonNumber {
  return JSON_RAW.isRawJSON(value)
}

/**
 * Matches a number token whose `String(Number(token))` could differ from the
 * token: trailing zeros after a decimal point, an exponent, more than 15
 * digits, or minus zero. Text inside strings can match too; that only costs
 * a slower parse.
 */
const INEXACT_NUMBER =
  /[:,[]\s*(?:-?\d*\.\d*0[,}\]\s]|-?\d[\d.]*[eE]|-?\d[\d.]{15}|-0[,}\]\s])/

/**
 * Returns a tree in which every number reads back as its source text:
 * `value` itself when no number in `raw` could lose digits through a binary
 * float, otherwise a fresh parse whose numbers are `JSON.rawJSON` objects.
 * `JSON.stringify` writes both forms back with the original digits.
 */
export function sourceFaithfulTree(raw: string, value: unknown): unknown {
  if (!INEXACT_NUMBER.test(raw)) return value
  return parseKeepingNumbers(raw)
}

export function parseKeepingNumbers(raw: string): unknown {
  return JSON.parse(raw, (_key, value: unknown, context?: JsonSourceContext) =>
    typeof value === 'number' && context?.source !== undefined
      ? JSON_RAW.rawJSON(context.source)
      : value,
  )
}

/** Reads a number or its kept source text as a JavaScript number. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (isRawJsonNumber(value)) return Number(value.rawJSON)
  return undefined
}
