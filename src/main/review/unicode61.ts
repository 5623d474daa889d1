/**
 * The word index's tokenizer, SQLite FTS5 `unicode61` with
 * `remove_diacritics 2`, ported from SQLite 3.54.1 (fts5_tokenize.c and
 * fts5_unicode2.c) so that text the index has not read yet can be matched
 * with the same words. Token characters are the Unicode categories L*, N*
 * and Co plus code points SQLite's tables leave unassigned. A combining
 * diacritic inside a word is part of it and folds away. Folding lowers case
 * and strips diacritics from Latin letters with SQLite's own tables, not
 * JavaScript's, whose Unicode version differs.
 */
import {
  CATEGORY_BLOCK,
  CATEGORY_DATA,
  CATEGORY_MAP,
  DIACRITIC_BASES,
  DIACRITIC_RANGES,
  FOLD_OFFSETS,
  FOLD_RULES,
} from './unicode61-data.ts'

/**
 * Category numbers that form words: 0 (unassigned in SQLite's tables, which
 * SQLite always counts as a token character), L* (5 to 9 and 30), N* (13 to
 * 15) and Co (31).
 */
const TOKEN_CATEGORIES = new Set([0, 5, 6, 7, 8, 9, 30, 13, 14, 15, 31])

/** Category number of a code point in SQLite's tables. */
function category(code: number): number {
  if (code >= 1 << 20) return 0
  let low = CATEGORY_BLOCK[code >> 16]!
  let high = CATEGORY_BLOCK[(code >> 16) + 1]!
  const key = code & 0xffff
  let found = -1
  while (high > low) {
    const middle = (high + low) >> 1
    if (key >= CATEGORY_MAP[middle]!) {
      found = middle
      low = middle + 1
    } else {
      high = middle
    }
  }
  if (found < 0) return 0
  const start = CATEGORY_MAP[found]!
  const data = CATEGORY_DATA[found]!
  if (key >= start + (data >> 5)) return 0
  const kind = data & 0x1f
  if (kind !== 30) return kind
  // Category 30 alternates upper and lower case letters (Lu, Ll).
  return (key - start) & 1 ? 5 : 9
}

/** True for ASCII letters and digits, the only ASCII token characters. */
const ASCII_TOKEN = Array.from({ length: 128 }, (_, code) => {
  return code !== 0 && TOKEN_CATEGORIES.has(category(code))
})

function isTokenCharacter(code: number): boolean {
  return code < 128 ? ASCII_TOKEN[code]! : TOKEN_CATEGORIES.has(category(code))
}

/** True for the combining diacritics (U+0300 to U+0331) SQLite folds away. */
function isDiacritic(code: number): boolean {
  if (code < 768 || code > 817) return false
  return code < 800
    ? (0x08029fdf & (1 << (code - 768))) !== 0
    : (0x000361f8 & (1 << (code - 800))) !== 0
}

/** Strips a lower-case Latin letter's diacritic, or returns 0 to drop it. */
function removeDiacritic(code: number): number {
  const key = (code << 3) | 7
  let low = 0
  let high = DIACRITIC_RANGES.length - 1
  let found = 0
  while (high >= low) {
    const middle = (high + low) >> 1
    if (key >= DIACRITIC_RANGES[middle]!) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  const range = DIACRITIC_RANGES[found]!
  const last = (range >> 3) + (range & 0x07)
  return code > last ? code : DIACRITIC_BASES[found]! & 0x7f
}

/** Index of the last fold rule that starts at or before `code`. */
function foldRule(code: number): number {
  let low = 0
  let high = FOLD_RULES.length / 3 - 1
  let found = 0
  while (high >= low) {
    const middle = (high + low) >> 1
    if (code >= FOLD_RULES[middle * 3]!) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

/**
 * Folds a code point as `sqlite3Fts5UnicodeFold` does: lower case, then,
 * with `removeDiacritics`, the base letter (mode 2). Returns 0 for a
 * diacritic that folds away.
 */
export function foldCodePoint(code: number, removeDiacritics: boolean): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code
  if (code >= 65536) return code >= 66560 && code < 66600 ? code + 40 : code
  let folded = code
  const rule = foldRule(code)
  const start = FOLD_RULES[rule * 3]!
  const flags = FOLD_RULES[rule * 3 + 1]!
  const length = FOLD_RULES[rule * 3 + 2]!
  if (code < start + length && (0x01 & flags & (start ^ code)) === 0) {
    folded = (code + FOLD_OFFSETS[flags >> 1]!) & 0xffff
  }
  return removeDiacritics ? removeDiacritic(folded) : folded
}

/**
 * Reads a character's code point as SQLite's UTF-8 reader does, which turns
 * U+FFFE, U+FFFF and lone surrogates into U+FFFD.
 */
function readCode(character: string): number {
  const code = character.codePointAt(0)!
  const replaced =
    (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff
  return replaced ? 0xfffd : code
}

/** Matches a character other than printable ASCII, tab and line breaks. */
const NOT_PLAIN_ASCII = /[^\t\n\r -~]/

/** True when the text has only printable ASCII, tabs and line breaks. */
export function isPlainAscii(text: string): boolean {
  return !NOT_PLAIN_ASCII.test(text)
}

const OTHER_CHARACTER = /[^\t\n\r -~]/gu

/**
 * Folds text for a quick substring test: characters other than ASCII as
 * the tokenizer folds them, then all of it by `toLowerCase`, which folds
 * ASCII cheaply. For each word `tokenize` returns, `word.toLowerCase()` is
 * a substring of the result, because `toLowerCase` maps each character on
 * its own (except a final capital sigma, which the tokenizer already folds).
 */
export function foldText(text: string): string {
  const folded = isPlainAscii(text)
    ? text
    : text.replace(OTHER_CHARACTER, (character) => {
        const code = foldCodePoint(readCode(character), true)
        return code === 0 ? '' : String.fromCodePoint(code)
      })
  return folded.toLowerCase()
}

/** Matches the characters `foldCase` changes or drops. */
const CASED_CHARACTER = /[A-Z\0]|[^\0-\x7f]/gu

/**
 * Folds text as the FTS5 `trigram` tokenizer does by default: each code
 * point to lower case with SQLite's tables, diacritics kept, and a NUL
 * dropped. Text contains a trigram phrase exactly when its folded form
 * contains the phrase's folded form.
 */
export function foldCase(text: string): string {
  return text.replace(CASED_CHARACTER, (character) => {
    const code = foldCodePoint(readCode(character), false)
    return code === 0 ? '' : String.fromCodePoint(code)
  })
}

/** Only ASCII letters and digits are token characters. */
const ASCII_SEPARATORS = /[^a-z0-9]+/

const SEPARATOR = 1
const WORD = 2
const DIACRITIC = 3

/**
 * Kinds of the Basic Multilingual Plane's code points, filled in as they
 * are met (0 until then), so long texts skip the table searches.
 */
const BMP_KINDS = new Uint8Array(65536)

function characterKind(code: number): number {
  const known = code < 65536 ? BMP_KINDS[code]! : 0
  if (known !== 0) return known
  let kind = SEPARATOR
  if (isTokenCharacter(code)) kind = WORD
  else if (isDiacritic(code)) kind = DIACRITIC
  if (code < 65536) BMP_KINDS[code] = kind
  return kind
}

/**
 * Splits text into the folded words the word index stores, in order.
 * NOTE: SQLite reads the stored UTF-8 bytes, while this reads the decoded
 * string, so text with invalid UTF-8 can split differently.
 */
export function tokenize(text: string): string[] {
  if (isPlainAscii(text)) {
    return text
      .toLowerCase()
      .split(ASCII_SEPARATORS)
      .filter((word) => word !== '')
  }
  const tokens: string[] = []
  let word: string | null = null
  for (const character of text) {
    const code = readCode(character)
    const kind = characterKind(code)
    // A combining diacritic continues a word but cannot start one.
    if (kind === WORD || (word !== null && kind === DIACRITIC)) {
      const folded = foldCodePoint(code, true)
      word = (word ?? '') + (folded === 0 ? '' : String.fromCodePoint(folded))
      continue
    }
    if (word !== null) tokens.push(word)
    word = null
  }
  if (word !== null) tokens.push(word)
  return tokens
}
