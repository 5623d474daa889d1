/**
 * Dates sent to the API. Filters such as `lastupdatestart` take
 * `MM/dd/yyyy HH:mm:ss` in the store's own time zone, whatever the
 * computer's zone or locale, so formatting never uses the system defaults.
 */

/** A store time zone: an IANA name, or a fixed offset from UTC in minutes. */
export type StoreTimeZone =
  { kind: 'iana'; name: string } | { kind: 'offset'; minutes: number }

/**
 * Zone assumed when StoreSettings gives none we can read. Integrators of
 * this API default to US Eastern time (UTC-5 in winter).
 */
export const DEFAULT_STORE_TIME_ZONE: StoreTimeZone = {
  kind: 'iana',
  name: 'America/New_York',
}

/** Windows time zone ids that .NET services such as this API report. */
const WINDOWS_ZONES: Record<string, string> = {
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'us mountain standard time': 'America/Phoenix',
  'pacific standard time': 'America/Los_Angeles',
  'alaskan standard time': 'America/Anchorage',
  'hawaiian standard time': 'Pacific/Honolulu',
  'atlantic standard time': 'America/Halifax',
  'gmt standard time': 'Europe/London',
  'w. europe standard time': 'Europe/Berlin',
  'central european standard time': 'Europe/Warsaw',
  'romance standard time': 'Europe/Paris',
  'aus eastern standard time': 'Australia/Sydney',
  utc: 'UTC',
}

function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/**
 * Reads the `StoreTimeZone` setting. The API does not document its format,
 * so this accepts an IANA name, a Windows zone id, `(GMT-05:00) Eastern
 * Time`, `UTC+2`, `-5` or `-05:30`, and returns null for anything else.
 */
export function parseStoreTimeZone(
  value: string | null | undefined,
): StoreTimeZone | null {
  const text = value?.trim()
  if (!text) return null
  const windows = WINDOWS_ZONES[text.toLowerCase()]
  if (windows) return { kind: 'iana', name: windows }
  if (/^[A-Za-z_]+\/[A-Za-z_\-/]+$/.test(text) && isIanaZone(text)) {
    return { kind: 'iana', name: text }
  }
  const match =
    /^\(?(?:GMT|UTC)?\s*([+-−])?\s*(\d{1,2})(?::?(\d{2}))?\)?/i.exec(text)
  if (!match || match[2] === undefined) return null
  const hours = Number(match[2])
  const minutes = Number(match[3] ?? '0')
  if (hours > 14 || minutes >= 60) return null
  const sign = match[1] === '-' || match[1] === '−' ? -1 : 1
  return { kind: 'offset', minutes: sign * (hours * 60 + minutes) }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

/** Formats an instant as `MM/dd/yyyy HH:mm:ss` in the store's zone. */
export function formatStoreDate(
  date: Date,
  zone: StoreTimeZone = DEFAULT_STORE_TIME_ZONE,
): string {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('Cannot format an invalid date for the store')
  }
  if (zone.kind === 'offset') {
    const shifted = new Date(date.getTime() + zone.minutes * 60_000)
    return (
      `${pad(shifted.getUTCMonth() + 1)}/${pad(shifted.getUTCDate())}/` +
      `${pad(shifted.getUTCFullYear(), 4)} ${pad(shifted.getUTCHours())}:` +
      `${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
    )
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone.name,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00'
  return (
    `${part('month')}/${part('day')}/${part('year').padStart(4, '0')} ` +
    `${part('hour')}:${part('minute')}:${part('second')}`
  )
}
