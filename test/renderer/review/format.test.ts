import { describe, expect, it } from 'vitest'
import {
  formatCell,
  formatMoney,
  formatSectionCell,
  isMoneyColumn,
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
