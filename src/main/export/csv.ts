/**
 * CSV cells and lines as RFC 4180 describes them. Fields that contain a
 * comma, a double quote, CR or LF are quoted, with inner quotes doubled.
 * Lines end with CRLF. Text that a spreadsheet would run as a formula is
 * neutralised with a leading apostrophe.
 */

/** UTF-8 byte order mark, so Excel reads the file as UTF-8. */
export const BOM = '\uFEFF'
export const CRLF = '\r\n'

const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g
/** Plain numbers such as `-5.00` or `+3` start with a sign but are no formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Prefixes text that a spreadsheet would evaluate with `'`, following the
 * OWASP advice on CSV injection. Plain numbers stay as they are.
 */
export function neutraliseFormula(text: string): string {
  if (!startsLikeFormula(text) || PLAIN_NUMBER.test(text)) return text
  return `'${text}`
}

/** `=`, `+`, `-`, `@`, tab or CR first; char codes keep this off the regex engine. */
function startsLikeFormula(text: string): boolean {
  const first = text.charCodeAt(0)
  // Every formula character is at most 64 ('@'), so letters and most other
  // text leave after one comparison.
  if (first > 64) return false
  return (
    first === 61 ||
    first === 43 ||
    first === 45 ||
    first === 64 ||
    first === 9 ||
    first === 13
  )
}

/** Texts of 0 to 1023, made once: status ids, positions and counts. */
const SMALL_INTEGERS = Array.from({ length: 1024 }, (_, i) => String(i))

/**
 * Returns the same text as `String(value)`. Integers from 0 to 1023 come
 * from a table, and other safe integers go through `toFixed(0)`, because
 * `String` stores each result in V8's number-to-string cache (Node 24). A
 * stream of ids keeps refilling that cache with young strings that survive
 * each young generation collection, and V8 then grows its young
 * generation, so peak memory rose with the table size.
 */
export function numberText(value: number): string {
  if (value >= 0 && value < SMALL_INTEGERS.length && Number.isInteger(value)) {
    return SMALL_INTEGERS[value]!
  }
  return Number.isSafeInteger(value) ? value.toFixed(0) : String(value)
}

/** Encodes one cell: null and undefined become an empty field. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'bigint') return String(value)
  let text = typeof value === 'string' ? value : String(value)
  if (startsLikeFormula(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text
}

/** Encodes a row of cells as one CSV line with its CRLF. */
export function csvLine(values: readonly unknown[]): string {
  let line = ''
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ','
    line += csvCell(values[i])
  }
  return line + CRLF
}

/**
 * Encodes a row without formula neutralisation, for import files that a
 * platform reads (Shopify, WooCommerce) rather than a spreadsheet.
 */
export function csvLineVerbatim(values: readonly unknown[]): string {
  let line = ''
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ','
    const value = values[i]
    if (value === null || value === undefined) continue
    const text = typeof value === 'number' ? numberText(value) : String(value)
    line += NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text
  }
  return line + CRLF
}
