import { describe, expect, it } from 'vitest'
import {
  describeClock,
  formatCell,
  formatDate,
  formatMoney,
  formatSectionCell,
  isMoneyColumn,
  withSymbol,
} from '../../../src/renderer/src/review/format.ts'

describe('review value formats', () => {
  it.each([
    ['48', '48.00'],
    ['215.2', '215.20'],
    [215.2, '215.20'],
    ['0.005', '0.01'],
    ['1.005', '1.01'],
    ['-0.004', '0.00'],
    ['-12.345', '-12.35'],
    ['1234567.891', '1,234,567.89'],
    ['.5', '0.50'],
    ['not money', 'not money'],
  ])('formats money %j as %s', (value, expected) => {
    expect(formatMoney(value)).toBe(expected)
  })

  it('tells money columns from other decimals', () => {
    for (const name of ['order_amount', 'unit_price', 'sales_tax2', 'cost']) {
      expect(isMoneyColumn(name), name).toBe(true)
    }
    for (const name of ['weight', 'stock', 'quantity', 'id']) {
      expect(isMoneyColumn(name), name).toBe(false)
    }
  })

  it('formats grid and detail cells alike', () => {
    expect(formatCell('48', 'decimal', undefined, 'order_amount')).toBe('48.00')
    expect(formatCell('0.125', 'decimal', undefined, 'weight')).toBe('0.125')
    expect(formatCell('2024-09-14T22:33:56Z', 'text')).toBe('2024-09-14 22:33')
    expect(formatCell('2024-09-14T22:33:56Z', 'date')).toBe('2024-09-14 22:33')
    expect(formatSectionCell('shipment_date_utc', '2024-09-14T22:33:56Z')).toBe(
      '2024-09-14 22:33',
    )
    expect(formatSectionCell('amount', '215.2')).toBe('215.20')
    expect(formatSectionCell('tracking_code', 'EC000000000US')).toBe(
      'EC000000000US',
    )
    expect(formatSectionCell('amount', null)).toBe('')
  })
})

describe('store clock and currency', () => {
  const base = {
    timeZoneSetting: null,
    timeZone: null,
    offsetMinutes: null,
    currency: { code: null, symbol: null },
  }
  const newYork = {
    ...base,
    timeZoneSetting: 'Eastern Standard Time',
    timeZone: 'America/New_York',
    currency: { code: 'USD', symbol: '$' },
  }

  it('shows UTC times on the store clock', () => {
    // Winter and summer: the offset follows daylight saving time.
    expect(formatDate('2024-01-15T15:00:00Z', newYork)).toBe('2024-01-15 10:00')
    expect(formatDate('2024-07-15T15:00:00Z', newYork)).toBe('2024-07-15 11:00')
    expect(formatDate('2024-01-01T03:30:00Z', newYork)).toBe('2023-12-31 22:30')
  })

  it('applies a fixed offset', () => {
    const fixed = { ...base, timeZoneSetting: '+5:30', offsetMinutes: 330 }
    expect(formatDate('2024-01-15T20:00:00Z', fixed)).toBe('2024-01-16 01:30')
  })

  it('keeps UTC without a known zone', () => {
    expect(formatDate('2024-01-15T15:00:00Z', base)).toBe('2024-01-15 15:00')
    expect(formatDate('2024-01-15T15:00:00Z')).toBe('2024-01-15 15:00')
  })

  it('leaves store-local text alone', () => {
    expect(formatDate('2024-01-15T15:00:00', newYork)).toBe('2024-01-15 15:00')
  })

  it('formats grid cells with the store', () => {
    const date = formatCell(
      '2024-01-15T15:00:00Z',
      'date',
      undefined,
      'x',
      newYork,
    )
    expect(date).toBe('2024-01-15 10:00')
    const amount = formatCell(
      '-12.5',
      'decimal',
      undefined,
      'order_amount',
      newYork,
    )
    expect(amount).toBe('-$12.50')
    expect(formatSectionCell('price', '3', newYork)).toBe('$3.00')
    expect(formatSectionCell('price', '3')).toBe('3.00')
  })

  it('puts the symbol after the sign', () => {
    expect(withSymbol('5.00', '€')).toBe('€5.00')
    expect(withSymbol('-5.00', '€')).toBe('-€5.00')
    expect(withSymbol('5.00', null)).toBe('5.00')
  })

  it('labels the clock in use', () => {
    expect(describeClock(null)).toBe('Times are in UTC.')
    expect(describeClock(newYork)).toBe(
      "Times are in the store's time zone (Eastern Standard Time).",
    )
    expect(describeClock({ ...base, timeZoneSetting: 'Mars' })).toBe(
      'Times are in UTC: the store\'s time zone "Mars" is not one this app knows.',
    )
  })
})
