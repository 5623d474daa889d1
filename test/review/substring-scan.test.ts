import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { substringScanWhere } from '../../src/main/review/substring-scan.ts'
import { foldCase } from '../../src/main/review/unicode61.ts'

/** Texts whose case folding differs between JavaScript and SQLite. */
const DOCUMENTS = [
  'Straße KELVIN \u212Aelvin',
  'ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ',
  'İstanbul ISTANBUL',
  'Ünïcödé ÀÉÎ',
  'a\u0000bcd efg',
  'Hà Nội NGUYỄN',
  'emoji 🎉🎉x 𐐀𐐁𐐂',
  'Jose\u0301 JOSÉ',
  'plain ascii SKU-1009',
]

const PHRASES = [
  ['kel'],
  ['KELV'],
  ['σίσ'],
  ['ςυφ'],
  ['ὀδυ'],
  ['İST'],
  ['ÜNÏ'],
  ['unic'],
  ['àéî'],
  ['abc'],
  ['NỘI'],
  ['noi'],
  ['guyễ'],
  ['🎉🎉x'],
  ['𐐨𐐩𐐪'],
  ['e\u0301 j'],
  ['josé'],
  ['straß'],
  ['STRASSE'],
  ['sku-10'],
  ['sku', '1009'],
  ['sku', 'kel'],
]

let db: Database.Database

beforeAll(() => {
  db = new Database(':memory:')
  db.exec(`CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, text TEXT);
    CREATE VIRTUAL TABLE trigram USING fts5(text, tokenize='trigram')`)
  const insert = db.prepare(
    'INSERT INTO search_docs (rowid, text) VALUES (?, ?)',
  )
  const index = db.prepare('INSERT INTO trigram (rowid, text) VALUES (?, ?)')
  DOCUMENTS.forEach((text, i) => {
    insert.run(i + 1, text)
    index.run(i + 1, text)
  })
})

afterAll(() => db.close())

describe('substring scan', () => {
  it('finds what the trigram index finds', () => {
    for (const phrases of PHRASES) {
      const match = phrases
        .map((phrase) => `"${phrase.replaceAll('"', '""')}"`)
        .join(' AND ')
      const indexed = db
        .prepare(
          'SELECT rowid FROM trigram WHERE trigram MATCH ? ORDER BY rowid',
        )
        .pluck()
        .all(match)
      const scan = substringScanWhere(db, phrases)
      const scanned = db
        .prepare(
          `SELECT d.rowid FROM search_docs d WHERE ${scan.sql} ORDER BY d.rowid`,
        )
        .pluck()
        .all(...scan.params)
      expect(scanned, JSON.stringify(phrases)).toEqual(indexed)
    }
  })

  it('folds case with SQLite tables', () => {
    expect(foldCase('ÀB\u212A')).toBe('àbk')
    expect(foldCase('a\u0000b')).toBe('ab')
    expect(foldCase('ẞ')).toBe(foldCase('ß'))
  })
})
