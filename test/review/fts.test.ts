import { describe, expect, it } from 'vitest'
import { ftsQuery, trigramMatchExpression } from '../../src/main/review/fts.ts'

describe('ftsQuery', () => {
  it('quotes each word as a prefix phrase', () => {
    expect(ftsQuery('Jane  Doe')).toEqual({
      match: '"Jane"* AND "Doe"*',
      phrases: ['Jane', 'Doe'],
      verify: [],
    })
  })

  it('neutralises FTS5 operators and quotes', () => {
    expect(ftsQuery('NEAR( "x" OR y*')).toEqual({
      match: '"NEAR"* AND "x"* AND "OR"* AND "y"*',
      phrases: ['NEAR', 'x', 'OR', 'y'],
      verify: [],
    })
  })

  it('looks up one part of a word with punctuation', () => {
    expect(ftsQuery('Customer4242@Example.com')).toEqual({
      match: '"Customer4242"*',
      phrases: ['Customer4242'],
      verify: ['customer4242@example.com'],
    })
    expect(ftsQuery('jane.doe@shop.test')?.match).toBe('"jane"*')
    expect(ftsQuery('AB-500123')?.match).toBe('"500123"*')
    expect(ftsQuery("O'Brien")).toEqual({
      match: '"Brien"*',
      phrases: ['Brien'],
      verify: ["o'brien"],
    })
  })

  it('returns null without a word', () => {
    expect(ftsQuery('  -- @@ ')).toBeNull()
  })
})

describe('trigramMatchExpression', () => {
  it('drops words shorter than three characters', () => {
    expect(trigramMatchExpression('ab 12-34')).toBe('"12-34"')
    expect(trigramMatchExpression('ab')).toBeNull()
  })
})
