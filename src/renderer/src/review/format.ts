/** How review screens show values: dates, yes/no, money and status labels. */
import type { CellValue, ColumnKind } from '../../../shared/review-query.ts'

/** `2024-01-15T10:00:00Z` as `2024-01-15 10:00` (the archive's UTC time). */
export function formatDate(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value)
  return match ? `${match[1]} ${match[2]}` : value
}

export function formatCell(
  value: CellValue | undefined,
  kind: ColumnKind,
  options?: ReadonlyArray<{ value: string | number; label: string }>,
): string {
  if (value === null || value === undefined) return ''
  if (options) {
    const option = options.find((o) => String(o.value) === String(value))
    if (option) return option.label
  }
  if (kind === 'boolean') return Number(value) === 1 ? 'Yes' : 'No'
  if (kind === 'date' && typeof value === 'string') return formatDate(value)
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
