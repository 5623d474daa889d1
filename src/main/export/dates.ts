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
const MS_PER_DAY = 86_400_000
const MINUTES_PER_DAY = 1_440
/** Cached days before a cache is cleared, so memory stays bounded. */
const MAX_CACHED_DAYS = 100_000

/** `00` to `59`, the two-digit fields of a time. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) =>
  String(i).padStart(2, '0'),
)

function offsetText(minutes: number): string {
  if (minutes === 0) return '+00:00'
  const sign = minutes < 0 ? '-' : '+'
  const magnitude = Math.abs(minutes)
  const hours = String(Math.floor(magnitude / 60)).padStart(2, '0')
  return `${sign}${hours}:${TWO_DIGITS[magnitude % 60]}`
}

/** The store zone's offsets over one UTC day, in minutes east of UTC. */
interface DayOffsets {
  start: number
  startText: string
  /** Minute of the UTC day from which `end` applies, or 1440 for none. */
  changeMinute: number
  end: number
  endText: string
}

/** A valid UTC calendar day of the archive's form, with its local dates. */
interface UtcDay {
  offsets: DayOffsets
  /** `YYYY-MM-DD` of the day before, the day itself and the day after. */
  dates: [string, string, string]
}

function dateText(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Reads two ASCII digits at `at`, or returns -1 when either is no digit. */
function twoDigitsAt(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48
  const ones = text.charCodeAt(at + 1) - 48
  if (tens < 0 || tens > 9 || ones < 0 || ones > 9) return -1
  return tens * 10 + ones
}

/** True for the separators of `YYYY-MM-DDTHH:MM:SSZ`. */
function hasArchiveForm(utc: string): boolean {
  return (
    utc.length === 20 &&
    utc.charCodeAt(4) === 45 &&
    utc.charCodeAt(7) === 45 &&
    utc.charCodeAt(10) === 84 &&
    utc.charCodeAt(13) === 58 &&
    utc.charCodeAt(16) === 58 &&
    utc.charCodeAt(19) === 90
  )
}

export class OffsetDateFormatter {
  private readonly zone: StoreZone | null
  private readonly formatter: Intl.DateTimeFormat | undefined
  /** Offsets by day number (days since 1970-01-01 UTC). */
  private readonly offsets = new Map<number, DayOffsets>()
  /** Days by `YYYYMMDD`, with null for text such as `2016-02-30`. */
  private readonly days = new Map<number, UtcDay | null>()
  /** `YYYY-MM-DD` and day of the last valid value, as rows often share a day. */
  private lastDate = ''
  private lastDay: UtcDay | null = null

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
    if (hasArchiveForm(utc)) {
      const text = this.formatArchiveForm(utc)
      if (text !== null) return text
    }
    const millis = Date.parse(utc)
    if (Number.isNaN(millis)) return null
    const offset = this.offsetAt(millis)
    // toISOString of the shifted instant gives the local wall-clock fields.
    const local = new Date(millis + offset * MS_PER_MINUTE).toISOString()
    const fraction = local.slice(19, 23)
    const base = fraction === '.000' ? local.slice(0, 19) : local.slice(0, 23)
    return base + offsetText(offset)
  }

  /**
   * Fast path for the archive's own form `YYYY-MM-DDTHH:MM:SSZ`: the fields
   * are read from the text and shifted by the day's offset, with no Date
   * object per value. Returns null when the text needs the general path.
   */
  private formatArchiveForm(utc: string): string | null {
    const hour = twoDigitsAt(utc, 11)
    const minute = twoDigitsAt(utc, 14)
    const second = twoDigitsAt(utc, 17)
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null
    if (second < 0 || second > 59) return null
    const day = this.utcDay(utc)
    if (day === null) return null
    const offsets = day.offsets
    const minuteOfDay = hour * 60 + minute
    const changed = minuteOfDay >= offsets.changeMinute
    const offset = changed ? offsets.end : offsets.start
    let local = minuteOfDay + offset
    let dateIndex = 1
    if (local < 0) {
      local += MINUTES_PER_DAY
      dateIndex = 0
    } else if (local >= MINUTES_PER_DAY) {
      local -= MINUTES_PER_DAY
      dateIndex = 2
    }
    return (
      day.dates[dateIndex] +
      'T' +
      TWO_DIGITS[Math.floor(local / 60)] +
      ':' +
      TWO_DIGITS[local % 60] +
      utc.slice(16, 19) +
      (changed ? offsets.endText : offsets.startText)
    )
  }

  private utcDay(utc: string): UtcDay | null {
    if (this.lastDay !== null && utc.startsWith(this.lastDate)) {
      return this.lastDay
    }
    const day = this.lookUpDay(utc)
    if (day !== null) {
      this.lastDate = day.dates[1]
      this.lastDay = day
    }
    return day
  }

  private lookUpDay(utc: string): UtcDay | null {
    const month = twoDigitsAt(utc, 5)
    const dayOfMonth = twoDigitsAt(utc, 8)
    const century = twoDigitsAt(utc, 0)
    const yearOfCentury = twoDigitsAt(utc, 2)
    if (month < 0 || dayOfMonth < 0 || century < 0 || yearOfCentury < 0) {
      return null
    }
    const key =
      ((century * 100 + yearOfCentury) * 100 + month) * 100 + dayOfMonth
    const cached = this.days.get(key)
    if (cached !== undefined) return cached
    const date = utc.slice(0, 10)
    const millis = Date.parse(`${date}T00:00:00Z`)
    let day: UtcDay | null = null
    // Date.parse accepts days such as 02-30 and rolls them over, so a day
    // counts as valid only when it formats back to the same text.
    if (!Number.isNaN(millis) && dateText(millis / MS_PER_DAY) === date) {
      const dayNumber = millis / MS_PER_DAY
      day = {
        offsets: this.dayOffsets(dayNumber),
        dates: [dateText(dayNumber - 1), date, dateText(dayNumber + 1)],
      }
    }
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear()
    this.days.set(key, day)
    return day
  }

  /** Offset of the store zone at a UTC instant, in minutes east of UTC. */
  offsetAt(utcMillis: number): number {
    const dayNumber = Math.floor(utcMillis / MS_PER_DAY)
    const offsets = this.dayOffsets(dayNumber)
    const minute = (utcMillis - dayNumber * MS_PER_DAY) / MS_PER_MINUTE
    return minute >= offsets.changeMinute ? offsets.end : offsets.start
  }

  /**
   * Looks the zone up at the start of the day and of the next day, and
   * when they differ finds the minute of the change by bisection. That is
   * 2 lookups for most days and about 13 for a day with a change.
   * NOTE: a zone that changes its offset twice within one UTC day is read
   * as changing once; no zone in use today does that.
   */
  private dayOffsets(dayNumber: number): DayOffsets {
    const cached = this.offsets.get(dayNumber)
    if (cached !== undefined) return cached
    const start = dayNumber * MS_PER_DAY
    const first = this.lookUp(start)
    const last = this.lookUp(start + MS_PER_DAY)
    let changeMinute = MINUTES_PER_DAY
    if (first !== last) {
      let before = 0
      while (changeMinute - before > 1) {
        const middle = Math.floor((before + changeMinute) / 2)
        if (this.lookUp(start + middle * MS_PER_MINUTE) === first) {
          before = middle
        } else {
          changeMinute = middle
        }
      }
    }
    const offsets: DayOffsets = {
      start: first,
      startText: offsetText(first),
      changeMinute,
      end: last,
      endText: offsetText(last),
    }
    if (this.offsets.size >= MAX_CACHED_DAYS) this.offsets.clear()
    this.offsets.set(dayNumber, offsets)
    return offsets
  }

  private lookUp(utcMillis: number): number {
    if (this.zone === null) return 0
    if (this.zone.kind === 'fixed') return this.zone.offsetMinutes
    return offsetMinutesAt(this.formatter!, utcMillis)
  }
}
