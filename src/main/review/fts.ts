/**
 * Turns what a merchant types into FTS5 query text. Each word becomes a
 * quoted phrase, so operators and punctuation in the input have no special
 * meaning, and every word must match.
 */

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u
const WORD_PARTS = /[^\p{L}\p{N}]+/u

export interface FtsQuery {
  /** FTS5 MATCH expression for the word index. */
  match: string
  /** Text of each prefix phrase `"…"*` of `match`, in order. */
  phrases: string[]
  /**
   * Lower-case words with punctuation, such as `jane@example.com`, that the
   * matched document text must also contain as typed.
   */
  verify: string[]
}

function searchTokens(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => token.replaceAll('"', ''))
    .filter((token) => HAS_WORD_CHARACTER.test(token))
}

/**
 * The part of a word with punctuation that the index looks up. The index
 * splits `jane@example.com` into `jane`, `example` and `com`. A phrase of all
 * three would read the long document lists of common parts such as `com`,
 * so only one distinctive part is looked up and the whole word is checked
 * afterwards. The longest part with digits (an order or customer number) is
 * preferred, then the longest part, so `O'Brien` looks up `Brien*` rather
 * than every word that starts with `O`. Ties go to the earlier part.
 */
function distinctivePart(parts: string[]): string {
  const longest = (candidates: string[]) =>
    candidates.reduce<string | undefined>(
      (best, part) =>
        best === undefined || part.length > best.length ? part : best,
      undefined,
    )
  const withDigits = longest(parts.filter((part) => /\p{N}/u.test(part)))
  return withDigits ?? longest(parts) ?? ''
}

/**
 * Query for the word index: every word as a prefix, so `jane@exa` matches
 * `jane@example.com`. Returns null when the text has no word.
 */
export function ftsQuery(text: string): FtsQuery | null {
  const tokens = searchTokens(text)
  if (tokens.length === 0) return null
  const phrases: string[] = []
  const verify: string[] = []
  for (const token of tokens) {
    const parts = token.split(WORD_PARTS).filter((part) => part !== '')
    if (parts.length <= 1) {
      phrases.push(parts[0] ?? token)
      continue
    }
    phrases.push(distinctivePart(parts))
    verify.push(token.toLowerCase())
  }
  const match = phrases.map((phrase) => `"${phrase}"*`).join(' AND ')
  return { match, phrases, verify }
}

/**
 * Query for the trigram index, which finds text inside words such as the
 * middle of a SKU. The trigram tokenizer needs at least three characters per
 * phrase, so shorter words are left out; null when none remains.
 */
export function trigramMatchExpression(text: string): string | null {
  const tokens = trigramPhrases(text)
  if (tokens.length === 0) return null
  return tokens.map((token) => `"${token}"`).join(' AND ')
}

/**
 * Phrases of `trigramMatchExpression`: the typed words of at least three
 * characters, without double quotes.
 */
export function trigramPhrases(text: string): string[] {
  return searchTokens(text).filter((token) => [...token].length >= 3)
}

/** SQL conditions on `d.text` for the words to verify, with their parameters. */
export function verifySql(verify: string[]): { sql: string; params: string[] } {
  return {
    sql: verify.map(() => ' AND instr(lower(d.text), ?) > 0').join(''),
    params: verify,
  }
}
