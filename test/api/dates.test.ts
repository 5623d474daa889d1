import { describe, expect, it } from 'vitest'
import {
  formatStoreDate,
  parseStoreTimeZone,
} from '../../src/main/api/dates.ts'

describe('formatStoreDate', () => {
  const instant = new Date('2024-07-04T03:05:09Z')

  it('formats in an IANA zone with daylight saving', () => {
    expect(
      formatStoreDate(instant, { kind: 'iana', name: 'America/New_York' }),
    ).toBe('07/03/2024 23:05:09')
  })

  it('formats winter time in the same zone', () => {
    expect(
      formatStoreDate(new Date('2024-01-15T12:00:00Z'), {
        kind: 'iana',
        name: 'America/New_York',
      }),
    ).toBe('01/15/2024 07:00:00')
  })

  it('formats with a fixed offset', () => {
    expect(formatStoreDate(instant, { kind: 'offset', minutes: 330 })).toBe(
      '07/04/2024 08:35:09',
    )
  })

  it('uses 00 for midnight, not 24', () => {
    expect(
      formatStoreDate(new Date('2024-03-01T00:00:00Z'), {
        kind: 'iana',
        name: 'UTC',
      }),
    ).toBe('03/01/2024 00:00:00')
  })

  it('rejects an invalid date', () => {
    expect(() => formatStoreDate(new Date('x'))).toThrow(RangeError)
  })
})

describe('parseStoreTimeZone', () => {
  it.each([
    ['America/Chicago', { kind: 'iana', name: 'America/Chicago' }],
    ['Eastern Standard Time', { kind: 'iana', name: 'America/New_York' }],
    [
      '(GMT-05:00) Eastern Time (US & Canada)',
      { kind: 'offset', minutes: -300 },
    ],
    ['UTC+2', { kind: 'offset', minutes: 120 }],
    ['-5', { kind: 'offset', minutes: -300 }],
    ['+05:30', { kind: 'offset', minutes: 330 }],
  ])('reads %s', (text, expected) => {
    expect(parseStoreTimeZone(text)).toEqual(expected)
  })

  it.each(['', 'sample string 1', 'Mars/Olympus', '+25'])(
    'returns null for %j',
    (text) => {
      expect(parseStoreTimeZone(text)).toBeNull()
    },
  )
})
