/**
 * Turns what a merchant types into FTS5 query text. Each word becomes a
 * quoted phrase, so operators and punctuation in the input have no special
 * meaning, and every phrase must match.
 */

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u

function searchTokens(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => token.replaceAll('"', ''))
    .filter((token) => HAS_WORD_CHARACTER.test(token))
}

/**
 * Query for the word index: every word as a prefix phrase, so `jane@exa`
 * matches `jane@example.com`. Returns null when the text has no word.
 */
export function ftsMatchExpression(text: string): string | null {
  const tokens = searchTokens(text)
  if (tokens.length === 0) return null
  return tokens.map((token) => `"${token}"*`).join(' AND ')
}

/**
 * Query for the trigram index, which finds text inside words such as the
 * middle of a SKU. The trigram tokenizer needs at least three characters per
 * phrase, so shorter words are left out; null when none remains.
 */
export function trigramMatchExpression(text: string): string | null {
  const tokens = searchTokens(text).filter((token) => [...token].length >= 3)
  if (tokens.length === 0) return null
  return tokens.map((token) => `"${token}"`).join(' AND ')
}
