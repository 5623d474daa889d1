/**
 * Exact decimals kept as text. The archive never stores money as a binary
 * float: a column contains the digits the store sent, and sums use BigInt with
 * a common scale.
 */
import { isRawJsonNumber } from './json-source.ts'

const DECIMAL = /^-?\d+(?:\.\d+)?$/
const EXPONENT = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/

/**
 * Returns the exact decimal text of a JSON value: the source text of a kept
 * number, the shortest round-trip text of a plain number, or a numeric
 * string as received. Exponent forms are expanded. Anything else is null.
 */
export function decimalText(value: unknown): string | null {
  let textValue: string
  if (isRawJsonNumber(value)) textValue = value.rawJSON
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null
    textValue = String(value)
  } else if (typeof value === 'string') textValue = value.trim()
  else return null
  if (DECIMAL.test(textValue)) return textValue
  return expandExponent(textValue)
}

function expandExponent(textValue: string): string | null {
  const match = EXPONENT.exec(textValue)
  if (match === null) return null
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match
  const exponent = Number(exponentText)
  const digits = whole + fraction
  const point = whole.length + exponent
  if (Math.abs(exponent) > 400) return null
  let result: string
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`
  else if (point >= digits.length) {
    result = digits + '0'.repeat(point - digits.length)
  } else result = `${digits.slice(0, point)}.${digits.slice(point)}`
  return sign + stripLeadingZeros(result)
}

function stripLeadingZeros(value: string): string {
  return value.replace(/^0+(?=\d)/, '')
}

interface ScaledDecimal {
  units: bigint
  scale: number
}

function toScaled(textValue: string): ScaledDecimal {
  const negative = textValue.startsWith('-')
  const unsigned = negative ? textValue.slice(1) : textValue
  const [whole = '0', fraction = ''] = unsigned.split('.')
  const units = BigInt(whole + fraction)
  return { units: negative ? -units : units, scale: fraction.length }
}

function fromScaled({ units, scale }: ScaledDecimal): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const body =
    scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return negative ? `-${body}` : body
}

/**
 * Adds exact decimal texts. The result has the largest scale of the inputs,
 * so `19.99 + 7.2` gives `27.19` and `1.50 + 1` gives `2.50`.
 */
export function addDecimals(values: Iterable<string>): string {
  let scale = 0
  const scaled: ScaledDecimal[] = []
  for (const value of values) {
    if (!DECIMAL.test(value)) {
      throw new RangeError(`Not an exact decimal: ${JSON.stringify(value)}`)
    }
    const next = toScaled(value)
    scaled.push(next)
    scale = Math.max(scale, next.scale)
  }
  let units = 0n
  for (const item of scaled) {
    units += item.units * 10n ** BigInt(scale - item.scale)
  }
  return fromScaled({ units, scale })
}

/** Exact sum of one decimal field over a list of objects; null for no list. */
export function sumDecimalField(list: unknown, field: string): string | null {
  if (!Array.isArray(list)) return null
  const values: string[] = []
  for (const item of list) {
    if (item === null || typeof item !== 'object') continue
    const textValue = decimalText((item as Record<string, unknown>)[field])
    if (textValue !== null) values.push(textValue)
  }
  return values.length > 0 ? addDecimals(values) : null
}

/** Converts an exact decimal text to whole cents, rounding half away from zero. */
export function decimalToCents(value: string): bigint {
  if (!DECIMAL.test(value)) {
    throw new RangeError(`Not an exact decimal: ${JSON.stringify(value)}`)
  }
  const { units, scale } = toScaled(value)
  if (scale <= 2) return units * 10n ** BigInt(2 - scale)
  const divisor = 10n ** BigInt(scale - 2)
  const quotient = units / divisor
  const remainder = units % divisor
  const twice = (remainder < 0n ? -remainder : remainder) * 2n
  if (twice < divisor) return quotient
  return units < 0n ? quotient - 1n : quotient + 1n
}
