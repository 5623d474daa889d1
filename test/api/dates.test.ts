import { describe, expect, it } from 'vitest'
import { formatStoreDate } from '../../src/main/api/dates.ts'

describe('formatStoreDate', () => {
  const instant = new Date('2024-07-04T03:05:09Z')

  it('formats in an IANA zone with daylight saving', () => {
    expect(
      formatStoreDate(instant, { kind: 'iana', zone: 'America/New_York' }),
    ).toBe('07/03/2024 23:05:09')
  })

  it('formats winter time in the same zone', () => {
    expect(
      formatStoreDate(new Date('2024-01-15T12:00:00Z'), {
        kind: 'iana',
        zone: 'America/New_York',
      }),
    ).toBe('01/15/2024 07:00:00')
  })

  it('formats with a fixed offset', () => {
    expect(
      formatStoreDate(instant, { kind: 'fixed', offsetMinutes: 330 }),
    ).toBe('07/04/2024 08:35:09')
  })

  it('uses 00 for midnight, not 24', () => {
    expect(
      formatStoreDate(new Date('2024-03-01T00:00:00Z'), {
        kind: 'iana',
        zone: 'UTC',
      }),
    ).toBe('03/01/2024 00:00:00')
  })

  it('rejects an invalid date', () => {
    expect(() =>
      formatStoreDate(new Date('x'), { kind: 'fixed', offsetMinutes: 0 }),
    ).toThrow(RangeError)
  })
})
