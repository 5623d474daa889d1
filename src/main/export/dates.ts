/**
 * Formats the archive's UTC instants (`*_utc` columns) as ISO 8601 in store
 * time with the offset, such as `2013-09-12T17:31:52-04:00`, so a date reads
 * the same as in the store admin and still names one instant.
 */
import {
  offsetMinutesAt,
  resolveStoreZone,
  wallClockFormatter,
  type StoreZone,
} from '../archive/time-zones.ts'

const MS_PER_MINUTE = 60_000
const MS_PER_HOUR = 3_600_000

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

const offsetTexts = new Map<number, string>()

function formatOffset(minutes: number): string {
  const cached = offsetTexts.get(minutes)
  if (cached !== undefined) return cached
  const text = offsetText(minutes)
  offsetTexts.set(minutes, text)
  return text
}

function offsetText(minutes: number): string {
  if (minutes === 0) return '+00:00'
  const sign = minutes < 0 ? '-' : '+'
  const magnitude = Math.abs(minutes)
  return `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`
}

export class OffsetDateFormatter {
  private readonly zone: StoreZone | null
  private readonly formatter: Intl.DateTimeFormat | undefined
  private readonly offsets = new Map<number, number>()
  private readonly hours = new Map<
    string,
    { prefix: string; offset: string } | null
  >()

  /** `zoneSetting` is the store's time zone setting as the archive keeps it. */
  constructor(zoneSetting: string | null | undefined) {
    this.zone = resolveStoreZone(zoneSetting)
    this.formatter = wallClockFormatter(this.zone)
  }

  /**
   * Returns the instant in store time with its offset, or in UTC (`+00:00`)
   * when the store zone is unknown. Returns null for text that is no
   * UTC instant.
   */
  format(utc: string | null | undefined): string | null {
    if (utc === null || utc === undefined || utc === '') return null
    // Fast path for the archive's own form `YYYY-MM-DDTHH:MM:SSZ`: the
    // local date and hour come from a cache per UTC hour, and minutes and
    // seconds carry over unchanged when the offset is whole hours.
    if (utc.length === 20 && utc.charCodeAt(19) === 90) {
      const hour = this.hourPrefix(utc)
      if (hour !== null) return hour.prefix + utc.slice(13, 19) + hour.offset
    }
    const millis = Date.parse(utc)
    if (Number.isNaN(millis)) return null
    const offset = this.offsetAt(millis)
    // toISOString of the shifted instant gives the local wall-clock fields.
    const local = new Date(millis + offset * MS_PER_MINUTE).toISOString()
    const fraction = local.slice(19, 23)
    const base = fraction === '.000' ? local.slice(0, 19) : local.slice(0, 23)
    return base + formatOffset(offset)
  }

  /** Local `YYYY-MM-DDTHH` and offset text for a UTC hour; null off the hour. */
  private hourPrefix(utc: string): { prefix: string; offset: string } | null {
    const key = utc.slice(0, 13)
    const cached = this.hours.get(key)
    if (cached !== undefined) return cached
    const millis = Date.parse(`${key}:00:00Z`)
    let value: { prefix: string; offset: string } | null = null
    if (!Number.isNaN(millis)) {
      const offset = this.offsetAt(millis)
      if (offset % 60 === 0) {
        const local = new Date(millis + offset * MS_PER_MINUTE).toISOString()
        value = { prefix: local.slice(0, 13), offset: formatOffset(offset) }
      }
    }
    if (this.hours.size > 100_000) this.hours.clear()
    this.hours.set(key, value)
    return value
  }

  /** Offset of the store zone at a UTC instant, in minutes east of UTC. */
  offsetAt(utcMillis: number): number {
    if (this.zone === null) return 0
    if (this.zone.kind === 'fixed') return this.zone.offsetMinutes
    // One lookup per UTC hour. NOTE: a zone whose clock changes at half
    // past a UTC hour (such as Lord Howe Island) is off for that half hour.
    const hour = Math.floor(utcMillis / MS_PER_HOUR)
    const cached = this.offsets.get(hour)
    if (cached !== undefined) return cached
    const instant = hour * MS_PER_HOUR
    const offset = offsetMinutesAt(this.formatter!, instant)
    if (this.offsets.size > 100_000) this.offsets.clear()
    this.offsets.set(hour, offset)
    return offset
  }
}
