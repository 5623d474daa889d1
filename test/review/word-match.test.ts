import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import {
  WORD_MATCH_FUNCTION,
  phrasesArgument,
  tailWhere,
  unindexedAfter,
} from '../../src/main/review/word-tail.ts'

/**
 * Pieces of generated text: letters in both cases, Latin letters with
 * precomposed and combining accents, letters whose case folding is special,
 * digits, and the punctuation merchants' data contains.
 */
const PIECES = [
  'a',
  'b',
  'an',
  'ab',
  'Ab',
  'AB',
  'é',
  'É',
  'e\u0301',
  'ë',
  'ß',
  'ø',
  'Ø',
  'ı',
  'İ',
  'ǅ',
  'Ω',
  'ω',
  'ж',
  'Ж',
  'ễ',
  '1',
  '12',
  '0',
  ' ',
  ' ',
  ' ',
  '-',
  '.',
  '@',
  "'",
  '"',
  '_',
  '\u00a0',
  '\u2019',
]

let db: Database.Database

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

/** Pieces of plain ASCII text, which SQLite can rule out on its own. */
const ASCII_PIECES = PIECES.filter((piece) => /^[ -~]*$/.test(piece))

function text(next: () => number, pieces: number, from = PIECES): string {
  let result = ''
  for (let i = 0; i < pieces; i++) {
    result += from[Math.floor(next() * from.length)]
  }
  return result
}

function quoted(phrase: string): string {
  return `"${phrase.replaceAll('"', '""')}"*`
}

/** Rowids of the documents the FTS5 index matches. */
function indexMatches(match: string): number[] {
  return db
    .prepare(
      'SELECT rowid FROM docs_index WHERE docs_index MATCH ? ORDER BY rowid',
    )
    .pluck()
    .all(match) as number[]
}

/** Rowids of the documents `tailWhere` keeps, as the review reads them. */
function functionMatches(argument: string): number[] {
  const where = tailWhere(0, argument, { sql: '', params: [] })
  return db
    .prepare(`SELECT rowid FROM docs d WHERE ${where.sql} ORDER BY rowid`)
    .pluck()
    .all(...where.params) as number[]
}

const DOCUMENTS = 400

beforeAll(() => {
  db = new Database(':memory:')
  db.exec(`
    CREATE TABLE archive_info (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, text TEXT);
    CREATE TABLE docs (rowid INTEGER PRIMARY KEY, text TEXT);
    CREATE VIRTUAL TABLE docs_index USING fts5(text, content='docs',
      content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
    INSERT INTO archive_info VALUES ('search_index_covers_through', '0');
    INSERT INTO search_docs VALUES (1, 'x');`)
  // Registers the function on this connection.
  expect(unindexedAfter(db)).toBe(0)
  const next = random(7)
  const insert = db.prepare('INSERT INTO docs (rowid, text) VALUES (?, ?)')
  for (let id = 1; id <= DOCUMENTS; id++) {
    insert.run(id, text(next, 12, id % 2 === 0 ? ASCII_PIECES : PIECES))
  }
  db.exec("INSERT INTO docs_index(docs_index) VALUES ('rebuild')")
})

afterAll(() => db.close())

describe('word match function', () => {
  it('agrees with FTS5 on phrases joined by AND', () => {
    const next = random(11)
    let matched = 0
    for (let i = 0; i < 300; i++) {
      const phrases = [text(next, 1 + Math.floor(next() * 4))]
      if (next() < 0.5) phrases.push(text(next, 1 + Math.floor(next() * 3)))
      const match = phrases.map(quoted).join(' AND ')
      const expected = indexMatches(match)
      expect(functionMatches(phrasesArgument(phrases)), match).toEqual(expected)
      if (expected.length > 0) matched += 1
    }
    // Enough queries match some documents for the comparison to count.
    expect(matched).toBeGreaterThan(100)
  })

  it('agrees with FTS5 on phrases joined by spaces', () => {
    const next = random(13)
    let matched = 0
    for (let i = 0; i < 300; i++) {
      const phrases = [text(next, 1 + Math.floor(next() * 4))]
      if (next() < 0.5) phrases.push(text(next, 1 + Math.floor(next() * 3)))
      const match = phrases.map(quoted).join(' ')
      const expected = indexMatches(match)
      expect(functionMatches(phrasesArgument(phrases, true)), match).toEqual(
        expected,
      )
      if (expected.length > 0) matched += 1
    }
    expect(matched).toBeGreaterThan(100)
  })

  it('matches word sequences and prefixes', () => {
    const check = (phrases: string[]) =>
      db
        .prepare(`SELECT ${WORD_MATCH_FUNCTION}(?, ?)`)
        .pluck()
        .get('Jane Doe-Smith, Zürich', phrasesArgument(phrases))
    expect(check(['jane d'])).toBe(1)
    expect(check(['doe smi'])).toBe(1)
    expect(check(['zurich'])).toBe(1)
    expect(check(['ZÜR'])).toBe(1)
    expect(check(['jane smith'])).toBe(0)
    expect(check(['ane'])).toBe(0)
    expect(check(['jane', '-'])).toBe(0)
  })
})
