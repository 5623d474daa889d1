/**
 * Reads the store time zone setting, whose format the API does not document:
 * an IANA name (`America/New_York`), a Windows name (`Eastern Standard
 * Time`), a Windows display name (`(UTC-05:00) Eastern Time (US & Canada)`)
 * or a fixed offset (`-5`, `-05:00`, `GMT-05:00`, `UTC+5:30`).
 */

import { displayNameZone, windowsIdZone } from './windows-zones.ts'

export type StoreZone =
  { kind: 'iana'; zone: string } | { kind: 'fixed'; offsetMinutes: number }

/**
 * A whole fixed offset: `-5`, `+05:30`, `0530`, `GMT-05:00`, `UTC+5:30`, or
 * hours with one decimal, `5.5`. The minus sign may be U+2212.
 */
const OFFSET =
  /^(?:GMT|UTC)?\s*([+\-\u2212])?\s*(\d{1,2})(?:[:.]?(\d{2})|\.(\d))?\s*$/i
/**
 * A Windows display name: `(UTC+01:00) Amsterdam, Berlin, ...`,
 * `(GMT-05:00) Eastern Time (US & Canada)` or, at offset zero,
 * `(UTC) Coordinated Universal Time`.
 */
const DISPLAY =
  /^\(\s*(?:GMT|UTC)\s*(?:([+\-\u2212])\s*(\d{1,2})(?:[:.]?(\d{2}))?)?\s*\)\s*(.*)$/i

function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** Resolves the zone setting, or returns null when it matches no known zone. */
export function resolveStoreZone(
  setting: string | null | undefined,
): StoreZone | null {
  const value = setting?.trim() ?? ''
  if (value === '') return null
  const windows = windowsIdZone(value)
  if (windows !== undefined) return { kind: 'iana', zone: windows }
  const display = DISPLAY.exec(value)
  if (display !== null) return resolveDisplayName(display)
  // A display name without its prefix, such as `Eastern Time (US & Canada)`.
  const named = displayNameZone(value)
  if (named !== undefined) return { kind: 'iana', zone: named }
  if (/^(?:GMT|UTC|Z)$/i.test(value)) return { kind: 'fixed', offsetMinutes: 0 }
  if (/^[A-Za-z]/.test(value) && !/^(?:GMT|UTC)\s*[+\-\u2212]/i.test(value)) {
    return isIanaZone(value) ? { kind: 'iana', zone: value } : null
  }
  return parseOffset(value)
}

/**
 * Resolves a display name to the IANA zone of its place, which follows
 * daylight saving time, or else to the fixed offset of its prefix.
 */
function resolveDisplayName(match: RegExpExecArray): StoreZone | null {
  const [, sign, hoursText = '0', minutesText, name = ''] = match
  const zone = displayNameZone(name)
  if (zone !== undefined) return { kind: 'iana', zone }
  return fixedZone(sign, hoursText, minutesText)
}

function parseOffset(value: string): StoreZone | null {
  const match = OFFSET.exec(value)
  if (match === null) return null
  const [, sign, hoursText = '', minutesText, tenthsText] = match
  // `5.5` is five and a half hours: tenths of an hour, six minutes each.
  const minutes =
    tenthsText === undefined ? minutesText : String(Number(tenthsText) * 6)
  return fixedZone(sign, hoursText, minutes)
}

function fixedZone(
  sign: string | undefined,
  hoursText: string,
  minutesText: string | undefined,
): StoreZone | null {
  const hours = Number(hoursText)
  const minutes = minutesText === undefined ? 0 : Number(minutesText)
  if (hours > 14 || minutes > 59) return null
  const magnitude = hours * 60 + minutes
  const negative = sign === '-' || sign === '\u2212'
  return { kind: 'fixed', offsetMinutes: negative ? -magnitude : magnitude }
}

/** Builds the formatter that reads wall-clock fields in an IANA zone. */
export function wallClockFormatter(
  zone: StoreZone | null,
): Intl.DateTimeFormat | undefined {
  if (zone?.kind !== 'iana') return undefined
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone.zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
}

/**
 * Computes a zone's offset at a UTC instant, in minutes east of UTC, from a
 * formatter made by `wallClockFormatter`.
 */
export function offsetMinutesAt(
  formatter: Intl.DateTimeFormat,
  utcMillis: number,
): number {
  const parts = formatter.formatToParts(utcMillis)
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  )
  return Math.round((asUtc - Math.floor(utcMillis / 1000) * 1000) / 60_000)
}
