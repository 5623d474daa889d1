import { describe, expect, it } from 'vitest'
import {
  csvCell,
  csvLine,
  neutraliseFormula,
  numberText,
} from '../../src/main/export/csv.ts'
import { OffsetDateFormatter } from '../../src/main/export/dates.ts'
import { decimalCell, sheetName } from '../../src/main/export/formats/xlsx.ts'
import { localImageName } from '../../src/main/export/formats/images.ts'
import {
  pathOfUrl,
  productHandle,
  slugify,
} from '../../src/main/export/platforms/handles.ts'
import { stripSensitiveJson } from '../../src/main/export/sensitive.ts'
import { isWellFormedEmail } from '../../src/main/export/platforms/fit-report.ts'

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=1+1', "'=1+1"],
    ['+1 617 555', "'+1 617 555"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rstart', `"'\rstart"`],
    ['=A1,B1', `"'=A1,B1"`],
    ['-5.00', '-5.00'],
    ['+3', '+3'],
    ['00123', '00123'],
    ['🎉 emoji', '🎉 emoji'],
    ['<b>html</b>', '<b>html</b>'],
  ])('encodes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('writes numbers, booleans and nulls', () => {
    expect(csvCell(12)).toBe('12')
    expect(csvCell(-4)).toBe('-4')
    expect(csvCell(9007199254740993n)).toBe('9007199254740993')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', null, 1])).toBe('a,,1\r\n')
  })

  it.each([0, -0, 7, -42, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 60])(
    'writes the number %d as String does',
    (value) => {
      expect(numberText(value)).toBe(String(value))
    },
  )

  it.each([1.5, -0.1, 1e21, 1e-7, NaN, Infinity])(
    'writes the fraction %d as String does',
    (value) => {
      expect(numberText(value)).toBe(String(value))
    },
  )

  it('leaves plain numbers alone', () => {
    expect(neutraliseFormula('-0.5')).toBe('-0.5')
    expect(neutraliseFormula('-1e5')).toBe('-1e5')
  })
})

describe('OffsetDateFormatter', () => {
  const newYork = new OffsetDateFormatter('America/New_York')
  it.each([
    ['2013-09-12T21:31:52Z', '2013-09-12T17:31:52-04:00'],
    ['2013-01-12T21:31:52Z', '2013-01-12T16:31:52-05:00'],
    ['2013-03-10T06:59:59Z', '2013-03-10T01:59:59-05:00'],
    ['2013-03-10T07:00:00Z', '2013-03-10T03:00:00-04:00'],
    ['2013-11-03T05:30:00Z', '2013-11-03T01:30:00-04:00'],
    ['2013-11-03T06:30:00Z', '2013-11-03T01:30:00-05:00'],
    ['2013-09-12T21:31:52.123Z', '2013-09-12T17:31:52.123-04:00'],
  ])('formats %s in New York time', (utc, expected) => {
    expect(newYork.format(utc)).toBe(expected)
  })

  it('handles half-hour zones, fixed offsets and unknown zones', () => {
    expect(
      new OffsetDateFormatter('Asia/Kolkata').format('2013-09-12T21:31:52Z'),
    ).toBe('2013-09-13T03:01:52+05:30')
    expect(
      new OffsetDateFormatter('-05:00').format('2013-09-12T21:31:52Z'),
    ).toBe('2013-09-12T16:31:52-05:00')
    expect(new OffsetDateFormatter(null).format('2013-09-12T21:31:52Z')).toBe(
      '2013-09-12T21:31:52+00:00',
    )
    expect(newYork.format('not a date')).toBeNull()
    expect(newYork.format(null)).toBeNull()
  })
})

describe('xlsx cells', () => {
  it('keeps decimals exact', () => {
    expect(decimalCell('19.90')).toBe(19.9)
    expect(decimalCell('-3')).toBe(-3)
    expect(decimalCell('12345678901234567.5')).toBe('12345678901234567.5')
    expect(decimalCell(null)).toBeNull()
  })

  it('names sheets within 31 characters and uniquely', () => {
    const used = new Set<string>()
    expect(sheetName('orders', 1, used)).toBe('orders')
    expect(sheetName('orders', 2, used)).toBe('orders (2)')
    const long = 'a_very_long_table_name_that_goes_on_and_on'
    const first = sheetName(long, 1, used)
    const second = sheetName(long, 1, used)
    expect(first.length).toBeLessThanOrEqual(31)
    expect(second.length).toBeLessThanOrEqual(31)
    expect(second).not.toBe(first)
  })
})

describe('handles and paths', () => {
  it('slugifies names', () => {
    expect(slugify('Café Crème & Co. 2')).toBe('cafe-creme-and-co-2')
    expect(slugify('🎉')).toBe('')
  })

  it('prefers the old page name', () => {
    expect(
      productHandle({
        id: 5,
        name: 'X',
        url: '',
        customFileName: 'Blue-Shoe.php',
      }),
    ).toBe('blue-shoe')
    expect(
      productHandle({
        id: 5,
        name: 'Red Hat',
        url: 'http://s.example/p/red.html',
        customFileName: '',
      }),
    ).toBe('red')
    expect(
      productHandle({ id: 5, name: '🎉', url: '', customFileName: '' }),
    ).toBe('product-5')
  })

  it('drops the domain from redirect paths', () => {
    expect(pathOfUrl('http://shop.example/a/b.php?x=1')).toBe('/a/b.php?x=1')
    expect(pathOfUrl('b.php')).toBe('/b.php')
    expect(pathOfUrl('')).toBe('')
  })

  it('keeps image files inside the image folder', () => {
    expect(localImageName('assets/images/a b.jpg', 0)).toBe(
      'images/assets/images/a_b.jpg',
    )
    expect(localImageName('../../etc/passwd', 1)).toBe('images/etc/passwd')
    expect(localImageName('http://s.example/x/y.png?v=2', 2)).toBe(
      'images/x/y.png',
    )
    expect(localImageName('/', 3)).toBe('images/image-3')
  })
})

describe('sensitive fields', () => {
  it('are removed at any depth with numbers kept exact', () => {
    const raw = '{"A":19.90,"Password":"x","L":[{"CardNumber":"4111","B":1}]}'
    const { text, removed } = stripSensitiveJson(raw)
    expect(removed).toBe(2)
    expect(text).toBe('{"A":19.90,"L":[{"B":1}]}')
  })

  it('leave other text untouched', () => {
    const raw = '{"A": 1.50, "Note": "no secrets"}'
    expect(stripSensitiveJson(raw)).toEqual({ text: raw, removed: 0 })
  })
})

describe('email check', () => {
  it.each([
    ['ana@example.com', true],
    ['zoë@example.com', true],
    ['ana@example', false],
    ['ana example.com', false],
    ['ana@@example.com', false],
  ])('%s is well formed: %s', (email, expected) => {
    expect(isWellFormedEmail(email)).toBe(expected)
  })
})
