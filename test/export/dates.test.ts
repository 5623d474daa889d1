import { describe, expect, it } from 'vitest'
import { OffsetDateFormatter } from '../../src/main/export/dates.ts'
import {
  offsetMinutesAt,
  resolveStoreZone,
  wallClockFormatter,
} from '../../src/main/archive/time-zones.ts'

const formatters = new Map<string | null, Intl.DateTimeFormat | undefined>()

/** Offset at one instant, looked up with no cache of offsets. */
function referenceOffset(zoneSetting: string | null, millis: number): number {
  const zone = resolveStoreZone(zoneSetting)
  if (zone?.kind === 'fixed') return zone.offsetMinutes
  if (!formatters.has(zoneSetting)) {
    formatters.set(zoneSetting, wallClockFormatter(zone))
  }
  const formatter = formatters.get(zoneSetting)
  return formatter === undefined ? 0 : offsetMinutesAt(formatter, millis)
}

/** Formats one instant with its own zone lookup. */
function reference(zoneSetting: string | null, utc: string): string | null {
  const millis = Date.parse(utc)
  if (Number.isNaN(millis)) return null
  const offset = referenceOffset(zoneSetting, millis)
  const local = new Date(millis + offset * 60_000).toISOString()
  const fraction = local.slice(19, 23)
  const base = fraction === '.000' ? local.slice(0, 19) : local.slice(0, 23)
  const sign = offset < 0 ? '-' : '+'
  const magnitude = Math.abs(offset)
  const hours = String(Math.floor(magnitude / 60)).padStart(2, '0')
  const minutes = String(magnitude % 60).padStart(2, '0')
  return `${base}${sign}${hours}:${minutes}`
}

/** A small linear congruential generator, so failures repeat. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

const ZONES = [
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/London',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  '-05:00',
  '+09:30',
  null,
]

const DAY = 86_400_000
const FROM = Date.parse('1995-01-01T00:00:00Z')
const TO = Date.parse('2035-01-01T00:00:00Z')

describe('OffsetDateFormatter against a lookup per instant', () => {
  it.each(ZONES)('formats random instants in %s', (zone) => {
    const formatter = new OffsetDateFormatter(zone)
    const random = seeded(7)
    const mismatches: string[] = []
    for (let i = 0; i < 1_000; i++) {
      const millis = FROM + Math.floor((random() * (TO - FROM)) / 1000) * 1000
      const utc = new Date(millis).toISOString().replace('.000Z', 'Z')
      if (formatter.format(utc) !== reference(zone, utc)) mismatches.push(utc)
    }
    expect(mismatches).toEqual([])
  })

  it.each(ZONES)('formats quarter hours around changes in %s', (zone) => {
    const formatter = new OffsetDateFormatter(zone)
    const mismatches: string[] = []
    // Walks 2011 to 2013 a day at a time. Through each day whose end has
    // another offset than its start, it checks every quarter hour and the
    // seconds either side.
    const start = Date.parse('2011-01-01T00:00:00Z')
    const end = Date.parse('2014-01-01T00:00:00Z')
    for (let day = start; day < end; day += DAY) {
      const before = referenceOffset(zone, day)
      if (before === referenceOffset(zone, day + DAY)) continue
      for (let step = 0; step < DAY; step += 15 * 60_000) {
        for (const seconds of [-1, 0, 1]) {
          const millis = day + step + seconds * 1000
          const utc = new Date(millis).toISOString().replace('.000Z', 'Z')
          const actual = formatter.format(utc)
          if (actual !== reference(zone, utc)) mismatches.push(utc)
        }
      }
    }
    expect(mismatches).toEqual([])
  })
})

describe('OffsetDateFormatter edge cases', () => {
  const newYork = new OffsetDateFormatter('America/New_York')

  it('rolls over days such as February 30 like Date.parse', () => {
    expect(newYork.format('2016-02-30T10:00:00Z')).toBe(
      reference('America/New_York', '2016-02-30T10:00:00Z'),
    )
    expect(newYork.format('2016-02-30T10:00:00Z')).toBe(
      '2016-03-01T05:00:00-05:00',
    )
  })

  it('reads hour 24 as the next midnight', () => {
    expect(newYork.format('2016-01-01T24:00:00Z')).toBe(
      '2016-01-01T19:00:00-05:00',
    )
  })

  it('returns null for text that is no instant', () => {
    expect(newYork.format('2016-13-01T00:00:00Z')).toBeNull()
    expect(newYork.format('2016-01-01T23:59:60Z')).toBeNull()
    expect(newYork.format('2016-0A-01T00:00:00Z')).toBeNull()
    expect(newYork.format('')).toBeNull()
    expect(newYork.format(undefined)).toBeNull()
  })

  it('crosses the year at both ends', () => {
    expect(newYork.format('2017-01-01T03:00:00Z')).toBe(
      '2016-12-31T22:00:00-05:00',
    )
    expect(
      new OffsetDateFormatter('Asia/Tokyo').format('2016-12-31T20:00:00Z'),
    ).toBe('2017-01-01T05:00:00+09:00')
  })

  it('changes at half past the hour on Lord Howe Island', () => {
    const lordHowe = new OffsetDateFormatter('Australia/Lord_Howe')
    // Daylight time ends at 02:00 local (+11:00), 2013-04-06T15:00Z, and
    // starts at 02:00 local (+10:30), 2013-10-05T15:30Z.
    expect(lordHowe.format('2013-10-05T15:29:59Z')).toBe(
      '2013-10-06T01:59:59+10:30',
    )
    expect(lordHowe.format('2013-10-05T15:30:00Z')).toBe(
      '2013-10-06T02:30:00+11:00',
    )
  })
})
