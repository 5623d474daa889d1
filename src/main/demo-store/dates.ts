/**
 * Store-local wall-clock times. The API has no time zones in its dates: both
 * payloads and query filters are in the store's own zone. The demo store
 * therefore keeps every time as "naive" seconds since 1970-01-01T00:00:00 of
 * the store's wall clock and never converts between zones, except to read
 * the current wall-clock time of the store.
 */

export type PayloadDateFormat = 'iso-local' | 'us-short'

const pad = (value: number, width = 2): string =>
  String(value).padStart(width, '0')

/** Naive seconds for a wall-clock date and time. */
export function wallSeconds(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000
}

/** `2013-09-12T17:31:52`: the sortable form used for filtering. */
export function isoLocal(seconds: number): string {
  const date = new Date(seconds * 1000)
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-` +
    `${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:` +
    `${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  )
}

/** `09/12/2013 17:31`: the form the 2019 API documentation shows. */
export function usShort(seconds: number): string {
  const date = new Date(seconds * 1000)
  return (
    `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/` +
    `${date.getUTCFullYear()} ${pad(date.getUTCHours())}:` +
    `${pad(date.getUTCMinutes())}`
  )
}

/** `9/13/2013`: free-text dates such as `ShipmentShippedDate`. */
export function shortUsDate(seconds: number): string {
  const date = new Date(seconds * 1000)
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}`
}

export function formatPayloadDate(
  seconds: number,
  format: PayloadDateFormat,
): string {
  return format === 'us-short' ? usShort(seconds) : isoLocal(seconds)
}

/** Reads the store's wall-clock time now, as naive seconds. */
export function nowInZone(timeZone: string, now = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(now)
  const get = (type: string): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0)
  return wallSeconds(
    get('year'),
    get('month'),
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  )
}

export interface ParsedFilterDate {
  seconds: number
  /** True when the value had no time part, so an end bound spans the day. */
  dateOnly: boolean
}

const FILTER_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/

/**
 * Parses a query date in `MM/dd/yyyy` or `MM/dd/yyyy HH:mm:ss` (store-local).
 * Returns null for anything else, including impossible dates such as 02/30.
 */
export function parseFilterDate(text: string): ParsedFilterDate | null {
  const match = FILTER_DATE.exec(text.trim())
  if (!match) return null
  const [, mm, dd, yyyy, hh, mi, ss] = match
  const month = Number(mm)
  const day = Number(dd)
  const year = Number(yyyy)
  const hour = hh === undefined ? 0 : Number(hh)
  const minute = mi === undefined ? 0 : Number(mi)
  const second = ss === undefined ? 0 : Number(ss)
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) {
    return null
  }
  if (second > 59) return null
  const seconds = wallSeconds(year, month, day, hour, minute, second)
  // Date.UTC rolls 02/30 over into March; a round trip detects that.
  if (new Date(seconds * 1000).getUTCDate() !== day) return null
  return { seconds, dateOnly: hh === undefined }
}
