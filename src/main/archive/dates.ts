/**
 * Store dates: the API sends local wall-clock times without an offset, in
 * the forms `2013-09-12T17:31:52` and `09/12/2013 17:31`. The archive keeps
 * the text as received and adds the UTC instant computed with the store's
 * time zone, including daylight saving time for named zones.
 */
import {
  offsetMinutesAt,
  resolveStoreZone,
  wallClockFormatter,
  type StoreZone,
} from './time-zones.ts'

const ISO_LOCAL =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/
const US_LOCAL =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/

/**
 * Years before 1900 are placeholders, such as .NET's `0001-01-01T00:00:00`
 * for an unset date, not real store events.
 */
const FIRST_REAL_YEAR = 1900
const MS_PER_MINUTE = 60_000
const MS_PER_HOUR = 3_600_000
const MS_PER_DAY = 86_400_000

interface ParsedDate {
  /** The wall-clock time read as if it were UTC, in milliseconds. */
  wallMillis: number
  /** Offset written in the text itself, in minutes east of UTC. */
  explicitOffsetMinutes: number | undefined
}

/** Reads a store date text; null for an empty, placeholder or free-text value. */
export function parseStoreDate(raw: string): ParsedDate | null {
  const text = raw.trim()
  return parseIso(text) ?? parseUs(text)
}

function parseIso(text: string): ParsedDate | null {
  const m = ISO_LOCAL.exec(text)
  if (m === null) return null
  const fraction = (m[7] ?? '').padEnd(3, '0').slice(0, 3)
  const wall = wallClock(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Number(fraction),
  )
  if (wall === null) return null
  return { wallMillis: wall, explicitOffsetMinutes: offsetOf(m[8]) }
}

function parseUs(text: string): ParsedDate | null {
  const m = US_LOCAL.exec(text)
  if (m === null) return null
  let hour = Number(m[4] ?? 0)
  const meridiem = m[7]?.toUpperCase()
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0)
  }
  const wall = wallClock(
    Number(m[3]),
    Number(m[1]),
    Number(m[2]),
    hour,
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    0,
  )
  return wall === null
    ? null
    : { wallMillis: wall, explicitOffsetMinutes: undefined }
}

function wallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number | null {
  if (year < FIRST_REAL_YEAR || hour > 23 || minute > 59 || second > 59) {
    return null
  }
  const millis = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    millisecond,
  )
  const check = new Date(millis)
  // Rejects 02/30/2013 and month 13, which Date.UTC would roll over.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null
  }
  return millis
}

function offsetOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  if (text === 'Z') return 0
  const sign = text.startsWith('-') ? -1 : 1
  const digits = text.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
}

function formatUtc(millis: number): string {
  return new Date(millis).toISOString().replace('.000Z', 'Z')
}

/**
 * Converts store-local date texts to UTC for one store zone. Offsets are
 * cached per local hour because zone rules change on whole hours in every
 * zone a store is likely to use.
 */
export class StoreClock {
  readonly zone: StoreZone | null
  private readonly formatter: Intl.DateTimeFormat | undefined
  private readonly offsetCache = new Map<number, number>()

  constructor(zoneSetting: string | null | undefined) {
    this.zone = resolveStoreZone(zoneSetting)
    this.formatter = wallClockFormatter(this.zone)
  }

  /**
   * Returns the UTC instant of a store date as `YYYY-MM-DDTHH:MM:SSZ`, or
   * null when the text is no date or the store zone is unknown (a text with
   * its own offset still converts).
   */
  toUtc(raw: unknown): string | null {
    if (typeof raw !== 'string' || raw === '') return null
    const parsed = parseStoreDate(raw)
    if (parsed === null) return null
    if (parsed.explicitOffsetMinutes !== undefined) {
      return formatUtc(
        parsed.wallMillis - parsed.explicitOffsetMinutes * MS_PER_MINUTE,
      )
    }
    const offset = this.localOffsetMinutes(parsed.wallMillis)
    if (offset === null) return null
    return formatUtc(parsed.wallMillis - offset * MS_PER_MINUTE)
  }

  private localOffsetMinutes(wallMillis: number): number | null {
    if (this.zone === null) return null
    if (this.zone.kind === 'fixed') return this.zone.offsetMinutes
    const hourKey = Math.floor(wallMillis / MS_PER_HOUR)
    const cached = this.offsetCache.get(hourKey)
    if (cached !== undefined) return cached
    const offset = this.settleOffset(wallMillis)
    if (this.offsetCache.size > 100_000) this.offsetCache.clear()
    this.offsetCache.set(hourKey, offset)
    return offset
  }

  /**
   * Returns the offset of a wall time. A repeated autumn wall time gets its
   * earlier instant. A wall time in a skipped spring hour moves forward by
   * the gap, as clocks do: 02:30 on the day New York skips 02:00-03:00 is
   * 03:30 EDT. This assumes at most one rule change within a day of the
   * wall time, so the offsets a day before and after are its only ones.
   */
  private settleOffset(wallMillis: number): number {
    const before = this.offsetAt(wallMillis - MS_PER_DAY)
    const after = this.offsetAt(wallMillis + MS_PER_DAY)
    if (before === after) return before
    const valid = [before, after].filter(
      (offset) => this.offsetAt(wallMillis - offset * MS_PER_MINUTE) === offset,
    )
    // The larger offset gives the earlier instant.
    return valid.length === 0 ? before : Math.max(...valid)
  }

  /** Offset of the zone at a UTC instant, in minutes east of UTC. */
  private offsetAt(utcMillis: number): number {
    return offsetMinutesAt(this.formatter!, utcMillis)
  }
}
