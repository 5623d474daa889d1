import { describe, expect, it } from 'vitest'
import { StoreClock, parseStoreDate } from '../../src/main/archive/dates.ts'
import { resolveStoreZone } from '../../src/main/archive/time-zones.ts'

describe('parseStoreDate', () => {
  it.each([
    ['2013-09-12T17:31:52', Date.UTC(2013, 8, 12, 17, 31, 52)],
    ['09/12/2013 17:31', Date.UTC(2013, 8, 12, 17, 31)],
    ['9/13/2013', Date.UTC(2013, 8, 13)],
    ['7/20/2015 12:05:34 PM', Date.UTC(2015, 6, 20, 12, 5, 34)],
    ['7/20/2015 12:05:34 AM', Date.UTC(2015, 6, 20, 0, 5, 34)],
    ['2012-03-01T00:00:00', Date.UTC(2012, 2, 1)],
    ['2019-03-22T03:22:55.390', Date.UTC(2019, 2, 22, 3, 22, 55, 390)],
  ])('reads %s', (text, millis) => {
    expect(parseStoreDate(text)?.wallMillis).toBe(millis)
  })

  it.each([
    '',
    '0001-01-01T00:00:00',
    '9/15/2013 by Automated Script',
    'null',
    '02/30/2013 10:00',
    '2013-13-01T00:00:00',
    '13/40/2013',
  ])('rejects %j', (text) => {
    expect(parseStoreDate(text)).toBeNull()
  })
})

describe('resolveStoreZone', () => {
  it.each([
    ['America/Chicago', { kind: 'iana', zone: 'America/Chicago' }],
    ['Eastern Standard Time', { kind: 'iana', zone: 'America/New_York' }],
    ['W. Europe Standard Time', { kind: 'iana', zone: 'Europe/Berlin' }],
    [
      '(UTC-05:00) Eastern Time (US & Canada)',
      { kind: 'iana', zone: 'America/New_York' },
    ],
    ['-5', { kind: 'fixed', offsetMinutes: -300 }],
    ['-05:00', { kind: 'fixed', offsetMinutes: -300 }],
    ['GMT-05:00', { kind: 'fixed', offsetMinutes: -300 }],
    ['UTC+5:30', { kind: 'fixed', offsetMinutes: 330 }],
    ['+10', { kind: 'fixed', offsetMinutes: 600 }],
    ['(GMT+01:00) Somewhere Unlisted', { kind: 'fixed', offsetMinutes: 60 }],
    ['GMT', { kind: 'fixed', offsetMinutes: 0 }],
    ['UTC', { kind: 'iana', zone: 'Etc/UTC' }],
    ['+05:30', { kind: 'fixed', offsetMinutes: 330 }],
    ['GMT+5:30', { kind: 'fixed', offsetMinutes: 330 }],
    ['EST', { kind: 'iana', zone: 'EST' }],
    ['Etc/GMT+5', { kind: 'iana', zone: 'Etc/GMT+5' }],
    [
      'Central Standard Time (Mexico)',
      { kind: 'iana', zone: 'America/Mexico_City' },
    ],
    ['eastern standard time', { kind: 'iana', zone: 'America/New_York' }],
    [
      '(GMT-05:00) Eastern Time (US & Canada)',
      { kind: 'iana', zone: 'America/New_York' },
    ],
    ['(UTC) Coordinated Universal Time', { kind: 'iana', zone: 'Etc/UTC' }],
    ['(GMT) Coordinated Universal Time', { kind: 'iana', zone: 'Etc/UTC' }],
    ['Coordinated Universal Time', { kind: 'iana', zone: 'Etc/UTC' }],
    [
      '(UTC) Dublin, Edinburgh, Lisbon, London',
      { kind: 'iana', zone: 'Europe/London' },
    ],
    [
      '(UTC+00:00) Dublin, Edinburgh, Lisbon, London',
      { kind: 'iana', zone: 'Europe/London' },
    ],
    [
      '(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London',
      { kind: 'iana', zone: 'Europe/London' },
    ],
    [
      '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
      { kind: 'iana', zone: 'Europe/Berlin' },
    ],
    [
      '(UTC+01:00) Amsterdam, Berlin, ...',
      { kind: 'iana', zone: 'Europe/Berlin' },
    ],
    [
      '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris',
      { kind: 'iana', zone: 'Europe/Paris' },
    ],
    [
      '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius',
      { kind: 'iana', zone: 'Europe/Kiev' },
    ],
    [
      '(UTC-08:00) Pacific Time (US & Canada)',
      { kind: 'iana', zone: 'America/Los_Angeles' },
    ],
    ['(UTC-07:00) Arizona', { kind: 'iana', zone: 'America/Phoenix' }],
    [
      '(UTC+10:00) Canberra, Melbourne, Sydney',
      { kind: 'iana', zone: 'Australia/Sydney' },
    ],
    [
      '(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi',
      { kind: 'iana', zone: 'Asia/Calcutta' },
    ],
    [
      '(UTC-11:00) Coordinated Universal Time-11',
      { kind: 'iana', zone: 'Etc/GMT+11' },
    ],
    [
      '(UTC+12:00) Coordinated Universal Time+12',
      { kind: 'fixed', offsetMinutes: 720 },
    ],
    ['(UTC+05:45) Somewhere Unlisted', { kind: 'fixed', offsetMinutes: 345 }],
    ['(UTC-03:30) Nowhere', { kind: 'fixed', offsetMinutes: -210 }],
    ['(UTC) Somewhere Unlisted', { kind: 'fixed', offsetMinutes: 0 }],
    ['(UTC+01:00) B...', { kind: 'fixed', offsetMinutes: 60 }],
    ['10', { kind: 'fixed', offsetMinutes: 600 }],
    ['11', { kind: 'fixed', offsetMinutes: 660 }],
    ['14', { kind: 'fixed', offsetMinutes: 840 }],
    ['10:00', { kind: 'fixed', offsetMinutes: 600 }],
    ['0530', { kind: 'fixed', offsetMinutes: 330 }],
    ['5.5', { kind: 'fixed', offsetMinutes: 330 }],
    ['\u22125', { kind: 'fixed', offsetMinutes: -300 }],
    ['UTC\u221205:00', { kind: 'fixed', offsetMinutes: -300 }],
  ])('reads %j', (setting, zone) => {
    expect(resolveStoreZone(setting)).toEqual(zone)
  })

  it.each([
    '',
    '   ',
    'sample string 1',
    'Not/AZone',
    '+99',
    '(UTC+99:00) X',
    '15',
    '12 garbage',
    '1e3',
    '5:5',
  ])('rejects %j', (setting) => {
    expect(resolveStoreZone(setting)).toBeNull()
  })
})

describe('StoreClock.toUtc', () => {
  it('applies daylight saving time of a named zone', () => {
    const clock = new StoreClock('Eastern Standard Time')
    expect(clock.toUtc('2013-09-12T17:31:52')).toBe('2013-09-12T21:31:52Z')
    expect(clock.toUtc('2013-12-12T17:31:52')).toBe('2013-12-12T22:31:52Z')
    expect(clock.toUtc('05/01/2019 09:49')).toBe('2019-05-01T13:49:00Z')
  })

  it('handles the hours around a DST change', () => {
    const clock = new StoreClock('America/New_York')
    // 2021-03-14: 02:00 EST jumps to 03:00 EDT.
    expect(clock.toUtc('2021-03-14T01:59:59')).toBe('2021-03-14T06:59:59Z')
    expect(clock.toUtc('2021-03-14T03:00:00')).toBe('2021-03-14T07:00:00Z')
    // 2021-11-07: 02:00 EDT falls back to 01:00 EST.
    expect(clock.toUtc('2021-11-07T00:30:00')).toBe('2021-11-07T04:30:00Z')
    expect(clock.toUtc('2021-11-07T03:00:00')).toBe('2021-11-07T08:00:00Z')
  })

  it('moves a skipped wall time forward', () => {
    const newYork = new StoreClock('America/New_York')
    // 02:30 does not exist on 2021-03-14; 03:30 EDT is 07:30 UTC.
    expect(newYork.toUtc('2021-03-14T02:30:00')).toBe('2021-03-14T07:30:00Z')
    expect(newYork.toUtc('2021-03-14T02:00:00')).toBe('2021-03-14T07:00:00Z')
    // Sydney skips 02:00-03:00 on 2021-10-03 (AEST +10 to AEDT +11).
    const sydney = new StoreClock('Australia/Sydney')
    expect(sydney.toUtc('2021-10-03T02:30:00')).toBe('2021-10-02T16:30:00Z')
    expect(sydney.toUtc('2021-10-03T03:30:00')).toBe('2021-10-02T16:30:00Z')
  })

  it('maps a repeated wall time earlier', () => {
    const newYork = new StoreClock('America/New_York')
    // 01:30 happens twice on 2021-11-07: first at EDT (-4).
    expect(newYork.toUtc('2021-11-07T01:30:00')).toBe('2021-11-07T05:30:00Z')
    const sydney = new StoreClock('Australia/Sydney')
    // 02:30 happens twice on 2021-04-04: first at AEDT (+11).
    expect(sydney.toUtc('2021-04-04T02:30:00')).toBe('2021-04-03T15:30:00Z')
  })

  it('applies DST of a display name with places', () => {
    const clock = new StoreClock(
      '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    )
    expect(clock.toUtc('2013-07-12T17:31:52')).toBe('2013-07-12T15:31:52Z')
    expect(clock.toUtc('2013-12-12T17:31:52')).toBe('2013-12-12T16:31:52Z')
  })

  it('converts the UTC display name', () => {
    const clock = new StoreClock('(UTC) Coordinated Universal Time')
    expect(clock.toUtc('2013-09-12T17:31:52')).toBe('2013-09-12T17:31:52Z')
  })

  it('applies a fixed offset all year', () => {
    const clock = new StoreClock('-5')
    expect(clock.toUtc('2013-09-12T17:31:52')).toBe('2013-09-12T22:31:52Z')
    expect(clock.toUtc('2013-12-12T17:31:52')).toBe('2013-12-12T22:31:52Z')
  })

  it('uses an offset written in the text', () => {
    const clock = new StoreClock(null)
    expect(clock.toUtc('1970-03-22T03:22:55.390Z')).toBe(
      '1970-03-22T03:22:55.390Z',
    )
    expect(clock.toUtc('2013-09-12T17:31:52-04:00')).toBe(
      '2013-09-12T21:31:52Z',
    )
  })

  it('returns null without a zone or a date', () => {
    expect(new StoreClock(null).toUtc('2013-09-12T17:31:52')).toBeNull()
    const clock = new StoreClock('UTC')
    expect(clock.toUtc('0001-01-01T00:00:00')).toBeNull()
    expect(clock.toUtc('')).toBeNull()
    expect(clock.toUtc(null)).toBeNull()
    expect(clock.toUtc(20130912)).toBeNull()
    expect(clock.toUtc('9/15/2013 by Automated Script')).toBeNull()
  })
})
