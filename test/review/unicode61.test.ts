import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { foldText, tokenize } from '../../src/main/review/unicode61.ts'

let db: Database.Database

beforeAll(() => {
  db = new Database(':memory:')
  db.exec(`CREATE VIRTUAL TABLE words USING fts5(
    text, tokenize='unicode61 remove_diacritics 2')`)
  db.exec("CREATE VIRTUAL TABLE words_terms USING fts5vocab(words, 'instance')")
})

afterAll(() => db.close())

/** Returns the words SQLite's tokenizer finds in each text, in order. */
function sqliteTokens(texts: string[]): string[][] {
  db.exec('DELETE FROM words')
  const insert = db.prepare('INSERT INTO words (rowid, text) VALUES (?, ?)')
  db.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))()
  const found: string[][] = texts.map(() => [])
  const rows = db
    .prepare('SELECT doc, term FROM words_terms ORDER BY doc, offset')
    .all() as Array<{ doc: number; term: string }>
  for (const row of rows) found[row.doc - 1]!.push(row.term)
  return found
}

/**
 * Texts that put every code point from `first` to `last` between two
 * letters, so each one is seen inside a word, and once alone.
 */
function probeTexts(first: number, last: number): string[] {
  const texts: string[] = []
  for (let start = first; start <= last; start += 512) {
    const parts: string[] = []
    for (let code = start; code <= Math.min(last, start + 511); code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const character = String.fromCodePoint(code)
      parts.push(`q${character}q ${character} x`)
    }
    texts.push(parts.join(' '))
  }
  return texts
}

describe('unicode61 tokenize', () => {
  it('matches SQLite on ASCII text', () => {
    const texts = Array.from({ length: 127 }, (_, i) =>
      probeTexts(i + 1, i + 1),
    )
    const all = [...texts.flat(), "Jane DOE-smith 42nd_st. O'Brien\tX"]
    const expected = sqliteTokens(all)
    all.forEach((text, i) => {
      expect(tokenize(text), JSON.stringify(text)).toEqual(expected[i])
    })
  })

  it('matches SQLite on the Basic Multilingual Plane', () => {
    const texts = probeTexts(1, 0xffff)
    const expected = sqliteTokens(texts)
    texts.forEach((text, i) => {
      expect(tokenize(text), `text ${i}`).toEqual(expected[i])
    })
  })

  it('matches SQLite on planes 1, 2, 14, 15 and 16', () => {
    // Planes 3 to 13 are unassigned, which SQLite counts as word characters.
    const texts = [
      ...probeTexts(0x10000, 0x2ffff),
      ...probeTexts(0xe0000, 0xe0fff),
      ...probeTexts(0xf0000, 0xf00ff),
      ...probeTexts(0x10ff00, 0x10ffff),
    ]
    const expected = sqliteTokens(texts)
    texts.forEach((text, i) => {
      expect(tokenize(text), `text ${i}`).toEqual(expected[i])
    })
  })

  it('keeps every word inside the folded text', () => {
    const texts = [...probeTexts(1, 0xffff), 'Ḿ\u0301x Ǆemal ØRJAN Łódź Straße']
    for (const text of texts) {
      const folded = foldText(text)
      for (const word of tokenize(text)) {
        expect(folded.includes(word.toLowerCase()), word).toBe(true)
      }
    }
  })
})
