import { describe, expect, it } from 'vitest'
import {
  splitJsonArray,
  stripSensitiveFields,
} from '../../src/main/api/raw-json.ts'

// Deeper than the call stack allows for one frame per level.
const DEPTH = 100_000

function nestedObjects(depth: number, inner: string): string {
  return `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`
}

describe('raw JSON helpers on deeply nested records', () => {
  it('strips a sensitive key beside deep nesting', () => {
    const deep = nestedObjects(DEPTH, '1')
    const raw = `{"OrderID":15,"Password":"x","Extra":${deep}}`
    expect(stripSensitiveFields(raw, ['Password'])).toBe(
      `{"OrderID":15,"Extra":${deep}}`,
    )
  })

  it('strips a sensitive key at the deepest level', () => {
    const raw = nestedObjects(DEPTH, '{"Keep":[1, 2],"Password":"x"}')
    expect(stripSensitiveFields(raw, ['Password'])).toBe(
      nestedObjects(DEPTH, '{"Keep":[1, 2]}'),
    )
  })

  it('strips keys inside deeply nested arrays', () => {
    const inner = '{"Password":"x", "B":2}'
    const raw = `${'['.repeat(DEPTH)}${inner}${']'.repeat(DEPTH)}`
    expect(stripSensitiveFields(raw, ['Password'])).toBe(
      `${'['.repeat(DEPTH)}{"B":2}${']'.repeat(DEPTH)}`,
    )
  })

  it('removes a last member whose value is deeply nested', () => {
    const deep = nestedObjects(DEPTH, '{"Password":1}')
    const raw = `{"A":1 , "Password":${deep}}`
    expect(stripSensitiveFields(raw, ['Password'])).toBe('{"A":1}')
  })

  it('raises a syntax error on a deeply nested record cut short', () => {
    const raw = `{"Password":"x","Extra":${'{"a":'.repeat(DEPTH)}1`
    expect(() => stripSensitiveFields(raw, ['Password'])).toThrow(
      'Expected , or }',
    )
  })

  it('splits an array of deeply nested elements', () => {
    const first = nestedObjects(DEPTH, '"x"')
    const second = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`
    expect(splitJsonArray(`[${first}, ${second}]`)).toEqual([first, second])
  })
})
