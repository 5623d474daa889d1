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

/** One object or array that the walk in `collectCuts` is inside. */
interface Frame {
  isObject: boolean
  /** End of the object's last kept member, or -1 before the first one. */
  keptEnd: number
  /** Start of the object's current member (its key). */
  memberStart: number
  /** True when the object's current member is to be removed. */
  remove: boolean
}

/**
 * Walks one value, appending the spans to remove in text order; returns
 * the index after the value. The containers being walked are kept on an
 * explicit stack rather than the call stack, so deep nesting cannot
 * overflow it.
 */
function collectCuts(
  text: string,
  index: number,
  names: NameSet,
  cuts: Span[],
): number {
  const stack: Frame[] = []
  let i = index
  for (;;) {
    // Read the value at `i`: enter a non-empty container, or find its end.
    let end: number
    const first = text.charCodeAt(i)
    const isContainer = first === OPEN_BRACE || first === OPEN_BRACKET
    if (stack.at(-1)?.remove || !isContainer) {
      end = skipValue(text, i)
    } else {
      const isObject = first === OPEN_BRACE
      const inner = skipWhitespace(text, i + 1)
      const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET
      if (text.charCodeAt(inner) === close) {
        end = inner + 1
      } else {
        const frame = { isObject, keptEnd: -1, memberStart: -1, remove: false }
        stack.push(frame)
        i = isObject ? openMember(text, inner, frame, names) : inner
        continue
      }
    }
    // Close the values and containers that end here, up to the next value.
    for (;;) {
      const frame = stack.at(-1)
      if (frame === undefined) return end
      const separator = skipWhitespace(text, end)
      const code = text.charCodeAt(separator)
      const close = frame.isObject ? CLOSE_BRACE : CLOSE_BRACKET
      if (code !== close && code !== COMMA) {
        const expected = frame.isObject ? 'Expected , or }' : 'Expected , or ]'
        throw new JsonSyntaxError(expected, separator)
      }
      const next = code === COMMA ? skipWhitespace(text, separator + 1) : -1
      if (frame.isObject) closeMember(frame, end, next, cuts)
      if (code === close) {
        stack.pop()
        end = separator + 1
        continue
      }
      i = frame.isObject ? openMember(text, next, frame, names) : next
      break
    }
  }
}

/**
 * Reads the member name at `index` into `frame`; returns the index of the
 * member's value.
 */
function openMember(
  text: string,
  index: number,
  frame: Frame,
  names: NameSet,
): number {
  if (text.charCodeAt(index) !== QUOTE) {
    throw new JsonSyntaxError('Expected a member name', index)
  }
  const keyEnd = skipString(text, index)
  const colon = skipWhitespace(text, keyEnd)
  if (text.charCodeAt(colon) !== COLON) {
    throw new JsonSyntaxError('Expected :', colon)
  }
  frame.memberStart = index
  frame.remove = names.matches(text, index + 1, keyEnd - 1)
  return skipWhitespace(text, colon + 1)
}

/**
 * Records the end of a kept member, or the cut of a removed one, whose
 * value ends at `valueEnd`. `next` is the start of the following member,
 * or -1 when the member was the last.
 */
function closeMember(
  frame: Frame,
  valueEnd: number,
  next: number,
  cuts: Span[],
): void {
  if (!frame.remove) {
    frame.keptEnd = valueEnd
  } else if (next >= 0) {
    // Remove the member and its comma, up to the next member.
    cuts.push({ start: frame.memberStart, end: next })
  } else {
    // The last member takes the comma before it. Cuts of removed members
    // right before it start after `keptEnd`, so this one replaces them.
    const start = frame.keptEnd >= 0 ? frame.keptEnd : frame.memberStart
    while (cuts.length > 0 && cuts[cuts.length - 1]!.start >= start) {
      cuts.pop()
    }
    cuts.push({ start, end: valueEnd })
  }
}
