/** How review screens show values: dates, yes/no, money and status labels. */
import type { CellValue, ColumnKind } from '../../../shared/review-query.ts'

/** `2024-01-15T10:00:00Z` as `2024-01-15 10:00` (the archive's UTC time). */
export function formatDate(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value)
  return match ? `${match[1]} ${match[2]}` : value
}

/** An ISO 8601 UTC time as the archive stores it, such as in `_utc` columns. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/

/** Column names of money amounts; weights, stock and quantities are not. */
const MONEY_NAME =
  /(^|_)(amount|price|cost|tax\d*|discount\w*|commission|total|subtotal)$/
const NOT_MONEY_NAME = /(weight|stock|quantity|height|width|depth)/

export function isMoneyColumn(name: string): boolean {
  return MONEY_NAME.test(name) && !NOT_MONEY_NAME.test(name)
}

/**
 * Formats decimal text with two decimals and thousands separators by
 * working on the digits, so `215.2` shows as `215.20` without a binary
 * float in between. Rounds half away from zero past two decimals.
 */
export function formatMoney(value: string | number): string {
  const text = String(value).trim()
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text)
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) {
    return text
  }
  const sign = match[1]!
  const fraction = (match[3] ?? '').padEnd(3, '0')
  let cents = BigInt((match[2] || '0') + fraction.slice(0, 2))
  if (fraction[2]! >= '5') cents += 1n
  const digits = cents.toString().padStart(3, '0')
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const negative = sign === '-' && cents !== 0n ? '-' : ''
  return `${negative}${whole}.${digits.slice(-2)}`
}

// NOTE: times show in UTC and money without a currency symbol, because the
// review channels send neither the store's time zone nor its currency.
export function formatCell(
  value: CellValue | undefined,
  kind: ColumnKind,
  options?: ReadonlyArray<{ value: string | number; label: string }>,
  name?: string,
): string {
  if (value === null || value === undefined) return ''
  if (options) {
    const option = options.find((o) => String(o.value) === String(value))
    if (option) return option.label
  }
  if (kind === 'boolean') return Number(value) === 1 ? 'Yes' : 'No'
  if (typeof value === 'string' && (kind === 'date' || ISO_UTC.test(value))) {
    return formatDate(value)
  }
  if (name !== undefined && kind === 'decimal' && isMoneyColumn(name)) {
    return formatMoney(value)
  }
  return String(value)
}

/**
 * Formats a cell of a detail section, whose columns carry no kind: UTC
 * times and money amounts as in the grid, anything else as it is.
 */
export function formatSectionCell(name: string, value: CellValue): string {
  if (value === null) return ''
  if (typeof value === 'string' && ISO_UTC.test(value)) {
    return formatDate(value)
  }
  if (isMoneyColumn(name)) return formatMoney(value)
  return String(value)
}

/** Whole cents as money, with the store's symbol when known. */
export function formatCents(cents: number, symbol: string | null): string {
  const amount = (cents / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  return `${symbol ?? ''}${amount}`
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US')
}

/** Copies text to the clipboard; false where the browser does not allow it. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
