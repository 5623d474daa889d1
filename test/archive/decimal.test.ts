import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { Archive } from '../../src/main/archive/index.ts'
import {
  addDecimals,
  decimalText,
  decimalToCents,
  sumDecimalField,
} from '../../src/main/archive/decimal.ts'
import {
  parseKeepingNumbers,
  sourceFaithfulTree,
} from '../../src/main/archive/json-source.ts'
import { records, tempDir } from './helpers.ts'

describe('decimalText', () => {
  it('keeps the source digits of a parsed number', () => {
    const tree = parseKeepingNumbers(
      '{"a":19.90,"b":1e2,"c":12345678901234567890.25,"d":-0.5}',
    ) as Record<string, unknown>
    expect(decimalText(tree['a'])).toBe('19.90')
    expect(decimalText(tree['b'])).toBe('100')
    expect(decimalText(tree['c'])).toBe('12345678901234567890.25')
    expect(decimalText(tree['d'])).toBe('-0.5')
  })

  it('reads plain numbers and numeric strings', () => {
    expect(decimalText(27.19)).toBe('27.19')
    expect(decimalText(145)).toBe('145')
    expect(decimalText(' 12.50 ')).toBe('12.50')
    expect(decimalText(1e-7)).toBe('0.0000001')
  })

  it('returns null for other values', () => {
    expect(decimalText('')).toBeNull()
    expect(decimalText('N/A')).toBeNull()
    expect(decimalText(null)).toBeNull()
    expect(decimalText(true)).toBeNull()
    expect(decimalText(Number.NaN)).toBeNull()
  })
})

describe('sourceFaithfulTree', () => {
  it('reuses the parsed value when every number is exact', () => {
    const raw = '{"a":19.99,"b":[0,1.5],"c":"1.50"}'
    const value = JSON.parse(raw) as unknown
    expect(sourceFaithfulTree(raw, value)).toBe(value)
  })

  it.each([
    '{"a":1.50}',
    '{"a":[2e3]}',
    '{"a":-0}',
    '{"a":0.1000000000000001}',
  ])('parses %s again keeping digits', (raw) => {
    const tree = sourceFaithfulTree(raw, JSON.parse(raw))
    expect(JSON.stringify(tree)).toBe(raw)
  })
})

describe('addDecimals', () => {
  it('adds without binary rounding', () => {
    expect(addDecimals(['0.1', '0.2'])).toBe('0.3')
    expect(addDecimals(['19.99', '7.2'])).toBe('27.19')
    expect(addDecimals(['1.50', '1'])).toBe('2.50')
    expect(addDecimals(['-5.25', '2'])).toBe('-3.25')
    expect(addDecimals(['-0.05', '0.01'])).toBe('-0.04')
    expect(addDecimals([])).toBe('0')
  })

  it('rejects text that is not a decimal', () => {
    expect(() => addDecimals(['1', 'abc'])).toThrow(/Not an exact decimal/)
  })

  it('sums a field over a list', () => {
    const shipments = [{ Cost: 7.2 }, { Cost: 36.27 }, { Cost: null }]
    expect(sumDecimalField(shipments, 'Cost')).toBe('43.47')
    expect(sumDecimalField([], 'Cost')).toBeNull()
    expect(sumDecimalField(undefined, 'Cost')).toBeNull()
  })
})

describe('decimalToCents', () => {
  it.each([
    ['27.19', 2719n],
    ['145', 14500n],
    ['0.5', 50n],
    ['1.005', 101n],
    ['-1.005', -101n],
    ['2.004', 200n],
  ])('converts %s', (value, cents) => {
    expect(decimalToCents(value)).toBe(cents)
  })
})

describe('decimal_sum in SQL', () => {
  it('adds money columns exactly', () => {
    const folder = tempDir()
    const archive = Archive.open(join(folder.dir, 'store.sqlite'))
    try {
      archive.upsertPage(
        'orders',
        records([
          { OrderID: 1, OrderAmount: 0.1 },
          { OrderID: 2, OrderAmount: 0.2 },
          { OrderID: 3, OrderAmount: 19.9 },
          { OrderID: 4 },
        ]),
      )
      const total = archive.db
        .prepare('SELECT decimal_sum(order_amount) FROM orders')
        .pluck()
        .get()
      expect(total).toBe('20.2')
      const none = archive.db
        .prepare('SELECT decimal_sum(order_amount) FROM orders WHERE id = 4')
        .pluck()
        .get()
      expect(none).toBeNull()
    } finally {
      archive.close()
      folder.cleanup()
    }
  })
})
