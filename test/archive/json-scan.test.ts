import { describe, expect, it } from 'vitest'
import { scanRecord } from '../../src/main/archive/json-scan.ts'
import { parseKeepingNumbers } from '../../src/main/archive/json-source.ts'

const FIELDS = ['Items', 'Notes']

describe('scanRecord child lists', () => {
  it('returns element texts as written', () => {
    const raw = '{"Id":1,"Items":[{"A":1.50},{"B":"x"}],"Z":true}'
    const scan = scanRecord(raw, FIELDS)
    expect(scan?.lists.get('Items')).toEqual(['{"A":1.50}', '{"B":"x"}'])
    expect(scan?.lists.has('Notes')).toBe(false)
  })

  it('keeps white space inside elements only', () => {
    const raw = '{ "Items" : [ { "A" : [ 1 , 2 ] } ,\n  "s" ] }'
    const scan = scanRecord(raw, FIELDS)
    expect(scan?.lists.get('Items')).toEqual(['{ "A" : [ 1 , 2 ] }', '"s"'])
  })

  it('skips quotes and brackets inside strings', () => {
    const raw = String.raw`{"Note":"a \"[b]\" {c}\\","Items":["x\"],y",{"k":"\\"}]}`
    const scan = scanRecord(raw, FIELDS)
    expect(scan?.lists.get('Items')).toEqual([
      String.raw`"x\"],y"`,
      String.raw`{"k":"\\"}`,
    ])
  })

  it('ignores lists nested deeper', () => {
    const raw = '{"Other":{"Items":[1,2]},"Items":[3]}'
    expect(scanRecord(raw, FIELDS)?.lists.get('Items')).toEqual(['3'])
  })

  it('takes the last of repeated keys', () => {
    const raw = '{"Items":[1],"Items":[2,3]}'
    expect(scanRecord(raw, FIELDS)?.lists.get('Items')).toEqual(['2', '3'])
  })

  it('drops a list replaced by another value', () => {
    const raw = '{"Items":[1],"Items":null}'
    expect(scanRecord(raw, FIELDS)?.lists.has('Items')).toBe(false)
  })

  it('returns an empty list as empty', () => {
    expect(scanRecord('{"Items":[ ]}', FIELDS)?.lists.get('Items')).toEqual([])
  })

  it('gives the same elements as parsing', () => {
    const value = {
      Items: [
        { Sku: 'A-1', Price: 12.5, Tags: ['x', 'y'], Nested: { a: [1] } },
        'text with "quotes" and \\ backslash',
        null,
        -3.25,
        { Empty: {}, List: [] },
      ],
    }
    const raw = JSON.stringify(value)
    const texts = scanRecord(raw, FIELDS)?.lists.get('Items')
    expect(texts).toEqual(value.Items.map((item) => JSON.stringify(item)))
  })
})

describe('scanRecord numbers', () => {
  const cases: Array<[literal: string, inexact: boolean]> = [
    ['12', false],
    ['12.5', false],
    ['-0.25', false],
    ['0', false],
    ['123456789012345', false],
    ['12.50', true],
    ['1.0', true],
    ['1e2', true],
    ['1.5E-3', true],
    ['1234567890123456', true],
    ['0.12345678901234567', true],
    ['-0', true],
    ['-0.0', true],
  ]
  for (const [literal, inexact] of cases) {
    it(`flags ${literal} as ${inexact ? 'inexact' : 'exact'}`, () => {
      const scan = scanRecord(`{"A":[${literal}],"B":${literal}}`, FIELDS)
      expect(scan?.inexactNumbers).toBe(inexact)
    })
  }

  it('ignores number-like text in strings', () => {
    const scan = scanRecord('{"A":"1.50","B":"1e5","C":"-0"}', FIELDS)
    expect(scan?.inexactNumbers).toBe(false)
  })

  it('agrees with a parse that keeps numbers', () => {
    const raw = '{"A":12.50,"Items":[{"P":1e2}]}'
    const scan = scanRecord(raw, ['Items'])
    const tree = parseKeepingNumbers(raw) as Record<string, unknown>
    expect(scan?.inexactNumbers).toBe(true)
    expect(JSON.stringify(tree)).toBe(raw)
  })
})

describe('scanRecord invalid text', () => {
  const inputs = [
    '[1, 2]',
    '"text"',
    '{"A":1',
    '{"A":[1,}',
    '{"A" 1}',
    '{"A":tru}',
    '{"A":"open}',
    '{"A":1} trailing',
    '',
  ]
  for (const input of inputs) {
    it(`returns undefined for ${JSON.stringify(input)}`, () => {
      expect(scanRecord(input, FIELDS)).toBeUndefined()
    })
  }
})

describe('scanRecord nesting', () => {
  it('gives up on very deep nesting', () => {
    const raw = `{"Items":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    expect(scanRecord(raw, FIELDS)).toBeUndefined()
  })

  it('scans nesting within the limit', () => {
    const raw = `{"Items":[${'['.repeat(300)}${']'.repeat(300)}]}`
    expect(scanRecord(raw, FIELDS)?.lists.get('Items')).toHaveLength(1)
  })
})
