/** How review screens show values: dates, yes/no, money and status labels. */
import type { StoreDisplay } from '../../../shared/ipc/channels/review.ts'
import type { CellValue, ColumnKind } from '../../../shared/review-query.ts'
import { zoneWallClock } from '../../../shared/zone-clock.ts'

/** An ISO 8601 UTC time as the archive stores it, such as in `_utc` columns. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/

/** Formats a UTC instant as `YYYY-MM-DD HH:mm` on the store's wall clock. */
function storeWallClock(millis: number, display: StoreDisplay): string | null {
  if (display.offsetMinutes !== null) {
    const shifted = new Date(millis + display.offsetMinutes * 60_000)
    return shifted.toISOString().slice(0, 16).replace('T', ' ')
  }
  if (display.timeZone === null) return null
  return zoneWallClock(display.timeZone, millis)
}

/**
 * Formats `2024-01-15T15:00:00Z` as `2024-01-15 10:00` in the store's time
 * zone when `display` names one, else as the UTC wall clock.
 */
export function formatDate(
  value: string,
  display?: StoreDisplay | null,
): string {
  if (display && ISO_UTC.test(value)) {
    const local = storeWallClock(Date.parse(value), display)
    if (local !== null) return local
  }
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value)
  return match ? `${match[1]} ${match[2]}` : value
}

/** Describes the clock of the review's times, for a label beside them. */
export function describeClock(display: StoreDisplay | null): string {
  if (display === null) return 'Times are in UTC.'
  if (display.timeZone === null && display.offsetMinutes === null) {
    return display.timeZoneSetting === null
      ? 'Times are in UTC: the archive has no store time zone.'
      : `Times are in UTC: the store's time zone "${display.timeZoneSetting}" is not one this app knows.`
  }
  return `Times are in the store's time zone (${display.timeZoneSetting ?? display.timeZone}).`
}

/** Prefixes the currency symbol after any minus sign: `-$5.00`, not `$-5.00`. */
export function withSymbol(amount: string, symbol: string | null): string {
  if (symbol === null || symbol === '') return amount
  return amount.startsWith('-')
    ? `-${symbol}${amount.slice(1)}`
    : `${symbol}${amount}`
}

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

/**
 * Formats a grid or detail cell: option labels, yes/no, times on the
 * store's clock and money with the store's symbol when `display` is given.
 */
export function formatCell(
  value: CellValue | undefined,
  kind: ColumnKind,
  options?: ReadonlyArray<{ value: string | number; label: string }>,
  name?: string,
  display?: StoreDisplay | null,
): string {
  if (value === null || value === undefined) return ''
  if (options) {
    const option = options.find((o) => String(o.value) === String(value))
    if (option) return option.label
  }
  if (kind === 'boolean') return Number(value) === 1 ? 'Yes' : 'No'
  if (typeof value === 'string' && (kind === 'date' || ISO_UTC.test(value))) {
    return formatDate(value, display)
  }
  if (name !== undefined && kind === 'decimal' && isMoneyColumn(name)) {
    return withSymbol(formatMoney(value), display?.currency.symbol ?? null)
  }
  return String(value)
}

/**
 * Formats a cell of a detail section, whose columns carry no kind: UTC
 * times and money amounts as in the grid, anything else as it is.
 */
export function formatSectionCell(
  name: string,
  value: CellValue,
  display?: StoreDisplay | null,
): string {
  if (value === null) return ''
  if (typeof value === 'string' && ISO_UTC.test(value)) {
    return formatDate(value, display)
  }
  if (isMoneyColumn(name)) {
    return withSymbol(formatMoney(value), display?.currency.symbol ?? null)
  }
  return String(value)
}

/** Whole cents as money, with the store's symbol when known. */
export function formatCents(cents: number, symbol: string | null): string {
  const amount = (cents / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  return withSymbol(amount, symbol)
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
