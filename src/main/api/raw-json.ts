/**
 * Exact-text handling of API bodies. The archive keeps each record's raw
 * JSON exactly as the store sent it, so these helpers cut text instead of
 * re-serialising parsed values (which would change number formats, key
 * order and escapes).
 */

/** Raised when a body is not one complete JSON value; callers retry. */
export class JsonSyntaxError extends Error {
  readonly position: number

  constructor(message: string, position: number) {
    super(`${message} at character ${position}`)
    this.name = 'JsonSyntaxError'
    this.position = position
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c
const COLON = 0x3a

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09
}

function skipWhitespace(text: string, index: number): number {
  let i = index
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++
  return i
}

/** Returns the index just past the string that starts at `index`. */
function skipString(text: string, index: number): number {
  let quote = text.indexOf('"', index + 1)
  while (quote !== -1) {
    // A quote is escaped when an odd number of backslashes precede it.
    let backslashes = 0
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote + 1
    quote = text.indexOf('"', quote + 1)
  }
  throw new JsonSyntaxError('Unterminated string', index)
}

/**
 * Returns the index just past the JSON value that starts at `index`. Only
 * the structure is checked here; `JSON.parse` of the element validates the
 * rest.
 */
function skipValue(text: string, index: number): number {
  const first = text.charCodeAt(index)
  if (first === QUOTE) return skipString(text, index)
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let i = index
    while (i < text.length) {
      const code = text.charCodeAt(i)
      if (
        code === COMMA ||
        code === CLOSE_BRACE ||
        code === CLOSE_BRACKET ||
        isWhitespace(code)
      ) {
        break
      }
      i++
    }
    if (i === index) throw new JsonSyntaxError('Expected a value', index)
    return i
  }
  let depth = 0
  let i = index
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) {
      i = skipString(text, i)
      continue
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--
      if (depth === 0) return i + 1
    }
    i++
  }
  throw new JsonSyntaxError('Unexpected end of JSON', text.length)
}

/**
 * Splits a JSON array body into the exact text of each top-level element.
 * Throws `JsonSyntaxError` when the body is not a complete array, such as
 * a page cut off mid-transfer.
 */
export function splitJsonArray(text: string): string[] {
  let i = skipWhitespace(text, 0)
  if (text.charCodeAt(i) === 0xfeff) i = skipWhitespace(text, i + 1)
  if (text.charCodeAt(i) !== OPEN_BRACKET) {
    throw new JsonSyntaxError('Expected a JSON array', i)
  }
  const elements: string[] = []
  i = skipWhitespace(text, i + 1)
  if (text.charCodeAt(i) === CLOSE_BRACKET) {
    return expectEnd(text, i + 1, elements)
  }
  while (i < text.length) {
    const end = skipValue(text, i)
    elements.push(text.slice(i, end))
    i = skipWhitespace(text, end)
    const code = text.charCodeAt(i)
    if (code === CLOSE_BRACKET) return expectEnd(text, i + 1, elements)
    if (code !== COMMA) throw new JsonSyntaxError('Expected , or ]', i)
    i = skipWhitespace(text, i + 1)
  }
  throw new JsonSyntaxError('Unexpected end of JSON', text.length)
}

function expectEnd(text: string, index: number, elements: string[]): string[] {
  const rest = skipWhitespace(text, index)
  if (rest !== text.length) {
    throw new JsonSyntaxError('Unexpected text after the array', rest)
  }
  return elements
}

interface Span {
  start: number
  end: number
}

/**
 * Member names to remove, matched without slicing each key out of the
 * text: most keys fail the cheap length and first-character checks.
 */
class NameSet {
  private readonly names: Set<string>
  private readonly lengths: Set<number>
  private readonly firstCodes: Set<number>

  constructor(names: readonly string[]) {
    this.names = new Set(names)
    this.lengths = new Set(names.map((name) => name.length))
    this.firstCodes = new Set(names.map((name) => name.charCodeAt(0)))
  }

  /** Returns true when `text[start, end)` is one of the names. */
  matches(text: string, start: number, end: number): boolean {
    if (!this.lengths.has(end - start)) return false
    if (!this.firstCodes.has(text.charCodeAt(start))) return false
    return this.names.has(text.slice(start, end))
  }
}

/**
 * Removes every object member whose key is one of `fields`, at any depth,
 * and keeps all other text byte-identical. The result is valid JSON when
 * the input is.
 */
export function stripSensitiveFields(
  raw: string,
  fields: readonly string[],
): string {
  if (fields.length === 0) return raw
  // Fast path: most records contain none of the keys at all.
  if (!fields.some((field) => raw.includes(`"${field}"`))) return raw
  const cuts: Span[] = []
  collectCuts(raw, skipWhitespace(raw, 0), new NameSet(fields), cuts)
  if (cuts.length === 0) return raw
  let result = ''
  let from = 0
  for (const cut of cuts) {
    result += raw.slice(from, cut.start)
    from = cut.end
  }
  return result + raw.slice(from)
}

/**
 * Walks one value, appending the spans to remove in text order; returns
 * the index after the value.
 */
function collectCuts(
  text: string,
  index: number,
  names: NameSet,
  cuts: Span[],
): number {
  const first = text.charCodeAt(index)
  if (first === OPEN_BRACE) return collectObjectCuts(text, index, names, cuts)
  if (first === OPEN_BRACKET) {
    let i = skipWhitespace(text, index + 1)
    if (text.charCodeAt(i) === CLOSE_BRACKET) return i + 1
    for (;;) {
      i = skipWhitespace(text, collectCuts(text, i, names, cuts))
      const code = text.charCodeAt(i)
      if (code === CLOSE_BRACKET) return i + 1
      if (code !== COMMA) throw new JsonSyntaxError('Expected , or ]', i)
      i = skipWhitespace(text, i + 1)
    }
  }
  return skipValue(text, index)
}

function collectObjectCuts(
  text: string,
  index: number,
  names: NameSet,
  cuts: Span[],
): number {
  let i = skipWhitespace(text, index + 1)
  if (text.charCodeAt(i) === CLOSE_BRACE) return i + 1
  // End of the last kept member, or -1 before the first one.
  let keptEnd = -1
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) {
      throw new JsonSyntaxError('Expected a member name', i)
    }
    const memberStart = i
    const keyEnd = skipString(text, i)
    const colon = skipWhitespace(text, keyEnd)
    if (text.charCodeAt(colon) !== COLON) {
      throw new JsonSyntaxError('Expected :', colon)
    }
    const valueStart = skipWhitespace(text, colon + 1)
    const remove = names.matches(text, i + 1, keyEnd - 1)
    const valueEnd = remove
      ? skipValue(text, valueStart)
      : collectCuts(text, valueStart, names, cuts)
    i = skipWhitespace(text, valueEnd)
    const code = text.charCodeAt(i)
    if (code !== CLOSE_BRACE && code !== COMMA) {
      throw new JsonSyntaxError('Expected , or }', i)
    }
    const next = code === COMMA ? skipWhitespace(text, i + 1) : -1
    if (remove && next >= 0) {
      // Remove the member and its comma, up to the next member.
      cuts.push({ start: memberStart, end: next })
    } else if (remove) {
      // The last member takes the comma before it. Cuts of removed members
      // right before it start after `keptEnd`, so this one replaces them.
      const start = keptEnd >= 0 ? keptEnd : memberStart
      while (cuts.length > 0 && cuts[cuts.length - 1]!.start >= start) {
        cuts.pop()
      }
      cuts.push({ start, end: valueEnd })
    } else {
      keptEnd = valueEnd
    }
    if (code === CLOSE_BRACE) return i + 1
    i = next
  }
}
