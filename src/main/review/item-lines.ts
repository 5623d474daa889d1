/**
 * Reads the HTML of an order item line. The store writes the product name
 * first, then one `<br><b>Option:</b>&nbsp;Value` group per chosen option,
 * for example `Sleeping Bra<br><b>Size:</b>&nbsp;Medium`.
 */

export interface ItemOption {
  name: string
  value: string
}

export interface ItemLine {
  name: string
  options: ItemOption[]
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

/** Decodes character references once; `&#65533;` stays the replacement character. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi,
    (whole, body: string) => {
      if (body.startsWith('#x') || body.startsWith('#X')) {
        return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? whole
      }
      if (body.startsWith('#')) {
        return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? whole
      }
      return NAMED_ENTITIES[body.toLowerCase()] ?? whole
    },
  )
}

function safeCodePoint(code: number): string | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) return undefined
  return String.fromCodePoint(code)
}

function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim()
}

/** Splits an item description into its name and the chosen options. */
export function parseItemLine(html: string | null | undefined): ItemLine {
  if (html === null || html === undefined || html.trim() === '') {
    return { name: '', options: [] }
  }
  const segments = html.split(/<br\s*\/?>/i)
  const nameParts: string[] = []
  const options: ItemOption[] = []
  for (const segment of segments) {
    const labelled = /^\s*<b>(.*?)<\/b>(.*)$/is.exec(segment)
    if (labelled !== null) {
      options.push({
        name: plainText(labelled[1] ?? '')
          .replace(/:$/, '')
          .trim(),
        value: plainText(labelled[2] ?? ''),
      })
      continue
    }
    const text = plainText(segment)
    // Lines before the first option belong to the name, such as a bundle's
    // "Bundle Item: BUNDLE7" heading.
    if (text !== '' && options.length === 0) nameParts.push(text)
  }
  return { name: nameParts.join(' — '), options }
}
