/**
 * CSV cells and lines as RFC 4180 describes them: fields that contain a
 * comma, a double quote, CR or LF are quoted and inner quotes doubled; lines
 * end with CRLF. Text that a spreadsheet would run as a formula is
 * neutralised with a leading apostrophe.
 */

/** UTF-8 byte order mark, so Excel reads the file as UTF-8. */
export const BOM = '\uFEFF'
export const CRLF = '\r\n'

const NEEDS_QUOTES = /[",\r\n]/
const QUOTE = /"/g
/** Cells starting with one of these run as a formula in Excel and LibreOffice. */
const FORMULA_START = /^[=+\-@\t\r]/
/** Plain numbers such as `-5.00` or `+3` start with a sign but are no formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Prefixes text that a spreadsheet would evaluate with `'`, following the
 * OWASP advice on CSV injection. Plain numbers stay as they are.
 */
export function neutraliseFormula(text: string): string {
  if (!FORMULA_START.test(text) || PLAIN_NUMBER.test(text)) return text
  return `'${text}`
}

/** Encodes one cell: null and undefined become an empty field. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value)
  }
  const text = neutraliseFormula(
    typeof value === 'string' ? value : String(value),
  )
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
    const text = String(value)
    line += NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text
  }
  return line + CRLF
}
