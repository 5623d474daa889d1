import { describe, expect, it } from 'vitest'
import {
  decodeEntities,
  parseItemLine,
} from '../../src/main/review/item-lines.ts'

describe('parseItemLine', () => {
  it('splits name and options', () => {
    expect(
      parseItemLine(
        'Bellefit Sleeping Bra<br><b>Available Sizes:</b>&nbsp;Medium (32-34D; 34DD)',
      ),
    ).toEqual({
      name: 'Bellefit Sleeping Bra',
      options: [{ name: 'Available Sizes', value: 'Medium (32-34D; 34DD)' }],
    })
  })

  it('keeps bundle headings in the name', () => {
    const line = parseItemLine(
      'Bundle Item: BUNDLE7<br>Dual-Closure Girdle<br><b>Size:</b>&nbsp;M 40"',
    )
    expect(line.name).toBe('Bundle Item: BUNDLE7 — Dual-Closure Girdle')
    expect(line.options).toEqual([{ name: 'Size', value: 'M 40"' }])
  })

  it('reads plain text and empty input', () => {
    expect(parseItemLine('Gift card')).toEqual({
      name: 'Gift card',
      options: [],
    })
    expect(parseItemLine(null)).toEqual({ name: '', options: [] })
  })

  it('decodes entities once', () => {
    expect(decodeEntities('a &amp;amp; b &#65533; &#x41;')).toBe(
      'a &amp; b \uFFFD A',
    )
  })
})
