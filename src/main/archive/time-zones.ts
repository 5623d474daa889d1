/**
 * Reads the store time zone setting, whose format the API does not document:
 * an IANA name (`America/New_York`), a Windows name (`Eastern Standard
 * Time`), a Windows display name (`(UTC-05:00) Eastern Time (US & Canada)`)
 * or a fixed offset (`-5`, `-05:00`, `GMT-05:00`, `UTC+5:30`).
 */

export type StoreZone =
  { kind: 'iana'; zone: string } | { kind: 'fixed'; offsetMinutes: number }

/**
 * Windows zone ids to IANA names, from the CLDR `windowsZones.xml` mapping
 * (territory 001). Covers the zones of the Americas, Europe, Africa, Asia
 * and Oceania that a store is likely to use.
 */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  'Dateline Standard Time': 'Etc/GMT+12',
  'UTC-11': 'Etc/GMT+11',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Aleutian Standard Time': 'America/Adak',
  'Alaskan Standard Time': 'America/Anchorage',
  'Pacific Standard Time (Mexico)': 'America/Tijuana',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time (Mexico)': 'America/Mazatlan',
  'Mountain Standard Time': 'America/Denver',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time': 'America/Chicago',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Canada Central Standard Time': 'America/Regina',
  'SA Pacific Standard Time': 'America/Bogota',
  'Eastern Standard Time (Mexico)': 'America/Cancun',
  'Eastern Standard Time': 'America/New_York',
  'US Eastern Standard Time': 'America/Indianapolis',
  'Venezuela Standard Time': 'America/Caracas',
  'Atlantic Standard Time': 'America/Halifax',
  'SA Western Standard Time': 'America/La_Paz',
  'Pacific SA Standard Time': 'America/Santiago',
  'Newfoundland Standard Time': 'America/St_Johns',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'SA Eastern Standard Time': 'America/Cayenne',
  'UTC-02': 'Etc/GMT+2',
  'Azores Standard Time': 'Atlantic/Azores',
  'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
  UTC: 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  'GTB Standard Time': 'Europe/Bucharest',
  'FLE Standard Time': 'Europe/Kiev',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'Egypt Standard Time': 'Africa/Cairo',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Arab Standard Time': 'Asia/Riyadh',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Iran Standard Time': 'Asia/Tehran',
  'Arabian Standard Time': 'Asia/Dubai',
  'Afghanistan Standard Time': 'Asia/Kabul',
  'Pakistan Standard Time': 'Asia/Karachi',
  'India Standard Time': 'Asia/Calcutta',
  'Nepal Standard Time': 'Asia/Katmandu',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'SE Asia Standard Time': 'Asia/Bangkok',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Taipei Standard Time': 'Asia/Taipei',
  'W. Australia Standard Time': 'Australia/Perth',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'Tasmania Standard Time': 'Australia/Hobart',
  'New Zealand Standard Time': 'Pacific/Auckland',
}

/** Windows display names (without the offset prefix) that observe DST. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  'eastern time (us & canada)': 'America/New_York',
  'central time (us & canada)': 'America/Chicago',
  'mountain time (us & canada)': 'America/Denver',
  'pacific time (us & canada)': 'America/Los_Angeles',
  alaska: 'America/Anchorage',
  hawaii: 'Pacific/Honolulu',
  arizona: 'America/Phoenix',
  'atlantic time (canada)': 'America/Halifax',
  'dublin, edinburgh, lisbon, london': 'Europe/London',
}

const OFFSET =
  /^(?:\((?:GMT|UTC)\s*)?(?:GMT|UTC)?\s*([+-−])?\s*(\d{1,2})(?:[:.]?(\d{2}))?\)?/i
const DISPLAY = /^\((?:GMT|UTC)[^)]*\)\s*(.+)$/i

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
  const windows = WINDOWS_ZONES[value]
  if (windows !== undefined) return { kind: 'iana', zone: windows }
  const display = DISPLAY.exec(value)?.[1]?.trim().toLowerCase()
  const displayZone = display === undefined ? undefined : DISPLAY_NAMES[display]
  if (displayZone !== undefined) return { kind: 'iana', zone: displayZone }
  if (/^(?:GMT|UTC|Z)$/i.test(value)) return { kind: 'fixed', offsetMinutes: 0 }
  if (/^[A-Za-z]/.test(value) && !/^(?:GMT|UTC)\s*[+-]/i.test(value)) {
    return isIanaZone(value) ? { kind: 'iana', zone: value } : null
  }
  return parseOffset(value)
}

function parseOffset(value: string): StoreZone | null {
  const match = OFFSET.exec(value)
  if (match === null) return null
  const [, sign, hoursText = '', minutesText] = match
  const hours = Number(hoursText)
  const minutes = minutesText === undefined ? 0 : Number(minutesText)
  if (hours > 14 || minutes > 59) return null
  const magnitude = hours * 60 + minutes
  const negative = sign === '-' || sign === '−'
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
