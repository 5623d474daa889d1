/**
 * One pass over a record's JSON text that finds what `JSON.parse` cannot
 * tell: whether a number literal could read back with other digits through
 * a binary float, and the source text of each element of the child lists.
 * Child rows then store their part of the record exactly as received,
 * without serializing the parsed value again.
 */

/** The result of scanning one record's JSON text. */
export interface RecordScan {
  /**
   * True when a number literal has a trailing zero after its decimal
   * point, an exponent, more than 15 digits, or is minus zero.
   */
  inexactNumbers: boolean
  /**
   * Source text of each element of the requested top-level arrays, by key.
   * A key that is absent or not an array has no entry.
   */
  lists: Map<string, string[]>
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const MINUS = 0x2d
const PLUS = 0x2b
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39
const LOWER_E = 0x65
const UPPER_E = 0x45

/**
 * Nesting depth at which the scan gives up, because each level is a call
 * and a record nested 100,000 deep would overflow the stack. The caller
 * then falls back to the parsed value.
 */
const MAX_DEPTH = 512

/** Raised on text that the scan does not handle; the caller falls back. */
class ScanError extends Error {}

class Scanner {
  readonly text: string
  position = 0
  depth = 0
  inexactNumbers = false

  constructor(text: string) {
    this.text = text
  }

  enter(): void {
    this.depth += 1
    if (this.depth > MAX_DEPTH) throw new ScanError()
  }

  skipWhitespace(): void {
    const text = this.text
    let position = this.position
    for (;;) {
      const code = text.charCodeAt(position)
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) {
        break
      }
      position += 1
    }
    this.position = position
  }

  expect(code: number): void {
    this.skipWhitespace()
    if (this.text.charCodeAt(this.position) !== code) throw new ScanError()
    this.position += 1
  }

  /** Moves past a string whose opening quote is at `position`. */
  skipString(): void {
    const text = this.text
    let end = this.position
    for (;;) {
      end = text.indexOf('"', end + 1)
      if (end === -1) throw new ScanError()
      // The quote ends the string unless an odd number of backslashes
      // precedes it.
      let backslashes = 0
      while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) {
        backslashes += 1
      }
      if (backslashes % 2 === 0) break
    }
    this.position = end + 1
  }

  /** Reads a key: the raw text between the quotes, escapes undecoded. */
  readKey(): string {
    const start = this.position + 1
    this.skipString()
    return this.text.slice(start, this.position - 1)
  }

  skipNumber(): void {
    const text = this.text
    const start = this.position
    let position = start
    let digits = 0
    let dot = false
    let exponent = false
    for (;;) {
      const code = text.charCodeAt(position)
      if (code >= ZERO && code <= NINE) {
        if (!exponent) digits += 1
      } else if (code === DOT) dot = true
      else if (code === LOWER_E || code === UPPER_E) exponent = true
      else if (code !== MINUS && code !== PLUS) break
      position += 1
    }
    if (position === start) throw new ScanError()
    const last = text.charCodeAt(position - 1)
    if (
      exponent ||
      digits > 15 ||
      (dot && last === ZERO) ||
      (text.charCodeAt(start) === MINUS &&
        position - start === 2 &&
        last === ZERO)
    ) {
      this.inexactNumbers = true
    }
    this.position = position
  }

  skipValue(): void {
    this.skipWhitespace()
    const code = this.text.charCodeAt(this.position)
    if (code === QUOTE) this.skipString()
    else if (code === OPEN_BRACE) this.skipObject(undefined, undefined)
    else if (code === OPEN_BRACKET) this.readArray(false)
    else if (code === MINUS || (code >= ZERO && code <= NINE)) this.skipNumber()
    else this.skipWord()
  }

  /** Moves past `true`, `false` or `null`. */
  skipWord(): void {
    const text = this.text
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, this.position)) {
        this.position += word.length
        return
      }
    }
    throw new ScanError()
  }

  /**
   * Moves past an array. With `keep`, returns the source text of each
   * element, without surrounding white space.
   */
  readArray(keep: boolean): string[] {
    const elements: string[] = []
    this.enter()
    this.position += 1
    this.skipWhitespace()
    if (this.text.charCodeAt(this.position) === CLOSE_BRACKET) {
      this.position += 1
      this.depth -= 1
      return elements
    }
    for (;;) {
      this.skipWhitespace()
      const start = this.position
      this.skipValue()
      if (keep) elements.push(this.text.slice(start, this.position))
      this.skipWhitespace()
      const code = this.text.charCodeAt(this.position)
      this.position += 1
      if (code === CLOSE_BRACKET) {
        this.depth -= 1
        return elements
      }
      if (code !== COMMA) throw new ScanError()
    }
  }

  /**
   * Moves past an object. With `fields`, puts into `found` the elements of
   * each member array whose key is in `fields`. The last of repeated keys
   * wins, as in `JSON.parse`, and a member that is not an array gets none.
   */
  skipObject(
    fields: ReadonlySet<string> | undefined,
    found: Map<string, string[]> | undefined,
  ): void {
    this.enter()
    this.position += 1
    this.skipWhitespace()
    if (this.text.charCodeAt(this.position) === CLOSE_BRACE) {
      this.position += 1
      this.depth -= 1
      return
    }
    for (;;) {
      this.skipWhitespace()
      if (this.text.charCodeAt(this.position) !== QUOTE) throw new ScanError()
      const key = this.readKey()
      this.expect(COLON)
      this.skipWhitespace()
      const requested = fields !== undefined && fields.has(key)
      if (requested && this.text.charCodeAt(this.position) === OPEN_BRACKET) {
        found!.set(key, this.readArray(true))
      } else {
        if (requested) found!.delete(key)
        this.skipValue()
      }
      this.skipWhitespace()
      const code = this.text.charCodeAt(this.position)
      this.position += 1
      if (code === CLOSE_BRACE) {
        this.depth -= 1
        return
      }
      if (code !== COMMA) throw new ScanError()
    }
  }
}

/**
 * Scans the JSON text of one record (an object) for inexact numbers and
 * the element texts of the top-level arrays named in `fields`. Keys are
 * compared as written, so a key spelled with escapes is not found. Returns
 * undefined when the text is not a JSON object, so the caller can fall
 * back to the parsed value.
 */
export function scanRecord(
  raw: string,
  fields: readonly string[],
): RecordScan | undefined {
  const scanner = new Scanner(raw)
  const lists = new Map<string, string[]>()
  try {
    scanner.skipWhitespace()
    if (raw.charCodeAt(scanner.position) !== OPEN_BRACE) return undefined
    scanner.skipObject(new Set(fields), lists)
    scanner.skipWhitespace()
    if (scanner.position !== raw.length) return undefined
  } catch (error) {
    if (error instanceof ScanError) return undefined
    throw error
  }
  return { inexactNumbers: scanner.inexactNumbers, lists }
}
